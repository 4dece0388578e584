"""An A4 printer behind CUPS, through the lp tools (lpstat, lp), which every CUPS install has.

The state comes from `lpstat -l -p QUEUE`: idle / now printing / disabled, and the alerts
CUPS reports (media-empty, offline). A job is done when `lpstat -W completed` lists it."""

from __future__ import annotations

import re
import subprocess
import time

from devices.base import DeviceStatus, SelfTestReport
from devices.printer.base import (
    STATE_STATUS,
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

    def _run(self, *command: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(  # noqa: S603 - fixed CUPS tools, the queue from our settings
            [command[0], *self._env_server, *command[1:]],
            input=stdin,
            capture_output=True,
            timeout=TOOL_TIMEOUT_S,
            check=False,
        )

    def state(self) -> PrinterState:
        try:
            done = self._run("lpstat", "-l", "-p", self.queue)
        except (OSError, subprocess.TimeoutExpired):
            return PrinterState.OFFLINE
        text = done.stdout.decode("utf-8", "replace").lower()
        if done.returncode != 0 or not text:
            return PrinterState.OFFLINE
        return state_of(text)

    def status(self) -> DeviceStatus:
        return STATE_STATUS[self.state()]

    def self_test(self) -> SelfTestReport:
        return ready_report(self.name, self.state(), f"cups:{self.queue}")

    def print_pdf(self, pdf: bytes, title: str) -> str:
        state = self.state()
        if state not in (PrinterState.IDLE, PrinterState.PRINTING):
            raise PrinterUnavailable(state)
        done = self._run("lp", "-d", self.queue, "-t", title, "-", stdin=pdf)
        found = re.search(rb"request id is (\S+)", done.stdout)
        if done.returncode != 0 or found is None:
            raise PrintFailed(done.stderr.decode("utf-8", "replace").strip()[:80])
        return found.group(1).decode()

    def wait_done(self, job: str, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            done = self._run("lpstat", "-W", "completed", "-o", self.queue)
            if re.search(rf"^{re.escape(job)}\s", done.stdout.decode(), re.MULTILINE):
                return
            state = self.state()
            if state in (PrinterState.STOPPED, PrinterState.OFFLINE, PrinterState.MEDIA_EMPTY):
                raise PrinterUnavailable(state)
            time.sleep(0.2)
        raise JobTimeout(job)

    def close(self) -> None:
        return None
