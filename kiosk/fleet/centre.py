"""The operations centre's side of the fleet channel, for `sheyin fleet …`: the statuses the
broker keeps, a command signed and sent with its replies followed, the events as they come."""

from __future__ import annotations

import json
import queue
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import paho.mqtt.client as mqtt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.fleet.agent import QOS, connect_options, new_client
from kiosk.fleet.commands import Command, public_hex, sign
from kiosk.fleet.topics import Channel, every_terminal, parse, topic

if TYPE_CHECKING:
    from paho.mqtt.properties import Properties
    from paho.mqtt.reasoncodes import ReasonCode

    from kiosk.config import FleetSettings

CONNECT_TIMEOUT_S = 10.0
QUIET_S = 0.3
"""The broker sends its retained statuses at once after the subscription: this long without one
means all are in."""
FINAL_STATES = frozenset({"done", "failed", "refused"})


class FleetUnreachable(Exception):
    """The broker could not be reached or refused this side's certificate; the message is a
    code and the broker's address."""


class BadSigningKey(Exception):
    pass


@dataclass(frozen=True)
class Message:
    terminal: str
    channel: Channel
    body: dict[str, Any]
    retained: bool = False
    """Kept by the broker from before (a status), not news."""


def load_signing_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise BadSigningKey(f"{path}: not a readable PEM private key") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise BadSigningKey(f"{path}: not an Ed25519 key")
    return key


