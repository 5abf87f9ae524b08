import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled

from xingcun.core.models import AuditEntry
from xingcun.vanguard import selectors, services
from xingcun.vanguard.models import (
    EventDecision,
    Item,
    Objection,
    Result,
    Round,
    Scheme,
    ScoreEvent,
)
from xingcun.vanguard.tests.factories import SchemeFactory

D = Decimal
DAY = dt.date(2020, 5, 4)


def record(w, member=None, code="volunteer", by=None, points=None, on=DAY, source="manual"):
    with scope(area=w.tree.district.path):
        return services.score_event_record(
            member=member or w.alice,
            item_code=code,
            date=on,
            points=points,
            evidence="参加防汛值守",
            recorded_by=by if by is not None else w.town,
            source=source,
        )


def count_events():
    with scopes_disabled():  # counting every row, whatever the scope
        return ScoreEvent.objects.count()


# --- defaults and schemes -----------------------------------------------------------------------


def test_default_scheme_is_created_once_with_the_wish_item(world):
    with scope(area=world.tree.district.path):
        again = services.ensure_defaults(district=world.tree.district)
    assert again.pk == world.scheme.pk
    assert again.is_published
    with scope(area=world.tree.village_a.path):  # a village reads the district's items
        assert selectors.item_in_scheme(scheme=again, code="wish_fulfilled").points == D(2)
    family = Item._base_manager.filter(scheme=again, group=Item.Group.FAMILY)
    assert family.count() == 3


def test_publishing_a_new_version_closes_the_open_one(world):
    with scope(area=world.tree.district.path):
        draft = services.scheme_copy(
            scheme=world.scheme, code="XFZS-2021", name="", valid_from=2021, actor=world.district
        )
        services.scheme_publish(scheme=draft, actor=world.district)
    world.scheme.refresh_from_db()
    assert world.scheme.valid_to == 2020
    with scope(area=world.tree.village_a.path):
        assert selectors.scheme_for(area=world.tree.village_a, year=2021).code == "XFZS-2021"
        assert selectors.scheme_for(area=world.tree.village_a, year=2020).code == world.scheme.code


def test_a_version_starting_with_the_published_one_is_refused(world):
    draft = SchemeFactory(area=world.tree.district, valid_from=2019, status=Scheme.Status.DRAFT)
    with scopes_disabled():
        Item.objects.create(
            area=draft.area, scheme=draft, code="x", name="x", group="study", kind="bonus", points=1
        )
    with scope(area=world.tree.district.path), pytest.raises(ValidationError, match="起始年度"):
        services.scheme_publish(scheme=draft, actor=world.district)
    draft.refresh_from_db()
    assert draft.status == Scheme.Status.DRAFT


def test_a_published_scheme_cannot_be_edited(world):
    with scopes_disabled():
        scheme = Scheme.objects.get(pk=world.scheme.pk)
        scheme.base_score = D(60)
        with pytest.raises(ValidationError, match="已发布"):
            scheme.full_clean()
        item = Item.objects.get(scheme=scheme, code="volunteer")
        item.cap = D(100)
        with pytest.raises(ValidationError, match="已发布"):
            item.full_clean()
        extra = Item(
            area=scheme.area, scheme=scheme, code="new", name="新", group="study", kind="bonus",
            points=1,
        )  # fmt: skip
        with pytest.raises(ValidationError, match="不能再增加项目"):
            extra.full_clean()


def test_only_district_staff_publish_schemes(world):
    draft = SchemeFactory(area=world.tree.district, valid_from=2022, status=Scheme.Status.DRAFT)
    with scope(area=world.tree.town_a.path), pytest.raises(ValidationError, match="无权"):
        services.scheme_publish(scheme=draft, actor=world.town)


# --- events ---------------------------------------------------------------------------------------


def test_town_staff_record_an_approved_event_with_the_items_points(world):
    event = record(world)
    assert event.points == D(2)
    assert event.item.scheme_id == world.scheme.pk
    assert event.decision.approved
    assert AuditEntry._base_manager.filter(action="vanguard_event.recorded").count() == 1


def test_an_event_recorded_by_the_village_waits_for_approval(world):
    event = record(world, by=world.village)
    assert event.decision is None
    with scope(area=world.tree.district.path):
        assert selectors.effective_events(year=2020, members=[world.alice.pk]) == {}
        services.score_event_decide(event=event, approved=True, note="", actor=world.town)
        assert (
            len(selectors.effective_events(year=2020, members=[world.alice.pk])[world.alice.pk])
            == 1
        )


def test_the_village_cannot_approve_and_an_event_is_decided_once(world):
    event = record(world, by=world.village)
    with scope(area=world.tree.village_a.path), pytest.raises(ValidationError, match="无权审核"):
        services.score_event_decide(event=event, approved=True, note="", actor=world.village)
    with scope(area=world.tree.town_a.path):
        services.score_event_decide(event=event, approved=False, note="佐证不足", actor=world.town)
        with pytest.raises(ValidationError, match="已审核"):
            services.score_event_decide(event=event, approved=True, note="", actor=world.town)
    assert EventDecision._base_manager.filter(event=event).count() == 1


