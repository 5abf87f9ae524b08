"""Star-rating figures against an independent count over the ratings, two nodes, two years."""

from xingcun.indicators.tests.support import value
from xingcun.ratings.models import DimensionScore, Rating
from xingcun.ratings.tests.test_services import run_year, scored


def test_star_figures_match_the_final_ratings(world):
    w = world
    run_year(w, 2019, (99, 90, 88, 70, 70, 66, 62, 50, 70, 80))
    run_year(w, 2020, (99, 96, 80, 86, 70, 70, 55, 62, 90, 80))
    scored(w, w.orgs[0], 99, year=2021)  # not final: never counted
    ratings = list(Rating._base_manager.select_related("area"))

    def count(area, year, test=lambda r: True):
        return sum(
            1 for r in ratings
            if r.year == year and r.status == "final" and r.area.path.startswith(area.path)
            and test(r)
        )  # fmt: skip

    checks = {
        "ratings.rated": lambda r: True,
        "ratings.five_star": lambda r: r.star == 5,
        "ratings.four_star": lambda r: r.star == 4,
        "ratings.starred": lambda r: r.star >= 1,
        "ratings.lagging": lambda r: r.star == 0,
        "ratings.raised": lambda r: r.change == "raised",
        "ratings.lowered": lambda r: r.change == "lowered",
    }
    for area in (w.tree.district, w.tree.town_b):
        for year in (2019, 2020):
            for code, test in checks.items():
                assert value(code, area, year) == count(area, year, test), (code, area, year)
    assert value("ratings.rated", w.tree.district, 2020) == 10
    assert value("ratings.five_star", w.tree.district, 2020) == 1
    assert value("ratings.raised", w.tree.district, 2020) > 0
    family = [
        s.town_score
        for s in DimensionScore._base_manager.filter(
            rating__year=2020, rating__status="final", dimension__is_family=True
        )
    ]
    assert value("ratings.family_score", w.tree.district, 2020) == sum(family) / len(family)
