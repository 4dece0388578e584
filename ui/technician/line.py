"""The technician's network and queue screen: the line to the central system and the offline
queue, dead letters each with Retry, and Retry all. Loaded and retried on the shell's thread."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QGridLayout, QPushButton

from kiosk.roles.line_check import LineReport
from ui.i18n import tr
from ui.i18n.format import day
from ui.i18n.texts import operation_name
from ui.screens.base import Screen
from ui.technician.back import add_back_row
from ui.widgets.basics import button, label

if TYPE_CHECKING:
    from offline_queue.store import EntryState


def line_words(report: LineReport) -> str:
    if not report.reachable:
        return tr("Central system: not reached ({code})").format(code=report.code)
    return tr("Central system: reached in {ms} ms; clock difference {offset} s").format(
        ms=round(report.round_trip_ms or 0), offset=f"{report.clock_offset_s or 0:+.1f}"
    )


def tls_words(report: LineReport, now: datetime | None = None) -> str:
    if report.tls_expires_at is None:
        if report.tls_problem == "central.not_tls":
            return tr("TLS certificate: none, the central system is reached over plain HTTP")
        return tr("TLS certificate: not read ({code})").format(code=report.tls_problem or "-")
    days = (report.tls_expires_at - (now or datetime.now(UTC))).days
    if days < 0:
        return tr("TLS certificate: expired on {date}").format(date=day(report.tls_expires_at))
    return tr("TLS certificate: valid until {date} ({days} days)").format(
        date=day(report.tls_expires_at), days=days
    )


def queue_state_words(state: EntryState) -> str:
    return {
        "pending": lambda: tr("waiting"),
        "leased": lambda: tr("being sent"),
        "delivered": lambda: tr("delivered"),
        "dead": lambda: tr("failed"),
    }.get(state.value, lambda: state.value)()


def queue_words(report: LineReport) -> str:
    counts = " · ".join(
        f"{queue_state_words(state)} {count}" for state, count in report.counts.items()
    )
    oldest = report.oldest_waiting_s
    waiting = tr("oldest waiting {seconds} s").format(seconds=round(oldest)) if oldest else ""
    return tr("Queue: {counts}").format(counts=" · ".join(p for p in (counts, waiting) if p))


class LineScreen(Screen):
    def __init__(
        self,
        report: LineReport | None,
        on_retry: Callable[[uuid.UUID | None], None],
        on_back: Callable[[], None],
    ) -> None:
        """`report` None while it is being checked; `on_retry(None)` retries every dead letter."""
        heading = tr("Network and queue")
        super().__init__(heading)
        self.column.addWidget(label(heading, "Heading", self))
        self.retry_buttons: dict[uuid.UUID, QPushButton] = {}
        self.retry_all_button: QPushButton | None = None
        if report is None:
            self.column.addWidget(label(tr("Checking…"), "", self))
        else:
            self.column.addWidget(label(line_words(report), "", self))
            self.column.addWidget(label(tls_words(report), "", self))
            self.column.addWidget(label(queue_words(report), "", self))
            self.column.addWidget(
                label(
                    tr("Dead letters: {count}").format(count=len(report.dead)), "Subheading", self
                )
            )
            grid = QGridLayout()
            grid.setHorizontalSpacing(32)
            for row, entry in enumerate(report.dead[:6]):
                grid.addWidget(label(operation_name(entry.kind), "", self), row, 0)
                grid.addWidget(label(entry.last_error or "-", "", self), row, 1)
                retry = button(tr("Retry"), functools.partial(on_retry, entry.id), parent=self)
                self.retry_buttons[entry.id] = retry
                grid.addWidget(retry, row, 2)
            self.column.addLayout(grid)
            if report.dead:
                self.retry_all_button = button(
                    tr("Retry all"), functools.partial(on_retry, None), parent=self
                )
                self.column.addWidget(self.retry_all_button)
        self.column.addStretch()
        self.back_button = add_back_row(self, on_back)
