"""The demo data of the three 组织振兴 apps makes every one of their figures non-zero."""

import random

import pytest
from django_scopes import scope, scopes_disabled

from xingcun.alliances import demo as alliances_demo
from xingcun.demo import generator
from xingcun.ecommerce import demo as ecommerce_demo
from xingcun.indicators import engine
from xingcun.pairing import demo as pairing_demo

APPS = (("pairing", pairing_demo), ("alliances", alliances_demo), ("ecommerce", ecommerce_demo))
PREFIXES = ("pairing.", "alliances.", "ecommerce.", "newfarmer.")


@pytest.fixture
def demo(db, monkeypatch):
    # the foundation only: the other apps' demos are theirs to test
    monkeypatch.setattr(generator, "run_app_demos", lambda **kwargs: {})
    result = generator.generate(scale=0.02)
    counts = {}
    with scopes_disabled():  # the demo generator runs its app demos unscoped, like this
        for label, module in APPS:
            counts[label] = module.generate(
                county=result.county, rng=random.Random(f"1:{label}"), scale=0.02
            )
    return result.county, counts


def test_demo_makes_every_figure_of_the_part_non_zero(demo):
    county, counts = demo
    codes = [i.code for i in engine.catalogue() if i.code.startswith(PREFIXES)]
    with scope(area=county.path):
        values = {
            code: engine.evaluate(code, area=county, period=engine.Period.year(2020)).value
            for code in codes
        }
    assert len(codes) >= 25
    assert all(values[code] for code in codes), {c: v for c, v in values.items() if not v}
    assert counts["alliances"]["alliances"] == 1
    assert counts["ecommerce"]["newfarmer_branches"] == 1
    with scope(area=county.path):
        towns = engine.evaluate(
            "ecommerce.taobao_towns", area=county, period=engine.Period.year(2020)
        )
        rate = engine.evaluate("ecommerce.coverage", area=county, period=engine.Period.year(2020))
    assert 1 <= towns.value <= 3
    assert rate.value > 85
