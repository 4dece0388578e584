"""The window's side of the fleet (ui/fleet.py): a screenshot only of the attract or 暂停服务
screen; closed and reopened by the centre without cutting a citizen's session short; a restart
that waits for the citizen; 求助 and device faults told to the centre. The agent's thread is
played by a plain thread here: the host is asked from outside the GUI thread, as in a kiosk."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from devices.base import DeviceStatus
from devices.manager import DeviceClass
from kiosk.app import private_data_dir
from kiosk.fleet.closure import close_remotely, closure_path, reopen_remotely
from kiosk.fleet.host import CITIZEN_SCREEN, HostRefused
from kiosk.services.session import ServiceId
from kiosk.system.restarts import RESTART_EXIT
from tests.support.ui import wait_for_screen
from ui import shell as shell_module
from ui.fleet import SCREENSHOT_WIDTH, WindowHost
from ui.screens.attract import AttractScreen
from ui.screens.out_of_service import OutOfServiceScreen
from ui.shell import Attract, Home, InFlow, Shell


class AgentRecorder:
    """Stands in for the fleet agent: what the kiosk tells it."""

    def __init__(self) -> None:
        self.events: list[tuple[str, dict[str, Any]]] = []
        self.changes = 0

    def event(self, kind: str, **fields: Any) -> None:
        self.events.append((kind, fields))

    def changed(self) -> None:
        self.changes += 1


def from_another_thread(qtbot: QtBot, call: Callable[[], Any]) -> Any:
    """`call` on a thread of its own, the event loop turning meanwhile, as on the agent's."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except Exception as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=15_000)
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def closure_file(shell: Shell) -> Path:
    return closure_path(private_data_dir(shell.kiosk.settings))


def test_a_screenshot_of_the_attract_screen(qtbot: QtBot, shell: Shell) -> None:
    host = WindowHost(shell)
    shell.resize(1920, 1080)
    wait_for_screen(qtbot, shell, AttractScreen)
    png = from_another_thread(qtbot, host.screenshot)
    image = QImage.fromData(png, "PNG")
    assert image.width() == SCREENSHOT_WIDTH and image.height() == 540


def test_no_screenshot_of_a_citizens_screen(qtbot: QtBot, shell: Shell) -> None:
    host = WindowHost(shell)
    shell.start_service(ServiceId.QUERY)
    qtbot.waitUntil(lambda: isinstance(shell.state, InFlow))
    with pytest.raises(HostRefused) as refused:
        from_another_thread(qtbot, host.screenshot)
    assert refused.value.code == CITIZEN_SCREEN
    shell.show_state(Home())  # the home screen is the citizen's too: they are choosing
    with pytest.raises(HostRefused):
        from_another_thread(qtbot, host.screenshot)


def test_closed_remotely_after_the_session_and_reopened(qtbot: QtBot, shell: Shell) -> None:
    host = WindowHost(shell)
    shell.start_service(ServiceId.QUERY)
    qtbot.waitUntil(lambda: isinstance(shell.state, InFlow))
    close_remotely(closure_file(shell), "c-1")
    host.service_changed()
    qtbot.wait(50)
    assert isinstance(shell.state, InFlow) and shell.session is not None  # not cut short
    assert host.serving()

    shell.reset_to_attract()
    wait_for_screen(qtbot, shell, OutOfServiceScreen)
    assert not host.serving()
    shell.start_service(ServiceId.QUERY)  # a remedy's button left on an error screen
    assert shell.session is None
    assert from_another_thread(qtbot, host.screenshot).startswith(b"\x89PNG")

    reopen_remotely(closure_file(shell))
    host.service_changed()
    wait_for_screen(qtbot, shell, AttractScreen)


def test_a_restart_waits_for_the_citizen(
    qtbot: QtBot, shell: Shell, monkeypatch: pytest.MonkeyPatch
) -> None:
    exits: list[int] = []
    monkeypatch.setattr(shell_module, "exit_application", exits.append)
    host = WindowHost(shell)
    shell.start_service(ServiceId.QUERY)
    qtbot.waitUntil(lambda: isinstance(shell.state, InFlow))
    host.restart()
    qtbot.wait(100)
    assert exits == [] and shell.session is not None

    shell.reset_to_attract()
    qtbot.waitUntil(lambda: exits == [RESTART_EXIT])


def test_a_help_request_and_a_device_fault_reach_the_centre(qtbot: QtBot, shell: Shell) -> None:
    agent = AgentRecorder()
    shell.kiosk.fleet = agent  # type: ignore[assignment]
    shell.show_state(Attract())
    shell.call_staff()
    assert agent.events == [("help", {"screen": "attract", "service": None})]
    assert shell.help_desk.wait(10)  # in the outbox before the kiosk closes under it

    shell.kiosk._device_event(DeviceClass.PRINTER, DeviceStatus.HARDWARE_ERROR)
    shell.kiosk._device_event(DeviceClass.PRINTER, DeviceStatus.ONLINE)
    assert agent.events[1:] == [
        ("device_fault", {"device": "printer", "status": "hardwareError"}),
    ]
    assert agent.changes == 2
    shell.kiosk.fleet = None
