"""A real shell on a demo kiosk, against the sandbox over HTTP, offscreen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from demo.kiosk import DemoKiosk, build_demo_kiosk
from sandbox.server import SandboxProcess
from tests.support.kiosks import settings_for
from tests.support.ui import running_shell
from ui.shell import Shell


@pytest.fixture
def kiosk(shared_sandbox: SandboxProcess) -> Iterator[DemoKiosk]:
    built = build_demo_kiosk(settings_for(shared_sandbox.url))
    yield built
    built.close()


@pytest.fixture
def shell(qtbot: QtBot, kiosk: DemoKiosk) -> Iterator[Shell]:
    with running_shell(qtbot, kiosk) as window:
        yield window
