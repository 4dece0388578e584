"""The start history: crashes counted, a loop answered with a back-off that doubles, a stable
run or a back-off ending the count, the file whole after any write and never growing."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kiosk.audit import audit_log_path, read_records
from kiosk.config import KioskSettings, load_settings
from kiosk.system.restarts import (
    KEPT_RUNS,
    Backoff,
    Run,
    StartHistory,
    decide,
    record_start,
)

pytestmark = pytest.mark.expected_log("kiosk.crash_loop")
SETTINGS = KioskSettings()  # crash_limit 3, crash_window_s 600, stable_after_s 300, 60 → 1800 s


class Clock:
    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def pass_(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock()


def history(path: Path, clock: Clock, **settings: int) -> StartHistory:
    return StartHistory(path / "starts.json", SETTINGS.model_copy(update=settings), clock)


def crash(path: Path, clock: Clock, lasted: float = 5.0, restart_s: float = 2.0) -> Backoff | None:
    """A start whose process is killed after `lasted` seconds; systemd starts the next one
    `restart_s` later."""
    started = history(path, clock)
    backoff = started.begin()
    clock.pass_(lasted + restart_s)
    return backoff


def clean(path: Path, clock: Clock, lasted: float = 5.0) -> Backoff | None:
    started = history(path, clock)
    backoff = started.begin()
    clock.pass_(lasted)
    started.clean_exit()
    clock.pass_(2)
    return backoff


def test_three_quick_crashes_make_the_fourth_start_a_back_off(tmp_path: Path, clock: Clock) -> None:
    assert crash(tmp_path, clock) is None
    assert crash(tmp_path, clock) is None
    assert crash(tmp_path, clock) is None
    fourth = history(tmp_path, clock).begin()
    assert fourth == Backoff(seconds=60, crashes=3, level=0)


def test_clean_exits_are_no_crashes(tmp_path: Path, clock: Clock) -> None:
    for _ in range(5):
        assert clean(tmp_path, clock) is None
    assert history(tmp_path, clock).begin() is None


def test_crashes_outside_the_window_do_not_count(tmp_path: Path, clock: Clock) -> None:
    crash(tmp_path, clock)
    crash(tmp_path, clock)
    clock.pass_(700)  # the kiosk was off (a power cut, not a crash loop)
    crash(tmp_path, clock)
    assert history(tmp_path, clock).begin() is None


def test_a_stable_run_between_ends_the_count(tmp_path: Path, clock: Clock) -> None:
    crash(tmp_path, clock)
    crash(tmp_path, clock, lasted=320)  # ran five minutes before it died
    crash(tmp_path, clock)
    crash(tmp_path, clock)
    assert history(tmp_path, clock, crash_window_s=3600).begin() is None


def test_a_back_off_over_lets_the_next_start_try_normally_then_doubles(
    tmp_path: Path, clock: Clock
) -> None:
    for _ in range(3):
        crash(tmp_path, clock)
    levels: list[int] = []
    for expected in (60, 120, 240, 480, 960, 1800, 1800):
        backoff_run = history(tmp_path, clock, crash_window_s=100_000)
        backoff = backoff_run.begin()
        assert backoff is not None and backoff.seconds == expected
        levels.append(backoff.level)
        clock.pass_(expected)
        backoff_run.backoff_over()
        clock.pass_(2)
        # Tries again: no back-off for the next start, whose crashes count afresh.
        assert crash(tmp_path, clock) is None
        assert crash(tmp_path, clock) is None
        assert crash(tmp_path, clock) is None
    assert levels == [0, 1, 2, 3, 4, 5, 6]


def test_a_stable_run_after_back_offs_starts_the_doubling_again(
    tmp_path: Path, clock: Clock
) -> None:
    for _ in range(3):
        crash(tmp_path, clock)
    first = history(tmp_path, clock)
    assert first.begin() == Backoff(60, 3, 0)
    clock.pass_(60)
    first.backoff_over()
    clean(tmp_path, clock, lasted=400)  # then it worked for a while
    for _ in range(3):
        crash(tmp_path, clock)
    assert history(tmp_path, clock).begin() == Backoff(60, 3, 0)


def test_a_back_off_run_that_is_killed_is_no_crash_of_a_normal_run(
    tmp_path: Path, clock: Clock
) -> None:
    for _ in range(3):
        crash(tmp_path, clock)
    assert crash(tmp_path, clock) is not None  # the back-off itself was killed
    assert history(tmp_path, clock).begin() is None  # the next start tries again


def test_the_history_never_grows(tmp_path: Path, clock: Clock) -> None:
    for _ in range(KEPT_RUNS * 3):
        clean(tmp_path, clock, lasted=1000)
    runs = json.loads((tmp_path / "starts.json").read_text())["runs"]
    assert len(runs) == KEPT_RUNS
    assert all(set(run) == {"started", "mode", "ended", "ending"} for run in runs)


def test_writes_are_whole_and_leave_no_temp_file(tmp_path: Path, clock: Clock) -> None:
    started = history(tmp_path, clock)
    started.begin()
    started.clean_exit()
    assert os.listdir(tmp_path) == ["starts.json"]
    assert oct((tmp_path / "starts.json").stat().st_mode & 0o777) == "0o600"


@pytest.mark.expected_log("kiosk.start_history_unreadable")
def test_a_damaged_history_is_started_afresh(tmp_path: Path, clock: Clock) -> None:
    (tmp_path / "starts.json").write_text('{"runs": [{"started": ')
    started = history(tmp_path, clock)
    assert started.begin() is None
    assert len(started.runs()) == 1


def test_decide_reads_a_crash_by_the_next_start() -> None:
    now = 10_000.0
    loop = [Run(now - 30, "normal"), Run(now - 20, "normal"), Run(now - 10, "normal")]
    assert decide(loop, now, SETTINGS) == Backoff(60, 3, 0)
    assert decide(loop[1:], now, SETTINGS) is None
    assert decide(loop, now, SETTINGS.model_copy(update={"crash_limit": 4})) is None


def test_record_start_audits_a_back_off(tmp_path: Path, clock: Clock) -> None:
    settings = load_settings(environ={"SHEYIN_PATHS_DATA_DIR": str(tmp_path)})
    for _ in range(3):
        assert record_start(settings, clock).backoff is None
        clock.pass_(5)
    run = record_start(settings, clock)
    assert run.backoff == Backoff(60, 3, 0)
    records = list(read_records(audit_log_path(tmp_path)))
    assert [(r.actor, r.action, r.outcome, r.target) for r in records] == [
        ("kiosk", "kiosk.crash_loop", "backoff:1", "s60")
    ]
    clock.pass_(60)
    run.backoff_over()
    assert record_start(settings, clock).backoff is None
