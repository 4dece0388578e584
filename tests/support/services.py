"""The real services the tests start: pcscd with vpcd, CUPS with a cups-pdf queue."""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
from pathlib import Path

from devices.smartcard.errors import NoReader
from devices.smartcard.pcsc import reader_states
from devices.smartcard.pcscd import VPCD_READER_NAMES, VpcdPcscd, start_vpcd_pcscd


class PcscdService:
    """The pcscd of this test run (with two vpcd slots); a test may stop and restart it."""

    def __init__(self) -> None:
        self.current: VpcdPcscd = start_vpcd_pcscd()

    @property
    def port(self) -> int:
        return self.current.port

    def restart(self) -> None:
        self.current.stop()
        self.current = start_vpcd_pcscd()


def on_vpcd(port: int) -> dict[str, str]:
    """The settings, as environment variables, of a terminal whose card reader is vpcd's first
    slot through pcscd and whose card issuer's chip station is its second; the demo tray then
    puts its cards in through vpcd on `port`."""
    card_reader, chip_station = VPCD_READER_NAMES
    return {
        "SHEYIN_DEVICES_CARD_READER": "pcsc",
        "SHEYIN_DEVICES_CARD_READER_NAME": f"^{card_reader}$",
        "SHEYIN_DEVICES_ISSUER_READER_NAME": f"^{chip_station}$",
        "SHEYIN_DEVICES_VPCD_PORT": str(port),
    }


def wait_for_slot(slot_index: int, present: bool, timeout_s: float = 5.0) -> None:
    """pcscd notices a card put in or pulled out on its next poll (every 400 ms)."""
    name = VPCD_READER_NAMES[slot_index]
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with contextlib.suppress(NoReader):
            if dict(reader_states()).get(name, False) is present:
                return
        time.sleep(0.02)
    raise AssertionError(f"{name} {'shows no card' if present else 'still shows a card'}")


class CupsService:
    """A CUPS scheduler with a cups-pdf queue for this test run: the system's if one runs,
    otherwise `cupsd -f` started here (root) and stopped afterwards."""

    QUEUE = "SHEYIN-TEST-PDF"
    PPD = "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"

    def __init__(self) -> None:
        self.started: subprocess.Popen[bytes] | None = None
        if not self._running():
            if os.geteuid() != 0:
                raise RuntimeError("CUPS is not running and starting cupsd needs root")
            self.started = subprocess.Popen(
                ["cupsd", "-f"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            deadline = time.monotonic() + 15
            while not self._running():
                assert time.monotonic() < deadline, "cupsd did not start"
                time.sleep(0.1)
        subprocess.run(
            ["lpadmin", "-p", self.QUEUE, "-v", "cups-pdf:/", "-E", "-m", self.PPD],
            check=True,
            capture_output=True,
        )
        self.output = Path.home() / "PDF"

    @staticmethod
    def _running() -> bool:
        done = subprocess.run(["lpstat", "-r"], capture_output=True, text=True, check=False)
        return "is running" in done.stdout and "not" not in done.stdout

    def stop(self) -> None:
        subprocess.run(["lpadmin", "-x", self.QUEUE], capture_output=True, check=False)
        if self.started is not None:
            self.started.terminate()
            self.started.wait(10)
