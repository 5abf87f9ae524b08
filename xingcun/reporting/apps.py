from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class ReportingConfig(AppConfig):
    name = "xingcun.reporting"
    label = "reporting"
    verbose_name = gettext_lazy("报送与审核")

    def ready(self) -> None:
        from xingcun.core import datasets, places, registry
        from xingcun.indicators import engine
        from xingcun.reporting import approval, locks, panorama, tasks  # noqa: F401

        datasets.collect()
        registry.add_write_guard(locks.check_writable)
        engine.add_approval_source(approval.SOURCE)
        places.set_page(panorama.url_for)
