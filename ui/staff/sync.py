"""The sync panel: what waits in this laptop's outbox, what the central system refused (in
words, with its reason) and what was delivered today; and Sync now, which tries the network at
once instead of at the next probe."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QTableWidgetItem

from offline_queue.receipts import grouped
from ui.i18n import tr
from ui.i18n.texts import operation_name
from ui.screens.base import Screen
from ui.staff.tables import fit_columns, staff_table
from ui.staff.words import refused_entry_words
from ui.widgets.basics import button, label
from ui.widgets.pages import PagedTable

if TYPE_CHECKING:
    from offline_queue.store import EntrySummary


@dataclass(frozen=True)
class SyncView:
    """What the panel shows, read from the outbox off the screen's thread."""

    online: bool | None
    waiting: Sequence[EntrySummary]
    refused: Sequence[EntrySummary]
    delivered_today: Sequence[EntrySummary]


def line_words(online: bool | None) -> str:
    if online is True:
        return tr("Connected: what waits is being sent.")
    if online is False:
        return tr("No network: everything is kept on this laptop and sent when it is back.")
    return tr("Checking the network…")


class SyncScreen(Screen):
    def __init__(
        self,
        view: SyncView,
        on_sync: Callable[[], None],
        syncing: bool = False,
        result: str = "",
    ) -> None:
        heading = tr("Sync")
        super().__init__(heading)
        self.column.addWidget(label(heading, "Heading", self))
        self.line_label = label(line_words(view.online), "Subheading", self)
        self.column.addWidget(self.line_label)
        self.counts_label = label("", "", self)
        self.column.addWidget(self.counts_label)
        row = QHBoxLayout()
        self.sync_button = button(tr("Sync now (F5)"), on_sync, primary=True, parent=self)
        self.sync_button.setAccessibleName(tr("Sync now"))
        self.sync_button.setEnabled(not syncing)
        row.addWidget(self.sync_button)
        self.result_label = label(tr("Connecting and sending…") if syncing else result, "", self)
        row.addWidget(self.result_label, stretch=1)
        self.column.addLayout(row)
        self.table = staff_table(
            (tr("Accepted"), tr("What"), tr("Receipt number"), tr("State")), self
        )
        self.empty = label(tr("Nothing was sent or kept today."), "", self)
        self.column.addWidget(self.empty)
        self.pages = PagedTable(self.table, self)
        self.column.addWidget(self.pages, stretch=1)
        self.refresh(view)
        self.sync_button.setFocus()

    def refresh(self, view: SyncView) -> None:
        """The outbox read again (every second while the panel is open)."""
        self.line_label.setText(line_words(view.online))
        self.counts_label.setText(
            tr("Waiting: {waiting} · Refused: {refused} · Delivered today: {delivered}").format(
                waiting=len(view.waiting),
                refused=len(view.refused),
                delivered=len(view.delivered_today),
            )
        )
        rows = [
            *((entry, refused_words(entry)) for entry in view.refused),
            *((entry, tr("Waiting to be sent")) for entry in view.waiting),
            *((entry, tr("Delivered")) for entry in view.delivered_today),
        ]
        self.rows = [(entry.receipt, state) for entry, state in rows]
        self.table.setRowCount(len(rows))
        for number, (entry, state) in enumerate(rows):
            cells = (
                f"{entry.created_at.astimezone():%H:%M}",
                operation_name(entry.kind),
                grouped(entry.receipt),
                state,
            )
            for column, text in enumerate(cells):
                self.table.setItem(number, column, QTableWidgetItem(text))
        fit_columns(self.table)
        self.empty.setVisible(not rows)
        self.pages.setVisible(bool(rows))
        self.pages.refit()


def refused_words(entry: EntrySummary) -> str:
    return tr("Refused: {reason}").format(reason=refused_entry_words(entry.last_error))
