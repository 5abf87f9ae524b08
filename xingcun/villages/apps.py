from django.apps import AppConfig


class VillagesConfig(AppConfig):
    name = "xingcun.villages"
    label = "villages"
    verbose_name = "村情档案"

    def ready(self) -> None:
        from xingcun.villages import registries  # noqa: F401  (registers the registry)
