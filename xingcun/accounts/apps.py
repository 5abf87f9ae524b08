from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "xingcun.accounts"
    label = "accounts"
    verbose_name = "账号与角色"
