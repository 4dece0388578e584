"""The kiosk's warm-up thread, started once the first screen is up."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from kiosk.app import build_kiosk
from kiosk.config import load_settings


def test_a_camera_that_cannot_be_prepared_does_not_kill_the_warm_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It did: the default simulator has no clip, and the thread died with a traceback before
    it started the outbox (found running `sheyin run` on the defaults)."""
    died: list[BaseException | None] = []
    monkeypatch.setattr(threading, "excepthook", lambda hook: died.append(hook.exc_value))
    settings = load_settings(
        environ={
            "SHEYIN_PATHS_DATA_DIR": str(tmp_path),
            "SHEYIN_CENTRAL_URL": "https://127.0.0.1:9",
            "SHEYIN_DEVICES_CAMERA_CLIP": "",
        }
    )
    kiosk = build_kiosk(settings)
    try:
        kiosk.warm_up()
        warm_up = next(t for t in threading.enumerate() if t.name == "warm-up")
        warm_up.join(timeout=20)
        assert not warm_up.is_alive()
        assert died == []
        assert kiosk.outbound is not None  # built by the warm-up, after the camera
    finally:
        kiosk.close()
