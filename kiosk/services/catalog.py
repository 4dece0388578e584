"""The six services: their order on the home screen, whether they run offline, which are built."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.services.card import card_services
from kiosk.services.certificates import print_certificate
from kiosk.services.eligibility import authenticate_eligibility
from kiosk.services.enrollment import enroll
from kiosk.services.payment import pay_contribution
from kiosk.services.progress import follow_receipt
from kiosk.services.query import query
from kiosk.services.runner import Flow
from kiosk.services.session import ServiceId


@dataclass(frozen=True)
class ServiceInfo:
    id: ServiceId
    runs_offline: bool
    """Whether the service can be completed with the central system unreachable (DESIGN.md):
    what it writes is queued and the citizen leaves with a receipt."""


SERVICES: tuple[ServiceInfo, ...] = (
    ServiceInfo(ServiceId.ELIGIBILITY, runs_offline=True),
    ServiceInfo(ServiceId.ENROLLMENT, runs_offline=True),
    ServiceInfo(ServiceId.QUERY, runs_offline=False),
    ServiceInfo(ServiceId.PAYMENT, runs_offline=False),
    ServiceInfo(ServiceId.CERTIFICATES, runs_offline=False),
    # Of the card services, the loss report runs offline (at top priority) and so does a PIN
    # change (the PIN is on the chip); issuance needs the central system's script.
    ServiceInfo(ServiceId.CARD, runs_offline=True),
)
PROGRESS = ServiceInfo(ServiceId.PROGRESS, runs_offline=True)
"""Following a receipt: this terminal's own queue answers while offline."""

# The services whose flows are built. A service not listed here shows as "coming soon".
FLOWS: dict[ServiceId, Flow] = {
    ServiceId.ELIGIBILITY: authenticate_eligibility,
    ServiceId.ENROLLMENT: enroll,
    ServiceId.QUERY: query,
    ServiceId.PAYMENT: pay_contribution,
    ServiceId.CERTIFICATES: print_certificate,
    ServiceId.CARD: card_services,
    ServiceId.PROGRESS: follow_receipt,
}
