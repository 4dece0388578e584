"""Kill -9 a terminal while it submits and delivers, again and again; then count at the centre.

The terminal is a child forked from a zygote process that has the kiosk's modules loaded (and
no threads), so a life costs milliseconds, not the half second of a fresh interpreter. It
submits proof-of-life records for demo pensioners through the real outbox, worker and HTTP
client to the sandbox, continuing after each restart from the number of entries its outbox
holds. The parent SIGKILLs it at random moments. At the end one last life drains the queue, and
the sandbox's database must hold every entry of the outbox exactly once.
"""

from __future__ import annotations

import json
import logging
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk.central import models as m
from kiosk.central.client import CentralClient
from kiosk.central.operations import ELIGIBILITY_AUTHENTICATION
from kiosk.central.outbound import CentralOutbound, deliverer
from kiosk.config import load_settings
from offline_queue.delivery import Backoff
from offline_queue.service import OfflineQueue
from offline_queue.store import Outbox
from sandbox.citizens import demo_citizen
from tests.support.kiosks import on_sandbox

PENSIONERS = ("pensioner-due", "pensioner-authenticated")


def _terminal(data_dir: Path, sandbox_url: str) -> tuple[CentralOutbound, CentralClient]:
    settings = load_settings(environ=on_sandbox(sandbox_url))
    client = CentralClient(settings.central)
    outbox = Outbox(data_dir / "outbox.sqlite3", data_dir / "outbox.key")

    queue = OfflineQueue(
        outbox,
        deliverer(lambda: client),
        client.reachable,
        backoff=Backoff(base_s=0.02, cap_s=0.2),
        lease_s=5.0,
        submit_wait_s=2.0,
        online_probe_s=1.0,
        offline_probe_s=0.05,
    )
    queue.start()
    outbound = CentralOutbound(queue, lambda: client)
    client.on_reachability = queue.monitor.report
    return outbound, client


def terminal_life(data_dir: str, sandbox_url: str, total: int) -> None:
    """One life of the terminal: submit until `total` entries exist, then drain."""
    logging.basicConfig(level=logging.CRITICAL)
    outbound, _ = _terminal(Path(data_dir), sandbox_url)
    outbox = outbound.queue.outbox
    index = sum(outbox.status().counts.values())
    while index < total:
        citizen = demo_citizen(PENSIONERS[index % len(PENSIONERS)])

        def build(receipt: str, citizen_id: str = citizen.id_number) -> m.Request:
            return m.EligibilityAuthenticationRequest(
                receipt_number=receipt,
                id_number=citizen_id,
                captured_at=datetime.now(UTC),
                best_frame_jpeg_b64="",
                liveness=[],
                local_match_score=None,
                captured_offline=True,
            )

        outbound.submit(ELIGIBILITY_AUTHENTICATION, build, ordering_key=citizen.id_number)  # type: ignore[arg-type]
        index += 1
    outbound.queue.worker.wake()
    while outbox.open_count():
        time.sleep(0.01)


@dataclass
class CrashReport:
    kills: int
    lives: int
    accepted: int
    applied: int
    duplicates: int
    missing: int
    seconds: float


class Zygote:
    """A single-threaded process with everything imported, forking terminal lives on request.

    The parent kills a life by its PID; the zygote, its parent, reaps it."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", f"import {__name__} as h; h.zygote_main()"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).resolve().parents[2],
        )

    def _ask(self, command: dict[str, object]) -> str:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def start_life(self, data_dir: Path, sandbox_url: str, total: int) -> int:
        return int(self._ask({"life": [str(data_dir), sandbox_url, total]}))

    def wait(self, pid: int, timeout_s: float) -> int | None:
        """The life's exit code, or None if it still runs after `timeout_s`."""
        answer = self._ask({"wait": pid, "timeout": timeout_s})
        return None if answer == "alive" else int(answer)

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(10)
        if self.process.stdout is not None:
            self.process.stdout.close()


def zygote_main() -> None:
    for line in sys.stdin:
        command = json.loads(line)
        if "life" in command:
            pid = os.fork()
            if pid == 0:
                code = 1
                try:
                    terminal_life(*command["life"])
                    code = 0
                finally:
                    os._exit(code)
            print(pid, flush=True)
        else:
            print(_wait(command["wait"], command["timeout"]), flush=True)


def _wait(pid: int, timeout_s: float) -> str:
    deadline = time.monotonic() + timeout_s
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return str(os.waitstatus_to_exitcode(status))
        if time.monotonic() >= deadline:
            return "alive"
        time.sleep(0.002)


def run_crash_test(
    data_dir: Path, sandbox_url: str, sandbox_db: Path, kills: int, seed: int = 4
) -> CrashReport:
    rng = random.Random(seed)
    total = kills * 8  # roughly what a life submits before its kill: the kills fall throughout
    started = time.monotonic()
    killed = lives = 0
    zygote = Zygote()
    try:
        while killed < kills:
            pid = zygote.start_life(data_dir, sandbox_url, total)
            lives += 1
            code = zygote.wait(pid, rng.uniform(0.0, 0.25))
            if code is None:
                os.kill(pid, signal.SIGKILL)
                code = zygote.wait(pid, 10)
            if code == -signal.SIGKILL:
                killed += 1
            elif code != 0:
                raise AssertionError(f"a terminal life failed with exit code {code}")
            else:
                total += kills  # it finished everything before the kill: give it more to do
        last = zygote.start_life(data_dir, sandbox_url, 0)
        lives += 1
        if zygote.wait(last, 120) != 0:
            os.kill(last, signal.SIGKILL)
            raise AssertionError("the queue did not drain within 120 s")
    finally:
        zygote.close()
    return _count(data_dir, sandbox_db, killed, lives, time.monotonic() - started)


def _count(data_dir: Path, sandbox_db: Path, kills: int, lives: int, seconds: float) -> CrashReport:
    with sqlite3.connect(data_dir / "outbox.sqlite3") as outbox:
        accepted = {r for (r,) in outbox.execute("SELECT receipt FROM outbox_entries")}
        open_entries = outbox.execute(
            "SELECT count(*) FROM outbox_entries WHERE state != 'delivered'"
        ).fetchone()[0]
    with sqlite3.connect(sandbox_db) as central:
        applied = Counter(
            r for (r,) in central.execute("SELECT receipt_number FROM authentications")
        )
    assert open_entries == 0, f"{open_entries} entries were not delivered"
    return CrashReport(
        kills=kills,
        lives=lives,
        accepted=len(accepted),
        applied=sum(applied.values()),
        duplicates=sum(n - 1 for n in applied.values() if n > 1),
        missing=len(accepted - set(applied)),
        seconds=seconds,
    )
