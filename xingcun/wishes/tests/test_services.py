from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from xingcun.core.models import AuditEntry
from xingcun.organisations.tests.factories import OrganisationFactory
from xingcun.people.tests.factories import PartyMemberFactory
from xingcun.wishes import selectors, services
from xingcun.wishes.models import Wish, WishClaim
from xingcun.wishes.tests.factories import WishClaimFactory, WishFactory, WishRuleFactory

pytestmark = pytest.mark.usefixtures("in_district")
TODAY = timezone.localdate


def _refresh(obj):
    return type(obj)._base_manager.get(pk=obj.pk)


def submit(area, clerk):
    """The clerk registers an old lady's wish for a radio at `area`."""
    return services.wish_submit(
        area=area,
        title="想要一台收音机",
        content="独居老人，希望听戏",
        category=Wish.Category.CARE,
        wisher_name="周阿婆",
        by=clerk,
    )


def test_submit_creates_wish_waiting_for_verification(tree, clerk):
    wish = submit(tree.village_a, clerk)
    assert wish.status == Wish.Status.SUBMITTED
    assert wish.number == ""
    assert AuditEntry._base_manager.filter(
        action="wishes.submitted", object_id=str(wish.pk)
    ).exists()


def test_submit_refuses_a_town(tree, clerk):
    with pytest.raises(ValidationError, match="心愿应登记在村"):
        submit(tree.town_a, clerk)
    assert not Wish._base_manager.exists()


def test_verify_numbers_wishes_per_village_and_year(tree, clerk):
    first, second = WishFactory(area=tree.village_a), WishFactory(area=tree.village_a)
    services.wish_verify(wish=first, by=clerk, on=dt.date(2020, 3, 5))
    services.wish_verify(wish=second, by=clerk, on=dt.date(2020, 3, 5))
    assert _refresh(first).number == "WX-330112108230-2020-001"
    assert _refresh(second).number == "WX-330112108230-2020-002"
    assert _refresh(second).status == Wish.Status.VERIFIED


def test_publish_requires_a_verified_wish(tree, clerk):
    wish = WishFactory(area=tree.village_a)
    with pytest.raises(ValidationError, match="只有已核实"):
        services.wish_publish(wish=wish, by=clerk)
    assert _refresh(wish).status == Wish.Status.SUBMITTED


def test_verify_then_publish_puts_the_wish_on_the_wall(tree, clerk):
    wish = WishFactory(area=tree.village_a)
    services.wish_verify(wish=wish, by=clerk)
    services.wish_publish(wish=wish, by=clerk)
    assert list(selectors.wall_wishes(area=tree.village_a)) == [_refresh(wish)]


def test_withdraw_needs_a_reason(tree, clerk):
    wish = WishFactory(area=tree.village_a, published=True)
    with pytest.raises(ValidationError, match="请填写下架原因"):
        services.wish_withdraw(wish=wish, by=clerk, reason=" ")
    assert _refresh(wish).status == Wish.Status.OPEN


def test_withdraw_refuses_a_claimed_wish(tree, clerk):
    claim = WishClaimFactory(
        area=tree.village_a, organisation=OrganisationFactory(area=tree.village_a)
    )
    Wish._base_manager.filter(pk=claim.wish_id).update(status=Wish.Status.CLAIMED)
    with pytest.raises(ValidationError, match="不能下架"):
        services.wish_withdraw(wish=claim.wish, by=clerk, reason="重复")


def test_member_claims_with_the_deadline_of_the_rule(tree, member_user):
    user, member = member_user
    WishRuleFactory(area=tree.district, claim_days=10)
    wish = WishFactory(area=tree.village_a, published=True)
    claim = services.wish_claim(wish=wish, by=user, member=member)
    assert claim.due_on == TODAY() + dt.timedelta(days=10)
    assert claim.status == WishClaim.Status.ACTIVE
    wish = _refresh(wish)
    assert wish.status == Wish.Status.CLAIMED
    assert wish.first_claimed_on == TODAY()


