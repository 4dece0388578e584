"""What every device has: an XFS4IoT-style status, a self-test, typed errors and one I/O thread."""

from __future__ import annotations

import enum
import threading
from collections.abc import Callable
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import ClassVar, Generic, Protocol, TypeVar, runtime_checkable

T = TypeVar("T")
S = TypeVar("S")


class DeviceStatus(enum.StrEnum):
    """XFS4IoT common status values."""

    ONLINE = "online"
    OFFLINE = "offline"
    POWER_OFF = "powerOff"
    NO_DEVICE = "noDevice"
    HARDWARE_ERROR = "hardwareError"
    USER_ERROR = "userError"
    DEVICE_BUSY = "deviceBusy"
    STARTING = "starting"


class MediaStatus(enum.StrEnum):
    """XFS4IoT card reader media status."""

    PRESENT = "present"
    NOT_PRESENT = "notPresent"
    JAMMED = "jammed"


@dataclass(frozen=True)
class SelfTestReport:
    device: str
    passed: bool
    status: DeviceStatus
    checks: tuple[tuple[str, bool, str], ...] = ()
    """(check name, passed, detail code) — detail codes, never personal data."""
    at: datetime = field(default_factory=lambda: datetime.now(UTC))


class DeviceError(Exception):
    """Base of every device error. `code` is stable and safe to log; no personal data inside."""

    code = "device.error"
    fault: ClassVar[bool] = True
    """False for what a citizen does (no card, a wrong card, Cancel): not counted against the
    device."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(f"{self.code}: {detail}" if detail else self.code)
        self.detail = detail


class NotReady(DeviceError):
    """The device cannot do the work in its present state: the state is the detail, and the
    code is `<family>.<state>` (printer.media_empty, issuer.out_of_cards, …)."""

    family = "device"
    fault = False
    """The state is the fault, counted once by the device monitor when it changes; each job
    refused for it is not another."""

    def __init__(self, state: enum.StrEnum) -> None:
        super().__init__(state.value)
        self.state = state
        self.code = f"{self.family}.{state.value}"


@dataclass(frozen=True)
class Fault:
    code: str
    at: datetime


@dataclass(frozen=True)
class DeviceCounts:
    """What a device has done and met since the terminal started (XFS4IoT's counters)."""

    counters: tuple[tuple[str, int], ...] = ()
    """(counter, value) in the driver's order: cards read, pages printed, cards in the hopper."""
    faults: int = 0
    last_fault: Fault | None = None


class Counters:
    """A device's counters and faults since start. Thread-safe and without I/O: the
    technician's screen reads them on the GUI thread."""

    def __init__(self, *names: str) -> None:
        self._lock = threading.Lock()
        self._values = dict.fromkeys(names, 0)
        self._faults = 0
        self._last_fault: Fault | None = None

    def add(self, name: str, count: int = 1) -> None:
        with self._lock:
            self._values[name] = self._values.get(name, 0) + count

    def fault(self, code: str) -> None:
        with self._lock:
            self._faults += 1
            self._last_fault = Fault(code, datetime.now(UTC))

    def snapshot(self, *gauges: tuple[str, int]) -> DeviceCounts:
        """The counters, after `gauges` (what the device holds now: cards in the hopper)."""
        with self._lock:
            return DeviceCounts((*gauges, *self._values.items()), self._faults, self._last_fault)


@runtime_checkable
class Counted(Protocol):
    """A device that keeps counters and knows its media; both answered without I/O."""

    counters: Counters

    def counts(self) -> DeviceCounts: ...

    def media(self) -> str | None:
        """The media state: present / notPresent for a card, ok / low / out for paper; None
        where the device has none or cannot tell."""
        ...


@runtime_checkable
class Device(Protocol):
    name: str

    def status(self) -> DeviceStatus: ...

    def self_test(self) -> SelfTestReport: ...

    def close(self) -> None: ...


@runtime_checkable
class Reopenable(Protocol):
    """A device that can be opened again when it comes back (a serial port replugged)."""

    def reopen(self) -> Future[None]:
        """Closes what is open and opens the device again, on its own thread."""
        ...


class DeviceWorker:
    """The single thread a device does its I/O on, so two threads never talk to one device."""

    def __init__(self, device_name: str, counters: Counters | None = None) -> None:
        """`counters`: where a device error raised by work on this thread is counted."""
        self.device_name = device_name
        self.counters = counters
        self._thread: int | None = None
        self._executor = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix=f"dev-{device_name}", initializer=self._started
        )
        self._lock = threading.Lock()
        self._closed = False

    def _started(self) -> None:
        self._thread = threading.get_ident()

    @property
    def on_thread(self) -> bool:
        """Whether the caller runs on this worker's thread."""
        return self._thread is not None and threading.get_ident() == self._thread

    def check_thread(self) -> None:
        """Raises WrongThread unless called on this worker's thread: a driver's private I/O
        functions call it first, so a call that skipped the worker fails at once, not rarely."""
        if not self.on_thread:
            raise WrongThread(self.device_name)

    def submit(self, fn: Callable[..., T], *args: object) -> Future[T]:
        with self._lock:
            if self._closed:
                future: Future[T] = Future()
                future.set_exception(DeviceClosed())
                return future
            return self._executor.submit(self._counted, fn, *args)

    def _counted(self, fn: Callable[..., T], *args: object) -> T:
        try:
            return fn(*args)
        except DeviceError as exc:
            if exc.fault and self.counters is not None:
                self.counters.fault(exc.code)
            raise

    def call(self, fn: Callable[..., T], *args: object) -> T:
        """Runs fn on the device thread and waits; for callers that are not the GUI thread.
        On the device thread itself it runs fn at once (waiting for itself would never end)."""
        if self.on_thread:
            return fn(*args)
        return self.submit(fn, *args).result()

    def close(self) -> None:
        """Lets the operation under way finish, cancels the queued ones (their futures say
        so) and ends the thread. Safe to call twice."""
        with self._lock:
            self._closed = True
        # From the worker itself (a listener closing its device) the thread cannot be joined.
        self._executor.shutdown(wait=not self.on_thread, cancel_futures=True)


