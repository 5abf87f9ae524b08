from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "xingcun.finance"
    label = "finance"
    verbose_name = "政银共建"

    def ready(self) -> None:
        from xingcun.finance import indicators, registries  # noqa: F401  (registers them)
