"""The technician's log screen: the newest records the terminal kept, filtered by level and by
device, a page at a time. What is shown went through the personal-data filter before it was
kept; nothing here unmasks anything."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
)

from devices.manager import DeviceClass
from kiosk.logs import LogLine
from ui.i18n import tr
from ui.i18n.texts import device_name
from ui.screens.base import Screen
from ui.technician.back import add_back_row
from ui.technician.words import LEVELS, level_name
from ui.widgets.basics import button, label
from ui.widgets.pages import PagedTable

SHOWN_CHARACTERS = 80
"""Of a record in its row; the whole record shows under the table when its row is touched."""


COLUMN_SPARE_PX = 16


def short(text: str) -> str:
    return text if len(text) <= SHOWN_CHARACTERS else text[: SHOWN_CHARACTERS - 1] + "…"


class LogScreen(Screen):
    def __init__(
        self,
        lines: Sequence[LogLine],
        level: int,
        device: DeviceClass | None,
        devices: Sequence[DeviceClass],
        *,
        on_filter: Callable[[int, DeviceClass | None], None],
        on_back: Callable[[], None],
    ) -> None:
        """`lines` already filtered, newest first; `on_filter(level, device)` shows others."""
        heading = tr("Logs")
        super().__init__(heading)
        self.column.addWidget(label(heading, "Heading", self))
        self.level_buttons: dict[int, QPushButton] = {}
        levels = QHBoxLayout()
        levels.addWidget(label(tr("At least:"), "", self, wrap=False))
        for shown in LEVELS:
            self.level_buttons[shown] = self._choice(
                level_name(shown), shown == level, functools.partial(on_filter, shown, device)
            )
            levels.addWidget(self.level_buttons[shown])
        levels.addStretch()
        self.column.addLayout(levels)
        self.device_buttons: dict[DeviceClass | None, QPushButton] = {}
        about = QHBoxLayout()
        for each in (None, *devices):
            words = tr("All devices") if each is None else device_name(each)
            self.device_buttons[each] = self._choice(
                words, each == device, functools.partial(on_filter, level, each)
            )
            about.addWidget(self.device_buttons[each])
        about.addStretch()
        self.column.addLayout(about)
        self._lines = list(lines)
        self.table = QTableWidget(len(lines), 4, self)
        self.table.setHorizontalHeaderLabels((tr("Time"), tr("Level"), tr("Device"), tr("Record")))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        for row, line in enumerate(lines):
            cells = (
                f"{line.at.astimezone():%H:%M:%S}",
                level_name(line.level),
                device_name(line.device) if line.device else "–",
                short(line.text),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(self._show_whole)
        self.whole = label("", "", self)
        self.empty = label(tr("No records at this level."), "", self)
        self.empty.setVisible(not lines)
        self.column.addWidget(self.empty)
        self.pages = PagedTable(self.table, self)
        self.pages.setVisible(bool(lines))
        self.column.addWidget(self.pages, stretch=1)
        self.column.addWidget(self.whole)
        if not lines:
            self.column.addStretch()
        self.back_button = add_back_row(self, on_back)

    def showEvent(self, event: QShowEvent) -> None:
        """The short columns sized to their contents in the font the window's style gives the
        table, which it has only once shown."""
        super().showEvent(event)
        self.table.resizeColumnsToContents()
        for column in range(3):
            # The contents' width leaves the item's own margins no room to spare.
            self.table.setColumnWidth(column, self.table.columnWidth(column) + COLUMN_SPARE_PX)

    def _show_whole(self, row: int, *_: int) -> None:
        if 0 <= row < len(self._lines):
            line = self._lines[row]
            self.whole.setText(
                f"{line.at.astimezone():%Y-%m-%d %H:%M:%S} {line.logger}: {line.text}"
            )

    def _choice(self, words: str, chosen: bool, on_click: Callable[[], None]) -> QPushButton:
        choice = button(words, on_click, name="Segment", parent=self)
        choice.setCheckable(True)
        choice.setChecked(chosen)
        return choice

    def shown_text(self) -> str:
        """Every cell's text, for the tests that look for personal data."""
        items = (
            self.table.item(row, column)
            for row in range(self.table.rowCount())
            for column in range(self.table.columnCount())
        )
        return "\n".join(item.text() for item in items if item is not None)
