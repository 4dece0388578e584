"""The fleet over the wire: a terminal process (`sheyin run` on the simulators, offscreen)
connected to a real Mosquitto with TLS client certificates and the shipped ACL, and the
operations centre's side (`kiosk.fleet.centre`, what `sheyin fleet` runs) signing commands."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from demo.broker import Broker, Pki
from kiosk.fleet.centre import Centre
from kiosk.fleet.commands import Command, Verb, new_command, sign
from kiosk.fleet.topics import Channel
from tests.support.clips import noise_clip
from tests.support.fleet import (
    CENTRE_KEY,
    OpsCentre,
    TerminalProcess,
    centre_settings,
    states,
    terminal_settings,
)

PNG = b"\x89PNG\r\n\x1a\n"


def in_service(status: dict[str, object]) -> bool:
    return status.get("state") == "in_service"


@pytest.fixture(scope="module")
def ops(mqtt_broker: Broker, mqtt_pki: Pki) -> Iterator[OpsCentre]:
    with Centre(centre_settings(mqtt_broker, mqtt_pki)) as centre:
        centre.listen(*Channel)
        yield OpsCentre(centre)


def make_terminal(terminal_id: str, directory: Path, broker: Broker, pki: Pki) -> TerminalProcess:
    data_dir = directory / "data"
    config = directory / "config.toml"
    clip = noise_clip(directory / "clip")
    config.write_text(terminal_settings(terminal_id, broker, pki, data_dir, clip))
    return TerminalProcess(terminal_id, config, data_dir)


@pytest.fixture(scope="module")
def terminal(
    tmp_path_factory: pytest.TempPathFactory, mqtt_broker: Broker, mqtt_pki: Pki, ops: OpsCentre
) -> Iterator[TerminalProcess]:
    """One terminal for the commands that leave it running."""
    process = make_terminal("T-F1", tmp_path_factory.mktemp("t-f1"), mqtt_broker, mqtt_pki)
    process.start()
    try:
        ops.status_of("T-F1", in_service)
        yield process
    finally:
        process.stop()


OWN_TERMINALS = iter(range(1, 1000))


@pytest.fixture
def own_terminal(tmp_path: Path, mqtt_broker: Broker, mqtt_pki: Pki) -> Iterator[TerminalProcess]:
    """A terminal of the test's own, to kill, restart or reconfigure."""
    process = make_terminal(f"T-OWN-{next(OWN_TERMINALS)}", tmp_path, mqtt_broker, mqtt_pki)
    try:
        yield process
    finally:
        process.stop()


# --- status ---


def test_the_status_is_retained_with_devices_and_queue_and_no_personal_data(
    terminal: TerminalProcess, ops: OpsCentre
) -> None:
    # The first status may come before the outbox is open (warm-up): the next one says it.
    status = ops.status_of("T-F1", lambda s: in_service(s) and s["queue"] is not None)
    assert status["terminal"] == "T-F1" and status["role"] == "kiosk"
    assert status["vendor"] == "inactive" and status["closed_remotely"] is False
    assert status["devices"]["card_reader"]["status"] in ("online", "starting")
    assert set(status["devices"]) >= {"card_reader", "camera", "printer", "receipt_printer"}
    assert status["queue"]["open"] == 0
    assert status["central_online"] in (False, None)
    assert isinstance(status["errors"], list)


# --- every verb against the simulators ---


def test_screenshot_of_the_attract_screen(terminal: TerminalProcess, ops: OpsCentre) -> None:
    replies = ops.command("T-F1", Verb.SCREENSHOT)
    assert states(replies) == [("received", "ok"), ("executing", "ok"), ("done", "ok")]
    png = base64.b64decode(replies[-1]["result"]["png"])
    assert png.startswith(PNG) and len(png) == replies[-1]["result"]["bytes"]


def test_logs_come_cleaned_of_personal_data(terminal: TerminalProcess, ops: OpsCentre) -> None:
    replies = ops.command("T-F1", Verb.LOGS, {"lines": 20})
    assert replies[-1]["state"] == "done"
    records = replies[-1]["result"]["records"]
    assert 0 < len(records) <= 20
    assert any("fleet.connected" in r["text"] for r in records)


