"""Run as a child process by the startup benchmark: prints READY once its first screen is up.

`bare`: a plain PySide6 window. `kiosk`: the kiosk, from import to the home screen shown after
a tap on the attract screen.
"""

from __future__ import annotations

import sys


def bare() -> None:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QLabel("hello"))
    window.resize(1920, 1080)
    window.show()
    window.repaint()
    app.processEvents()
    print("READY", flush=True)


def kiosk() -> None:
    from PySide6.QtWidgets import QApplication

    from kiosk.app import build_kiosk
    from kiosk.config import load_settings
    from ui.main import create_shell
    from ui.screens.attract import AttractScreen
    from ui.screens.home import HomeScreen

    app = QApplication(sys.argv[:1])
    built = build_kiosk(load_settings(environ={}))  # a terminal: no demo, no sandbox
    shell = create_shell(built)
    shell.resize(1920, 1080)
    shell.show()
    app.processEvents()
    assert isinstance(shell.screen_widget, AttractScreen)
    shell.screen_widget.start_button.click()
    assert isinstance(shell.screen_widget, HomeScreen)
    shell.repaint()
    app.processEvents()
    print("READY", flush=True)
    shell.shut_down()
    built.close()


if __name__ == "__main__":
    {"bare": bare, "kiosk": kiosk}[sys.argv[1]]()
