"""One frame, measured: how many faces, where, how big, how lit, how sharp, which way the head
is turned and whether the eyes are open. Detection runs on a small greyscale copy (fast); the
landmarks and eyes on the full frame (precise)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import cv2
import dlib
import numpy as np
import numpy.typing as npt

from kiosk.face.models import FaceModels, load_models

Image = npt.NDArray[Any]
Point = tuple[float, float]

# dlib's 5-point model: 0, 1 the outer and inner corner of the eye on the image's right,
# 2, 3 those of the eye on the image's left, 4 the base of the nose.
RIGHT_EYE = (0, 1)
LEFT_EYE = (2, 3)
NOSE = 4


@dataclass(frozen=True)
class Observation:
    frame_width: int
    frame_height: int
    faces: int
    """Faces found above the detection score."""
    box: tuple[float, float, float, float] | None = None
    """x, y, width, height of the best face, in frame pixels."""
    score: float = 0.0
    landmarks: tuple[Point, ...] = ()
    yaw: float = 0.0
    """Nose offset from the eyes' midpoint over the distance between the eyes: 0 facing the
    camera, positive when the head turns to the person's left (the image's right, unmirrored)."""
    eyes_open: bool | None = None
    """Both eyes found open: True; neither: False; one: None (unsure)."""
    brightness: float = 0.0
    sharpness: float = 0.0

    @property
    def has_face(self) -> bool:
        return self.box is not None


def yaw_of(landmarks: tuple[Point, ...]) -> float:
    right = _mid(landmarks[RIGHT_EYE[0]], landmarks[RIGHT_EYE[1]])
    left = _mid(landmarks[LEFT_EYE[0]], landmarks[LEFT_EYE[1]])
    between = math.dist(right, left)
    if between < 1e-6:
        return 0.0
    return (landmarks[NOSE][0] - (right[0] + left[0]) / 2) / between


class FaceAnalyzer:
    def __init__(
        self,
        analysis_width: int = 320,
        min_detection_score: float = 0.0,
        models: FaceModels | None = None,
    ) -> None:
        self._width = analysis_width
        self._min_score = min_detection_score
        self._models = models or load_models()

    def observe(self, image: Image) -> Observation:
        height, width = image.shape[:2]
        gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
        scale = min(1.0, self._width / width)
        small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        rects, scores, _ = self._models.detector.run(small, 0, self._min_score)
        if not rects:
            return Observation(width, height, 0)
        best = int(np.argmax(scores))
        found = rects[best]
        rect = dlib.rectangle(
            int(found.left() / scale),
            int(found.top() / scale),
            int(found.right() / scale),
            int(found.bottom() / scale),
        )
        shape = self._models.landmarks(gray, rect)
        landmarks = tuple((float(shape.part(i).x), float(shape.part(i).y)) for i in range(5))
        x0, y0 = max(0, rect.left()), max(0, rect.top())
        x1, y1 = min(width, rect.right()), min(height, rect.bottom())
        face = gray[y0:y1, x0:x1]
        return Observation(
            frame_width=width,
            frame_height=height,
            faces=len(rects),
            box=(float(x0), float(y0), float(x1 - x0), float(y1 - y0)),
            score=float(scores[best]),
            landmarks=landmarks,
            yaw=yaw_of(landmarks),
            eyes_open=self._eyes_open(gray, landmarks),
            brightness=float(face.mean()) if face.size else 0.0,
            sharpness=_sharpness(face),
        )

    def _eyes_open(self, gray: Image, landmarks: tuple[Point, ...]) -> bool | None:
        found = sum(
            self._eye_found(gray, landmarks[a], landmarks[b]) for a, b in (RIGHT_EYE, LEFT_EYE)
        )
        return {2: True, 0: False}.get(found)

    def _eye_found(self, gray: Image, outer: Point, inner: Point) -> bool:
        corner_gap = math.dist(outer, inner)
        side = max(12, int(corner_gap * 1.8))
        cx, cy = _mid(outer, inner)
        x0, y0 = max(0, int(cx - side / 2)), max(0, int(cy - side / 2))
        roi = gray[y0 : y0 + side, x0 : x0 + side]
        if roi.size == 0:
            return False
        # The cascade wants eyes of at least 20 px: small faces are looked at enlarged.
        if side < 48:
            roi = cv2.resize(roi, (48, 48), interpolation=cv2.INTER_LINEAR)
        minimum = max(12, roi.shape[0] // 3)
        eyes = self._models.eyes.detectMultiScale(
            roi, scaleFactor=1.1, minNeighbors=3, minSize=(minimum, minimum)
        )
        return len(eyes) > 0


def _mid(a: Point, b: Point) -> Point:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)


def _sharpness(face: Image) -> float:
    """Variance of the Laplacian on the face scaled to 128 px: comparable across face sizes."""
    if face.size == 0:
        return 0.0
    normalised = cv2.resize(face, (128, 128), interpolation=cv2.INTER_AREA)
    return float(cv2.Laplacian(normalised, cv2.CV_64F).var())
