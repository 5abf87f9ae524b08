from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class ReportingConfig(AppConfig):
    name = "xingcun.reporting"
    label = "reporting"
    verbose_name = gettext_lazy("报送与审核")

    def ready(self) -> None:
        from xingcun.core import registry
        from xingcun.reporting import datasets, locks, permissions, tasks  # noqa: F401

        permissions.install()
        datasets.collect()
        registry.add_write_guard(locks.check_writable)
