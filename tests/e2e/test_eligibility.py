"""The yearly proof of life through the UI: card, PIN, the simulated camera, the sandbox's match.

The camera plays synthetic clips built from the demo pensioner's reference portrait
(sandbox/faces): a cooperative person, or the same portrait held still. With another person's
photo on file instead, the same cooperative face ends on the not-passed screen."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import cv2
import pytest
from pytestqt.qtbot import QtBot

from demo.kiosk import DemoKiosk, build_demo_kiosk
from kiosk.app import Kiosk
from kiosk.central.codes import ReceiptState
from kiosk.face.clips import still_photo_clip
from kiosk.services.session import ServiceId
from sandbox.citizens import demo_citizen
from sandbox.db import FACES_DIR
from sandbox.server import SandboxProcess, start_sandbox_process
from tests.support.faces import another_person, put_on_file
from tests.support.kiosks import QUICK_QUEUE, settings_for
from tests.support.ui import (
    click,
    enter_pin,
    running_shell,
    texts_on_screen,
    tray_bar,
    wait_for_screen,
)
from ui.screens.eligibility import (
    EligibilityDueScreen,
    EligibilityResultScreen,
    FaceRetryScreen,
    FaceScreen,
)
from ui.screens.home import HomeScreen
from ui.screens.identify import TakeCardScreen
from ui.screens.outcome import ErrorScreen
from ui.screens.receipts import QueuedReceiptScreen
from ui.shell import Home, Shell

PENSIONER, PIN = "pensioner-due", "123456"
QUICK = QUICK_QUEUE


def kiosk_for(url: str, **env: str) -> Kiosk:
    built = build_demo_kiosk(settings_for(url, **QUICK, **env))
    built.outbound  # noqa: B018 - as warm_up does
    return built


def open_check(qtbot: QtBot, shell: Shell) -> None:
    shell.show_state(Home())
    home = wait_for_screen(qtbot, shell, HomeScreen)
    click(qtbot, home.tiles[ServiceId.ELIGIBILITY])  # type: ignore[attr-defined]
    click(qtbot, tray_bar(shell).card_buttons[PENSIONER])
    enter_pin(qtbot, shell, PIN)
    due = wait_for_screen(qtbot, shell, EligibilityDueScreen)
    click(qtbot, due.start_button)  # type: ignore[attr-defined]


def authentications(sandbox_db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(sandbox_db) as db:
        return db.execute("SELECT outcome, receipt_number FROM authentications").fetchall()


def face_check_to_its_result(qtbot: QtBot, shell: Shell) -> EligibilityResultScreen:
    """The check opened with the pensioner's card and PIN, the camera's clip played until the
    central system's answer is on screen."""
    open_check(qtbot, shell)
    face = wait_for_screen(qtbot, shell, FaceScreen)
    qtbot.waitUntil(lambda: face.camera.frames_shown > 3, timeout=5000)  # type: ignore[attr-defined]
    qtbot.waitUntil(
        lambda: isinstance(shell.screen_widget, EligibilityResultScreen), timeout=30_000
    )
    result = shell.screen_widget
    assert isinstance(result, EligibilityResultScreen)
    return result


