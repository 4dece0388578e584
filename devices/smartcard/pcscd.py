"""Starting pcscd with the vpcd reader driver, for tests and the demo.

pcsc-lite 1.9.9 (Debian 12) always uses /run/pcscd/pcscd.comm: only its client library honours
PCSCLITE_CSOCK_NAME. What can be isolated is the reader configuration (`pcscd -c DIR`), so a
pcscd started here has exactly the vpcd slots we give it, on ports nobody else uses. Another
pcscd already running is refused with the reason, not reused.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from devices.smartcard.errors import NoReader
from devices.smartcard.pcsc import list_readers

VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
SYSTEM_SOCKET = Path("/run/pcscd/pcscd.comm")
VPCD_READER_NAMES = ("Virtual PCD 00 00", "Virtual PCD 00 01")


class PcscdUnavailable(RuntimeError):
    code = "pcscd.unavailable"


@dataclass
class VpcdPcscd:
    process: subprocess.Popen[bytes]
    port: int
    """vpcd's first slot; the second is port + 1."""
    config_dir: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.config_dir, ignore_errors=True)


def vpcd_available() -> bool:
    return shutil.which("pcscd") is not None and VPCD_DRIVER.exists()


def _another_pcscd_answers() -> bool:
    try:
        list_readers()
    except NoReader:
        return False
    return True


def _free_port_pair() -> int:
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port: int = probe.getsockname()[1]
        if port >= 65535:
            continue
        with socket.socket() as second:
            try:
                second.bind(("127.0.0.1", port + 1))
            except OSError:
                continue
        return port
    raise PcscdUnavailable("no two consecutive free ports for vpcd")


def start_vpcd_pcscd(timeout_s: float = 10.0) -> VpcdPcscd:
    """pcscd in the foreground with two vpcd slots; waits until both readers are listed."""
    if not vpcd_available():
        raise PcscdUnavailable("pcscd or the vpcd driver is not installed")
    if _another_pcscd_answers():
        raise PcscdUnavailable(
            "another pcscd is running; stop it first (e.g. systemctl stop pcscd.socket pcscd)"
        )
    with contextlib.suppress(FileNotFoundError):
        SYSTEM_SOCKET.unlink()  # left behind by a pcscd that was killed; nobody answers on it
    port = _free_port_pair()
    config_dir = Path(tempfile.mkdtemp(prefix="sheyin-pcscd-"))
    (config_dir / "vpcd").write_text(
        f'FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:{port}\n'
        f"LIBPATH {VPCD_DRIVER}\nCHANNELID {port}\n",
        encoding="ascii",
    )
    process = subprocess.Popen(  # noqa: S603 - a fixed program with our own arguments
        ["pcscd", "--foreground", "--config", str(config_dir)],  # noqa: S607
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    started = VpcdPcscd(process, port, config_dir)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            started.stop()
            raise PcscdUnavailable(f"pcscd exited with {process.returncode} (root needed?)")
        with contextlib.suppress(NoReader):
            if set(VPCD_READER_NAMES) <= set(list_readers()):
                return started
        time.sleep(0.05)
    started.stop()
    raise PcscdUnavailable(f"pcscd did not list the vpcd readers within {timeout_s:.0f} s")
