"""The face models on the fixture images (tests/data/faces, sources and licences there)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from kiosk.face.analysis import FaceAnalyzer
from kiosk.face.clips import blink_frames, cooperative_clip, framed, turned_frame
from kiosk.face.match import FaceMatcher, score_of
from kiosk.face.models import LANDMARKS_MODEL, model_path

FACES = Path(__file__).parents[1] / "data" / "faces"


def image(name: str) -> np.ndarray:
    loaded = cv2.imread(str(FACES / f"{name}.jpg"))
    assert loaded is not None
    return loaded


@pytest.fixture(scope="module")
def matcher() -> FaceMatcher:
    return FaceMatcher(0.6)


@pytest.fixture(scope="module")
def analyzer() -> FaceAnalyzer:
    return FaceAnalyzer()


def test_the_models_come_from_the_packages_and_the_68_point_model_is_not_used() -> None:
    assert model_path(LANDMARKS_MODEL).name == "shape_predictor_5_face_landmarks.dat"
    for module in (Path(__file__).parents[2] / "kiosk").rglob("*.py"):
        assert "shape_predictor_68" not in module.read_text(encoding="utf-8"), module


def test_a_portrait_is_seen_facing_with_open_eyes(analyzer: FaceAnalyzer) -> None:
    seen = analyzer.observe(framed(image("astronaut")))
    assert seen.faces == 1 and seen.eyes_open is True
    assert abs(seen.yaw) < 0.08


def test_a_painted_blink_closes_the_eyes_and_a_turn_moves_the_nose(analyzer: FaceAnalyzer) -> None:
    portrait = framed(image("astronaut"))
    _, closed = blink_frames(portrait)
    assert analyzer.observe(closed).eyes_open is False
    assert analyzer.observe(turned_frame(portrait, 0.5)).yaw > 0.15
    assert analyzer.observe(turned_frame(portrait, -0.5)).yaw < -0.15


def test_no_face_in_an_empty_frame(analyzer: FaceAnalyzer) -> None:
    assert analyzer.observe(np.full((480, 640, 3), 128, np.uint8)).faces == 0


def variants(portrait: np.ndarray) -> list[np.ndarray]:
    height, width = portrait.shape[:2]
    rotation = cv2.getRotationMatrix2D((width / 2, height / 2), 6, 1.0)
    _, jpeg = cv2.imencode(".jpg", portrait, [cv2.IMWRITE_JPEG_QUALITY, 35])
    return [
        cv2.resize(portrait, None, fx=0.6, fy=0.6),
        cv2.convertScaleAbs(portrait, alpha=0.7, beta=-10),
        cv2.convertScaleAbs(portrait, alpha=1.2, beta=25),
        cv2.flip(portrait, 1),
        cv2.warpAffine(portrait, rotation, (width, height), borderMode=cv2.BORDER_REPLICATE),
        cv2.imdecode(jpeg, cv2.IMREAD_COLOR),
        framed(portrait),
    ]


def test_the_same_person_across_variants_is_below_the_threshold(matcher: FaceMatcher) -> None:
    reference = matcher.descriptor(image("astronaut"))
    assert reference is not None
    for variant in variants(image("astronaut")):
        result = matcher.match(variant, reference)
        assert result is not None and result.same_person, result
        assert result.score > 0.6


def test_the_same_person_across_photos_matches(matcher: FaceMatcher) -> None:
    reference = matcher.descriptor(image("obama"))
    assert reference is not None
    for other in ("obama2", "obama3"):
        result = matcher.match(image(other), reference)
        assert result is not None and result.same_person, (other, result)


def test_different_people_are_above_the_threshold(matcher: FaceMatcher) -> None:
    names = ("astronaut", "obama", "biden")
    descriptors = {name: matcher.descriptor(image(name)) for name in names}
    for a in names:
        for b in names:
            if a < b:
                result = matcher.compare(descriptors[a], descriptors[b])  # type: ignore[arg-type]
                assert not result.same_person and result.score < 0.4, (a, b, result)


def test_scores_map_the_threshold_to_one_half() -> None:
    assert score_of(0.0, 0.6) == 1.0
    assert score_of(0.6, 0.6) == 0.5
    assert score_of(2.0, 0.6) == 0.0


def test_the_cooperative_clip_contains_a_blink_and_both_turns(analyzer: FaceAnalyzer) -> None:
    seen = [analyzer.observe(frame) for frame in cooperative_clip(image("astronaut"))]
    assert any(s.eyes_open is False for s in seen)
    assert max(s.yaw for s in seen) > 0.15 and min(s.yaw for s in seen) < -0.15
