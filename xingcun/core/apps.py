from typing import Any

from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


def _create_cache_table(*, using: str = "default", **kwargs: Any) -> None:
    """The database cache's table (production without Redis) exists wherever the schema does."""
    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "xingcun.core"
    label = "core"
    verbose_name = _("平台核心")

    def ready(self) -> None:
        from xingcun.core.permissions import collect

        collect()  # every app's permissions, grants and menu entries
        # Each app declares its background tasks and periodic jobs in its own `tasks.py`.
        autodiscover_modules("tasks")
        post_migrate.connect(_create_cache_table, sender=self)
        # After every migrate (and flush): the table-version triggers on every table (idempotent).
        from xingcun.core import versions

        post_migrate.connect(versions.install, sender=self, dispatch_uid="xingcun.versions")
