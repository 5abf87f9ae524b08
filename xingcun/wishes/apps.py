from django.apps import AppConfig


class WishesConfig(AppConfig):
    name = "xingcun.wishes"
    label = "wishes"
    verbose_name = "微心愿与走亲连心"

    def ready(self) -> None:
        from xingcun.wishes import indicators, registries  # noqa: F401  (register both)
