"""The agent's intake, without a broker: a command is in the journal when paho is about to
acknowledge it, a second delivery of the same message is passed over, a copy is refused, and a
command waiting for a citizen holds up no other."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import paho.mqtt.client as mqtt
import pytest

from kiosk.audit import AuditLog
from kiosk.config import FleetSettings
from kiosk.fleet.agent import FleetAgent
from kiosk.fleet.commands import Command, Verb, new_command, sign
from kiosk.fleet.journal import CommandState, Journal
from kiosk.fleet.topics import Channel
from kiosk.fleet.verbs import Finished, Progress
from tests.support.fleet import CENTRE_KEY, CENTRE_PUBLIC_HEX


class Agent:
    def __init__(self, tmp_path: Path) -> None:
        self.release = threading.Event()
        self.ran: list[Verb] = []
        self.sent: list[tuple[Channel, dict[str, Any]]] = []
        self.journal = Journal(tmp_path / "journal.json")
        self.agent = FleetAgent(
            FleetSettings(broker_url="mqtt://127.0.0.1:1", command_public_key=CENTRE_PUBLIC_HEX),
            "T-1",
            status=dict,
            run=self.run,
            journal=self.journal,
            audit=AuditLog(tmp_path / "audit.log"),
            stopping=threading.Event(),
        )
        self.agent._publish = self.publish  # type: ignore[method-assign]

    def run(self, command: Command, progress: Progress) -> Finished:
        self.ran.append(command.verb)
        progress.executing()
        if command.verb is Verb.SELF_TEST:
            self.release.wait(10)  # as a verb waiting for the citizen to finish
        return Finished(True)

    def publish(self, channel: Channel, body: dict[str, Any], retain: bool = False) -> None:
        self.sent.append((channel, body))

    def deliver(self, payload: bytes, *, dup: bool = False) -> None:
        message = mqtt.MQTTMessage(topic=b"sheyin/v1/T-1/commands")
        message.payload = payload
        message.dup = dup
        self.agent._on_message(self.agent.client, None, message)

    def replies(self, command_id: str) -> list[tuple[str, str]]:
        return [
            (body["state"], body["code"])
            for channel, body in self.sent
            if channel is Channel.REPLIES and body["command"] == command_id
        ]

    def until(self, condition: Any) -> None:
        deadline = time.monotonic() + 5
        while not condition():
            assert time.monotonic() < deadline
            time.sleep(0.01)


@pytest.fixture
def agent(tmp_path: Path) -> Agent:
    return Agent(tmp_path)


@pytest.mark.expected_log("fleet.replayed")
def test_taken_before_acknowledged_and_taken_once(agent: Agent) -> None:
    waiting = new_command("T-1", Verb.SELF_TEST)
    payload = sign(waiting, CENTRE_KEY)
    agent.deliver(payload)
    # paho acknowledges when the callback returns: the command must be written down by then.
    assert agent.journal.state(waiting.id) in (CommandState.RECEIVED, CommandState.EXECUTING)

    agent.deliver(payload, dup=True)  # the broker again: our acknowledgement was lost
    agent.deliver(payload)  # anybody else's copy
    assert agent.replies(waiting.id)[-1] == ("refused", "fleet.replayed")
    assert agent.replies(waiting.id).count(("refused", "fleet.replayed")) == 1

    quick = new_command("T-1", Verb.SCREENSHOT)  # not held up by the waiting one
    agent.deliver(sign(quick, CENTRE_KEY))
    agent.until(lambda: ("done", "ok") in agent.replies(quick.id))

    agent.release.set()
    agent.until(lambda: ("done", "ok") in agent.replies(waiting.id))
    assert agent.ran.count(Verb.SELF_TEST) == 1


@pytest.mark.expected_log("fleet.bad_signature")
def test_a_forgery_is_refused_with_nothing_kept(agent: Agent, tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    forged = new_command("T-1", Verb.REBOOT)
    agent.deliver(sign(forged, Ed25519PrivateKey.generate()))
    assert agent.replies(forged.id) == [("refused", "fleet.bad_signature")]
    assert agent.journal.state(forged.id) is None and agent.ran == []
    assert "fleet.command_refused" in (tmp_path / "audit.log").read_text()
