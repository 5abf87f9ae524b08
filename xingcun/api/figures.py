"""Figures and reports (filled in below)."""

from __future__ import annotations

from django.urls import URLPattern


def urls() -> list[URLPattern]:
    return []
