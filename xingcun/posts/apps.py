from django.apps import AppConfig


class PostsConfig(AppConfig):
    name = "xingcun.posts"
    label = "posts"
    verbose_name = "设岗定责"

    def ready(self) -> None:
        from xingcun.posts import indicators, registries  # noqa: F401  (register both)
