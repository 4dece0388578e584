"""Where frames come from: a real camera through OpenCV, or the simulator's clips."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import cv2
import numpy.typing as npt

Image = npt.NDArray[Any]
"""BGR, height × width × 3, uint8, as OpenCV gives it."""


class CameraUnavailable(Exception):
    code = "camera.unavailable"


class FrameSource(Protocol):
    description: str
    fps: float
    """The rate asked for: the camera's setting, the clip's rate."""

    def open(self) -> None:
        """Raises CameraUnavailable."""

    def read(self) -> Image | None:
        """The next frame, blocking until it is there; None when the read failed."""

    def close(self) -> None: ...


class OpenCvSource:
    """A V4L2 camera by index. OpenCV blocks in read() until the camera delivers."""

    def __init__(self, index: int, width: int, height: int, fps: int) -> None:
        self.description = f"opencv:{index}"
        self.fps = float(fps)
        self._index, self._width, self._height, self._fps = index, width, height, fps
        self._capture: cv2.VideoCapture | None = None

    def open(self) -> None:
        capture = cv2.VideoCapture(self._index, cv2.CAP_V4L2)
        if not capture.isOpened():
            capture.release()
            raise CameraUnavailable(self.description)
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, self._width)
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, self._height)
        capture.set(cv2.CAP_PROP_FPS, self._fps)
        capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)  # the newest frame, not a backlog
        self._capture = capture

    def read(self) -> Image | None:
        if self._capture is None:
            return None
        ok, frame = self._capture.read()
        return frame if ok else None

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None


class ClipSource:
    """The simulator: plays frames (in memory, image files or a video file) in a loop at a fixed
    rate, through the same interface as a camera. `play()` swaps the clip while it runs."""

    def __init__(self, frames: Sequence[Image], fps: float = 15.0, description: str = "") -> None:
        if not frames:
            raise ValueError("a clip needs at least one frame")
        self.description = description or f"simulator:{len(frames)} frames"
        self.fps = fps
        self._lock = threading.Lock()
        self._frames = list(frames)
        self._index = 0
        self._interval = 1.0 / fps
        self._next_at = 0.0
        self._opened = False
        self.unplugged = False
        """Tests and demos: the next reads fail, as with a camera pulled out."""

    @classmethod
    def from_files(cls, paths: Sequence[Path], fps: float = 15.0) -> ClipSource:
        frames = []
        for path in paths:
            image = cv2.imread(str(path), cv2.IMREAD_COLOR)
            if image is None:
                raise CameraUnavailable(f"cannot read {path}")
            frames.append(image)
        return cls(frames, fps, f"simulator:{len(frames)} files")

    @classmethod
    def from_video(cls, path: Path, fps: float | None = None) -> ClipSource:
        capture = cv2.VideoCapture(str(path))
        frames = []
        while True:
            ok, frame = capture.read()
            if not ok:
                break
            frames.append(frame)
        rate = fps or capture.get(cv2.CAP_PROP_FPS) or 15.0
        capture.release()
        if not frames:
            raise CameraUnavailable(f"no frames in {path}")
        return cls(frames, rate, f"simulator:{path.name}")

    def play(self, frames: Sequence[Image]) -> None:
        with self._lock:
            self._frames = list(frames)
            self._index = 0

    def open(self) -> None:
        if self.unplugged:
            raise CameraUnavailable(self.description)
        self._opened = True
        self._next_at = time.monotonic()

    def read(self) -> Image | None:
        if self.unplugged or not self._opened:
            time.sleep(self._interval)
            return None
        delay = self._next_at - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        self._next_at = max(self._next_at + self._interval, time.monotonic())
        with self._lock:
            frame = self._frames[self._index % len(self._frames)]
            self._index += 1
        return frame

    def close(self) -> None:
        self._opened = False
