from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "xingcun.finance"
    label = "finance"
    verbose_name = _("政银共建")

    def ready(self) -> None:
        from xingcun.finance import indicators, registries  # noqa: F401  (registers them)
