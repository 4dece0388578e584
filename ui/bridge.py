"""The session's UiPort for Qt: calls from the worker thread become queued signals to the GUI."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QObject, Signal

from kiosk.services.session import Outcome
from kiosk.services.steps import Step


class QtUiPort(QObject):
    stepped = Signal(object, int, object)
    """(session id, prompt token or 0 for a view, step)"""
    finished = Signal(object, object)
    """(session id, Outcome)"""

    def present(self, session_id: uuid.UUID, token: int, step: Step) -> None:
        self.stepped.emit(session_id, token, step)

    def session_ended(self, session_id: uuid.UUID, outcome: Outcome) -> None:
        self.finished.emit(session_id, outcome)
