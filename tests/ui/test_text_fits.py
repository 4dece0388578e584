"""Every citizen-facing text is large enough and whole: each scene of scripts/screenshots.py is
shown in both languages and both modes, and each text on it is measured with its own font.

Large enough: at least 24 px, titles at least 40 px (issue 14: 18 pt and 30 pt at 96 dpi).
Whole: a label's text, laid out as the label lays it out (QFontMetrics.boundingRect with its
wrapping and alignment), fits its contents rect; a button is at least as large as its size
hint (text, padding and border); a table's cells and headers fit their columns; every text
widget lies inside each of its ancestors (a scroll area's page may run on downwards, never
sideways); text widgets of one parent do not overlap. The demo's card tray is the tester's
tool, not the citizen's, and is left out.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontInfo, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QLabel,
    QPushButton,
    QTableWidget,
    QWidget,
)

from scripts.screenshots import SIZE
from tests.support.scenes import each_scene
from ui.i18n import Language
from ui.shell import Shell

MIN_TEXT_PX = 24
MIN_TITLE_PX = 40
TITLES = frozenset({"Heading", "ErrorTitle"})
"""Object names of the texts that title a screen or a dialog."""
CELL_PADDING_PX = 8
"""What a table cell keeps free beside its text (Qt's item margins, both sides together)."""


def citizen_widgets(window: Shell) -> Iterator[QWidget]:
    """Every widget the citizen sees: shown, inside the window, not the demo's tray."""
    tray = window.bottom_widget
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.rect().isEmpty():
            continue
        if tray is not None and (widget is tray or tray.isAncestorOf(widget)):
            continue
        yield widget


def describe(widget: QWidget, text: str) -> str:
    name = widget.objectName() or type(widget).__name__
    return f"{name} {text[:40]!r}"


def text_of(widget: QWidget) -> str:
    if isinstance(widget, QLabel | QAbstractButton):
        return widget.text()
    return ""


def size_problems(widget: QWidget, text: str) -> list[str]:
    pixels = QFontInfo(widget.font()).pixelSize()
    least = MIN_TITLE_PX if widget.objectName() in TITLES else MIN_TEXT_PX
    if pixels < least:
        return [f"{describe(widget, text)}: {pixels} px, at least {least}"]
    return []


def label_problems(label: QLabel) -> list[str]:
    text = label.text()
    if label.textFormat() is Qt.TextFormat.RichText or not text:
        return []
    inner = label.contentsRect()
    margin = label.margin()
    inner = inner.adjusted(margin, margin, -margin, -margin)
    flags = int(label.alignment().value)
    if label.wordWrap():
        flags |= Qt.TextFlag.TextWordWrap.value
    needed = QFontMetrics(label.font()).boundingRect(inner, flags, text)
    if needed.width() > inner.width() or needed.height() > inner.height():
        return [
            f"{describe(label, text)}: needs {needed.width()}×{needed.height()}, "
            f"has {inner.width()}×{inner.height()}"
        ]
    return []


def button_problems(button: QPushButton) -> list[str]:
    text, hint = button.text(), button.sizeHint()
    if text and (button.width() < hint.width() or button.height() < hint.height()):
        return [
            f"{describe(button, text)}: needs {hint.width()}×{hint.height()}, "
            f"has {button.width()}×{button.height()}"
        ]
    return []


def table_problems(table: QTableWidget) -> list[str]:
    found: list[str] = []
    header = table.horizontalHeader()
    header_metrics = QFontMetrics(header.font())
    cell_metrics = QFontMetrics(table.font())
    found += size_problems(header, "table header")
    found += size_problems(table, "table cells")
    # A row on another page (elder mode pages a table by hiding rows) has no height now; it
    # gets the height a shown row has when its page comes.
    shown = [row for row in range(table.rowCount()) if not table.isRowHidden(row)]
    page_row_height = table.rowHeight(shown[0]) if shown else 0
    for column in range(table.columnCount()):
        heading = table.horizontalHeaderItem(column)
        width = header.sectionSize(column)
        if heading is not None:
            needed = header_metrics.horizontalAdvance(heading.text()) + 2 * CELL_PADDING_PX
            if needed > width:
                found.append(f"header {heading.text()!r}: needs {needed} px, has {width}")
        for row in range(table.rowCount()):
            item = table.item(row, column)
            if item is None:
                continue
            height = page_row_height if table.isRowHidden(row) else table.rowHeight(row)
            space = QRect(0, 0, width - CELL_PADDING_PX, height)
            flags = int(item.textAlignment())
            if table.wordWrap():
                flags |= Qt.TextFlag.TextWordWrap.value
            cell = cell_metrics.boundingRect(space, flags, item.text())
            if cell.width() > space.width() or cell.height() > space.height():
                found.append(
                    f"cell {item.text()[:40]!r}: needs {cell.width()}×{cell.height()}, "
                    f"has {space.width()}×{space.height()}"
                )
    return found


def scroll_page_of(widget: QWidget) -> bool:
    """True for the viewport of a scroll area: what it shows may scroll up and down."""
    parent = widget.parentWidget()
    return isinstance(parent, QAbstractScrollArea) and parent.viewport() is widget


def outside_problems(widget: QWidget, text: str, window: Shell) -> list[str]:
    """The widget must lie inside every ancestor up to the window (or up to a scroll area's
    viewport, across which it must fit sideways)."""
    ancestor = widget.parentWidget()
    while ancestor is not None:
        rect = QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())
        if scroll_page_of(ancestor):
            inside = rect.left() >= 0 and rect.right() <= ancestor.rect().right()
        else:
            inside = ancestor.rect().contains(rect)
        if not inside:
            where = ancestor.objectName() or type(ancestor).__name__
            return [f"{describe(widget, text)}: {rect.getRect()} outside {where} {ancestor.size()}"]
        if ancestor is window or scroll_page_of(ancestor):
            return []
        ancestor = ancestor.parentWidget()
    return []


def overlap_problems(texts: list[tuple[QWidget, str]]) -> list[str]:
    found: list[str] = []
    for index, (first, first_text) in enumerate(texts):
        for second, second_text in texts[index + 1 :]:
            if first.parentWidget() is not second.parentWidget():
                continue
            if first.geometry().intersects(second.geometry()):
                found.append(
                    f"{describe(first, first_text)} overlaps {describe(second, second_text)}"
                )
    return found


def problems_on(window: Shell) -> list[str]:
    found: list[str] = []
    texts: list[tuple[QWidget, str]] = []
    for widget in citizen_widgets(window):
        if isinstance(widget, QTableWidget):
            found += table_problems(widget)
            found += outside_problems(widget, "table", window)
            continue
        text = text_of(widget)
        if not text.strip():
            continue
        texts.append((widget, text))
        found += size_problems(widget, text)
        if isinstance(widget, QLabel):
            found += label_problems(widget)
        if isinstance(widget, QPushButton):
            found += button_problems(widget)
        found += outside_problems(widget, text, window)
    return found + overlap_problems(texts)


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
@pytest.mark.parametrize("language", [Language.ZH_CN, Language.EN], ids=["zh_CN", "en"])
def test_every_text_on_every_screen_is_large_and_whole(
    scene_window: Shell, language: Language, elder: bool
) -> None:
    found: list[str] = []
    shown = 0
    for name in each_scene(scene_window, language, elder):
        assert scene_window.size().toTuple() == SIZE, f"{name}: the window grew"
        found += [f"{name}: {problem}" for problem in problems_on(scene_window)]
        shown += 1
    assert shown >= 60
    assert not found, f"{len(found)} texts too small or not whole:\n" + "\n".join(found)
