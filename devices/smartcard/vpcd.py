"""A virtual card in a vpcd reader slot (vsmartcard's reader driver for pcscd).

vpcd listens on a TCP port per slot; the card connects to it, always on 127.0.0.1. A frame is a
2-byte big-endian length and a payload; a 1-byte payload is a control (00 power off, 01 on,
02 reset, 04 ATR), anything longer is a command APDU. A card is in the slot while its
connection is open: inserting connects, pulling it out hangs up.

vpcd's connect-out mode (`DEVICENAME host:port`) would keep everything on loopback, but the
Debian 12 build (3.3) aborts pcscd once such a connection closes, so the listening mode it is;
vpcd then listens on all interfaces, and the tests stop pcscd when they are done.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import struct
import threading
import time
from dataclasses import dataclass

from devices.smartcard.virtual_card import VirtualSocialSecurityCard

log = logging.getLogger(__name__)

CONTROL_OFF = 0x00
CONTROL_ON = 0x01
CONTROL_RESET = 0x02
CONTROL_ATR = 0x04
DEFAULT_PORT = 35963
LOOPBACK = "127.0.0.1"
NOISE = b"\x00"
SETTLE_S = 0.6
"""pcscd polls a vpcd slot every 400 ms; a card put in sooner after a pull could be taken for the
one that was pulled."""


@dataclass(frozen=True)
class LinkFaults:
    """Faults of the card's contact with the reader, as opposed to what the chip answers."""

    mute: bool = False
    """Powers up (ATR) but answers every command with noise: dirty or half-inserted."""
    pull_after_commands: int | None = None
    """The card is pulled out after this many commands (the next one finds no card)."""


class CardNotInserted(ConnectionError):
    """vpcd did not take the card: nothing listens on that port (is pcscd running?)."""


class VpcdSlot:
    """One vpcd slot and the virtual card in it, if any."""

    def __init__(self, port: int = DEFAULT_PORT, faults: LinkFaults | None = None) -> None:
        self.port = port
        self.faults = faults or LinkFaults()
        self._lock = threading.Lock()
        self._card: VirtualSocialSecurityCard | None = None
        self._connection: socket.socket | None = None
        self._commands = 0
        self._removed_at = 0.0

    @property
    def card(self) -> VirtualSocialSecurityCard | None:
        with self._lock:
            return self._card

    def insert(self, card: VirtualSocialSecurityCard, timeout_s: float = 5.0) -> None:
        """Connects to vpcd with this card; the previous card, if any, is pulled out first.

        May wait up to SETTLE_S after a recent pull: call it from a thread that may block."""
        self.remove()
        wait = self._removed_at + SETTLE_S - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        try:
            connection = socket.create_connection((LOOPBACK, self.port), timeout=timeout_s)
        except OSError as exc:
            raise CardNotInserted(f"nothing listens on {LOOPBACK}:{self.port}") from exc
        connection.settimeout(None)
        # Each exchange is one small frame each way: without these, Nagle and delayed ACKs
        # add ~40 ms to every APDU (measured: 44 ms per exchange).
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self._lock:
            self._card, self._connection, self._commands = card, connection, 0
        threading.Thread(
            target=self._serve, args=(connection, card), name=f"vicc-{self.port}", daemon=True
        ).start()

    def remove(self) -> None:
        with self._lock:
            connection, self._connection, self._card = self._connection, None, None
        if connection is not None:
            _close(connection)
            self._removed_at = time.monotonic()

    def _serve(self, connection: socket.socket, card: VirtualSocialSecurityCard) -> None:
        try:
            while True:
                payload = _receive(connection)
                if payload is None:
                    return
                answer = self._answer(card, payload)
                if answer is None:
                    if len(payload) > 1:
                        return  # the line drops: the reader sees no answer
                    continue
                connection.sendall(struct.pack(">H", len(answer)) + answer)
        except OSError:
            return
        finally:
            with self._lock:
                if self._connection is connection:
                    self._connection, self._card = None, None
                    self._removed_at = time.monotonic()
            _close(connection)

    def _answer(self, card: VirtualSocialSecurityCard, payload: bytes) -> bytes | None:
        if len(payload) == 1:
            control = payload[0]
            if control == CONTROL_ATR:
                return card.atr
            if control in (CONTROL_ON, CONTROL_RESET, CONTROL_OFF):
                card.reset()
            return None
        with self._lock:
            self._commands += 1
            limit = self.faults.pull_after_commands
            pulled = limit is not None and self._commands > limit
        if pulled:
            return None
        if self.faults.mute:
            return NOISE
        return card.process(payload)


def _receive(connection: socket.socket) -> bytes | None:
    header = _receive_exactly(connection, 2)
    if header is None:
        return None
    (length,) = struct.unpack(">H", header)
    return _receive_exactly(connection, length) if length else b""


def _receive_exactly(connection: socket.socket, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = connection.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
        # Linux clears QUICKACK after use; re-armed so vpcd is never waiting on our ACK.
        with contextlib.suppress(OSError, AttributeError):
            connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
    return data


def _close(connection: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed by the other side
        connection.shutdown(socket.SHUT_RDWR)
    connection.close()
