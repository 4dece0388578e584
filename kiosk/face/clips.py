"""Synthetic clips for the camera simulator, built from one frontal portrait: a cooperative
person (blinks, turns left, turns right, in a loop) and a still photo held to the camera.

For tests and the demo only. The blink paints closed lids over the eyes; a head turn shifts
the middle of the face sideways, as the nose moves when a head turns. Every frame gets a little
sensor noise, as a real camera gives even of a still scene.

The cooperative clip is timed, not counted: each phase lasts as long as a person takes, and the
frames follow from the clip's rate. A kiosk whose analysis is slower than the camera sees only
some of the frames; the phases are long enough that it still sees each one (the half turn
above all, which liveness requires before the full turn).
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from kiosk.face.analysis import LEFT_EYE, NOSE, RIGHT_EYE, FaceAnalyzer, Image, Point
from kiosk.face.liveness import LivenessRules

SETTLE_S = 0.6
"""Facing the camera before the blink: the kiosk looks for a few good frontal frames before
it asks for anything (services.face_check.LOOK_FRAMES), and a blink must start from open eyes."""
EYES_SHUT_S = 0.27
"""A deliberate blink (a spontaneous one lasts 0.1-0.4 s), well under liveness's max_closed_s."""
NEUTRAL_S = 0.4
"""Facing the camera between actions: a turn must start from facing."""
HALF_TURN_S = 0.4
"""On the way to the side, the nose passes slowly through the half turn."""
FULL_TURN_S = 0.4
TURN_BACK_S = 0.13
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
    """Facing, blink, facing, turn left and back, facing, turn right and back: ~3.5 s at any
    fps. In a loop, the facing before the blink follows the right turn."""
    portrait = framed(portrait)
    landmarks = _landmarks(portrait)
    rng = np.random.default_rng(seed)

    def held(image: Image, seconds: float) -> list[Image]:
        return [image] * max(1, round(seconds * fps))

    def turn(side: float) -> list[Image]:
        low, high = _half_turn_amounts(portrait, landmarks, side)
        count = max(1, round(HALF_TURN_S * fps))
        amounts = np.linspace(low, high, count) if count > 1 else [(low + high) / 2]
        on_the_way = [_turned(portrait, landmarks, float(a)) for a in amounts]
        full = held(_turned(portrait, landmarks, side * TURN_AMOUNT), FULL_TURN_S)
        back = held(_turned(portrait, landmarks, (low + high) / 2), TURN_BACK_S)
        return on_the_way + full + back

    closed = _closed_eyes(portrait, landmarks)
    neutral = held(portrait, NEUTRAL_S)
    frames = held(portrait, SETTLE_S) + held(closed, EYES_SHUT_S) + neutral
    frames += turn(+1.0) + neutral + turn(-1.0)
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


def _half_turn_amounts(
    portrait: Image, landmarks: tuple[Point, ...], side: float
) -> tuple[float, float]:
    """The nose shifts to `side` that the analysis measures well inside liveness's half turn
    (the middle half of the band between its default frontal_yaw and turn_yaw). The yaw a
    shift gives depends on the face and the side (faces are not symmetric, nor all frontal),
    so the portrait and one turned frame are measured and the shift interpolated between."""
    rules = LivenessRules()
    analyzer = FaceAnalyzer()
    probe = side * TURN_AMOUNT / 2
    facing = analyzer.observe(portrait).yaw
    turned = analyzer.observe(_turned(portrait, landmarks, probe)).yaw
    if (turned - facing) * side <= 0:
        raise NoFaceInPortrait("the turned portrait is not seen turned")
    quarter = (rules.turn_yaw - rules.frontal_yaw) / 4
    targets = (rules.frontal_yaw + quarter, rules.turn_yaw - quarter)
    low, high = (probe * (side * target - facing) / (turned - facing) for target in targets)
    return low, high


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
    noise = rng.standard_normal(image.shape, dtype=np.float32) * 2.0  # float32: 5x faster
    return np.clip(image.astype(np.float32) + noise, 0, 255).astype(np.uint8)


def _mid(a: Point, b: Point) -> Point:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
