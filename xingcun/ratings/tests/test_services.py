import datetime as dt
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled

from xingcun.core.permissions import Role
from xingcun.organisations.tests.factories import OrganisationFactory
from xingcun.ratings import selectors, services
from xingcun.ratings.models import Dimension, DimensionScore, Rating, StarScheme
from xingcun.ratings.tests.factories import DimensionFactory, StarSchemeFactory

D = Decimal
CODES = ("team", "members", "life", "development", "service", "family")


def same(score):
    return dict.fromkeys(CODES, score)


def self_score(w, org, year=2020, score=90, actor=None):
    with scope(area=w.tree.district.path):
        return services.rating_self_score(
            organisation=org,
            year=year,
            scores=same(score),
            note="",
            actor=actor or w.user(Role.VILLAGE, org.area),
        )


def scored(w, org, town_score, year=2020):
    rating = self_score(w, org, year)
    with scope(area=w.tree.district.path):
        return services.rating_town_score(
            rating=rating,
            scores=same(town_score),
            note="",
            actor=w.user(Role.TOWN, org.area.parent),
        )


def confirm(w, rating, star):
    with scope(area=w.tree.district.path):
        return services.rating_confirm(rating=rating, star=star, note="", actor=w.district)


def test_the_default_scheme_weighs_good_family_style_among_six_dimensions(world):
    with scope(area=world.tree.village_a.path):  # a village reads the district's dimensions
        dims = selectors.dimensions(world.scheme)
    assert sum(d.weight for d in dims) == D(100)
    assert [d.code for d in dims if d.is_family] == ["family"]
    with scope(area=world.tree.district.path):
        assert services.ensure_defaults(district=world.tree.district).pk == world.scheme.pk


def test_self_score_computes_the_weighted_total(world, make_user):
    scores = same(80) | {"family": 100}  # family weighs 15%
    village = make_user(Role.VILLAGE, world.orgs[0].area)
    with scope(area=world.orgs[0].area.path):
        rating = services.rating_self_score(
            organisation=world.orgs[0], year=2020, scores=scores, note="立家训", actor=village
        )
    assert rating.self_total == D(83)
    assert rating.status == Rating.Status.SELF_SCORED
    assert DimensionScore._base_manager.filter(rating=rating).count() == 6


@pytest.mark.parametrize(
    ("scores", "message"),
    [
        (same(80) | {"family": None}, "请填写“好家风建设与乡风文明”"),
        (same(80) | {"team": 101}, "0到100之间"),
        (same(80) | {"extra": 5}, "不是本方案的评定维度"),
    ],
)
def test_bad_self_scores_are_refused_and_nothing_is_saved(world, scores, message):
    scores = {k: v for k, v in scores.items() if v is not None}
    with scope(area=world.tree.district.path), pytest.raises(ValidationError, match=message):
        services.rating_self_score(
            organisation=world.orgs[0], year=2020, scores=scores, note="", actor=world.village
        )
    assert not Rating._base_manager.exists()


def test_a_village_cannot_self_score_another_villages_organisation(world):
    other = world.orgs[-1]  # village_b2
    with scope(area=world.tree.village_a.path), pytest.raises(ValidationError, match="无权"):
        services.rating_self_score(
            organisation=other, year=2020, scores=same(90), note="", actor=world.village
        )
    assert not Rating._base_manager.exists()


def test_a_party_group_is_not_rated(world):
    group = OrganisationFactory(area=world.tree.village_a, kind="group")
    with pytest.raises(ValidationError, match="党委、党总支和党支部"):
        self_score(world, group)


@pytest.mark.parametrize(("score", "star"), [(96, 5), (85, 4), (80, 3), (65, 2), (60, 1), (59, 0)])
def test_the_town_score_gives_the_star_by_the_cut_offs(world, score, star):
    rating = scored(world, world.orgs[0], score)
    assert (rating.town_total, rating.proposed_star) == (D(score), star)
    assert rating.status == Rating.Status.TOWN_SCORED


def test_only_the_organisations_town_scores_it(world):
    rating = self_score(world, world.orgs[0])
    with scope(area=world.tree.town_b.path), pytest.raises(ValidationError, match="无权"):
        services.rating_town_score(rating=rating, scores=same(90), note="", actor=world.town_b)


def test_confirmation_cannot_raise_the_star_above_the_score(world):
    rating = scored(world, world.orgs[0], 86)
    with pytest.raises(ValidationError, match="不能高于按得分评定的四星"):
        confirm(world, rating, 5)
    assert Rating._base_manager.get(pk=rating.pk).status == Rating.Status.TOWN_SCORED


def test_a_confirmation_breaking_the_five_star_quota_is_refused(world):
    ratings = [scored(world, org, 96) for org in world.orgs]  # ten rated: one five-star place
    confirm(world, ratings[0], 5)
    with pytest.raises(
        ValidationError, match=r"五星名额已满.*参评10个.*不超过10%（1个）.*已确认1个"
    ):
        confirm(world, ratings[1], 5)
    second = Rating._base_manager.get(pk=ratings[1].pk)
    assert (second.status, second.star) == (Rating.Status.TOWN_SCORED, None)
    confirm(world, ratings[1], 4)


