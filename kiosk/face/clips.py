"""Synthetic clips for the camera simulator, built from one frontal portrait: a cooperative
person (blinks, turns left, turns right, in a loop) and a still photo held to the camera.

For tests and the demo only. The blink paints closed lids over the eyes; a head turn shifts
the middle of the face sideways, as the nose moves when a head turns. Every frame gets a little
sensor noise, as a real camera gives even of a still scene.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from kiosk.face.analysis import LEFT_EYE, NOSE, RIGHT_EYE, FaceAnalyzer, Image, Point

NEUTRAL_S = 0.5
BLINK_FRAMES = 3
TURN_AMOUNT = 0.5
"""Nose shift in eye distances at the height of a turn (measured yaw ≈ 0.2)."""


class NoFaceInPortrait(ValueError):
    pass


def framed(portrait: Image, width: int = 640, height: int = 480, face: float = 0.3) -> Image:
    """The portrait as the kiosk camera would see the person: face centred, `face` of the
    frame's width, 4:3."""
    seen = FaceAnalyzer().observe(portrait)
    if seen.box is None:
        raise NoFaceInPortrait("no face found in the portrait")
    x, y, w, h = seen.box
    scale = face * width / w
    cx, cy = (x + w / 2) * scale, (y + h / 2) * scale
    matrix = np.array([[scale, 0, width / 2 - cx], [0, scale, height / 2 - cy]], np.float32)
    placed: Image = cv2.warpAffine(
        portrait, matrix, (width, height), borderMode=cv2.BORDER_REPLICATE
    )
    return placed


def cooperative_clip(portrait: Image, fps: float = 15.0, seed: int = 7) -> list[Image]:
    """Neutral, blink, neutral, turn left and back, neutral, turn right and back: ~2.8 s."""
    portrait = framed(portrait)
    landmarks = _landmarks(portrait)
    rng = np.random.default_rng(seed)
    neutral = [portrait] * max(1, round(NEUTRAL_S * fps))
    closed = _closed_eyes(portrait, landmarks)
    ramp = (0.25, 0.5, 0.75, 1.0, 1.0, 1.0, 0.75, 0.5, 0.25)
    left = [_turned(portrait, landmarks, +TURN_AMOUNT * k) for k in ramp]
    right = [_turned(portrait, landmarks, -TURN_AMOUNT * k) for k in ramp]
    frames = neutral + [closed] * BLINK_FRAMES + neutral + left + neutral + right + neutral
    return [_noisy(frame, rng) for frame in frames]


def still_photo_clip(portrait: Image, seconds: float = 2.0, fps: float = 15.0) -> list[Image]:
    portrait = framed(portrait)
    rng = np.random.default_rng(11)
    return [_noisy(portrait, rng) for _ in range(max(2, round(seconds * fps)))]


def blink_frames(portrait: Image) -> tuple[Image, Image]:
    """(eyes open, eyes closed), for tests."""
    return portrait, _closed_eyes(portrait, _landmarks(portrait))


def turned_frame(portrait: Image, amount: float) -> Image:
    """Positive: towards the person's left (the image's right)."""
    return _turned(portrait, _landmarks(portrait), amount)


def _landmarks(portrait: Image) -> tuple[Point, ...]:
    seen = FaceAnalyzer().observe(portrait)
    if not seen.landmarks:
        raise NoFaceInPortrait("no face found in the portrait")
    return seen.landmarks


def _eye_distance(landmarks: tuple[Point, ...]) -> float:
    right = _mid(landmarks[RIGHT_EYE[0]], landmarks[RIGHT_EYE[1]])
    left = _mid(landmarks[LEFT_EYE[0]], landmarks[LEFT_EYE[1]])
    return math.dist(right, left)


def _closed_eyes(image: Image, landmarks: tuple[Point, ...]) -> Image:
    out: Image = image.astype(np.float32)
    for outer, inner in (RIGHT_EYE, LEFT_EYE):
        cx, cy = _mid(landmarks[outer], landmarks[inner])
        gap = math.dist(landmarks[outer], landmarks[inner])
        cheek = image[
            int(cy + gap * 0.9) : int(cy + gap * 1.3), int(cx - gap * 0.4) : int(cx + gap * 0.4)
        ].reshape(-1, 3)
        lid = np.median(cheek, axis=0) * 0.75
        mask: Image = np.zeros(image.shape[:2], np.float32)
        cv2.ellipse(mask, (int(cx), int(cy)), (int(gap * 0.8), int(gap * 0.4)), 0, 0, 360, 1.0, -1)
        mask = cv2.GaussianBlur(mask, (0, 0), gap * 0.15)[..., None]
        out = out * (1 - mask) + lid * mask
        lashes = tuple(float(c * 0.3) for c in lid)
        y = int(cy + gap * 0.1)
        cv2.line(
            out, (int(cx - gap * 0.7), y), (int(cx + gap * 0.7), y), lashes, max(1, int(gap * 0.15))
        )
    return np.clip(out, 0, 255).astype(np.uint8)


def _turned(image: Image, landmarks: tuple[Point, ...], amount: float) -> Image:
    height, width = image.shape[:2]
    between = _eye_distance(landmarks)
    nose_x, nose_y = landmarks[NOSE]
    xs, ys = np.meshgrid(np.arange(width, dtype=np.float32), np.arange(height, dtype=np.float32))
    shift = (
        amount
        * between
        * np.exp(
            -(((xs - nose_x) / (0.5 * between)) ** 2 + ((ys - nose_y) / (0.6 * between)) ** 2) / 2
        )
    )
    return cv2.remap(
        image, (xs - shift).astype(np.float32), ys, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT
    )


def _noisy(image: Image, rng: np.random.Generator) -> Image:
    noise = rng.normal(0, 2.0, image.shape)
    return np.clip(image.astype(np.float32) + noise, 0, 255).astype(np.uint8)


def _mid(a: Point, b: Point) -> Point:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
