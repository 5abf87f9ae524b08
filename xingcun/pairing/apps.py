from django.apps import AppConfig


class PairingConfig(AppConfig):
    name = "xingcun.pairing"
    label = "pairing"
    verbose_name = "村社结对共建"

    def ready(self) -> None:
        from xingcun.pairing import indicators, registries  # noqa: F401  (register them)
