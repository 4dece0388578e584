"""The camera device through the simulator: newest frame only, frozen, black, pulled out."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from devices.base import DeviceStatus
from devices.camera.camera import Camera, CameraCondition
from devices.camera.source import CameraUnavailable, ClipSource
from tests.support.kiosks import wait_until


def noisy_frames(count: int, level: int = 120) -> list[np.ndarray]:
    rng = np.random.default_rng(1)
    return [
        rng.integers(level - 20, level + 20, (120, 160, 3), dtype=np.uint8) for _ in range(count)
    ]


CLIP_FPS = 60.0


@pytest.fixture
def source() -> ClipSource:
    return ClipSource(noisy_frames(10), fps=CLIP_FPS)


@pytest.fixture
def camera(source: ClipSource) -> Iterator[Camera]:
    device = Camera(source, frozen_after_s=0.3, reopen_every_s=0.05)
    device.start()
    yield device
    device.close()


def newest_seq(camera: Camera) -> int:
    frame = camera.latest()
    return frame.seq if frame is not None else 0


def test_a_slow_consumer_gets_the_newest_frame_not_a_backlog(camera: Camera) -> None:
    first = camera.wait_for_frame(0, 5.0)
    assert first is not None
    # The consumer is busy while the camera delivers several frames (however long that takes).
    wait_until(lambda: newest_seq(camera) > first.seq + 5)
    newest_when_free = newest_seq(camera)
    frame = camera.wait_for_frame(first.seq, 1.0)
    assert frame is not None and frame.seq >= newest_when_free  # not first.seq + 1
    assert camera.condition is CameraCondition.OK and camera.status() is DeviceStatus.ONLINE
    assert camera.self_test().passed


def test_the_measured_rate_is_never_above_the_clips(camera: Camera) -> None:
    """A loaded machine may deliver fewer frames, never more. The simulator paces each frame
    from the one before; a late read is answered at once and the next back on the pace, so over
    the camera's window of 30 arrivals two intervals are the most that can be lost."""
    wait_until(lambda: newest_seq(camera) > 30)
    assert 0 < camera.measured_fps <= CLIP_FPS * 29 / 27


@pytest.mark.expected_log("camera.frozen")
def test_the_same_frame_for_long_is_a_frozen_camera(camera: Camera, source: ClipSource) -> None:
    source.play([noisy_frames(1)[0]])
    wait_until(lambda: camera.condition is CameraCondition.FROZEN)
    assert camera.status() is DeviceStatus.HARDWARE_ERROR
    assert not camera.self_test().passed
    source.play(noisy_frames(5))
    wait_until(lambda: camera.condition is CameraCondition.OK)


@pytest.mark.expected_log("camera.black")
def test_a_black_picture_is_reported(camera: Camera, source: ClipSource) -> None:
    source.play(noisy_frames(5, level=20))
    rng = np.random.default_rng(3)
    source.play([rng.integers(0, 6, (120, 160, 3), dtype=np.uint8) for _ in range(5)])
    wait_until(lambda: camera.condition is CameraCondition.BLACK)


@pytest.mark.expected_log("camera.unplugged")
def test_a_pulled_camera_is_reported_and_comes_back(camera: Camera, source: ClipSource) -> None:
    wait_until(lambda: camera.condition is CameraCondition.OK)
    source.unplugged = True
    wait_until(lambda: camera.condition is CameraCondition.UNPLUGGED)
    assert camera.latest() is None and camera.status() is DeviceStatus.NO_DEVICE
    source.unplugged = False
    wait_until(lambda: camera.condition is CameraCondition.OK)


@pytest.mark.expected_log("camera.not_opened")
def test_a_camera_that_cannot_be_opened() -> None:
    source = ClipSource(noisy_frames(2))
    source.unplugged = True
    device = Camera(source, reopen_every_s=0.05)
    device.start()
    try:
        wait_until(lambda: device.condition is CameraCondition.NOT_OPENED)
        assert device.wait_for_frame(0, 0.1) is None
    finally:
        device.close()


def test_clips_need_frames_and_readable_files(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        ClipSource([])
    (tmp_path / "broken.png").write_bytes(b"not an image")
    with pytest.raises(CameraUnavailable):
        ClipSource.from_files([tmp_path / "broken.png"])


def test_a_stopped_camera_keeps_no_frame_and_starts_again(camera: Camera) -> None:
    wait_until(lambda: camera.latest() is not None)
    camera.stop()
    assert camera.latest() is None and camera.measured_fps == 0.0
    camera.start()
    wait_until(lambda: camera.latest() is not None)
