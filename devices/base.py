"""What every device has: an XFS4IoT-style status, a self-test, typed errors and one I/O thread."""

from __future__ import annotations

import enum
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol, TypeVar, runtime_checkable

T = TypeVar("T")


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

    def __init__(self, detail: str = "") -> None:
        super().__init__(f"{self.code}: {detail}" if detail else self.code)
        self.detail = detail


class NotReady(DeviceError):
    """The device cannot do the work in its present state: the state is the detail, and the
    code is `<family>.<state>` (printer.media_empty, issuer.out_of_cards, …)."""

    family = "device"

    def __init__(self, state: enum.StrEnum) -> None:
        super().__init__(state.value)
        self.state = state
        self.code = f"{self.family}.{state.value}"


@runtime_checkable
class Device(Protocol):
    name: str

    def status(self) -> DeviceStatus: ...

    def self_test(self) -> SelfTestReport: ...

    def close(self) -> None: ...


class DeviceWorker:
    """The single thread a device does its I/O on, so two threads never talk to one device."""

    def __init__(self, device_name: str) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"dev-{device_name}")
        self._lock = threading.Lock()
        self._closed = False

    def submit(self, fn: Callable[..., T], *args: object) -> Future[T]:
        with self._lock:
            if self._closed:
                future: Future[T] = Future()
                future.set_exception(DeviceClosed())
                return future
            return self._executor.submit(fn, *args)

    def call(self, fn: Callable[..., T], *args: object) -> T:
        """Runs fn on the device thread and waits; for callers that are not the GUI thread."""
        return self.submit(fn, *args).result()

    def close(self) -> None:
        with self._lock:
            self._closed = True
        self._executor.shutdown(wait=True, cancel_futures=True)


class DeviceClosed(DeviceError):
    code = "device.closed"