def test_a_due_pensioner_passes_with_a_cooperative_camera(
    qtbot: QtBot, sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    kiosk = kiosk_for(sandbox.url)
    try:
        with running_shell(qtbot, kiosk) as shell:
            result = face_check_to_its_result(qtbot, shell)
            assert result.heading.text() == "认证通过，养老金继续发放"
            click(qtbot, result.done_button)
            wait_for_screen(qtbot, shell, TakeCardScreen)
            click(qtbot, tray_bar(shell).remove_button)
            wait_for_screen(qtbot, shell, HomeScreen)
            camera = kiosk.devices.camera()  # type: ignore[misc]
            qtbot.waitUntil(lambda: camera.latest() is None, timeout=5000)  # off after the session
    finally:
        kiosk.close()
    assert [outcome for outcome, _ in authentications(sandbox_db)] == ["authenticated"]


def test_a_face_that_is_not_the_one_on_file_ends_on_the_not_passed_screen(
    qtbot: QtBot, kiosk: DemoKiosk, sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    put_on_file(sandbox.url, demo_citizen(PENSIONER).id_number, another_person())
    with running_shell(qtbot, kiosk) as shell:
        result = face_check_to_its_result(qtbot, shell)
        assert result.heading.text() == "您的认证未通过"
        shown = texts_on_screen()
        assert "照片与档案照片不一致" in shown  # why, in words, with the kiosk's remedy
        assert "请向工作人员求助，可在柜台为您办理认证。" in shown
        click(qtbot, result.done_button)
        wait_for_screen(qtbot, shell, TakeCardScreen)
        click(qtbot, tray_bar(shell).remove_button)
        wait_for_screen(qtbot, shell, HomeScreen)
    assert [outcome for outcome, _ in authentications(sandbox_db)] == ["rejected"]


@pytest.mark.expected_log("eligibility.liveness_failed")
def test_a_photo_held_still_fails_three_times_and_is_sent_to_staff(
    qtbot: QtBot, sandbox: SandboxProcess, sandbox_db: Path, tmp_path: Path
) -> None:
    portrait = cv2.imread(str(FACES_DIR / "pensioner-due.jpg"))
    clip = tmp_path / "still"
    clip.mkdir()
    for index, frame in enumerate(still_photo_clip(portrait, seconds=1.0)):
        cv2.imwrite(str(clip / f"{index:03d}.png"), frame)
    kiosk = kiosk_for(
        sandbox.url,
        SHEYIN_DEVICES_CAMERA_CLIP=str(clip),
        SHEYIN_FACE_ACTION_TIMEOUT_S="1.5",
    )
    try:
        with running_shell(qtbot, kiosk) as shell:
            open_check(qtbot, shell)
            for _ in range(2):
                retry = wait_for_screen(qtbot, shell, FaceRetryScreen)
                click(qtbot, retry.retry_button)  # type: ignore[attr-defined]
                wait_for_screen(qtbot, shell, FaceScreen)  # the next attempt, not this retry
            error = wait_for_screen(qtbot, shell, ErrorScreen)
            assert error.code == "eligibility.liveness_failed"  # type: ignore[attr-defined]
    finally:
        kiosk.close()
    assert authentications(sandbox_db) == []


@pytest.mark.expected_log("central POST /eligibility-authentications", "central POST /ident")
def test_offline_the_check_is_queued_and_confirmed_after_reconnect(
    qtbot: QtBot, sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    port = int(sandbox.url.rsplit(":", 1)[1])
    kiosk = kiosk_for(sandbox.url)
    back: SandboxProcess | None = None
    try:
        with running_shell(qtbot, kiosk) as shell:
            sandbox.stop()
            qtbot.waitUntil(lambda: kiosk.online is False, timeout=5000)
            open_check(qtbot, shell)
            receipt_screen = wait_for_screen(qtbot, shell, QueuedReceiptScreen)
            assert isinstance(receipt_screen, QueuedReceiptScreen)
            receipt = receipt_screen.qr.payload
            assert kiosk.outbound.progress(receipt).state is ReceiptState.QUEUED
            back = start_sandbox_process(sandbox_db, port=port)
            qtbot.waitUntil(lambda: kiosk.outbound.queue.outbox.open_count() == 0, timeout=20_000)
            assert kiosk.outbound.progress(receipt).state is ReceiptState.DELIVERED
    finally:
        kiosk.close()
        if back is not None:
            back.stop()
    assert authentications(sandbox_db) == [("authenticated", receipt)]


@pytest.mark.expected_log("camera.unplugged")
def test_a_camera_pulled_out_during_the_check_ends_on_a_clear_screen(
    qtbot: QtBot, sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    kiosk = kiosk_for(sandbox.url)
    try:
        with running_shell(qtbot, kiosk) as shell:
            open_check(qtbot, shell)
            wait_for_screen(qtbot, shell, FaceScreen)
            camera = kiosk.devices.camera()  # type: ignore[misc]
            camera.source.unplugged = True  # type: ignore[attr-defined]
            error = wait_for_screen(qtbot, shell, ErrorScreen)
            assert error.code == "camera.unplugged"  # type: ignore[attr-defined]
    finally:
        kiosk.close()
    assert authentications(sandbox_db) == []