def test_second_claim_on_a_claimed_wish_is_refused_and_nothing_saved(tree, member_user, make_user):
    user, member = member_user
    wish = WishFactory(area=tree.village_a, published=True)
    services.wish_claim(wish=wish, by=user, member=member)
    other_user = make_user("member", tree.village_a)
    other = PartyMemberFactory(area=tree.village_a, person__user=other_user)
    with pytest.raises(ValidationError, match="已被认领"):
        services.wish_claim(wish=wish, by=other_user, member=other)
    assert WishClaim._base_manager.filter(wish=wish).count() == 1


def test_member_cannot_claim_in_someone_elses_name(tree, member_user, make_user):
    _user, member = member_user
    wish = WishFactory(area=tree.village_a, published=True)
    with pytest.raises(ValidationError, match="本人名义"):
        services.wish_claim(wish=wish, by=make_user("member", tree.village_a), member=member)
    assert not WishClaim._base_manager.exists()


def test_a_claim_names_a_member_or_an_organisation(tree, clerk):
    wish = WishFactory(area=tree.village_a, published=True)
    with pytest.raises(ValidationError, match="请选择"):
        services.wish_claim(wish=wish, by=clerk)


def test_organisation_claims_through_a_cadre(tree, clerk):
    org = OrganisationFactory(area=tree.village_a)
    wish = WishFactory(area=tree.village_a, published=True)
    claim = services.wish_claim(wish=wish, by=clerk, organisation=org)
    assert claim.claimer_name == org.name