def test_rejecting_needs_a_reason(world):
    event = record(world, by=world.village)
    with scope(area=world.tree.town_a.path), pytest.raises(ValidationError, match="理由"):
        services.score_event_decide(event=event, approved=False, note=" ", actor=world.town)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"code": "no_such_item"}, "不是.*中的评分项目"),
        ({"code": "floating_report"}, "不适用于"),
        ({"on": dt.date(2018, 5, 1)}, "2018年度没有已发布"),
        ({"on": dt.date(2009, 5, 1)}, "不在.*在册期间"),
        ({"points": D(-1)}, "分值应大于0"),
    ],
)
def test_bad_events_are_refused_and_nothing_is_saved(world, changes, message):
    with pytest.raises(ValidationError, match=message):
        record(world, **changes)
    assert count_events() == 0


def test_an_event_in_the_future_is_refused(world):
    with pytest.raises(ValidationError, match="不能晚于今天"):
        record(world, on=dt.date.today() + dt.timedelta(days=2))  # noqa: DTZ011
    assert count_events() == 0


def test_an_event_without_evidence_is_refused(world):
    with scope(area=world.tree.district.path), pytest.raises(ValidationError, match="佐证"):
        services.score_event_record(
            member=world.alice,
            item_code="volunteer",
            date=DAY,
            evidence="  ",
            recorded_by=world.town,
            source="manual",
        )
    assert count_events() == 0


def test_someone_outside_the_jurisdiction_cannot_record(world):
    with pytest.raises(ValidationError, match="无权"):
        record(world, by=world.village_b)
    assert count_events() == 0


def test_exceeding_an_items_yearly_cap_is_refused(world):
    for _ in range(3):
        record(world)  # volunteer: 2 points each, cap 8
    with pytest.raises(ValidationError, match=r"上限8分.*已登记6分.*最多还能登记2分"):
        record(world, points=D(3))
    assert count_events() == 3
    record(world, points=D(2))
    assert count_events() == 4


def test_an_automatic_source_is_not_refused_for_the_cap_but_the_score_is_capped(world):
    for _ in range(5):
        record(world, code="wish_fulfilled", by=world.village, source="wish")  # cap 6
    assert count_events() == 5
    with scope(area=world.tree.district.path):
        _scheme, score = selectors.live_score(member=world.alice, year=2020)
    (line,) = score.items
    assert (line.raw, line.counted) == (D(10), D(6))
    assert score.score == D(86)


def test_a_correction_is_a_new_event_that_replaces_the_old_one(world):
    event = record(world)
    with scope(area=world.tree.town_a.path):
        correction = services.score_event_correct(
            event=event, points=D(0), reason="重复登记", recorded_by=world.town
        )
    event.refresh_from_db()
    assert (event.points, event.corrects_id) == (D(2), None)  # the original is untouched
    assert correction.corrects_id == event.pk
    assert count_events() == 2
    with scope(area=world.tree.district.path):
        _scheme, score = selectors.live_score(member=world.alice, year=2020)
        assert score.score == D(80)
        with pytest.raises(ValidationError, match="已有更正记录"):
            services.score_event_correct(
                event=event, points=D(1), reason="再改", recorded_by=world.town
            )


def test_a_correction_needs_a_reason_and_an_approved_event(world):
    pending = record(world, by=world.village)
    with scope(area=world.tree.town_a.path):
        with pytest.raises(ValidationError, match="只能更正已通过审核"):
            services.score_event_correct(
                event=pending, points=D(1), reason="x", recorded_by=world.town
            )
        approved = record(world)
        with pytest.raises(ValidationError, match="更正原因"):
            services.score_event_correct(
                event=approved, points=D(1), reason="", recorded_by=world.town
            )
    assert count_events() == 2


def test_events_have_no_update_or_delete_service():
    names = set(dir(services))
    assert not any(n.startswith("score_event_") and n.endswith(("update", "delete")) for n in names)


# --- rounds ---------------------------------------------------------------------------------------


def compute(w, year=2020, actor=None):
    with scope(area=w.tree.district.path):
        return services.round_compute(town=w.tree.town_a, year=year, actor=actor or w.town)


def result(member, year=2020):
    return Result._base_manager.get(member=member, round__year=year)


def test_a_round_scores_and_ranks_the_members_of_the_town(world):
    record(world)  # alice +2
    record(world, member=world.carol, code="lead_income")  # carol +3
    record(world, member=world.bob, code="dues_late")  # bob −2
    rnd = compute(world)
    assert rnd.status == Round.Status.COMPUTED
    assert Result._base_manager.filter(round=rnd).count() == 3  # dave is in the other town
    alice, bob, carol = result(world.alice), result(world.bob), result(world.carol)
    assert (alice.score, bob.score, carol.score) == (D(82), D(78), D(83))
    assert (carol.rank_town, alice.rank_town, bob.rank_town) == (1, 2, 3)
    assert (alice.rank_branch, bob.rank_branch, carol.rank_branch) == (1, 2, 1)
    assert (alice.branch_size, carol.branch_size, alice.town_size) == (2, 1, 3)
    assert alice.explanation[0]["events"][0]["points"] == "2.00"


