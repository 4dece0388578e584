"""The fleet's broker over the wire: real Mosquitto, TLS client certificates and the ACL that
ships (packaging/mosquitto), as a bank's broker would run them."""

from __future__ import annotations

import os
import pwd
import time
from pathlib import Path

import pytest

from demo.broker import ACL_EXAMPLE, BROKER_CONF_EXAMPLE, OPS_CENTRE, Broker, Pki, make_pki
from tests.support.broker import ClientFactory, RecordingClient, tls_client

SETTLE_S = 0.3
"""How long "nothing arrives" is watched, once a later message that may arrive has: Mosquitto
delivers one publisher's messages in order, so anything denied would already have come."""


def status(terminal: str) -> str:
    return f"sheyin/v1/{terminal}/status"


def commands(terminal: str) -> str:
    return f"sheyin/v1/{terminal}/commands"


def test_a_terminals_retained_status_reaches_the_ops_centre_now_and_later(
    mqtt_client: ClientFactory,
) -> None:
    ops = mqtt_client(OPS_CENTRE)
    ops.subscribe_acked("sheyin/v1/+/status")
    terminal = mqtt_client("T-0001")

    terminal.publish_acked(status("T-0001"), b'{"state": "in-service"}', retain=True)

    assert not ops.wait_for(status("T-0001"), b'{"state": "in-service"}').retain
    # One connection per CN (use_username_as_clientid): the first goes before the next comes.
    ops.disconnect()
    ops.wait_disconnected()
    later = mqtt_client(OPS_CENTRE)
    later.subscribe_acked(status("T-0001"))
    assert later.wait_for(status("T-0001"), b'{"state": "in-service"}').retain
    terminal.publish_acked(status("T-0001"), b"", retain=True)  # the next test starts clean


def test_a_terminal_receives_its_own_commands_and_no_one_elses(
    mqtt_client: ClientFactory,
) -> None:
    own, other = mqtt_client("T-0001"), mqtt_client("T-0002")
    own.subscribe_acked(commands("T-0001"))
    other.subscribe_acked(commands("T-0002"))
    # Mosquitto 2.0 grants a subscription the ACL denies, and then delivers nothing on it.
    assert other.subscribe_acked(commands("T-0001")).value == 1
    assert other.subscribe_acked("sheyin/v1/#").value == 1
    ops = mqtt_client(OPS_CENTRE)

    ops.publish_acked(commands("T-0001"), b"restart")
    ops.publish_acked(commands("T-0002"), b"sentinel")

    own.wait_for(commands("T-0001"), b"restart")
    other.wait_for(commands("T-0002"), b"sentinel")
    time.sleep(SETTLE_S)
    assert {m.topic for m in other.received()} == {commands("T-0002")}


@pytest.mark.parametrize("kind", ["status", "events", "replies"])
def test_a_terminal_cannot_publish_as_another(mqtt_client: ClientFactory, kind: str) -> None:
    ops = mqtt_client(OPS_CENTRE)
    ops.subscribe_acked("sheyin/v1/#")
    impostor = mqtt_client("T-0002")

    # MQTT 3.1.1 has no way to say "denied": the PUBACK comes and the message is dropped.
    impostor.publish_acked(f"sheyin/v1/T-0001/{kind}", b"forged", retain=kind == "status")
    impostor.publish_acked("sheyin/v1/T-0002/events", b"sentinel")

    ops.wait_for("sheyin/v1/T-0002/events", b"sentinel")
    time.sleep(SETTLE_S)
    assert not ops.received("sheyin/v1/T-0001/#")


def test_a_terminal_cannot_publish_commands_not_even_its_own(
    mqtt_client: ClientFactory,
) -> None:
    ops = mqtt_client(OPS_CENTRE)
    ops.subscribe_acked("sheyin/v1/#")
    terminal = mqtt_client("T-0001")
    terminal.subscribe_acked(commands("T-0001"))

    terminal.publish_acked(commands("T-0001"), b"self-made")
    terminal.publish_acked(commands("T-0002"), b"for-another")
    terminal.publish_acked("sheyin/v1/T-0001/events", b"sentinel")

    ops.wait_for("sheyin/v1/T-0001/events", b"sentinel")
    time.sleep(SETTLE_S)
    assert not ops.received("sheyin/v1/+/commands")
    assert not terminal.received()


def test_a_wildcard_in_a_cn_gets_nothing(mqtt_client: ClientFactory, mqtt_broker: Broker) -> None:
    """`pattern read sheyin/v1/%u/commands` would otherwise give the CN "+" every terminal's
    commands: Mosquitto denies a username with "+" or "#" everything a pattern would give."""
    wildcard = mqtt_client("+")
    wildcard.subscribe_acked("sheyin/v1/+/commands")
    terminal = mqtt_client("T-0001")
    terminal.subscribe_acked(commands("T-0001"))

    mqtt_client(OPS_CENTRE).publish_acked(commands("T-0001"), b"restart")

    terminal.wait_for(commands("T-0001"), b"restart")
    time.sleep(SETTLE_S)
    assert not wildcard.received()
    assert 'ACL denying access to client with dangerous username "+"' in mqtt_broker.log_text


def test_a_terminal_cannot_take_over_anothers_session(
    mqtt_client: ClientFactory, mqtt_broker: Broker, mqtt_pki: Pki
) -> None:
    """Without use_username_as_clientid, connecting under T-0001's client id (with a session
    kept) would cut T-0001 off and discard the commands queued for it."""
    terminal = mqtt_client("T-0001")
    terminal.subscribe_acked(commands("T-0001"))
    impostor = RecordingClient("T-0001", clean_session=False)
    impostor.tls_set_context(mqtt_pki.client_context("T-0002"))
    impostor.connect(mqtt_broker.host, mqtt_broker.port)
    impostor.loop_start()
    try:
        assert not impostor.wait_connected().is_failure

        mqtt_client(OPS_CENTRE).publish_acked(commands("T-0001"), b"restart")

        terminal.wait_for(commands("T-0001"), b"restart")
        assert terminal.disconnects == 0
    finally:
        impostor.disconnect()
        impostor.loop_stop()
    mqtt_client("T-0002")  # a clean session in place of the one the impostor kept


