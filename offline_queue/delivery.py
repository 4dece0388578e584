"""Delivery: the worker thread that drains the outbox, and the connectivity monitor it obeys.

The worker knows nothing of HTTP. It hands each entry to a `Deliver` function, which answers
with one of three outcomes: delivered (with the receiver's answer), retry later (network down,
timeout, server error) or rejected for good (a business refusal, kept as a dead letter).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from offline_queue.store import Entry, Outbox

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Delivered:
    result: bytes


@dataclass(frozen=True)
class Retry:
    code: str
    unreachable: bool = True
    """The receiver could not be reached (or answered that it is down): the line is offline."""


@dataclass(frozen=True)
class Reject:
    code: str


Outcome = Delivered | Retry | Reject
Deliver = Callable[[Entry], Outcome]


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with full jitter: a delay drawn from [0, min(cap, base * 2^n)).

    Full jitter spreads the retries of many terminals that lost the line at the same moment."""

    base_s: float = 1.0
    cap_s: float = 300.0

    def delay(self, attempts: int, draw: Callable[[], float] = random.random) -> float:
        ceiling = min(self.cap_s, self.base_s * 2 ** max(0, attempts - 1))
        return float(draw() * ceiling)


Listener = Callable[[bool], None]

_delivering = threading.local()


def lease_time_left() -> float | None:
    """Seconds the delivery running on this thread may still take before its entry's lease
    runs out (less a margin to record the outcome); None outside a delivery.

    A `Deliver` function's client bounds its call by it, so a hung call never holds an entry
    past `lease_s` (the worker moves on, and another life of the queue finds it pending)."""
    ends: float | None = getattr(_delivering, "ends", None)
    return None if ends is None else max(0.0, ends - time.monotonic())


class ConnectivityMonitor:
    """Online or offline, from a probe run on its own thread and from every delivery's result.

    Unknown (None) until the first probe or result. Listeners hear each change, on the thread
    that noticed it."""

    def __init__(
        self,
        probe: Callable[[], bool],
        online_interval_s: float = 30.0,
        offline_interval_s: float = 5.0,
    ) -> None:
        self._probe = probe
        self._online_interval_s = online_interval_s
        self._offline_interval_s = offline_interval_s
        self._online: bool | None = None
        self._lock = threading.Lock()
        self._listeners: list[Listener] = []
        self._stop = threading.Event()
        self._kick = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def online(self) -> bool | None:
        return self._online

    def add_listener(self, listener: Listener) -> Callable[[], None]:
        with self._lock:
            self._listeners.append(listener)

        def remove() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return remove

    def report(self, reachable: bool) -> None:
        """What a delivery or any other call to the receiver just found."""
        with self._lock:
            changed = self._online is not reachable
            self._online = reachable
            listeners = list(self._listeners) if changed else []
        if changed:
            log.info("queue.%s", "online" if reachable else "offline")
        for listener in listeners:
            listener(reachable)
        if changed and not reachable:
            self._kick.set()  # probe on the offline schedule from now on

    def probe_now(self) -> bool:
        try:
            reachable = self._probe()
        except Exception:
            log.exception("queue.probe_failed")
            reachable = False
        self.report(reachable)
        return reachable

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="connectivity", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._kick.set()
        if self._thread is not None:
            self._thread.join(5.0)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.probe_now()
            interval = self._online_interval_s if self._online else self._offline_interval_s
            self._kick.wait(interval)
            self._kick.clear()


class DeliveryWorker:
    """Drains the outbox on its own thread while the monitor says the receiver is reachable."""

    def __init__(
        self,
        outbox: Outbox,
        deliver: Deliver,
        monitor: ConnectivityMonitor,
        *,
        backoff: Backoff | None = None,
        lease_s: float = 60.0,
        purge_every_s: float = 3600.0,
        idle_poll_s: float = 30.0,
    ) -> None:
        self._outbox = outbox
        self._deliver = deliver
        self._monitor = monitor
        self._backoff = backoff or Backoff()
        self._lease_s = lease_s
        self._purge_every_s = purge_every_s
        self._idle_poll_s = idle_poll_s
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._settled = threading.Condition()
        self._thread: threading.Thread | None = None
        self._remove_listener = monitor.add_listener(self._on_connectivity)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="delivery", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        self._remove_listener()
        if self._thread is not None:
            self._thread.join(timeout_s)

    def wake(self) -> None:
        self._wake.set()

    def wait_for_attempt(self, predicate: Callable[[], bool], timeout_s: float) -> bool:
        """Blocks until `predicate` holds after some delivery attempt, or the time runs out."""
        deadline = time.monotonic() + timeout_s
        with self._settled:
            while not predicate():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._settled.wait(remaining)
        return True

    def _on_connectivity(self, online: bool) -> None:
        if online:
            # Entries sat out backoffs because the line was down, not because of themselves.
            self._outbox.wake()
            self._wake.set()

    def _run(self) -> None:
        next_purge = 0.0
        while not self._stop.is_set():
            if time.monotonic() >= next_purge:
                purged = self._outbox.purge()
                if purged:
                    log.info("queue.purged: %d delivered payloads", purged)
                next_purge = time.monotonic() + self._purge_every_s
            if self._monitor.online is False:
                self._sleep(self._idle_poll_s)
                continue
            claimed_at = time.monotonic()
            entry = self._outbox.claim(self._lease_s)
            if entry is None:
                due_in = self._outbox.next_due_in()
                self._sleep(self._idle_poll_s if due_in is None else min(due_in, self._idle_poll_s))
                continue
            self.attempt(entry, claimed_at=claimed_at)

    def _sleep(self, seconds: float) -> None:
        self._wake.wait(seconds)
        self._wake.clear()

    def attempt(self, entry: Entry, *, claimed_at: float | None = None) -> Outcome:
        """Delivers one leased entry (leased at `claimed_at`, monotonic; now if not given) and
        records the outcome. The delivery may take until the lease's end, less a margin:
        `lease_time_left()` tells it how long that is."""
        start = time.monotonic() if claimed_at is None else claimed_at
        _delivering.ends = start + self._lease_s - min(1.0, 0.1 * self._lease_s)
        try:
            outcome = self._deliver(entry)
        except Exception:
            # A bug in the delivery code must not stop the queue: log it and retry later.
            log.exception("queue.delivery_crashed: entry %s", entry.id)
            outcome = Retry("queue.delivery_crashed")
        finally:
            _delivering.ends = None
        if isinstance(outcome, Delivered):
            self._outbox.complete(entry, outcome.result)
            self._monitor.report(True)
        elif isinstance(outcome, Reject):
            self._outbox.bury(entry, outcome.code)
            self._monitor.report(True)
            log.warning("queue.dead_letter: entry %s refused with %s", entry.id, outcome.code)
        else:
            delay = self._backoff.delay(entry.attempts)
            self._outbox.reschedule(entry, outcome.code, delay)
            log.info("queue.retry: entry %s (%s), next in %.1f s", entry.id, outcome.code, delay)
            if outcome.unreachable:
                self._monitor.report(False)
        with self._settled:
            self._settled.notify_all()
        return outcome
