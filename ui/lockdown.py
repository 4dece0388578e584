"""A citizens' kiosk locked down (issue 17): no key leaves it, no pointer shows, and the screen
goes black on the attract screen after a while (ui.shell keeps the veil's timer).

The kiosk session (cage) is the first wall: it has no task switcher, no other window, and VT
switching off. These are the application's own: whatever the compositor lets through, no key
combination closes, minimises or leaves the window (the shell's closeEvent refuses a close from
outside, its changeEvent undoes a minimise); only technician mode and the service manager's
SIGTERM end it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:  # not the settings library: the first screen comes up without it
    from kiosk.config import KioskSettings
    from kiosk.first_settings import FirstScreenSettings

log = logging.getLogger(__name__)


@cache
def leaving_keys() -> frozenset[Qt.Key]:
    """Keys that leave, close or hide a window somewhere, whatever the modifiers. Built at the
    first key: PySide6 makes its Python enum of Qt.Key (some 500 members) on first use, a
    fifth of a kiosk's cold start before the first screen."""
    return frozenset(
        {
            Qt.Key.Key_Escape,
            Qt.Key.Key_F11,  # fullscreen off in many programs
            Qt.Key.Key_Meta,  # Super: a desktop's launcher
            Qt.Key.Key_Super_L,
            Qt.Key.Key_Super_R,
            Qt.Key.Key_Menu,
            Qt.Key.Key_Close,
            Qt.Key.Key_PowerOff,
            Qt.Key.Key_Suspend,
            Qt.Key.Key_Sleep,
        }
    )


@cache
def combining() -> Qt.KeyboardModifier:
    """Alt+F4, Alt+Tab, Alt+Space, Ctrl+Q, Ctrl+W, Ctrl+Alt+F2, Ctrl+Alt+Backspace, Super+…: a
    kiosk has no keyboard shortcut of its own, so every combination is someone's way out."""
    return (
        Qt.KeyboardModifier.AltModifier
        | Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.MetaModifier
    )


@cache
def key_events() -> frozenset[QEvent.Type]:
    """Built at the first event, as the keys (QEvent.Type is another large enum)."""
    return frozenset({QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride})


def is_leaving_key(event: QEvent) -> bool:
    """A key press (or its shortcut check) a locked-down kiosk swallows."""
    if event.type() not in key_events() or not isinstance(event, QKeyEvent):
        return False
    return event.key() in leaving_keys() or bool(event.modifiers() & combining())


class KeyGuard(QObject):
    """Swallows the leaving keys for the whole application (installed on it)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return is_leaving_key(event)


def applies(settings: FirstScreenSettings | KioskSettings) -> bool:
    """A citizens' kiosk in fullscreen; never a staff laptop, a technician's terminal or a
    development window."""
    return settings.role == "kiosk" and not settings.windowed


def apply_kiosk_lockdown(
    app: QGuiApplication, settings: FirstScreenSettings | KioskSettings
) -> KeyGuard | None:
    """For `ui.main.run`, once the application exists and before the first screen: on a
    citizens' kiosk the pointer is hidden (`kiosk.hide_pointer`) and the leaving keys are
    swallowed application-wide. Returns the key guard (a child of `app`), None elsewhere."""
    if not applies(settings):
        return None
    if settings.hide_pointer:
        app.setOverrideCursor(Qt.CursorShape.BlankCursor)
    guard = KeyGuard(app)
    app.installEventFilter(guard)
    log.info("kiosk.locked_down: pointer %s", "hidden" if settings.hide_pointer else "shown")
    return guard


def lift_kiosk_lockdown(app: QGuiApplication, guard: KeyGuard | None) -> None:
    """Undoes apply_kiosk_lockdown (tests; the application ends with it otherwise)."""
    if guard is None:
        return
    app.removeEventFilter(guard)
    guard.setParent(None)
    while app.overrideCursor() is not None:
        app.restoreOverrideCursor()


class ScreenVeil(QWidget):
    """Black over the whole window, no text: the screen blanked. A touch or a click on it
    wakes the screen and goes no further (the press it starts with reaches nothing under it);
    `woken` is called on its release."""

    def __init__(self, window: QWidget, woken: Callable[[], None]) -> None:
        super().__init__(window)
        self.setObjectName("ScreenVeil")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAutoFillBackground(True)
        self.setStyleSheet("#ScreenVeil { background: #000000; }")
        self._woken = woken
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.hide()

    def cover(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        parent = self.parentWidget()
        if event.type() == QEvent.Type.Resize and parent is not None and watched is parent:
            self.setGeometry(parent.rect())
        return False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()
        self._woken()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        event.accept()
