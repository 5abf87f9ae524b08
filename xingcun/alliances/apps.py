from django.apps import AppConfig


class AlliancesConfig(AppConfig):
    name = "xingcun.alliances"
    label = "alliances"
    verbose_name = "党建联盟"

    def ready(self) -> None:
        from xingcun.alliances import indicators, registries  # noqa: F401  (register them)
