"""Permission-matrix support. Each app that adds URLs puts a `tests/matrix.py` beside its tests
with `ROWS: list[Row]` and `def objects(village: Area, side: str) -> dict[str, Any]` that creates
(inside scopes_disabled) one object per `Row.obj` key in the given village. The core test
collects them all; a URL without a row anywhere fails the suite.

Expected statuses are written out by hand per role (never derived from ROLE_PERMISSIONS), so a
change to the role table that opens or closes a page shows up as a failing row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scopes_disabled

from xingcun.core import registry
from xingcun.core.models import ImportJob
from xingcun.core.permissions import Role

ROLES = [Role.DISTRICT, Role.TOWN, Role.VILLAGE, Role.MEMBER, Role.EXPERT, Role.PARTNER]

# Status per role, in ROLES order.
ALL_200 = (200, 200, 200, 200, 200, 200)
CADRES = (200, 200, 200, 403, 403, 403)  # district, town and village staff
DISTRICT_ONLY = (200, 403, 403, 403, 403, 403)
REDIRECT_ALL = (302, 302, 302, 302, 302, 302)
ORG_READERS = (200, 200, 200, 200, 403, 403)
TOWN_EDITORS = (200, 200, 403, 403, 403, 403)
# A cooperation's pages (core.permissions.Cooperation): the cadres and partners see the home
# page; the matrix's partner login belongs to no bank, university or team, so an object of the
# cooperation is not theirs; a partner records its own work.
PARTNER_HOME = (200, 200, 200, 403, 403, 200)
NOT_THE_PARTNERS = (200, 200, 200, 403, 403, 404)
PARTNER_RECORDS = (200, 200, 403, 403, 403, 200)


@dataclass(frozen=True)
class Row:
    name: str
    method: str = "get"
    expect: tuple[int, ...] = ALL_200
    obj: str | None = None  # key of the object the URL addresses (tested inside and outside)
    kwarg: str = "pk"  # URL keyword that receives the object
    attr: str = "pk"  # attribute of the object passed in that keyword
    kwargs: tuple[tuple[str, Any], ...] = ()
    outside: int = 404  # status for an object outside the jurisdiction, where inside succeeds


def registry_rows(
    key: str, view: tuple[int, ...], edit: tuple[int, ...], delete: tuple[int, ...]
) -> list[Row]:
    """The ten URLs every registry gets."""
    return [
        Row(f"core:{key}-list", expect=view),
        Row(f"core:{key}-detail", expect=view, obj=key),
        Row(f"core:{key}-create", expect=edit),
        Row(f"core:{key}-edit", expect=edit, obj=key),
        Row(f"core:{key}-delete", expect=delete, obj=key),
        Row(f"core:{key}-template", expect=edit),
        Row(f"core:{key}-import", expect=edit),
        Row(f"core:{key}-import-status", expect=edit, obj=f"job:{key}", kwarg="job_id"),
        Row(f"core:{key}-import-retry", "post", expect=edit, obj=f"job:{key}", kwarg="job_id"),
        Row(f"core:{key}-import-confirm", "post", expect=edit, obj=f"job:{key}", kwarg="job_id"),
        Row(f"core:{key}-export", expect=view, kwargs=(("fmt", "xlsx"),)),
    ]


def cooperation_rows(
    app: str, *, edited: tuple[str, ...], configured: tuple[str, ...] = ()
) -> list[Row]:
    """A cooperation app's home page and registers: those the towns edit (`edited`) and those
    only the district does (`configured`)."""
    return [
        Row(f"{app}:home", expect=PARTNER_HOME),
        *(row for key in edited for row in registry_rows(key, CADRES, TOWN_EDITORS, DISTRICT_ONLY)),
        *(
            row
            for key in configured
            for row in registry_rows(key, CADRES, DISTRICT_ONLY, DISTRICT_ONLY)
        ),
    ]


ROWS: list[Row] = [
    Row("core:home"),
    Row("core:healthz"),
    Row("core:area-list"),
    Row("core:area-detail", obj="area", kwarg="code", attr="code"),
    Row("core:audit-list", expect=CADRES),
    Row("core:reference-search", expect=CADRES, kwargs=(("key", "members"), ("field", "person"))),
    Row("core:audit-export", expect=CADRES, kwargs=(("fmt", "xlsx"),)),
    Row("accounts:login"),
    Row("accounts:logout", method="post", expect=REDIRECT_ALL),
    Row("accounts:switch", method="post", expect=REDIRECT_ALL),
    Row("accounts:password"),
    Row("accounts:lockouts", expect=DISTRICT_ONLY),
    Row("accounts:lockout-lift", method="post", expect=(302, 403, 403, 403, 403, 403)),
    Row("set_language", method="post", expect=REDIRECT_ALL),
    Row("admin:index", expect=REDIRECT_ALL),  # not staff: sent to the admin login
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
    *registry_rows("projects", ALL_200, CADRES, DISTRICT_ONLY),
    *registry_rows("weak-rules", CADRES, DISTRICT_ONLY, DISTRICT_ONLY),
]


def objects(village, side):
    """One object of each foundation registry in `village` (plus an import job per registry)."""
    from xingcun.organisations.models import BranchMembership
    from xingcun.organisations.tests.factories import OrganisationFactory
    from xingcun.people.tests.factories import HouseholdFactory, PartyMemberFactory
    from xingcun.projects.tests.factories import ProjectFactory
    from xingcun.villages.models import ProfileEvidence, WeakVillageRule
    from xingcun.villages.tests.factories import VillageProfileFactory

    org = OrganisationFactory(area=village)
    aux = OrganisationFactory(area=village, category="temporary")
    member = PartyMemberFactory(area=village, organisation=org)
    household = HouseholdFactory(area=village, head=member.person)
    with scopes_disabled():  # fixture rows for the matrix, created before any request
        branch = BranchMembership.objects.create(
            area=village, member=member, organisation=aux, joined_on=dt.date(2020, 1, 1)
        )
        profile = VillageProfileFactory(area=village)
        project = ProjectFactory(area=village, status="signed", landed_on=None)
        evidence = ProfileEvidence.objects.create(
            area=village,
            profile=profile,
            title="财务报表",
            file=SimpleUploadedFile("report.pdf", b"%PDF-1.4 test"),
        )
        rule = WeakVillageRule.objects.create(
            area=village,
            name="规则",
            valid_from=2017,
            total_income_below=10,
            operating_income_below=5,
        )
        found = {
            "weak-rules": rule,
            "area": village,
            "evidence": evidence,
            "organisations": org,
            "branch-members": branch,
            "people": member.person,
            "members": member,
            "households": household,
            "profiles": profile,
            "projects": project,
        }
        for reg in registry.all_registries():
            found[f"job:{reg.key}"] = ImportJob.objects.create(
                area=village, registry=reg.key, filename="x.csv", status="done"
            )
    return found
