"""Liveness: a random sequence of actions (blink, turn left, turn right), each judged from the
landmarks frame by frame. A printed photo does not blink or turn; a replayed video does not do
what it is asked, in the order asked; a photo swapped in and out jumps where a head turns.

Per action: a blink is eyes seen open, then closed (briefly), then open again. A turn starts
facing the camera, passes through a half turn, reaches the full turn to the side asked, and
comes back. Reaching the full turn without the half-way frames is "too fast" and fails the
action at once. A turn to the wrong side earns nothing. Each action has a time limit.
"""

from __future__ import annotations

import enum
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from kiosk.face.analysis import Observation
from kiosk.face.codes import FaceAction


class Failure(enum.StrEnum):
    TIMEOUT = "timeout"
    TOO_FAST = "too_fast"


@dataclass(frozen=True)
class LivenessRules:
    turn_yaw: float = 0.15
    frontal_yaw: float = 0.08
    max_closed_s: float = 1.0
    """Eyes shut longer than this are not a blink."""
    action_timeout_s: float = 8.0


def random_actions(rng: random.Random, count: int = 2) -> list[FaceAction]:
    """`count` different actions in random order; a blink always among them (the one thing a
    turned photo cannot fake)."""
    turns = [FaceAction.TURN_LEFT, FaceAction.TURN_RIGHT]
    chosen = [FaceAction.BLINK, *rng.sample(turns, k=min(len(turns), count - 1))]
    rng.shuffle(chosen)
    return chosen


@dataclass
class Step:
    action: FaceAction
    passed: bool = False
    failure: Failure | None = None
    finished_at: float | None = None


@dataclass
class _Progress:
    started_at: float | None = None
    saw_open: bool = False
    closed_at: float | None = None
    saw_frontal: bool = False
    saw_half: bool = False
    reached: bool = False


@dataclass
class LivenessCheck:
    actions: Sequence[FaceAction]
    rules: LivenessRules = field(default_factory=LivenessRules)
    steps: list[Step] = field(init=False)
    _index: int = field(default=0, init=False)
    _progress: _Progress = field(default_factory=_Progress, init=False)

    def __post_init__(self) -> None:
        self.steps = [Step(action) for action in self.actions]

    @property
    def current(self) -> FaceAction | None:
        return self.steps[self._index].action if not self.finished else None

    @property
    def finished(self) -> bool:
        return self._index >= len(self.steps) or self.failed

    @property
    def failed(self) -> bool:
        return any(step.failure is not None for step in self.steps)

    @property
    def passed(self) -> bool:
        return all(step.passed for step in self.steps)

    def feed(self, at: float, seen: Observation) -> None:
        """One analysed frame, `at` seconds on any steady clock."""
        if self.finished:
            return
        step = self.steps[self._index]
        progress = self._progress
        if progress.started_at is None:
            progress.started_at = at
        if at - progress.started_at > self.rules.action_timeout_s:
            self._finish(step, at, Failure.TIMEOUT)
            return
        if not seen.has_face:
            return
        if step.action is FaceAction.BLINK:
            self._blink(step, at, seen)
        else:
            self._turn(step, at, seen, +1.0 if step.action is FaceAction.TURN_LEFT else -1.0)

    def _blink(self, step: Step, at: float, seen: Observation) -> None:
        progress = self._progress
        if seen.eyes_open is True:
            if progress.closed_at is not None and progress.saw_open:
                if at - progress.closed_at <= self.rules.max_closed_s:
                    self._finish(step, at)
                    return
                progress.closed_at = None  # shut too long: start again
            progress.saw_open = True
        elif seen.eyes_open is False and progress.saw_open and progress.closed_at is None:
            progress.closed_at = at

    def _turn(self, step: Step, at: float, seen: Observation, side: float) -> None:
        progress = self._progress
        toward = seen.yaw * side
        rules = self.rules
        if abs(seen.yaw) < rules.frontal_yaw:
            if progress.reached:
                self._finish(step, at)
                return
            progress.saw_frontal, progress.saw_half = True, False
        elif not progress.saw_frontal:
            return
        elif toward >= rules.turn_yaw:
            if not progress.saw_half:
                self._finish(step, at, Failure.TOO_FAST)
                return
            progress.reached = True
        elif toward >= rules.frontal_yaw:
            progress.saw_half = True

    def _finish(self, step: Step, at: float, failure: Failure | None = None) -> None:
        step.passed = failure is None
        step.failure = failure
        step.finished_at = at
        self._index += 1
        self._progress = _Progress()
