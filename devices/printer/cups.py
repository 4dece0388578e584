"""An A4 printer behind CUPS, through the lp tools (lpstat, lp), which every CUPS install has.

The state comes from `lpstat -l -p QUEUE`: idle / now printing / disabled, and the alerts
CUPS reports (media-empty, offline). A job is done when `lpstat -W completed` lists it. The
tools run on the printer's own thread; a status poll never starts a second lpstat while one
is under way."""

from __future__ import annotations

import re
import subprocess
import time
from concurrent.futures import Future

from devices.base import DeviceStatus, DeviceWorker, PolledState, SelfTestReport
from devices.printer.base import (
    STATE_STATUS,
    STATUS_WAIT_S,
    JobTimeout,
    PrinterState,
    PrinterUnavailable,
    PrintFailed,
    ready_report,
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


class CupsPrinter:
    name = "a4_printer"

    def __init__(self, queue: str, server: str | None = None) -> None:
        self.queue = queue
        self._env_server = ["-h", server] if server else []
        self._worker = DeviceWorker(self.name)
        self._state = PolledState(self._worker, self._read_state)

    # --- the public side: futures, and a cheap status ---

    def state(self) -> Future[PrinterState]:
        return self._state.read()

    def status(self) -> DeviceStatus:
        state = self._state.poll(STATUS_WAIT_S)
        return DeviceStatus.STARTING if state is None else STATE_STATUS[state]

    def self_test(self) -> SelfTestReport:
        return ready_report(self.name, self._state.read().result(), f"cups:{self.queue}")

    def print_pdf(self, pdf: bytes, title: str) -> Future[str]:
        return self._worker.submit(self._print_pdf, pdf, title)

    def wait_done(self, job: str, timeout_s: float) -> Future[None]:
        return self._worker.submit(self._wait_done, job, timeout_s)

    def close(self) -> None:
        self._worker.close()

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
