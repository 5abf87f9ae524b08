from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "xingcun.api"
    label = "api"
    verbose_name = _("数据接口")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from xingcun.core import audit

        audit.register_labels(
            {
                "api_token.created": str(_("创建接口令牌")),
                "api_token.revoked": str(_("撤销接口令牌")),
            }
        )
