from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "xingcun.projects"
    label = "projects"
    verbose_name = "投资项目"

    def ready(self) -> None:
        from xingcun.projects import registries  # noqa: F401  (registers the registry)
