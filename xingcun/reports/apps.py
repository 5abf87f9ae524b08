from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "xingcun.reports"
    label = "reports"
    verbose_name = _("年度工作报告")

    def ready(self) -> None:
        import logging

        # WeasyPrint logs every layout step at INFO; a report would flood the console.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
