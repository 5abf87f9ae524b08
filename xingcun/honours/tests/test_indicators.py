"""Honours figures and model villages' income against independent counts, two nodes, two years."""

import datetime as dt
from decimal import Decimal

from django_scopes import scopes_disabled

from xingcun.honours.models import Honour, MediaReport, ModelCase, ModelVillage
from xingcun.honours.tests.test_honours import profile
from xingcun.indicators.tests.support import value
from xingcun.people.tests.factories import PersonFactory


def test_honour_figures_match_the_records(tree):
    person = PersonFactory(area=tree.village_b)
    with scopes_disabled():  # fixture rows
        rows = [
            Honour.objects.create(area=tree.village_a, title="全国民主法治示范村", level="national", year=2014, recipient="village"),
            Honour.objects.create(area=tree.village_a, title="省文明村", level="provincial", year=2020, recipient="village"),
            Honour.objects.create(area=tree.village_b, title="优秀党员", level="district", year=2019, recipient="person", person=person),
            Honour.objects.create(area=tree.village_a2, title="市级精品村", level="municipal", year=2021, recipient="village"),
        ]  # fmt: skip
        ModelCase.objects.create(
            area=tree.village_a, title="好家风", kind="village", year=2019, summary="x"
        )
        for outlet, level, date in [
            ("人民日报", "national", dt.date(2019, 6, 1)),
            ("浙江日报", "provincial", dt.date(2020, 3, 1)),
        ]:
            MediaReport.objects.create(
                area=tree.village_a, outlet=outlet, level=level, date=date, title=outlet
            )
    for area in (tree.district, tree.town_a):
        for year in (2019, 2020):
            mine = [h for h in rows if h.year <= year and h.area.path.startswith(area.path)]
            assert value("honours.total", area, year) == len(mine)
            assert value("honours.village", area, year) == sum(
                h.recipient == "village" for h in mine
            )
            assert value("honours.national", area, year) == sum(h.level == "national" for h in mine)
    assert value("honours.total", tree.district, 2020) == 3
    assert value("honours.village", tree.village_a, 2020) == 2
    assert value("honours.cases", tree.district, 2019) == 1
    assert value("honours.media", tree.town_a, 2019) == 1
    assert value("honours.media", tree.town_a, 2020) == 2
    assert value("honours.media_national", tree.district, 2020) == 1


def test_model_village_income_is_compared_with_each_villages_base_year(tree):
    with scopes_disabled():
        ModelVillage.objects.create(area=tree.village_a, since_year=2015, base_year=2012)
        ModelVillage.objects.create(area=tree.village_b, since_year=2018, base_year=2016)
    profile(tree.village_a, 2012, Decimal(15000))
    profile(tree.village_a, 2019, Decimal(30000))
    profile(tree.village_a, 2020, Decimal(33000))
    profile(tree.village_b, 2016, Decimal(20000))
    profile(tree.village_b, 2020, Decimal(26000))
    profile(tree.village_a2, 2020, Decimal(99999))  # not a model village
    assert value("honours.model_income_index", tree.village_a, 2019) == Decimal(200)
    assert value("honours.model_income_index", tree.village_a, 2020) == Decimal(220)
    assert value("honours.model_income_now", tree.district, 2020) == Decimal(59000)
    assert value("honours.model_income_base", tree.district, 2020) == Decimal(35000)
    assert value("honours.model_income_base", tree.district, 2019) == Decimal(
        15000
    )  # b has no 2019
    assert value("honours.model_income", tree.town_a, 2020) == Decimal(33000)
    assert value("honours.model_villages", tree.district, 2017) == 1
    assert value("honours.model_villages", tree.district, 2020) == 2
