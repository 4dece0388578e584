"""Numbers as a person says them aloud: amounts (一千二百元), dates (二零二六年十二月七日),
receipt numbers digit by digit (六二一二…).

A speech engine reads '1200.00元' as 'one thousand two hundred point zero zero' or digit by
digit, and a receipt number as one huge number. `speakable` rewrites the numbers in a prompt
before it is spoken; the other functions serve a screen that builds its prompt itself.

Chinese 两 and 二: a number that starts with 2 hundreds, thousands, ten-thousands or hundred-
millions starts with 两 (两百元, 两千元, 两万元), as amounts are said; anywhere else it is 二
(一千二百元, 二十元, 第二步).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from kiosk.domain.money import Money

ZH_DIGITS = "零一二三四五六七八九"
ZH_PLACES = ("", "十", "百", "千")
ZH_GROUPS = ("", "万", "亿")
EN_DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
EN_TEENS = (
    "ten", "eleven", "twelve", "thirteen", "fourteen",
    "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
EN_SCALES = ((10**9, "billion"), (10**6, "million"), (1000, "thousand"))
EN_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
LARGEST = 10**12 - 1
"""Up to 9999亿: far beyond any amount a kiosk shows."""


def _zh_group(value: int) -> str:
    """0 < value < 10000, with 零 for the missing places between (一千零五, 一千零五十)."""
    words: list[str] = []
    pending_zero = False
    for place in (3, 2, 1, 0):
        digit = value // 10**place % 10
        if digit == 0:
            pending_zero = bool(words)
            continue
        if pending_zero:
            words.append("零")
            pending_zero = False
        words.append(ZH_DIGITS[digit] + ZH_PLACES[place])
    return "".join(words)


def zh_number(value: int, *, liang: bool = True) -> str:
    """An integer as said in Mandarin: 1005 -> 一千零五, 12000 -> 一万二千, 12 -> 十二.
    `liang`: a leading 2 of hundreds and above is 两 (两百); off for ordinals (第二百)."""
    if value < 0:
        return "负" + zh_number(-value, liang=liang)
    if value == 0:
        return "零"
    if value > LARGEST:
        return zh_digits(str(value))
    groups: list[int] = []
    rest = value
    while rest:
        rest, group = divmod(rest, 10000)
        groups.append(group)
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        higher_said = bool(words)
        if higher_said and (group < 1000 or groups[index + 1] == 0):
            words.append("零")  # 一万零五, 一亿零五百万
        words.append(_zh_group(group) + ZH_GROUPS[index])
    text = "".join(words)
    if text.startswith("一十"):
        text = text[1:]  # 十二, 十万: the leading 一 of ten is not said
    if liang and text.startswith("二") and text[1:2] in ("百", "千", "万", "亿"):
        text = "两" + text[1:]
    if liang and text == "二":
        text = "两"  # 两元, 两次
    return text


def zh_digits(digits: str) -> str:
    """Each digit on its own, other characters dropped: '6212 3456' -> 六二一二三四五六."""
    return "".join(ZH_DIGITS[int(c)] for c in digits if c.isascii() and c.isdigit())


def _fen_of(amount: Money | Decimal | int) -> int:
    if isinstance(amount, Money):
        return amount.fen
    return int((Decimal(amount) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def zh_amount(amount: Money | Decimal | int) -> str:
    """Yuan, jiao and fen as said: 一千二百元, 十二元三角四分, 三元零五分, 五角, 零元.
    A Decimal or int is yuan; a Money is fen."""
    fen = _fen_of(amount)
    sign = "负" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    jiao, fen_part = divmod(cents, 10)
    if not cents:
        return f"{sign}{zh_number(yuan)}元"
    words = [f"{zh_number(yuan)}元"] if yuan else []
    if jiao:
        words.append(f"{zh_number(jiao)}角")
    elif yuan:
        words.append("零")  # 三元零五分
    if fen_part:
        words.append(f"{zh_number(fen_part)}分")
    return sign + "".join(words)


def zh_date(value: date) -> str:
    """2026-12-07 -> 二零二六年十二月七日: the year digit by digit, as it is said."""
    return f"{zh_digits(str(value.year))}年{zh_number(value.month, liang=False)}月" + (
        f"{zh_number(value.day, liang=False)}日"
    )


def en_number(value: int) -> str:
    """1205 -> 'one thousand two hundred five'."""
    if value < 0:
        return "minus " + en_number(-value)
    if value < 10:
        return EN_DIGITS[value]
    if value < 20:
        return EN_TEENS[value - 10]
    if value < 100:
        tens, unit = divmod(value, 10)
        return EN_TENS[tens] + (f"-{EN_DIGITS[unit]}" if unit else "")
    if value < 1000:
        hundreds, rest = divmod(value, 100)
        return f"{EN_DIGITS[hundreds]} hundred" + (f" {en_number(rest)}" if rest else "")
    for scale, name in EN_SCALES:
        if value >= scale:
            high, rest = divmod(value, scale)
            return f"{en_number(high)} {name}" + (f" {en_number(rest)}" if rest else "")
    raise AssertionError("unreachable")  # pragma: no cover


def en_digits(digits: str) -> str:
    """'6212 3456' -> 'six two one two, three four five six': a pause between groups."""
    groups = re.findall(r"\d+", digits)
    return ", ".join(" ".join(EN_DIGITS[int(c)] for c in group) for group in groups)


def en_amount(amount: Money | Decimal | int) -> str:
    """'one thousand two hundred yuan', '... yuan and fifty fen'."""
    fen = _fen_of(amount)
    sign = "minus " if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    text = f"{sign}{en_number(yuan)} yuan"
    return f"{text} and {en_number(cents)} fen" if cents else text


# --- a whole prompt ---

_CJK = re.compile(r"[\u4e00-\u9fff]")
_ZH_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
_ZH_AMOUNT = re.compile(r"(?:¥\s*)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*元")
_LONG_DIGITS = re.compile(r"\d{4,}(?:[ \u00a0]\d{2,})+|\d{5,}")
_ZH_TIME = re.compile(r"(?<!\d)(\d{1,2}):(\d{2})(?!\d)")
_ORDINAL = re.compile(r"第\s*(\d+)")
_DECIMAL = re.compile(r"(\d+)\.(\d+)")
_INTEGER = re.compile(r"\d+")
_EN_AMOUNT = re.compile(r"¥\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?")
_EN_DAY = re.compile(r"\b(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4})\b")


def is_chinese(text: str) -> bool:
    return _CJK.search(text) is not None


def _yuan(whole: str, decimals: str | None) -> Decimal:
    return Decimal(whole.replace(",", "") + "." + (decimals or "0"))


def speakable(text: str) -> str:
    """The prompt with its numbers in words, in the prompt's own language."""
    return _speakable_zh(text) if is_chinese(text) else _speakable_en(text)


