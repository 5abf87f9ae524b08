from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "xingcun.indicators"
    label = "indicators"
    verbose_name = "指标与驾驶舱"

    def ready(self) -> None:
        from xingcun.indicators import foundation  # noqa: F401  (registers the indicators)
