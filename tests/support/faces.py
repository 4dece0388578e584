"""Reference photos that are not the live face: the proof-of-life outcomes other than a pass.

The live face stays what the demo camera plays: the due demo pensioner, a cooperative clip of
sandbox/faces/pensioner-due.jpg (astronaut.jpg resized). Only the photo on file changes, through
the sandbox's loopback control. Distances dlib measured between the kiosk's best frame and each
photo (the sandbox approves at ≤ 0.48, i.e. score ≥ 0.6; dlib's threshold is 0.6), over the
clip's twelve frames the quality gates rank highest:

| photo on file                     | distance    | score       | verdict              |
|-----------------------------------|-------------|-------------|----------------------|
| pensioner-due.jpg (the seed)      | 0.05 – 0.08 | 0.94 – 0.96 | authenticated        |
| obama.jpg (another person)        | 0.86 – 0.87 | 0.27 – 0.29 | rejected (mismatch)  |
| astronaut.jpg with dark glasses   | 0.54 – 0.55 | 0.54 – 0.55 | under review (low)   |

The glasses sit in the middle of the review band on purpose: lenses a little smaller or
larger (half-axes 1.0–1.2 × 0.6–0.9 of an eye's width) still measured 0.51 – 0.58.
"""

from __future__ import annotations

import math
from pathlib import Path

import cv2
import numpy as np

from kiosk.face.analysis import LEFT_EYE, RIGHT_EYE, FaceAnalyzer, Image
from sandbox.faces import put_reference_photo

FACES = Path(__file__).parent.parent / "data" / "faces"
ANOTHER_PERSON = FACES / "obama.jpg"
SAME_PERSON = FACES / "astronaut.jpg"
LENS_WIDTH = 1.0
LENS_HEIGHT = 0.9
"""Half-axes of each lens, in eye widths (outer to inner corner)."""
LENS_GREY = 20


def portrait(path: Path) -> Image:
    image: Image | None = cv2.imread(str(path))
    assert image is not None, f"cannot read {path}"
    return image


def with_dark_glasses(image: Image) -> Image:
    """The same person in dark glasses: a weaker match than the bare face, still the person."""
    landmarks = FaceAnalyzer().observe(image).landmarks
    assert landmarks, "no face in the portrait"
    out = image.copy()
    grey = (LENS_GREY,) * 3
    centres = []
    for outer, inner in (RIGHT_EYE, LEFT_EYE):
        (ox, oy), (ix, iy) = landmarks[outer], landmarks[inner]
        width = math.dist((ox, oy), (ix, iy))
        centre = (int((ox + ix) / 2), int((oy + iy) / 2))
        axes = (int(width * LENS_WIDTH), int(width * LENS_HEIGHT))
        cv2.ellipse(out, centre, axes, 0, 0, 360, grey, -1)
        centres.append((centre, width))
    (right, width), (left, _) = centres
    cv2.line(out, right, left, grey, max(1, int(width * 0.12)))  # the bridge
    return out


def jpeg(image: Image) -> bytes:
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 90])
    assert ok
    return bytes(np.asarray(encoded).tobytes())


def put_on_file(sandbox_url: str, id_number: str, photo: bytes) -> None:
    """The photo (JPEG) the sandbox matches this citizen's live face against from now on.
    Another person's fixture goes as its file is: those photos are never altered (SOURCES.md)."""
    put_reference_photo(sandbox_url, id_number, photo)


def another_person() -> bytes:
    return ANOTHER_PERSON.read_bytes()


def same_person_in_dark_glasses() -> bytes:
    return jpeg(with_dark_glasses(portrait(SAME_PERSON)))
