from django.apps import AppConfig


class HonoursConfig(AppConfig):
    name = "xingcun.honours"
    label = "honours"
    verbose_name = "荣誉与典型"

    def ready(self) -> None:
        from xingcun.honours import indicators, registries  # noqa: F401  (registers them)
