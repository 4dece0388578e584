"""The agent itself, in this process, against a broker of the test's own: it never holds the
kiosk up when the broker is away, reconnects when it is back (its commands kept meanwhile),
and sends events as they come."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from demo.broker import OPS_CENTRE, Broker, Pki, make_pki
from kiosk.audit import AuditLog
from kiosk.config import FleetSettings
from kiosk.fleet.agent import FleetAgent
from kiosk.fleet.centre import Centre
from kiosk.fleet.commands import Command, Verb, new_command
from kiosk.fleet.journal import Journal
from kiosk.fleet.topics import Channel
from kiosk.fleet.verbs import Finished, Progress
from tests.support.fleet import CENTRE_KEY, CENTRE_PUBLIC_HEX, centre_settings

TERMINAL = "T-AGENT"


def status() -> dict[str, Any]:
    return {"schema": 1, "terminal": TERMINAL, "state": "in_service", "at": time.time()}


def run(command: Command, progress: Progress) -> Finished:
    progress.executing()
    return Finished(True, result={"verb": command.verb.value})


@pytest.fixture
def pki(tmp_path: Path) -> Pki:
    return make_pki(tmp_path / "pki", (OPS_CENTRE, TERMINAL))


@pytest.fixture
def broker(tmp_path: Path, pki: Pki) -> Iterator[Broker]:
    with Broker(tmp_path / "broker", pki, persistence=True) as started:
        yield started


def agent_for(broker: Broker, pki: Pki, tmp_path: Path) -> FleetAgent:
    cert, key = pki.client(TERMINAL)
    settings = FleetSettings(
        broker_url=f"mqtts://{broker.host}:{broker.port}",
        ca_file=str(pki.ca_file),
        cert_file=str(cert),
        key_file=str(key),
        command_public_key=CENTRE_PUBLIC_HEX,
        reconnect_max_s=1,
    )
    return FleetAgent(
        settings,
        TERMINAL,
        status=status,
        run=run,
        journal=Journal(tmp_path / "journal.json"),
        audit=AuditLog(tmp_path / "audit.log"),
        stopping=threading.Event(),
    )


def wait(condition: Any, timeout_s: float = 15.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "not within the time"
        time.sleep(0.02)


@pytest.mark.expected_log("fleet.broker_unreachable", "fleet.disconnected")
def test_the_broker_away_holds_nothing_up_and_it_reconnects(
    broker: Broker, pki: Pki, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    broker.stop()
    agent = agent_for(broker, pki, tmp_path)
    started = time.monotonic()
    agent.start()  # the kiosk's start goes on at once
    assert time.monotonic() - started < 0.5
    try:
        time.sleep(1.5)  # attempts fail meanwhile (1 s apart)
        unreachable = [r for r in caplog.records if "fleet.broker_unreachable" in r.message]
        assert len(unreachable) == 1  # said once per outage, not at every attempt
        agent.event("help", screen="attract", service=None)  # held for the broker

        broker.start()
        wait(lambda: agent.connected)
        with Centre(centre_settings(broker, pki)) as centre:
            assert centre.statuses()[TERMINAL]["state"] == "in_service"
            # Gone again while connected, and back: a command sent meanwhile is kept for it.
            broker.stop()
            wait(lambda: not agent.connected)
        broker.start()
        with Centre(centre_settings(broker, pki)) as centre:
            command = new_command(TERMINAL, Verb.LOGS)
            replies = list(centre.send(command, CENTRE_KEY, 20.0))
            assert [r["state"] for r in replies] == ["received", "executing", "done"]
    finally:
        agent.stop()


def test_events_reach_the_centre_and_a_clean_stop_says_offline(
    broker: Broker, pki: Pki, tmp_path: Path
) -> None:
    agent = agent_for(broker, pki, tmp_path)
    agent.start()
    stopped = False
    try:
        wait(lambda: agent.connected)
        with Centre(centre_settings(broker, pki)) as centre:
            centre.listen(Channel.EVENTS)
            agent.event("device_fault", device="printer", status="userError")
            message = centre.next(Channel.EVENTS, 10.0)
            assert message is not None and message.terminal == TERMINAL
            assert (message.body["event"], message.body["device"]) == ("device_fault", "printer")
            agent.stop()
            stopped = True
            assert centre.statuses()[TERMINAL] == {
                "schema": 1,
                "terminal": TERMINAL,
                "state": "offline",
            }
    finally:
        if not stopped:
            agent.stop()


@pytest.mark.expected_log("fleet.disconnected")
def test_a_watching_centre_hears_again_after_the_broker_restarted(
    broker: Broker, pki: Pki, tmp_path: Path
) -> None:
    agent = agent_for(broker, pki, tmp_path)
    agent.start()
    try:
        with Centre(centre_settings(broker, pki)) as centre:
            centre.listen(Channel.EVENTS)
            broker.restart()
            wait(lambda: agent.connected)
            deadline = time.monotonic() + 15
            message = None
            while message is None and time.monotonic() < deadline:
                agent.event("help", screen="attract", service=None)  # until it is heard again
                message = centre.next(Channel.EVENTS, 0.5)
            assert message is not None and message.body["event"] == "help"
    finally:
        agent.stop()
