"""Liveness and quality gates on landmark sequences: exact, no camera, no models."""

from __future__ import annotations

import random

import pytest

from kiosk.face.analysis import Observation, yaw_of
from kiosk.face.codes import FaceAction as Action
from kiosk.face.liveness import Failure, LivenessCheck, LivenessRules, random_actions
from kiosk.face.quality import QualityGates, QualityIssue

FPS = 15.0
RULES = LivenessRules(turn_yaw=0.15, frontal_yaw=0.08, max_closed_s=1.0, action_timeout_s=4.0)


def seen(yaw: float = 0.0, eyes_open: bool | None = True, face: bool = True) -> Observation:
    if not face:
        return Observation(640, 480, 0)
    return Observation(
        640, 480, 1, box=(224, 144, 192, 192), score=1.5, landmarks=((0, 0),) * 5,
        yaw=yaw, eyes_open=eyes_open, brightness=140, sharpness=300,
    )  # fmt: skip


def run(actions: list[Action], frames: list[Observation]) -> LivenessCheck:
    check = LivenessCheck(actions, RULES)
    for index, frame in enumerate(frames):
        check.feed(index / FPS, frame)
    return check


def still(seconds: float) -> list[Observation]:
    return [seen()] * int(seconds * FPS)


def blink() -> list[Observation]:
    return [seen()] * 3 + [seen(eyes_open=False)] * 3 + [seen()] * 3


def turn(
    side: float, steps: tuple[float, ...] = (0.05, 0.1, 0.13, 0.2, 0.22, 0.2, 0.1)
) -> list[Observation]:
    return [seen()] * 2 + [seen(yaw=side * y) for y in steps] + [seen()] * 3


def test_a_blink_passes() -> None:
    check = run([Action.BLINK], still(0.5) + blink())
    assert check.passed and check.finished


def test_no_blink_times_out() -> None:
    check = run([Action.BLINK], still(5))
    assert not check.passed and check.steps[0].failure is Failure.TIMEOUT


def test_eyes_shut_too_long_are_not_a_blink() -> None:
    frames = [seen()] * 3 + [seen(eyes_open=False)] * int(1.5 * FPS) + [seen()] * 3
    check = run([Action.BLINK], frames)
    assert not check.passed and not check.finished


def test_unsure_eye_frames_and_lost_faces_are_ignored() -> None:
    frames = [seen(), seen(eyes_open=None), seen(face=False), seen(eyes_open=False)]
    frames += [seen(face=False), seen(eyes_open=None), seen()]
    assert run([Action.BLINK], frames).passed


def test_turns_pass_in_the_direction_asked() -> None:
    assert run([Action.TURN_LEFT], turn(+1)).passed
    assert run([Action.TURN_RIGHT], turn(-1)).passed


def test_a_turn_the_wrong_way_earns_nothing() -> None:
    check = run([Action.TURN_LEFT], turn(-1) + still(5))
    assert not check.passed and check.steps[0].failure is Failure.TIMEOUT


def test_a_jump_to_the_side_without_the_half_turn_is_too_fast() -> None:
    check = run([Action.TURN_LEFT], turn(+1, steps=(0.25, 0.25, 0.1)))
    assert check.failed and check.steps[0].failure is Failure.TOO_FAST


def test_a_turn_that_does_not_come_back_is_not_finished() -> None:
    check = run([Action.TURN_RIGHT], [seen()] * 2 + [seen(yaw=-y) for y in (0.1, 0.2, 0.25)] * 5)
    assert not check.finished


def test_a_photo_held_still_fails_every_action() -> None:
    check = run([Action.BLINK, Action.TURN_LEFT], still(10))
    assert check.finished and not check.passed


def test_actions_must_come_in_the_order_asked() -> None:
    # Blink asked first: a turn first does not count for it; the blink after does.
    check = run([Action.BLINK, Action.TURN_RIGHT], turn(-1) + blink() + turn(-1))
    assert check.passed
    check = run([Action.TURN_RIGHT, Action.BLINK], blink() + still(5))
    assert not check.passed


@pytest.mark.parametrize("count", [1, 2, 3])
def test_random_actions_always_include_a_blink(count: int) -> None:
    for seed in range(30):
        actions = random_actions(random.Random(seed), count)
        assert Action.BLINK in actions and len(set(actions)) == len(actions) == count
    orders = {tuple(random_actions(random.Random(seed), 2)) for seed in range(50)}
    assert len(orders) > 2  # not predictable


def test_yaw_is_zero_facing_and_signed_by_side() -> None:
    eyes = ((120.0, 100.0), (100.0, 100.0), (40.0, 100.0), (60.0, 100.0))
    assert yaw_of((*eyes, (80.0, 140.0))) == pytest.approx(0.0)
    assert yaw_of((*eyes, (89.0, 140.0))) == pytest.approx(0.15)
    assert yaw_of((*eyes, (71.0, 140.0))) == pytest.approx(-0.15)


def test_quality_gates_name_one_issue_first() -> None:
    gates = QualityGates()
    assert gates.issues(seen()) == []
    assert gates.issues(seen(face=False)) == [QualityIssue.NO_FACE]
    far = Observation(640, 480, 1, box=(300, 220, 60, 60), brightness=140, sharpness=300)
    assert gates.issues(far)[0] is QualityIssue.TOO_FAR
    close = Observation(640, 480, 1, box=(50, 0, 500, 480), brightness=140, sharpness=300)
    assert gates.issues(close)[0] is QualityIssue.TOO_CLOSE
    aside = Observation(640, 480, 1, box=(0, 0, 150, 150), brightness=140, sharpness=300)
    assert QualityIssue.OFF_CENTRE in gates.issues(aside)
    dark = Observation(640, 480, 1, box=(224, 144, 192, 192), brightness=30, sharpness=300)
    assert gates.issues(dark) == [QualityIssue.TOO_DARK]
    bright = Observation(640, 480, 1, box=(224, 144, 192, 192), brightness=240, sharpness=300)
    assert gates.issues(bright) == [QualityIssue.TOO_BRIGHT]
    blurry = Observation(640, 480, 1, box=(224, 144, 192, 192), brightness=140, sharpness=5)
    assert gates.issues(blurry) == [QualityIssue.BLURRY]
    two = Observation(640, 480, 2, box=(224, 144, 192, 192), brightness=140, sharpness=300)
    assert gates.issues(two)[0] is QualityIssue.SEVERAL_FACES
    assert gates.issues(seen(yaw=0.2)) == [QualityIssue.NOT_FACING]
    assert gates.issues(seen(yaw=0.2), expect_frontal=False) == []
    assert gates.score(seen()) > gates.score(seen(eyes_open=None)) > 0
    assert gates.score(seen(face=False)) == 0
