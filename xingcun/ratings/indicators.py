"""Star-rating figures, registered in the indicator engine."""

from __future__ import annotations
