"""The top bar: brand, clock, language and elder-mode switches, 求助 (call staff), and the staff's
queue indicator."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDateTime, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from ui.i18n import Language, tr
from ui.theme import DISABLED_BG, PRIMARY, WHITE
from ui.voice import VoicePrompter
from ui.widgets.basics import button, label

HELP_BUTTON_STYLE = (
    f"QPushButton {{ background: {WHITE}; color: {PRIMARY}; font-weight: bold; }}"
    f" QPushButton:pressed {{ background: {DISABLED_BG}; }}"
)
"""求助 stands out from the bar's other switches: light on the dark bar, in bold."""


class QueueIndicator(QWidget):
    """For staff and technicians only: online or offline, and how many requests wait."""

    REFRESH_MS = 2000

    def __init__(
        self,
        online: Callable[[], bool | None],
        waiting: Callable[[], int | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._online = online
        self._waiting = waiting
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.text = label("", "", self, wrap=False)
        row.addWidget(self.text)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(self.REFRESH_MS)
        self.refresh()

    def refresh(self) -> None:
        online, waiting = self._online(), self._waiting()
        state = {True: tr("● Online"), False: tr("● Offline"), None: tr("● Connecting")}[online]
        self.text.setObjectName({True: "Online", False: "Offline", None: "Muted"}[online])
        self.text.style().unpolish(self.text)
        self.text.style().polish(self.text)
        queue = tr("queue unavailable") if waiting is None else tr("%n waiting", None, waiting)
        self.text.setText(f"{state} · {queue}")


class TopBar(QWidget):
    language_switched = Signal()
    elder_switched = Signal()
    help_requested = Signal()

    def __init__(
        self,
        language: Language,
        elder: bool,
        parent: QWidget | None = None,
        indicator: QueueIndicator | None = None,
        *,
        call_staff: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("TopBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(self)
        row.setContentsMargins(24, 8, 24, 8)
        row.addWidget(label(tr("Social Security Self-Service"), "Brand", self, wrap=False))
        row.addStretch()
        self.indicator = indicator
        if indicator is not None:
            indicator.setParent(self)
            row.addWidget(indicator)
        self._clock = label("", "", self, wrap=False)
        row.addWidget(self._clock)
        # Each switch is labelled in the language or mode it switches *to*, so that a citizen
        # who cannot read the current language still finds it.
        other = "English" if language is Language.ZH_CN else "中文"
        self.language_button = button(other, self.language_switched.emit, parent=self)
        self.language_button.setAccessibleName(tr("Switch language"))
        self.elder_button = button(tr("Large text"), self.elder_switched.emit, parent=self)
        self.elder_button.setCheckable(True)
        self.elder_button.setChecked(elder)
        row.addWidget(self.elder_button)
        row.addWidget(self.language_button)
        self._row = row
        # On every screen, in the screen's language, at the corner a hand finds first.
        self.help_button = button(tr("Call staff"), self.help_requested.emit, parent=self)
        self.help_button.setObjectName("Help")
        self.help_button.setAccessibleName(tr("Call staff for help"))
        self.help_button.setStyleSheet(HELP_BUTTON_STYLE)
        row.addWidget(self.help_button)
        self.help_button.setVisible(call_staff)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._timer.start(10_000)
        self._tick()

    def attach_voice(self, voice: VoicePrompter) -> None:
        """Repeat and voice on/off, beside Large text: the repeat button says the current
        screen's prompt again; the switch shows whether the voice is on. Neither is shown
        at a kiosk configured without a voice."""
        if not voice.available:
            return
        self.repeat_button = button(tr("Repeat"), voice.repeat, parent=self)
        self.repeat_button.setAccessibleName(tr("Hear the instruction again"))
        self.voice_button = button("", voice.toggle, parent=self)
        self.voice_button.setCheckable(True)
        self._show_voice(voice.enabled)
        voice.enabled_changed.connect(self._show_voice)
        at = self._row.indexOf(self.elder_button)
        self._row.insertWidget(at, self.voice_button)
        self._row.insertWidget(at, self.repeat_button)

    def _show_voice(self, on: bool) -> None:
        self.voice_button.setChecked(on)
        self.voice_button.setText(tr("Voice: on") if on else tr("Voice: off"))

    def _tick(self) -> None:
        self._clock.setText(QDateTime.currentDateTime().toString("yyyy-MM-dd HH:mm"))
