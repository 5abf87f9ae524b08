from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UniversitiesConfig(AppConfig):
    name = "xingcun.universities"
    label = "universities"
    verbose_name = _("科技进乡村")

    def ready(self) -> None:
        from xingcun.universities import indicators, registries  # noqa: F401  (registers them)
