"""求助 (call staff) pressed by a citizen on three screens of a real session (home, the PIN of a
card read through pcscd and vpcd, an error screen): each press tells the citizen staff are
coming without losing their place, and the sandbox lists all three for the branch, with the
terminal and the screen, and nothing about the citizen."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from demo.kiosk import DemoKiosk
from kiosk.services.help import HelpDesk
from kiosk.services.session import ServiceId
from sandbox.citizens import DEMO_CITIZENS
from sandbox.credentials import DEMO_TERMINAL_ID
from tests.support.personal import demo_personal_data
from tests.support.ui import (
    click,
    enter_pin,
    running_shell,
    texts_on_screen,
    tray_bar,
    wait_for_screen,
)
from ui.screens.attract import AttractScreen
from ui.screens.home import HomeScreen
from ui.screens.identify import InsertCardScreen, PinScreen
from ui.screens.outcome import ErrorScreen
from ui.screens.query import QueryResultsScreen
from ui.shell import Shell
from ui.widgets.help import HelpComing

COMING = "工作人员马上就来，请在这里稍候。"
ALREADY = "您已呼叫过工作人员，他们马上就来，请在这里稍候。"
PRESS_SPELL_S = 1.0
"""The test's own spell between requests (a kiosk's is two minutes), so three presses in one
session raise three requests."""


@pytest.fixture
def shell(qtbot: QtBot, kiosk: DemoKiosk) -> Iterator[Shell]:
    with running_shell(qtbot, kiosk) as window:
        window.help_desk = HelpDesk(lambda: kiosk.outbound, again_after_s=PRESS_SPELL_S)
        yield window


def call_staff(qtbot: QtBot, shell: Shell, expected: str) -> None:
    """Presses 求助, finds the notice saying `expected` over the same screen, and presses OK."""
    state, kind = shell.state, type(shell.screen_widget)
    assert shell.top_bar is not None
    click(qtbot, shell.top_bar.help_button)
    notice = shell.help_notice
    assert isinstance(notice, HelpComing) and notice.isVisible()
    assert expected in texts_on_screen()
    click(qtbot, notice.ok_button)
    qtbot.waitUntil(lambda: not notice.isVisible(), timeout=2000)
    # The same place (the home screen may have been drawn anew when the line came up).
    assert shell.state is state and isinstance(shell.screen_widget, kind)


@pytest.mark.expected_log("failed with card.reported_lost")
def test_help_pressed_on_three_screens_is_listed_for_the_branch(
    qtbot: QtBot, kiosk: DemoKiosk, shell: Shell
) -> None:
    attract = wait_for_screen(qtbot, shell, AttractScreen)
    click(qtbot, attract.start_button)  # type: ignore[attr-defined]
    home = wait_for_screen(qtbot, shell, HomeScreen)
    call_staff(qtbot, shell, COMING)
    call_staff(qtbot, shell, ALREADY)  # at once again: no second request
    time.sleep(PRESS_SPELL_S)

    # On the PIN screen: after OK the citizen goes on where they were. The home screen as it
    # is now: the line coming up draws it anew, and the one seen before may be gone.
    qtbot.wait(100)  # a redraw queued while the test slept happens first
    home = wait_for_screen(qtbot, shell, HomeScreen)
    click(qtbot, home.tiles[ServiceId.QUERY])  # type: ignore[attr-defined]
    wait_for_screen(qtbot, shell, InsertCardScreen)
    click(qtbot, tray_bar(shell).card_buttons["contributor"])
    wait_for_screen(qtbot, shell, PinScreen)
    call_staff(qtbot, shell, COMING)
    contributor = next(c for c in DEMO_CITIZENS if c.key == "contributor")
    assert contributor.card is not None
    enter_pin(qtbot, shell, contributor.card.pin)
    wait_for_screen(qtbot, shell, QueryResultsScreen)
    click(qtbot, tray_bar(shell).remove_button)
    wait_for_screen(qtbot, shell, AttractScreen)
    time.sleep(PRESS_SPELL_S)

    # On an error screen: a card reported lost.
    click(qtbot, shell.screen_widget.start_button)  # type: ignore[union-attr]
    home = wait_for_screen(qtbot, shell, HomeScreen)
    click(qtbot, home.tiles[ServiceId.QUERY])  # type: ignore[attr-defined]
    wait_for_screen(qtbot, shell, InsertCardScreen)
    click(qtbot, tray_bar(shell).card_buttons["card-lost"])
    wait_for_screen(qtbot, shell, ErrorScreen)
    call_staff(qtbot, shell, COMING)

    # The branch's list, as the sandbox serves it to a signed terminal.
    central = kiosk.central
    qtbot.waitUntil(lambda: len(central.help_requests().items) == 3, timeout=15_000)
    listing = central.help_requests()
    assert [(r.terminal_id, r.screen, r.service) for r in listing.items] == [
        (DEMO_TERMINAL_ID, "home", None),
        (DEMO_TERMINAL_ID, "EnterPin", "query"),
        (DEMO_TERMINAL_ID, "error:card.reported_lost", "query"),  # what the citizen was doing
    ]
    raw = listing.model_dump_json()
    assert [datum for datum in list(demo_personal_data()) if datum in raw] == []
    assert kiosk.outbound.queue.outbox.open_count() == 0
