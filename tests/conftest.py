"""Shared fixtures: a failing check on unexpected log records, and the sandbox over real HTTP."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from devices.smartcard.vpcd import VpcdSlot
from kiosk.central.client import CentralClient
from sandbox.server import SandboxProcess, start_sandbox_process
from tests.support.kiosks import settings_for
from tests.support.services import CupsService, PcscdService, wait_for_slot

# The fleet's broker: mqtt_pki, mqtt_broker and mqtt_client.
pytest_plugins = ["tests.support.broker"]

# Qt reads this when the first QApplication is made; set it before any test module can.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The kiosk speaks with espeak-ng by default: no test plays sound (ui/voice.py).
os.environ.setdefault("KIOSK_VOICE_OUTPUT", "none")


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """`sheyin` commands called in-process configure logging; put it back afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers:
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)


@pytest.fixture(autouse=True)
def no_unexpected_logs(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test fails on any WARNING or ERROR record it did not declare with @expected_log."""
    collector = _Collector()
    root = logging.getLogger()
    root.addHandler(collector)
    try:
        yield
    finally:
        root.removeHandler(collector)
    allowed = [p for m in request.node.iter_markers("expected_log") for p in m.args]
    unexpected = [
        f"{r.levelname} {r.name}: {r.getMessage()}"
        for r in collector.records
        if not any(pattern in r.getMessage() for pattern in allowed)
    ]
    if unexpected:
        pytest.fail("unexpected log records:\n" + "\n".join(unexpected), pytrace=False)


@pytest.fixture(autouse=True)
def own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test keeps its state (outbox, key file) in its own directory, never in ~/.local."""
    data_dir = tmp_path / "data"
    monkeypatch.setenv("SHEYIN_PATHS_DATA_DIR", str(data_dir))
    return data_dir


@pytest.fixture(scope="session")
def shared_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxProcess]:
    """One sandbox for tests that only read; tests that write start their own."""
    sandbox = start_sandbox_process(tmp_path_factory.mktemp("sandbox") / "shared.sqlite3")
    yield sandbox
    sandbox.stop()


@pytest.fixture
def sandbox_db(tmp_path: Path) -> Path:
    """The database of this test's own sandbox, for tests that look inside it."""
    return tmp_path / "sandbox.sqlite3"


@pytest.fixture
def fresh_sandbox(sandbox_db: Path) -> Iterator[SandboxProcess]:
    sandbox = start_sandbox_process(sandbox_db)
    yield sandbox
    sandbox.stop()


@pytest.fixture
def sandbox(fresh_sandbox: SandboxProcess) -> SandboxProcess:
    """A sandbox of this test's own (the same as fresh_sandbox, under a shorter name)."""
    return fresh_sandbox


@pytest.fixture(scope="session")
def pcscd() -> Iterator[PcscdService]:
    """A real pcscd with the vpcd driver, started for the tests and stopped by PID after.

    `make test` installs pcscd and vsmartcard-vpcd; a machine with another pcscd running (e.g.
    systemd's pcscd.socket) must stop it first: the tests say so instead of using it.
    """
    service = PcscdService()
    yield service
    service.current.stop()


@pytest.fixture
def vpcd_slot(pcscd: PcscdService) -> Iterator[VpcdSlot]:
    """The first vpcd slot, empty; whatever a test put in it is pulled out afterwards."""
    slot = VpcdSlot(pcscd.port)
    yield slot
    slot.remove()
    wait_for_slot(0, present=False)


@pytest.fixture(scope="session")
def cups() -> Iterator[CupsService]:
    """`make test` installs cups and printer-driver-cups-pdf; this starts what is missing."""
    service = CupsService()
    yield service
    service.stop()


@pytest.fixture
def central(shared_sandbox: SandboxProcess) -> Iterator[CentralClient]:
    client = CentralClient(settings_for(shared_sandbox.url).central)
    yield client
    client.close()


@pytest.fixture
def fast_idle(monkeypatch: pytest.MonkeyPatch) -> None:
    """Idle seconds become 10 ms; request it before `shell`, which reads them when built."""
    from ui import shell as shell_module
    from ui.widgets.idle import IdleWarning

    monkeypatch.setattr(shell_module, "MS_PER_IDLE_SECOND", 10)
    monkeypatch.setattr(IdleWarning, "TICK_MS", 10)
