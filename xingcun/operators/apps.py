from django.apps import AppConfig


class OperatorsConfig(AppConfig):
    name = "xingcun.operators"
    label = "operators"
    verbose_name = "乡村运营"

    def ready(self) -> None:
        from xingcun.operators import indicators, registries  # noqa: F401  (registers them)
