"""Driving the real kiosk window in tests: open it, touch its buttons, read what it shows."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTableWidget
from pytestqt.qtbot import QtBot

from demo.kiosk import DemoKiosk
from demo.tray_bar import DemoTrayBar, tray_panel
from kiosk.app import Kiosk
from ui.main import create_shell
from ui.screens.base import FlowScreen
from ui.screens.identify import PinScreen
from ui.shell import Shell
from ui.widgets.step_bar import StepBar


@contextmanager
def running_shell(qtbot: QtBot, kiosk: Kiosk) -> Iterator[Shell]:
    """The kiosk window at 1920×1080; on exit it closes and its session thread must end.

    Not handed to qtbot.addWidget: pytest-qt closes its widgets with an outside close request,
    which a citizens' kiosk refuses; the application's own shut_down() closes it here."""
    window = create_shell(kiosk, tray_panel(kiosk) if isinstance(kiosk, DemoKiosk) else None)
    window.resize(1920, 1080)
    window.show()
    try:
        yield window
    finally:
        window.shut_down()
        window.deleteLater()
    assert window.runner.join(5), "the session thread did not end"


def tray_bar(shell: Shell) -> DemoTrayBar:
    """The demo's card tray under the screen (a demo kiosk's shell has one)."""
    tray = shell.bottom_widget
    assert isinstance(tray, DemoTrayBar)
    return tray


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isEnabled() and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def wait_for_screen(qtbot: QtBot, shell: Shell, screen_type: type) -> object:
    qtbot.waitUntil(lambda: isinstance(shell.screen_widget, screen_type), timeout=10_000)
    return shell.screen_widget


def enter_pin(qtbot: QtBot, shell: Shell, pin: str) -> None:
    screen = wait_for_screen(qtbot, shell, PinScreen)
    assert isinstance(screen, PinScreen)
    for digit in pin:
        key = next(k for k in screen.keypad.digit_buttons if k.text() == digit)
        click(qtbot, key)
    screen.keypad.confirm()


def texts_on_screen() -> list[str]:
    """Every text any live widget holds: labels, buttons, table cells, window titles."""
    QTest.qWait(20)  # a turn of the event loop, where deleteLater() takes effect
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    found: list[str] = []
    for widget in QApplication.allWidgets():
        found.append(widget.windowTitle())
        found.append(widget.accessibleName())
        if isinstance(widget, QLabel | QAbstractButton):
            found.append(widget.text())
        if isinstance(widget, QTableWidget):
            for row in range(widget.rowCount()):
                for column in range(widget.columnCount()):
                    item = widget.item(row, column)
                    if item is not None:
                        found.append(item.text())
    return found


def step_bar_of(screen: object) -> StepBar:
    """The step bar a flow screen shows: its step names and the current one."""
    assert isinstance(screen, FlowScreen)
    return screen.step_bar
