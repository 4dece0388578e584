"""The bare window the startup benchmark measures the kiosk against: prints READY once it is
on screen. (The kiosk is measured as it runs: `sheyin run`, telling systemd's protocol.)"""

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


if __name__ == "__main__":
    bare()
