"""Errors a flow ends on, each with a stable code the UI turns into words."""

from __future__ import annotations

import enum


class EndReason(enum.StrEnum):
    CANCELLED = "cancelled"
    """The citizen chose to leave, or went back from the first step."""
    IDLE = "idle"
    CARD_REMOVED = "card_removed"
    STAFF_LOGOUT = "staff_logout"
    SHUTDOWN = "shutdown"


class SessionCancelled(Exception):
    """Raised into the flow by the next ask or device wait once the session has ended."""

    def __init__(self, reason: EndReason) -> None:
        super().__init__(reason.value)
        self.reason = reason


class StepBack(Exception):
    """The citizen pressed Back; a flow with an earlier step catches it, otherwise it leaves."""


class ServiceError(Exception):
    """The flow cannot go on for a reason the citizen is told; the code is stable."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code
