"""Vanguard-index figures, registered in the indicator engine."""

from __future__ import annotations
