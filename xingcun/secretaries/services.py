"""Writes of the first-secretary and 消薄 work: postings, assessments, the weak cohort."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from xingcun.core import audit
from xingcun.core.models import Area
from xingcun.core.seeding import system_create
from xingcun.secretaries.models import (
    AssessmentScheme,
    FirstSecretary,
    Measure,
    SecretaryAssessment,
    WeakCohortVillage,
    WeakRemovalPlan,
)
from xingcun.villages.models import VillageProfile
from xingcun.villages.rules import weak_profiles


@transaction.atomic
def secretary_post(
    *,
    village: Area,
    person: Any,
    sending_unit: str,
    started_on: dt.date,
    by: Any,
    ended_on: dt.date | None = None,
    measures: Iterable[Measure] = (),
) -> FirstSecretary:
    """Send a first secretary to a village; one person serves one village at a time."""
    if village.level != Area.Level.VILLAGE:
        raise ValidationError(gettext("第一书记应派驻到村(社区)"))
    posting = FirstSecretary(
        area=village,
        person=person,
        sending_unit=sending_unit.strip(),
        started_on=started_on,
        ended_on=ended_on,
    )
    posting.full_clean()
    posting.save()
    posting.measures.set(list(measures))
    audit.log(
        actor=by, action="first-secretaries.created", obj=posting, changes=audit.snapshot(posting)
    )
    return posting


def scheme_for(*, area: Area, year: int) -> AssessmentScheme | None:
    """The scoring scheme governing the village in `year` (inherited from the district)."""
    return AssessmentScheme.objects.effective(area=area, year=year)


@transaction.atomic
def assessment_scheme_ensure_default(*, district: Area) -> AssessmentScheme:
    existing = (
        AssessmentScheme.objects.inherited().filter(area=district).order_by("valid_from").first()
    )
    if existing is not None:
        return existing
    scheme = AssessmentScheme(area=district, name="第一书记年度考核（70+20+10）", valid_from=2017)
    return system_create(
        scheme, action="assessment-schemes.created", changes={"name": [None, scheme.name]}
    )


def assessment_values(values: dict[str, Any]) -> None:
    """Fill area, total and grade of an assessment from its scores and the scheme of its year;
    used by the service and by the registry (page and import) alike."""
    secretary: FirstSecretary | None = values.get("secretary")
    year = values.get("year")
    if secretary is None or year is None:
        return
    values["area"] = secretary.area
    scheme = scheme_for(area=secretary.area, year=year)
    if scheme is None:
        raise ValidationError(
            gettext("%(year)s年没有有效的第一书记考核方案，请区委组织部先设置") % {"year": year}
        )
    scores = (
        ("town_score", scheme.town_max, gettext("镇街目标考核得分")),
        ("mass_score", scheme.mass_max, gettext("群众测评得分")),
        ("team_score", scheme.team_max, gettext("考核组评价得分")),
    )
    total = Decimal(0)
    for field, maximum, label in scores:
        score = Decimal(values.get(field) or 0)
        if score < 0 or score > maximum:
            raise ValidationError(
                {
                    field: gettext("%(label)s应在0到%(maximum)s分之间")
                    % {"label": label, "maximum": maximum}
                }
            )
        total += score
    values["total"] = total
    values["grade"] = scheme.grade(total)


@transaction.atomic
def assessment_record(
    *,
    secretary: FirstSecretary,
    year: int,
    town_score: Decimal,
    mass_score: Decimal,
    team_score: Decimal,
    by: Any,
) -> SecretaryAssessment:
    values: dict[str, Any] = {
        "secretary": secretary,
        "year": year,
        "town_score": town_score,
        "mass_score": mass_score,
        "team_score": team_score,
    }
    assessment_values(values)
    existing = (
        SecretaryAssessment.objects.inherited().filter(secretary=secretary, year=year).first()
    )
    assessment = existing or SecretaryAssessment()
    before = audit.snapshot(assessment) if existing else {}
    for name, value in values.items():
        setattr(assessment, name, value)
    assessment.full_clean()
    assessment.save()
    action = "secretary-assessments." + ("updated" if existing else "created")
    audit.log_change(actor=by, action=action, obj=assessment, before=before)
    return assessment


# --- 消薄 ----------------------------------------------------------------------------------------


@transaction.atomic
def weak_cohort_refresh(*, plan: WeakRemovalPlan, by: Any) -> list[WeakCohortVillage]:
    """Recompute the plan's cohort (villages weak in the baseline year) and the year each left
    weak status: the first later year whose profile is not weak under the rule valid that year.
    Runs inside the caller's scope (the district's staff, or scopes_disabled for the demo)."""
    under = plan.area.path
    cohort = set(
        weak_profiles(year=plan.baseline_year)
        .filter(area__path__startswith=under)
        .values_list("area_id", flat=True)
    )
    last = VillageProfile.objects.filter(area__path__startswith=under).aggregate(y=Max("year"))["y"]
    exits: dict[int, int] = {}
    remaining = set(cohort)
    for year in range(plan.baseline_year + 1, (last or plan.baseline_year) + 1):
        if not remaining:
            break
        reported = set(
            VillageProfile.objects.filter(year=year, area_id__in=remaining).values_list(
                "area_id", flat=True
            )
        )
        weak = set(
            weak_profiles(year=year).filter(area_id__in=remaining).values_list("area_id", flat=True)
        )
        for area_id in reported - weak:
            exits[area_id] = year
        remaining -= reported - weak
    existing = {row.area_id: row for row in WeakCohortVillage.objects.inherited().filter(plan=plan)}
    removed = [a for a in existing if a not in cohort]
    WeakCohortVillage.objects.inherited().filter(plan=plan, area_id__in=removed).delete()
    rows = []
    changed = 0
    for area_id in sorted(cohort):
        row = existing.get(area_id) or WeakCohortVillage(plan=plan, area_id=area_id)
        exit_year = exits.get(area_id)
        if row.pk is None or row.exit_year != exit_year:
            row.exit_year = exit_year
            row.save()
            changed += 1
        rows.append(row)
    plan.refreshed_at = timezone.now()
    plan.save(update_fields=["refreshed_at", "updated_at"])
    audit.log(
        actor=by,
        action="weak-plans.refreshed",
        obj=plan,
        changes={
            "cohort": len(cohort),
            "exited": len(exits),
            "changed": changed,
            "removed": len(removed),
        },
    )
    return rows
