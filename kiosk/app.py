"""Composition root: builds the devices, the central client and the flow runner from settings."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from devices.smartcard.inprocess import InProcessCardSlot
from devices.smartcard.reader import SmartCardReader
from kiosk.central.client import CentralClient
from kiosk.config import Settings
from kiosk.demo import DemoCardTray
from kiosk.services.catalog import FLOWS, SERVICES, ServiceInfo
from kiosk.services.runner import FlowRunner
from kiosk.services.session import Devices, UiPort

log = logging.getLogger(__name__)


@dataclass
class Kiosk:
    settings: Settings
    central: CentralClient
    devices: Devices
    demo_tray: DemoCardTray | None
    services: tuple[ServiceInfo, ...] = SERVICES
    today: Callable[[], date] = field(default=date.today)

    def runner(self, ui: UiPort) -> FlowRunner:
        return FlowRunner(FLOWS, ui, self.central, self.devices, self.today)

    def close(self) -> None:
        self.devices.card_reader.close()
        self.central.close()


def build_kiosk(settings: Settings) -> Kiosk:
    slot = InProcessCardSlot()
    tray = DemoCardTray(slot) if settings.kiosk.demo else None
    devices = Devices(card_reader=SmartCardReader(slot))
    log.info(
        "kiosk built: role=%s card_reader=%s demo=%s",
        settings.kiosk.role,
        settings.devices.card_reader,
        settings.kiosk.demo,
    )
    return Kiosk(settings, CentralClient(settings.central), devices, tray)
