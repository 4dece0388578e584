"""The central system's write operations, declared once: route, request and reply models, whether
an entry may wait in the offline queue (and in which lane), and the service that writes it.

Every write goes through the outbox (kiosk.central.outbound); the delivery worker looks the
stored entry's operation up here to send it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Generic, TypeVar

from kiosk.central import models as m
from kiosk.codes import ServiceId
from offline_queue.service import Operation
from offline_queue.store import Priority

Req = TypeVar("Req", bound=m.WriteRequest)
Rep = TypeVar("Rep", bound=m.Reply)


@dataclass(frozen=True)
class WriteOperation(Generic[Req, Rep]):
    operation: Operation
    service: ServiceId | None
    """The service that writes it (a receipt's progress names it); None for what no service
    owns (a help request)."""
    path: str
    request: type[Req]
    reply: type[Rep]

    @property
    def kind(self) -> str:
        return self.operation.kind

    def path_for(self, payload: bytes) -> str:
        """The route, with `{field}` placeholders filled from the request itself."""
        if "{" not in self.path:
            return self.path
        return self.path.format(**json.loads(payload))


CARD_LOSS_REPORT = WriteOperation(
    Operation("card_loss_report", may_queue=True, priority=Priority.URGENT),
    ServiceId.CARD,
    "/card-loss-reports",
    m.CardLossReportRequest,
    m.CardLossReportReceipt,
)
ELIGIBILITY_AUTHENTICATION = WriteOperation(
    Operation("eligibility_authentication", may_queue=True),
    ServiceId.ELIGIBILITY,
    "/eligibility-authentications",
    m.EligibilityAuthenticationRequest,
    m.EligibilityAuthenticationResult,
)
ENROLLMENT = WriteOperation(
    Operation("enrollment", may_queue=True),
    ServiceId.ENROLLMENT,
    "/enrollments",
    m.EnrollmentRequest,
    m.EnrollmentReceipt,
)
CERTIFICATE_ISSUE = WriteOperation(
    Operation("certificate_issue", may_queue=False),
    ServiceId.CERTIFICATES,
    "/certificates",
    m.CertificateRequest,
    m.IssuedCertificate,
)
PAYMENT_ORDER = WriteOperation(
    Operation("payment_order", may_queue=False),
    ServiceId.PAYMENT,
    "/payment-orders",
    m.PaymentOrderRequest,
    m.PaymentOrder,
)
CARD_DEBIT = WriteOperation(
    Operation("card_debit", may_queue=False),
    ServiceId.PAYMENT,
    "/card-debits",
    m.CardDebitRequest,
    m.PaymentOrder,
)
ORDER_CANCELLATION = WriteOperation(
    Operation("order_cancellation", may_queue=True),
    ServiceId.PAYMENT,
    "/payment-orders/{order_id}/cancellations",
    m.OrderCancellation,
    m.PaymentOrder,
)
PAYMENT_CONFIRMATION = WriteOperation(
    Operation("payment_confirmation", may_queue=True),
    ServiceId.PAYMENT,
    "/payment-orders/{order_id}/confirmations",
    m.PaymentConfirmation,
    m.PaymentOrder,
)
CARD_APPLICATION = WriteOperation(
    Operation("card_application", may_queue=False),
    ServiceId.CARD,
    "/card-applications",
    m.CardApplicationRequest,
    m.CardApplication,
)
PERSONALISATION = WriteOperation(
    Operation("card_personalisation", may_queue=False),
    ServiceId.CARD,
    "/card-applications/{application_id}/personalisation-scripts",
    m.PersonalisationRequest,
    m.PersonalisationScript,
)
ISSUANCE_OUTCOME = WriteOperation(
    Operation("card_issuance_outcome", may_queue=True, priority=Priority.URGENT),
    ServiceId.CARD,
    "/card-applications/{application_id}/outcomes",
    m.IssuanceOutcome,
    m.CardApplicationStatus,
)
CARD_ACTIVATION = WriteOperation(
    Operation("card_activation", may_queue=True),
    ServiceId.CARD,
    "/card-activations",
    m.CardActivationRequest,
    m.CardActivation,
)
CARD_DELIVERY_APPLICATION = WriteOperation(
    # Applied for at the door (a staff laptop) or at a kiosk without a card issuer: the card is
    # made at the branch later, so the application may wait for the line like any other.
    Operation("card_delivery_application", may_queue=True),
    ServiceId.CARD,
    "/card-delivery-applications",
    m.CardDeliveryApplicationRequest,
    m.CardDeliveryApplication,
)
PIN_RESET = WriteOperation(
    Operation("card_pin_reset", may_queue=False),
    ServiceId.CARD,
    "/card-pin-resets",
    m.PinResetRequest,
    m.PersonalisationScript,
)
HELP_REQUEST = WriteOperation(
    # Queued when the line is down, and sent before every normal entry once it is back: someone
    # is waiting at the terminal (staff answer it in the branch; the central system keeps it).
    Operation("help_request", may_queue=True, priority=Priority.URGENT),
    None,
    "/help-requests",
    m.HelpRequest,
    m.HelpRequestReceipt,
)
AUDIT_ANCHOR = WriteOperation(
    # Queued like any write: the log keeps its records; the anchor only fixes them later.
    Operation("audit_anchor", may_queue=True),
    None,
    "/audit-anchors",
    m.AuditAnchor,
    m.AuditAnchorReceipt,
)
WRITE_OPERATIONS: dict[str, WriteOperation[m.WriteRequest, m.Reply]] = {
    op.kind: op  # type: ignore[misc]
    for op in (
        CARD_LOSS_REPORT,
        ELIGIBILITY_AUTHENTICATION,
        ENROLLMENT,
        CERTIFICATE_ISSUE,
        PAYMENT_ORDER,
        CARD_DEBIT,
        ORDER_CANCELLATION,
        PAYMENT_CONFIRMATION,
        CARD_APPLICATION,
        PERSONALISATION,
        ISSUANCE_OUTCOME,
        CARD_ACTIVATION,
        CARD_DELIVERY_APPLICATION,
        PIN_RESET,
        HELP_REQUEST,
        AUDIT_ANCHOR,
    )
}


def service_of(kind: str) -> ServiceId | None:
    """The service an operation kind belongs to; None for a kind this terminal does not know."""
    operation = WRITE_OPERATIONS.get(kind)
    return operation.service if operation is not None else None
