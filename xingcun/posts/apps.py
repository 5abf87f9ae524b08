from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostsConfig(AppConfig):
    name = "xingcun.posts"
    label = "posts"
    verbose_name = _("设岗定责")

    def ready(self) -> None:
        from xingcun.posts import indicators, registries  # noqa: F401  (register both)
