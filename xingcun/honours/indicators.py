"""Honours, model cases, media reports and model villages' income, in the indicator engine."""

from __future__ import annotations