class DeviceClosed(DeviceError):
    code = "device.closed"


class WrongThread(DeviceError):
    """A driver's I/O was called on a thread other than its device's worker: a bug in the
    driver or its caller, never a state of the device."""

    code = "device.wrong_thread"


class PolledState(Generic[S]):
    """A device state read on the device's worker, with the last answer kept: a status poll
    costs a short wait at most, and never piles queries up behind a busy device."""

    def __init__(self, worker: DeviceWorker, read: Callable[[], S]) -> None:
        self._worker = worker
        self._read = read
        self._lock = threading.Lock()
        self._last: S | None = None
        self._pending: Future[S] | None = None

    @property
    def last(self) -> S | None:
        """The last answer; None before the first."""
        with self._lock:
            return self._last

    def keep(self, state: S) -> None:
        """What an operation learnt of the state on the way (a refused job, a finished one)."""
        with self._lock:
            self._last = state

    def read(self) -> Future[S]:
        """A fresh read, queued on the worker."""
        return self._worker.submit(self._read_and_keep)

    def read_here(self) -> S:
        """A fresh read on the worker's thread, for the driver's own I/O functions."""
        return self._read_and_keep()

    def poll(self, wait_s: float) -> S | None:
        """The state within `wait_s`: a read is queued unless one is under way, and the last
        answer stands in if it does not come in time (or the device is closed)."""
        with self._lock:
            if self._pending is None or self._pending.done():
                self._pending = self._worker.submit(self._read_and_keep)
            pending = self._pending
        try:
            return pending.result(wait_s)
        except (TimeoutError, CancelledError, DeviceError):
            return self.last

    def _read_and_keep(self) -> S:
        state = self._read()
        self.keep(state)
        return state
