"""What every screen says reads as its language writes it: Chinese punctuation in Chinese
text, dates as the language writes them, places by name. Every scene of scripts/screenshots.py,
as a citizen sees it (the demo's own tray is not the kiosk's and is left out)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QTableWidget, QWidget

from kiosk.domain.identity import region_name
from tests.support.scenes import each_scene
from ui.i18n import Language
from ui.shell import Shell

CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
LATIN_PUNCTUATION_IN_CHINESE = re.compile(rf"{CJK}[,.;:!?](?!\d)|[,;!?]\s*{CJK}")
US_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b|\b\d{1,2}/\d{4}\b")
REGION_CODE = re.compile(r"\d{6}")
PLACE_IN_CHARACTERS = re.compile(rf"{CJK}+(省|市|区|县|旗|州|盟)")
"""A place named in Chinese characters: an English reader can neither read nor ask for it."""
"""A text that is only a region code (a table cell): inside a typed or grouped number six
digits are part of that number."""


def texts_of(window: QWidget) -> list[str]:
    """The texts a citizen reads in the window: labels, buttons and table cells."""
    found: list[str] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or "tray" in type(widget).__module__:
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            found.append(widget.text())
        if isinstance(widget, QTableWidget):
            for row in range(widget.rowCount()):
                for column in range(widget.columnCount()):
                    item = widget.item(row, column)
                    if item is not None:
                        found.append(item.text())
            for column in range(widget.columnCount()):
                header = widget.horizontalHeaderItem(column)
                if header is not None:
                    found.append(header.text())
    return [text for text in found if text]


def cells_of(window: QWidget) -> list[str]:
    return [
        item.text()
        for table in window.findChildren(QTableWidget)
        if table.isVisible()
        for row in range(table.rowCount())
        for column in range(table.columnCount())
        if (item := table.item(row, column)) is not None
    ]


def problems_in(text: str, chinese: bool = True) -> list[str]:
    """`chinese`: the screen's language is Chinese (English text may name 身份证 before a '.')."""
    found = []
    if chinese and LATIN_PUNCTUATION_IN_CHINESE.search(text):
        found.append(f"Latin punctuation in Chinese: {text!r}")
    if US_DATE.search(text):
        found.append(f"a month/day/year date: {text!r}")
    if REGION_CODE.fullmatch(text.strip()) and region_name(text.strip()) is not None:
        found.append(f"a region by its code: {text!r}")
    return found


def cell_problems_in(text: str, chinese: bool) -> list[str]:
    """A table cell's own checks (an address on the ID card stays as the card writes it; a
    place a table names is the kiosk's own words)."""
    if not chinese and PLACE_IN_CHARACTERS.search(text):
        return [f"a place in Chinese characters: {text!r}"]
    return []


def test_the_checks_see_what_they_look_for() -> None:
    """The patterns catch the mistakes seen on the kiosk (a scan that matched nothing would
    pass whatever the screens said)."""
    assert problems_in("照片与档案照片不一致. 请向工作人员求助")
    assert problems_in("有效期至 11/23/2027")
    assert problems_in("440304")
    assert not problems_in("有效期至 2027年11月23日。请收好。")
    assert not problems_in("受理编号：6212 3456 7890 1236")
    assert not problems_in("¥1,200.00")
    assert not problems_in("D*****010")
    assert not problems_in("110105  19520")  # an ID number being typed
    assert not problems_in("Hello, 张*", chinese=False)
    assert cell_problems_in("广东省深圳市福田区", chinese=False)
    assert not cell_problems_in("广东省深圳市福田区", chinese=True)
    assert not cell_problems_in("Futian District, Shenzhen, Guangdong", chinese=False)


@pytest.mark.parametrize("language", [Language.ZH_CN, Language.EN], ids=["zh_CN", "en"])
def test_every_screen_reads_as_its_language_writes(scene_window: Shell, language: Language) -> None:
    found: list[str] = []
    shown = 0
    for name in each_scene(scene_window, language):
        chinese = language is Language.ZH_CN
        for text in texts_of(scene_window):
            found += [f"{name}: {problem}" for problem in problems_in(text, chinese)]
        for text in cells_of(scene_window):
            found += [f"{name}: {problem}" for problem in cell_problems_in(text, chinese)]
        shown += 1
    assert shown >= 60
    assert not found, "\n".join(found)
