import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope, scopes_disabled

from xingcun.core.models import AuditEntry
from xingcun.core.permissions import Role
from xingcun.core.tests.factories import child_area
from xingcun.pairing import selectors, services
from xingcun.pairing.models import (
    Activity,
    Agreement,
    ChecklistItem,
    CooperationArea,
    OrganisationStanding,
    PairingRun,
    PairRule,
    Proposal,
    TownAdjacency,
    VillageAssessment,
)
from xingcun.pairing.tests.factories import (
    AgreementFactory,
    ProfileFactory,
    StandingFactory,
    VillageOrganisationFactory,
    weak_profile,
)
from xingcun.villages.rules import ensure_default_rule


@pytest.fixture
def district_user(tree, make_user):
    return make_user(Role.DISTRICT, tree.district)


@pytest.fixture
def defaults(tree):
    with scopes_disabled():  # configuration rows of the fixture district
        ensure_default_rule(district=tree.district)
        services.ensure_defaults(district=tree.district, years=[2020])


def in_district(tree):
    return scope(area=tree.district.path)


def count(model):
    with scopes_disabled():  # counting rows across the whole fixture
        return model.objects.count()


# --- standing ------------------------------------------------------------------------------------


def test_standing_set_star_creates_then_updates_keeping_titles(tree, district_user):
    org = VillageOrganisationFactory(area=tree.village_a)
    StandingFactory(organisation=org, year=2020, star_level=2, titles="最强党支部", lagging=True)
    with in_district(tree):
        standing = services.standing_set_star(
            organisation=org, year=2020, star=5, source="rating", actor=district_user
        )
        fresh = services.standing_set_star(
            organisation=org, year=2021, star=3, source="rating", actor=district_user
        )
    assert (standing.star_level, standing.titles, standing.lagging) == (5, "最强党支部", False)
    assert standing.source == "rating"
    assert fresh.area == tree.village_a
    assert count(OrganisationStanding) == 2
    assert AuditEntry._base_manager.filter(action="standing.star_set").count() == 2


@pytest.mark.parametrize(("star", "source", "message"), [(6, "rating", "0到5"), (3, "x", "来源")])
def test_standing_set_star_rejects_bad_input(tree, district_user, star, source, message):
    org = VillageOrganisationFactory(area=tree.village_a)
    with in_district(tree), pytest.raises(ValidationError, match=message):
        services.standing_set_star(
            organisation=org, year=2020, star=star, source=source, actor=district_user
        )
    assert count(OrganisationStanding) == 0


def test_village_user_may_not_set_stars(tree, make_user):
    org = VillageOrganisationFactory(area=tree.village_a)
    user = make_user(Role.VILLAGE, tree.village_a)
    with scope(area=tree.village_a.path), pytest.raises(PermissionDenied):
        services.standing_set_star(organisation=org, year=2020, star=5, source="manual", actor=user)


def test_lagging_with_four_stars_is_refused(tree):
    org = VillageOrganisationFactory(area=tree.village_a)
    standing = OrganisationStanding(
        area=tree.village_a, organisation=org, year=2020, star_level=4, lagging=True
    )
    with scopes_disabled(), pytest.raises(ValidationError, match="软弱后进"):
        standing.full_clean()


# --- defaults ------------------------------------------------------------------------------------


def test_defaults_are_created_once(tree):
    with scopes_disabled():  # configuration of the fixture district
        first = services.ensure_defaults(district=tree.district, years=[2020])
        again = services.ensure_defaults(district=tree.district, years=[2020])
        names = sorted(CooperationArea.objects.values_list("name", flat=True))
    assert first["cooperation_areas"] == 3
    assert first["checklist"] == 5
    assert not any(again.values())
    assert names == sorted(["电商平台建设", "市场资源共享", "电商人才培养"])


def test_neighbours_default_to_adjacent_codes_without_a_list(tree):
    with scopes_disabled():  # a third town and the district's own list
        third = child_area(tree.district, "330112116000", "天目山镇")
        assert selectors.neighbour_pairs(district=tree.district) == {
            ("330112108", "330112112"),
            ("330112112", "330112116"),
        }
        TownAdjacency.objects.create(area=tree.district, town_a=tree.town_a, town_b=third)
        assert selectors.neighbour_pairs(district=tree.district) == {("330112108", "330112116")}
        assert selectors.are_neighbours(tree.village_a, third)
        assert not selectors.are_neighbours(tree.village_a, tree.village_b)


# --- agreements ----------------------------------------------------------------------------------


