"""求助 (call staff) in the window: on every screen a citizen sees, and pressed, a notice over the
screen they are on while the request goes to the branch."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pytestqt.qtbot import QtBot

from kiosk.services.session import ServiceId
from tests.support.scenes import each_scene
from tests.support.ui import click, texts_on_screen, wait_for_screen
from ui.i18n import Language
from ui.screens.attract import AttractScreen
from ui.screens.home import HomeScreen
from ui.screens.identify import InsertCardScreen
from ui.shell import Shell
from ui.widgets.help import HelpComing

COMING = "工作人员马上就来，请在这里稍候。"
ALREADY = "您已呼叫过工作人员，他们马上就来，请在这里稍候。"
OFFLINE = (
    "本机暂时联系不上网点。您的呼叫已保存，网络恢复后会发出。请向附近的工作人员招手，或到柜台咨询。"
)
MIN_TARGET_PX = 60


def test_every_screen_has_the_help_button_in_its_language(scene_window: Shell) -> None:
    missing: list[str] = []
    shown = 0
    for language, words in ((Language.ZH_CN, "求助"), (Language.EN, "Call staff")):
        for name in each_scene(scene_window, language):
            bar = scene_window.top_bar
            assert bar is not None
            help_button = bar.help_button
            if not (
                help_button.isVisibleTo(scene_window)
                and help_button.text() == words
                and help_button.width() >= MIN_TARGET_PX
                and help_button.height() >= MIN_TARGET_PX
            ):
                missing.append(f"{name} ({language.value}): {help_button.text()!r}")
            shown += 1
    assert shown >= 120
    assert missing == []


def test_the_notice_stays_over_a_redrawn_home_and_holds_off_the_idle_warning(
    qtbot: QtBot, shell: Shell
) -> None:
    """A citizen told to wait for staff is neither hidden behind the home screen redrawn when
    the line changes nor reset for not touching the screen while they wait."""
    attract = wait_for_screen(qtbot, shell, AttractScreen)
    click(qtbot, attract.start_button)  # type: ignore[attr-defined]
    wait_for_screen(qtbot, shell, HomeScreen)
    assert shell.top_bar is not None
    click(qtbot, shell.top_bar.help_button)
    notice = shell.help_notice
    assert isinstance(notice, HelpComing)
    shell._on_connectivity(False)  # the home screen is drawn anew: what still works offline
    overlay_parent = notice.parentWidget()
    assert overlay_parent is not None
    assert notice.isVisible() and overlay_parent.children()[-1] is notice  # on top
    shell._idle()  # the idle timeout passes while they wait
    assert shell.idle_warning is None
    click(qtbot, notice.ok_button)
    qtbot.waitUntil(lambda: not notice.isVisible(), timeout=2000)
    shell._idle()
    assert shell.idle_warning is not None  # with the notice gone, idleness counts again
    assert shell.help_desk.wait(15)


def test_pressed_it_says_staff_are_coming_over_the_screen_the_citizen_is_on(
    qtbot: QtBot, shell: Shell
) -> None:
    pressed_at = datetime.now(UTC)
    attract = wait_for_screen(qtbot, shell, AttractScreen)
    click(qtbot, attract.start_button)  # type: ignore[attr-defined]
    home = wait_for_screen(qtbot, shell, HomeScreen)
    click(qtbot, home.tiles[ServiceId.QUERY])  # type: ignore[attr-defined]
    screen = wait_for_screen(qtbot, shell, InsertCardScreen)
    assert shell.top_bar is not None
    spoken: list[str] = []
    shell.voice.spoken.connect(spoken.append)
    click(qtbot, shell.top_bar.help_button)
    notice = shell.help_notice
    assert isinstance(notice, HelpComing) and notice.isVisible()
    assert COMING in texts_on_screen()
    assert spoken[-1] == COMING  # and said aloud
    click(qtbot, notice.ok_button)
    qtbot.waitUntil(lambda: not notice.isVisible(), timeout=2000)
    assert shell.screen_widget is screen  # the citizen's place is kept

    # Pressed again soon after: the request already raised stands, and the notice says so.
    click(qtbot, shell.top_bar.help_button)
    assert ALREADY in texts_on_screen()
    assert shell.help_desk.wait(15)

    def raised_here() -> list[tuple[str, str | None]]:
        return [
            (item.screen, item.service)
            for item in shell.kiosk.central.help_requests().items
            if item.raised_at >= pressed_at
        ]

    qtbot.waitUntil(lambda: raised_here() == [("InsertCard", "query")], timeout=15_000)


def test_with_the_line_down_it_says_to_wave_to_staff_not_that_they_are_coming(
    qtbot: QtBot, shell: Shell, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Offline the request waits in the outbox until the line is back: "staff are on their
    way" would leave the citizen waiting for nobody."""
    attract = wait_for_screen(qtbot, shell, AttractScreen)
    click(qtbot, attract.start_button)  # type: ignore[attr-defined]
    wait_for_screen(qtbot, shell, HomeScreen)
    monkeypatch.setattr(type(shell.kiosk), "online", property(lambda _: False))
    assert shell.top_bar is not None
    click(qtbot, shell.top_bar.help_button)
    shown = texts_on_screen()
    assert (
        "本机暂时联系不上网点。您的呼叫已保存，网络恢复后会发出。请向附近的工作人员招手，或到柜台咨询。"
        in shown
    )
    assert COMING not in shown
    assert shell.help_desk.wait(15)
