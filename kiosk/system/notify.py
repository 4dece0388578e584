"""systemd's notify protocol (sd_notify(3)): READY, WATCHDOG, STATUS and STOPPING as datagrams
on `$NOTIFY_SOCKET`. A few lines of protocol, so no library: python-systemd is not on PyPI
for a venv and sdnotify adds nothing over this."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, MutableMapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import socket

log = logging.getLogger(__name__)

SERVICE_ENVIRONMENT = ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID")


class ServiceManager:
    """The service manager that started this process, or nobody (every call does nothing)."""

    def __init__(self, socket_path: str | None = None, watchdog_usec: int | None = None) -> None:
        self._address = _address(socket_path) if socket_path else None
        self._watchdog_usec = watchdog_usec if watchdog_usec and watchdog_usec > 0 else None
        self._socket: socket.socket | None = None
        self._failed = False

    @classmethod
    def from_environment(cls, environ: MutableMapping[str, str] | None = None) -> ServiceManager:
        """Takes the variables out of the environment, as sd_notify's unset_environment does,
        so that the processes this one starts (the voice, the sandbox of a demo) never speak
        for it. WATCHDOG_PID is not checked: under the kiosk session the compositor is the
        unit's main process and the kiosk its child (the unit says NotifyAccess=all)."""
        environ = os.environ if environ is None else environ
        path = environ.pop("NOTIFY_SOCKET", None)
        usec = environ.pop("WATCHDOG_USEC", None)
        environ.pop("WATCHDOG_PID", None)
        try:
            watchdog = int(usec) if usec else None
        except ValueError:
            log.warning("service.watchdog_usec: not a number, the watchdog is off")
            watchdog = None
        return cls(path or None, watchdog)

    @property
    def present(self) -> bool:
        return self._address is not None

    @property
    def watchdog_interval_s(self) -> float | None:
        """How often to ping: half the unit's WatchdogSec, as sd_watchdog_enabled(3) advises."""
        return None if self._watchdog_usec is None else self._watchdog_usec / 2_000_000

    def ready(self, status: str) -> None:
        self._send(f"READY=1\nSTATUS={_one_line(status)}")

    def status(self, text: str) -> None:
        self._send(f"STATUS={_one_line(text)}")

    def ping(self) -> None:
        self._send("WATCHDOG=1")

    def stopping(self) -> None:
        self._send("STOPPING=1")

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None

    def _send(self, message: str) -> None:
        if self._address is None:
            return
        try:
            if self._socket is None:
                import socket  # at the first message, once the first screen is drawn

                kind = socket.SOCK_DGRAM | socket.SOCK_CLOEXEC
                self._socket = socket.socket(socket.AF_UNIX, kind)
            self._socket.sendto(message.encode(), self._address)
            self._failed = False
        except OSError as exc:
            if not self._failed:  # once per outage, not at every ping
                log.warning("service.notify_failed: %s", exc.strerror or exc)
            self._failed = True


def under_service_manager(environ: Mapping[str, str]) -> bool:
    """Started by systemd (or anything else that speaks the protocol)."""
    return bool(environ.get("NOTIFY_SOCKET"))


def _one_line(text: str) -> str:
    # A newline would start another field of the message.
    return " ".join(text.splitlines())


def _address(path: str) -> str | bytes:
    # "@name" is Linux's abstract namespace, written with a leading NUL on the wire.
    return b"\0" + path[1:].encode() if path.startswith("@") else path
