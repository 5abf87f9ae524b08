"""While a file is read or imported, the cyclic collector runs less often; afterwards the
process's own thresholds are back, also when the stretches overlap or one fails."""

import gc

import pytest

from xingcun.core import reading


def test_overlapping_stretches_share_one_and_the_last_restores_the_thresholds():
    before = gc.get_threshold()
    with reading.fewer_collections():
        assert gc.get_threshold() == reading.LESS_COLLECTION
        with reading.fewer_collections():  # a read inside an import
            assert gc.get_threshold() == reading.LESS_COLLECTION
        assert gc.get_threshold() == reading.LESS_COLLECTION  # the import still runs
    assert gc.get_threshold() == before


def test_a_failing_import_restores_the_thresholds_too():
    before = gc.get_threshold()
    with pytest.raises(ValueError, match="bad row"), reading.fewer_collections():
        raise ValueError("bad row")
    assert gc.get_threshold() == before
