from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VanguardConfig(AppConfig):
    name = "xingcun.vanguard"
    label = "vanguard"
    verbose_name = _("农村党员先锋指数")

    def ready(self) -> None:
        from xingcun.vanguard import indicators, registries  # noqa: F401  (registers them)
