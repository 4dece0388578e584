"""The terminal's side of the fleet channel, on paho-mqtt's own network thread and two of ours:
one sends the status (on every change, and every `fleet.heartbeat_s`), one takes commands in
order. Nothing here blocks the kiosk: with the broker unreachable, paho retries with a growing
delay and the kiosk serves citizens as before."""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import ssl
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion

from kiosk.fleet.commands import (
    Command,
    CommandRefused,
    Refusal,
    public_key,
    verify,
)
from kiosk.fleet.journal import CommandState, Journal
from kiosk.fleet.status import news, offline_status
from kiosk.fleet.topics import Channel, topic
from kiosk.fleet.verbs import COMMAND_FAILED, WAITING_FOR_SESSION, Finished, Progress

if TYPE_CHECKING:
    from paho.mqtt.properties import Properties
    from paho.mqtt.reasoncodes import ReasonCode

    from kiosk.audit import AuditLog
    from kiosk.config import FleetSettings

log = logging.getLogger(__name__)

STATUS_CHECK_S = 2.0
"""How often the status is gathered to see whether it changed (no device is asked)."""
QOS = 1
MAX_QUEUED = 1000
"""Events and replies held while the broker is away (in memory; statuses are not held)."""
STOP_PUBLISH_WAIT_S = 2.0

Runner = Callable[[Command, Progress], Finished | None]


def connect_options(settings: FleetSettings) -> tuple[str, int, bool]:
    """(host, port, tls) of `fleet.broker_url`."""
    parts = urlsplit(settings.broker_url)
    tls = parts.scheme == "mqtts"
    return parts.hostname or "", parts.port or (8883 if tls else 1883), tls


def new_client(settings: FleetSettings, client_id: str, *, persistent: bool) -> mqtt.Client:
    """A paho client for the broker in the settings, with TLS and this side's certificate.
    `persistent`: the broker keeps the session (and the QoS 1 commands sent meanwhile) while
    the client is away."""
    client = mqtt.Client(
        callback_api_version=CallbackAPIVersion.VERSION2,
        client_id=client_id,
        clean_session=not persistent,
        protocol=mqtt.MQTTv311,
    )
    # Small messages, each sent at once: with Nagle a reply waits ~40 ms for the broker's
    # delayed ACK (measured: a command's round trip 48 ms at p50, 5 ms without).
    client.on_socket_open = _no_delay
    _host, _port, tls = connect_options(settings)
    if tls:
        client.tls_set(
            ca_certs=settings.ca_file or None,
            certfile=settings.cert_file or None,
            keyfile=settings.key_file or None,
            cert_reqs=ssl.CERT_REQUIRED,
            tls_version=ssl.PROTOCOL_TLS_CLIENT,
        )
    return client


