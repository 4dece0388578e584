"""The staff screens' tables: each column as wide as its longest line (up to a cap, past which
its text wraps), rows as tall as their lines; the last column takes what is left."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QWidget

CELL_PADDING_PX = 16
"""Beside a cell's text, both sides together (more than the item's own margins)."""
WIDEST_COLUMN_PX = 300


class StaffTable(QTableWidget):
    """Fits its columns again once the window's style gives it its real font."""

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            fit_columns(self)

    def showEvent(self, event: QShowEvent) -> None:
        fit_columns(self)
        super().showEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        fit_columns(self)  # the last column's room changed: its rows' heights with it


def staff_table(columns: tuple[str, ...], parent: QWidget) -> StaffTable:
    table = StaffTable(0, len(columns), parent)
    table.setHorizontalHeaderLabels(columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fit_columns(table: QTableWidget) -> None:
    """Call after the cells are filled (and again when they change)."""
    table.ensurePolished()
    cells = QFontMetrics(table.font())
    header = QFontMetrics(table.horizontalHeader().font())
    for column in range(table.columnCount() - 1):
        heading = table.horizontalHeaderItem(column)
        widest = header.horizontalAdvance(heading.text()) if heading is not None else 0
        for row in range(table.rowCount()):
            item = table.item(row, column)
            if item is not None:
                for line in item.text().splitlines():
                    widest = max(widest, cells.horizontalAdvance(line))
        table.setColumnWidth(column, min(widest, WIDEST_COLUMN_PX) + CELL_PADDING_PX)
    # Qt's own row fitting lays a cell's text out wider than a cell shows it: a wrapped line
    # would be cut. Each row is as tall as its tallest cell wrapped inside the padding.
    wrap = Qt.TextFlag.TextWordWrap.value
    for row in range(table.rowCount()):
        tallest = cells.height()
        for column in range(table.columnCount()):
            item = table.item(row, column)
            if item is None:
                continue
            room = QRect(0, 0, _shown_width(table, column) - CELL_PADDING_PX, 10_000)
            tallest = max(tallest, cells.boundingRect(room, wrap, item.text()).height())
        table.setRowHeight(row, tallest + CELL_PADDING_PX // 2)


def _shown_width(table: QTableWidget, column: int) -> int:
    """The last column stretches over what the others leave of the viewport."""
    width = table.columnWidth(column)
    if column == table.columnCount() - 1:
        others = sum(table.columnWidth(c) for c in range(column))
        width = max(width, table.viewport().width() - others)
    return width
