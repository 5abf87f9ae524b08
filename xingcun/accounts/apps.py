from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "xingcun.accounts"
    label = "accounts"
    verbose_name = _("账号与角色")

    def ready(self) -> None:
        from axes.signals import user_locked_out

        from xingcun.accounts import signals
        from xingcun.core import audit

        audit.register_labels(signals.LABELS)
        user_locked_out.connect(signals.log_locked_out, dispatch_uid="xingcun-audit-lockout")
