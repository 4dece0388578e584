"""The kiosk's start: its attract screen up before the kiosk behind it is built, systemd told
READY once it can serve, and the watchdog fed from the GUI thread."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from demo.kiosk import DemoKiosk, build_demo_kiosk
from kiosk.first_settings import FirstScreenSettings
from kiosk.system.notify import ServiceManager
from sandbox.server import SandboxProcess
from tests.support.kiosks import settings_for
from ui.first_screen import FirstScreen, Wish
from ui.i18n import Language, Translations
from ui.main import _do_wishes, create_shell, start
from ui.screens.home import HomeScreen
from ui.screens.out_of_service import OutOfServiceScreen
from ui.voice import VoicePrompter


class Recorder(ServiceManager):
    """The service manager's side, as the calls the kiosk makes."""

    def __init__(self, watchdog_s: float | None) -> None:
        super().__init__(None, round(watchdog_s * 1_000_000) if watchdog_s else None)
        self.calls: list[str] = []

    def ready(self, status: str) -> None:
        self.calls.append("READY")

    def status(self, text: str) -> None:
        self.calls.append("STATUS")

    def ping(self) -> None:
        self.calls.append("WATCHDOG")

    def stopping(self) -> None:
        self.calls.append("STOPPING")


@pytest.fixture
def kiosk(shared_sandbox: SandboxProcess) -> Iterator[DemoKiosk]:
    built = build_demo_kiosk(settings_for(shared_sandbox.url))
    yield built
    built.close()


def test_touches_on_the_first_screen_are_done_on_the_kiosk(qtbot: QtBot, kiosk: DemoKiosk) -> None:
    first = FirstScreen(FirstScreenSettings(), VoicePrompter())
    qtbot.addWidget(first)
    first.show()
    language = first.attract.language_tile
    assert language is not None
    language.click()
    first.attract.start_button.click()
    first.attract.start_button.click()  # impatient: the same wish
    assert first.wishes == [Wish.LANGUAGE, Wish.START]
    shell = create_shell(kiosk)
    try:
        shell.show()
        first.hand_over()
        _do_wishes(shell, first)
        assert shell.language is Language.EN
        assert isinstance(shell.screen_widget, HomeScreen)
    finally:
        shell.shut_down()
        shell.deleteLater()


def test_a_toggle_touched_twice_is_left_as_it_was(qtbot: QtBot, kiosk: DemoKiosk) -> None:
    first = FirstScreen(FirstScreenSettings(), VoicePrompter())
    qtbot.addWidget(first)
    assert first.attract.elder_tile is not None
    first.attract.elder_tile.click()
    first.attract.elder_tile.click()
    assert first.wishes == []


def test_the_first_screen_refuses_a_close_from_outside(qtbot: QtBot, kiosk: DemoKiosk) -> None:
    first = FirstScreen(FirstScreenSettings(), VoicePrompter())
    qtbot.addWidget(first)
    first.show()
    assert not first.close()
    assert first.isVisible()
    first.hand_over()
    assert not first.isVisible()


@pytest.mark.parametrize("role", ["kiosk", "technician"])
def test_ready_once_the_kiosk_can_serve_and_pings_from_the_gui_thread(
    qtbot: QtBot, qapp: QApplication, shared_sandbox: SandboxProcess, role: str
) -> None:
    settings = settings_for(shared_sandbox.url, SHEYIN_KIOSK_ROLE=role)
    service = Recorder(watchdog_s=0.1)
    built: list[DemoKiosk] = []

    def build() -> DemoKiosk:
        service.calls.append("BUILT")
        built.append(build_demo_kiosk(settings))
        return built[-1]

    # The event loop is pytest-qt's (a test must not run the application's own).
    started = start(FirstScreenSettings(role=settings.kiosk.role), build, service=service)
    try:
        qtbot.waitUntil(lambda: service.calls.count("WATCHDOG") >= 3)
    finally:
        started.shell.shut_down()
        started.stop()
        started.shell.deleteLater()
        for kiosk in built:
            kiosk.close()
    calls = service.calls
    # A citizens' kiosk says its first screen is up before it builds the rest; a technician's
    # terminal opens on its login, built first.
    before = ["STATUS", "BUILT"] if role == "kiosk" else ["BUILT"]
    assert calls[: len(before) + 2] == [*before, "WATCHDOG", "READY"]
    assert not any(isinstance(w, FirstScreen) and w.isVisible() for w in qapp.topLevelWidgets())


def test_out_of_service_in_place_of_the_attract_screen_offers_nothing_dead(qtbot: QtBot) -> None:
    """A wrong setting under systemd: no kiosk behind the screen, so no switch and no 求助
    that would do nothing."""
    first = FirstScreen(FirstScreenSettings(), VoicePrompter())
    qtbot.addWidget(first)
    first.show()
    first.attract.start_button.click()
    first.out_of_service("config.invalid")
    screen = first.findChild(OutOfServiceScreen)
    assert screen is not None and screen.isVisible()
    assert "config.invalid" in screen.staff_codes.text()
    assert not first.attract.isVisible()
    bar = first.top_bar
    assert not any(b.isVisible() for b in (bar.language_button, bar.elder_button, bar.help_button))
    assert first.wishes == []


def test_the_first_screen_is_the_attract_screen_it_hands_over_to(
    qtbot: QtBot, kiosk: DemoKiosk
) -> None:
    """Pixel for pixel: the citizen sees no change when the kiosk's window takes over (it once
    lacked the top bar's voice switches)."""
    # As ui.main.start does: the words and the voice first, then both windows share them.
    translations = Translations()
    translations.install(Language.ZH_CN)
    voice = VoicePrompter("espeak-ng -s 150")
    first = FirstScreen(FirstScreenSettings(), voice)
    qtbot.addWidget(first)
    first.resize(1920, 1080)
    first.show()
    shell = create_shell(kiosk, translations=translations, voice=voice)
    try:
        shell.resize(1920, 1080)
        shell.show()
        qtbot.wait(10)
        assert first.grab().toImage() == shell.grab().toImage()
    finally:
        shell.shut_down()  # uninstalls the words
        shell.deleteLater()