def agreement(tree, user, strong, weak, start=dt.date(2020, 1, 1), end=dt.date(2022, 12, 31)):
    with in_district(tree):
        return services.agreement_create(
            strong=strong,
            weak=weak,
            start_on=start,
            end_on=end,
            cooperation_areas=[],
            targets="共建电商服务站",
            actor=user,
        )


@pytest.fixture
def pair(tree):
    """(strong, weak): the village committees of village_a and village_b."""
    return (
        VillageOrganisationFactory(area=tree.village_a),
        VillageOrganisationFactory(area=tree.village_b),
    )


def test_agreement_is_created_at_the_weak_side(tree, district_user, pair):
    made = agreement(tree, district_user, *pair)
    assert made.area == tree.village_b
    assert AuditEntry._base_manager.filter(action="agreement.created").count() == 1


def test_pairing_an_organisation_with_itself_is_refused(tree, district_user):
    org = VillageOrganisationFactory(area=tree.village_a)
    with pytest.raises(ValidationError, match="不能与自身结对"):
        agreement(tree, district_user, org, org)
    assert count(Agreement) == 0


def test_agreement_ending_before_it_starts_is_refused(tree, district_user, pair):
    with pytest.raises(ValidationError, match="不能早于开始日期"):
        agreement(tree, district_user, *pair, end=dt.date(2019, 12, 31))
    assert count(Agreement) == 0


def test_pairing_twice_in_one_period_is_refused(tree, district_user, pair):
    other = VillageOrganisationFactory(area=tree.village_a2)
    _, weak = pair
    agreement(tree, district_user, *pair)
    with pytest.raises(ValidationError, match="同一时期不能重复结对"):
        agreement(tree, district_user, other, weak, start=dt.date(2021, 6, 1))
    assert count(Agreement) == 1


def test_a_later_period_may_pair_again(tree, district_user, pair):
    agreement(tree, district_user, *pair, end=dt.date(2020, 12, 31))
    agreement(tree, district_user, *pair, start=dt.date(2021, 1, 1))
    assert count(Agreement) == 2


def end(tree, user, made, ended_on, reason, outcome):
    with in_district(tree):
        services.agreement_end(
            agreement=made, ended_on=ended_on, reason=reason, outcome=outcome, actor=user
        )


def refreshed(made):
    with scopes_disabled():
        made.refresh_from_db()
    return made


def test_end_records_reason_and_outcome(tree, district_user):
    made = AgreementFactory(
        strong__area=tree.village_a, weak__area=tree.village_b, area=tree.village_b
    )
    end(tree, district_user, made, dt.date(2021, 6, 30), "受援村已消薄", "succeeded")
    made = refreshed(made)
    assert (made.status, made.ended_on, made.outcome) == (
        "ended",
        dt.date(2021, 6, 30),
        "succeeded",
    )


@pytest.fixture
def made(tree):
    """An agreement of village_a's committee (strong) with village_b's (weak)."""
    return AgreementFactory(strong__area=tree.village_a, weak__area=tree.village_b)


def test_end_before_start_is_refused(tree, district_user, made):
    with pytest.raises(ValidationError, match="不能早于开始日期"):
        end(tree, district_user, made, dt.date(2019, 6, 30), "x", "failed")
    assert refreshed(made).status == "active"


def test_renewal_extends_the_agreement_and_keeps_the_reason(tree, district_user, made):
    with in_district(tree):
        services.agreement_renew(
            agreement=made,
            new_end_on=dt.date(2025, 12, 31),
            reason="新一轮三年行动",
            actor=district_user,
        )
        renewal = made.renewals.get()
    assert made.end_on == dt.date(2025, 12, 31)
    assert (renewal.previous_end_on, renewal.reason) == (dt.date(2022, 12, 31), "新一轮三年行动")


def test_renewal_to_an_earlier_date_is_refused(tree, district_user, made):
    with in_district(tree), pytest.raises(ValidationError, match="应晚于原结束日期"):
        services.agreement_renew(
            agreement=made, new_end_on=dt.date(2021, 1, 1), reason="x", actor=district_user
        )


def log_activity(tree, user, made, held_on, **fields):
    """An activity of the pairing `made`, logged by `user` in the district's scope."""
    plain = {"kind": "visit", "participants": "书记", "participant_count": 2, "summary": ""}
    with in_district(tree):
        return services.activity_log(agreement=made, held_on=held_on, actor=user, **plain | fields)


