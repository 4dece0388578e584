"""The attract screen shown between citizens: large text, voice and language first, then a
touch anywhere starts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from ui.i18n import Language, tr
from ui.icons import pixmap
from ui.screens.base import Screen
from ui.theme import PRIMARY
from ui.voice import VoicePrompter
from ui.widgets.basics import button, choice_tile, label
from ui.widgets.corner import HiddenCorner

OPTION_ICON_PX = 56
OTHER_LANGUAGE = {
    Language.ZH_CN: ("English", "Switch to English"),
    Language.EN: ("中文", "切换为中文"),
}
"""The language tile in the language it switches to, so a citizen who cannot read the current
one still finds it."""


class AttractScreen(Screen):
    def __init__(
        self,
        on_touch: Callable[[], None],
        parent: QWidget | None = None,
        *,
        elder: bool = False,
        on_elder: Callable[[], None] | None = None,
        on_language: Callable[[], None] | None = None,
        language: Language = Language.ZH_CN,
        voice: VoicePrompter | None = None,
        on_technician: Callable[[], None] | None = None,
    ) -> None:
        """`on_technician`: the technician's way in (ui.widgets.corner)."""
        super().__init__(
            tr(
                "Welcome. Below you can choose large text, voice guidance and the language. "
                "Touch the screen to start."
            ),
            parent,
        )
        self._on_touch = on_touch
        self._voice = voice
        self._corner = HiddenCorner(on_technician, self) if on_technician else None
        self.column.addStretch()
        title = label(tr("Social security services at your bank"), "Heading", self)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.column.addWidget(title)
        lead = label(
            tr(
                "Pension eligibility check, enrolment, records, payments, "
                "certificates and your social security card — here, without queuing."
            ),
            "",
            self,
        )
        lead.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.column.addWidget(lead)

        options = QHBoxLayout()
        options.setSpacing(24)
        self.elder_tile: QPushButton | None = None
        self.voice_tile: QPushButton | None = None
        self.language_tile: QPushButton | None = None
        if on_elder is not None:
            hint = tr("On: larger text and buttons") if elder else tr("Larger text and buttons")
            self.elder_tile = self._option("large-text", tr("Large text"), hint, on_elder)
            self.elder_tile.setCheckable(True)
            self.elder_tile.setChecked(elder)
            options.addWidget(self.elder_tile)
        if voice is not None and voice.available:
            self.voice_tile = self._option("voice-on", tr("Voice guidance"), "", voice.toggle)
            self.voice_tile.setCheckable(True)
            self._show_voice(voice.enabled)
            voice.enabled_changed.connect(self._show_voice)
            options.addWidget(self.voice_tile)
        if on_language is not None:
            name, hint = OTHER_LANGUAGE[language]
            self.language_tile = self._option("language", name, hint, on_language)
            self.language_tile.setAccessibleName(tr("Switch language"))
            options.addWidget(self.language_tile)
        self.column.addLayout(options)

        self.start_button = button(tr("Touch to start"), on_touch, primary=True, parent=self)
        self.start_button.setMinimumWidth(420)
        self.column.addWidget(self.start_button, alignment=Qt.AlignmentFlag.AlignCenter)
        self.column.addStretch()

    def _option(
        self, icon_name: str, name: str, hint: str, on_click: Callable[[], None]
    ) -> QPushButton:
        tile = choice_tile(name, hint, on_click, self, min_height=0)
        picture = QLabel(tile)
        picture.setObjectName("TileIcon")
        picture.setPixmap(pixmap(icon_name, PRIMARY, OPTION_ICON_PX))
        picture.setFixedSize(OPTION_ICON_PX, OPTION_ICON_PX)
        inside = tile.layout()
        assert isinstance(inside, QBoxLayout)  # tile_labels: stretch, name, hint, stretch
        inside.insertWidget(1, picture, alignment=Qt.AlignmentFlag.AlignLeft)
        return tile

    def _show_voice(self, on: bool) -> None:
        tile = self.voice_tile
        if tile is None:
            return
        tile.setChecked(on)
        hint = tile.findChild(QLabel, "TileHint")
        if hint is not None:
            hint.setText(
                tr("On: instructions are read aloud") if on else tr("Off: touch to turn on")
            )
        picture = tile.findChild(QLabel, "TileIcon")
        if picture is not None:
            picture.setPixmap(pixmap("voice-on" if on else "voice-off", PRIMARY, OPTION_ICON_PX))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._corner is None or not self._corner.press(event.position()):
            self._on_touch()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._corner is not None and self._corner.release():
            self._on_touch()  # a short press in the corner starts, as anywhere
        event.accept()
