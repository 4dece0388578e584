"""Offline queue: durable enqueue rate against persist-queue, drain rate to the sandbox, memory
with a 10 000-entry backlog, and the crash test at 1 000 kills."""

from __future__ import annotations

import json
import sqlite3
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

import persistqueue
import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from kiosk.central.client import CentralClient
from kiosk.central.operations import ELIGIBILITY_AUTHENTICATION
from kiosk.central.outbound import deliverer
from offline_queue.delivery import Delivered, Outcome
from offline_queue.service import OfflineQueue
from offline_queue.store import Entry, Limits, Outbox
from sandbox.citizens import demo_citizen
from sandbox.server import SandboxProcess
from tests.support.crash_harness import run_crash_test
from tests.support.kiosks import settings_for

BATCH = 200
PENSIONER = demo_citizen("pensioner-due")


def payload(receipt: str = "4000000000000002") -> bytes:
    return json.dumps(
        {
            "receipt_number": receipt,
            "id_number": PENSIONER.id_number,
            "captured_at": datetime.now(UTC).isoformat(),
            "best_frame_jpeg_b64": "",
            "liveness": [{"action": "blink", "passed": True, "at": datetime.now(UTC).isoformat()}],
            "local_match_score": 0.93,
            "captured_offline": True,
        }
    ).encode()


def report(benchmark: BenchmarkFixture, what: str, per_round: int) -> None:
    rate = per_round / benchmark.stats.stats.median
    benchmark.extra_info["per_second"] = round(rate)
    print(f"\n{what}: {rate:,.0f}/s (median of {benchmark.stats.stats.rounds} rounds)")


def test_enqueue_sheyin_outbox(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "o.sqlite3", tmp_path / "o.key", Limits(max_open_entries=10**7))
    assert outbox.pragmas() == ("wal", 2)

    def put_batch() -> None:
        for _ in range(BATCH):
            with outbox.transaction() as tx:
                tx.enqueue("eligibility_authentication", payload, ordering_key=PENSIONER.id_number)

    benchmark.pedantic(put_batch, rounds=7, warmup_rounds=1)
    report(benchmark, "outbox enqueue (sealed, WAL, synchronous=FULL, one commit each)", BATCH)
    outbox.close()


@pytest.mark.parametrize("synchronous", ["FULL", "default"])
def test_enqueue_persist_queue(
    benchmark: BenchmarkFixture, tmp_path: Path, synchronous: str
) -> None:
    queue = persistqueue.SQLiteAckQueue(str(tmp_path / "pq"), auto_commit=True)
    if synchronous == "FULL":
        queue._putter.execute("PRAGMA synchronous=FULL")
    level = queue._putter.execute("PRAGMA synchronous").fetchone()[0]
    item = json.loads(payload())

    def put_batch() -> None:
        for _ in range(BATCH):
            queue.put(item)

    benchmark.pedantic(put_batch, rounds=7, warmup_rounds=1)
    report(benchmark, f"persist-queue SQLiteAckQueue.put (synchronous={level}, clear)", BATCH)
    queue.close()


def test_drain_to_the_sandbox_on_loopback(
    benchmark: BenchmarkFixture, sandbox: SandboxProcess, tmp_path: Path
) -> None:
    """A backlog of 500 proof-of-life records delivered over HTTP, each applied and
    answered by the sandbox (signature check, idempotency record, receipt)."""
    client = CentralClient(settings_for(sandbox.url).central)
    outbox = Outbox(tmp_path / "d.sqlite3", tmp_path / "d.key", Limits(max_open_entries=10**6))
    backlog = 500
    queues: list[OfflineQueue] = []

    def fill() -> tuple[tuple[()], dict[str, object]]:
        for _ in range(backlog):
            with outbox.transaction() as tx:
                tx.enqueue(
                    ELIGIBILITY_AUTHENTICATION.kind, payload, ordering_key=PENSIONER.id_number
                )
        queues.append(OfflineQueue(outbox, deliverer(lambda: client), client.reachable))
        return (), {}

    def drain() -> None:
        queue = queues[-1]
        assert queue.start()
        queue.worker.wait_for_attempt(lambda: outbox.open_count() == 0, 120)
        queue.stop()

    benchmark.pedantic(drain, setup=fill, rounds=3)
    report(benchmark, "drain to the sandbox over loopback HTTP", backlog)
    with sqlite3.connect(tmp_path / "sandbox.sqlite3") as central:
        assert central.execute("SELECT count(*) FROM authentications").fetchone()[0] == 3 * backlog
    outbox.close()
    client.close()


def test_memory_stays_flat_with_a_10_000_entry_backlog(
    benchmark: BenchmarkFixture, tmp_path: Path
) -> None:
    """Python memory while 10 000 entries wait and while they drain: the outbox holds them on
    disk and the worker reads one at a time."""

    def measure() -> None:
        outbox = Outbox(tmp_path / "m.sqlite3", tmp_path / "m.key", Limits(max_open_entries=10**6))
        tracemalloc.start()
        with outbox.transaction() as tx:
            tx.enqueue("eligibility_authentication", payload)
        baseline = tracemalloc.get_traced_memory()[0]
        peaks = {}
        for total in (1_000, 10_000):
            while outbox.open_count() < total:
                with outbox.transaction() as tx:
                    tx.enqueue("eligibility_authentication", payload)
            peaks[total] = tracemalloc.get_traced_memory()[0] - baseline

        def deliver(entry: Entry) -> Outcome:
            return Delivered(b"{}")

        queue = OfflineQueue(outbox, deliver, lambda: True)
        tracemalloc.reset_peak()
        assert queue.start()
        queue.worker.wait_for_attempt(lambda: outbox.open_count() == 0, 120)
        drain_peak = tracemalloc.get_traced_memory()[1] - baseline
        queue.stop()
        tracemalloc.stop()
        print(
            f"\nmemory above baseline: 1 000 waiting {peaks[1_000] / 1024:.0f} KiB, "
            f"10 000 waiting {peaks[10_000] / 1024:.0f} KiB, "
            f"peak while draining 10 000 {drain_peak / 1024:.0f} KiB"
        )
        assert peaks[10_000] < 2 * 1024 * 1024
        assert drain_peak < 4 * 1024 * 1024
        with sqlite3.connect(outbox.path) as db:
            assert db.execute("SELECT count(*) FROM outbox_entries").fetchone()[0] == 10_000
        outbox.close()

    benchmark.pedantic(measure, rounds=1)


def test_crash_test_1000_kills(
    benchmark: BenchmarkFixture, sandbox: SandboxProcess, tmp_path: Path
) -> None:
    result = {}

    def crash() -> None:
        result["report"] = run_crash_test(
            tmp_path / "terminal", sandbox.url, tmp_path / "sandbox.sqlite3", kills=1000
        )

    benchmark.pedantic(crash, rounds=1)
    crash_report = result["report"]
    print(f"\ncrash test: {crash_report}")
    assert crash_report.duplicates == 0 and crash_report.missing == 0
    assert crash_report.applied == crash_report.accepted