def connected(client: RecordingClient, broker: Broker, port: int | None = None) -> RecordingClient:
    client.connect(broker.host, port or broker.port)
    client.loop_start()
    assert not client.wait_connected().is_failure
    return client


def assert_refused(client: RecordingClient, broker: Broker, reason: str) -> None:
    """The broker closes the connection without a CONNACK, and says why in its log."""
    log_before = len(broker.log_text)
    try:
        client.connect(broker.host, broker.port)
    except OSError:
        pass  # refused before the TLS handshake was over (TLS 1.2, or the alert came first)
    else:
        client.loop_start()
        client.wait_disconnected()
        client.loop_stop()
    assert client.connack is None
    deadline = time.monotonic() + 2
    while reason not in broker.log_text[log_before:]:
        assert time.monotonic() < deadline, f"the broker's log does not say {reason!r}"
        time.sleep(0.01)


def test_a_client_without_a_certificate_is_refused(mqtt_broker: Broker, mqtt_pki: Pki) -> None:
    assert_refused(tls_client(mqtt_pki, None), mqtt_broker, "peer did not return a certificate")


def test_a_certificate_from_another_ca_is_refused(
    mqtt_broker: Broker, mqtt_pki: Pki, tmp_path: Path
) -> None:
    # It trusts the broker, and calls itself ops-centre: only who signed its certificate is wrong.
    context = mqtt_pki.client_context(None)
    context.load_cert_chain(*make_pki(tmp_path, [OPS_CENTRE]).client(OPS_CENTRE))
    stranger = RecordingClient(OPS_CENTRE)
    stranger.tls_set_context(context)
    assert_refused(stranger, mqtt_broker, "certificate verify failed")


class ProductionBroker(Broker):
    """Mosquitto on packaging/mosquitto/sheyin-broker.conf.example, with the paths of this
    test's PKI (its one CA for both listeners), free ports on loopback and its log where the
    test reads it."""

    def configuration(self) -> str:
        swapped = {
            "listener": [f"{self.port} {self.host}", f"{self.ops_port} {self.host}"],
            "cafile": [str(self.pki.ca_file)] * 2,
            "certfile": [str(self.pki.server_cert)] * 2,
            "keyfile": [str(self.pki.server_key)] * 2,
            "acl_file": [str(ACL_EXAMPLE)] * 2,
            "persistence_location": [f"{self.directory}/"],
            "log_dest": ["stderr"],
        }
        lines = []
        for line in BROKER_CONF_EXAMPLE.read_text().splitlines():
            key = line.partition(" ")[0]
            lines.append(f"{key} {swapped[key].pop(0)}" if swapped.get(key) else line)
        left = sorted(key for key, values in swapped.items() if values)
        assert not left, f"the example no longer sets {left} for both listeners"
        # Run as root it would read its files as the user mosquitto, who cannot read them here.
        own_user = f"user {pwd.getpwuid(os.getuid()).pw_name}"
        return "\n".join([own_user, *lines]) + "\n"


def listeners_of(config: Path) -> list[dict[str, str]]:
    """The settings of each listener block, the global ones first."""
    blocks: list[dict[str, str]] = [{}]
    for line in config.read_text().splitlines():
        key, _, value = line.partition(" ")
        if key == "listener":
            blocks.append({})
        if key and not key.startswith("#"):
            blocks[-1][key] = value
    return blocks


def test_the_production_config_is_accepted_and_confines_clients(
    mqtt_pki: Pki, tmp_path: Path
) -> None:
    required = {
        "allow_anonymous": "false",
        "tls_version": "tlsv1.2",
        "require_certificate": "true",
        "use_identity_as_username": "true",
    }
    general, terminals, centre = listeners_of(BROKER_CONF_EXAMPLE)
    assert general["persistence"] == "true" and general["per_listener_settings"] == "true"
    assert required.items() <= terminals.items() and required.items() <= centre.items()
    assert terminals["use_username_as_clientid"] == "true"  # no session taken over
    assert centre["use_username_as_clientid"] == "false"  # an operator's tools side by side
    assert terminals["cafile"] != centre["cafile"]  # no terminal certificate on the centre's

    with ProductionBroker(tmp_path, mqtt_pki) as broker:
        ops = connected(tls_client(mqtt_pki, OPS_CENTRE), broker, broker.ops_port)
        watcher = RecordingClient("ops-centre-watch")  # the same certificate, another tool
        watcher.tls_set_context(mqtt_pki.client_context(OPS_CENTRE))
        watcher = connected(watcher, broker, broker.ops_port)
        terminal = connected(tls_client(mqtt_pki, "T-0001"), broker)
        try:
            ops.subscribe_acked("sheyin/v1/#")
            watcher.subscribe_acked("sheyin/v1/+/events")
            terminal.publish_acked(commands("T-0002"), b"denied")
            terminal.publish_acked("sheyin/v1/T-0001/events", b"allowed")
            ops.wait_for("sheyin/v1/T-0001/events", b"allowed")
            watcher.wait_for("sheyin/v1/T-0001/events", b"allowed")  # both still connected
            time.sleep(SETTLE_S)
            assert not ops.received(commands("T-0002"))
            assert ops.disconnects == watcher.disconnects == 0
        finally:
            for client in (ops, watcher, terminal):
                client.disconnect()
                client.loop_stop()
