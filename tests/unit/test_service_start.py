"""The start path's pieces without Qt: the notify protocol's client, and the settings a
kiosk's first screen reads before the full settings are validated."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from kiosk.config import KioskSettings, load_settings
from kiosk.first_settings import DEFAULTS, FirstScreenSettings, read_first_settings
from kiosk.system.notify import ServiceManager
from tests.support.notify import NotifyListener


def test_the_service_manager_takes_its_variables_out_of_the_environment(tmp_path: Path) -> None:
    """So the voice or a demo's sandbox, started by the kiosk, never speak for it."""
    with NotifyListener(tmp_path) as listener:
        environ = {**listener.environment(watchdog_s=20), "WATCHDOG_PID": "1", "HOME": "/x"}
        manager = ServiceManager.from_environment(environ)
        assert environ == {"HOME": "/x"}
        assert manager.present and manager.watchdog_interval_s == 10.0
        manager.status("starting")
        manager.ready("kiosk: first screen shown")
        manager.ping()
        manager.stopping()
        got = [listener.next(1.0) for _ in range(4)]
        manager.close()
    assert [n.fields if n else None for n in got] == [
        {"STATUS": "starting"},
        {"READY": "1", "STATUS": "kiosk: first screen shown"},
        {"WATCHDOG": "1"},
        {"STOPPING": "1"},
    ]


def test_an_abstract_socket_name_is_spoken_to_with_its_leading_nul() -> None:
    name = f"sheyin-test-{id(object())}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as server:
        server.bind(b"\0" + name.encode())
        server.settimeout(1.0)
        manager = ServiceManager.from_environment({"NOTIFY_SOCKET": f"@{name}"})
        manager.ping()
        assert server.recv(64) == b"WATCHDOG=1"
        manager.close()


def test_without_a_service_manager_nothing_is_sent() -> None:
    manager = ServiceManager.from_environment({})
    assert not manager.present and manager.watchdog_interval_s is None
    manager.ready("x")  # nothing to send to, nothing raised


@pytest.mark.expected_log("service.notify_failed")
def test_a_service_manager_gone_is_said_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    manager = ServiceManager(str(tmp_path / "gone.sock"), 2_000_000)
    for _ in range(3):
        manager.ping()
    manager.close()
    assert caplog.text.count("service.notify_failed") == 1


def test_the_first_screen_settings_have_the_settings_defaults() -> None:
    kiosk = KioskSettings()
    for name in FirstScreenSettings.__dataclass_fields__:
        assert getattr(DEFAULTS, name) == getattr(kiosk, name), name


def test_the_first_screen_reads_the_file_and_the_environment_as_the_settings_do(
    tmp_path: Path,
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '[kiosk]\nlanguage = "en"\nelder_mode = true\n[central]\nterminal_id = "T1"\n'
    )
    environ = {"SHEYIN_KIOSK_VOICE": "false", "SHEYIN_KIOSK_WINDOWED": "0"}
    first = read_first_settings(config, environ)
    full = load_settings(config, environ).kiosk
    assert first == FirstScreenSettings(language="en", elder_mode=True, voice=False)
    assert (first.language, first.elder_mode, first.voice) == (
        full.language,
        full.elder_mode,
        full.voice,
    )
    assert first.shows_first_screen
    assert not FirstScreenSettings(role="staff").shows_first_screen
    assert not FirstScreenSettings(windowed=True).shows_first_screen


@pytest.mark.parametrize(
    ("text", "environ"),
    [
        ("[kiosk\n", {}),  # not TOML
        ('kiosk = "x"\n', {}),  # not a table
        ('[kiosk]\nrole = "cashier"\n', {}),
        ("[kiosk]\nlanguage = 3\n", {}),
        ("", {"SHEYIN_KIOSK_ELDER_MODE": "perhaps"}),
    ],
    ids=["not toml", "not a table", "unknown role", "language a number", "unclear bool"],
)
def test_what_cannot_be_read_plainly_leaves_the_first_screen_out(
    tmp_path: Path, text: str, environ: dict[str, str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(text)
    assert read_first_settings(config, environ) is None


def test_an_unreadable_file_leaves_the_first_screen_out(tmp_path: Path) -> None:
    assert read_first_settings(tmp_path / "missing.toml", {}) is None
