from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperatorsConfig(AppConfig):
    name = "xingcun.operators"
    label = "operators"
    verbose_name = _("乡村运营")

    def ready(self) -> None:
        from xingcun.operators import indicators, registries  # noqa: F401  (registers them)
