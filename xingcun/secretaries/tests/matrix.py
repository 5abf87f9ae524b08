from __future__ import annotations

from decimal import Decimal

from django_scopes import scopes_disabled

from xingcun.core.tests.matrix import CADRES, DISTRICT_ONLY, Row, registry_rows

EDITORS = (200, 200, 403, 403, 403, 403)

ROWS = [
    Row("secretaries:home", expect=CADRES),
    Row("secretaries:plan", expect=CADRES, obj="weak-plans"),
    Row(
        "secretaries:plan-refresh",
        method="post",
        expect=(302, 403, 403, 403, 403, 403),
        obj="weak-plans",
    ),
    *registry_rows("measures", CADRES, DISTRICT_ONLY, DISTRICT_ONLY),
    *registry_rows("first-secretaries", CADRES, EDITORS, DISTRICT_ONLY),
    *registry_rows("secretary-projects", CADRES, EDITORS, DISTRICT_ONLY),
    *registry_rows("secretary-funds", CADRES, EDITORS, DISTRICT_ONLY),
    *registry_rows("assessment-schemes", CADRES, DISTRICT_ONLY, DISTRICT_ONLY),
    *registry_rows("secretary-assessments", CADRES, EDITORS, DISTRICT_ONLY),
    *registry_rows("weak-plans", CADRES, DISTRICT_ONLY, DISTRICT_ONLY),
]


def objects(village, side):
    from xingcun.projects.tests.factories import ProjectFactory
    from xingcun.secretaries.models import (
        AssessmentScheme,
        Measure,
        SecretaryAssessment,
        SecretaryProject,
        WeakRemovalPlan,
    )
    from xingcun.secretaries.tests.factories import FirstSecretaryFactory, SecretaryFundFactory

    secretary = FirstSecretaryFactory(area=village)
    with scopes_disabled():  # fixture rows for the matrix
        project = ProjectFactory(area=village, status="signed", landed_on=None)
        return {
            "measures": Measure.objects.create(
                area=village, catalogue="富村十条", number=1, title="举措", valid_from=2017
            ),
            "first-secretaries": secretary,
            "secretary-projects": SecretaryProject.objects.create(
                area=village, secretary=secretary, project=project
            ),
            "secretary-funds": SecretaryFundFactory(area=village, secretary=secretary),
            "assessment-schemes": AssessmentScheme.objects.create(
                area=village, name="方案", valid_from=2017
            ),
            "secretary-assessments": SecretaryAssessment.objects.create(
                area=village,
                secretary=secretary,
                year=2020,
                town_score=Decimal(60),
                mass_score=Decimal(15),
                team_score=Decimal(8),
                total=Decimal(83),
                grade="competent",
            ),
            "weak-plans": WeakRemovalPlan.objects.create(
                area=village, name="计划", baseline_year=2017, target_year=2020
            ),
        }