def _no_delay(_client: mqtt.Client, _userdata: object, sock: Any) -> None:
    with contextlib.suppress(OSError, AttributeError):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class FleetAgent:
    def __init__(
        self,
        settings: FleetSettings,
        terminal_id: str,
        *,
        status: Callable[[], dict[str, Any]],
        run: Runner,
        journal: Journal,
        audit: AuditLog,
        stopping: threading.Event,
    ) -> None:
        self._settings = settings
        self._terminal_id = terminal_id
        self._status = status
        self._run = run
        self._journal = journal
        self._audit = audit
        self._stopping = stopping
        self._key = public_key(settings.command_public_key) if settings.command_public_key else None
        self._max_age = timedelta(seconds=settings.max_command_age_s)
        self._running: set[threading.Thread] = set()
        self._running_lock = threading.Lock()
        self._wake = threading.Event()
        self._force = threading.Event()
        self._connected = threading.Event()
        self._announced_unreachable = False
        self._threads: list[threading.Thread] = []
        self._settled_replies: list[dict[str, Any]] = []
        self.client = self._make_client()

    def _make_client(self) -> mqtt.Client:
        client = new_client(self._settings, self._terminal_id, persistent=True)
        offline = json.dumps(offline_status(self._terminal_id))
        client.will_set(self._topic(Channel.STATUS), offline, qos=QOS, retain=True)
        client.reconnect_delay_set(1, self._settings.reconnect_max_s)
        client.max_queued_messages_set(MAX_QUEUED)
        client.on_connect = self._on_connect
        client.on_connect_fail = self._on_connect_fail
        client.on_disconnect = self._on_disconnect
        client.on_message = self._on_message
        return client

    # --- life ---

    def start(self) -> None:
        """Connects in the background; commands an earlier run left are settled first."""
        settled, waiting = self._journal.settle_left_over()
        for left in settled:
            log.info("fleet.command_settled: %s %s", left.verb.value, left.state.value)
            self._settled_replies.append(self._reply_body(left.command_id, left.state, left.code))
        for payload in waiting:
            self._resume(payload)
        host, port, _tls = connect_options(self._settings)
        self.client.connect_async(host, port, keepalive=self._settings.keepalive_s)
        self.client.loop_start()
        thread = threading.Thread(target=self._status_loop, name="fleet-status", daemon=True)
        thread.start()
        self._threads.append(thread)
        log.info("fleet.started: broker %s:%d", host, port)

    def stop(self) -> None:
        """Says offline itself (a clean disconnect sends no Last Will) and disconnects."""
        self._stopping.set()
        self._wake.set()
        with self._running_lock:
            running = list(self._running)
        for thread in [*self._threads, *running]:
            thread.join(5.0)
        if self._connected.is_set():
            offline = json.dumps(offline_status(self._terminal_id))
            sent = self.client.publish(self._topic(Channel.STATUS), offline, QOS, retain=True)
            # Should the connection go meanwhile, the Last Will says it instead.
            with contextlib.suppress(RuntimeError, ValueError):
                sent.wait_for_publish(STOP_PUBLISH_WAIT_S)
        self.client.disconnect()
        self.client.loop_stop()

    def changed(self) -> None:
        """Something the status shows changed: it is sent now, not at the next check."""
        self._force.set()
        self._wake.set()

    @property
    def connected(self) -> bool:
        return self._connected.is_set()

    # --- events ---

    def event(self, kind: str, **fields: str | int | None) -> None:
        """A help request or a device fault: codes only. Held while the broker is away."""
        body = {"terminal": self._terminal_id, "event": kind, **fields, "at": _now()}
        self._publish(Channel.EVENTS, body)

    # --- paho's callbacks (its network thread) ---

    def _on_connect(
        self,
        client: mqtt.Client,
        _userdata: object,
        _flags: mqtt.ConnectFlags,
        reason: ReasonCode,
        _properties: Properties | None,
    ) -> None:
        if reason.is_failure:
            self._unreachable(f"refused ({reason})")
            return
        log.info("fleet.connected")
        self._announced_unreachable = False
        client.subscribe(self._topic(Channel.COMMANDS), qos=QOS)
        self._connected.set()
        for body in self._settled_replies:
            self._publish(Channel.REPLIES, body)
        self._settled_replies.clear()
        self.changed()

    def _on_connect_fail(self, _client: mqtt.Client, _userdata: object) -> None:
        self._unreachable("no connection")

    def _on_disconnect(
        self,
        _client: mqtt.Client,
        _userdata: object,
        _flags: mqtt.DisconnectFlags,
        reason: ReasonCode,
        _properties: Properties | None,
    ) -> None:
        was_connected = self._connected.is_set()
        self._connected.clear()
        if was_connected and not self._stopping.is_set():
            log.warning("fleet.disconnected: %s; reconnecting", reason)

    def _unreachable(self, why: str) -> None:
        # Once per outage: a terminal in a village may be without the broker all day.
        if not self._announced_unreachable:
            self._announced_unreachable = True
            log.warning("fleet.broker_unreachable: %s; retrying with back-off", why)

    def _on_message(
        self, _client: mqtt.Client, _userdata: object, message: mqtt.MQTTMessage
    ) -> None:
        """On paho's thread, before it acknowledges the message to the broker: a command is
        in the journal before the broker forgets it (or refused), so none is lost."""
        try:
            self._take(bytes(message.payload), redelivered=bool(message.dup))
        except Exception:  # one bad command must not end the channel
            log.exception("%s: the fleet channel survived an error", COMMAND_FAILED)

    # --- status ---

    def _status_loop(self) -> None:
        last: dict[str, Any] | None = None
        sent_at = 0.0
        while not self._stopping.is_set():
            self._wake.wait(STATUS_CHECK_S)
            self._wake.clear()
            if self._stopping.is_set() or not self._connected.is_set():
                continue
            forced = self._force.is_set()
            self._force.clear()
            try:
                status = self._status()
            except Exception as exc:  # a status that cannot be gathered now is sent later
                log.error("fleet.status_failed: %s", getattr(exc, "code", type(exc).__name__))
                continue
            heartbeat_due = time.monotonic() - sent_at >= self._settings.heartbeat_s
            if forced or heartbeat_due or news(last, status):
                self._publish(Channel.STATUS, status, retain=True)
                last, sent_at = status, time.monotonic()

    # --- commands: taken on paho's thread, each run on a thread of its own ---

    def _take(self, payload: bytes, *, redelivered: bool) -> None:
        try:
            command = verify(payload, self._key, self._terminal_id, max_age=self._max_age)
        except CommandRefused as refused:
            self._refuse(refused)
            return
        if not self._journal.admit(command, payload):
            if redelivered:
                # The broker's second delivery (our acknowledgement was lost): taken already.
                log.info("fleet.redelivered: %s taken already", command.verb.value)
                return
            self._refuse(CommandRefused(Refusal.REPLAYED, command.id), command.verb.value)
            return
        self._launch(command)

    def _resume(self, payload: bytes) -> None:
        """A command an earlier run took and did not start: run now, unless it expired."""
        try:
            command = verify(payload, self._key, self._terminal_id, max_age=self._max_age)
        except CommandRefused as refused:
            if refused.command_id is not None:
                self._finish(refused.command_id, CommandState.FAILED, refused.refusal.value)
            return
        self._launch(command)

    def _launch(self, command: Command) -> None:
        """Each command on its own thread: one waiting for a citizen holds up no other."""
        log.info("fleet.command: %s", command.verb.value)
        self._reply(command.id, CommandState.RECEIVED.value)
        thread = threading.Thread(
            target=self._execute, args=(command,), name=f"fleet-{command.verb.value}", daemon=True
        )
        with self._running_lock:
            self._running.add(thread)
        thread.start()

    def _execute(self, command: Command) -> None:
        try:
            finished = self._run(command, _Progress(self, command.id))
        except Exception as exc:
            log.error("%s: %s %s", COMMAND_FAILED, command.verb.value, type(exc).__name__)
            finished = Finished(False, COMMAND_FAILED)
        finally:
            with self._running_lock:
                self._running.discard(threading.current_thread())
        if finished is None:
            return  # on its way down: the next start says done
        state = CommandState.DONE if finished.ok else CommandState.FAILED
        self._finish(command.id, state, finished.code, finished.result)

    def _finish(
        self,
        command_id: str,
        state: CommandState,
        code: str,
        result: dict[str, Any] | None = None,
    ) -> None:
        self._journal.move(command_id, state, code)
        self._reply(command_id, state.value, code, result)

    def _refuse(self, refused: CommandRefused, verb: str = "unknown") -> None:
        """Said to the centre and audited; nothing of the command is kept."""
        code = refused.refusal.value
        log.warning("%s: a command was refused", code)
        actor = "fleet" if refused.command_id is None else f"fleet:{refused.command_id}"
        try:
            self._audit.append(actor, "fleet.command_refused", code, verb)
        except Exception as exc:
            log.error("audit.append_failed: %s", getattr(exc, "code", type(exc).__name__))
        self._reply(refused.command_id, "refused", code)

    def _reply(
        self,
        command_id: str | None,
        state: str,
        code: str = "ok",
        result: dict[str, Any] | None = None,
    ) -> None:
        self._publish(Channel.REPLIES, self._reply_body(command_id, state, code, result))

    def _reply_body(
        self,
        command_id: str | None,
        state: str,
        code: str = "ok",
        result: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        return {
            "command": command_id,
            "terminal": self._terminal_id,
            "state": state,
            "code": code,
            "result": result or {},
            "at": _now(),
        }

    def _publish(self, channel: Channel, body: dict[str, Any], retain: bool = False) -> None:
        payload = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
        info = self.client.publish(self._topic(channel), payload, QOS, retain=retain)
        if info.rc == mqtt.MQTT_ERR_QUEUE_SIZE:
            log.warning("fleet.held_too_many: a %s message was dropped", channel.value)

    def _topic(self, channel: Channel) -> str:
        return topic(self._terminal_id, channel)


class _Progress:
    def __init__(self, agent: FleetAgent, command_id: str) -> None:
        self._agent = agent
        self._command_id = command_id
        self._executing = False

    def waiting(self) -> None:
        self._agent._reply(self._command_id, CommandState.EXECUTING.value, WAITING_FOR_SESSION)

    def executing(self) -> None:
        if self._executing:
            return
        self._executing = True
        self._agent._journal.move(self._command_id, CommandState.EXECUTING)
        self._agent._reply(self._command_id, CommandState.EXECUTING.value)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")
