"""Money and dates as the citizen reads them, in the current language."""

from __future__ import annotations

from datetime import date, datetime

from kiosk.domain.money import Money
from ui.i18n import tr


def money(fen: int) -> str:
    return tr("¥{amount}").format(amount=Money(fen).decimal_text())


def day(value: date) -> str:
    return tr("{month}/{day}/{year}").format(year=value.year, month=value.month, day=value.day)


def month(value: date) -> str:
    return tr("{month}/{year}").format(year=value.year, month=value.month)


def year_month(year: int, month_number: int) -> str:
    return tr("{month}/{year}").format(year=year, month=month_number)


def year(value: int) -> str:
    return tr("{year}").format(year=value)


def date_time(value: datetime) -> str:
    """In the terminal's own time zone: the citizen reads the clock on the wall."""
    local = value.astimezone()
    return tr("{day} {hour:02d}:{minute:02d}").format(
        day=day(local.date()), hour=local.hour, minute=local.minute
    )
