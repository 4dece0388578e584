from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from kiosk.app import Kiosk, build_kiosk
from kiosk.central.sandbox.server import SandboxProcess
from tests.conftest import QUICK_QUEUE, settings_for
from tests.ui.conftest import fast_idle

__all__ = ["demo_kiosk", "fast_idle", "kiosk"]


@contextmanager
def demo_kiosk(url: str, **env: str) -> Iterator[Kiosk]:
    """The demo kiosk against a sandbox, its queue opened as warm_up opens it; closed after."""
    built = build_kiosk(settings_for(url, SHEYIN_KIOSK_DEMO="true", **env))
    try:
        built.outbound  # noqa: B018 - opened for its side effect
        yield built
    finally:
        built.close()


@pytest.fixture
def kiosk(sandbox: SandboxProcess) -> Iterator[Kiosk]:
    """The demo kiosk against this test's own sandbox: a queue that notices the line quickly
    and a card issuer without its device delays."""
    with demo_kiosk(sandbox.url, **QUICK_QUEUE, SHEYIN_DEVICES_ISSUER_TIMING_SCALE="0") as built:
        yield built