def test_activity_is_logged_with_evidence(tree, district_user, settings, tmp_path, made):
    settings.MEDIA_ROOT = tmp_path
    activity = log_activity(
        tree,
        district_user,
        made,
        dt.date(2020, 5, 1),
        kind="training",
        participants="两村电商带头人",
        participant_count=12,
        summary="直播带货培训",
        evidence=SimpleUploadedFile("photo.jpg", b"jpeg"),
    )
    assert activity.area == tree.village_b
    assert activity.evidence.name.endswith(".jpg")


def test_activity_outside_the_period_is_refused(tree, district_user, made):
    with pytest.raises(ValidationError, match="结对期间内"):
        log_activity(tree, district_user, made, dt.date(2019, 5, 1))
    assert count(Activity) == 0


def test_agreement_is_visible_from_both_sides_only(tree, made):
    for area in (tree.village_a, tree.village_b, tree.town_a, tree.district):
        with scope(area=area.path):
            assert list(Agreement.objects.all()) == [made]
    for area in (tree.village_a2, tree.village_b2):
        with scope(area=area.path):
            assert not Agreement.objects.exists()


# --- recommendation ------------------------------------------------------------------------------


@pytest.fixture
def candidates(tree, defaults):
    """Strong 白牛村 (5 stars, 电商) and 石铺村 (4 stars); weak 玉屏村 and 杨溪村."""
    strong = StandingFactory(
        organisation__area=tree.village_a, star_level=5, titles="最强党支部"
    ).organisation
    second = StandingFactory(organisation__area=tree.village_a2, star_level=4).organisation
    ProfileFactory(area=tree.village_a, industries="电商、山核桃")
    ProfileFactory(area=tree.village_a2, industries="竹笋")
    weak = VillageOrganisationFactory(area=tree.village_b)
    other = VillageOrganisationFactory(area=tree.village_b2)
    weak_profile(tree.village_b, industries="山核桃、中药材")
    weak_profile(tree.village_b2, industries="竹笋")
    return strong, second, weak, other


def new_run(tree, user, year=2020):
    with in_district(tree):
        return services.run_create(area=tree.district, year=year, actor=user)


def test_run_copies_the_weights_valid_for_its_year(tree, district_user, defaults):
    run = new_run(tree, district_user)
    assert (run.industry, run.capacity, run.min_star) == (Decimal("0.40"), 2, 4)
    assert (run.start_on, run.end_on) == (dt.date(2020, 1, 1), dt.date(2022, 12, 31))


def test_run_without_weights_is_refused(tree, district_user):
    with pytest.raises(ValidationError, match="没有有效的结对推荐参数"):
        new_run(tree, district_user)


def test_town_user_may_not_run_recommendations(tree, make_user, defaults):
    user = make_user(Role.TOWN, tree.town_a)
    with scope(area=tree.town_a.path), pytest.raises(PermissionDenied):
        services.run_create(area=tree.town_a, year=2020, actor=user)


def test_solve_proposes_the_best_pairs_with_their_breakdown(tree, district_user, candidates):
    strong, second, weak, other = candidates
    run = new_run(tree, district_user)
    with in_district(tree):
        services.run_solve(run=run, actor=district_user)
        proposals = {p.weak_id: p for p in Proposal.objects.filter(run=run)}
    assert {w: p.strong_id for w, p in proposals.items()} == {
        weak.pk: strong.pk,  # shares 山核桃
        other.pk: second.pk,  # shares 竹笋
    }
    first = proposals[weak.pk]
    assert (first.industry, first.strength) == (Decimal("0.5"), Decimal(1))
    assert first.reasons["shared"] == ["山核桃"]
    assert first.reasons["why_weak"] == "集体经济薄弱村"
    assert run.total_score >= run.greedy_score


def solved_with_rule(tree, user, kind, strong, weak):
    """A new run with one rule (`forbid` or `lock`) on the pair, solved."""
    run = new_run(tree, user)
    with in_district(tree):
        services.rule_add(run=run, strong=strong, weak=weak, kind=kind, actor=user)
        services.run_solve(run=run, actor=user)
    return run


def test_forbidden_pair_is_not_proposed(tree, district_user, candidates):
    strong, _second, weak, _other = candidates
    run = solved_with_rule(tree, district_user, "forbid", strong, weak)
    with in_district(tree):
        pairs = set(Proposal.objects.filter(run=run).values_list("strong_id", "weak_id"))
    assert (strong.pk, weak.pk) not in pairs
    assert len(pairs) == 2


def test_locked_pair_is_kept(tree, district_user, candidates):
    _strong, second, weak, _other = candidates
    run = solved_with_rule(tree, district_user, "lock", second, weak)
    with in_district(tree):
        locked = Proposal.objects.get(run=run, weak=weak)
    assert (locked.strong_id, locked.locked) == (second.pk, True)


