"""A staff member's day offline: 100 proof-of-life visits with their face evidence queued on the
laptop, then delivered to the sandbox when the line is back.

Each visit queues what the eligibility flow queues: the best frame as the face check encodes it
(a 640×480 camera frame of the demo pensioner with sensor noise, JPEG quality 90, Base64) and
the liveness trace, sealed in an outbox with the kiosk's default limits (`queue.*`). Measured:
the outbox's size (database and write-ahead log, as its disk guard counts it) against
`queue.max_file_mb`, `queue.min_free_mb` and `queue.max_open_entries`, and the time the
delivery worker takes to hand all 100 to the sandbox, which matches every frame against the
reference photo on file."""

from __future__ import annotations

import base64
import os
import sqlite3
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import cv2
from pytest_benchmark.fixture import BenchmarkFixture

from kiosk.central import models as m
from kiosk.central.client import CentralClient
from kiosk.central.operations import ELIGIBILITY_AUTHENTICATION
from kiosk.central.outbound import CentralOutbound, deliverer
from kiosk.config import FaceSettings, QueueSettings
from kiosk.face.clips import SETTLE_S, cooperative_clip
from kiosk.services.face_check import jpeg_bytes
from offline_queue.delivery import Backoff
from offline_queue.receipts import new_receipt_number
from offline_queue.service import OfflineQueue, Queued
from offline_queue.store import EntryState, Limits, Outbox
from sandbox.citizens import demo_citizen
from sandbox.db import FACES_DIR
from sandbox.server import SandboxProcess
from tests.support.kiosks import settings_for

VISITS = 100
ROUNDS = 3
MIB = 1024 * 1024
PENSIONER = demo_citizen("pensioner-due")
STAFF = "S0101"
CLIP_FPS = 15.0


def best_frames() -> list[bytes]:
    """The JPEGs the face check would send: frames from the facing phase of the demo clip
    (only their noise differs), encoded as `jpeg_bytes` encodes the best frame."""
    portrait = cv2.imread(str(FACES_DIR / "pensioner-due.jpg"))
    assert portrait is not None
    facing = cooperative_clip(portrait, fps=CLIP_FPS)[: round(SETTLE_S * CLIP_FPS)]
    return [jpeg_bytes(frame) for frame in facing]


def kiosk_limits() -> Limits:
    """The outbox limits a terminal runs with when queue.* is left at its defaults."""
    q = QueueSettings()
    return Limits(
        max_open_entries=q.max_open_entries,
        max_file_bytes=q.max_file_mb * MIB,
        min_free_bytes=q.min_free_mb * MIB,
        purge_after_days=q.purge_after_days,
    )


@dataclass
class Line:
    """The laptop's line to the central system: down all day, back in the evening."""

    up: bool = False

    def probe(self, client: CentralClient) -> bool:
        return self.up and client.reachable()


@dataclass
class Day:
    outbox: Outbox
    queue: OfflineQueue
    line: Line
    empty_bytes: int
    frame_bytes: list[int] = field(default_factory=list)


@dataclass
class Measured:
    file_bytes: list[int] = field(default_factory=list)
    wal_bytes: list[int] = field(default_factory=list)
    checkpointed: list[float] = field(default_factory=list)
    per_visit: list[float] = field(default_factory=list)
    frame_bytes: list[int] = field(default_factory=list)
    free_after: list[int] = field(default_factory=list)
    payloads: list[bytes] = field(default_factory=list)
    """The last day's requests as the central system receives them: the references' input."""


