"""Shared fixtures: a failing check on unexpected log records, and the sandbox over real HTTP."""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from devices.smartcard.errors import NoReader
from devices.smartcard.pcsc import reader_states
from devices.smartcard.pcscd import VPCD_READER_NAMES, VpcdPcscd, start_vpcd_pcscd
from devices.smartcard.vpcd import VpcdSlot
from kiosk.central.client import CentralClient
from kiosk.central.sandbox.server import SandboxProcess, start_sandbox_process
from kiosk.config import Settings, load_settings

# Qt reads this when the first QApplication is made; set it before any test module can.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


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


def settings_for(url: str, **env: str) -> Settings:
    data_dir = {"SHEYIN_PATHS_DATA_DIR": os.environ["SHEYIN_PATHS_DATA_DIR"]}
    return load_settings(environ={**data_dir, "SHEYIN_CENTRAL_URL": url, **env})


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


# Settings that make the offline queue notice the line and retry within a test's patience.
QUICK_QUEUE = {
    "SHEYIN_QUEUE_OFFLINE_PROBE_S": "0.1",
    "SHEYIN_QUEUE_ONLINE_PROBE_S": "0.2",
    "SHEYIN_QUEUE_BACKOFF_BASE_S": "0.05",
    "SHEYIN_QUEUE_BACKOFF_CAP_S": "0.2",
}


def wait_until(condition: Callable[[], bool], timeout_s: float = 5.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


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
