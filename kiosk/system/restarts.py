"""The start history: does this kiosk keep crashing? (issue 17, "come back by itself")

systemd starts the kiosk again whenever it ends (Restart=always). A fault that kills it at
every start would have it flash up and die forever, a citizen meeting half a screen each
time. So each start is recorded in `<data_dir>/starts.json`, and each run says how it ended:
a clean exit (SIGTERM or shut_down from the service manager, a technician's quit), or the end
of a back-off. A start whose run ended neither way crashed.

When `kiosk.crash_limit` crashes came within `kiosk.crash_window_s`, with no stable run
(`kiosk.stable_after_s`) and no back-off between them, this start is a back-off: the window
shows 暂停服务 instead of the services, for `kiosk.backoff_s`, doubled for each back-off
since the last stable run, up to `kiosk.backoff_max_s`; then the application exits with
BACKOFF_EXIT and the service manager starts it afresh, which tries again normally.

The file holds times and outcomes only; it is written whole (temp file, fsync, rename, the
directory fsynced) and keeps the newest KEPT_RUNS runs, so it survives a power cut and never
grows. Times are the wall clock's (a run's end must be compared with the next start, across
processes and boots); `clock` is injectable for tests.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from kiosk.config import KioskSettings, Settings
from kiosk.roles.state_file import write_state

log = logging.getLogger(__name__)

BACKOFF_EXIT = 75
"""The exit status of a back-off that has run its time (EX_TEMPFAIL): the service manager
starts the kiosk again, and the history counts it as no crash."""
RESTART_EXIT = 76
"""The operations centre asked for a restart (kiosk.fleet): not a crash. The service manager
starts the kiosk again; outside one, `sheyin run` starts itself again."""
CRASH_LOOP = "kiosk.crash_loop"
KEPT_RUNS = 32
"""Runs kept in the file: more than a loop needs to be seen, so the file never grows."""
FILE_NAME = "starts.json"

Mode = Literal["normal", "backoff"]
Ending = Literal["clean", "backoff_over"]


@dataclass(frozen=True)
class Run:
    started: float
    """Wall-clock seconds (time.time)."""
    mode: Mode
    ended: float | None = None
    ending: Ending | None = None
    """None: still running, or crashed (a later start finds it so)."""


@dataclass(frozen=True)
class Backoff:
    """This start is a back-off after a crash loop."""

    seconds: int
    crashes: int
    """Crashes that made the loop."""
    level: int
    """Back-offs before this one since the last stable run (0 for the first)."""


class BackingOff(Exception):
    """Raised instead of building the kiosk when this start is a back-off and a first screen
    is up to show it: nothing that crashed the kiosk is built again during the back-off."""

    def __init__(self, backoff: Backoff) -> None:
        super().__init__(f"{CRASH_LOOP}: back-off {backoff.seconds} s")
        self.backoff = backoff


class StartHistory:
    """One process's run in the history: `begin` at start, `clean_exit` or `backoff_over` at
    its end. Safe to call from any thread."""

    def __init__(
        self, path: Path, settings: KioskSettings, clock: Callable[[], float] = time.time
    ) -> None:
        self.path = path
        self._settings = settings
        self._clock = clock
        self._lock = threading.Lock()
        self._started: float | None = None
        self.backoff: Backoff | None = None

    def begin(self) -> Backoff | None:
        """Records this start; a Backoff if it comes after a crash loop (logged with
        kiosk.crash_loop), else None. A history that cannot be read is started afresh; one
        that cannot be written costs the loop detection, never the start."""
        with self._lock:
            now = self._clock()
            runs = self._read()
            backoff = decide(runs, now, self._settings)
            mode: Mode = "backoff" if backoff is not None else "normal"
            runs.append(Run(started=now, mode=mode))
            self._write(runs[-KEPT_RUNS:])
            self._started = now
            self.backoff = backoff
        if backoff is not None:
            log.warning(
                "%s: %d crashes within %d s, no service for %d s (back-off %d)",
                CRASH_LOOP,
                backoff.crashes,
                self._settings.crash_window_s,
                backoff.seconds,
                backoff.level + 1,
            )
        return backoff

    def clean_exit(self) -> None:
        """This run ended the way it should (the service manager stopped it, a technician
        quit): it was no crash."""
        self._end("clean")

    def backoff_over(self) -> None:
        """This run was a back-off and has run its time: the next start tries again."""
        self._end("backoff_over")

    def _end(self, ending: Ending) -> None:
        with self._lock:
            if self._started is None:
                return
            runs = self._read()
            for index in range(len(runs) - 1, -1, -1):
                if runs[index].started == self._started and runs[index].ending is None:
                    runs[index] = Run(runs[index].started, runs[index].mode, self._clock(), ending)
                    self._write(runs)
                    break
            self._started = None

    def runs(self) -> list[Run]:
        with self._lock:
            return self._read()

    def _read(self) -> list[Run]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            return [Run(**item) for item in raw["runs"]][-KEPT_RUNS:]
        except FileNotFoundError:
            return []
        except (OSError, ValueError, TypeError, KeyError) as error:
            log.warning("kiosk.start_history_unreadable: %s, started afresh", type(error).__name__)
            return []

    def _write(self, runs: list[Run]) -> None:
        try:
            write_state(self.path, {"runs": [asdict(run) for run in runs]})
        except OSError as error:
            log.warning("kiosk.start_history_unwritable: %s", type(error).__name__)


def decide(runs: list[Run], now: float, settings: KioskSettings) -> Backoff | None:
    """Whether a start at `now` after `runs` (oldest first) is a back-off.

    Walking back from the newest run: a run without an ending is a crash (counted if it
    started within the crash window); a back-off, or a stable run (its end, or for a crash the
    next start, at least stable_after_s after its start), ends the loop. The back-off's level
    counts the back-offs since the last stable run."""
    crashes = 0
    counting = True
    level = 0
    next_start = now
    for run in reversed(runs):
        lasted = (run.ended if run.ended is not None else next_start) - run.started
        next_start = run.started
        if run.mode == "normal" and lasted >= settings.stable_after_s:
            break  # a stable run: what came before it is no loop of this one
        if run.mode == "backoff":
            counting = False  # crashes before a back-off were answered by it
            level += 1
            continue
        if counting and run.ending is None and now - run.started <= settings.crash_window_s:
            crashes += 1
    if crashes < settings.crash_limit:
        return None
    seconds = min(settings.backoff_s * 2**level, settings.backoff_max_s)
    return Backoff(seconds=seconds, crashes=crashes, level=level)


def start_history(settings: Settings) -> StartHistory:
    """The history in the terminal's state directory."""
    return StartHistory(settings.paths.resolved_data_dir() / FILE_NAME, settings.kiosk)


def record_start(settings: Settings, clock: Callable[[], float] = time.time) -> StartHistory:
    """`sheyin run`'s start: recorded in the history; a back-off also goes into the audit log
    (`kiosk kiosk.crash_loop backoff:<level> <seconds>s`)."""
    history = StartHistory(settings.paths.resolved_data_dir() / FILE_NAME, settings.kiosk, clock)
    backoff = history.begin()
    if backoff is not None:
        from kiosk.audit import AuditLog, audit_log_path

        try:
            AuditLog(audit_log_path(settings.paths.resolved_data_dir())).append(
                "kiosk", CRASH_LOOP, f"backoff:{backoff.level + 1}", f"s{backoff.seconds}"
            )
        except Exception as exc:  # the back-off still runs; the log line has the code
            log.error("audit.append_failed: %s", getattr(exc, "code", type(exc).__name__))
    return history
