from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric

from kiosk.central.codes import Gender
from kiosk.domain.identity import (
    InvalidIdNumber,
    mask_card_number,
    mask_id_number,
    mask_name,
    validate_id_number,
)
from kiosk.domain.money import Money, total
from kiosk.domain.person import CardRejected, SocialSecurityCard
from sandbox.citizens import DEMO_CITIZENS, chip_data

PENSIONER_1948_JINJIANG = "510104194803120022"


def test_every_demo_id_number_is_valid() -> None:
    for citizen in DEMO_CITIZENS:
        assert validate_id_number(citizen.id_number) == citizen.id_number


def test_pensioner_born_before_their_district_existed_is_accepted() -> None:
    # python-stdnum's own validate() rejects this real-world shape of number (Jinjiang district
    # code dates from 1990); a kiosk for pensioners must not.
    with pytest.raises(ric.InvalidComponent):
        ric.validate(PENSIONER_1948_JINJIANG)
    assert validate_id_number(PENSIONER_1948_JINJIANG) == PENSIONER_1948_JINJIANG


@pytest.mark.parametrize(
    "bad",
    [
        "510104194803120021",  # checksum
        "51010419480312002",  # length
        "5101041948031200XX",
        "510104194813120027",  # month 13
        "000000194803120022",  # no such region
    ],
)
def test_invalid_numbers_are_rejected_without_echoing_them(bad: str) -> None:
    with pytest.raises(InvalidIdNumber) as error:
        validate_id_number(bad)
    assert bad not in str(error.value)


def test_full_width_digits_are_canonicalised_to_ascii() -> None:
    assert validate_id_number("５１０１０４１９４８０３１２００２２") == PENSIONER_1948_JINJIANG


def test_lower_case_x_is_canonicalised() -> None:
    bodies = (f"11010519491231{seq:03d}" for seq in range(1000))
    number = next(b + "X" for b in bodies if ric.calc_check_digit(b + "0") == "X")
    assert validate_id_number(number.lower()) == number


def test_masks() -> None:
    assert mask_id_number(PENSIONER_1948_JINJIANG) == "5101**********0022"
    assert mask_name("王秀兰") == "王**"
    assert mask_name("张伟") == "张*"
    assert mask_name("") == ""
    assert mask_card_number("D51000001") == "D*****001"


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_money_text_is_exact(fen: int) -> None:
    text = Money(fen).decimal_text().replace(",", "")
    assert round(float(text) * 100) == fen
    assert text.startswith("-") == (fen < 0)


def test_money_refuses_floats() -> None:
    with pytest.raises(TypeError):
        Money(1.5)  # type: ignore[arg-type]
    assert total([Money(1), Money(2)]) == Money(3)


def test_card_from_chip() -> None:
    citizen = DEMO_CITIZENS[0]
    today = date.today()
    card = SocialSecurityCard.from_chip(chip_data(citizen, today))
    assert card.holder_id_number == citizen.id_number
    assert card.holder_gender is Gender.FEMALE
    assert not card.expired_on(today)
    assert card.expired_on(card.expiry_date.replace(year=card.expiry_date.year + 1))
    # Personal data stays out of repr, so it cannot reach a log line by accident.
    assert citizen.name not in repr(card) and citizen.id_number not in repr(card)


def test_card_with_bad_id_number_is_rejected() -> None:
    import dataclasses

    data = dataclasses.replace(
        chip_data(DEMO_CITIZENS[0], date.today()), social_security_number="1" * 18
    )
    with pytest.raises(CardRejected) as error:
        SocialSecurityCard.from_chip(data)
    assert error.value.code == "card.bad_id_number"


def test_age_counts_completed_years() -> None:
    from kiosk.domain.identity import age_on

    assert age_on(date(2010, 11, 24), date(2026, 11, 23)) == 15
    assert age_on(date(2010, 11, 23), date(2026, 11, 23)) == 16
