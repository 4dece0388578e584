"""The camera device: one capture thread keeps only the newest frame, and watches the stream.

A slow consumer never builds a backlog: it gets the newest frame and misses the ones between.
The stream is watched for what a technician must hear about: a camera that cannot be opened or
was pulled out, a frozen picture (the same frame for seconds), a black picture (lens covered,
shutter closed, a dead sensor).
"""

from __future__ import annotations

import enum
import logging
import threading
import time
from collections import deque
from dataclasses import dataclass

import cv2
import numpy as np

from devices.base import Counters, DeviceStatus, SelfTestReport
from devices.camera.source import CameraUnavailable, FrameSource, Image

log = logging.getLogger(__name__)


class CameraCondition(enum.StrEnum):
    STARTING = "starting"
    OK = "ok"
    NOT_OPENED = "not_opened"
    UNPLUGGED = "unplugged"
    FROZEN = "frozen"
    BLACK = "black"


CONDITION_STATUS = {
    CameraCondition.STARTING: DeviceStatus.STARTING,
    CameraCondition.OK: DeviceStatus.ONLINE,
    CameraCondition.NOT_OPENED: DeviceStatus.NO_DEVICE,
    CameraCondition.UNPLUGGED: DeviceStatus.NO_DEVICE,
    CameraCondition.FROZEN: DeviceStatus.HARDWARE_ERROR,
    CameraCondition.BLACK: DeviceStatus.USER_ERROR,
}


SELF_TEST_WAIT_S = 3.0
"""A camera at rest is given this long to deliver its first frame for a self-test."""


@dataclass(frozen=True)
class Frame:
    image: Image
    seq: int
    captured_at: float
    """time.monotonic() when it arrived."""


class Camera:
    name = "camera"

    def __init__(
        self,
        source: FrameSource,
        frozen_after_s: float = 2.0,
        black_level: float = 12.0,
        failed_reads_to_unplugged: int = 5,
        reopen_every_s: float = 2.0,
        *,
        counters: Counters | None = None,
    ) -> None:
        self.source = source
        self.counters = counters or Counters("starts")
        self._frozen_after_s = frozen_after_s
        self._black_level = black_level
        self._failed_reads_to_unplugged = failed_reads_to_unplugged
        self._reopen_every_s = reopen_every_s
        self._lock = threading.Lock()
        self._latest: Frame | None = None
        self._condition = CameraCondition.STARTING
        self._arrivals: deque[float] = deque(maxlen=30)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._running = threading.Lock()
        """start and stop one after the other: a stop still joining its capture thread must
        not meet a start that finds that thread alive and does nothing."""
        self._new_frame = threading.Condition(self._lock)

    # --- consumers ---

    def latest(self) -> Frame | None:
        """The newest frame, or None while there is none (or the stream is not usable)."""
        with self._lock:
            return self._latest

    def wait_for_frame(self, after_seq: int, timeout_s: float) -> Frame | None:
        """The first frame newer than `after_seq`, or None on timeout."""
        deadline = time.monotonic() + timeout_s
        with self._new_frame:
            while self._latest is None or self._latest.seq <= after_seq:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self._stop.is_set():
                    return None
                self._new_frame.wait(remaining)
            return self._latest

    @property
    def condition(self) -> CameraCondition:
        return self._condition

    def status(self) -> DeviceStatus:
        return CONDITION_STATUS[self._condition]

    @property
    def measured_fps(self) -> float:
        with self._lock:
            arrivals = list(self._arrivals)
        if len(arrivals) < 2 or arrivals[-1] == arrivals[0]:
            return 0.0
        return (len(arrivals) - 1) / (arrivals[-1] - arrivals[0])

    def self_test(self) -> SelfTestReport:
        """Of the camera as it is; one at rest (between citizens) captures for the test, up
        to SELF_TEST_WAIT_S for a frame, and rests again."""
        with self._running:
            at_rest = self._thread is None or not self._thread.is_alive()
            if at_rest:
                self._start()
        try:
            if at_rest:
                self.wait_for_frame(0, SELF_TEST_WAIT_S)
            return self._report()
        finally:
            if at_rest:
                self.stop()

    def _report(self) -> SelfTestReport:
        frame = self.latest()
        checks: list[tuple[str, bool, str]] = [
            ("opened", self._condition not in (CameraCondition.NOT_OPENED,), self._condition),
            ("frames", frame is not None, "" if frame else "camera.no_frames"),
            ("picture", self._condition is CameraCondition.OK, self._condition),
        ]
        return SelfTestReport(
            device=self.name,
            passed=all(ok for _, ok, _ in checks),
            status=self.status(),
            checks=tuple(checks),
        )

    # --- the capture thread ---

    def start(self) -> None:
        """Opens the camera and starts capturing (again, after stop())."""
        with self._running:
            self._start()

    def _start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self.counters.add("starts")
            self._stop.clear()
            self._condition = CameraCondition.STARTING
            self._thread = threading.Thread(target=self._run, name="dev-camera", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """Stops capturing and releases the camera (its light goes off); no frame is kept."""
        with self._running:
            self._stop_capture()

    def _stop_capture(self) -> None:
        self._stop.set()
        with self._new_frame:
            self._new_frame.notify_all()
        if self._thread is not None:
            self._thread.join(5.0)
            self._thread = None
        self.source.close()
        with self._lock:
            self._latest = None
            self._arrivals.clear()

    def close(self) -> None:
        self.stop()

    def _set(self, condition: CameraCondition) -> None:
        if condition is not self._condition:
            level = logging.INFO if condition is CameraCondition.OK else logging.WARNING
            log.log(level, "camera.%s: %s", condition.value, self.source.description)
            self._condition = condition

    def _run(self) -> None:
        seq = 0
        while not self._stop.is_set():
            try:
                self.source.open()
            except CameraUnavailable:
                self._set(
                    CameraCondition.UNPLUGGED
                    if self._condition is CameraCondition.UNPLUGGED
                    else CameraCondition.NOT_OPENED
                )
                self._stop.wait(self._reopen_every_s)
                continue
            seq = self._capture(seq)
            self.source.close()
            with self._lock:
                self._latest = None

    def _capture(self, seq: int) -> int:
        failures = 0
        last_signature: bytes | None = None
        unchanged_since = time.monotonic()
        while not self._stop.is_set():
            image = self.source.read()
            if image is None:
                failures += 1
                if failures >= self._failed_reads_to_unplugged:
                    self._set(CameraCondition.UNPLUGGED)
                    return seq
                continue
            failures = 0
            now = time.monotonic()
            small = cv2.resize(image, (32, 24), interpolation=cv2.INTER_AREA)
            signature = small.tobytes()
            if signature != last_signature:
                last_signature, unchanged_since = signature, now
            if now - unchanged_since >= self._frozen_after_s:
                self._set(CameraCondition.FROZEN)
            elif float(np.mean(small)) < self._black_level:
                self._set(CameraCondition.BLACK)
            else:
                self._set(CameraCondition.OK)
            seq += 1
            with self._new_frame:
                self._latest = Frame(image, seq, now)
                self._arrivals.append(now)
                self._new_frame.notify_all()
        return seq
