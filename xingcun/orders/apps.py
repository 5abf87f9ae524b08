from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "xingcun.orders"
    label = "orders"
    verbose_name = "人才服务与点单"

    def ready(self) -> None:
        from xingcun.orders import indicators, registries  # noqa: F401  (registers them)