def new_signing_key(path: Path) -> str:
    """Writes a new private key (PEM, 0600) to `path`; returns its public key in hex, for the
    terminals' `fleet.command_public_key`."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.touch(mode=0o600, exist_ok=False)
    path.write_bytes(pem)
    return public_hex(key)


class Centre:
    """One connection to the broker as the operations centre (a context manager)."""

    def __init__(self, settings: FleetSettings) -> None:
        self._settings = settings
        self._inboxes: dict[Channel, queue.Queue[Message]] = {c: queue.Queue() for c in Channel}
        self._subscriptions: set[str] = set()
        self._connected = threading.Event()
        self._subscribed: dict[int, threading.Event] = {}
        self._subscribing = threading.Lock()
        self._refused: str | None = None
        client = new_client(settings, f"ops-{uuid.uuid4().hex[:12]}", persistent=False)
        client.on_connect = self._on_connect
        client.on_message = self._on_message
        client.on_subscribe = self._on_subscribe
        self._client = client

    def __enter__(self) -> Centre:
        host, port, _tls = connect_options(self._settings)
        try:
            self._client.connect(host, port, keepalive=self._settings.keepalive_s)
        except OSError as exc:  # refused, unreachable, TLS: the broker or our certificate
            raise FleetUnreachable(f"fleet.broker_unreachable: {host}:{port} ({exc})") from None
        self._client.loop_start()
        if not self._connected.wait(CONNECT_TIMEOUT_S) or self._refused:
            self._client.loop_stop()
            why = self._refused or "no answer"
            raise FleetUnreachable(f"fleet.broker_unreachable: {host}:{port} ({why})")
        return self

    def __exit__(self, *_: object) -> None:
        self._client.disconnect()
        self._client.loop_stop()

    def statuses(self, timeout_s: float = 10.0) -> dict[str, dict[str, Any]]:
        """Every terminal's status the broker keeps (offline ones included), by terminal id."""
        self._subscribe(every_terminal(Channel.STATUS), again=True)  # the retained ones, now
        found: dict[str, dict[str, Any]] = {}
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            message = self.next(Channel.STATUS, QUIET_S)
            if message is None:
                break
            found[message.terminal] = message.body
        return dict(sorted(found.items()))

    def send(
        self, command: Command, key: Ed25519PrivateKey, wait_s: float
    ) -> Iterator[dict[str, Any]]:
        """Signs and sends `command`, then yields its replies until a final one or `wait_s`."""
        self.send_raw(command.terminal, sign(command, key))
        yield from self.replies(command.terminal, command.id, wait_s)

    def send_raw(self, terminal: str, payload: bytes) -> None:
        """A payload as it is (a forgery, a replay: the tests'), once the replies are heard."""
        self._subscribe(topic(terminal, Channel.REPLIES))
        self._client.publish(topic(terminal, Channel.COMMANDS), payload, QOS).wait_for_publish(
            CONNECT_TIMEOUT_S
        )

    def replies(self, terminal: str, command_id: str, wait_s: float) -> Iterator[dict[str, Any]]:
        """The replies about one command, until a final one or `wait_s`."""
        self._subscribe(topic(terminal, Channel.REPLIES))
        deadline = time.monotonic() + wait_s
        while (left := deadline - time.monotonic()) > 0:
            message = self.next(Channel.REPLIES, left)
            if message is None:
                return
            if message.terminal == terminal and message.body.get("command") == command_id:
                yield message.body
                if message.body.get("state") in FINAL_STATES:
                    return

    def watch(self, *channels: Channel) -> Iterator[Message]:
        """Every terminal's messages on `channels`, as they come, until the caller stops (the
        statuses the broker kept come first, marked retained)."""
        self.listen(*channels)
        while True:
            for channel in channels:
                message = self.next(channel, 0.1)
                if message is not None:
                    yield message

    def listen(self, *channels: Channel) -> None:
        """From now on, every terminal's messages on `channels` are kept for `next`."""
        for channel in channels:
            self._subscribe(every_terminal(channel))

    def next(self, channel: Channel, timeout_s: float) -> Message | None:
        """The next message on `channel` of the terminals subscribed to; None after the wait."""
        try:
            return self._inboxes[channel].get(timeout=max(timeout_s, 0.0))
        except queue.Empty:
            return None

    def _subscribe(self, name: str, *, again: bool = False) -> None:
        """Subscribes once (`again`: anew, for the retained messages) and waits for the
        broker's acknowledgement."""
        if name in self._subscriptions and not again:
            return
        self._subscriptions.add(name)
        done = threading.Event()
        with self._subscribing:  # the SUBACK is handled on paho's thread, perhaps at once
            result, mid = self._client.subscribe(name, QOS)
            if result != mqtt.MQTT_ERR_SUCCESS or mid is None:
                raise FleetUnreachable(f"fleet.subscribe_failed: {name}")
            self._subscribed[mid] = done
        if not done.wait(CONNECT_TIMEOUT_S):
            raise FleetUnreachable(f"fleet.subscribe_failed: {name}")

    # --- paho's callbacks ---

    def _on_connect(
        self,
        _client: mqtt.Client,
        _userdata: object,
        _flags: mqtt.ConnectFlags,
        reason: ReasonCode,
        _properties: Properties | None,
    ) -> None:
        if reason.is_failure:
            self._refused = str(reason)
        elif self._connected.is_set():
            # paho reconnected by itself (a broker restart): a clean session has forgotten our
            # subscriptions, and a watch would go deaf without a word.
            for name in self._subscriptions:
                self._client.subscribe(name, QOS)
        self._connected.set()

    def _on_subscribe(
        self,
        _client: mqtt.Client,
        _userdata: object,
        mid: int,
        _reasons: list[ReasonCode],
        _properties: Properties | None,
    ) -> None:
        with self._subscribing:
            done = self._subscribed.pop(mid, None)
        if done is not None:
            done.set()

    def _on_message(
        self, _client: mqtt.Client, _userdata: object, message: mqtt.MQTTMessage
    ) -> None:
        where = parse(message.topic)
        if where is None:
            return
        try:
            body = json.loads(message.payload)
        except ValueError:
            return  # not one of ours
        if isinstance(body, dict):
            self._inboxes[where[1]].put(Message(where[0], where[1], body, bool(message.retain)))
