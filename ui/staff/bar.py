"""The staff bar under the top bar: who is on duty, what waits to be sent, and the staff's own
actions with their keys. Going to the sync panel or the report waits for the citizen's service
to end; locking and logging out do not."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget

from ui.i18n import tr
from ui.widgets.basics import button, label


@dataclass(frozen=True)
class StaffActions:
    home: Callable[[], None]
    sync: Callable[[], None]
    report: Callable[[], None]
    lock: Callable[[], None]
    log_out: Callable[[], None]


SHORTCUTS = {"home": "F2", "sync": "F5", "report": "F9", "lock": "Ctrl+L"}
"""The staff's keys (ui.staff.role handles them); the services are Alt+1 to Alt+6 on the home
screen, in the order of its tiles."""


class StaffBar(QWidget):
    def __init__(
        self,
        staff_id: str,
        waiting: int | None,
        in_service: bool,
        actions: StaffActions,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("StaffBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(self)
        row.setContentsMargins(24, 4, 24, 4)
        row.setSpacing(12)
        self.staff_label = label(tr("Staff {number}").format(number=staff_id), "", self, False)
        row.addWidget(self.staff_label)
        row.addStretch()

        def action(text: str, key: str, on_click: Callable[[], None]) -> QWidget:
            widget = button(f"{text} ({SHORTCUTS[key]})", on_click, parent=self)
            widget.setAccessibleName(text)
            row.addWidget(widget)
            return widget

        self.home_button = action(tr("Services"), "home", actions.home)
        sync_words = tr("Sync") if waiting is None else tr("Sync: %n waiting", None, waiting)
        self.sync_button = action(sync_words, "sync", actions.sync)
        self.report_button = action(tr("Day report"), "report", actions.report)
        self.lock_button = action(tr("Lock"), "lock", actions.lock)
        self.log_out_button = button(tr("Log out"), actions.log_out, parent=self)
        row.addWidget(self.log_out_button)
        for going in (self.home_button, self.sync_button, self.report_button):
            going.setEnabled(not in_service)
