"""Money and dates as the citizen reads them, in the current language."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QLocale

from kiosk.domain.identity import region_name
from kiosk.domain.money import Money
from ui.i18n import tr
from ui.i18n.places import english_region

MONTH_NAMES = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip
"""English short month names: a day as '7 Dec 2026' is read the same way everywhere, where
'12/7/2026' is 7 December to some and 12 July to others. Chinese reads numbers (2026年12月7日)."""


def money(fen: int) -> str:
    return tr("¥{amount}").format(amount=Money(fen).decimal_text())


def day(value: date) -> str:
    return tr("{day} {month_name} {year}").format(
        year=value.year,
        month=value.month,
        month_name=MONTH_NAMES[value.month - 1],
        day=value.day,
    )


def month(value: date) -> str:
    return year_month(value.year, value.month)


def year_month(year: int, month_number: int) -> str:
    return tr("{month_name} {year}").format(
        year=year, month=month_number, month_name=MONTH_NAMES[month_number - 1]
    )


def region(code: str) -> str:
    """A region code as its place's name (GB/T 2260): in Chinese characters, or in English in
    Pinyin; the code itself only when no table knows it."""
    if QLocale().language() is QLocale.Language.Chinese:
        return region_name(code) or code
    return english_region(code) or code


def year(value: int) -> str:
    return tr("{year}").format(year=value)


def date_time(value: datetime) -> str:
    """In the terminal's own time zone: the citizen reads the clock on the wall."""
    local = value.astimezone()
    return tr("{day} {hour:02d}:{minute:02d}").format(
        day=day(local.date()), hour=local.hour, minute=local.minute
    )
