from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EcommerceConfig(AppConfig):
    name = "xingcun.ecommerce"
    label = "ecommerce"
    verbose_name = _("电商与新农人党组织")

    def ready(self) -> None:
        from xingcun.ecommerce import indicators, registries  # noqa: F401  (register them)
