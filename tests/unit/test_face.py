"""The face models on the fixture images (tests/data/faces, sources and licences there)."""

from __future__ import annotations

import itertools
import math
import random
import time
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pytest

from kiosk.config import FaceSettings
from kiosk.face.analysis import FaceAnalyzer, Observation
from kiosk.face.clips import blink_frames, cooperative_clip, framed, turned_frame
from kiosk.face.codes import FaceAction
from kiosk.face.liveness import LivenessCheck, LivenessRules, random_actions
from kiosk.face.match import FaceMatcher, score_of
from kiosk.face.models import LANDMARKS_MODEL, model_path
from kiosk.face.quality import QualityGates
from kiosk.services.face_check import LOOK_FRAMES

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


CLIP_FPS = 15.0
STARTS_PER_FRAME = 4
"""Start offsets within one frame: where the consumer starts inside a frame decides which
frames it sees after."""
SETTINGS = FaceSettings()
RULES = LivenessRules(turn_yaw=SETTINGS.turn_yaw, action_timeout_s=SETTINGS.action_timeout_s)
TURNS = (FaceAction.TURN_LEFT, FaceAction.TURN_RIGHT)
ACTION_ORDERS = [
    order
    for count in range(len(TURNS) + 1)
    for turns in itertools.combinations(TURNS, count)
    for order in itertools.permutations((FaceAction.BLINK, *turns))
]
"""A blink and any of the turns, in any order: 1 + 4 + 6 orders."""


@dataclass(frozen=True)
class SeenClip:
    observations: list[Observation]
    usable: list[bool]
    """Good enough for the kiosk's look before the actions (no quality issue, facing)."""
    analysis_fps: float
    """This machine's analysis rate on the clip's frames."""


@pytest.fixture(scope="module")
def cooperative(analyzer: FaceAnalyzer) -> SeenClip:
    """The demo's clip, each distinct frame analysed once, timed."""
    frames = cooperative_clip(image("astronaut"), CLIP_FPS)
    analyzer.observe(frames[0])  # models loaded, caches warm: the rate is the steady one
    started = time.perf_counter()
    observations = [analyzer.observe(frame) for frame in frames]
    rate = len(frames) / (time.perf_counter() - started)
    gates = QualityGates()
    usable = [not gates.issues(seen, expect_frontal=True) for seen in observations]
    return SeenClip(observations, usable, rate)


def replay(clip: SeenClip, actions: tuple[FaceAction, ...], rate: float, start_s: float) -> bool:
    """Liveness on the clip looping in a camera, read from `start_s` on by a consumer busy 1/rate
    s per frame that takes the newest frame, or waits for the next one (Camera.wait_for_frame),
    as FaceCapture.attempt does: LOOK_FRAMES usable frames first, then each frame fed with the
    time it was captured. True when liveness passed."""
    check = LivenessCheck(actions, RULES)
    count = len(clip.observations)
    at, last, looked = start_s, -1, 0
    while not check.finished:
        assert at < start_s + 60, "the replay never finished"
        last = max(last + 1, math.floor(at * CLIP_FPS + 1e-9))
        at = max(at, last / CLIP_FPS)
        if looked < LOOK_FRAMES:
            looked += clip.usable[last % count]
        else:
            check.feed(last / CLIP_FPS, clip.observations[last % count])
        at += 1 / rate
    return check.passed


def test_the_action_orders_are_every_order_liveness_asks_for() -> None:
    asked = {
        tuple(random_actions(random.Random(seed), count))
        for seed in range(200)
        for count in range(1, 4)
    }
    assert asked == set(ACTION_ORDERS)


def test_liveness_passes_with_the_analysis_at_half_this_machines_rate(
    cooperative: SeenClip,
) -> None:
    """A slower kiosk analyses fewer of the camera's frames: at half this machine's rate (and
    at most half the camera's, so at least every other frame is dropped) the clip still passes
    from every start and in every order asked."""
    started = time.perf_counter()
    rate = min(cooperative.analysis_fps, CLIP_FPS) / 2
    starts = len(cooperative.observations) * STARTS_PER_FRAME
    failed = [
        (order, start)
        for order in ACTION_ORDERS
        for start in range(starts)
        if not replay(cooperative, order, rate, start / (CLIP_FPS * STARTS_PER_FRAME))
    ]
    replays = len(ACTION_ORDERS) * starts
    print(
        f"\nanalysis {cooperative.analysis_fps:.1f} frames/s; {replays} replays at {rate:.2f} "
        f"frames/s in {time.perf_counter() - started:.2f} s, {len(failed)} failed"
    )
    assert not failed, f"{len(failed)} of {replays} replays failed at {rate:.2f}: {failed[:3]}"


def test_the_cooperative_clip_contains_a_blink_and_both_turns(cooperative: SeenClip) -> None:
    seen = cooperative.observations
    assert any(s.eyes_open is False for s in seen)
    assert max(s.yaw for s in seen) > 0.15 and min(s.yaw for s in seen) < -0.15


def test_the_cooperative_clip_is_timed_not_counted(cooperative: SeenClip) -> None:
    """At half the rate, half the frames: the same seconds (give or take a frame per phase)."""
    slow = cooperative_clip(image("astronaut"), CLIP_FPS / 2)
    seconds = len(cooperative.observations) / CLIP_FPS
    assert len(slow) / (CLIP_FPS / 2) == pytest.approx(seconds, abs=6 / CLIP_FPS)
