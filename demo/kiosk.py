"""A demo terminal: the real terminal (kiosk.app) on the sandbox's credentials, with the demo's
card trays, the ID card reader simulator on a pseudo-terminal and the demo pensioner's clip in
the camera simulator. `sheyin demo` and the tests build it; a terminal never does."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from demo.camera import demo_camera
from demo.trays import CardHolder, DemoCardTray, DemoIdCardTray, DemoPayerPhone
from devices.manager import DRIVERS, DeviceClass, DeviceManager, DriverTable
from devices.smartcard.inprocess import InProcessCardSlot
from kiosk.app import Kiosk, private_data_dir
from kiosk.config import Settings, with_changes
from sandbox.credentials import DEMO_ISSUER_KEY, DEMO_TERMINAL_ID, DEMO_TERMINAL_KEY

log = logging.getLogger(__name__)
DEMO_DRIVERS: DriverTable = {**DRIVERS, (DeviceClass.CAMERA, "simulator"): demo_camera}
"""The terminal's driver table, the camera simulator playing the demo pensioner by default."""


def certificate_key_of(central_url: str) -> str:
    """The public half of the sandbox's own certificate key, as it hands it out on loopback."""
    import json
    from urllib.request import urlopen

    url = f"{central_url.rstrip('/')}/_sandbox/certificate-key"
    try:
        with urlopen(url, timeout=10) as answer:  # noqa: S310 - our sandbox, on loopback
            key: str = json.load(answer)["public_key"]
    except (OSError, ValueError, KeyError):
        # Not a sandbox that answers (stopped, or a test's scripted server): the terminal then
        # has no key, and `certificate verify` says so rather than guessing.
        log.info("demo: no certificate key from %s", central_url)
        return ""
    return key


def on_sandbox(settings: Settings, central_url: str) -> Settings:
    """The settings of a terminal the sandbox knows: its URL, the demo terminal's id and key, the
    sandbox's certificate key, and blank issuer chips made with the sandbox's issuer key."""
    from pydantic import SecretStr

    settings = with_changes(
        settings,
        "central",
        url=central_url.rstrip("/"),
        terminal_id=DEMO_TERMINAL_ID,
        terminal_key=SecretStr(DEMO_TERMINAL_KEY),
        certificate_public_key=certificate_key_of(central_url),
    )
    return with_changes(settings, "devices", issuer_chip_key=SecretStr(DEMO_ISSUER_KEY.hex()))


@dataclass
class DemoKiosk(Kiosk):
    """The terminal and what the demo puts beside it."""

    demo_tray: DemoCardTray | None = None
    id_card_tray: DemoIdCardTray | None = None
    payer: DemoPayerPhone | None = None

    def close(self) -> None:
        if self.demo_tray is not None:
            self.demo_tray.remove()
        super().close()
        if self.id_card_tray is not None:
            self.id_card_tray.simulator.stop()


def build_demo_kiosk(settings: Settings, central_url: str | None = None) -> DemoKiosk:
    """The demo terminal on the sandbox at `central_url` (default: the settings' URL).

    Cards go in through vpcd when the card reader is PC/SC (`devices.vpcd_port`), otherwise
    into the in-process slot; an ID card reader simulator stands in unless a reader is set."""
    from devices.idcard.simulator import IdCardReaderSimulator

    settings = on_sandbox(settings, central_url or settings.central.url)
    id_tray: DemoIdCardTray | None = None
    if settings.devices.idcard_reader == "none":
        # The real driver, through a pty to the simulator.
        id_tray = DemoIdCardTray(IdCardReaderSimulator().start())
        settings = with_changes(
            settings, "devices", idcard_reader="serial", idcard_port=id_tray.simulator.port
        )
    try:
        manager = DeviceManager(settings.devices, private_data_dir(settings), DEMO_DRIVERS)
    except BaseException:
        if id_tray is not None:
            id_tray.simulator.stop()
        raise
    holder: CardHolder
    slot = manager.set.card_reader.slot
    if isinstance(slot, InProcessCardSlot):
        holder = slot
    else:
        from devices.smartcard.vpcd import VpcdSlot

        holder = VpcdSlot(settings.devices.vpcd_port)
    return DemoKiosk(
        settings,
        manager,
        demo_tray=DemoCardTray(holder),
        id_card_tray=id_tray,
        payer=DemoPayerPhone(settings.central.url),
    )
