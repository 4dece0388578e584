"""The fleet's broker for the tests: one Mosquitto with TLS and the shipped ACL per session, and
paho clients that keep what they receive, to wait on. Registered in tests/conftest.py."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any, Protocol, TypeVar

import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.enums import CallbackAPIVersion
from paho.mqtt.properties import Properties
from paho.mqtt.reasoncodes import ReasonCode

from demo.broker import OPS_CENTRE, Broker, Pki, make_pki

TERMINALS = ("T-0001", "T-0002")
T = TypeVar("T")


class RecordingClient(mqtt.Client):
    """A paho client (callback API 2, MQTT 3.1.1) that keeps its CONNACK, its disconnects and
    the messages it receives, and waits on them.

    It does not reconnect by itself: the broker takes a CN's connection away when another
    connects with the same CN, and two clients reconnecting would take turns forever.
    """

    def __init__(self, client_id: str = "", *, clean_session: bool = True) -> None:
        super().__init__(
            CallbackAPIVersion.VERSION2,
            client_id=client_id,
            clean_session=clean_session,
            protocol=mqtt.MQTTv311,
            reconnect_on_failure=False,
        )
        self.connack: ReasonCode | None = None
        self.disconnects = 0
        self.messages: list[mqtt.MQTTMessage] = []
        self._subacks: dict[int, list[ReasonCode]] = {}
        self._changed = threading.Condition()
        self.on_connect = self._record_connect
        self.on_disconnect = self._record_disconnect
        self.on_message = self._record_message
        self.on_subscribe = self._record_suback

    def subscribe_acked(self, topic: str, qos: int = 1, timeout_s: float = 5.0) -> ReasonCode:
        """Subscribes and waits for the SUBACK: what is published after it is delivered."""
        result, mid = self.subscribe(topic, qos)
        assert result == mqtt.MQTT_ERR_SUCCESS and mid is not None, f"{topic} not sent: {result}"
        (granted,) = self._wait(lambda: self._subacks.get(mid), timeout_s, f"the SUBACK of {topic}")
        return granted

    def publish_acked(
        self, topic: str, payload: bytes, *, retain: bool = False, timeout_s: float = 5.0
    ) -> None:
        """Publishes at QoS 1 and waits for the PUBACK (which a denied publish gets too)."""
        self.publish(topic, payload, qos=1, retain=retain).wait_for_publish(timeout_s)

    def wait_for(
        self, topic: str, payload: bytes | None = None, timeout_s: float = 5.0
    ) -> mqtt.MQTTMessage:
        """The first message received on `topic` (with `payload`, if given)."""

        def first() -> mqtt.MQTTMessage | None:
            matching = (m for m in self.received(topic) if payload is None or m.payload == payload)
            return next(matching, None)

        return self._wait(first, timeout_s, f"a message on {topic}")

    def wait_connected(self, timeout_s: float = 5.0) -> ReasonCode:
        return self._wait(lambda: self.connack, timeout_s, "the CONNACK")

    def wait_disconnected(self, timeout_s: float = 5.0) -> None:
        self._wait(lambda: self.disconnects > 0, timeout_s, "the connection to close")

    def received(self, topic_filter: str = "#") -> list[mqtt.MQTTMessage]:
        with self._changed:
            return [m for m in self.messages if mqtt.topic_matches_sub(topic_filter, m.topic)]

    def _wait(self, value: Callable[[], T | None], timeout_s: float, what: str) -> T:
        with self._changed:
            found = self._changed.wait_for(value, timeout_s)
        if not found:
            raise AssertionError(f"waited {timeout_s} s in vain for {what}")
        return found

    def _record_connect(
        self,
        _client: mqtt.Client,
        _userdata: Any,
        _flags: mqtt.ConnectFlags,
        reason_code: ReasonCode,
        _properties: Properties | None,
    ) -> None:
        with self._changed:
            self.connack = reason_code
            self._changed.notify_all()

    def _record_disconnect(
        self,
        _client: mqtt.Client,
        _userdata: Any,
        _flags: mqtt.DisconnectFlags,
        _reason_code: ReasonCode,
        _properties: Properties | None,
    ) -> None:
        with self._changed:
            self.disconnects += 1
            self._changed.notify_all()

    def _record_message(
        self, _client: mqtt.Client, _userdata: Any, message: mqtt.MQTTMessage
    ) -> None:
        with self._changed:
            self.messages.append(message)
            self._changed.notify_all()

    def _record_suback(
        self,
        _client: mqtt.Client,
        _userdata: Any,
        mid: int,
        reason_codes: list[ReasonCode],
        _properties: Properties | None,
    ) -> None:
        with self._changed:
            self._subacks[mid] = reason_codes
            self._changed.notify_all()


def tls_client(pki: Pki, cn: str | None, *, clean_session: bool = True) -> RecordingClient:
    """A client, not connected yet, that trusts `pki`'s CA and presents `cn`'s certificate."""
    client = RecordingClient(cn or "", clean_session=clean_session)
    client.tls_set_context(pki.client_context(cn))
    return client


class ClientFactory(Protocol):
    def __call__(self, cn: str, *, clean_session: bool = True) -> RecordingClient: ...


@pytest.fixture(scope="session")
def mqtt_pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    """The fleet's test PKI: certificates for the operations centre, T-0001 and T-0002 made,
    any other CN's on first use (`mqtt_pki.client(cn)`)."""
    return make_pki(tmp_path_factory.mktemp("mqtt-pki"), (OPS_CENTRE, *TERMINALS))


@pytest.fixture(scope="session")
def mqtt_broker(tmp_path_factory: pytest.TempPathFactory, mqtt_pki: Pki) -> Iterator[Broker]:
    """One Mosquitto for the session (no persistence); a test that stops, kills or restarts a
    broker starts its own `Broker`."""
    with Broker(tmp_path_factory.mktemp("mqtt-broker"), mqtt_pki) as broker:
        yield broker


@pytest.fixture
def mqtt_client(mqtt_broker: Broker, mqtt_pki: Pki) -> Iterator[ClientFactory]:
    """`mqtt_client(cn)`: a client connected as `cn` to the session's broker (CONNACK
    received, its network loop running); disconnected at the end of the test."""
    clients: list[RecordingClient] = []

    def connect(cn: str, *, clean_session: bool = True) -> RecordingClient:
        client = tls_client(mqtt_pki, cn, clean_session=clean_session)
        clients.append(client)
        client.connect(mqtt_broker.host, mqtt_broker.port)
        client.loop_start()
        connack = client.wait_connected()
        assert not connack.is_failure, f"{cn} was refused: {connack}"
        return client

    yield connect
    for client in clients:
        client.disconnect()
        client.loop_stop()
