from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RatingsConfig(AppConfig):
    name = "xingcun.ratings"
    label = "ratings"
    verbose_name = _("星级基层党组织")

    def ready(self) -> None:
        from xingcun.ratings import indicators, registries  # noqa: F401  (registers them)