def test_failed_pair_is_never_proposed_again(tree, district_user, candidates):
    strong, _second, weak, _other = candidates
    AgreementFactory(
        strong=strong,
        weak=weak,
        start_on=dt.date(2018, 1, 1),
        end_on=dt.date(2019, 12, 31),
        status="ended",
        ended_on=dt.date(2019, 6, 30),
        outcome="failed",
    )
    run = new_run(tree, district_user)
    with in_district(tree):
        services.run_solve(run=run, actor=district_user)
        assert not Proposal.objects.filter(run=run, strong=strong, weak=weak).exists()
        with pytest.raises(ValidationError, match="未达预期"):
            services.rule_add(run=run, strong=strong, weak=weak, kind="lock", actor=district_user)


def test_already_paired_weak_organisation_is_not_a_candidate(tree, district_user, candidates):
    strong, _second, weak, _other = candidates
    AgreementFactory(strong=strong, weak=weak)
    run = new_run(tree, district_user)
    with in_district(tree):
        found = selectors.candidates(run=run)
    assert weak.pk not in {w.key for w in found.weak}
    assert found.capacity[[s.key for s in found.strong].index(strong.pk)] == 1


def test_accept_turns_proposals_into_agreements(tree, district_user, candidates):
    run = new_run(tree, district_user)
    with in_district(tree):
        services.run_solve(run=run, actor=district_user)
        proposals = list(Proposal.objects.filter(run=run))
        made = services.run_accept(run=run, proposals=proposals, actor=district_user)
        areas = {c.name for c in made[0].cooperation_areas.all()}
    assert len(made) == 2
    assert areas == {"电商平台建设", "市场资源共享", "电商人才培养"}
    assert count(Agreement) == 2
    with scopes_disabled():
        run.refresh_from_db()
    assert run.status == PairingRun.Status.ACCEPTED
    with in_district(tree), pytest.raises(ValidationError, match="已采纳"):
        services.run_solve(run=run, actor=district_user)


def test_accept_before_solving_is_refused(tree, district_user, defaults):
    run = new_run(tree, district_user)
    with in_district(tree), pytest.raises(ValidationError, match="请先计算"):
        services.run_accept(run=run, proposals=[], actor=district_user)


def test_rule_pairing_an_organisation_with_itself_is_refused(tree, district_user, candidates):
    strong = candidates[0]
    run = new_run(tree, district_user)
    with in_district(tree), pytest.raises(ValidationError, match="自身"):
        services.rule_add(run=run, strong=strong, weak=strong, kind="lock", actor=district_user)
    assert count(PairRule) == 0


def test_run_update_rejects_all_zero_weights(tree, district_user, defaults):
    run = new_run(tree, district_user)
    with in_district(tree), pytest.raises(ValidationError, match="不能全为0"):
        services.run_update(run=run, actor=district_user, industry=0, distance=0, strength=0)


# --- 双整 ----------------------------------------------------------------------------------------


def mark(tree, user, *, first=None, demonstration=False, evidence_note=""):
    """Mark village_a's 2020 checklist with the first `first` items ticked (all when None)."""
    with in_district(tree):
        return services.assessment_mark(
            village=tree.village_a,
            year=2020,
            items=list(ChecklistItem.objects.all())[:first],
            demonstration=demonstration,
            evidence_note=evidence_note,
            actor=user,
        )


def test_all_items_with_evidence_make_a_village_compliant(tree, district_user, defaults):
    saved = mark(tree, district_user, demonstration=True, evidence_note="临组〔2020〕12号")
    assert (saved.compliant, saved.demonstration) == (True, True)


def test_compliance_without_evidence_is_refused(tree, district_user, defaults):
    with pytest.raises(ValidationError, match="佐证"):
        mark(tree, district_user)
    assert count(VillageAssessment) == 0


def test_missing_items_leave_a_village_not_compliant(tree, district_user, defaults):
    saved = mark(tree, district_user, first=2)
    assert saved.compliant is False


def test_organisation_helping_another_is_not_a_weak_candidate(tree, district_user, candidates):
    strong, _second, _weak, other = candidates
    with scopes_disabled():  # 白牛村's own profile of the year falls below the weak line
        strong.area.villageprofile_set.filter(year=2020).update(
            operating_income=1, contract_income=1, subsidy_income=1
        )
    AgreementFactory(strong=strong, weak=other)
    run = new_run(tree, district_user)
    with in_district(tree):
        found = selectors.candidates(run=run)
    assert strong.pk not in {w.key for w in found.weak}
