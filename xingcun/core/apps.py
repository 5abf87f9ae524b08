from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "xingcun.core"
    label = "core"
    verbose_name = "平台核心"

    def ready(self) -> None:
        # Each app declares its background tasks and periodic jobs in its own `tasks.py`.
        autodiscover_modules("tasks")
