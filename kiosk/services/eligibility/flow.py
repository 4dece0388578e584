"""待遇领取资格认证: the yearly proof of life. Card and PIN, the status, then the camera: a random
sequence of actions with live feedback, at most `face.attempts` attempts; the best frontal frame
and the liveness trace go to the central system through the outbox, which matches the face
against the reference photo. Offline the evidence is queued and the citizen gets a provisional
receipt; the central system decides on delivery (automatic approval with post-check)."""

from __future__ import annotations

import base64
import logging
from datetime import UTC, datetime
from typing import Literal

from kiosk.codes import Code
from kiosk.services.eligibility.steps import EligibilityDue, EligibilityResult
from kiosk.services.errors import ServiceError
from kiosk.services.face_check import Attempt, capture_live_face, jpeg_bytes
from kiosk.services.identify import identify, take_card
from kiosk.services.receipt_printing import print_queued_receipt
from kiosk.services.session import IDENTITY_STAFF_CONFIRMED, Session
from kiosk.services.steps import Activity, ConfirmationReason, QueuedReceipt, Working

log = logging.getLogger(__name__)


def authenticate_eligibility(s: Session) -> None:
    person = identify(s, offline_ok=True, staff_may_confirm=True)
    online = bool(person.reference)
    if online:
        if person.is_pensioner is False:
            raise ServiceError(Code.ELIGIBILITY_NOT_PENSIONER)
        s.show(Working(Activity.CHECKING_ELIGIBILITY))
        status = s.central.eligibility(person.reference)
        s.ask(EligibilityDue(person.masked_name, status.due, status.valid_until))
    else:
        s.ask(EligibilityDue(person.masked_name, None))

    attempt = capture_live_face(s, Code.ELIGIBILITY_LIVENESS_FAILED)
    assert attempt.best is not None
    _submit(s, person.id_number, attempt, captured_offline=not online)
    take_card(s)


def staff_confirmation(
    identity: str,
) -> Literal["bedridden", "cannot_use_hands", "cannot_see"] | None:
    """The reason a member of staff gave for confirming the citizen's identity, if they did."""
    prefix = f"{IDENTITY_STAFF_CONFIRMED}:"
    if not identity.startswith(prefix):
        return None
    reason = ConfirmationReason(identity.removeprefix(prefix))
    if reason is ConfirmationReason.BEDRIDDEN:
        return "bedridden"
    if reason is ConfirmationReason.CANNOT_USE_HANDS:
        return "cannot_use_hands"
    return "cannot_see"


def _submit(s: Session, id_number: str, attempt: Attempt, captured_offline: bool) -> None:
    from kiosk.central import models as m
    from kiosk.central.operations import ELIGIBILITY_AUTHENTICATION
    from kiosk.central.outbound import Sent

    s.show(Working(Activity.SUBMITTING))
    assert attempt.best is not None
    frame_b64 = base64.b64encode(jpeg_bytes(attempt.best)).decode("ascii")
    captured_at = datetime.now(UTC)

    def request(receipt_number: str) -> m.EligibilityAuthenticationRequest:
        return m.EligibilityAuthenticationRequest(
            receipt_number=receipt_number,
            id_number=id_number,
            captured_at=captured_at,
            best_frame_jpeg_b64=frame_b64,
            liveness=[
                m.LivenessStep(action=action, passed=passed, at=at)
                for action, passed, at in attempt.trace
            ],
            local_match_score=None,
            captured_offline=captured_offline,
            staff_confirmation=staff_confirmation(s.identity),
        )

    result = s.outbound.submit(ELIGIBILITY_AUTHENTICATION, request, ordering_key=id_number)
    if isinstance(result, Sent):
        reply = result.reply
        s.ask(
            EligibilityResult(
                receipt_number=result.receipt,
                authenticated=reply.outcome is m.AuthenticationOutcome.AUTHENTICATED,
                under_review=reply.outcome is m.AuthenticationOutcome.UNDER_REVIEW,
                valid_until=reply.valid_until,
                reason_code=reply.reason_code,
            )
        )
    else:
        s.ask(
            QueuedReceipt(
                receipt_number=result.receipt,
                operation=ELIGIBILITY_AUTHENTICATION.kind,
                accepted_at=result.accepted_at,
                printed=print_queued_receipt(s, result.receipt, ELIGIBILITY_AUTHENTICATION.kind),
            )
        )
