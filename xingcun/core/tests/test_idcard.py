import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from xingcun.core import idcard


def test_known_valid_number_passes():
    assert idcard.id_number_error("11010519491231002X") is None


def test_wrong_check_digit_is_named():
    assert idcard.id_number_error("110105194912310021") == "身份证号校验码错误"


def test_impossible_birth_date_is_rejected():
    first17 = "11010519491331002"
    assert (
        idcard.id_number_error(first17 + idcard.check_char(first17)) == "身份证号中的出生日期无效"
    )


def test_short_number_is_rejected():
    assert idcard.id_number_error("1101051949") == "身份证号应为18位"


@given(
    birth=st.dates(min_value=dt.date(1920, 1, 1), max_value=dt.date(2005, 12, 31)),
    sequence=st.integers(min_value=0, max_value=999),
)
def test_made_numbers_validate_and_carry_birth_and_gender(birth, sequence):
    number = idcard.make("330112", birth, sequence)
    assert idcard.id_number_error(number) is None
    assert idcard.birth_date(number) == birth
    assert idcard.gender(number) == ("male" if sequence % 2 else "female")


@given(position=st.integers(min_value=0, max_value=16), delta=st.integers(min_value=1, max_value=9))
def test_any_single_digit_change_is_detected(position, delta):
    number = idcard.make("330112", dt.date(1980, 1, 1), 123)
    digit = (int(number[position]) + delta) % 10
    changed = number[:position] + str(digit) + number[position + 1 :]
    assert idcard.id_number_error(changed) is not None


def test_masking_keeps_only_the_region_prefix():
    assert idcard.mask_id_number("11010519491231002X") == "110105************"
    assert idcard.mask_phone("13812345678") == "138****5678"
