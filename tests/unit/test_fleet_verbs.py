"""What the remote commands do on the terminal, without a broker: logs leave cleaned, the
devices are tested with no session starting meanwhile, a settings file is checked as a start
would check it."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest

from kiosk.audit import AuditLog
from kiosk.config import load_settings
from kiosk.fleet.commands import Verb, new_command
from kiosk.fleet.verbs import SETTINGS_INVALID, SETTINGS_OTHER_DATA_DIR, Finished, Verbs
from kiosk.logs import recent_log

ID_NUMBER = "11010519491231002X"
MOBILE = "13912345678"


class Host:
    def __init__(self, kiosk: Any) -> None:
        self.kiosk = kiosk
        self.held_while_testing: list[bool] = []
        self.changes = 0
        self.restarts = 0

    def serving(self) -> bool:
        return False

    def service_changed(self) -> None:
        self.changes += 1

    def screenshot(self) -> bytes:
        return b""

    def restart(self) -> None:
        self.restarts += 1


class Progress:
    def __init__(self) -> None:
        self.said: list[str] = []

    def waiting(self) -> None:
        self.said.append("waiting")

    def executing(self) -> None:
        self.said.append("executing")


def kiosk_stub(tmp_path: Path, settings_text: str = "") -> Any:
    config = tmp_path / "config.toml"
    config.write_text(settings_text)
    held: list[bool] = []

    return SimpleNamespace(
        audit=AuditLog(tmp_path / "audit.log"),
        settings=load_settings(config),
        device_manager=SimpleNamespace(devices={}),
        hold_sessions=held.append,
        held=held,
        config=config,
    )


def verbs(kiosk: Any, host: Host, config: Path | None = None) -> Verbs:
    return Verbs(
        cast(Any, kiosk),
        host,
        config_path=config,
        closure_file=Path("/nonexistent/closure"),
        stopping=threading.Event(),
    )


@pytest.mark.expected_log("card.read_failed")
def test_logs_leave_without_personal_data(tmp_path: Path) -> None:
    recent_log()
    logging.getLogger("devices.smartcard").warning(
        "card.read_failed: holder %s, mobile %s", ID_NUMBER, MOBILE
    )
    kiosk = kiosk_stub(tmp_path)
    finished = verbs(kiosk, Host(kiosk)).run(
        new_command("T-1", Verb.LOGS, {"lines": 50}), Progress()
    )
    assert finished is not None and finished.ok
    texts = [r["text"] for r in finished.result["records"]]
    assert any(t.startswith("card.read_failed: holder [redacted]") for t in texts)
    assert not any(ID_NUMBER in t or MOBILE in t for t in texts)


def test_no_session_starts_while_the_devices_are_tested(tmp_path: Path) -> None:
    kiosk = kiosk_stub(tmp_path)
    host = Host(kiosk)
    progress = Progress()
    finished = verbs(kiosk, host).run(new_command("T-1", Verb.SELF_TEST), progress)
    assert finished == Finished(True, "ok", {"devices": {}})
    assert kiosk.held == [True, False] and host.changes == 2  # 暂停服务 for its time, then open
    assert progress.said == ["executing"]


def test_load_settings_refuses_what_the_start_would_refuse(tmp_path: Path) -> None:
    own = '[central]\nterminal_id = "T-1"\n[kiosk]\ndevelopment = true\n'
    kiosk = kiosk_stub(tmp_path, own)
    host = Host(kiosk)
    run = verbs(kiosk, host, kiosk.config).run

    # Development or not, a terminal without its key does not start: not written.
    finished = run(new_command("T-1", Verb.LOAD_SETTINGS, {"toml": own}), Progress())
    assert finished is not None and finished.code == SETTINGS_INVALID
    assert "central.terminal_key" in finished.result["error"]

    complete = own + "[central.x]\n"  # not valid either: an unknown table
    finished = run(new_command("T-1", Verb.LOAD_SETTINGS, {"toml": complete}), Progress())
    assert finished is not None and finished.code == SETTINGS_INVALID
    assert kiosk.config.read_text() == own and host.restarts == 0


def test_load_settings_keeps_the_data_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SHEYIN_PATHS_DATA_DIR")  # as on a laptop: the file names it
    own = (
        '[central]\nterminal_id = "T-1"\nterminal_key = "' + "5a" * 32 + '"\n'
        'url = "http://127.0.0.1:9"\n[kiosk]\ndevelopment = true\n'
        f'[paths]\ndata_dir = "{tmp_path / "data"}"\n'
    )
    kiosk = kiosk_stub(tmp_path, own)
    host = Host(kiosk)
    moved = own.replace(str(tmp_path / "data"), str(tmp_path / "elsewhere"))
    finished = verbs(kiosk, host, kiosk.config).run(
        new_command("T-1", Verb.LOAD_SETTINGS, {"toml": moved}), Progress()
    )
    assert finished == Finished(False, SETTINGS_OTHER_DATA_DIR)
    assert kiosk.config.read_text() == own and host.restarts == 0

    same_place = own.replace("development = true", 'development = true\nlanguage = "en"')
    finished = verbs(kiosk, host, kiosk.config).run(
        new_command("T-1", Verb.LOAD_SETTINGS, {"toml": same_place}), Progress()
    )
    assert finished is None and host.restarts == 1  # written, then a restart applies it
    assert kiosk.config.read_text() == same_place
    assert (tmp_path / "config.toml.previous").read_text() == own


def test_holds_count_one_ending_does_not_open_what_another_holds() -> None:
    from kiosk.app import build_kiosk

    kiosk = build_kiosk(load_settings(environ={}))
    try:
        kiosk.hold_sessions(True)  # a self-test
        kiosk.hold_sessions(True)  # a reboot waiting for the citizen
        kiosk.hold_sessions(False)  # the self-test is over
        assert kiosk.availability().closed_remotely
        kiosk.hold_sessions(False)
        assert not kiosk.availability().closed_remotely
    finally:
        kiosk.close()
