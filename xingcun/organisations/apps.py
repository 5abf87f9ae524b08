from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "xingcun.organisations"
    label = "organisations"
    verbose_name = _("党组织")

    def ready(self) -> None:
        from xingcun.organisations import registries  # noqa: F401  (registers the registry)
