"""The terminal's own vocabulary, declared once: the services, and every code a session can end
on (the UI has words for each; tests/unit/test_codes.py checks it)."""

from __future__ import annotations

import enum


class ServiceId(enum.StrEnum):
    ELIGIBILITY = "eligibility"
    ENROLLMENT = "enrollment"
    QUERY = "query"
    PAYMENT = "payment"
    CERTIFICATES = "certificates"
    CARD = "card"
    PROGRESS = "progress"
    """Not a service of its own: following a receipt of any of the others (查进度)."""


class Code(enum.StrEnum):
    """Codes the terminal's own flows and rules end a session on. Devices, the central system
    and the offline queue declare theirs on their error classes; `every_code()` gathers all."""

    CAMERA_BLACK = "camera.black"
    CAMERA_FROZEN = "camera.frozen"
    CAMERA_NOT_OPENED = "camera.not_opened"
    CAMERA_STARTING = "camera.starting"
    CAMERA_UNAVAILABLE = "camera.unavailable"
    CAMERA_UNPLUGGED = "camera.unplugged"
    CARD_ALREADY_ACTIVE = "card.already_active"
    CARD_BAD_ID_NUMBER = "card.bad_id_number"
    CARD_EXPIRED = "card.expired"
    CARD_HOLDER_MISMATCH = "card.holder_mismatch"
    CARD_LIVENESS_FAILED = "card.liveness_failed"
    CARD_NEEDS_NETWORK = "card.needs_network"
    CARD_NO_NAME = "card.no_name"
    CARD_NOT_ACTIVATED = "card.not_activated"
    CARD_PIN_BLOCKED = "card.pin_blocked"
    CARD_REPORTED_LOST = "card.reported_lost"
    CARD_RETIRED = "card.retired"
    CARD_WRITE_FAILED = "card.write_failed"
    CENTRAL_MALFORMED = "central.malformed"
    DEBIT_PIN_BLOCKED = "debit.pin_blocked"
    ELIGIBILITY_LIVENESS_FAILED = "eligibility.liveness_failed"
    ELIGIBILITY_NOT_PENSIONER = "eligibility.not_pensioner"
    ENROLLMENT_ALREADY_ENROLLED = "enrollment.already_enrolled"
    ENROLLMENT_NOT_ELIGIBLE = "enrollment.not_eligible"
    FACE_ENCODE_FAILED = "face.encode_failed"
    FACE_NO_GOOD_FRAME = "face.no_good_frame"
    IDCARD_ABSENT = "idcard.absent"
    INTERNAL_ERROR = "internal.error"
    """A flow crashed: the one code the generic words are for."""
    IDCARD_BAD_FIELD = "idcard.bad_field"
    IDCARD_BAD_ID_NUMBER = "idcard.bad_id_number"
    IDCARD_EXPIRED = "idcard.expired"
    IDCARD_NO_NAME = "idcard.no_name"
    IDCARD_NO_READER = "idcard.no_reader"
    ISSUANCE_INTERRUPTED = "issuance.interrupted"
    ISSUER_CHIP_CONTACT = "issuer.chip_contact"
    ISSUER_OFFLINE = "issuer.offline"
    ISSUER_TIMEOUT = "issuer.timeout"
    LIVENESS_FAILED = "liveness.failed"
    LIVENESS_TIMEOUT = "liveness.timeout"
    LIVENESS_TOO_FAST = "liveness.too_fast"
    ORDER_CANCELLED = "order.cancelled"
    ORDER_EXPIRED = "order.expired"
    PAYMENT_NOT_COMPLETED = "payment.not_completed"
    PAYMENT_NOT_PAYABLE = "payment.not_payable"
    PRINTER_OFFLINE = "printer.offline"
    QUEUE_OFFLINE_NOT_ALLOWED = "queue.offline_not_allowed"


LIVENESS_FAILURE = {
    "timeout": Code.LIVENESS_TIMEOUT,
    "too_fast": Code.LIVENESS_TOO_FAST,
}
"""kiosk.face.liveness.Failure value → the code an attempt fails on."""
CAMERA_CONDITION = {
    "starting": Code.CAMERA_STARTING,
    "not_opened": Code.CAMERA_NOT_OPENED,
    "unplugged": Code.CAMERA_UNPLUGGED,
    "frozen": Code.CAMERA_FROZEN,
    "black": Code.CAMERA_BLACK,
    "ok": Code.CAMERA_FROZEN,
}
"""devices.camera CameraCondition value → the code a face check ends on when the camera falls
silent (an 'ok' camera that delivers nothing is frozen)."""


def every_code() -> frozenset[str]:
    """Every code a citizen can meet: the flows' own, the central system's problem codes and
    error classes, every device error (each not-ready state of each device family) and the
    offline queue's. The UI has words for each (tests/ui/test_words.py)."""
    # Imported for their error classes, which the walk below finds as subclasses.
    import devices.camera.camera
    import devices.card_issuer.base
    import devices.idcard.errors
    import devices.pinpad.base
    import devices.printer.base
    import devices.printer.receipt
    import devices.smartcard.errors  # noqa: F401
    import kiosk.central.errors as central
    import kiosk.ledgers.schema  # noqa: F401
    import offline_queue.errors as queue
    from devices.base import DeviceError, NotReady

    def codes_of(base: type[Exception]) -> set[str]:
        """The `code` of the class and of every subclass."""
        found = {str(getattr(base, "code", ""))}
        for sub in base.__subclasses__():
            found |= codes_of(sub)
        return found - {""}

    codes: set[str] = {c.value for c in Code}
    codes |= set(central.PROBLEM_CODES)
    from kiosk.central.codes import EligibilityReason

    codes |= {r.value for r in EligibilityReason}
    codes |= codes_of(central.CentralError) | codes_of(queue.OutboxError)
    from devices.card_issuer.base import IssuerState
    from devices.printer.base import PrinterState
    from devices.printer.receipt import PRINTS, ReceiptPrinterState

    # The states in which a device cannot do its work, by the family of its NotReady error.
    not_ready: dict[str, set[str]] = {
        "printer": {s.value for s in PrinterState} - {PrinterState.IDLE, PrinterState.PRINTING},
        "issuer": {s.value for s in IssuerState} - {IssuerState.READY},
        "receipt_printer": {s.value for s in ReceiptPrinterState} - PRINTS,
    }
    pending: list[type[DeviceError]] = [DeviceError]
    while pending:
        error = pending.pop()
        pending += error.__subclasses__()
        if issubclass(error, NotReady) and error.family in not_ready:
            # Its code is `<family>.<state>`, one for each state it can be raised in.
            codes |= {f"{error.family}.{state}" for state in not_ready[error.family]}
        else:
            codes.add(error.code)
    return frozenset(codes)
