"""A device that fails takes its services off the home screen, saying why; with neither card
reader the kiosk is out of service; both recover by themselves when the device returns (issue
15, item 7). The devices' statuses go through the real monitor round (DeviceManager.poll) and
its listeners to the shell."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from devices.base import DeviceStatus
from devices.manager import DeviceClass
from kiosk.services.session import ServiceId
from scripts.screenshots import settle
from tests.support.ui import click, wait_for_screen
from ui.screens.attract import AttractScreen
from ui.screens.home import HomeScreen
from ui.screens.identify import InsertCardScreen
from ui.screens.out_of_service import OutOfServiceScreen
from ui.shell import Attract, Home, Shell


class Statuses:
    """What each device answers to the monitor's next round, set by the test."""

    def __init__(self, shell: Shell, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now: dict[DeviceClass, DeviceStatus] = {}
        self.manager = shell.kiosk.device_manager
        for device_class, device in self.manager.devices.items():
            if device is not None:
                real = device.status
                monkeypatch.setattr(
                    device,
                    "status",
                    lambda device_class=device_class, real=real: (
                        self.now.get(device_class) or real()
                    ),
                )
        self.manager.poll()  # the baseline round

    def set(self, **down: DeviceStatus) -> None:
        self.now = {DeviceClass(name): status for name, status in down.items()}
        self.manager.poll()
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        settle(app)


@pytest.fixture
def devices(shell: Shell, monkeypatch: pytest.MonkeyPatch) -> Iterator[Statuses]:
    yield Statuses(shell, monkeypatch)


def test_a_printer_out_of_order_takes_only_the_certificates_off(
    qtbot: QtBot, shell: Shell, devices: Statuses
) -> None:
    shell.show_state(Home())
    devices.set(printer=DeviceStatus.USER_ERROR)
    home = wait_for_screen(qtbot, shell, HomeScreen)
    assert isinstance(home, HomeScreen)
    certificates = home.tiles[ServiceId.CERTIFICATES]
    assert not certificates.isEnabled()
    assert certificates.accessibleDescription() == "暂不可用：打印机故障"
    assert [s for s, tile in home.tiles.items() if not tile.isEnabled()] == [ServiceId.CERTIFICATES]
    devices.set()  # the printer is back
    home = wait_for_screen(qtbot, shell, HomeScreen)
    assert home.tiles[ServiceId.CERTIFICATES].isEnabled()  # type: ignore[attr-defined]


def test_with_neither_reader_the_kiosk_is_out_of_service_until_one_returns(
    qtbot: QtBot, shell: Shell, devices: Statuses
) -> None:
    shell.show_state(Attract())
    devices.set(card_reader=DeviceStatus.NO_DEVICE, idcard_reader=DeviceStatus.OFFLINE)
    screen = wait_for_screen(qtbot, shell, OutOfServiceScreen)
    assert isinstance(screen, OutOfServiceScreen)
    texts = [w.text() for w in screen.findChildren(QLabel)]
    assert "暂停服务" in texts
    assert "card_reader noDevice" in screen.staff_codes.text()
    assert "idcard_reader offline" in screen.staff_codes.text()
    # What still works: following a receipt needs no device.
    assert screen.progress_button is not None and screen.progress_button.isEnabled()
    # One reader back: the services that need only it return, the attract screen with them.
    devices.set(card_reader=DeviceStatus.NO_DEVICE)
    wait_for_screen(qtbot, shell, AttractScreen)
    click(qtbot, shell.screen_widget.start_button)  # type: ignore[union-attr]
    home = wait_for_screen(qtbot, shell, HomeScreen)
    assert isinstance(home, HomeScreen)
    working = [s for s, tile in home.tiles.items() if tile.isEnabled()]
    assert working == [ServiceId.ENROLLMENT, ServiceId.CARD]


def test_a_citizen_in_a_service_is_not_interrupted(
    qtbot: QtBot, shell: Shell, devices: Statuses
) -> None:
    shell.show_state(Home())
    home = wait_for_screen(qtbot, shell, HomeScreen)
    click(qtbot, home.tiles[ServiceId.QUERY])  # type: ignore[attr-defined]
    in_service = wait_for_screen(qtbot, shell, InsertCardScreen)
    devices.set(card_reader=DeviceStatus.NO_DEVICE, idcard_reader=DeviceStatus.NO_DEVICE)
    assert shell.screen_widget is in_service
    shell.show_state(Home())
    wait_for_screen(qtbot, shell, OutOfServiceScreen)
