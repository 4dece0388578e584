"""求助 (call staff): a help request from any screen, raised through the outbox.

The request says which terminal (the one that signs it), which screen (its code, never its
words), which service and when; nothing about the citizen. It goes through the outbox like
every write, at top priority: delivered at once when the line is up, later when it is down.
Submitting may wait for the central system's answer, so it runs on a thread of its own and the
press returns at once."""

from __future__ import annotations

import enum
import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from pydantic import ValidationError

from kiosk.central import models as m
from kiosk.codes import ServiceId

if TYPE_CHECKING:
    from kiosk.services.session import Outbound

log = logging.getLogger(__name__)

AGAIN_AFTER_S = 120.0
"""A second press within this time raises no second request: staff are already on their way."""
UNNAMED_SCREEN = "unnamed"


class HelpCall(enum.Enum):
    RAISED = "raised"
    ALREADY_RAISED = "already_raised"
    """Pressed again soon after: the earlier request stands."""


def help_request(screen: str, service: ServiceId | None, raised_at: datetime) -> m.HelpRequest:
    """The request for a press on `screen`; a name that is not a screen code (it could hold
    words from the screen) is replaced, so nothing but a code leaves the terminal."""
    service_code = service.value if service is not None else None
    try:
        return m.HelpRequest(screen=screen, service=service_code, raised_at=raised_at)
    except ValidationError:
        log.error("help.screen_unnamed: a screen name that is not a code was replaced")
        return m.HelpRequest(screen=UNNAMED_SCREEN, service=service_code, raised_at=raised_at)


class HelpDesk:
    """The terminal's one 求助 line. Thread-safe; `call_staff` never blocks on the network."""

    def __init__(
        self,
        outbound: Callable[[], Outbound],
        again_after_s: float = AGAIN_AFTER_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._outbound = outbound
        self._again_after_s = again_after_s
        self._clock = clock
        self._lock = threading.Lock()
        self._raised_at: float | None = None
        self._sending: threading.Thread | None = None

    def call_staff(self, screen: str, service: ServiceId | None = None) -> HelpCall:
        """Raises a help request for a press on `screen`, unless one was raised just before."""
        with self._lock:
            now = self._clock()
            if self._raised_at is not None and now - self._raised_at < self._again_after_s:
                return HelpCall.ALREADY_RAISED
            self._raised_at = now
            request = help_request(screen, service, datetime.now(UTC))
            # A daemon: a kiosk shutting down does not wait for the central system's answer;
            # the entry is in the outbox (or the press is logged as lost) before it matters.
            sending = threading.Thread(
                target=self._submit, args=(request,), name="help-request", daemon=True
            )
            self._sending = sending
        sending.start()
        log.info("help.raised: screen=%s service=%s", request.screen, request.service)
        return HelpCall.RAISED

    def wait(self, timeout_s: float) -> bool:
        """For tests and shutdown: True once the last request is in the outbox (or failed)."""
        sending = self._sending
        if sending is None:
            return True
        sending.join(timeout_s)
        return not sending.is_alive()

    def _submit(self, request: m.HelpRequest) -> None:
        # The write operations load with the outbox (cryptography), not with the window.
        from kiosk.central.operations import HELP_REQUEST

        try:
            self._outbound().submit(HELP_REQUEST, lambda _receipt: request)
        except Exception as exc:  # the outbox closed or refused it, the key is wrong, ...
            # Nobody is coming: the next press raises a request again.
            with self._lock:
                self._raised_at = None
            log.error("help.not_raised: %s", getattr(exc, "code", type(exc).__name__))
