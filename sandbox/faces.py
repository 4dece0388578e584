"""The sandbox's face decisions: the same matcher as the kiosk (kiosk.face), against the
reference photo on file, and the review list staff work through.

Decision on a proof of life: a failed or missing liveness step → rejected; no reference photo
on file → review; no face in the frame → rejected; distance within the automatic-approval
margin → authenticated; within dlib's threshold but not the margin → review (low score);
beyond the threshold → rejected (face mismatch).

Loopback-only controls for tests and demos: the review list and staff's decision on each item,
and another photo put on file for a citizen (to show a live face that is not the one on file).
"""

from __future__ import annotations

import base64
import binascii
import sqlite3
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Literal

import numpy as np
from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict

from kiosk.central import models as m
from kiosk.central.codes import EligibilityReason
from sandbox.db import Database
from sandbox.faults import loopback_only
from sandbox.http import ProblemError

if TYPE_CHECKING:
    from kiosk.face.match import Descriptor, FaceMatcher, Image

MAX_DISTANCE = 0.6
AUTO_APPROVE_SCORE = 0.6
"""Score (see kiosk.face.match.score_of) at or above which no one needs to look."""
REVIEWS_PATH = "/_sandbox/reviews"
REFERENCE_PHOTOS_PATH = "/_sandbox/reference-photos"


@dataclass(frozen=True)
class Verdict:
    outcome: m.AuthenticationOutcome
    score: float | None
    reason_code: str | None


class FaceJudge:
    """Loads the models at the first proof of life, not at start-up."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._matcher: FaceMatcher | None = None

    @property
    def matcher(self) -> FaceMatcher:
        with self._lock:
            if self._matcher is None:
                from kiosk.face.match import FaceMatcher

                self._matcher = FaceMatcher(MAX_DISTANCE)
            return self._matcher


def judge_face(judge: FaceJudge, db: Database, body: m.EligibilityAuthenticationRequest) -> Verdict:
    if not body.liveness or not all(step.passed for step in body.liveness):
        return Verdict(m.AuthenticationOutcome.REJECTED, None, "eligibility.liveness_failed")
    return match_reference(judge, db, body.id_number, body.best_frame_jpeg_b64)


def match_reference(judge: FaceJudge, db: Database, id_number: str, jpeg_b64: str) -> Verdict:
    """The live photo against the reference on file: authenticated, for review, or rejected."""
    reference = _reference_descriptor(judge, db, id_number)
    if reference is None:
        return Verdict(
            m.AuthenticationOutcome.UNDER_REVIEW, None, EligibilityReason.NO_REFERENCE_PHOTO
        )
    frame = _decoded(jpeg_b64)
    result = judge.matcher.match(frame, reference) if frame is not None else None
    if result is None:
        return Verdict(m.AuthenticationOutcome.REJECTED, None, EligibilityReason.NO_FACE)
    score = round(result.score, 3)
    if result.score >= AUTO_APPROVE_SCORE:
        return Verdict(m.AuthenticationOutcome.AUTHENTICATED, score, None)
    if result.same_person:
        return Verdict(m.AuthenticationOutcome.UNDER_REVIEW, score, EligibilityReason.LOW_SCORE)
    return Verdict(m.AuthenticationOutcome.REJECTED, score, EligibilityReason.FACE_MISMATCH)


def _decoded(jpeg_b64: str) -> Image | None:
    import cv2

    try:
        jpeg = np.frombuffer(base64.b64decode(jpeg_b64, validate=True), np.uint8)
    except (binascii.Error, ValueError):
        return None
    frame: Image | None = cv2.imdecode(jpeg, cv2.IMREAD_COLOR) if jpeg.size else None
    return frame


def _reference_descriptor(judge: FaceJudge, db: Database, id_number: str) -> Descriptor | None:
    with db.transaction() as tx:
        row = tx.execute(
            "SELECT photo, descriptor FROM reference_faces WHERE id_number = ?", (id_number,)
        ).fetchone()
    if row is None:
        return None
    if row["descriptor"] is not None:
        stored: Descriptor = np.frombuffer(row["descriptor"], np.float64)
        return stored
    import cv2

    photo: Image | None = cv2.imdecode(np.frombuffer(row["photo"], np.uint8), cv2.IMREAD_COLOR)
    found = judge.matcher.descriptor(photo) if photo is not None else None
    if found is None:
        return None
    with db.transaction() as tx:
        tx.execute(
            "UPDATE reference_faces SET descriptor = ? WHERE id_number = ?",
            (found.astype(np.float64).tobytes(), id_number),
        )
    return found


class ReviewItem(BaseModel):
    authentication_id: uuid.UUID
    receipt_number: str
    match_score: float | None
    captured_offline: bool
    created_at: datetime


class ReviewDecision(BaseModel):
    model_config = ConfigDict(extra="forbid")

    decision: Literal["approve", "reject"]


def reviews_router() -> APIRouter:
    """Staff's review list: low-score and no-reference proofs of life (loopback only)."""
    router = APIRouter()

    @router.get(REVIEWS_PATH, response_model=list[ReviewItem])
    def reviews(request: Request) -> list[ReviewItem]:
        loopback_only(request)
        db: Database = request.app.state.db
        with db.transaction() as tx:
            rows = tx.execute(
                "SELECT * FROM authentications WHERE outcome = ? ORDER BY created_at",
                (m.AuthenticationOutcome.UNDER_REVIEW.value,),
            ).fetchall()
        return [
            ReviewItem(
                authentication_id=uuid.UUID(r["authentication_id"]),
                receipt_number=r["receipt_number"],
                match_score=r["match_score"],
                captured_offline=bool(r["captured_offline"]),
                created_at=datetime.fromisoformat(r["created_at"]),
            )
            for r in rows
        ]

    @router.post(REVIEWS_PATH + "/{authentication_id}", response_model=ReviewItem)
    def decide(request: Request, authentication_id: uuid.UUID, body: ReviewDecision) -> ReviewItem:

        loopback_only(request)
        db: Database = request.app.state.db
        today: date = request.app.state.today()
        with db.transaction() as tx:
            row = tx.execute(
                "SELECT * FROM authentications WHERE authentication_id = ? AND outcome = ?",
                (str(authentication_id), m.AuthenticationOutcome.UNDER_REVIEW.value),
            ).fetchone()
            if row is None:
                raise ProblemError("receipt.not_found", "no such authentication under review")
            _apply_decision(tx, row, body.decision == "approve", today)
        return ReviewItem(
            authentication_id=authentication_id,
            receipt_number=row["receipt_number"],
            match_score=row["match_score"],
            captured_offline=bool(row["captured_offline"]),
            created_at=datetime.fromisoformat(row["created_at"]),
        )

    return router


