from django.apps import AppConfig


class RatingsConfig(AppConfig):
    name = "xingcun.ratings"
    label = "ratings"
    verbose_name = "星级基层党组织"

    def ready(self) -> None:
        from xingcun.ratings import indicators, registries  # noqa: F401  (registers them)
