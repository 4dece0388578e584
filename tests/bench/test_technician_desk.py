"""The technician's desk refreshes every second on the GUI thread: what one refresh costs (the
device manager's figures gathered without I/O, then every row's labels set and painted),
against the same number of bare labels set and painted in a plain window."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from demo.kiosk import build_demo_kiosk
from sandbox.credentials import DEMO_TECHNICIANS
from sandbox.server import SandboxProcess
from tests.bench.test_screen_change import p95
from tests.support.kiosks import settings_for
from tests.support.ui import running_shell, wait_for_screen
from ui.shell import Shell
from ui.technician.desk import TechnicianDeskScreen
from ui.technician.role import AtDesk

((TECHNICIAN, _PIN),) = DEMO_TECHNICIANS.items()
ROUNDS = 200


@pytest.fixture
def desk(qtbot: QtBot, shared_sandbox: SandboxProcess) -> Iterator[Shell]:
    built = build_demo_kiosk(settings_for(shared_sandbox.url))
    built.device_manager.poll()  # a monitor round: the figures have statuses to show
    with running_shell(qtbot, built) as window:
        window.technician.vendor.request_enter(TECHNICIAN)
        window.show_state(AtDesk(TECHNICIAN))
        wait_for_screen(qtbot, window, TechnicianDeskScreen)
        yield window
    built.close()


def test_desk_refresh(benchmark, desk: Shell) -> None:
    benchmark.group = "technician desk refresh (s)"
    screen = desk.screen_widget
    assert isinstance(screen, TechnicianDeskScreen)

    def refresh() -> None:
        desk.technician._show_figures()
        screen.repaint()

    benchmark.pedantic(refresh, rounds=ROUNDS, iterations=1)
    p95(benchmark)


def test_reference_bare_labels(benchmark, qtbot: QtBot) -> None:
    """The same count of labels (three a device, seven devices) in a bare window."""
    benchmark.group = "technician desk refresh (s)"
    window = QWidget()
    qtbot.addWidget(window)
    column = QVBoxLayout(window)
    labels = [QLabel("", window) for _ in range(21)]
    for each in labels:
        column.addWidget(each)
    window.resize(1920, 1080)
    window.show()
    ticks = iter(range(10**6))

    def refresh() -> None:
        tick = next(ticks)
        for index, each in enumerate(labels):
            each.setText(f"working (online) {index} {tick % 2}")
        window.repaint()

    benchmark.pedantic(refresh, rounds=ROUNDS, iterations=1)
    p95(benchmark)
