from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "xingcun.projects"
    label = "projects"
    verbose_name = _("投资项目")

    def ready(self) -> None:
        from xingcun.projects import registries  # noqa: F401  (registers the registry)
