"""Accepted data is locked against every write path: the register form, import, delete, the
admin, and the services (the rating self-assessment); a return from above unlocks it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django_scopes import scope, scopes_disabled

from xingcun.core import registry
from xingcun.core.imports import import_table
from xingcun.core.permissions import Role
from xingcun.core.tabular import Table
from xingcun.reporting import locks, services
from xingcun.reporting.models import TaskInstance
from xingcun.reporting.tests.factories import instance_of, issue, profile, profile_task
from xingcun.villages.models import VillageProfile

S = TaskInstance.Status


def accept(tree, village):
    task = profile_task(tree)
    instance = instance_of(task, village)
    with scope(area=village.path):
        instance = services.instance_submit(instance=instance, actor=None, role=Role.VILLAGE)
        instance = services.instance_approve(instance=instance, actor=None, role=Role.TOWN)
        return services.instance_accept(instance=instance, actor=None, role=Role.DISTRICT)


def form_data(p, **changes):
    data = {
        "area": p.area_id,
        "year": p.year,
        "population": p.population,
        "households": p.households,
        "per_capita_income": p.per_capita_income,
        "operating_income": p.operating_income,
        "contract_income": p.contract_income,
        "investment_income": p.investment_income,
        "subsidy_income": p.subsidy_income,
        "other_income": p.other_income,
        "debt": p.debt,
        "industries": "",
    }
    data.update(changes)
    return data


def test_register_form_cannot_change_an_accepted_profile(tree, client_as):
    p = profile(tree.village_a)
    accept(tree, tree.village_a)
    client = client_as(Role.VILLAGE, tree.village_a)
    r = client.post(f"/r/profiles/{p.pk}/edit/", form_data(p, population=999))
    assert r.status_code == 200
    assert "已验收锁定" in r.content.decode()
    p.refresh_from_db()
    assert p.population == 1000


def test_register_form_still_edits_an_unaccepted_profile(tree, client_as):
    p = profile(tree.village_a)
    profile_task(tree)
    client = client_as(Role.VILLAGE, tree.village_a)
    r = client.post(f"/r/profiles/{p.pk}/edit/", form_data(p, population=999))
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.population == 999


def test_other_villages_and_years_stay_writable(tree):
    p = profile(tree.village_a)
    other_village = profile(tree.village_a2)
    other_year = profile(tree.village_a, year=2019)
    accept(tree, tree.village_a)
    with scope(area=tree.town_a.path):  # a write is checked in the writer's scope
        assert locks.is_locked(p)
        assert not locks.is_locked(other_village)
        assert not locks.is_locked(other_year)


def test_moving_a_record_out_of_a_locked_year_is_refused(tree):
    p = profile(tree.village_a)
    accept(tree, tree.village_a)
    p.year = 2019
    with scope(area=tree.village_a.path), pytest.raises(ValidationError):
        locks.check_writable(p)


def test_creating_a_record_in_a_locked_period_is_refused(tree):
    p = profile(tree.village_a)
    accept(tree, tree.village_a)
    with scopes_disabled():  # simulate a second row for the same village and year
        p.delete()
    new = VillageProfile(area=tree.village_a, year=2020, population=1, households=1)
    with scope(area=tree.village_a.path), pytest.raises(ValidationError):
        locks.check_writable(new)


def test_delete_through_the_register_is_refused(tree, client_as):
    p = profile(tree.village_a)
    accept(tree, tree.village_a)
    client = client_as(Role.DISTRICT, tree.district)
    client.post(f"/r/profiles/{p.pk}/delete/")
    assert VillageProfile._base_manager.filter(pk=p.pk).exists()


def test_import_cannot_change_an_accepted_profile(tree, make_user):
    profile(tree.village_a)
    accept(tree, tree.village_a)
    reg = registry.get("profiles")
    headers = [c.header for c in reg.columns if not c.readonly]
    row = [tree.village_a.code, "2020", "999", "300", "30000", "20", "5", "5", "10", "0", "0", ""]
    with scope(area=tree.district.path):
        result = import_table(
            registry=reg,
            table=Table(headers=headers, rows=[(2, row)]),
            actor=make_user(Role.DISTRICT, tree.district),
            filename="p.xlsx",
        )
    assert not result.ok
    assert "已验收锁定" in result.errors[0]
    assert result.errors[0].startswith("第2行")
    assert VillageProfile._base_manager.get(area=tree.village_a, year=2020).population == 1000


def test_admin_form_refuses_and_hides_delete_for_locked_rows(tree, make_user):
    p = profile(tree.village_a)
    accept(tree, tree.village_a)
    admin = site._registry[VillageProfile]
    request = RequestFactory().get("/")
    request.user = make_user(Role.DISTRICT, tree.district, is_staff=True, is_superuser=True)
    with scopes_disabled():  # the admin works outside scopes
        form_class = admin.get_form(request, p, change=True)
        form = form_class(data=form_data(p, population=5), instance=p)
        assert not form.is_valid()
        assert "已验收锁定" in str(form.non_field_errors())
        assert not admin.has_delete_permission(request, p)


def test_evidence_of_a_locked_profile_is_locked_too(tree):
    from xingcun.villages.models import ProfileEvidence

    p = profile(tree.village_a)
    accept(tree, tree.village_a)
    evidence = ProfileEvidence(area=tree.village_a, profile=p, title="报表")
    with scope(area=tree.village_a.path), pytest.raises(ValidationError):
        locks.check_writable(evidence)


def test_return_from_above_unlocks(tree):
    p = profile(tree.village_a)
    instance = accept(tree, tree.village_a)
    with scope(area=tree.district.path):
        services.instance_return(
            instance=instance, actor=None, role=Role.DISTRICT, reason="请核对人口"
        )
    p.population = 1001
    with scope(area=tree.village_a.path):
        locks.check_writable(p)  # no error


def test_rating_self_assessment_is_locked_after_acceptance(tree, make_user):
    from xingcun.organisations.tests.factories import OrganisationFactory
    from xingcun.ratings import services as ratings
    from xingcun.ratings.models import Rating

    org = OrganisationFactory(area=tree.village_a, kind="branch")
    with scope(area=tree.district.path):
        scheme = ratings.ensure_defaults(district=tree.district)
        if scheme.status != "published":
            ratings.scheme_publish(scheme=scheme, actor=make_user(Role.DISTRICT, tree.district))
    secretary = make_user(Role.VILLAGE, tree.village_a)
    scores = dict.fromkeys(("team", "members", "life", "development", "service", "family"), "80")
    with scope(area=tree.village_a.path):
        ratings.rating_self_score(
            organisation=org, year=2020, scores=scores, note="", actor=secretary
        )
    task = issue(
        tree,
        title="星级自评",
        dataset="ratings.self_assessment",
        first_period="2020",
        last_period="2020",
        town_review=False,
    )
    instance = instance_of(task, tree.village_a)
    with scope(area=tree.district.path):
        services.instance_submit(instance=instance, actor=None, role=Role.VILLAGE)
        services.instance_accept(instance=instance, actor=None, role=Role.DISTRICT)
    with scope(area=tree.village_a.path), pytest.raises(ValidationError) as e:
        ratings.rating_self_score(
            organisation=org, year=2020, scores={**scores, "team": "90"}, note="", actor=secretary
        )
    assert "已验收锁定" in str(e.value)
    assert Rating._base_manager.get(organisation=org, year=2020).self_total == Decimal("80.00")


def test_evidence_upload_page_refuses_a_locked_profile(tree, client_as):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from xingcun.villages.models import ProfileEvidence

    p = profile(tree.village_a)
    client = client_as(Role.VILLAGE, tree.village_a)

    def upload():
        return client.post(
            f"/villages/profiles/{p.pk}/evidence/",
            {"title": "统计报表", "file": SimpleUploadedFile("a.pdf", b"%PDF-1.4 x")},
            follow=True,
        )

    assert "佐证材料已上传" in upload().content.decode()
    accept(tree, tree.village_a)
    html = upload().content.decode()
    assert "已验收锁定" in html
    with scopes_disabled():
        assert ProfileEvidence.objects.filter(profile=p).count() == 1


def test_import_command_cannot_change_an_accepted_profile(tree, make_user, tmp_path):
    import io

    from django.core.management import CommandError, call_command

    from xingcun.core.tabular import write_xlsx

    profile(tree.village_a)
    accept(tree, tree.village_a)
    make_user(Role.DISTRICT, tree.district)
    reg = registry.get("profiles")
    headers = [c.header for c in reg.columns if not c.readonly]
    row = [tree.village_a.code, "2020", "999", "300", "30000", "20", "5", "5", "10", "0", "0", ""]
    path = tmp_path / "profiles.xlsx"
    path.write_bytes(write_xlsx(headers, [row]))
    errors = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_records",
            "profiles",
            str(path),
            "--area",
            tree.district.code,
            "--user",
            "district1",
            stderr=errors,
        )
    assert "第2行" in errors.getvalue()
    assert "已验收锁定" in errors.getvalue()
    assert VillageProfile._base_manager.get(area=tree.village_a, year=2020).population == 1000
