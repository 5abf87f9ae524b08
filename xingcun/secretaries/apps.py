from django.apps import AppConfig


class SecretariesConfig(AppConfig):
    name = "xingcun.secretaries"
    label = "secretaries"
    verbose_name = "第一书记与消薄"

    def ready(self) -> None:
        from xingcun.secretaries import indicators, registries  # noqa: F401  (registers them)