def test_self_test_runs_every_device(terminal: TerminalProcess, ops: OpsCentre) -> None:
    replies = ops.command("T-F1", Verb.SELF_TEST)
    assert replies[-1]["state"] == "done", replies[-1]["result"]
    devices = replies[-1]["result"]["devices"]
    assert {"card_reader", "camera", "printer"} <= set(devices)
    assert all(result["passed"] for result in devices.values())


def test_retry_dead_letters(terminal: TerminalProcess, ops: OpsCentre) -> None:
    replies = ops.command("T-F1", Verb.RETRY_DEAD_LETTERS)
    assert replies[-1]["state"] == "done" and replies[-1]["result"] == {"retried": 0}


def test_out_of_service_and_back(terminal: TerminalProcess, ops: OpsCentre) -> None:
    replies = ops.command("T-F1", Verb.OUT_OF_SERVICE)
    assert replies[-1]["state"] == "done"
    closed = ops.status_of("T-F1", lambda s: s["state"] == "out_of_service")
    assert closed["closed_remotely"] is True
    # 暂停服务 is one of the two screens that may be shown from afar.
    assert ops.command("T-F1", Verb.SCREENSHOT)[-1]["state"] == "done"

    assert ops.command("T-F1", Verb.IN_SERVICE)[-1]["state"] == "done"
    assert ops.status_of("T-F1", in_service)["closed_remotely"] is False


# --- refused commands ---


def refused(ops: OpsCentre, terminal: str, payload: bytes, command_id: str | None) -> str:
    ops.centre.send_raw(terminal, payload)
    replies = list(ops.centre.replies(terminal, command_id, 10.0)) if command_id else []
    if command_id is None:  # an unreadable command's refusal names no command
        replies = [r for r in _replies_without_id(ops, terminal)]
    assert [r["state"] for r in replies] == ["refused"], replies
    return str(replies[0]["code"])


def _replies_without_id(ops: OpsCentre, terminal: str) -> list[dict[str, object]]:
    message = ops.centre.next(Channel.REPLIES, 10.0)
    while message is not None and (message.terminal != terminal or message.body["command"]):
        message = ops.centre.next(Channel.REPLIES, 10.0)
    return [] if message is None else [message.body]


def test_forged_expired_misdirected_and_unsigned_commands_are_refused_and_audited(
    terminal: TerminalProcess, ops: OpsCentre
) -> None:
    forged = new_command("T-F1", Verb.REBOOT)
    assert refused(ops, "T-F1", sign(forged, Ed25519PrivateKey.generate()), forged.id) == (
        "fleet.bad_signature"
    )
    expired = Command(
        "0e4d2a3c-8d7a-4a57-9a57-2f0b8b3c1d11",
        "T-F1",
        Verb.REBOOT,
        new_command("T-F1", Verb.REBOOT).issued_at.replace(year=2025),
        new_command("T-F1", Verb.REBOOT).expires_at.replace(year=2025),
    )
    assert refused(ops, "T-F1", sign(expired, CENTRE_KEY), expired.id) == "fleet.expired"
    elsewhere = new_command("T-F2", Verb.REBOOT)
    assert refused(ops, "T-F1", sign(elsewhere, CENTRE_KEY), elsewhere.id) == (
        "fleet.wrong_terminal"
    )
    unsigned = new_command("T-F1", Verb.REBOOT)
    payload = json.dumps(unsigned.unsigned()).encode()
    assert refused(ops, "T-F1", payload, unsigned.id) == "fleet.unsigned"
    assert refused(ops, "T-F1", b"not even json", None) == "fleet.malformed"

    audit = (terminal.data_dir / "audit.log").read_text()
    for code in ("fleet.bad_signature", "fleet.expired", "fleet.wrong_terminal", "fleet.unsigned"):
        assert f'"outcome": "{code}"' in audit or f'"outcome":"{code}"' in audit, code
    assert not (terminal.data_dir / "rebooted").exists()


def test_a_replayed_command_is_refused_and_not_run_again(
    terminal: TerminalProcess, ops: OpsCentre
) -> None:
    command = new_command("T-F1", Verb.RETRY_DEAD_LETTERS)
    payload = sign(command, CENTRE_KEY)
    ops.centre.send_raw("T-F1", payload)
    assert list(ops.centre.replies("T-F1", command.id, 10.0))[-1]["state"] == "done"
    assert refused(ops, "T-F1", payload, command.id) == "fleet.replayed"


# --- a terminal's life: killed, restarted, away, reconfigured, rebooted ---


