from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django_scopes import scopes_disabled

from xingcun.core.tests.matrix import CADRES, DISTRICT_ONLY, Row, registry_rows

HOME = (200, 200, 200, 403, 403, 200)
OWN = (200, 200, 200, 403, 403, 404)  # the matrix's partner belongs to no operator team
RESULT_POST = (200, 200, 403, 403, 403, 404)  # an empty form re-renders the page
REVIEW_POST = (200, 403, 403, 403, 403, 403)
EDITORS = (200, 200, 403, 403, 403, 403)

ROWS = [
    Row("operators:home", expect=HOME),
    Row("operators:contract", expect=OWN, obj="operator-contracts"),
    Row("operators:result-add", method="post", expect=RESULT_POST, obj="operator-contracts"),
    Row("operators:review", method="post", expect=REVIEW_POST, obj="operator-contracts"),
    Row("operators:terminate", method="post", expect=REVIEW_POST, obj="operator-contracts"),
    *registry_rows("operator-teams", CADRES, EDITORS, DISTRICT_ONLY),
    *registry_rows("operator-contracts", CADRES, EDITORS, DISTRICT_ONLY),
    *registry_rows("talent-kinds", CADRES, DISTRICT_ONLY, DISTRICT_ONLY),
    *registry_rows("review-rules", CADRES, DISTRICT_ONLY, DISTRICT_ONLY),
    *registry_rows("operator-results", CADRES, EDITORS, DISTRICT_ONLY),
    *registry_rows("attracted-talents", CADRES, EDITORS, DISTRICT_ONLY),
    *registry_rows("settled-projects", CADRES, EDITORS, DISTRICT_ONLY),
    *registry_rows("operator-reviews", CADRES, DISTRICT_ONLY, DISTRICT_ONLY),
]


def objects(village, side):
    from xingcun.operators.models import (
        AttractedTalent,
        OperatorResult,
        OperatorReview,
        ReviewRule,
        SettledProject,
    )
    from xingcun.operators.tests.factories import OperatorContractFactory, TalentKindFactory
    from xingcun.projects.tests.factories import ProjectFactory

    contract = OperatorContractFactory(area=village)
    kind = TalentKindFactory(area=village)
    with scopes_disabled():  # fixture rows for the matrix
        project = ProjectFactory(area=village, status="signed", landed_on=None)
        return {
            "operator-contracts": contract,
            "operator-teams": contract.team,
            "talent-kinds": kind,
            "review-rules": ReviewRule.objects.create(area=village, valid_from=2017),
            "operator-results": OperatorResult.objects.create(
                area=village, contract=contract, period_end=dt.date(2020, 6, 30), businesses=1
            ),
            "attracted-talents": AttractedTalent.objects.create(
                area=village,
                contract=contract,
                kind=kind,
                count=1,
                attracted_on=dt.date(2020, 1, 1),
            ),
            "settled-projects": SettledProject.objects.create(
                area=village, contract=contract, project=project
            ),
            "operator-reviews": OperatorReview.objects.create(
                area=village, contract=contract, year=2020, score=Decimal(80), passed=True
            ),
        }
