from typing import Any

from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules


def _create_cache_table(*, using: str = "default", **kwargs: Any) -> None:
    """The database cache's table (production without Redis) exists wherever the schema does."""
    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "xingcun.core"
    label = "core"
    verbose_name = "平台核心"

    def ready(self) -> None:
        from xingcun.core.permissions import collect

        collect()  # every app's permissions, grants and menu entries
        # Each app declares its background tasks and periodic jobs in its own `tasks.py`.
        autodiscover_modules("tasks")
        post_migrate.connect(_create_cache_table, sender=self)
