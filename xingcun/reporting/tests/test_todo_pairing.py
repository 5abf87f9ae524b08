"""Pairing activities to log in the to-do home, with the counts of pending actions in the
navigation: an agreement in force with no activity for a quarter is due, one click from its
activity form; logging an activity clears it."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from xingcun.core.permissions import Role
from xingcun.pairing.models import Activity
from xingcun.pairing.tests.factories import AgreementFactory


def _agreement(tree, *, start_days_ago=200, weak=None, strong=None):
    today = timezone.localdate()
    return AgreementFactory(
        strong__area=strong or tree.village_b,
        weak__area=weak or tree.village_a,
        start_on=today - dt.timedelta(days=start_days_ago),
        end_on=today + dt.timedelta(days=365),
    )


def _log(agreement, days_ago):
    with scopes_disabled():  # fixture: an activity logged earlier
        Activity.objects.create(
            agreement=agreement,
            area=agreement.area,
            held_on=timezone.localdate() - dt.timedelta(days=days_ago),
            kind=Activity.Kind.VISIT,
            participants="双方支部书记",
            participant_count=2,
        )


def _nav_count(client, key):
    """The count the page's badge request swaps in beside a navigation item (0: none)."""
    html = client.get(reverse("reporting:badge")).content.decode()
    marker = f'data-nav-count="{key}" title="待处理" hx-swap-oob="true">'
    if marker not in html:
        return 0
    return int(html.split(marker, 1)[1].split("<", 1)[0])


def test_agreement_without_activity_for_a_quarter_is_due_on_both_sides(tree, client_as):
    agreement = _agreement(tree)
    _log(agreement, days_ago=120)  # last activity more than 90 days ago
    for area in (tree.village_a, tree.village_b, tree.town_a):
        client = client_as(Role.VILLAGE if area.level == 5 else Role.TOWN, area)
        page = client.get("/").content.decode()
        assert "结对活动待记录" in page, area
        assert f"/pairing/agreements/{agreement.pk}/#log-activity" in page
        assert 'id="nav-count-pairingindex"' in page  # where the count goes
        assert _nav_count(client, "pairing:index") == 1
        assert _nav_count(client, "reporting:todo") >= 1


def test_recent_activity_or_a_new_agreement_is_not_due(tree, client_as):
    logged = _agreement(tree)
    _log(logged, days_ago=30)
    _agreement(tree, start_days_ago=40, weak=tree.village_a2, strong=tree.village_b2)
    client = client_as(Role.TOWN, tree.town_a)
    assert "结对活动待记录" not in client.get("/").content.decode()
    assert _nav_count(client, "pairing:index") == 0


def test_several_due_link_to_the_list_and_logging_clears_one(tree, client_as):
    first = _agreement(tree)
    second = _agreement(tree, weak=tree.village_a2, strong=tree.village_b2)
    client = client_as(Role.TOWN, tree.town_a)
    html = client.get("/").content.decode()
    assert "/pairing/#activity-due" in html
    assert _nav_count(client, "pairing:index") == 2
    listing = client.get("/pairing/").content.decode()
    assert f"/pairing/agreements/{first.pk}/#log-activity" in listing
    assert f"/pairing/agreements/{second.pk}/#log-activity" in listing
    r = client.post(
        f"/pairing/agreements/{first.pk}/activities/",
        {
            "held_on": timezone.localdate().isoformat(),
            "kind": "visit",
            "participants": "双方支部书记",
            "participant_count": "2",
            "summary": "",
        },
    )
    assert r.status_code == 302
    html = client.get("/").content.decode()
    assert _nav_count(client, "pairing:index") == 1  # recounted after the write
    assert f"/pairing/agreements/{second.pk}/#log-activity" in html


def test_roles_that_cannot_log_see_no_pairing_item(tree, client_as):
    _agreement(tree)
    html = client_as(Role.MEMBER, tree.village_a).get("/").content.decode()
    assert "结对活动待记录" not in html
