from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "xingcun.people"
    label = "people"
    verbose_name = _("人员与党员")

    def ready(self) -> None:
        from xingcun.people import registries  # noqa: F401  (registers the registry)
