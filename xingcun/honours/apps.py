from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HonoursConfig(AppConfig):
    name = "xingcun.honours"
    label = "honours"
    verbose_name = _("荣誉与典型")

    def ready(self) -> None:
        from xingcun.honours import indicators, registries  # noqa: F401  (registers them)
