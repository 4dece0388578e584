"""Quality gates: is this frame good enough to judge a face by? One issue at a time, the most
useful first, so the citizen hears one instruction ("come closer"), not a list."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.face.analysis import Observation
from kiosk.face.codes import QualityIssue as QualityIssue


@dataclass(frozen=True)
class QualityGates:
    min_face_fraction: float = 0.15
    """Face width over frame width."""
    max_face_fraction: float = 0.7
    max_centre_offset: float = 0.25
    """Face centre's distance from the frame centre, in frame widths/heights."""
    min_brightness: float = 60.0
    max_brightness: float = 220.0
    min_sharpness: float = 40.0
    max_frontal_yaw: float = 0.12

    def issues(self, seen: Observation, expect_frontal: bool = True) -> list[QualityIssue]:
        if seen.faces == 0 or seen.box is None:
            return [QualityIssue.NO_FACE]
        found = []
        if seen.faces > 1:
            found.append(QualityIssue.SEVERAL_FACES)
        x, y, w, h = seen.box
        fraction = w / seen.frame_width
        if fraction < self.min_face_fraction:
            found.append(QualityIssue.TOO_FAR)
        elif fraction > self.max_face_fraction:
            found.append(QualityIssue.TOO_CLOSE)
        dx = (x + w / 2) / seen.frame_width - 0.5
        dy = (y + h / 2) / seen.frame_height - 0.5
        if max(abs(dx), abs(dy)) > self.max_centre_offset:
            found.append(QualityIssue.OFF_CENTRE)
        if seen.brightness < self.min_brightness:
            found.append(QualityIssue.TOO_DARK)
        elif seen.brightness > self.max_brightness:
            found.append(QualityIssue.TOO_BRIGHT)
        if seen.sharpness < self.min_sharpness:
            found.append(QualityIssue.BLURRY)
        if expect_frontal and abs(seen.yaw) > self.max_frontal_yaw:
            found.append(QualityIssue.NOT_FACING)
        return found

    def score(self, seen: Observation) -> float:
        """For choosing the best frame: sharp, frontal, well lit, eyes open. 0 if not usable."""
        if self.issues(seen):
            return 0.0
        lighting = 1.0 - abs(seen.brightness - 140.0) / 140.0
        eyes = 1.0 if seen.eyes_open else 0.5
        return seen.sharpness * max(0.1, lighting) * eyes * (1.0 - abs(seen.yaw))
