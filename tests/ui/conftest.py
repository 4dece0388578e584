"""A real shell on a demo kiosk, against the sandbox over HTTP, offscreen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from demo.kiosk import DemoKiosk, build_demo_kiosk
from demo.tray_bar import tray_panel
from kiosk.config import load_settings
from sandbox.server import SandboxProcess
from tests.support.kiosks import on_sandbox, settings_for
from tests.support.ui import running_shell
from ui.main import create_shell
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


@pytest.fixture(scope="module")
def scene_window(
    qapp: QApplication, shared_sandbox: SandboxProcess, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Shell]:
    """One kiosk window at the screenshots' size for a whole module: the screens of
    scripts/screenshots.py are shown in it one after another (building a window per scene
    would take most of the run)."""
    from scripts.screenshots import SIZE

    data_dir = tmp_path_factory.mktemp("scene-window")
    environ = {"SHEYIN_PATHS_DATA_DIR": str(data_dir), **on_sandbox(shared_sandbox.url)}
    built = build_demo_kiosk(load_settings(environ=environ))
    window = create_shell(built, tray_panel(built))
    window.resize(*SIZE)
    window.show()
    try:
        yield window
    finally:
        window.shut_down()
        window.deleteLater()
        built.close()
