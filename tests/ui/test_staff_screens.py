"""Every staff laptop screen (scripts/staff_screenshots.py) fits the laptop and every text on it
is whole and large enough, in both languages (the citizen screens of a visit in both modes):
measured as tests/ui/test_text_fits.py measures the kiosk's, in the window's own pixels."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.config import load_settings
from sandbox.server import SandboxProcess
from scripts.screenshots import scenes, settle
from scripts.staff_screenshots import STAFF_SIZE, build_laptop, render_staff_scenes
from tests.ui.test_text_fits import problems_on
from ui.main import create_shell
from ui.shell import Shell


@pytest.fixture(scope="module")
def laptop_window(
    qapp: QApplication, shared_sandbox: SandboxProcess, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Shell]:
    data_dir = tmp_path_factory.mktemp("laptop-window")
    laptop = build_laptop(data_dir, shared_sandbox.url)
    window = create_shell(laptop, None)  # type: ignore[arg-type]
    window.show()
    try:
        yield window
    finally:
        window.shut_down()
        window.deleteLater()
        laptop.close()  # type: ignore[attr-defined]


def test_every_staff_screen_fits_the_laptop_and_its_text_is_whole(
    qtbot: QtBot, laptop_window: Shell
) -> None:
    scale = load_settings(environ={}).staff.ui_scale
    # The laptop's 1366×768 in the window's pixels at the configured scale (a test runs at 1).
    size = (round(STAFF_SIZE[0] / scale), round(STAFF_SIZE[1] / scale))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    found: list[str] = []
    seen: list[str] = []

    def check(name: str, window: Shell) -> None:
        window.resize(*size)
        settle(app)
        seen.append(name)
        needed = window.minimumSizeHint()
        if needed.width() > size[0] or needed.height() > size[1]:
            found.append(f"{name}: needs {needed.toTuple()}, has {size}")
        found.extend(f"{name}: {problem}" for problem in problems_on(window))

    render_staff_scenes(app, laptop_window, scenes, check, settle)
    assert any(name.startswith("s08-staff-day-report") for name in seen)
    assert not found, "\n".join(found)
