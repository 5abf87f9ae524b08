from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "xingcun.reports"
    label = "reports"
    verbose_name = "年度工作报告"

    def ready(self) -> None:
        import logging

        # WeasyPrint logs every layout step at INFO; a report would flood the console.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

        from xingcun.indicators import selectors as indicator_selectors
        from xingcun.reports import selectors

        if selectors.indicator_uses not in indicator_selectors.USAGE_SOURCES:
            indicator_selectors.USAGE_SOURCES.append(selectors.indicator_uses)
