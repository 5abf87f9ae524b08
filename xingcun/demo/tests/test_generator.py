from __future__ import annotations

import datetime as dt
import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Min, Sum
from django_scopes import scopes_disabled

from xingcun.accounts.models import Membership, User
from xingcun.accounts.validators import DEMO_PASSWORD
from xingcun.core import idcard
from xingcun.core.models import Area, AuditEntry
from xingcun.core.permissions import Role
from xingcun.demo.generator import AS_OF, DemoError, generate
from xingcun.orders.models import Expert
from xingcun.organisations.models import BranchMembership, Organisation
from xingcun.people.models import Household, PartyMember, Person
from xingcun.projects.models import Project
from xingcun.villages.models import VillageProfile

SCALE = 0.02
YEARS = range(2017, 2021)


@pytest.fixture(scope="class")
def shared_demo(django_db_setup, django_db_blocker):
    """One generated district for the read-only tests of a class, rolled back after the class."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield generate(scale=SCALE, with_apps=False)
        transaction.set_rollback(True)


@pytest.fixture
def demo(shared_demo, db):
    return shared_demo


def digest() -> str:
    """A fingerprint of the generated values (not of primary keys, which differ between runs)."""
    with scopes_disabled():  # reading the whole generated county
        rows: list[object] = [
            *Person.objects.values_list("id_number", "name", "gender", "phone", "area__code"),
            *PartyMember.objects.values_list(
                "person__id_number", "organisation__code", "category", "status", "joined_on"
            ),
            *Organisation.objects.values_list("code", "name", "kind", "secretary__id_number"),
            *BranchMembership.objects.values_list(
                "member__person__id_number", "organisation__code", "joined_on"
            ),
            *Household.objects.values_list("number", "head__id_number", "size", "is_low_income"),
            *VillageProfile.objects.values_list(
                "area__code", "year", "operating_income", "subsidy_income", "debt", "industries"
            ),
            *Project.objects.values_list("code", "name", "investment", "status", "landed_on"),
            *Project.villages.through.objects.values_list("project__code", "area__code"),
            *User.objects.values_list("username", "display_name", "person__id_number"),
        ]
    return hashlib.sha256(repr(sorted(map(repr, rows))).encode()).hexdigest()


def digest_of_run(seed: int) -> str:
    with transaction.atomic():
        generate(scale=SCALE, seed=seed, with_apps=False)
        value = digest()
        transaction.set_rollback(True)  # the next run starts from an empty database again
    return value


def test_same_seed_gives_the_same_data_and_another_seed_does_not(db):
    first = digest_of_run(7)
    assert digest_of_run(7) == first
    assert digest_of_run(8) != first


def test_load_demo_if_empty_twice_does_not_duplicate(db):
    out = StringIO()
    call_command("load_demo", scale=SCALE, if_empty=True, stdout=out)
    with scopes_disabled():  # counting the whole county
        counts = (Organisation.objects.count(), Person.objects.count(), User.objects.count())
    call_command("load_demo", scale=SCALE, if_empty=True, stdout=out)
    with scopes_disabled():
        again = (Organisation.objects.count(), Person.objects.count(), User.objects.count())
    assert again == counts
    assert counts[2] == 6
    assert "已生成临安区演示数据" in out.getvalue()
    progress = [line for line in out.getvalue().splitlines() if line.startswith("[")]
    assert "秒] 区划：镇街 18，村社 319（用时" in progress[0]
    assert any("秒] 农村党员先锋指数：events " in line for line in progress)
    assert "已有党组织数据，未生成演示数据" in out.getvalue()


def test_scale_multiplies_people_but_not_structure(db):
    with transaction.atomic():
        small = generate(scale=SCALE, years=range(2019, 2021), with_apps=False)
        transaction.set_rollback(True)
    larger = generate(scale=SCALE * 3, years=range(2019, 2021), with_apps=False)
    assert larger.members > 1.5 * small.members  # every village keeps at least two members
    assert larger.households > 2.5 * small.households
    assert (larger.village_organisations, larger.profiles) == (319, 319 * 2)
    assert (small.village_organisations, small.profiles) == (319, 319 * 2)
    assert dt.date(2019, 1, 1) <= Project._base_manager.order_by("signed_on").first().signed_on


class TestGeneratedDistrict:
    """Checks of one generated district (scale 0.02), which they only read."""

    def test_id_numbers_are_valid_unique_and_agree_with_birth_date_and_gender(self, demo):
        with scopes_disabled():  # checking every generated person
            people = list(Person.objects.values_list("id_number", "birth_date", "gender"))
        numbers = [number for number, _, _ in people]
        assert len(people) == demo.persons > 600
        assert [n for n in numbers if idcard.id_number_error(n) is not None] == []
        assert len(set(numbers)) == len(numbers)
        assert all(idcard.birth_date(n) == birth for n, birth, _ in people)
        assert all(idcard.gender(n) == gender for n, _, gender in people)

    def test_phones_are_mostly_present_and_well_formed(self, demo):
        with scopes_disabled():  # checking every generated person
            phones = list(Person.objects.values_list("phone", flat=True))
        present = [p for p in phones if p]
        assert len(present) > 0.8 * len(phones)
        assert all(len(p) == 11 and p.isdigit() and p.startswith("1") for p in present)

    def test_every_village_has_one_organisation_with_a_secretary_and_a_profile_each_year(
        self, demo
    ):
        with scopes_disabled():  # checking every village of the county
            villages = Area.tree.filter(level=Area.Level.VILLAGE, path__startswith=demo.county.path)
            regular = Organisation.objects.filter(
                category=Organisation.Category.REGULAR,
                kind__in=["committee", "general_branch", "branch"],
            ).select_related("secretary")
            orgs = {o.area_id: o for o in regular}
            years = {}
            for area_id, year in VillageProfile.objects.values_list("area_id", "year"):
                years.setdefault(area_id, set()).add(year)
            secretary_villages = {o.area_id: o.secretary.area_id for o in regular if o.secretary}
        assert villages.count() == demo.villages == 319
        assert len(orgs) == demo.village_organisations == 319  # one per village, none twice
        assert sum(1 for _ in regular) == 319
        assert {v.pk for v in villages} == set(orgs)
        assert {o.kind for o in orgs.values()} == {"committee", "general_branch", "branch"}
        assert secretary_villages == {pk: pk for pk in orgs}
        assert all(set(YEARS) <= years.get(v.pk, set()) for v in villages)  # apps may add more

    def test_organisation_tree_runs_from_the_district_committee_to_party_groups(self, demo):
        with scopes_disabled():  # checking the whole tree
            district = Organisation.objects.get(kind=Organisation.Kind.DISTRICT_COMMITTEE)
            towns = Organisation.objects.filter(kind=Organisation.Kind.TOWN_COMMITTEE)
            groups = Organisation.objects.filter(
                kind=Organisation.Kind.GROUP, category=Organisation.Category.REGULAR
            ).select_related("parent")
            assert district.area == demo.county
            assert district.category == Organisation.Category.ORGAN
            assert towns.count() == 18
            assert set(towns.values_list("parent", flat=True)) == {district.pk}
            assert groups.exists()
            assert all(g.parent.area_id == g.area_id for g in groups)
            assert all(g.parent.kind != Organisation.Kind.GROUP for g in groups)

    @pytest.mark.parametrize(
        ("word", "category", "area_code", "town_code"),
        [
            ("淘宝党支部", "functional", "330112108230", "330112108000"),
            ("新农人临时党支部", "temporary", "330112116000", "330112116000"),
            ("后浪党支部", "temporary", "330112103000", "330112103000"),
        ],
    )
    def test_named_branches_sit_in_their_towns_with_members(
        self, demo, word, category, area_code, town_code
    ):
        with scopes_disabled():  # the branch and its members' home villages
            branch = Organisation.objects.select_related("area", "parent__area").get(
                name__endswith=word, kind=Organisation.Kind.BRANCH
            )
            homes = list(branch.extra_members.values_list("member__area__path", flat=True))
        assert branch.category == category
        assert branch.area.code == area_code
        assert branch.parent.area.code == town_code
        assert branch.secretary_id is not None
        town_path = Area.tree.get(code=town_code).path
        assert homes
        assert all(path.startswith(town_path) for path in homes)

    def test_functional_branch_members_fit_the_branch(self, demo):
        with scopes_disabled():  # members of the three branches, across villages
            xinnongren = BranchMembership.objects.filter(organisation__name__contains="新农人")
            houlang = BranchMembership.objects.filter(
                organisation__name__endswith="后浪党支部"
            ).select_related("member__person")
            taobao = BranchMembership.objects.filter(organisation__name__contains="淘宝")
            returned_in_tianmushan = PartyMember.objects.filter(
                returned_entrepreneur=True, area__code__startswith="330112116"
            ).count()
            in_groups = BranchMembership.objects.filter(
                organisation__parent__name__endswith="后浪党支部"
            ).count()
            assert set(taobao.values_list("member__area__code", flat=True)) == {"330112108230"}
            if returned_in_tianmushan:
                assert xinnongren.count() == returned_in_tianmushan
                assert not xinnongren.filter(member__returned_entrepreneur=False).exists()
            ages = [m.member.person.age_on(AS_OF) for m in houlang]
            assert in_groups == len(ages)
            assert ages
            assert max(ages) <= 35 or len(ages) == 1
            assert all(m.joined_on >= m.organisation.founded_on for m in houlang)

    def test_members_categories_follow_office_floating_and_age(self, demo):
        with scopes_disabled():  # every generated member
            members = list(PartyMember.objects.select_related("person"))
        assert len(members) == demo.members
        assert all(m.category == m.suggested_category(AS_OF) for m in members)
        assert {m.category for m in members} == {"A", "B", "C", "D"}
        assert all(m.person.age_on(m.joined_on) >= 18 for m in members)
        assert all(m.joined_on <= AS_OF for m in members)
        full = sum(1 for m in members if m.status == PartyMember.Status.FULL)
        assert full > 0.85 * len(members)

    def test_generated_rows_pass_model_validation(self, demo):
        with scopes_disabled():  # validating a sample of every generated model
            samples = [
                *Person.objects.order_by("id")[:40],
                *PartyMember.objects.order_by("id")[:40],
                *Organisation.objects.order_by("id")[:40],
                *BranchMembership.objects.order_by("id")[:20],
                *Household.objects.order_by("id")[:40],
                *VillageProfile.objects.order_by("id")[:40],
                *Project.objects.order_by("id")[:20],
            ]
            for obj in samples:
                obj.full_clean()

    def test_households_have_heads_of_their_village_and_unique_numbers(self, demo):
        with scopes_disabled():  # every generated household
            households = list(Household.objects.select_related("head", "area"))
        assert len(households) == demo.households >= 319
        assert all(h.head.area_id == h.area_id for h in households)
        assert all(h.number.startswith(f"{h.area.code}-") for h in households)
        assert not any(h.is_demonstration and h.is_low_income for h in households)

    def test_household_register_agrees_with_the_village_profiles(self, demo):
        """At scale s each register holds s of the profile's households, and their sizes add up to
        s of its registered population; at scale 1 the two are the same figures."""
        with scopes_disabled():  # every generated household and profile
            register = {
                row["area_id"]: row
                for row in Household.objects.values("area_id").annotate(
                    n=Count("id"), people=Sum("size"), smallest=Min("size")
                )
            }
            profiles = list(VillageProfile.objects.filter(year=AS_OF.year))
            heads = list(Household.objects.values_list("head_id", flat=True))
        assert len(profiles) == len(register) == 319
        for profile in profiles:
            row = register[profile.area_id]
            assert 2.7 <= profile.population / profile.households <= 3.0
            assert row["n"] == max(1, round(profile.households * SCALE))
            assert row["people"] == round(profile.population * row["n"] / profile.households)
            assert row["smallest"] >= 1
        assert len(set(heads)) == len(heads)  # nobody heads two households
        total = sum(p.population for p in profiles)
        assert 450_000 < total < 650_000  # 临安区: some 540,000 registered residents

    def test_about_one_in_seven_villages_starts_weak_and_most_recover_by_2019(self, demo):
        with scopes_disabled():  # every village profile
            profiles = list(VillageProfile.objects.all())

        def weak(year: int) -> int:
            return sum(
                1
                for p in profiles
                if p.year == year and p.collective_income < 10 and p.operating_like_income < 5
            )

        assert 0.10 * 319 <= weak(2017) <= 0.22 * 319
        assert weak(2019) <= weak(2017) / 3
        by_village = {}
        for p in sorted(profiles, key=lambda p: p.year):
            by_village.setdefault(p.area_id, []).append(p)
        for rows in by_village.values():
            incomes = [p.per_capita_income for p in rows]
            assert incomes == sorted(incomes)
            assert incomes[0] >= 24_000
            assert incomes[-1] <= 46_000
        bainiu = VillageProfile._base_manager.get(area__code="330112108230", year=2020)
        assert {"电商", "山核桃"} <= set(bainiu.industries.split("、"))

    def test_projects_follow_status_rules_and_land_in_their_area(self, demo):
        with scopes_disabled():  # every generated project
            projects = list(Project.objects.select_related("area").prefetch_related("villages"))
        assert len(projects) == demo.projects >= 3
        for project in projects:
            assert project.code.startswith(f"XM{project.signed_on.year}-")
            assert (project.landed_on is None) == (project.status == Project.Status.SIGNED)
            assert project.landed_on is None or project.landed_on >= project.signed_on
            assert project.villages.all()
            assert all(project.area.contains(v) for v in project.villages.all())

    def test_one_login_per_role_with_a_membership_at_its_node(self, demo):
        expected = {
            "district": (Role.DISTRICT, "330112000000"),
            "town": (Role.TOWN, "330112102000"),
            "village": (Role.VILLAGE, "330112108230"),
            "member": (Role.MEMBER, "330112108230"),
            "expert": (Role.EXPERT, "330112000000"),
            "partner": (Role.PARTNER, "330112000000"),
        }
        memberships = {
            m.user.username: (m.role, m.area.code)
            for m in Membership.objects.select_related("user", "area")
        }
        assert memberships == expected
        assert all(u.check_password(DEMO_PASSWORD) for u in User.objects.all())
        with scopes_disabled():  # the two logins that are people of 白牛村
            bainiu_org = Organisation.objects.get(code="330112108230-00")
            member = PartyMember.objects.get(person__user__username="member")
        assert bainiu_org.secretary.user.username == "village"
        assert member.area.code == "330112108230"
        assert member.person != bainiu_org.secretary

    def test_generation_writes_one_audit_entry_with_the_counts(self, demo):
        entries = AuditEntry._base_manager.filter(action="demo.loaded")
        assert entries.count() == 1
        entry = entries.get()
        assert (entry.area, entry.via, entry.actor) == (demo.county, "command", None)
        assert entry.changes["members"] == demo.members
        assert entry.changes["villages"] == 319

    def test_generating_again_is_refused(self, demo):
        with pytest.raises(DemoError, match="已有党组织数据"):
            generate(scale=SCALE, with_apps=False)

    def test_demo_logins_lists_the_six_logins(self, demo):
        out = StringIO()
        call_command("demo_logins", stdout=out)
        text = out.getvalue()
        for username in ("district", "town", "village", "member", "expert", "partner"):
            assert f" {username} " in text
        assert "村党组织书记" in text
        assert "白牛村（330112108230）" in text
        assert text.count(DEMO_PASSWORD) == 6
        assert "http://127.0.0.1:8000/accounts/login/" in text


def test_every_app_demo_runs_and_fills_its_part(db):
    """The whole demo as `make run` loads it: every app's demo.py runs and reports non-zero
    counts (each app's own tests check its figures)."""

    result = generate(scale=0.01, years=range(2017, 2021))
    assert result.extras, "no app demo ran"
    empty = {label: counts for label, counts in result.extras.items() if not any(counts.values())}
    assert not empty
    with scopes_disabled():  # every linked login shows the name of its person or expert record
        expert = Expert.objects.select_related("user").get(user__username="expert")
        people = Person.objects.filter(user__isnull=False).select_related("user")
        assert expert.user.display_name == expert.name
        assert all(p.user.display_name == p.name for p in people)