def test_a_village_cadre_cannot_compute_a_round(world):
    with scope(area=world.tree.village_a.path), pytest.raises(ValidationError, match="无权"):
        services.round_compute(town=world.tree.town_a, year=2020, actor=world.village)
    assert not Round._base_manager.exists()


def publicise(w, rnd, start=dt.date(2021, 1, 10)):
    with scope(area=w.tree.district.path):
        return services.round_publicise(round=rnd, actor=w.town, start=start)


def test_publicity_recomputes_and_sets_its_days(world):
    rnd = compute(world)
    record(world)
    rnd = publicise(world, rnd)
    assert rnd.status == Round.Status.PUBLICISED
    assert rnd.publicity_ends == dt.date(2021, 1, 16)
    assert result(world.alice).score == D(82)


def object_to(w, member, today, reason="有误"):
    """The member login of village_a objects to `member`'s result on `today`."""
    with scope(area=w.tree.village_a.path):
        return services.objection_raise(
            result=result(member), by=w.member_user, reason=reason, today=today
        )


def test_objection_flow_member_objects_branch_answers_town_decides(world):
    first = record(world)
    rnd = publicise(world, compute(world))
    inside = dt.date(2021, 1, 12)
    objection = object_to(world, world.alice, inside, reason="漏登一次志愿服务")
    with pytest.raises(ValidationError, match="尚未办结"):
        object_to(world, world.alice, inside, reason="再提")
    with scope(area=world.tree.town_a.path), pytest.raises(ValidationError, match="支部答复后"):
        services.objection_decide(objection=objection, by=world.town, upheld=True, note="成立")
    with scope(area=world.tree.village_a.path):
        services.objection_answer(objection=objection, by=world.village, answer="经核实确有漏登")
    record(world, on=first.date)  # the staff add the missing event
    with scope(area=world.tree.town_a.path):
        services.objection_decide(objection=objection, by=world.town, upheld=True, note="异议成立")
    objection.refresh_from_db()
    assert objection.status == Objection.Status.UPHELD
    assert result(world.alice).score == D(84)  # recomputed
    assert rnd.pk == result(world.alice).round_id


def test_only_the_member_objects_and_only_during_publicity(world):
    rnd = publicise(world, compute(world))
    with pytest.raises(ValidationError, match="本人"):
        object_to(world, world.bob, dt.date(2021, 1, 12))
    with pytest.raises(ValidationError, match="公示期内"):
        object_to(world, world.alice, dt.date(2021, 2, 1))
    assert not Objection._base_manager.exists()
    assert rnd.status == Round.Status.PUBLICISED


def finalise(w, rnd, today=dt.date(2021, 1, 20)):
    with scope(area=w.tree.district.path):
        return services.round_finalise(round=rnd, actor=w.town, today=today)


def test_finalising_waits_for_the_end_of_publicity_and_every_objection(world):
    rnd = publicise(world, compute(world))
    with pytest.raises(ValidationError, match="公示期满后"):
        finalise(world, rnd, today=dt.date(2021, 1, 16))
    object_to(world, world.alice, dt.date(2021, 1, 11))
    with pytest.raises(ValidationError, match="1件异议尚未裁定"):
        finalise(world, rnd)
    assert Round._base_manager.get(pk=rnd.pk).status == Round.Status.PUBLICISED


def test_a_final_result_is_frozen(world):
    record(world)
    rnd = finalise(world, publicise(world, compute(world)))
    assert rnd.is_final
    before = result(world.alice)
    with pytest.raises(ValidationError, match="已确定"):
        compute(world)
    with pytest.raises(ValidationError, match="已确定"):
        record(world)
    record(world, code="wish_fulfilled", source="wish")  # another module's event is kept …
    after = result(world.alice)  # … but the final result does not move
    assert (after.score, after.bonus, after.updated_at) == (
        before.score,
        before.bonus,
        before.updated_at,
    )


def test_a_later_scheme_version_does_not_change_final_results(world):
    record(world)
    finalise(world, publicise(world, compute(world)))
    frozen = result(world.alice)
    with scope(area=world.tree.district.path):
        draft = services.scheme_copy(
            scheme=world.scheme,
            code="XFZS-2020B",
            name="修订版",
            valid_from=2020,
            actor=world.district,
        )
        with scopes_disabled():
            Scheme.objects.filter(pk=draft.pk).update(base_score=D(60))
        services.scheme_publish(scheme=draft, actor=world.district)
        _scheme, live = selectors.live_score(member=world.alice, year=2020)
    assert live.score == D(62)  # what the new version would say
    kept = result(world.alice)
    assert (kept.score, kept.base, kept.scheme_code, kept.explanation) == (
        frozen.score,
        D(80),
        world.scheme.code,
        frozen.explanation,
    )