def _speakable_zh(text: str) -> str:
    def on_date(m: re.Match[str]) -> str:
        year, month = m.group(1), int(m.group(2))
        said = f"{zh_digits(year)}年{zh_number(month, liang=False)}月"
        return said + (f"{zh_number(int(m.group(3)), liang=False)}日" if m.group(3) else "")

    text = _ZH_DATE.sub(on_date, text)
    text = _ZH_TIME.sub(lambda m: _zh_time(int(m.group(1)), int(m.group(2))), text)
    text = _ZH_AMOUNT.sub(lambda m: zh_amount(_yuan(m.group(1), m.group(2))), text)
    text = _LONG_DIGITS.sub(lambda m: zh_digits(m.group(0)), text)
    text = _ORDINAL.sub(lambda m: "第" + zh_number(int(m.group(1)), liang=False), text)
    text = _DECIMAL.sub(
        lambda m: f"{zh_number(int(m.group(1)), liang=False)}点{zh_digits(m.group(2))}", text
    )
    return _INTEGER.sub(lambda m: zh_number(int(m.group(0))), text)


def _zh_time(hour: int, minute: int) -> str:
    """09:30 -> 九点三十分, 14:05 -> 十四点零五分, 08:00 -> 八点."""
    said = f"{zh_number(hour, liang=False)}点"
    if minute:
        said += ("零" if minute < 10 else "") + f"{zh_number(minute, liang=False)}分"
    return said


def _speakable_en(text: str) -> str:
    text = _EN_AMOUNT.sub(lambda m: en_amount(_yuan(m.group(1), m.group(2))), text)
    text = _EN_DAY.sub(
        lambda m: f"{m.group(1)} {EN_MONTHS[_month_index(m.group(2))]} {m.group(3)}", text
    )
    return _LONG_DIGITS.sub(lambda m: en_digits(m.group(0)), text)


def _month_index(short: str) -> int:
    return [name[:3] for name in EN_MONTHS].index(short)
