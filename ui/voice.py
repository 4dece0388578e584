"""Voice prompts: each screen's instruction spoken by a configured command, never blocking.

The command (espeak-ng by default) runs as a child process with the prompt as its last
argument; a new prompt, a screen without one, or turning the voice off kills the running one.
For espeak-ng the voice follows the prompt's language (Mandarin read from its characters, or
English) unless the command names one, and numbers are rewritten as they are said
(ui.voice_text).

KIOSK_VOICE_OUTPUT, for tests and development, where espeak-ng must not play: `none` does not
start it; a directory has it write each prompt there as a WAV file (`-w`) instead. Unset, it
plays on the sound device. Another command runs as configured (it is the operator's, or a
test's stand-in).
"""

from __future__ import annotations

import logging
import os
import shlex
from itertools import count
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, QProcess, Signal

log = logging.getLogger(__name__)

OUTPUT_ENV = "KIOSK_VOICE_OUTPUT"
KILL_WAIT_MS = 100
ESPEAK = "espeak-ng"
ESPEAK_VOICES = {True: "cmn-latn-pinyin", False: "en"}
"""By Chinese or not. Debian 12's plain `cmn` voice reads each character's pinyin with its tone
digit in English ('ni two de five'); cmn-latn-pinyin reads Mandarin."""


class VoicePrompter(QObject):
    spoken = Signal(str)
    """Emitted with every prompt, spoken or not (for tests and for a screen reader bridge)."""
    enabled_changed = Signal(bool)

    def __init__(
        self, command: str = "", parent: QObject | None = None, *, enabled: bool = True
    ) -> None:
        super().__init__(parent)
        self._argv = shlex.split(command)
        self._enabled = enabled
        self._process: QProcess | None = None
        self._wav_numbers = count(1)
        self._told_no_audio = False
        self._told_failed = False
        self.last = ""
        """The current screen's prompt, which the repeat button says again."""

    @property
    def available(self) -> bool:
        """A command is configured: without one there is nothing to switch or repeat."""
        return bool(self._argv)

    @property
    def enabled(self) -> bool:
        return self._enabled

    def set_enabled(self, enabled: bool) -> None:
        if enabled == self._enabled:
            return
        self._enabled = enabled
        if enabled:
            self.repeat()  # turned on: the citizen hears at once what the screen asks
        else:
            self.stop()
        self.enabled_changed.emit(enabled)

    def toggle(self) -> None:
        self.set_enabled(not self._enabled)

    def say(self, text: str) -> None:
        """Speaks `text` in place of whatever is being said; an empty text only silences."""
        self.stop()
        self.last = text
        if not text:
            return
        self.spoken.emit(text)
        if self._enabled:
            self._start(text)

    def repeat(self) -> None:
        """The current prompt again, from its start; even with the voice off, since the citizen
        asked for it."""
        self.stop()
        if self.last:
            self._start(self.last)

    def stop(self) -> None:
        process = self._process
        self._process = None
        if process is not None and process.state() != QProcess.ProcessState.NotRunning:
            process.kill()
            # SIGKILL ends the child at once; collecting it takes about a millisecond, and then
            # no old prompt can outlive its screen, even by one turn of the event loop.
            process.waitForFinished(KILL_WAIT_MS)

    @property
    def speaking(self) -> bool:
        process = self._process
        return process is not None and process.state() != QProcess.ProcessState.NotRunning

    def command_for(self, text: str) -> list[str]:
        """The full command line that speaks `text` (without the output redirection)."""
        argv = list(self._argv)
        from ui.voice_text import is_chinese, speakable  # not on the first screen's path

        chinese = is_chinese(text)
        if argv and Path(argv[0]).name == ESPEAK and not _names_voice(argv[1:]):
            argv += ["-v", ESPEAK_VOICES[chinese]]
        return [*argv, speakable(text)]

    def _start(self, text: str) -> None:
        if not self._argv:
            return
        argv = self.command_for(text)
        output = os.environ.get(OUTPUT_ENV, "")
        if output and Path(argv[0]).name == ESPEAK:
            if output == "none":
                return
            wav = Path(output) / f"prompt-{next(self._wav_numbers):04d}.wav"
            argv = [argv[0], "-w", str(wav), *argv[1:]]
        process = QProcess(self)
        process.errorOccurred.connect(lambda error: self._failed(process, error))
        process.finished.connect(lambda *_: self._finished(process))
        self._process = process
        process.start(argv[0], argv[1:])

    def _finished(self, process: QProcess) -> None:
        if not (shiboken6.isValid(self) and shiboken6.isValid(process)):
            return  # a prompt cut off by the window's end: Qt has already deleted them
        if self._process is process:
            self._process = None  # said to its end; deleted below
        if process.exitStatus() == QProcess.ExitStatus.NormalExit:
            errors = bytes(process.readAllStandardError().data()).decode(errors="replace")
            if (process.exitCode() != 0 or "error" in errors) and not self._told_no_audio:
                # espeak-ng without a sound card exits 0 and says so on stderr; a kiosk without
                # speakers is a fact of the machine, told once rather than on every screen.
                self._told_no_audio = True
                log.info("voice.no_audio_output: the voice command could not play its prompt")
        process.deleteLater()

    def _failed(self, process: QProcess, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.Crashed:
            return  # kill() on interruption reports Crashed
        if error == QProcess.ProcessError.FailedToStart and shiboken6.isValid(process):
            # No `finished` follows a command that never started: let go of it here, or each
            # screen of a kiosk without the command would keep one more QProcess.
            if self._process is process:
                self._process = None
            process.deleteLater()
        if not self._told_failed:
            self._told_failed = True
            log.warning("voice.command_failed: %s", error.name)


def _names_voice(args: list[str]) -> bool:
    return any(arg == "-v" or arg.startswith(("-v", "--voice")) for arg in args)