def test_confirm_all_fills_the_quotas_from_the_best_score_down(world):
    for org, score in zip(world.orgs, (99, 98, 97, 96, 90, 88, 80, 70, 62, 50), strict=True):
        scored(world, org, score)
    with scope(area=world.tree.district.path):
        assert (
            services.rating_confirm_all(
                district=world.tree.district, year=2020, actor=world.district
            )
            == 10
        )
    stars = list(Rating._base_manager.order_by("-town_total").values_list("star", flat=True))
    assert stars == [5, 4, 4, 3, 3, 3, 3, 2, 1, 0]


def test_only_the_district_confirms(world):
    rating = scored(world, world.orgs[0], 90)
    with scope(area=world.tree.town_a.path), pytest.raises(ValidationError, match="无权"):
        services.rating_confirm(rating=rating, star=4, note="", actor=world.town)


def run_year(w, year, scores):
    for org, score in zip(w.orgs, scores, strict=True):
        scored(w, org, score, year=year)
    with scope(area=w.tree.district.path):
        services.rating_confirm_all(district=w.tree.district, year=year, actor=w.district)
        services.rating_publicise(
            district=w.tree.district, year=year, actor=w.district, start=dt.date(year + 1, 1, 5)
        )
        return services.rating_finalise(
            district=w.tree.district, year=year, actor=w.district, today=dt.date(year + 1, 1, 10)
        )


def test_finalising_waits_for_the_end_of_publicity(world):
    scored(world, world.orgs[0], 90)
    with scope(area=world.tree.district.path):
        services.rating_confirm_all(district=world.tree.district, year=2020, actor=world.district)
        services.rating_publicise(
            district=world.tree.district, year=2020, actor=world.district, start=dt.date(2021, 1, 5)
        )
        with pytest.raises(ValidationError, match="公示期满后"):
            services.rating_finalise(
                district=world.tree.district,
                year=2020,
                actor=world.district,
                today=dt.date(2021, 1, 9),
            )
    assert Rating._base_manager.get().status == Rating.Status.PUBLICISED


def test_the_final_star_is_compared_with_last_year(world):
    run_year(world, 2019, (70, 70, 70, 70, 70, 70, 70, 70, 70, 70))
    assert run_year(world, 2020, (80, 62, 70, 70, 70, 70, 70, 70, 70, 70)) == 10
    first, second, third = (
        Rating._base_manager.get(organisation=o, year=2020) for o in world.orgs[:3]
    )
    assert (first.previous_star, first.star, first.change) == (2, 3, Rating.Change.RAISED)
    assert (second.star, second.change) == (1, Rating.Change.LOWERED)
    assert third.change == Rating.Change.KEPT
    assert (
        Rating._base_manager.get(organisation=world.orgs[0], year=2019).change == Rating.Change.NEW
    )


@pytest.mark.skipif(not apps.is_installed("xingcun.pairing"), reason="pairing not installed")
def test_final_stars_feed_the_pairing_standing(world):
    from xingcun.pairing.models import OrganisationStanding

    run_year(world, 2020, (99, 90, 70, 70, 70, 70, 70, 70, 70, 70))
    standing = OrganisationStanding._base_manager.get(organisation=world.orgs[0], year=2020)
    assert standing.star_level == 5
    assert OrganisationStanding._base_manager.filter(year=2020).count() == 10


def test_a_scheme_whose_weights_do_not_add_up_is_not_published(world):
    draft = StarSchemeFactory(area=world.tree.district, valid_from=2022)
    DimensionFactory(scheme=draft, weight=D(50))
    DimensionFactory(scheme=draft, weight=D(40))
    with scope(area=world.tree.district.path), pytest.raises(ValidationError, match="之和应为100%"):
        services.scheme_publish(scheme=draft, actor=world.district)
    assert StarScheme._base_manager.get(pk=draft.pk).status == StarScheme.Status.DRAFT


def test_publishing_a_new_version_keeps_final_stars(world):
    run_year(world, 2020, (99, 90, 70, 70, 70, 70, 70, 70, 70, 70))
    draft = StarSchemeFactory(area=world.tree.district, valid_from=2021, five_from=D(98))
    DimensionFactory(scheme=draft, weight=D(100))
    with scope(area=world.tree.district.path):
        services.scheme_publish(scheme=draft, actor=world.district)
    world.scheme.refresh_from_db()
    assert world.scheme.valid_to == 2020
    assert Rating._base_manager.get(organisation=world.orgs[0], year=2020).star == 5
    dim = Dimension._base_manager.get(scheme=draft)
    dim.weight = D(90)
    with scopes_disabled(), pytest.raises(ValidationError, match="已发布"):
        dim.full_clean()
