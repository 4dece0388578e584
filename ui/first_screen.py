"""The attract screen as the kiosk will show it, up while the kiosk behind it is built.

A kiosk restarted after a crash must be back in front of the citizen fast: this window needs
only Qt, the kiosk's settings section, the words and the theme — not the devices, the outbox,
the central system's client or the other screens. What a citizen touches on it meanwhile is
kept and done by the real window the moment it takes over."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QMainWindow, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from kiosk.config import KioskSettings
    from kiosk.first_settings import FirstScreenSettings
from ui.i18n import Language
from ui.screens.attract import AttractScreen
from ui.theme import Theme
from ui.voice import VoicePrompter
from ui.widgets.bars import TopBar


class Wish(Enum):
    """A touch on the first screen, done again on the real one."""

    START = "start"
    ELDER = "elder"
    LANGUAGE = "language"
    CALL_STAFF = "call_staff"


TOGGLES = (Wish.ELDER, Wish.LANGUAGE)


class FirstScreen(QMainWindow):
    def __init__(self, settings: FirstScreenSettings | KioskSettings, voice: VoicePrompter) -> None:
        super().__init__()
        self.setWindowTitle("Sheyin")
        self.wishes: list[Wish] = []
        self._voice = voice
        self._closing_for_shell = False
        self.setStyleSheet(Theme(settings.elder_mode).stylesheet())
        root = QWidget(self)
        root.setObjectName("Shell")
        self._column = column = QVBoxLayout(root)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        language = Language(settings.language)
        self.top_bar = top_bar = TopBar(language, settings.elder_mode, root)
        top_bar.language_switched.connect(self._wish(Wish.LANGUAGE))
        top_bar.elder_switched.connect(self._wish(Wish.ELDER))
        top_bar.help_requested.connect(self._wish(Wish.CALL_STAFF))
        top_bar.attach_voice(voice)  # the same voice the kiosk's window goes on with
        column.addWidget(top_bar)
        self.attract = AttractScreen(
            self._wish(Wish.START),
            root,
            elder=settings.elder_mode,
            on_elder=self._wish(Wish.ELDER),
            on_language=self._wish(Wish.LANGUAGE),
            language=language,
            voice=voice,
        )
        column.addWidget(self.attract, stretch=1)
        self.setCentralWidget(root)

    def out_of_service(self, staff_codes: str, advice: str | None = None) -> None:
        """No kiosk behind it (a setting is wrong, or a back-off after a crash loop): 暂停服务
        in place of the attract screen, with the code for staff."""
        from ui.screens.out_of_service import OutOfServiceScreen

        screen = OutOfServiceScreen(staff_codes, None, advice=advice)
        self._column.replaceWidget(self.attract, screen)
        screen.show()  # now, not on the next turn of the loop
        self._voice.say(screen.voice)  # as the kiosk's window says each screen
        self.attract.hide()
        self.attract.deleteLater()
        self.wishes.clear()  # the attract screen's touches: nothing can start now
        # Without a kiosk no switch acts and no call for staff goes out: none is offered (the
        # voice's own switches act on the voice: they stay).
        bar = self.top_bar
        for switch in (bar.language_button, bar.elder_button, bar.help_button):
            switch.hide()

    def _wish(self, wish: Wish) -> Callable[[], None]:
        def remember() -> None:
            if wish not in self.wishes:
                self.wishes.append(wish)
            elif wish in TOGGLES:
                self.wishes.remove(wish)  # switched back
            # Another tap on start or help while waiting is the same wish.

        return remember

    def show_fullscreen(self) -> None:
        """As the kiosk's own window shows itself (ui.shell.Shell.show_for_role)."""
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            self.setGeometry(screen.geometry())
        self.showFullScreen()

    def hand_over(self) -> None:
        """The real window is up: this one goes."""
        self._closing_for_shell = True
        self.close()
        self.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing_for_shell:
            event.ignore()  # Alt+F4 while the kiosk starts: refused, as on the real window
            return
        super().closeEvent(event)
