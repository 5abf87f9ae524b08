from django.apps import AppConfig


class EcommerceConfig(AppConfig):
    name = "xingcun.ecommerce"
    label = "ecommerce"
    verbose_name = "电商与新农人党组织"

    def ready(self) -> None:
        from xingcun.ecommerce import indicators, registries  # noqa: F401  (register them)
