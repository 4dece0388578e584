"""Elder mode (长辈模式) simplifies, not only enlarges (issue 14): no screen scrolls, long lists
come in pages of whole rows with big Previous / Next buttons, fewer columns and rows, and one
question per screen."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from kiosk.services.session import ServiceId
from scripts.screenshots import settle
from tests.support.scenes import each_scene
from tests.support.ui import click, enter_pin, tray_bar, wait_for_screen
from tests.ui.test_shell import results_for
from ui.i18n import Language
from ui.screens.enrollment import ConfirmEnrollmentScreen
from ui.screens.home import HomeScreen
from ui.screens.payment import ChoosePayableScreen
from ui.screens.query import QueryResultsScreen
from ui.shell import Home, Shell
from ui.widgets.pages import PagedRows, PagedTable


def scrollable_on_screen(window: QWidget) -> list[str]:
    """Every scroll bar a citizen would have to drag: shown, on a visible area."""
    found = []
    for area in window.findChildren(QAbstractScrollArea):
        if not area.isVisibleTo(window):
            continue
        for bar in (area.verticalScrollBar(), area.horizontalScrollBar()):
            if bar.isVisibleTo(area) and bar.maximum() > 0:
                found.append(f"{type(area).__name__} {area.objectName()}")
    return found


def rows_cut_off(table: QTableWidget) -> list[int]:
    """Shown rows whose bottom is below the table's visible part."""
    bottom = table.viewport().height()
    return [
        row
        for row in range(table.rowCount())
        if not table.isRowHidden(row)
        and table.rowViewportPosition(row) + table.rowHeight(row) > bottom
    ]


def test_no_screen_scrolls_in_elder_mode(scene_window: Shell) -> None:
    scrolled: dict[str, list[str]] = {}
    paged: list[str] = []
    for language in (Language.ZH_CN, Language.EN):
        for name in each_scene(scene_window, language, elder=True):
            found = scrollable_on_screen(scene_window)
            if found:
                scrolled[f"{name}-{language.value}"] = found
            tables = [
                t for t in scene_window.findChildren(PagedTable) if t.isVisibleTo(scene_window)
            ]
            for paged_table in tables:
                cut = rows_cut_off(paged_table.table)
                assert not cut, f"{name}: rows {cut} cut off at the bottom of the page"
                if paged_table.bar.pages > 1:
                    paged.append(name)
    assert not scrolled, scrolled
    assert "09-results-months" in paged  # twelve months do not fit: they come in pages


def test_the_same_lists_scroll_in_standard_mode(scene_window: Shell) -> None:
    """The check above finds a scroll bar where there is one: standard mode keeps them."""
    for name in each_scene(scene_window, Language.ZH_CN, elder=False):
        if name == "09-results-months":
            assert scrollable_on_screen(scene_window)
            return
    raise AssertionError("no months scene")


def elder_results(qtbot: QtBot, shell: Shell, citizen: str, pin: str) -> QueryResultsScreen:
    click(qtbot, shell.top_bar.elder_button)
    assert shell.elder
    return results_for(qtbot, shell, citizen, pin)


def test_contribution_years_come_in_pages_that_reach_every_year(qtbot: QtBot, shell: Shell) -> None:
    shell.resize(1920, 1080)
    screen = elder_results(qtbot, shell, "contributor", "345678")
    click(qtbot, screen.segment_buttons["contributions"])
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    settle(app)
    pages = screen.contributions.findChild(PagedRows)
    assert pages is not None
    years = [button for _entry, button in screen.contributions.year_buttons]
    assert pages.bar.pages > 1 and pages.bar.previous_button.isEnabled() is False
    seen: list[QWidget] = []
    for page in range(pages.bar.pages):
        shown = [b for b in years if b.isVisibleTo(pages)]
        assert 1 <= len(shown) <= pages.rows_per_page
        seen += shown
        if page < pages.bar.pages - 1:
            click(qtbot, pages.bar.next_button)
    assert seen == years  # every year once, in order
    assert not pages.bar.next_button.isEnabled()
    # A year on the last page opens its months, three columns, paged as well.
    entry, last = screen.contributions.year_buttons[-1]
    click(qtbot, last)
    settle(app)
    months = screen.contributions.month_table
    assert months.columnCount() == 3
    assert months.rowCount() == len(entry.months)
    assert not scrollable_on_screen(shell)


def test_a_pension_year_asks_its_grade_on_a_screen_of_its_own(qtbot: QtBot, shell: Shell) -> None:
    click(qtbot, shell.top_bar.elder_button)
    shell.show_state(Home())
    home = wait_for_screen(qtbot, shell, HomeScreen)
    click(qtbot, home.tiles[ServiceId.PAYMENT])  # type: ignore[attr-defined]
    click(qtbot, tray_bar(shell).card_buttons["unpaid-year"])
    enter_pin(qtbot, shell, "678901")
    payables = wait_for_screen(qtbot, shell, ChoosePayableScreen)
    assert isinstance(payables, ChoosePayableScreen)
    click(qtbot, payables.items[0])
    # One question: the year tiles are gone, the year chosen stands above the grades.
    assert not payables.item_tiles.isVisibleTo(payables)
    assert payables.chosen.isVisibleTo(payables) and "2024" in payables.chosen.text()
    assert payables.heading.text() == "请选择缴费档次"
    assert len(payables.grade_buttons) == 5
    assert all(b.isVisibleTo(payables) for b in payables.grade_buttons)
    # Back returns to the year tiles on the same screen, nothing chosen.
    assert payables.back_button is not None
    click(qtbot, payables.back_button)
    assert shell.screen_widget is payables
    assert payables.item_tiles.isVisibleTo(payables) and not payables.chosen.isVisibleTo(payables)
    assert not any(tile.isChecked() for tile in payables.items)
    assert payables.grade_buttons == []
    # A second Back leaves the screen as in standard mode.
    click(qtbot, payables.back_button)
    qtbot.waitUntil(lambda: shell.screen_widget is not payables)


def test_the_enrollment_summary_asks_to_check_fewer_lines(scene_window: Shell) -> None:
    """Elder mode leaves out what the ID card's chip gave and nobody can change here."""
    counted: dict[bool, int] = {}
    for elder in (False, True):
        for name in each_scene(scene_window, Language.ZH_CN, elder=elder):
            if name == "38-enrol-confirm":
                screen = scene_window.screen_widget
                assert isinstance(screen, ConfirmEnrollmentScreen)
                counted[elder] = len(screen.detail_lines)
                shown = " ".join(line.text() for line in screen.detail_lines)
                assert ("住址" in shown) is not elder
                assert "手机号码" in shown and "身份证号码" in shown
                break
    assert counted == {False: 7, True: 4}
