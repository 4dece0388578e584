"""Whole sessions through the UI on a demo kiosk of the test's own sandbox, its cards read
through real pcscd and vpcd."""

from collections.abc import Iterator

import pytest

from demo.kiosk import DemoKiosk
from sandbox.server import SandboxProcess
from tests.support.kiosks import QUICK_QUEUE, demo_kiosk_on_pcscd
from tests.support.services import PcscdService


@pytest.fixture
def kiosk(sandbox: SandboxProcess, pcscd: PcscdService) -> Iterator[DemoKiosk]:
    """The demo kiosk against this test's own sandbox: its card reader is vpcd's first slot
    through pcscd (the demo tray's cards go in through vpcd), the card issuer's chip station
    the second; a queue that notices the line quickly and a card issuer without its device
    delays."""
    with demo_kiosk_on_pcscd(
        sandbox.url, pcscd.port, **QUICK_QUEUE, SHEYIN_DEVICES_ISSUER_TIMING_SCALE="0"
    ) as built:
        yield built
