"""The demo's camera: the due demo pensioner, cooperating, played by the camera simulator."""

from __future__ import annotations

from typing import TYPE_CHECKING

from devices.manager import DriverContext, LazyCamera

if TYPE_CHECKING:
    from devices.camera.source import FrameSource, Image


def demo_clip() -> list[Image]:
    """Frames of the due demo pensioner (the sandbox's reference photo) blinking and turning."""
    import cv2

    from kiosk.face.clips import cooperative_clip
    from sandbox.db import FACES_DIR

    portrait: Image | None = cv2.imread(str(FACES_DIR / "pensioner-due.jpg"))
    if portrait is None:
        raise FileNotFoundError("the demo portrait is missing from the sandbox package")
    return cooperative_clip(portrait)


def demo_camera(ctx: DriverContext) -> LazyCamera:
    """The camera simulator's driver row in the demo: `devices.camera_clip` if one is set,
    otherwise the demo pensioner's clip."""
    from devices.manager import DRIVERS, DeviceClass

    if ctx.options.camera_clip:
        simulator = DRIVERS[(DeviceClass.CAMERA, "simulator")](ctx)
        assert isinstance(simulator, LazyCamera)
        return simulator

    def source() -> FrameSource:
        # OpenCV and NumPy load with the first face check, not with the first screen.
        from devices.camera.source import ClipSource

        return ClipSource(demo_clip(), ctx.options.camera_fps, "simulator:demo pensioner")

    return LazyCamera(source)
