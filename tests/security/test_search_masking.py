"""Search-as-you-type results never leak what the mask hides (their own module: they use the
per-test `tree`, which cannot live beside test_masking.py's module-wide world)."""

from __future__ import annotations

import re

from xingcun.core import idcard
from xingcun.core.permissions import PII_VIEW, ROLE_PERMISSIONS, Role
from xingcun.core.tests.test_permission_matrix import (  # the shared URL map and its world
    matrix,  # noqa: F401 - the module-scoped fixture, reused
)

WITHOUT_PII = [role for role in Role if PII_VIEW not in ROLE_PERMISSIONS[role]]
WITH_PII = [role for role in Role if PII_VIEW in ROLE_PERMISSIONS[role]]
ID_SHAPE = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
# A masked ID that keeps any character after the stars: with the birth date (or only its year,
# the gender and the check character) the hidden digits can be searched for.
REVEALING_MASK = re.compile(r"\d{6}\*{4,}[\dXx]")
SKIPPED = {"admin:index", "accounts:login"}


def test_reference_search_without_the_right_takes_four_tail_characters_only(tree, client_as):
    """Longer suffixes, tried digit by digit, would rebuild the digits the mask hides; a full number
    the cadre already knows is still found, and the last four still are (main's search)."""
    from xingcun.people.tests.factories import PersonFactory, id_for

    person = PersonFactory(area=tree.village_a, name="欧阳娜娜", id_number=id_for(4321))
    url = "/r/households/search/head/"

    def found(role, node, query):
        results = client_as(role, node).get(url, {"q": query}).json()["results"]
        return [row["value"] for row in results]

    assert found(Role.TOWN, tree.town_a, person.id_number[-4:]) == [person.pk]
    assert found(Role.TOWN, tree.town_a, person.id_number[-6:]) == []
    assert found(Role.TOWN, tree.town_a, person.id_number[-12:]) == []
    assert found(Role.TOWN, tree.town_a, person.id_number) == [person.pk]
    assert found(Role.VILLAGE, tree.village_a, person.id_number[-6:]) == [person.pk]


def test_reference_search_labels_are_masked_without_the_right():
    import datetime as dt

    from xingcun.core import masking

    number = idcard.make("330112", dt.date(1990, 1, 1), 7)
    assert masking.text(f"张三（{number}）") == f"张三（{idcard.mask_id_number(number)}）"
    assert number not in masking.text(f"张三 {number}")
    assert (
        masking.text("户号 12345678901234567") == "户号 12345678901234567"
    )  # 17 digits: not an ID
