"""What each remote command does on the terminal. Anything a citizen would notice waits until
nobody is being served; every command is audited under `fleet:<command id>`."""

from __future__ import annotations

import base64
import contextlib
import logging
import os
import shlex
import ssl
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from kiosk.fleet.closure import close_remotely, reopen_remotely
from kiosk.fleet.commands import Command, Verb
from kiosk.fleet.host import Host, HostRefused

if TYPE_CHECKING:
    from kiosk.app import Kiosk
    from kiosk.config import Settings

log = logging.getLogger(__name__)

IDLE_POLL_S = 1.0
REBOOT_TIMEOUT_S = 30.0
REBOOT_REFUSED = "fleet.reboot_refused"
SELF_TEST_FAILED = "fleet.self_test_failed"
SETTINGS_INVALID = "fleet.settings_invalid"
SETTINGS_OTHER_TERMINAL = "fleet.settings_other_terminal"
SETTINGS_OTHER_DATA_DIR = "fleet.settings_other_data_dir"
NO_SETTINGS_FILE = "fleet.no_settings_file"
SETTINGS_NOT_WRITTEN = "fleet.settings_not_written"
QUEUE_CLOSED = "fleet.queue_unavailable"
COMMAND_FAILED = "fleet.command_failed"
STOPPED = "fleet.stopped"
"""The terminal shut down while the command waited for its citizen."""
WAITING_FOR_SESSION = "fleet.waiting_for_session"


class Progress(Protocol):
    def waiting(self) -> None:
        """Told the centre: waiting for the citizen being served to finish."""
        ...

    def executing(self) -> None:
        """Written down as executing (from now on it will not run again) and told."""
        ...


@dataclass(frozen=True)
class Finished:
    ok: bool
    code: str = "ok"
    result: dict[str, Any] = field(default_factory=dict)


RESTARTING = None
"""What a verb that ends by restarting the terminal returns: its `done` comes from the next
start (kiosk.fleet.journal)."""


