from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "xingcun.people"
    label = "people"
    verbose_name = "人员与党员"

    def ready(self) -> None:
        from xingcun.people import registries  # noqa: F401  (registers the registry)
