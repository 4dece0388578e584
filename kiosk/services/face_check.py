"""The live face check every face-verified service shares (eligibility, card issuance, loss
report, PIN reset): the camera on only while it is needed, a random sequence of actions with
live feedback, at most `face.attempts` attempts, and the best frontal frame."""

from __future__ import annotations

import logging
import random
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from kiosk.codes import CAMERA_CONDITION, LIVENESS_FAILURE, Code
from kiosk.config import FaceSettings
from kiosk.face.codes import FaceAction
from kiosk.services.errors import ServiceError
from kiosk.services.session import IDENTITY_ID_CARD, IDENTITY_ID_CARD_FACE, Session
from kiosk.services.steps import Activity, FaceGuidance, FaceRetry, Working

if TYPE_CHECKING:
    from devices.camera.camera import Camera
    from kiosk.face.analysis import FaceAnalyzer, Image
    from kiosk.face.quality import QualityGates

log = logging.getLogger(__name__)

CAMERA_SILENT_S = 3.0
LOOK_FRAMES = 5
"""Good frontal frames collected before the actions, to have a best frame in any case."""
JPEG_QUALITY = 90


@dataclass
class Attempt:
    passed: bool
    failure: str | None
    trace: list[tuple[str, bool, datetime]]
    best: Image | None


def capture_live_face(s: Session, failure_code: Code) -> Attempt:
    """Runs the attempts; the passed one (with its best frame), or ServiceError(failure_code)
    once every attempt has failed. The camera is off again when this returns."""
    settings = s.settings.face if s.settings is not None else FaceSettings()
    s.show(Working(Activity.PREPARING_CAMERA))
    from kiosk.face.analysis import FaceAnalyzer
    from kiosk.face.quality import QualityGates

    camera = s.devices.camera() if s.devices.camera is not None else None
    if camera is None:
        raise ServiceError(Code.CAMERA_UNAVAILABLE)
    # On only while a citizen is in front of it: off again however the session ends.
    camera.start()
    s.on_end(camera.stop)
    capture = FaceCapture(
        camera,
        FaceAnalyzer(settings.analysis_width, settings.min_detection_score),
        QualityGates(),
        settings,
    )
    attempt = Attempt(False, None, [], None)
    for number in range(1, settings.attempts + 1):
        attempt = capture.attempt(s, number)
        if attempt.passed and attempt.best is not None:
            break
        log.info("session %s: liveness attempt %d failed (%s)", s.id, number, attempt.failure)
        if number < settings.attempts:
            s.ask(FaceRetry(settings.attempts - number, attempt.failure or Code.LIVENESS_FAILED))
    else:
        raise ServiceError(failure_code)
    camera.stop()  # the picture is taken: the light goes off before the result
    if s.identity == IDENTITY_ID_CARD:
        s.identity = IDENTITY_ID_CARD_FACE
    return attempt


def live_face_jpeg(s: Session) -> bytes:
    """The card services' proof of presence: the best frame of a passed check, as JPEG."""
    attempt = capture_live_face(s, Code.CARD_LIVENESS_FAILED)
    assert attempt.best is not None  # a passed attempt always has its best frame
    return jpeg_bytes(attempt.best)


def jpeg_bytes(image: Image) -> bytes:
    import cv2

    ok, jpeg = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
    if not ok:
        raise ServiceError(Code.FACE_ENCODE_FAILED)
    return bytes(jpeg.tobytes())


@dataclass
class FaceCapture:
    """One attempt in front of the camera: the analysis runs here, on the session's thread;
    the screen shows the camera's frames itself and hears only what to say."""

    camera: Camera
    analyzer: FaceAnalyzer
    gates: QualityGates
    settings: FaceSettings
    # The order only has to be unpredictable to a replayed video.
    rng: random.Random = field(default_factory=random.Random)

    def attempt(self, s: Session, number: int) -> Attempt:
        from devices.camera.camera import CameraCondition
        from kiosk.face.liveness import LivenessCheck, LivenessRules, random_actions

        settings = self.settings
        rules = LivenessRules(
            turn_yaw=settings.turn_yaw, action_timeout_s=settings.action_timeout_s
        )
        check = LivenessCheck(random_actions(self.rng, settings.liveness_actions), rules)
        best_score, best = 0.0, None
        looked = 0
        seq, heard_at = 0, time.monotonic()
        shown: FaceGuidance | None = None
        started = time.monotonic()
        while not check.finished:
            s.check()
            frame = self.camera.wait_for_frame(seq, 0.5)
            condition = self.camera.condition
            if frame is None or condition is CameraCondition.FROZEN:
                if time.monotonic() - heard_at > CAMERA_SILENT_S:
                    raise ServiceError(CAMERA_CONDITION[condition])
                continue
            seq, heard_at = frame.seq, time.monotonic()
            seen = self.analyzer.observe(frame.image)
            score = self.gates.score(seen)
            if score > best_score:
                best_score, best = score, frame.image
            if looked < LOOK_FRAMES:
                # Settle in front of the camera first; the actions' clocks start after.
                issues = self.gates.issues(seen, expect_frontal=True)
                looked += 0 if issues else 1
                action = FaceAction.LOOK
                if time.monotonic() - started > settings.action_timeout_s:
                    return Attempt(False, Code.FACE_NO_GOOD_FRAME, [], None)
            else:
                check.feed(frame.captured_at, seen)
                current = check.current
                action = current or FaceAction.LOOK
                issues = self.gates.issues(seen, expect_frontal=False)
            view = FaceGuidance(
                action=action,
                feedback=issues[0] if issues else None,
                done=sum(1 for step in check.steps if step.passed),
                total=len(check.steps),
                attempt=number,
            )
            if view != shown:
                s.show(view)
                shown = view
        wall, steady = datetime.now(UTC), time.monotonic()
        trace = [
            (step.action.value, step.passed, wall - timedelta(seconds=steady - step.finished_at))
            for step in check.steps
            if step.finished_at is not None
        ]
        failure = next((LIVENESS_FAILURE[st.failure] for st in check.steps if st.failure), None)
        if check.passed and best is None:
            failure = Code.FACE_NO_GOOD_FRAME
        return Attempt(check.passed and best is not None, failure, trace, best)
