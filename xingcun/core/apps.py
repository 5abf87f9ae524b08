from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "xingcun.core"
    label = "core"
    verbose_name = "平台核心"

    def ready(self) -> None:
        from xingcun.core.permissions import collect

        collect()  # every app's permissions, grants and menu entries
