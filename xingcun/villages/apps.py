from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VillagesConfig(AppConfig):
    name = "xingcun.villages"
    label = "villages"
    verbose_name = _("村情档案")

    def ready(self) -> None:
        from xingcun.villages import registries  # noqa: F401  (registers the registry)
