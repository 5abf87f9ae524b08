from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlliancesConfig(AppConfig):
    name = "xingcun.alliances"
    label = "alliances"
    verbose_name = _("党建联盟")

    def ready(self) -> None:
        from xingcun.alliances import indicators, registries  # noqa: F401  (register them)
