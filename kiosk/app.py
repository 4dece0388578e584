"""Composition root: builds the devices, the central client and the flow runner from settings."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from devices.smartcard.inprocess import InProcessCardSlot
from devices.smartcard.reader import CardSlot, SmartCardReader
from kiosk.config import Settings
from kiosk.demo import CardHolder, DemoCardTray
from kiosk.services.catalog import FLOWS, SERVICES, ServiceInfo
from kiosk.services.runner import FlowRunner
from kiosk.services.session import Central, Devices, UiPort

if TYPE_CHECKING:
    from kiosk.central.client import CentralClient

log = logging.getLogger(__name__)


@dataclass
class Kiosk:
    settings: Settings
    devices: Devices
    demo_tray: DemoCardTray | None
    services: tuple[ServiceInfo, ...] = SERVICES
    today: Callable[[], date] = field(default=date.today)
    _central: CentralClient | None = field(default=None, init=False, repr=False)
    _central_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    @property
    def central(self) -> CentralClient:
        """Built on first use: requests and the contract models are not needed to show the
        attract and home screens, and importing them there costs more than the screens do."""
        with self._central_lock:
            if self._central is None:
                from kiosk.central.client import CentralClient

                self._central = CentralClient(self.settings.central)
            return self._central

    def warm_up(self) -> None:
        """Builds the central client on a background thread, once the first screen is up."""
        threading.Thread(target=lambda: self.central, name="warm-up", daemon=True).start()

    def runner(self, ui: UiPort) -> FlowRunner:
        def central() -> Central:
            return self.central

        return FlowRunner(FLOWS, ui, central, self.devices, self.today)

    def close(self) -> None:
        if self.demo_tray is not None:
            self.demo_tray.remove()
        self.devices.card_reader.close()
        with self._central_lock:
            if self._central is not None:
                self._central.close()


def build_kiosk(settings: Settings) -> Kiosk:
    slot: CardSlot
    holder: CardHolder | None = None
    if settings.devices.card_reader == "pcsc":
        from devices.smartcard.pcsc import PcscCardSlot
        from devices.smartcard.vpcd import VpcdSlot

        slot = PcscCardSlot(settings.devices.card_reader_name)
        if settings.kiosk.demo:
            holder = VpcdSlot(settings.devices.vpcd_port)
    else:
        slot = holder = InProcessCardSlot()
    tray = DemoCardTray(holder) if settings.kiosk.demo and holder is not None else None
    devices = Devices(card_reader=SmartCardReader(slot))
    log.info(
        "kiosk built: role=%s card_reader=%s demo=%s",
        settings.kiosk.role,
        settings.devices.card_reader,
        settings.kiosk.demo,
    )
    return Kiosk(settings, devices, tray)
