"""A stand-in for systemd's side of the notify protocol: a datagram socket a test names in
NOTIFY_SOCKET, with every message kept with the time it arrived."""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType


@dataclass(frozen=True)
class Notice:
    at: float
    """time.monotonic() when it arrived."""
    fields: dict[str, str]


class NotifyListener:
    def __init__(self, directory: Path) -> None:
        self.path = directory / "notify.sock"
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._socket.bind(str(self.path))
        self.received: list[Notice] = []

    def environment(self, watchdog_s: float | None = None) -> dict[str, str]:
        env = {"NOTIFY_SOCKET": str(self.path)}
        if watchdog_s is not None:
            env["WATCHDOG_USEC"] = str(round(watchdog_s * 1_000_000))
        return env

    def wait_for(self, field: str, value: str | None = None, timeout_s: float = 30.0) -> Notice:
        """The next message (after those already read) carrying `field` (=`value`)."""
        deadline = time.monotonic() + timeout_s
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no {field} within {timeout_s} s")
            notice = self.next(left)
            if (
                notice is not None
                and field in notice.fields
                and (value is None or notice.fields[field] == value)
            ):
                return notice

    def next(self, timeout_s: float) -> Notice | None:
        self._socket.settimeout(timeout_s)
        try:
            data = self._socket.recv(4096)
        except TimeoutError:
            return None
        fields = dict(line.split("=", 1) for line in data.decode().splitlines() if "=" in line)
        notice = Notice(time.monotonic(), fields)
        self.received.append(notice)
        return notice

    def close(self) -> None:
        self._socket.close()

    def __enter__(self) -> NotifyListener:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
