"""Each domain app may ship `<app>/demo.py` with
`generate(*, county: Area, rng: random.Random, scale: float) -> dict[str, int]`; the demo generator
calls them in INSTALLED_APPS order after the foundation data, each with its own seeded RNG so that
adding one app does not change another app's data."""

from __future__ import annotations

import importlib
import random
from collections.abc import Callable, Mapping

from django.apps import apps

from xingcun.core.models import Area

# Told after each stage of the demo: the stage's name and what it made.
Progress = Callable[[str, Mapping[str, int]], None]


def run_app_demos(
    *, county: Area, seed: int, scale: float, progress: Progress | None = None
) -> dict[str, dict[str, int]]:
    results: dict[str, dict[str, int]] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("xingcun.") or config.label == "demo":
            continue
        module_name = f"{config.name}.demo"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as e:
            if e.name == module_name:
                continue
            raise
        rng = random.Random(f"{seed}:{config.label}")  # str seeds hash with SHA-512: stable
        results[config.label] = module.generate(county=county, rng=rng, scale=scale)
        if progress is not None:
            progress(str(config.verbose_name), results[config.label])
    return results
