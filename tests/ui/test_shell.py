"""The kiosk as a citizen meets it: attract, home, query, PIN, idle, language and elder mode."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.domain.identity import mask_id_number, mask_name
from kiosk.domain.money import Money
from kiosk.services.session import ServiceId
from sandbox.citizens import demo_citizen
from tests.support.ui import click, enter_pin, texts_on_screen, tray_bar, wait_for_screen
from ui.i18n import Language
from ui.screens.attract import AttractScreen
from ui.screens.home import HomeScreen
from ui.screens.identify import InsertCardScreen, PinScreen, TakeCardScreen
from ui.screens.outcome import ErrorScreen
from ui.screens.query import QueryResultsScreen
from ui.shell import Shell


def open_query(qtbot: QtBot, shell: Shell) -> None:
    attract = wait_for_screen(qtbot, shell, AttractScreen)
    assert isinstance(attract, AttractScreen)
    click(qtbot, attract.start_button)
    home = wait_for_screen(qtbot, shell, HomeScreen)
    assert isinstance(home, HomeScreen)
    click(qtbot, home.tiles[ServiceId.QUERY])
    wait_for_screen(qtbot, shell, InsertCardScreen)


def insert(qtbot: QtBot, shell: Shell, citizen_key: str) -> None:
    click(qtbot, tray_bar(shell).card_buttons[citizen_key])


def results_for(qtbot: QtBot, shell: Shell, citizen_key: str, pin: str) -> QueryResultsScreen:
    open_query(qtbot, shell)
    insert(qtbot, shell, citizen_key)
    enter_pin(qtbot, shell, pin)
    screen = wait_for_screen(qtbot, shell, QueryResultsScreen)
    assert isinstance(screen, QueryResultsScreen)
    return screen


def test_home_shows_six_services_all_open(qtbot: QtBot, shell: Shell) -> None:
    click(qtbot, shell.screen_widget.start_button)  # type: ignore[union-attr]
    home = wait_for_screen(qtbot, shell, HomeScreen)
    assert isinstance(home, HomeScreen)
    assert list(home.tiles) == [s for s in ServiceId if s is not ServiceId.PROGRESS]
    enabled = [sid for sid, tile in home.tiles.items() if tile.isEnabled()]
    assert enabled == [s for s in ServiceId if s is not ServiceId.PROGRESS]
    descriptions = [tile.accessibleDescription() for tile in home.tiles.values()]
    assert descriptions.count("即将开通") == 0
    assert home.progress_button.isEnabled()
    assert home.offline_banner is None


@pytest.mark.parametrize(
    ("citizen_key", "pin", "section_check"),
    [("contributor", "345678", "contributions"), ("pensioner-due", "123456", "benefits")],
)
def test_query_end_to_end_for_two_citizens(
    qtbot: QtBot, shell: Shell, kiosk: Kiosk, citizen_key: str, pin: str, section_check: str
) -> None:
    citizen = demo_citizen(citizen_key)
    screen = results_for(qtbot, shell, citizen_key, pin)
    shown = texts_on_screen()
    assert any(mask_id_number(citizen.id_number) in text for text in shown)
    assert any(text.startswith(mask_name(citizen.name)) for text in shown)
    # The full name and number are never on screen.
    assert not any(citizen.id_number in text for text in shown)
    assert not any(citizen.name in text for text in shown)

    if section_check == "contributions":
        click(qtbot, screen.segment_buttons["contributions"])
        entry, year_button = next(
            (e, b) for e, b in reversed(screen.contributions.year_buttons) if len(e.months) == 12
        )
        # The oldest full year is below the fold: scroll to it as a citizen would.
        year_button.parentWidget().parentWidget().parentWidget().ensureWidgetVisible(year_button)
        # Regression: a tap on a row of a scrollable list must open it (a mouse-drag scroller
        # used to swallow it).
        click(qtbot, year_button)  # type: ignore[arg-type]
        assert screen.contributions.month_table.rowCount() == len(entry.months) == 12
        click(qtbot, screen.contributions.back_to_years)
        click(qtbot, screen.segment_buttons["accounts"])
        assert any("元" in t and "余额" in t for t in texts_on_screen())
    else:
        click(qtbot, screen.segment_buttons["benefits"])
        assert any(f"{Money(21_350).decimal_text()}元" == t for t in texts_on_screen())

    click(qtbot, screen.done_button)
    wait_for_screen(qtbot, shell, TakeCardScreen)
    click(qtbot, tray_bar(shell).remove_button)
    wait_for_screen(qtbot, shell, HomeScreen)


def test_wrong_pin_says_how_many_tries_are_left(qtbot: QtBot, shell: Shell) -> None:
    open_query(qtbot, shell)
    insert(qtbot, shell, "contributor")
    enter_pin(qtbot, shell, "000000")
    qtbot.waitUntil(
        lambda: (
            isinstance(shell.screen_widget, PinScreen)
            and any("还可以再试2次" in t for t in texts_on_screen())
        ),
        timeout=10_000,
    )
    enter_pin(qtbot, shell, "345678")  # the counter is reset by the right PIN
    wait_for_screen(qtbot, shell, QueryResultsScreen)


@pytest.mark.expected_log("failed with card.reported_lost")
def test_a_lost_card_gets_its_own_error_screen(qtbot: QtBot, shell: Shell) -> None:
    open_query(qtbot, shell)
    insert(qtbot, shell, "card-lost")
    screen = wait_for_screen(qtbot, shell, ErrorScreen)
    assert isinstance(screen, ErrorScreen)
    assert screen.code == "card.reported_lost"
    assert "这张社保卡已挂失" in texts_on_screen()
    click(qtbot, screen.home_button)
    wait_for_screen(qtbot, shell, HomeScreen)


def test_pulling_the_card_returns_to_attract(qtbot: QtBot, shell: Shell) -> None:
    open_query(qtbot, shell)
    insert(qtbot, shell, "contributor")
    wait_for_screen(qtbot, shell, PinScreen)
    click(qtbot, tray_bar(shell).remove_button)
    wait_for_screen(qtbot, shell, AttractScreen)


def test_back_from_the_pin_goes_home(qtbot: QtBot, shell: Shell) -> None:
    open_query(qtbot, shell)
    insert(qtbot, shell, "contributor")
    pin = wait_for_screen(qtbot, shell, PinScreen)
    assert isinstance(pin, PinScreen) and pin.back_button is not None
    click(qtbot, pin.back_button)
    wait_for_screen(qtbot, shell, HomeScreen)


def test_idle_warning_continue_keeps_the_session(
    qtbot: QtBot, fast_idle: None, shell: Shell
) -> None:
    screen = results_for(qtbot, shell, "contributor", "345678")
    qtbot.waitUntil(lambda: shell.idle_warning is not None, timeout=5_000)
    warning = shell.idle_warning
    assert warning is not None
    assert warning.remaining >= 20 - 1
    # The default button, the one Enter presses, is the safe one.
    assert warning.continue_button.isDefault()
    assert not warning.end_button.isDefault()
    click(qtbot, warning.continue_button)
    assert shell.idle_warning is None
    assert shell.screen_widget is screen
    assert shell.session is not None and not shell.session.ended


def test_idle_reset_wipes_the_citizen(qtbot: QtBot, fast_idle: None, shell: Shell) -> None:
    citizen = demo_citizen("contributor")
    results_for(qtbot, shell, "contributor", "345678")
    session = shell.session
    assert session is not None
    wait_for_screen(qtbot, shell, AttractScreen)  # warning shown, counted down, reset
    assert session.ended
    qtbot.waitUntil(lambda: shell.runner.current is None, timeout=5_000)
    assert session.person is None
    shown = " ".join(texts_on_screen())
    for trace in (
        citizen.name,
        citizen.id_number,
        mask_name(citizen.name),
        mask_id_number(citizen.id_number),
    ):
        assert trace not in shown


def test_language_and_elder_mode_switch_in_one_touch(qtbot: QtBot, shell: Shell) -> None:
    click(qtbot, shell.screen_widget.start_button)  # type: ignore[union-attr]
    wait_for_screen(qtbot, shell, HomeScreen)
    assert "参保查询" in texts_on_screen()
    assert shell.top_bar is not None
    click(qtbot, shell.top_bar.language_button)
    assert shell.language is Language.EN
    assert "My insurance records" in texts_on_screen()
    assert isinstance(shell.screen_widget, HomeScreen)  # the citizen stays where they were
    assert shell.top_bar.language_button.text() == "中文"

    before = _heading_point_size(shell)
    click(qtbot, shell.top_bar.elder_button)
    assert shell.elder
    after = _heading_point_size(shell)
    assert after >= 30 > before
    click(qtbot, shell.top_bar.language_button)
    assert shell.language is Language.ZH_CN and shell.elder


def _heading_point_size(shell: Shell) -> int:
    from PySide6.QtWidgets import QLabel

    assert shell.screen_widget is not None
    heading = next(
        w for w in shell.screen_widget.findChildren(QLabel) if w.objectName() == "Heading"
    )
    heading.ensurePolished()
    return heading.font().pointSize()


def test_the_next_citizen_starts_with_the_default_language_and_size(
    qtbot: QtBot, fast_idle: None, shell: Shell
) -> None:
    click(qtbot, shell.screen_widget.start_button)  # type: ignore[union-attr]
    wait_for_screen(qtbot, shell, HomeScreen)
    assert shell.top_bar is not None
    click(qtbot, shell.top_bar.language_button)
    click(qtbot, shell.top_bar.elder_button)
    assert shell.language is Language.EN and shell.elder
    wait_for_screen(qtbot, shell, AttractScreen)  # idle: warning, countdown, reset
    assert shell.language is Language.ZH_CN and not shell.elder
    assert "轻触开始" in texts_on_screen()
