from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetitionsConfig(AppConfig):
    name = "xingcun.competitions"
    label = "competitions"
    verbose_name = _("临时党支部与党小组比拼")

    def ready(self) -> None:
        from xingcun.competitions import indicators, registries  # noqa: F401  (register both)
