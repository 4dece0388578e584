"""The day report on screen: every visit with its time, service, masked citizen, how they were
identified, the outcome and the receipts' state; the totals per service; what still waits. Save
writes the signed A4 PDF, Print sends it to the laptop's printer if it has one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableWidget, QTableWidgetItem

from offline_queue.receipts import grouped
from ui.i18n import tr
from ui.i18n.texts import service_name
from ui.screens.base import Screen
from ui.staff.tables import fit_columns, staff_table
from ui.staff.words import identity_words, outcome_words, receipt_state_words
from ui.widgets.basics import button, label
from ui.widgets.pages import PagedTable

if TYPE_CHECKING:
    from kiosk.documents.day_report import DayReport, VisitRow


@dataclass(frozen=True)
class ReportView:
    report: DayReport | None


def visit_cells(row: VisitRow) -> tuple[str, ...]:
    """One row of the table; a visit with more than one receipt lists them one per line."""
    receipts = "\n".join(grouped(line.receipt) for line in row.receipts)
    states = "\n".join(receipt_state_words(line.state.value, line.reason) for line in row.receipts)
    return (
        f"{row.at.astimezone():%H:%M}",
        service_name(row.service),
        row.citizen or "–",
        identity_words(row.identity),
        outcome_words(row.outcome),
        receipts or "–",
        states or "–",
    )


class DayReportScreen(Screen):
    def __init__(
        self,
        view: ReportView | None,
        *,
        on_save: Callable[[ReportView], None],
        on_print: Callable[[ReportView], None] | None,
        on_back: Callable[[], None],
        saved_to: Path | None = None,
        printed: bool = False,
        problem: str = "",
    ) -> None:
        """`view` None while the report is put together; `on_print` None without a printer."""
        heading = tr("Day report")
        super().__init__(heading)
        self.column.addWidget(label(heading, "Heading", self))
        self.save_button: QPushButton | None = None
        self.print_button: QPushButton | None = None
        self.table: QTableWidget | None = None
        report = view.report if view is not None else None
        if problem:
            words = tr("The report could not be made or saved ({code}).").format(code=problem)
            self.column.addWidget(label(words, "Warning", self))
        if view is None:
            self.column.addWidget(label(tr("Putting the report together…"), "", self))
        elif report is not None:
            self._show(report)
        row = QHBoxLayout()
        if view is not None and report is not None:
            self.save_button = button(
                tr("Export the day report (PDF, signed)"),
                lambda: on_save(view),
                primary=True,
                parent=self,
            )
            row.addWidget(self.save_button)
            if on_print is not None:
                self.print_button = button(tr("Print"), lambda: on_print(view), parent=self)
                row.addWidget(self.print_button)
        done = ""
        if saved_to is not None:
            done = tr("Saved: {path}").format(path=str(saved_to))
        elif printed:
            done = tr("Sent to the printer.")
        self.saved_label = label(done, "", self)
        row.addWidget(self.saved_label, stretch=1)
        self.back_button = button(tr("Back to services (Esc)"), on_back, parent=self)
        row.addWidget(self.back_button)
        self.column.addLayout(row)
        focus = self.save_button or self.back_button
        focus.setFocus()

    def _show(self, report: DayReport) -> None:
        totals = " · ".join(
            tr("{service}: {visits}").format(service=service_name(t.service), visits=t.visits)
            for t in report.totals
        )
        waiting = len(report.waiting) + report.other_waiting
        summary = tr("{visits} visit(s) · still waiting to be sent: {waiting}").format(
            visits=len(report.rows), waiting=waiting
        )
        self.summary_label = label(summary, "Subheading", self)
        self.column.addWidget(self.summary_label)
        if totals:
            self.column.addWidget(label(totals, "", self))
        table = staff_table(
            (
                tr("Time"),
                tr("Service", "a column of the day report"),
                tr("Citizen", "a column of the day report"),
                tr("Identified by"),
                tr("Outcome"),
                tr("Receipt number"),
                tr("Sent"),
            ),
            self,
        )
        table.setRowCount(len(report.rows))
        for number, row in enumerate(report.rows):
            for column, text in enumerate(visit_cells(row)):
                table.setItem(number, column, QTableWidgetItem(text))
        fit_columns(table)
        self.table = table
        self.empty = label(tr("No visits yet today."), "", self)
        self.empty.setVisible(not report.rows)
        self.column.addWidget(self.empty)
        pages = PagedTable(table, self)
        pages.setVisible(bool(report.rows))
        self.column.addWidget(pages, stretch=1)
