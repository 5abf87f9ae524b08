from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "xingcun.reporting"
    label = "reporting"
    verbose_name = "报送与审核"

    def ready(self) -> None:
        from xingcun.core import datasets, registry
        from xingcun.reporting import locks, tasks  # noqa: F401

        datasets.collect()
        registry.add_write_guard(locks.check_writable)