def test_a_killed_terminal_shows_offline_by_its_last_will(
    own_terminal: TerminalProcess, ops: OpsCentre
) -> None:
    own_terminal.start()
    ops.status_of(own_terminal.terminal_id, in_service)
    own_terminal.kill()
    assert ops.status_of(own_terminal.terminal_id, lambda s: s["state"] == "offline", 10.0)


def test_restart_is_done_by_the_next_start_and_runs_once(
    own_terminal: TerminalProcess, ops: OpsCentre
) -> None:
    own_terminal.start()
    first = ops.status_of(own_terminal.terminal_id, in_service)
    command = new_command(own_terminal.terminal_id, Verb.RESTART)
    payload = sign(command, CENTRE_KEY)
    ops.centre.send_raw(own_terminal.terminal_id, payload)
    replies = list(ops.centre.replies(own_terminal.terminal_id, command.id, 60.0))
    assert [r["state"] for r in replies] == ["received", "executing", "done"]
    again = ops.status_of(
        own_terminal.terminal_id,
        lambda s: in_service(s) and s.get("started_at") != first["started_at"],
    )
    assert again["started_at"] > first["started_at"]
    # The same command once more: known, refused, and the terminal stays up.
    assert refused(ops, own_terminal.terminal_id, payload, command.id) == "fleet.replayed"
    assert own_terminal.process is not None and own_terminal.process.poll() is None


def test_a_command_sent_while_the_terminal_is_away_runs_when_it_is_back(
    own_terminal: TerminalProcess, ops: OpsCentre
) -> None:
    own_terminal.start()
    ops.status_of(own_terminal.terminal_id, in_service)
    own_terminal.stop()
    ops.status_of(own_terminal.terminal_id, lambda s: s["state"] == "offline")
    command = new_command(own_terminal.terminal_id, Verb.LOGS, {"lines": 1})
    ops.centre.send_raw(own_terminal.terminal_id, sign(command, CENTRE_KEY))
    own_terminal.start()
    replies = list(ops.centre.replies(own_terminal.terminal_id, command.id, 60.0))
    assert [r["state"] for r in replies] == ["received", "executing", "done"]


def test_load_settings_checks_the_file_then_restarts_on_it(
    own_terminal: TerminalProcess, ops: OpsCentre
) -> None:
    own_terminal.start()
    ops.status_of(own_terminal.terminal_id, in_service)
    old = own_terminal.config.read_text()

    twice = old + "\n[kiosk]\n"  # a table twice: not TOML
    wrong = ops.command(own_terminal.terminal_id, Verb.LOAD_SETTINGS, {"toml": twice})
    assert states(wrong)[-1] == ("failed", "fleet.settings_invalid")
    negative = old.replace("[kiosk]", "[kiosk]\nidle_timeout_s = -1")
    wrong = ops.command(own_terminal.terminal_id, Verb.LOAD_SETTINGS, {"toml": negative})
    assert wrong[-1]["state"] == "failed" and "idle_timeout_s" in wrong[-1]["result"]["error"]
    assert own_terminal.config.read_text() == old

    new = old.replace("[kiosk]", '[kiosk]\nlanguage = "en"')
    replies = ops.command(own_terminal.terminal_id, Verb.LOAD_SETTINGS, {"toml": new}, 60.0)
    assert [r["state"] for r in replies] == ["received", "executing", "done"]
    assert own_terminal.config.read_text() == new
    assert (own_terminal.config.parent / "config.toml.previous").read_text() == old


def test_reboot_runs_the_reboot_command_and_is_done_after_the_reboot(
    own_terminal: TerminalProcess, ops: OpsCentre
) -> None:
    own_terminal.start()
    ops.status_of(own_terminal.terminal_id, in_service)
    command = new_command(own_terminal.terminal_id, Verb.REBOOT)
    ops.centre.send_raw(own_terminal.terminal_id, sign(command, CENTRE_KEY))
    replies = list(ops.centre.replies(own_terminal.terminal_id, command.id, 5.0))
    assert [r["state"] for r in replies] == ["received", "executing"]
    assert (own_terminal.data_dir / "rebooted").exists()
    own_terminal.stop()  # the machine going down
    own_terminal.start()
    replies = list(ops.centre.replies(own_terminal.terminal_id, command.id, 60.0))
    assert [r["state"] for r in replies] == ["done"]