def test_a_day_of_100_visits_offline_then_delivered(
    benchmark: BenchmarkFixture, sandbox: SandboxProcess, tmp_path: Path
) -> None:
    settings = settings_for(sandbox.url)
    client = CentralClient(settings.central)
    frames = best_frames()
    tuning = QueueSettings()
    actions = FaceSettings().liveness_actions
    limits = kiosk_limits()
    days: list[Day] = []
    measured = Measured()

    def a_day_offline() -> tuple[tuple[()], dict[str, object]]:
        directory = tmp_path / f"day{len(days)}"
        outbox = Outbox(directory / "outbox.sqlite3", directory / "outbox.key", limits)
        line = Line()
        queue = OfflineQueue(
            outbox,
            deliverer(lambda: client),
            lambda: line.probe(client),
            backoff=Backoff(tuning.backoff_base_s, tuning.backoff_cap_s),
            lease_s=tuning.lease_s,
            submit_wait_s=tuning.submit_wait_s,
            online_probe_s=tuning.online_probe_s,
            offline_probe_s=tuning.offline_probe_s,
        )
        assert queue.start()
        assert queue.monitor.probe_now() is False
        day = Day(outbox, queue, line, outbox.file_bytes())
        outbound = CentralOutbound(queue, lambda: client, operator=lambda: STAFF)
        for visit in range(VISITS):
            jpeg = frames[visit % len(frames)]
            day.frame_bytes.append(len(jpeg))
            captured = datetime.now(UTC)
            trace = [
                m.LivenessStep(action=action, passed=True, at=captured - timedelta(seconds=n))
                for n, action in enumerate(("blink", "turn_left", "turn_right")[:actions])
            ]

            def request(
                receipt: str, jpeg: bytes = jpeg, at: datetime = captured,
                trace: list[m.LivenessStep] = trace,
            ) -> m.EligibilityAuthenticationRequest:  # fmt: skip
                return m.EligibilityAuthenticationRequest(
                    receipt_number=receipt,
                    id_number=PENSIONER.id_number,
                    captured_at=at,
                    best_frame_jpeg_b64=base64.b64encode(jpeg).decode("ascii"),
                    liveness=trace,
                    local_match_score=None,
                    captured_offline=True,
                )

            sent = outbound.submit(
                ELIGIBILITY_AUTHENTICATION, request, ordering_key=PENSIONER.id_number
            )
            assert isinstance(sent, Queued)
            if visit == 0:
                measured.payloads.clear()
            measured.payloads.append(request(new_receipt_number()).model_dump_json().encode())
        days.append(day)
        return (), {}

    def deliver_when_the_line_is_back() -> None:
        day = days[-1]
        day.line.up = True
        day.queue.monitor.report(True)
        assert day.queue.worker.wait_for_attempt(lambda: day.outbox.open_count() == 0, 600)

    def measure_the_day() -> None:
        day = days[-1]
        size = day.outbox.file_bytes()
        measured.file_bytes.append(size)
        measured.wal_bytes.append(Path(str(day.outbox.path) + "-wal").stat().st_size)
        # What the visits take once the log is folded into the database: the log itself stops
        # growing at SQLite's automatic checkpoint (1000 pages), whatever the day brings.
        with sqlite3.connect(day.outbox.path) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        measured.checkpointed.append((day.outbox.file_bytes() - day.empty_bytes) / VISITS)
        measured.per_visit.append((size - day.empty_bytes) / VISITS)
        measured.frame_bytes += day.frame_bytes
        stats = os.statvfs(day.outbox.path.parent)
        measured.free_after.append(stats.f_bavail * stats.f_frsize)
        assert day.outbox.open_count() == VISITS

    def a_day() -> tuple[tuple[()], dict[str, object]]:
        prepared = a_day_offline()
        measure_the_day()
        return prepared

    benchmark.pedantic(deliver_when_the_line_is_back, setup=a_day, rounds=ROUNDS)
    for day in days:
        day.queue.stop()
        assert day.outbox.status().counts[EntryState.DELIVERED] == VISITS
        day.outbox.close()
    client.close()

    with sqlite3.connect(tmp_path / "sandbox.sqlite3") as central:
        outcomes = dict(
            central.execute("SELECT outcome, count(*) FROM authentications GROUP BY outcome")
        )
    assert outcomes == {"authenticated": ROUNDS * VISITS}, outcomes

    # The references, in the same run: the requests' own bytes (what any store must keep), and
    # the same 100 requests posted straight to the sandbox one after another, with no outbox.
    plain_bytes = sum(len(payload) for payload in measured.payloads)
    direct = CentralClient(settings.central)
    started = time.perf_counter()
    for payload in measured.payloads:
        direct.send_write(
            ELIGIBILITY_AUTHENTICATION.path,
            payload,
            ELIGIBILITY_AUTHENTICATION.reply,
            uuid.uuid4(),
        )
    direct_s = time.perf_counter() - started
    direct.close()

    seconds = benchmark.stats.stats.median
    largest = measured.file_bytes.index(max(measured.file_bytes))
    file_bytes, wal_bytes = measured.file_bytes[largest], measured.wal_bytes[largest]
    per_visit = sum(measured.per_visit) / len(measured.per_visit)
    frame = sum(measured.frame_bytes) / len(measured.frame_bytes)
    within = {
        "queue.max_file_mb": file_bytes <= limits.max_file_bytes,
        "queue.min_free_mb": min(measured.free_after) >= limits.min_free_bytes,
        "queue.max_open_entries": limits.max_open_entries >= VISITS,
    }
    benchmark.extra_info.update(
        bytes_per_visit=round(per_visit),
        outbox_mb=round(file_bytes / MIB, 2),
        seconds_to_deliver=round(seconds, 2),
        visits_per_second=round(VISITS / seconds, 1),
    )
    print(
        f"\nstaff day, {VISITS} proof-of-life visits queued offline: best frame "
        f"{frame / 1024:.1f} KiB JPEG; outbox {file_bytes:,} bytes "
        f"({file_bytes / MIB:.2f} MiB, of which write-ahead log {wal_bytes / MIB:.2f} MiB; "
        f"{per_visit:,.0f} bytes a visit; {max(measured.checkpointed):,.0f} bytes a visit "
        "after a checkpoint); within "
        + ", ".join(f"{name} {'yes' if ok else 'NO'}" for name, ok in within.items())
        + f" (max file {limits.max_file_bytes // MIB} MiB = about "
        f"{(limits.max_file_bytes - wal_bytes) / max(measured.checkpointed):,.0f} such visits; "
        "free disk after "
        f"{min(measured.free_after) / MIB:,.0f} MiB, {limits.min_free_bytes // MIB} MiB kept)"
    )
    print(
        f"delivered to the sandbox when the line came back: {seconds:.2f} s for {VISITS} "
        f"({VISITS / seconds:.1f} visits/s, median of {ROUNDS} days)"
    )
    folded = max(measured.checkpointed) * VISITS / plain_bytes
    print(
        f"references: the requests themselves {plain_bytes:,} bytes (outbox "
        f"{per_visit * VISITS / plain_bytes:.2f}x, {folded:.2f}x after a checkpoint); the same "
        f"{VISITS} posted straight to the sandbox {direct_s:.2f} s "
        f"(the queue's delivery {seconds / direct_s:.2f}x)"
    )
    benchmark.extra_info.update(
        plain_request_bytes=plain_bytes, direct_post_seconds=round(direct_s, 2)
    )
    assert all(within.values()), within