def _apply_decision(tx: sqlite3.Connection, row: sqlite3.Row, approve: bool, today: date) -> None:
    now = datetime.now(UTC).isoformat()
    if approve:
        valid_until = today + timedelta(days=365)
        tx.execute(
            "UPDATE authentications SET outcome = ?, valid_until = ? WHERE authentication_id = ?",
            (m.AuthenticationOutcome.AUTHENTICATED.value, valid_until.isoformat(),
             row["authentication_id"]),
        )  # fmt: skip
        tx.execute(
            "INSERT OR REPLACE INTO eligibility VALUES (?, ?, ?)",
            (row["id_number"], today.isoformat(), valid_until.isoformat()),
        )
        state, reason = m.ReceiptState.DELIVERED, None
    else:
        tx.execute(
            "UPDATE authentications SET outcome = ? WHERE authentication_id = ?",
            (m.AuthenticationOutcome.REJECTED.value, row["authentication_id"]),
        )
        state, reason = m.ReceiptState.REJECTED, EligibilityReason.REVIEW_REJECTED
    tx.execute(
        "UPDATE receipts SET state = ?, reason_code = ?, updated_at = ? WHERE receipt_number = ?",
        (state.value, reason, now, row["receipt_number"]),
    )


class ReferencePhoto(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id_number: str
    """In the body, not the path: an ID number has no place in a URL that logs may keep."""
    photo_jpeg_b64: str


def reference_photos_router() -> APIRouter:
    """Puts another photo on file for a citizen (loopback only), so a test or a demo can show
    the camera a face that is not, or is only weakly, the one on file."""
    router = APIRouter()

    @router.put(REFERENCE_PHOTOS_PATH, status_code=204)
    def put_reference_photo(request: Request, body: ReferencePhoto) -> Response:
        loopback_only(request)
        if _decoded(body.photo_jpeg_b64) is None:
            raise ProblemError("request.invalid", "the photo is not an image")
        photo = base64.b64decode(body.photo_jpeg_b64, validate=True)
        db: Database = request.app.state.db
        with db.transaction() as tx:
            if (
                tx.execute(
                    "SELECT 1 FROM persons WHERE id_number = ?", (body.id_number,)
                ).fetchone()
                is None
            ):
                raise ProblemError("person.not_found")
            # The descriptor is worked out again from the new photo at the next proof of life.
            tx.execute(
                "INSERT OR REPLACE INTO reference_faces VALUES (?, ?, NULL)",
                (body.id_number, photo),
            )
        return Response(status_code=204)

    return router


def put_reference_photo(base_url: str, id_number: str, jpeg: bytes) -> None:
    """For tests and demos: puts `jpeg` on file as the citizen's reference photo over HTTP."""
    import requests

    body = ReferencePhoto(id_number=id_number, photo_jpeg_b64=base64.b64encode(jpeg).decode())
    response = requests.put(base_url + REFERENCE_PHOTOS_PATH, json=body.model_dump(), timeout=5)
    response.raise_for_status()


def review_list(base_url: str) -> list[ReviewItem]:
    """For tests and demos: the proofs of life waiting for staff, oldest first."""
    import requests

    response = requests.get(base_url + REVIEWS_PATH, timeout=5)
    response.raise_for_status()
    return [ReviewItem.model_validate(item) for item in response.json()]


def decide_review(
    base_url: str, authentication_id: uuid.UUID, decision: Literal["approve", "reject"]
) -> ReviewItem:
    """For tests and demos: staff's decision on one item of the review list."""
    import requests

    response = requests.post(
        f"{base_url}{REVIEWS_PATH}/{authentication_id}",
        json=ReviewDecision(decision=decision).model_dump(),
        timeout=5,
    )
    response.raise_for_status()
    return ReviewItem.model_validate(response.json())
