"""Running the sandbox: in the foreground (`sheyin sandbox`) or as a child process (demo, tests)."""

from __future__ import annotations

import ctypes
import logging
import os
import select
import signal
import socket
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO

import uvicorn

from sandbox.app import create_app
from sandbox.db import Database
from sandbox.faults import Faults, FaultSettings, QuietDroppedAnswers

log = logging.getLogger(__name__)

READY_PREFIX = "sandbox listening on "


def serve(host: str, port: int, db_path: Path, faults: FaultSettings | None = None) -> None:
    """Binds, announces the URL on stdout, and serves until interrupted."""
    _exit_with_parent()
    db = Database(db_path)
    # One clock for the seed and the answers: the machine's calendar day, which is also what the
    # kiosk checks cards against (date.today(), the terminal's own time zone).
    today = date.today
    if not db.is_seeded():
        db.seed(today())
    sock = listening_socket(host, port)
    bound_port = sock.getsockname()[1]
    shown_host = f"[{host}]" if sock.family == socket.AF_INET6 else host
    config = uvicorn.Config(
        create_app(db, today=today, faults=Faults(faults)), log_level="warning", access_log=False
    )
    server = uvicorn.Server(config)
    logging.getLogger("uvicorn.error").addFilter(QuietDroppedAnswers())
    print(f"{READY_PREFIX}http://{shown_host}:{bound_port}", flush=True)
    try:
        server.run(sockets=[sock])
    finally:
        db.close()


def listening_socket(host: str, port: int) -> socket.socket:
    """Bound and listening before the ready line, so that nobody who read it is refused."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit this. Without it the answer's body waits for the client's
    # delayed ACK of its headers on every kept-alive connection: 40 ms a call.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(128)
    return sock


@dataclass
class SandboxProcess:
    url: str
    process: subprocess.Popen[str]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()


PR_SET_PDEATHSIG = 1
# Outside the SHEYIN_ prefix, which belongs to settings (unknown ones stop start-up).
PARENT_PID_VARIABLE = "_SHEYIN_SANDBOX_PARENT_PID"


def _exit_with_parent() -> None:
    """A sandbox started as a child ends when its parent does, even by kill -9.

    Set here in the child rather than in a preexec_fn, which is unsafe in a threaded parent;
    the parent check after prctl closes the race with a parent that died before it.
    """
    parent = os.environ.pop(PARENT_PID_VARIABLE, None)
    if parent is None or not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != int(parent):
        sys.exit(0)


class SandboxStartFailed(RuntimeError):
    code = "sandbox.start_failed"


def start_sandbox_process(
    db_path: Path,
    host: str = "127.0.0.1",
    port: int = 0,
    timeout_s: float = 30.0,
    faults: FaultSettings | None = None,
    *,
    stderr: IO[str] | None = None,
) -> SandboxProcess:
    """Starts `sheyin sandbox` as a child and waits until it listens. Its log goes to
    `stderr` (a file, e.g. for a test to read) or to ours."""
    command = [
        sys.executable, "-m", "kiosk.cli", "sandbox",
        "--host", host, "--port", str(port), "--db", str(db_path),
    ]  # fmt: skip
    if faults is not None:
        command += [
            "--fail-next", str(faults.fail_next),
            "--latency-ms", str(faults.latency_ms),
            "--drop-next", str(faults.drop_next),
        ]  # fmt: skip
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    # Our own interpreter and module, arguments from our own settings.
    env[PARENT_PID_VARIABLE] = str(os.getpid())
    process = subprocess.Popen(  # noqa: S603
        command, stdout=subprocess.PIPE, stderr=stderr, text=True, env=env
    )
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], timeout_s)
    line = process.stdout.readline() if ready else ""
    if not line.startswith(READY_PREFIX):
        process.kill()
        code = process.wait()
        if ready:
            raise SandboxStartFailed(f"the sandbox exited ({code}) before it was ready")
        raise SandboxStartFailed(f"no ready line within {timeout_s:.0f} s")
    return SandboxProcess(line[len(READY_PREFIX) :].strip(), process)
