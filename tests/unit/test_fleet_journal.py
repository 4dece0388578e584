"""The command journal: each id taken once; a run cut short is never run again, except by the
start that completes a restart; a command taken but not started runs after a restart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.fleet.commands import Verb, new_command
from kiosk.fleet.journal import INTERRUPTED, CommandState, Journal

NOW = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)


def journal(path: Path, at: datetime = NOW) -> Journal:
    return Journal(path / "journal.json", clock=at.timestamp)


def test_an_id_is_admitted_once_also_after_a_restart(tmp_path: Path) -> None:
    command = new_command("T-1", Verb.SCREENSHOT, now=NOW)
    assert journal(tmp_path).admit(command, b"{}")
    assert not journal(tmp_path).admit(command, b"{}")


def test_executing_when_the_run_ended(tmp_path: Path) -> None:
    first = journal(tmp_path)
    restart = new_command("T-1", Verb.RESTART, now=NOW)
    self_test = new_command("T-1", Verb.SELF_TEST, now=NOW)
    for command in (restart, self_test):
        first.admit(command, b"{}")
        first.move(command.id, CommandState.EXECUTING)

    settled, waiting = journal(tmp_path).settle_left_over()

    assert {(s.verb, s.state, s.code) for s in settled} == {
        (Verb.RESTART, CommandState.DONE, "ok"),
        (Verb.SELF_TEST, CommandState.FAILED, INTERRUPTED),
    }
    assert waiting == []
    assert journal(tmp_path).settle_left_over() == ([], [])  # settled once


def test_received_but_not_started_runs_after_the_restart_unless_expired(tmp_path: Path) -> None:
    first = journal(tmp_path)
    waiting_one = new_command("T-1", Verb.LOGS, now=NOW)
    expired = new_command("T-1", Verb.LOGS, valid_for=timedelta(minutes=1), now=NOW)
    first.admit(waiting_one, b'{"the": "payload"}')
    first.admit(expired, b"{}")

    later = journal(tmp_path, NOW + timedelta(minutes=5))
    settled, waiting = later.settle_left_over()

    assert waiting == [b'{"the": "payload"}']
    assert [(s.command_id, s.state) for s in settled] == [(expired.id, CommandState.FAILED)]
    assert later.state(waiting_one.id) is CommandState.RECEIVED  # still known: not taken twice


def test_a_finished_commands_text_is_not_kept(tmp_path: Path) -> None:
    command = new_command("T-1", Verb.LOAD_SETTINGS, {"toml": "[central]\n"}, now=NOW)
    kept = journal(tmp_path)
    kept.admit(command, b"secret settings")
    kept.move(command.id, CommandState.DONE)
    assert b"secret settings" not in (tmp_path / "journal.json").read_bytes()


def test_ids_are_forgotten_only_after_their_expiry(tmp_path: Path) -> None:
    command = new_command("T-1", Verb.LOGS, valid_for=timedelta(minutes=10), now=NOW)
    kept = journal(tmp_path)
    kept.admit(command, b"{}")
    kept.move(command.id, CommandState.DONE)

    soon = journal(tmp_path, NOW + timedelta(minutes=10))
    soon.admit(new_command("T-1", Verb.LOGS, now=NOW), b"{}")
    assert soon.state(command.id) is CommandState.DONE

    much_later = journal(tmp_path, NOW + timedelta(hours=2))
    much_later.admit(new_command("T-1", Verb.LOGS, now=NOW + timedelta(hours=2)), b"{}")
    assert much_later.state(command.id) is None


@pytest.mark.expected_log("fleet.journal_damaged")
def test_a_damaged_journal_is_said_loudly_and_started_anew(tmp_path: Path) -> None:
    (tmp_path / "journal.json").write_text("{half a fi")
    assert journal(tmp_path).settle_left_over() == ([], [])


def test_an_entry_of_another_version_is_kept_and_does_not_stop_the_start(tmp_path: Path) -> None:
    (tmp_path / "journal.json").write_text(
        '{"commands": {"a": {"verb": "format-disk", "state": "someday", "expires_at": 1}}}'
    )
    kept = journal(tmp_path)
    assert kept.settle_left_over() == ([], [])
    kept.admit(new_command("T-1", Verb.LOGS, now=NOW), b"{}")  # prunes, and keeps it
    assert '"format-disk"' in (tmp_path / "journal.json").read_text()
