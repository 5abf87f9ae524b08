from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django_scopes import scopes_disabled

from xingcun.core.tests.matrix import NOT_THE_PARTNERS, Row, cooperation_rows

RESULT_POST = (200, 200, 403, 403, 403, 404)  # an empty form re-renders the page
REVIEW_POST = (200, 403, 403, 403, 403, 403)

ROWS = [
    *cooperation_rows(
        "operators",
        edited=(
            "operator-teams",
            "operator-contracts",
            "operator-results",
            "attracted-talents",
            "settled-projects",
        ),
        configured=("talent-kinds", "review-rules", "operator-reviews"),
    ),
    Row("operators:contract", expect=NOT_THE_PARTNERS, obj="operator-contracts"),
    Row("operators:result-add", method="post", expect=RESULT_POST, obj="operator-contracts"),
    Row("operators:review", method="post", expect=REVIEW_POST, obj="operator-contracts"),
    Row("operators:terminate", method="post", expect=REVIEW_POST, obj="operator-contracts"),
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
