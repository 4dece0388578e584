"""参保查询 results: insured status, contribution years with their months, accounts, benefits."""

from __future__ import annotations

import functools
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QScroller,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.central.codes import PaymentState
from kiosk.services.query.steps import QueryResults
from kiosk.services.session import ServiceId
from kiosk.services.steps import Activity
from ui.i18n import format as fmt
from ui.i18n import tr
from ui.i18n.texts import insurance, insured_state, payment_state
from ui.screens.base import FlowScreen, ScreenContext
from ui.screens.identify import CARD_AND_PIN, READING_CARD_AND_PIN
from ui.screens.registry import ScreenFor, ScreenRegistry, ServiceScreens, StepBar
from ui.widgets.basics import button, label
from ui.widgets.pages import PagedRows, PagedTable

if TYPE_CHECKING:
    from kiosk.central import models as m


def query_steps() -> list[str]:
    return [tr("Insert card"), tr("Enter PIN"), tr("Your records")]


def touch_scrolling(area: QAbstractScrollArea) -> None:
    """A finger drag on the touch screen scrolls, with momentum, as on a phone.

    TouchGesture, not LeftMouseButtonGesture: the mouse gesture swallows taps on the buttons
    inside a scrollable area (a year row would not open), and a kiosk screen sends touch events.
    """
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    parent: QWidget,
    amounts: Collection[int] = (),
) -> QTableWidget:
    """A read-only table; the columns at `amounts` align right, words and dates left."""
    widget = QTableWidget(len(rows), len(headers), parent)
    widget.setHorizontalHeaderLabels(list(headers))
    widget.verticalHeader().setVisible(False)
    widget.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    widget.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    widget.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(value)
            if c in amounts:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            widget.setItem(r, c, item)
    touch_scrolling(widget)
    return widget


def scrolling(content: QWidget, parent: QWidget) -> QScrollArea:
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setWidget(content)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    content.setObjectName("Page")
    touch_scrolling(area)
    return area


def empty(parent: QWidget) -> QWidget:
    return label(tr("No records"), "Muted", parent)


def columns(
    headers: Sequence[str], rows: Sequence[Sequence[str]], keep: Sequence[int]
) -> tuple[list[str], list[list[str]]]:
    """The columns at `keep` only: elder mode shows what the citizen came for (month, what they
    paid, paid or not), not every figure of the ledger."""
    return [headers[i] for i in keep], [[row[i] for i in keep] for row in rows]


def records(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    parent: QWidget,
    *,
    elder: bool,
    elder_columns: Sequence[int] | None = None,
    amounts: Collection[int] = (),
) -> QWidget:
    """A table of records: in elder mode fewer columns, in pages rather than scrolled."""
    if not elder:
        return table(headers, rows, parent, amounts)
    if elder_columns is not None:
        amounts = [elder_columns.index(i) for i in amounts if i in elder_columns]
        headers, rows = columns(headers, rows, elder_columns)
    return PagedTable(table(headers, rows, parent, amounts), parent)


