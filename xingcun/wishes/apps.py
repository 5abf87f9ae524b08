from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WishesConfig(AppConfig):
    name = "xingcun.wishes"
    label = "wishes"
    verbose_name = _("微心愿与走亲连心")

    def ready(self) -> None:
        from xingcun.wishes import indicators, registries  # noqa: F401  (register both)
