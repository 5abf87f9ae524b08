#!/usr/bin/env python3
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.exceptions import ImproperlyConfigured

    try:
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018  (load the settings: a missing variable says so here)
    except ImproperlyConfigured as e:
        sys.exit(f"配置错误：{e}")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
