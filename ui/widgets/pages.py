"""Long lists in pages with big Previous / Next buttons, for elder mode: a thin scroll bar or a
drag that scrolls is what an older hand misses, and rows that slide away lose the reader's
place. A page shows a few rows whole; the bar under it says which page of how many."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import tr
from ui.widgets.basics import button, label

ROW_SPACING = 12


class PageBar(QWidget):
    """Previous page, "Page 1 of 3", Next page; its buttons hidden when all fits on one page
    (its place kept, so that the rows above do not grow and split into pages again)."""

    page_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages = 1
        self.page = 0
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(24)
        self.previous_button = button(tr("Previous page"), self.previous, parent=self)
        self.where = label("", "Subheading", self, wrap=False)
        self.where.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_button = button(tr("Next page"), self.next, parent=self)
        row.addWidget(self.previous_button)
        row.addWidget(self.where, stretch=1)
        row.addWidget(self.next_button)
        for part in (self.previous_button, self.where, self.next_button):
            policy = part.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            part.setSizePolicy(policy)

    def previous(self) -> None:
        self.show_page(self.page - 1)

    def next(self) -> None:
        self.show_page(self.page + 1)

    def set_pages(self, pages: int, page: int) -> None:
        self.pages = max(1, pages)
        for part in (self.previous_button, self.where, self.next_button):
            part.setVisible(self.pages > 1)
        self.show_page(page)

    def show_page(self, page: int) -> None:
        self.page = min(max(page, 0), self.pages - 1)
        where = tr("Page {page} of {pages}").format(page=self.page + 1, pages=self.pages)
        self.where.setText(where)
        self.previous_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < self.pages - 1)
        self.page_changed.emit(self.page)


class _Paged(QWidget):
    """Rows shown a page at a time, as many as fit whole in the height the screen gives; the
    count is measured again when that height changes (the window, the language, the mode)."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.rows_per_page = 1
        self._fitted = False
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.bar = PageBar(self)
        self.bar.page_changed.connect(self._show)

    def row_count(self) -> int:
        raise NotImplementedError

    def rows_that_fit(self) -> int:
        raise NotImplementedError

    def _show(self, page: int) -> None:
        raise NotImplementedError

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refit()

    def refit(self) -> None:
        """Pages of as many rows as fit now, staying on the page of the first row shown."""
        fit = max(1, self.rows_that_fit())
        if fit == self.rows_per_page and self._fitted:
            return
        first_row = self.bar.page * self.rows_per_page
        self.rows_per_page = fit
        self._fitted = True
        self.bar.set_pages(-(-self.row_count() // fit), first_row // fit)


class PagedRows(_Paged):
    """Row widgets (year buttons), a page at a time, the page bar under them."""

    def __init__(self, rows: Sequence[QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = list(rows)
        self.column.setSpacing(ROW_SPACING)
        for row in self.rows:
            row.setParent(self)
            self.column.addWidget(row)
        self.column.addStretch()
        self.column.addWidget(self.bar)
        self.refit()

    def row_count(self) -> int:
        return len(self.rows)

    def rows_that_fit(self) -> int:
        if not self.rows:
            return 1
        room = self.height() - self.bar.sizeHint().height() - ROW_SPACING
        one = self.rows[0].sizeHint().height() + ROW_SPACING
        return room // one

    def _show(self, page: int) -> None:
        first = page * self.rows_per_page
        for index, row in enumerate(self.rows):
            row.setVisible(first <= index < first + self.rows_per_page)


class PagedTable(_Paged):
    """A table a page of rows at a time, with no scroll bar, the page bar under it."""

    def __init__(self, table: QTableWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = table
        table.setParent(self)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.column.addWidget(table, stretch=1)
        self.column.addWidget(self.bar)
        self.refit()

    def row_count(self) -> int:
        return self.table.rowCount()

    def rows_that_fit(self) -> int:
        if self.table.rowCount() == 0:
            return 1
        # A shown row's height as laid out (the style's padding included, which
        # sizeHintForRow leaves out); a page always shows one.
        shown = (r for r in range(self.table.rowCount()) if not self.table.isRowHidden(r))
        one = max(1, self.table.rowHeight(next(shown, 0)))
        # From the table's own height: its viewport is laid out only when the table gets its
        # resize event, after this one while the page is still hidden in a stack.
        header = self.table.horizontalHeader().sizeHint().height()
        return (self.table.height() - header - 2 * self.table.frameWidth()) // one

    def _show(self, page: int) -> None:
        first = page * self.rows_per_page
        for row in range(self.table.rowCount()):
            self.table.setRowHidden(row, not first <= row < first + self.rows_per_page)
        self.table.scrollToTop()