class ContributionsView(QStackedWidget):
    """A list of years; a year opens its monthly rows; Back to years returns."""

    def __init__(
        self, history: m.ContributionHistory, *, elder: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._history = history
        self._elder = elder
        years = QWidget(self)
        column = QVBoxLayout(years)
        self.year_buttons: list[tuple[m.ContributionYear, QWidget]] = []
        for entry in history.years:
            paid = [row for row in entry.months if row.state is not PaymentState.UNPAID]
            personal = sum(row.personal_fen for row in paid)
            if len(entry.months) == 1 and entry.months[0].month == 12:
                summary = (
                    payment_state(entry.months[0].state) if not paid else tr("paid for the year")
                )
            else:
                summary = tr("%n month(s) paid", None, len(paid))
            text = tr("{year} · {insurance} · {summary} · you paid {amount}").format(
                year=fmt.year(entry.year),
                insurance=insurance(entry.kind),
                summary=summary,
                amount=fmt.money(personal),
            )
            year_button = button(text, functools.partial(self.open_year, entry), parent=years)
            year_button.setStyleSheet("text-align: left;")
            self.year_buttons.append((entry, year_button))
        if not history.years:
            column.addWidget(empty(years))
        if elder:
            buttons = [shown for _entry, shown in self.year_buttons]
            column.addWidget(PagedRows(buttons, years), stretch=1)
            years.setObjectName("Page")
            self.addWidget(years)
        else:
            for _entry, shown in self.year_buttons:
                column.addWidget(shown)
            column.addStretch()
            self.addWidget(scrolling(years, self))
        self._detail: QWidget | None = None

    def open_year(self, entry: m.ContributionYear) -> None:
        detail = QWidget(self)
        column = QVBoxLayout(detail)
        header = QHBoxLayout()
        header.addWidget(
            label(
                tr("{year} · {insurance}").format(
                    year=fmt.year(entry.year), insurance=insurance(entry.kind)
                ),
                "Subheading",
                detail,
            ),
            stretch=1,
        )
        self.back_to_years = button(tr("Back to years"), self.close_year, parent=detail)
        header.addWidget(self.back_to_years)
        column.addLayout(header)
        headers = [
            tr("Month"), tr("Base"), tr("You paid"), tr("Employer paid"),
            tr("To your account"), tr("Status"),
        ]  # fmt: skip
        rows = [
            [
                fmt.year_month(entry.year, row.month),
                fmt.money(row.base_fen) if row.base_fen else "—",
                fmt.money(row.personal_fen),
                fmt.money(row.employer_fen),
                fmt.money(row.to_account_fen),
                payment_state(row.state),
            ]
            for row in entry.months
        ]
        shown = records(
            headers, rows, detail, elder=self._elder, elder_columns=(0, 2, 5), amounts=(1, 2, 3, 4)
        )
        self.month_table = shown.table if isinstance(shown, PagedTable) else shown
        assert isinstance(self.month_table, QTableWidget)
        column.addWidget(shown, stretch=1)
        self.close_year()
        self._detail = detail
        self.addWidget(detail)
        self.setCurrentWidget(detail)

    def close_year(self) -> None:
        if self._detail is not None:
            self.removeWidget(self._detail)
            self._detail.deleteLater()
            self._detail = None
        self.setCurrentIndex(0)


class QueryResultsScreen(FlowScreen):
    SECTIONS = ("status", "contributions", "accounts", "benefits")

    def __init__(self, results: QueryResults, ctx: ScreenContext) -> None:
        super().__init__(
            ctx, on_back=ctx.back, voice=tr("Here are your records. Touch a heading to see more.")
        )
        who = tr("{name} · ID {id_number}").format(
            name=results.masked_name, id_number=results.masked_id_number
        )
        self.header.addWidget(label(who, "Subheading", self, wrap=False))

        segments = QHBoxLayout()
        segments.setSpacing(0)
        self._group = QButtonGroup(self)
        self.stack = QStackedWidget(self)
        titles = {
            "status": tr("Insurance status"),
            "contributions": tr("Contributions"),
            "accounts": tr("Personal account"),
            "benefits": tr("Benefit payments"),
        }
        self.contributions = ContributionsView(results.contributions, elder=ctx.elder, parent=self)
        pages: dict[str, QWidget] = {
            "status": self._status_page(results.insured),
            "contributions": self.contributions,
            "accounts": self._accounts_page(results.accounts),
            "benefits": self._benefits_page(results.benefits),
        }
        self.segment_buttons: dict[str, QPushButton] = {}
        for index, key in enumerate(self.SECTIONS):
            segment = button(
                titles[key], functools.partial(self.show_section, index), name="Segment"
            )
            segment.setCheckable(True)
            self._group.addButton(segment, index)
            self.segment_buttons[key] = segment
            segments.addWidget(segment)
            self.stack.addWidget(pages[key])
        self.content.addLayout(segments)
        self.content.addWidget(self.stack, stretch=1)
        self.done_button = self.add_primary(tr("Done"), ctx.done)
        self.show_section(0)

    def show_section(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self.segment_buttons[self.SECTIONS[index]].setChecked(True)

    def _status_page(self, insured: m.InsuredStatus) -> QWidget:
        if not insured.items:
            return empty(self)
        rows = [
            [
                insurance(item.kind),
                insured_state(item.state),
                fmt.day(item.since) if item.since else "—",
                fmt.region(item.region),
            ]
            for item in insured.items
        ]
        headers = [tr("Insurance"), tr("Status"), tr("Since"), tr("Region")]
        # Since when drops out in elder mode: a region's name needs the room.
        return records(headers, rows, self, elder=self.ctx.elder, elder_columns=(0, 1, 3))

    def _accounts_page(self, accounts: m.PersonalAccounts) -> QWidget:
        """Each account's balance in body type (a bystander reads headline type from afar),
        then one table of all their years."""
        if not accounts.accounts:
            return empty(self)
        page = QWidget(self)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        rows = []
        for account in accounts.accounts:
            balance = tr("{insurance}: balance {amount}").format(
                insurance=insurance(account.kind), amount=fmt.money(account.balance_fen)
            )
            column.addWidget(label(balance, "Amount", page))
            rows += [
                [
                    insurance(account.kind),
                    fmt.year(year.year),
                    fmt.money(year.credited_fen),
                    fmt.money(year.interest_fen),
                    fmt.money(year.closing_balance_fen),
                ]
                for year in account.years
            ]
        as_of = tr("As of {date}").format(date=fmt.day(accounts.accounts[0].as_of))
        column.addWidget(label(as_of, "Muted", page))
        headers = [
            tr("Insurance"), tr("Year"), tr("Credited"), tr("Interest"), tr("Year-end balance"),
        ]  # fmt: skip
        column.addWidget(
            records(
                headers,
                rows,
                page,
                elder=self.ctx.elder,
                elder_columns=(0, 1, 4),
                amounts=(2, 3, 4),
            ),
            stretch=1,
        )
        return page

    def _benefits_page(self, benefits: m.BenefitPayments) -> QWidget:
        if not benefits.items:
            return empty(self)
        rows = [
            [
                fmt.month(item.month),
                insurance(item.kind),
                fmt.money(item.amount_fen),
                fmt.day(item.paid_on),
                tr("Card ending {tail}").format(tail=item.bank_account_tail),
            ]
            for item in benefits.items
        ]
        headers = [tr("For month"), tr("Insurance"), tr("Amount"), tr("Paid on"), tr("Paid to")]
        return records(
            headers, rows, self, elder=self.ctx.elder, elder_columns=(0, 2, 3), amounts=(2,)
        )


SCREENS = ScreenRegistry(
    screens=(ScreenFor(QueryResults, QueryResultsScreen),),
    services=(
        ServiceScreens(
            ServiceId.QUERY,
            StepBar(
                query_steps,
                at_step={**CARD_AND_PIN, QueryResults: 2},
                at_activity={**READING_CARD_AND_PIN, Activity.FETCHING_RECORDS: 2},
            ),
        ),
    ),
)
