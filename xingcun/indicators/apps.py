from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "xingcun.indicators"
    label = "indicators"
    verbose_name = _("指标与驾驶舱")

    def ready(self) -> None:
        from xingcun.core import imports
        from xingcun.indicators import (
            foundation,  # noqa: F401  (registers the indicators)
            tasks,
        )

        imports.AFTER_IMPORT.append(tasks.warm_soon)
