from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PairingConfig(AppConfig):
    name = "xingcun.pairing"
    label = "pairing"
    verbose_name = _("村社结对共建")

    def ready(self) -> None:
        from xingcun.pairing import indicators, registries  # noqa: F401  (register them)
