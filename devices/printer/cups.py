"""An A4 printer behind CUPS, through the lp tools (lpstat, lp), which every CUPS install has.

The state comes from `lpstat -l -p QUEUE`: idle / now printing / disabled, and the alerts
CUPS reports (media-empty, offline). A job is done when `lpstat -W completed` lists it. The
tools run on the printer's own thread; a status poll never starts a second lpstat while one
is under way."""

from __future__ import annotations

import re
import subprocess
import time

from devices.printer.base import (
    JobTimeout,
    PrinterState,
    PrinterUnavailable,
    PrintFailed,
    WorkerA4Printer,
)

TOOL_TIMEOUT_S = 10.0


# What lpstat says, in the order that decides: an alert beats the queue's own state.
LPSTAT_SIGNS = (
    ("media-empty", PrinterState.MEDIA_EMPTY),
    ("media-needed", PrinterState.MEDIA_EMPTY),
    ("offline", PrinterState.OFFLINE),
    (" disabled ", PrinterState.STOPPED),
    ("now printing", PrinterState.PRINTING),
)


def state_of(lpstat_text: str) -> PrinterState:
    padded = f" {lpstat_text.lower()} "
    return next((state for sign, state in LPSTAT_SIGNS if sign in padded), PrinterState.IDLE)


class CupsPrinter(WorkerA4Printer):
    def __init__(self, queue: str, server: str | None = None) -> None:
        self.queue = queue
        self._env_server = ["-h", server] if server else []
        super().__init__()

    def _detail(self) -> str:
        return f"cups:{self.queue}"

    # --- the printer's thread ---

    def _run(self, *command: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        self._worker.check_thread()
        return subprocess.run(  # noqa: S603 - fixed CUPS tools, the queue from our settings
            [command[0], *self._env_server, *command[1:]],
            input=stdin,
            capture_output=True,
            timeout=TOOL_TIMEOUT_S,
            check=False,
        )

    def _read_state(self) -> PrinterState:
        try:
            done = self._run("lpstat", "-l", "-p", self.queue)
        except (OSError, subprocess.TimeoutExpired):
            return PrinterState.OFFLINE
        text = done.stdout.decode("utf-8", "replace").lower()
        if done.returncode != 0 or not text:
            return PrinterState.OFFLINE
        return state_of(text)

    def _print_pdf(self, pdf: bytes, title: str) -> str:
        state = self._state.read_here()
        if state not in (PrinterState.IDLE, PrinterState.PRINTING):
            raise PrinterUnavailable(state)
        try:
            done = self._run("lp", "-d", self.queue, "-t", title, "-", stdin=pdf)
        except (OSError, subprocess.TimeoutExpired):
            self._state.keep(PrinterState.OFFLINE)
            raise PrinterUnavailable(PrinterState.OFFLINE) from None
        found = re.search(rb"request id is (\S+)", done.stdout)
        if done.returncode != 0 or found is None:
            raise PrintFailed(done.stderr.decode("utf-8", "replace").strip()[:80])
        return found.group(1).decode()

    def _wait_done(self, job: str, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            try:
                done = self._run("lpstat", "-W", "completed", "-o", self.queue)
            except (OSError, subprocess.TimeoutExpired):
                self._state.keep(PrinterState.OFFLINE)
                raise PrinterUnavailable(PrinterState.OFFLINE) from None
            if re.search(rf"^{re.escape(job)}\s", done.stdout.decode(), re.MULTILINE):
                self._state.read_here()  # the queue after the job, for the next status poll
                return
            state = self._state.read_here()
            if state in (PrinterState.STOPPED, PrinterState.OFFLINE, PrinterState.MEDIA_EMPTY):
                raise PrinterUnavailable(state)
            time.sleep(0.2)
        raise JobTimeout(job)
