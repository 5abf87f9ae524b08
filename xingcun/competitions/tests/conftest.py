from __future__ import annotations

import pytest

from xingcun.core.scoping import scope


@pytest.fixture
def in_district(tree):
    with scope(area=tree.district.path):
        yield
