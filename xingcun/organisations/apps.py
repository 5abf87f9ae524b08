from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "xingcun.organisations"
    label = "organisations"
    verbose_name = "党组织"

    def ready(self) -> None:
        from xingcun.organisations import registries  # noqa: F401  (registers the registry)
