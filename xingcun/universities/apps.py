from django.apps import AppConfig


class UniversitiesConfig(AppConfig):
    name = "xingcun.universities"
    label = "universities"
    verbose_name = "科技进乡村"

    def ready(self) -> None:
        from xingcun.universities import indicators, registries  # noqa: F401  (registers them)