class Verbs:
    def __init__(
        self,
        kiosk: Kiosk,
        host: Host,
        *,
        config_path: Path | None,
        closure_file: Path,
        stopping: threading.Event,
    ) -> None:
        self._kiosk = kiosk
        self._host = host
        self._config_path = config_path
        self._closure_file = closure_file
        self._stopping = stopping
        self._exclusive = threading.Lock()
        """One settings file written, or one reboot, at a time."""

    def run(self, command: Command, progress: Progress) -> Finished | None:
        """The command's outcome; None (RESTARTING) once the terminal is on its way down."""
        handlers: dict[Verb, Callable[[Command, Progress], Finished | None]] = {
            Verb.OUT_OF_SERVICE: self._out_of_service,
            Verb.IN_SERVICE: self._in_service,
            Verb.RESTART: self._restart,
            Verb.REBOOT: self._reboot,
            Verb.SELF_TEST: self._self_test,
            Verb.SCREENSHOT: self._screenshot,
            Verb.LOGS: self._logs,
            Verb.RETRY_DEAD_LETTERS: self._retry_dead_letters,
            Verb.LOAD_SETTINGS: self._load_settings,
        }
        try:
            finished = handlers[command.verb](command, progress)
        except HostRefused as refused:
            finished = Finished(False, refused.code)
        except _Stopped:
            finished = Finished(False, STOPPED)
        except Exception as exc:  # a verb that breaks is a failed command, audited as such
            log.error("%s: %s %s", COMMAND_FAILED, command.verb.value, type(exc).__name__)
            finished = Finished(False, COMMAND_FAILED)
        self._audit(command, finished)
        return finished

    # --- the verbs ---

    def _out_of_service(self, command: Command, progress: Progress) -> Finished:
        """Done once written down: from then on no session starts (through restarts too);
        the citizen being served, if any, finishes theirs (`after_session`)."""
        progress.executing()
        close_remotely(self._closure_file, command.id)
        self._host.service_changed()
        return Finished(True, result={"after_session": self._host.serving()})

    def _in_service(self, command: Command, progress: Progress) -> Finished:
        progress.executing()
        reopen_remotely(self._closure_file)
        self._host.service_changed()
        return Finished(True)

    def _restart(self, command: Command, progress: Progress) -> None:
        progress.executing()  # whatever ends this run now, the terminal restarts
        self._host.restart()
        return RESTARTING

    def _reboot(self, command: Command, progress: Progress) -> Finished | None:
        with self._held(), self._exclusive:
            self._wait_until_idle(progress)
            progress.executing()
            argv = shlex.split(self._kiosk.settings.fleet.reboot_command)
            try:
                done = subprocess.run(  # noqa: S603 - the terminal's own setting, not the command's
                    argv, capture_output=True, timeout=REBOOT_TIMEOUT_S, check=False
                )
            except (OSError, subprocess.TimeoutExpired) as exc:
                log.error("%s: %s", REBOOT_REFUSED, type(exc).__name__)
                return Finished(False, REBOOT_REFUSED)
            if done.returncode != 0:
                log.error("%s: exit status %d", REBOOT_REFUSED, done.returncode)
                return Finished(False, REBOOT_REFUSED, {"exit_status": done.returncode})
            return RESTARTING

    def _self_test(self, command: Command, progress: Progress) -> Finished:
        # Nobody starts a session while the devices are tested: a citizen's card is not read,
        # nor their camera stopped, from under them.
        with self._held():
            self._wait_until_idle(progress)
            progress.executing()
            return self._test_every_device(command)

    def _test_every_device(self, command: Command) -> Finished:
        from kiosk.roles.device_checks import DeviceCheck, DeviceChecks

        kiosk = self._kiosk
        checks = DeviceChecks(kiosk.device_manager, kiosk.audit, kiosk.settings.central.terminal_id)
        results: dict[str, Any] = {}
        for device_class, device in kiosk.device_manager.devices.items():
            if device is None:
                continue
            result = checks.run(device_class, DeviceCheck.SELF_TEST, _actor(command))
            results[device_class.value] = {"passed": result.passed, "code": result.code}
        passed = all(r["passed"] for r in results.values())
        return Finished(passed, "ok" if passed else SELF_TEST_FAILED, {"devices": results})

    def _screenshot(self, command: Command, progress: Progress) -> Finished:
        progress.executing()
        png = self._host.screenshot()
        return Finished(True, result={"png": base64.b64encode(png).decode(), "bytes": len(png)})

    def _logs(self, command: Command, progress: Progress) -> Finished:
        from kiosk.logs import recent_log, redact

        progress.executing()
        level = logging.getLevelNamesMapping()[command.args.get("level", "INFO")]
        lines = recent_log().lines(at_least=level)[: int(command.args.get("lines", 100))]
        records = [
            {
                "at": line.at.isoformat(timespec="seconds"),
                "level": logging.getLevelName(line.level),
                "logger": line.logger,
                "text": redact(line.text),  # kept redacted; redacted again, to be sure
            }
            for line in lines
        ]
        return Finished(True, result={"records": records})

    def _retry_dead_letters(self, command: Command, progress: Progress) -> Finished:
        from offline_queue.errors import OutboxUnavailable

        progress.executing()
        try:
            queue = self._kiosk.outbound.queue
        except OutboxUnavailable:
            return Finished(False, QUEUE_CLOSED)
        count = queue.outbox.retry_dead()
        queue.worker.wake()
        return Finished(True, result={"retried": count})

    def _load_settings(self, command: Command, progress: Progress) -> Finished | None:
        from kiosk.config import ConfigError, check_terminal, load_settings

        target = self._config_path
        if target is None:
            return Finished(False, NO_SETTINGS_FILE)
        candidate = target.with_name(f".{target.name}.{command.id}")
        with self._exclusive:
            try:
                candidate.touch(mode=0o640)
                candidate.write_text(str(command.args["toml"]), encoding="utf-8")
                kept = target.stat()
                os.chmod(candidate, kept.st_mode & 0o777)
                with contextlib.suppress(PermissionError):  # the kiosk's group keeps reading it
                    os.chown(candidate, -1, kept.st_gid)
                try:
                    settings = load_settings(candidate)
                    check_terminal(settings)  # as the start will: nothing it would refuse
                    unfit = self._unfit(settings)
                except ConfigError as error:
                    # The message names the setting, never its value.
                    named = str(error).replace(str(candidate), target.name)
                    return Finished(False, SETTINGS_INVALID, {"error": named})
                if unfit is not None:
                    return Finished(False, unfit)
                # From here the file is replaced whatever comes: not run again after a crash.
                progress.executing()
                _keep_previous(target)
                _replace_durably(candidate, target)
            except OSError as exc:
                log.error("%s: %s", SETTINGS_NOT_WRITTEN, exc.strerror or type(exc).__name__)
                return Finished(False, SETTINGS_NOT_WRITTEN)
            finally:
                candidate.unlink(missing_ok=True)
        log.info("fleet.settings_loaded: applied by a restart once no citizen is served")
        self._host.restart()
        return RESTARTING

    def _unfit(self, settings: Settings) -> str | None:
        """Why the new settings would cut this terminal off (its identity, its state, its
        fleet connection), or None."""
        from kiosk.config import ConfigError

        current = self._kiosk.settings
        if settings.central.terminal_id != current.central.terminal_id:
            return SETTINGS_OTHER_TERMINAL
        if settings.paths.resolved_data_dir() != current.paths.resolved_data_dir():
            return SETTINGS_OTHER_DATA_DIR  # the outbox and the journal would be left behind
        if settings.fleet.broker_url:
            try:
                _fleet_files_load(settings)
            except (OSError, ssl.SSLError, ValueError):
                raise ConfigError(
                    "fleet.cert_file: the certificate, key or CA cannot be loaded"
                ) from None
        return None

    # --- helpers ---

    @contextlib.contextmanager
    def _held(self) -> Iterator[None]:
        """No new session meanwhile (暂停服务 on the attract and home screens)."""
        self._kiosk.hold_sessions(True)
        self._host.service_changed()
        try:
            yield
        finally:
            self._kiosk.hold_sessions(False)
            self._host.service_changed()

    def _wait_until_idle(self, progress: Progress) -> bool:
        """Returns once nobody is being served; True if somebody was."""
        if not self._host.serving():
            return False
        progress.waiting()
        while self._host.serving():
            if self._stopping.wait(IDLE_POLL_S):
                raise _Stopped
        return True

    def _audit(self, command: Command, finished: Finished | None) -> None:
        outcome = "restarting" if finished is None else ("ok" if finished.ok else finished.code)
        try:
            self._kiosk.audit.append(_actor(command), f"fleet.{command.verb.value}", outcome)
        except Exception as exc:  # the command's result still goes to the centre
            log.error("audit.append_failed: %s", getattr(exc, "code", type(exc).__name__))


class _Stopped(Exception):
    pass


def _actor(command: Command) -> str:
    return f"fleet:{command.id}"


def _fleet_files_load(settings: Settings) -> None:
    """The new fleet settings' certificate, key and CA, loaded as the agent will load them."""
    context = ssl.create_default_context(cafile=settings.fleet.ca_file or None)
    context.load_cert_chain(settings.fleet.cert_file, settings.fleet.key_file)


def _keep_previous(target: Path) -> None:
    """The file the centre's replaces is kept beside it, for a technician to go back to."""
    if target.exists():
        previous = target.with_name(target.name + ".previous")
        previous.write_bytes(target.read_bytes())
        os.chmod(previous, target.stat().st_mode & 0o777)


def _replace_durably(candidate: Path, target: Path) -> None:
    with candidate.open("rb") as written:
        os.fsync(written.fileno())
    os.replace(candidate, target)
    directory = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
