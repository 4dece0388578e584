"""求助 (call staff) in the window: on every screen a citizen sees, and pressed, a notice over the
screen they are on while the request goes to the branch."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.services.session import ServiceId
from scripts.screenshots import SIZE, scenes, settle
from tests.support.ui import click, texts_on_screen, wait_for_screen
from ui.i18n import Language
from ui.screens.attract import AttractScreen
from ui.screens.home import HomeScreen
from ui.screens.identify import InsertCardScreen
from ui.shell import Shell
from ui.widgets.help import HelpComing

COMING = "工作人员马上就来，请在这里稍候。"
ALREADY = "您已呼叫过工作人员，他们马上就来，请在这里稍候。"
MIN_TARGET_PX = 60


def test_every_screen_has_the_help_button_in_its_language(scene_window: Shell) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    missing: list[str] = []
    shown = 0
    for language, words in ((Language.ZH_CN, "求助"), (Language.EN, "Call staff")):
        if scene_window.language is not language:
            scene_window.switch_language()
        for name, state, then in scenes(scene_window):
            scene_window.resize(*SIZE)
            scene_window.show_state(state)
            settle(app)
            if then is not None:
                then(scene_window)
                settle(app)
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
