from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecretariesConfig(AppConfig):
    name = "xingcun.secretaries"
    label = "secretaries"
    verbose_name = _("第一书记与消薄")

    def ready(self) -> None:
        from xingcun.secretaries import indicators, registries  # noqa: F401  (registers them)
