"""Every URL × role × inside/outside jurisdiction. A URL without a row here fails the suite.

Expected statuses are written out by hand (not derived from ROLE_PERMISSIONS), so a change to the
role table that opens or closes a page shows up here as a failing row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_scopes import scopes_disabled

from xingcun.core import registry
from xingcun.core.models import Area, ImportJob
from xingcun.core.permissions import Role
from xingcun.organisations.models import BranchMembership
from xingcun.organisations.tests.factories import OrganisationFactory
from xingcun.people.tests.factories import HouseholdFactory, PartyMemberFactory
from xingcun.projects.models import Project
from xingcun.villages.models import ProfileEvidence, VillageProfile

ROLES = [Role.DISTRICT, Role.TOWN, Role.VILLAGE, Role.MEMBER, Role.EXPERT, Role.PARTNER]

# Status per role, in ROLES order.
ALL_200 = (200, 200, 200, 200, 200, 200)
CADRES = (200, 200, 200, 403, 403, 403)  # registries: district, town and village staff
DISTRICT_ONLY = (200, 403, 403, 403, 403, 403)
AREA_READERS = ALL_200
PROJECT_READERS = ALL_200
ORG_READERS = (200, 200, 200, 200, 403, 403)


@dataclass(frozen=True)
class Row:
    name: str
    method: str = "get"
    expect: tuple[int, ...] = ALL_200
    obj: str | None = None  # which fixture object the URL addresses (inside/outside variants)
    kwargs: tuple[tuple[str, Any], ...] = ()
    outside: int | None = 404  # status for an object outside the jurisdiction (when allowed)


def registry_rows(
    key: str, view: tuple[int, ...], edit: tuple[int, ...], delete: tuple[int, ...]
) -> list[Row]:
    return [
        Row(f"core:{key}-list", expect=view),
        Row(f"core:{key}-detail", expect=view, obj=key),
        Row(f"core:{key}-create", expect=edit),
        Row(f"core:{key}-edit", expect=edit, obj=key),
        Row(f"core:{key}-delete", expect=delete, obj=key),
        Row(f"core:{key}-template", expect=edit),
        Row(f"core:{key}-import", expect=edit),
        Row(f"core:{key}-import-status", expect=edit, obj="job:" + key),
        Row(f"core:{key}-export", expect=view, kwargs=(("fmt", "xlsx"),)),
    ]


MATRIX: list[Row] = [
    Row("core:home"),
    Row("core:healthz"),
    Row("core:area-list", expect=AREA_READERS),
    Row("core:area-detail", expect=AREA_READERS, obj="area"),
    Row("core:audit-list", expect=CADRES),
    Row("accounts:login"),
    Row("accounts:logout", method="post", expect=(302,) * 6),
    Row("accounts:switch", method="post", expect=(302,) * 6),
    Row("set_language", method="post", expect=(302,) * 6),
    Row("admin:index", expect=(302,) * 6),  # not staff: sent to the admin login
    Row(
        "villages:evidence-add",
        method="post",
        expect=(302, 302, 302, 403, 403, 403),
        obj="profiles",
    ),
    Row("villages:evidence-download", expect=CADRES, obj="evidence"),
    *registry_rows("organisations", ORG_READERS, CADRES, DISTRICT_ONLY),
    *registry_rows("branch-members", ORG_READERS, CADRES, DISTRICT_ONLY),
    *registry_rows("people", CADRES, CADRES, DISTRICT_ONLY),
    *registry_rows("members", CADRES, CADRES, DISTRICT_ONLY),
    *registry_rows("households", CADRES, CADRES, DISTRICT_ONLY),
    *registry_rows("profiles", CADRES, CADRES, DISTRICT_ONLY),
    *registry_rows("projects", PROJECT_READERS, CADRES, DISTRICT_ONLY),
]


def all_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str | None) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace == "admin":
                    names.add("admin:index")  # Django's own admin: one row stands for it
                    continue
                ns = p.namespace or namespace
                walk(
                    p.url_patterns,
                    f"{namespace}:{p.namespace}" if namespace and p.namespace else ns,
                )
            elif isinstance(p, URLPattern) and p.name:
                names.add(f"{namespace}:{p.name}" if namespace else p.name)

    walk(get_resolver().url_patterns, None)
    return names


def test_every_url_is_in_matrix():
    missing = all_url_names() - {row.name for row in MATRIX}
    assert not missing, f"URLs without a permission-matrix row: {sorted(missing)}"


@pytest.fixture
def world(tree):
    """One object of each registry inside village_a and one in a village of another county."""
    with scopes_disabled():
        other_county = Area.tree.create(
            code="330106000000",
            name="西湖区",
            level=3,
            parent=tree.district.parent,
            path="/33/3301/330106/",
        )
        other_town = Area.tree.create(
            code="330106001000",
            name="北山街道",
            level=4,
            parent=other_county,
            path="/33/3301/330106/330106001/",
        )
        far = Area.tree.create(
            code="330106001001",
            name="曙光社区",
            level=5,
            parent=other_town,
            path="/33/3301/330106/330106001/330106001001/",
        )
    objects = {"inside": {}, "outside": {}}
    for side, village in (("inside", tree.village_a), ("outside", far)):
        org = OrganisationFactory(area=village)
        aux = OrganisationFactory(area=village, category="temporary")
        member = PartyMemberFactory(area=village, organisation=org)
        household = HouseholdFactory(area=village, head=member.person)
        with scopes_disabled():
            branch = BranchMembership.objects.create(
                area=village, member=member, organisation=aux, joined_on=dt.date(2020, 1, 1)
            )
            profile = VillageProfile.objects.create(
                area=village,
                year=2020,
                population=100,
                households=30,
                per_capita_income=30000,
                operating_income=1,
                contract_income=1,
                investment_income=1,
                subsidy_income=1,
                other_income=1,
                debt=0,
            )
            project = Project.objects.create(
                area=village,
                code=f"XM-{side}",
                name="项目",
                kind="other",
                investment=10,
                status="signed",
                signed_on=dt.date(2020, 1, 1),
            )
        with scopes_disabled():
            evidence = ProfileEvidence.objects.create(
                area=village,
                profile=profile,
                title="财务报表",
                file=SimpleUploadedFile("report.pdf", b"%PDF-1.4 test"),
            )
        found = {
            "evidence": evidence,
            "organisations": org,
            "branch-members": branch,
            "people": member.person,
            "members": member,
            "households": household,
            "profiles": profile,
            "projects": project,
            "area": village,
        }
        with scopes_disabled():
            for reg in registry.all_registries():
                found[f"job:{reg.key}"] = ImportJob.objects.create(
                    area=village, registry=reg.key, filename="x.csv", status="done"
                )
        objects[side] = found
    return objects


def node_for(role, tree):
    return {
        Role.DISTRICT: tree.district,
        Role.TOWN: tree.town_a,
        Role.VILLAGE: tree.village_a,
        Role.MEMBER: tree.village_a,
        Role.EXPERT: tree.district,
        Role.PARTNER: tree.district,
    }[role]


def url_for(row: Row, obj: Any) -> str:
    kwargs = dict(row.kwargs)
    if row.obj == "area":
        kwargs["code"] = obj.code
    elif row.obj and row.obj.startswith("job:"):
        kwargs["job_id"] = obj.pk
    elif row.obj:
        kwargs["pk"] = obj.pk
    return reverse(row.name, kwargs=kwargs or None)


CASES = [
    pytest.param(row, role, side, id=f"{row.name}-{role}-{side}")
    for row in MATRIX
    for role in ROLES
    for side in (("inside", "outside") if row.obj else ("inside",))
]


@pytest.mark.parametrize(("row", "role", "side"), CASES)
def test_permission_matrix(row, role, side, tree, world, client_as):
    client = client_as(role, node_for(role, tree))
    obj = world[side].get(row.obj) if row.obj else None
    url = url_for(row, obj)
    response = getattr(client, row.method)(url)
    response.close()  # file downloads hold their file open until closed
    expected = row.expect[ROLES.index(role)]
    if side == "outside" and expected in (200, 302):
        expected = row.outside
    assert response.status_code == expected, f"{row.method.upper()} {url} as {role} ({side})"


@pytest.mark.parametrize(
    "row", [r for r in MATRIX if r.expect != ALL_200 and r.method == "get"], ids=lambda r: r.name
)
def test_anonymous_users_are_sent_to_login(row, world, client):
    obj = world["inside"].get(row.obj) if row.obj else None
    response = client.get(url_for(row, obj))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_village_user_sees_only_own_village_in_list(tree, world, client_as):
    response = client_as(Role.VILLAGE, tree.village_a).get("/r/people/")
    people = [p for p, _ in response.context["rows"]]
    assert people == [world["inside"]["people"]]


def test_town_user_does_not_see_the_other_town(tree, client_as):
    from xingcun.people.tests.factories import PersonFactory

    mine = PersonFactory(area=tree.village_a2)
    other = PersonFactory(area=tree.village_b)
    client = client_as(Role.TOWN, tree.town_a)
    assert client.get(f"/r/people/{mine.pk}/").status_code == 200
    assert client.get(f"/r/people/{other.pk}/").status_code == 404
