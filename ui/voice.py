"""Voice prompts: each screen's instruction spoken by a configured command, never blocking."""

from __future__ import annotations

import logging
import shlex

from PySide6.QtCore import QObject, QProcess, Signal

log = logging.getLogger(__name__)


class VoicePrompter(QObject):
    spoken = Signal(str)
    """Emitted with every prompt, spoken or not (for tests and for a screen reader bridge)."""

    def __init__(self, command: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._argv = shlex.split(command)
        self._process: QProcess | None = None

    def say(self, text: str) -> None:
        if not text:
            return
        self.spoken.emit(text)
        if not self._argv:
            return
        if self._process is not None and self._process.state() != QProcess.ProcessState.NotRunning:
            self._process.kill()  # a new screen interrupts the previous prompt
        self._process = QProcess(self)
        self._process.errorOccurred.connect(self._failed)
        self._process.start(self._argv[0], [*self._argv[1:], text])

    def _failed(self, error: QProcess.ProcessError) -> None:
        if error != QProcess.ProcessError.Crashed:  # kill() on interruption reports Crashed
            log.warning("voice.command_failed: %s", error.name)
