"""Indicator texts are data in each app's indicators.py; indicators/messages.py lists them for
makemessages, so the English catalogue can translate them."""

from __future__ import annotations

from django.utils import translation

from xingcun.indicators import engine, messages, selectors, units


def test_every_indicator_text_is_listed_for_translation():
    with translation.override("zh-hans"):
        texts = {str(i.name) for i in engine.catalogue()}
        texts |= {str(i.description) for i in engine.catalogue()}
    texts |= {spec.title for spec in selectors.CHARTS}
    missing = sorted(texts - set(messages.MESSAGES))
    assert {str(u) for u in messages.UNITS} == set(units.UNITS)
    assert missing == [], f"add to xingcun/indicators/messages.py: {missing}"


def test_indicator_names_and_units_follow_the_language():
    ind = engine.get("villages.collective_income")
    with translation.override("en"):
        assert str(ind.name) == ind.name_en
        assert units.format_value(units.Decimal("36"), "万元").endswith("yuan")
    with translation.override("zh-hans"):
        assert str(ind.name) == "村级集体经济收入"