def test_database_allows_one_live_claim_per_wish(tree):
    claim = WishClaimFactory(
        area=tree.village_a, organisation=OrganisationFactory(area=tree.village_a)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        WishClaim._base_manager.create(
            area=tree.village_a,
            wish=claim.wish,
            organisation=claim.organisation,
            claimed_at=timezone.now(),
            due_on=TODAY(),
        )


def test_an_ended_claim_does_not_block_a_new_one(tree):
    org = OrganisationFactory(area=tree.village_a)
    old = WishClaimFactory(area=tree.village_a, organisation=org, status=WishClaim.Status.EXPIRED)
    WishClaim._base_manager.create(
        area=tree.village_a,
        wish=old.wish,
        organisation=org,
        claimed_at=timezone.now(),
        due_on=TODAY(),
    )
    assert WishClaim._base_manager.filter(wish=old.wish).count() == 2


def _claimed(tree, member_user):
    user, member = member_user
    wish = WishFactory(area=tree.village_a, published=True)
    return services.wish_claim(wish=wish, by=user, member=member)


def test_deliver_needs_a_note(tree, member_user):
    claim = _claimed(tree, member_user)
    with pytest.raises(ValidationError, match="实现情况"):
        services.claim_deliver(claim=claim, by=member_user[0], area=tree.village_a, note="")
    assert _refresh(claim).status == WishClaim.Status.ACTIVE


def test_deliver_by_someone_other_than_the_claimer_is_refused(tree, member_user, clerk):
    claim = _claimed(tree, member_user)
    with pytest.raises(ValidationError, match="认领人本人"):
        services.claim_deliver(claim=claim, by=clerk, area=tree.village_a, note="已修好")


def test_deliver_refuses_an_executable_as_evidence(tree, member_user):
    claim = _claimed(tree, member_user)
    upload = SimpleUploadedFile("x.exe", b"MZ")
    with pytest.raises(ValidationError, match="佐证材料只能是"):
        services.claim_deliver(
            claim=claim, by=member_user[0], area=tree.village_a, note="已修好", evidence=upload
        )


def test_deliver_with_a_photo_waits_for_confirmation(tree, member_user):
    claim = _claimed(tree, member_user)
    upload = SimpleUploadedFile("roof.jpg", b"\xff\xd8\xff")
    services.claim_deliver(
        claim=claim, by=member_user[0], area=tree.village_a, note="屋顶已修好", evidence=upload
    )
    claim = _refresh(claim)
    assert claim.status == WishClaim.Status.DELIVERED
    assert claim.evidence.name.endswith(".jpg")
    assert _refresh(claim.wish).status == Wish.Status.DELIVERED


def test_deliver_after_the_deadline_is_refused(tree, member_user):
    claim = _claimed(tree, member_user)
    with pytest.raises(ValidationError, match="超过限期"):
        services.claim_deliver(
            claim=claim,
            by=member_user[0],
            area=tree.village_a,
            note="晚了",
            on=claim.due_on + dt.timedelta(days=1),
        )


def _delivered(tree, member_user):
    claim = _claimed(tree, member_user)
    services.claim_deliver(claim=claim, by=member_user[0], area=tree.village_a, note="已修好")
    return _refresh(claim)


def test_confirm_closes_the_wish_and_records_points_without_the_index(
    tree, member_user, clerk, monkeypatch
):
    monkeypatch.setattr(services.apps, "is_installed", lambda name: False)
    WishRuleFactory(area=tree.district, points=Decimal("3.5"))
    claim = _delivered(tree, member_user)
    services.wish_confirm(wish=claim.wish, by=clerk, area=tree.village_a)
    wish = _refresh(claim.wish)
    assert wish.status == Wish.Status.FULFILLED
    assert wish.points == Decimal("3.5")
    assert wish.days_to_fulfil == (TODAY() - wish.submitted_on).days
    assert _refresh(claim).status == WishClaim.Status.DONE
    entry = AuditEntry._base_manager.get(action="wishes.fulfilled")
    assert "未启用" in entry.changes["vanguard"]


def test_confirm_adds_the_points_to_the_vanguard_index(tree, member_user, clerk):
    from xingcun.vanguard import services as vanguard
    from xingcun.vanguard.models import ScoreEvent

    vanguard.ensure_defaults(district=tree.district)
    claim = _delivered(tree, member_user)
    services.wish_confirm(wish=claim.wish, by=clerk, area=tree.village_a)
    event = ScoreEvent._base_manager.get(member=member_user[1])
    assert event.item_code == "wish_fulfilled"
    assert event.points == Decimal(2)
    assert event.source == "wish"


def test_confirm_by_someone_outside_the_village_is_refused(tree, member_user, make_user):
    claim = _delivered(tree, member_user)
    outsider = make_user("village", tree.village_a2)
    with pytest.raises(ValidationError, match="心愿所在村"):
        services.wish_confirm(wish=claim.wish, by=outsider, area=tree.village_a2)
    assert _refresh(claim.wish).status == Wish.Status.DELIVERED
    assert _refresh(claim).status == WishClaim.Status.DELIVERED


def test_confirm_by_the_claimer_is_refused(tree, member_user):
    claim = _delivered(tree, member_user)
    with pytest.raises(ValidationError, match="不能确认自己"):
        services.wish_confirm(wish=claim.wish, by=member_user[0], area=tree.village_a)


def test_a_town_cadre_may_confirm(tree, member_user, make_user):
    claim = _delivered(tree, member_user)
    services.wish_confirm(wish=claim.wish, by=make_user("town", tree.town_a), area=tree.town_a)
    assert _refresh(claim.wish).status == Wish.Status.FULFILLED


def test_send_back_returns_the_claim_to_the_claimer(tree, member_user, clerk):
    claim = _delivered(tree, member_user)
    services.wish_return(wish=claim.wish, by=clerk, area=tree.village_a, reason="还没修")
    assert _refresh(claim).status == WishClaim.Status.ACTIVE
    assert _refresh(claim.wish).status == Wish.Status.CLAIMED


def test_release_puts_the_wish_back_on_the_wall(tree, member_user):
    claim = _claimed(tree, member_user)
    services.claim_release(claim=claim, by=member_user[0], area=tree.village_a)
    assert _refresh(claim).status == WishClaim.Status.RELEASED
    assert _refresh(claim.wish).status == Wish.Status.OPEN


def test_expire_returns_overdue_wishes_to_the_wall(tree):
    org = OrganisationFactory(area=tree.village_a)
    overdue = WishClaimFactory(area=tree.village_a, organisation=org, due_on=dt.date(2020, 1, 1))
    current = WishClaimFactory(area=tree.village_a, organisation=org)
    Wish._base_manager.filter(pk__in=[overdue.wish_id, current.wish_id]).update(status="claimed")
    assert services.claims_expire() == 1
    assert _refresh(overdue).status == WishClaim.Status.EXPIRED
    assert _refresh(overdue.wish).status == Wish.Status.OPEN
    assert _refresh(current).status == WishClaim.Status.ACTIVE


def test_claim_takes_over_a_wish_whose_claim_is_overdue(tree, member_user):
    org = OrganisationFactory(area=tree.village_a)
    overdue = WishClaimFactory(area=tree.village_a, organisation=org, due_on=dt.date(2020, 1, 1))
    Wish._base_manager.filter(pk=overdue.wish_id).update(status="claimed")
    assert overdue.wish in selectors.wall_wishes(area=tree.village_a)
    user, member = member_user
    claim = services.wish_claim(wish=overdue.wish, by=user, member=member)
    assert _refresh(overdue).status == WishClaim.Status.EXPIRED
    assert claim.status == WishClaim.Status.ACTIVE


def test_rule_for_uses_the_version_valid_in_the_year(tree):
    WishRuleFactory(area=tree.district, valid_from=2017, valid_to=2019, claim_days=20)
    WishRuleFactory(area=tree.district, valid_from=2020, claim_days=45, points=Decimal(4))
    WishRuleFactory(area=tree.town_b, valid_from=2017, claim_days=7)
    assert selectors.rule_for(area=tree.village_a, year=2019).claim_days == 20
    assert selectors.rule_for(area=tree.village_a, year=2020).claim_days == 45
    assert selectors.rule_for(area=tree.village_b, year=2020).claim_days == 7
    assert selectors.rule_for(area=tree.village_a, year=2016).claim_days == 30  # the default


def test_rule_ensure_default_is_idempotent(tree):
    first = services.rule_ensure_default(district=tree.district)
    assert services.rule_ensure_default(district=tree.district) == first


def test_the_wall_of_a_village_user_is_the_towns_published_wishes(tree):
    here = WishFactory(area=tree.village_a, published=True)
    neighbour = WishFactory(area=tree.village_a2, published=True)
    WishFactory(area=tree.village_b, published=True)  # another town
    WishFactory(area=tree.village_a)  # not verified yet
    assert set(selectors.wall_wishes(area=tree.village_a)) == {here, neighbour}


def test_expire_command_runs_inside_the_named_area(tree):
    from io import StringIO

    from django.core.management import call_command

    org_a = OrganisationFactory(area=tree.village_a)
    org_b = OrganisationFactory(area=tree.village_b)
    mine = WishClaimFactory(area=tree.village_a, organisation=org_a, due_on=dt.date(2020, 1, 1))
    other = WishClaimFactory(area=tree.village_b, organisation=org_b, due_on=dt.date(2020, 1, 1))
    out = StringIO()
    call_command("expire_wish_claims", "--area", tree.town_a.code[:9], stdout=out)
    assert "1个超期认领" in out.getvalue()
    assert _refresh(mine).status == WishClaim.Status.EXPIRED
    assert _refresh(other).status == WishClaim.Status.ACTIVE


def test_a_claimed_wish_cannot_move_to_another_village(tree):
    claim = WishClaimFactory(
        area=tree.village_a, organisation=OrganisationFactory(area=tree.village_a)
    )
    wish = _refresh(claim.wish)
    wish.area = tree.village_a2
    with pytest.raises(ValidationError, match="不能改到其他村"):
        wish.full_clean()
