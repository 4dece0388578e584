"""The six services: their order on the home screen, whether they run offline, which are built."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from devices.manager import DeviceClass as DeviceClass  # for the ui, which names devices
from kiosk.codes import ServiceId
from kiosk.services.runner import Flow
from kiosk.services.session import Session

if TYPE_CHECKING:
    from kiosk.config import Settings


@dataclass(frozen=True)
class ServiceInfo:
    id: ServiceId
    runs_offline: bool
    """Whether the service can be completed with the central system unreachable (DESIGN.md):
    what it writes is queued and the citizen leaves with a receipt."""
    needs: tuple[tuple[DeviceClass, ...], ...] = ()
    """The devices it cannot start without: one of each group (a receipt printer is never
    needed: a receipt that does not print is shown large with its QR code)."""

    def blocked_by(self, working: Callable[[DeviceClass], bool]) -> DeviceClass | None:
        """The first needed device that is missing or out of order; None when it can run."""
        for group in self.needs:
            if not any(working(device) for device in group):
                return group[0]
        return None


CARD_READER, IDCARD_READER = DeviceClass.CARD_READER, DeviceClass.IDCARD_READER
SERVICES: tuple[ServiceInfo, ...] = (
    ServiceInfo(
        ServiceId.ELIGIBILITY, runs_offline=True, needs=((CARD_READER,), (DeviceClass.CAMERA,))
    ),
    ServiceInfo(ServiceId.ENROLLMENT, runs_offline=True, needs=((IDCARD_READER,),)),
    ServiceInfo(ServiceId.QUERY, runs_offline=False, needs=((CARD_READER,),)),
    ServiceInfo(ServiceId.PAYMENT, runs_offline=False, needs=((CARD_READER,),)),
    ServiceInfo(
        ServiceId.CERTIFICATES,
        runs_offline=False,
        needs=((CARD_READER,), (DeviceClass.PRINTER,)),
    ),
    # Of the card services, the loss report runs offline (at top priority), and so do a PIN
    # change (the PIN is on the chip) and an application for a card made at the branch (where
    # no card issuer is fitted); issuance needs the central system's script. The menu offers
    # what the devices allow (cards.flow.card_menu); with neither reader, nothing.
    ServiceInfo(ServiceId.CARD, runs_offline=True, needs=((CARD_READER, IDCARD_READER),)),
)
PROGRESS = ServiceInfo(ServiceId.PROGRESS, runs_offline=True)
"""Following a receipt: this terminal's own queue answers while offline, on the keypad."""


def fitted_to(
    settings: Settings, services: tuple[ServiceInfo, ...] = SERVICES
) -> tuple[ServiceInfo, ...]:
    """The services with the needs this terminal's settings give them: with a collection point
    (certificates.collection_point), certificates need no A4 printer: issued here, they are
    printed where the citizen collects them."""
    if not settings.certificates.collection_point:
        return services
    return tuple(
        replace(info, needs=tuple(g for g in info.needs if DeviceClass.PRINTER not in g))
        if info.id is ServiceId.CERTIFICATES
        else info
        for info in services
    )


def _flow(module: str, function: str) -> Flow:
    """The flow, imported with its first session (or by `preload`), not with the first screen:
    every module imported after Qt is also read by PySide6's feature hook, and the flows with
    their screens' needs are a tenth of a second at start."""

    def run(s: Session) -> None:
        flow: Flow = getattr(importlib.import_module(f"kiosk.services.{module}.flow"), function)
        flow(s)

    run.__qualname__ = run.__name__ = function
    return run


FLOW_MODULES = {
    ServiceId.ELIGIBILITY: ("eligibility", "authenticate_eligibility"),
    ServiceId.ENROLLMENT: ("enrollment", "enroll"),
    ServiceId.QUERY: ("query", "query"),
    ServiceId.PAYMENT: ("payment", "pay_contribution"),
    ServiceId.CERTIFICATES: ("certificates", "print_certificate"),
    ServiceId.CARD: ("cards", "card_services"),
    ServiceId.PROGRESS: ("progress", "follow_receipt"),
}
# The services whose flows are built. A service not listed here shows as "coming soon".
FLOWS: dict[ServiceId, Flow] = {
    service: _flow(module, function) for service, (module, function) in FLOW_MODULES.items()
}


def preload() -> None:
    """Imports every flow now (the warm-up thread does, once the first screen is up)."""
    for module, _function in FLOW_MODULES.values():
        importlib.import_module(f"kiosk.services.{module}.flow")
