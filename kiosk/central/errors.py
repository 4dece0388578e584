"""What can go wrong talking to the central system, as typed exceptions with stable codes.

Codes are safe to log and to show; messages never carry personal data.
"""

from __future__ import annotations


class CentralError(Exception):
    code = "central.error"

    def __init__(self, code: str | None = None, status: int | None = None) -> None:
        if code:
            self.code = code
        self.status = status
        super().__init__(self.code if status is None else f"{self.code} (HTTP {status})")


class CentralUnavailable(CentralError):
    """Network down, timeout or a server-side failure: worth trying again later."""

    code = "central.unavailable"


class CentralTimeout(CentralUnavailable):
    code = "central.timeout"


class MalformedCentralResponse(CentralError):
    """The answer does not follow the contract."""

    code = "central.malformed"


class CentralAnswerTooLarge(MalformedCentralResponse):
    """The answer grew past `central.max_answer_kb` (counted after decompression)."""

    code = "central.answer_too_large"


class CentralRejected(CentralError):
    """The central system understood the request and said no (4xx); retrying will not help."""

    code = "central.rejected"


class TerminalNotAuthorised(CentralRejected):
    code = "auth.signature_invalid"


class IdempotencyKeyReused(CentralRejected):
    code = "idempotency.key_reused"


class PersonNotFound(CentralRejected):
    code = "person.not_found"


class PersonReferenceExpired(CentralRejected):
    code = "person.reference_expired"


PROBLEM_TYPE_BASE = "https://sheyin.example/problems/"

# Stable problem codes the central system answers with. The sandbox answers these; the client
# maps them to the classes above. The HTTP status is part of the contract.
PROBLEM_CODES: dict[str, tuple[int, type[CentralRejected]]] = {
    "auth.signature_missing": (401, TerminalNotAuthorised),
    "auth.signature_invalid": (401, TerminalNotAuthorised),
    "auth.signature_stale": (401, TerminalNotAuthorised),
    "auth.terminal_unknown": (401, TerminalNotAuthorised),
    "auth.header_invalid": (401, TerminalNotAuthorised),
    "auth.replayed": (401, TerminalNotAuthorised),
    "request.invalid": (422, CentralRejected),
    "request.too_large": (413, CentralRejected),
    "idempotency.key_missing": (400, CentralRejected),
    "idempotency.key_invalid": (400, CentralRejected),
    "idempotency.key_reused": (422, IdempotencyKeyReused),
    "idempotency.in_progress": (409, CentralRejected),
    "person.not_found": (404, PersonNotFound),
    "person.reference_expired": (404, PersonReferenceExpired),
    "card.not_found": (404, CentralRejected),
    "card.holder_mismatch": (422, CentralRejected),
    "card.not_active": (409, CentralRejected),
    "enrollment.already_enrolled": (409, CentralRejected),
    "enrollment.not_eligible": (422, CentralRejected),
    "loss_report.proof_missing": (422, CentralRejected),
    "loss_report.proof_mismatch": (422, CentralRejected),
    "receipt.not_found": (404, CentralRejected),
    "certificate.not_found": (404, CentralRejected),
    "payment.not_payable": (422, CentralRejected),
    "order.not_found": (404, CentralRejected),
    "order.expired": (409, CentralRejected),
    "order.cancelled": (409, CentralRejected),
    "order.already_paid": (409, CentralRejected),
    "order.wrong_method": (422, CentralRejected),
    "debit.card_unknown": (404, CentralRejected),
    "debit.wrong_pin": (422, CentralRejected),
    "debit.pin_blocked": (422, CentralRejected),
    "payment.mismatch": (422, CentralRejected),
    "certificate.not_eligible": (422, CentralRejected),
    "card.face_mismatch": (422, CentralRejected),
    "card.no_reference_photo": (422, CentralRejected),
    "card.not_enrolled": (422, CentralRejected),
    "card.already_held": (409, CentralRejected),
    "card.not_reported_lost": (409, CentralRejected),
    "card.application_not_found": (404, CentralRejected),
    "card.application_closed": (409, CentralRejected),
    "card.application_pending": (409, CentralRejected),
    "technician.refused": (403, CentralRejected),
    "staff.refused": (403, CentralRejected),
}
