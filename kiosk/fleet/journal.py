"""The terminal's record of the commands it took: each id once, each command run at most once,
across restarts and power cuts (EKiosk keeps its command statuses the same way).

A command is written down as received before anything else happens to it, and as executing
before it runs; a start that finds one executing knows the run was cut short and does not run it
again, except the verbs that end by restarting the terminal, which that start completes."""

from __future__ import annotations

import enum
import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.fleet.commands import ENDS_BY_RESTARTING, Command, Refusal, Verb
from kiosk.roles.state_file import write_state

log = logging.getLogger(__name__)

KEPT_AFTER_EXPIRY_S = 300.0
"""A finished command's id is kept this long after its expiry: until then a copy is a replay;
after it, the copy is expired anyway."""
INTERRUPTED = "fleet.interrupted"


class CommandState(enum.StrEnum):
    RECEIVED = "received"
    EXECUTING = "executing"
    DONE = "done"
    FAILED = "failed"


FINAL = frozenset({CommandState.DONE, CommandState.FAILED})


@dataclass(frozen=True)
class Settled:
    """What a start decided about a command an earlier run left unfinished."""

    command_id: str
    verb: Verb
    state: CommandState
    code: str


class Journal:
    """Thread-safe; each change is on disk before the call returns."""

    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self._path = path
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: dict[str, dict[str, object]] = self._read()

    def _read(self) -> dict[str, dict[str, object]]:
        try:
            kept = json.loads(self._path.read_text(encoding="utf-8"))
            entries = kept["commands"]
            if not isinstance(entries, dict):
                raise TypeError
            return entries
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, KeyError, TypeError):
            # Every id in it is lost, so a replay of a recent command could run: said loudly.
            log.error("fleet.journal_damaged: the command journal was unreadable; started anew")
            return {}

    def admit(self, command: Command, payload: bytes) -> bool:
        """Writes the command down as received; False if its id is known (a replay)."""
        with self._lock:
            if command.id in self._entries:
                return False
            self._prune()
            self._entries[command.id] = {
                "verb": command.verb.value,
                "state": CommandState.RECEIVED.value,
                "code": "",
                "expires_at": command.expires_at.timestamp(),
                "payload": payload.decode(),
            }
            self._save()
            return True

    def move(self, command_id: str, state: CommandState, code: str = "ok") -> None:
        with self._lock:
            entry = self._entries.get(command_id)
            if entry is None:
                return
            entry["state"], entry["code"] = state.value, code
            if state in FINAL:
                entry.pop("payload", None)  # a new settings file's text is not kept
            self._save()

    def state(self, command_id: str) -> CommandState | None:
        with self._lock:
            entry = self._entries.get(command_id)
            return CommandState(str(entry["state"])) if entry else None

    def settle_left_over(self) -> tuple[list[Settled], list[bytes]]:
        """At start: the commands an earlier run was executing, settled (done if they end by
        restarting, else failed as interrupted), and the payloads of those it had received but
        not started, to run now (the expired ones failed)."""
        settled: list[Settled] = []
        waiting: list[bytes] = []
        with self._lock:
            now = self._clock()
            for command_id, entry in self._entries.items():
                try:
                    state, verb = CommandState(str(entry["state"])), Verb(str(entry["verb"]))
                except (KeyError, ValueError):
                    continue  # written by another version: its id still refuses a replay
                if state is CommandState.EXECUTING:
                    restarted = verb in ENDS_BY_RESTARTING
                    final = CommandState.DONE if restarted else CommandState.FAILED
                    code = "ok" if restarted else INTERRUPTED
                elif state is CommandState.RECEIVED and float(str(entry["expires_at"])) <= now:
                    final, code = CommandState.FAILED, Refusal.EXPIRED.value
                elif state is CommandState.RECEIVED:
                    waiting.append(str(entry["payload"]).encode())  # its entry stays: run once
                    continue
                else:
                    continue
                entry["state"], entry["code"] = final.value, code
                entry.pop("payload", None)
                settled.append(Settled(command_id, verb, final, code))
            self._save()
        return settled, waiting

    def _prune(self) -> None:
        horizon = self._clock() - KEPT_AFTER_EXPIRY_S
        for command_id in [k for k, e in self._entries.items() if _forgettable(e, horizon)]:
            del self._entries[command_id]

    def _save(self) -> None:
        write_state(self._path, {"commands": self._entries})


def _forgettable(entry: dict[str, object], horizon: float) -> bool:
    """Finished, and expired long enough ago; an entry that cannot be read is kept."""
    try:
        final = str(entry["state"]) in {state.value for state in FINAL}
        return final and float(str(entry["expires_at"])) < horizon
    except (KeyError, ValueError):
        return False
