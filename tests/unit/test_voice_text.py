"""Numbers in spoken prompts: amounts, dates and receipt numbers as a person says them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain.money import Money
from ui.voice_text import (
    en_amount,
    en_number,
    speakable,
    zh_amount,
    zh_date,
    zh_digits,
    zh_number,
)

ZH_VALUES = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
ZH_VALUES |= {"八": 8, "九": 9}
ZH_PLACES = {"十": 10, "百": 100, "千": 1000}


def parse_zh(text: str) -> int:
    """An independent reading of a Mandarin number back to an int (亿 and 万 as groups)."""
    total = 0
    for mark, scale in (("亿", 10**8), ("万", 10**4)):
        if mark in text:
            high, text = text.split(mark, 1)
            total += parse_zh(high) * scale
    section, digit = 0, None
    for char in text:
        if char in ZH_VALUES:
            digit = ZH_VALUES[char]
        else:
            section += (1 if digit is None else digit) * ZH_PLACES[char]
            digit = None
    return total + section + (digit or 0)


def parse_zh_amount(text: str) -> int:
    """Spoken yuan/jiao/fen back to fen."""
    fen = 0
    if "元" in text:
        yuan, text = text.split("元", 1)
        fen += parse_zh(yuan) * 100
    text = text.removeprefix("零")
    if "角" in text:
        jiao, text = text.split("角", 1)
        fen += parse_zh(jiao) * 10
    if "分" in text:
        fen += parse_zh(text.split("分", 1)[0])
    return fen


@pytest.mark.parametrize(
    ("yuan", "said"),
    [
        (0, "零元"),
        (2, "两元"),
        (10, "十元"),
        (12, "十二元"),
        (20, "二十元"),
        (110, "一百一十元"),
        (200, "两百元"),
        (1005, "一千零五元"),
        (1012, "一千零一十二元"),
        (1050, "一千零五十元"),
        (1200, "一千二百元"),
        (2200, "两千二百元"),
        (10005, "一万零五元"),
        (12000, "一万二千元"),
        (100500, "十万零五百元"),
        (200000, "二十万元"),
        (10_005_000, "一千万五千元"),
        (100_005_000, "一亿零五千元"),
        (100_000_000, "一亿元"),
    ],
)
def test_whole_yuan_are_said_as_a_native_speaker_says_them(yuan: int, said: str) -> None:
    assert zh_amount(Decimal(yuan)) == said


@pytest.mark.parametrize(
    ("fen", "said_zh", "said_en"),
    [
        (
            123456,
            "一千二百三十四元五角六分",
            "one thousand two hundred thirty-four yuan and fifty-six fen",
        ),
        (305, "三元零五分", "three yuan and five fen"),
        (1230, "十二元三角", "twelve yuan and thirty fen"),
        (50, "五角", "zero yuan and fifty fen"),
        (2, "两分", "zero yuan and two fen"),
        (-1000, "负十元", "minus ten yuan"),
    ],
)
def test_yuan_jiao_and_fen(fen: int, said_zh: str, said_en: str) -> None:
    assert zh_amount(Money(fen)) == said_zh
    assert en_amount(Money(fen)) == said_en


@given(st.integers(min_value=0, max_value=10**10))
def test_every_amount_up_to_a_hundred_million_yuan_reads_back_to_itself(fen: int) -> None:
    said = zh_amount(Money(fen))
    assert parse_zh_amount(said) == fen
    assert "零零" not in said and not said.startswith("一十")
    assert not any(c.isdigit() for c in said if c.isascii())
    assert said.endswith(("元", "角", "分"))
    assert zh_amount(Decimal(fen) / 100) == said  # Decimal yuan say the same as Money fen


@given(st.integers(min_value=0, max_value=10**8))
def test_every_integer_up_to_a_hundred_million_reads_back_to_itself(value: int) -> None:
    said = zh_number(value)
    assert parse_zh(said) == value
    assert not (said.endswith("零") and value)  # trailing zeros are not said
    english = en_number(value)
    assert english.replace("-", " ").split()[0] in {
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
        "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
        "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty",
        "seventy", "eighty", "ninety",
    }  # fmt: skip


def test_dates_receipts_and_counts_in_a_chinese_prompt() -> None:
    assert zh_date(date(2026, 12, 7)) == "二零二六年十二月七日"
    assert zh_digits("6212 3456 0789") == "六二一二三四五六零七八九"
    prompt = (
        "已缴费1,200.00元，受理编号6212 3456 0789，2026年12月7日09:05到账。还可尝试2次，第2步。"
    )
    assert speakable(prompt) == (
        "已缴费一千二百元，受理编号六二一二三四五六零七八九，二零二六年十二月七日九点零五分到账。"
        "还可尝试两次，第二步。"
    )


def test_amounts_and_receipts_in_an_english_prompt() -> None:
    prompt = "You paid ¥1,200.50 on 7 Dec 2026. Receipt number: 6212 3456 0789."
    assert speakable(prompt) == (
        "You paid one thousand two hundred yuan and fifty fen on 7 December 2026. "
        "Receipt number: six two one two, three four five six, zero seven eight nine."
    )
