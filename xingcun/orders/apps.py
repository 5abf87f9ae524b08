from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "xingcun.orders"
    label = "orders"
    verbose_name = _("人才服务与点单")

    def ready(self) -> None:
        from xingcun.orders import indicators, registries  # noqa: F401  (registers them)
