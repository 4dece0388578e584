"""A swarm of simulated terminals for the fleet benchmark (tests/bench/test_fleet.py): a few
worker processes (multiprocessing with the spawn context: the parent has threads), each running
hundreds of real `FleetAgent`s against one broker on loopback, driven through a pipe.

Each agent is the real one but for the kiosk behind it: its own certificate (CN = terminal id),
journal file and settings; a fixed, realistic status (the shape of StatusSource.snapshot) whose
card reader's counter the parent bumps to make news; and a runner that answers `logs` at once.
What is measured is the agent's own path: paho and TLS, the status loop, and
verify → journal → replies for a command. Each agent has paho's network thread and its status
loop (and a thread per command while it runs); to know when a burst's status is acknowledged,
its client's `publish` is wrapped to keep the MessageInfo, nothing else.

The reference mode runs as many bare paho clients instead, connected the way an agent is (TLS
with the same certificates, a persistent session, the Last Will, the commands subscription),
publishing the same status payloads (on the burst and every `heartbeat_s`) and answering a
command with the same three replies, unverified and unjournaled: what an agent costs over paho.
"""

from __future__ import annotations

import contextlib
import enum
import json
import logging
import multiprocessing
import os
import resource
import socket
import ssl
import threading
import time
import traceback
from collections import Counter, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, TypeVar

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion
from paho.mqtt.properties import Properties
from paho.mqtt.reasoncodes import ReasonCode

from demo.broker import Broker
from kiosk.audit import AuditLog
from kiosk.config import FleetSettings
from kiosk.fleet.agent import QOS, FleetAgent
from kiosk.fleet.commands import Command, Verb, public_key
from kiosk.fleet.journal import Journal
from kiosk.fleet.status import SCHEMA, ServiceState, offline_status
from kiosk.fleet.topics import Channel, topic
from kiosk.fleet.verbs import Finished, Progress

SPAWN = multiprocessing.get_context("spawn")
T = TypeVar("T")
MAX_PER_PROCESS = 250
"""paho's loop waits with select(), which takes no file descriptor from 1024 on, and a client
holds three (its socket and a socket pair): past ~340 clients a process's further clients fail
silently (paho takes select's ValueError for a lost connection) and never connect."""
COUNTER_BASE = 10_000
"""The card reader's `cards_read` in round 0; round r of a burst shows COUNTER_BASE + r."""
CONNECT_TIMEOUT_S = 300.0
ROUND_TIMEOUT_S = 120.0
BURST_WINDOW = 16
"""A burst keeps at most this many statuses of a process sent and not yet acknowledged by the
broker: hundreds of status threads woken at once in one process, on 2 cores shared by 8, spend
their time handing the GIL round (7 ms of CPU a status instead of 0.3) and measure that."""
REPLY_TIMEOUT_S = 600.0
"""How long the parent waits for a worker's answer (a start of 250 TLS clients on 2 cores
shared by 8 processes, a long burst)."""
STOP_WAIT_S = 2.0


class Mode(enum.StrEnum):
    AGENT = "agent"
    REFERENCE = "reference"


class SwarmError(RuntimeError):
    pass


# --- what a terminal says ---


def _device(
    driver: str, counters: dict[str, int], media: str | None = None, faults: int = 0
) -> dict[str, Any]:
    return {
        "driver": driver,
        "status": "online",
        "media": media,
        "counters": counters,
        "faults": faults,
        "last_fault": None if faults == 0 else f"{driver}.hardwareError",
    }


def status_of(terminal_id: str, round_: int, started_at: str) -> dict[str, Any]:
    """A terminal's status as StatusSource.snapshot gathers it: seven devices with counters, the
    queue, the last error codes. `round_` moves the card reader's and the receipt printer's
    counters, which is news."""
    return {
        "schema": SCHEMA,
        "terminal": terminal_id,
        "state": ServiceState.IN_SERVICE,
        "version": "0.1.0",
        "role": "citizen",
        "vendor": "inactive",
        "closed_remotely": False,
        "backoff": False,
        "serving": False,
        "devices": {
            "card_reader": _device("pcsc", {"cards_read": COUNTER_BASE + round_, "retained": 3}),
            "idcard_reader": _device("ga467", {"reads": 8123, "timeouts": 17}),
            "camera": _device("v4l2", {"starts": 412}),
            "printer": _device("cups", {"pages": 20_511, "jobs": 6_204}, media="ok"),
            "receipt_printer": _device(
                "escpos", {"receipts": 6_120 + round_, "cuts": 6_120 + round_}, media="low"
            ),
            "pinpad": _device("pcsc-pinpad", {"entries": 3_311, "cancels": 95}),
            "card_issuer": _device("issuer", {"issued": 240, "rejected": 2}, media="ok", faults=1),
        },
        "worst": {"device": "receipt_printer", "state": "media_low"},
        "queue": {"open": 2, "dead": 0, "oldest_s": 41},
        "central_online": True,
        "errors": ["receipt_printer.media_low", "central.timeout", "camera.no_frames"],
        "started_at": started_at,
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def round_of(status: dict[str, Any]) -> int | None:
    """The round a status was sent in (None for an offline status)."""
    try:
        return int(status["devices"]["card_reader"]["counters"]["cards_read"]) - COUNTER_BASE
    except (KeyError, TypeError, ValueError):
        return None


def _json(body: dict[str, Any]) -> str:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))  # as the agent does


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


# --- the plan the parent hands each worker ---


@dataclass(frozen=True)
class Member:
    terminal_id: str
    cert_file: str
    key_file: str


@dataclass(frozen=True)
class Spec:
    mode: Mode
    members: tuple[Member, ...]
    broker_url: str
    ca_file: str
    command_public_key: str
    heartbeat_s: int
    keepalive_s: int
    work_dir: str


def terminal_ids(count: int) -> list[str]:
    return [f"S-{n:04d}" for n in range(1, count + 1)]


def plan(
    mode: Mode,
    terminals: Sequence[str],
    processes: int,
    broker: Broker,
    *,
    command_public_key: str,
    heartbeat_s: int,
    keepalive_s: int,
    work_dir: Path,
) -> list[Spec]:
    """The terminals dealt round the processes, their certificates issued by the broker's
    PKI (in the parent: the workers only read the files)."""
    if len(terminals) > processes * MAX_PER_PROCESS:
        raise SwarmError(f"at most {MAX_PER_PROCESS} terminals a process (MAX_PER_PROCESS)")
    specs = []
    for index in range(processes):
        members = []
        for terminal_id in terminals[index::processes]:
            cert, key = broker.pki.client(terminal_id)
            members.append(Member(terminal_id, str(cert), str(key)))
        specs.append(
            Spec(
                mode=mode,
                members=tuple(members),
                broker_url=f"mqtts://{broker.host}:{broker.port}",
                ca_file=str(broker.pki.ca_file),
                command_public_key=command_public_key,
                heartbeat_s=heartbeat_s,
                keepalive_s=keepalive_s,
                work_dir=str(work_dir / f"{mode.value}-{index}"),
            )
        )
    return [spec for spec in specs if spec.members]


# --- measuring a process ---


def process_sample(pid: int | str = "self") -> dict[str, float]:
    """RSS, its high-water mark and threads from /proc, CPU seconds (user + system, every
    thread) from /proc/<pid>/stat: any process of ours, the broker's too."""
    fields: dict[str, float] = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM", "Threads"):
                fields[name] = float(value.split()[0])
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        after_name = stat.read().rpartition(")")[2].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return {
        "rss_kb": fields["VmRSS"],
        "hwm_kb": fields["VmHWM"],
        "threads": fields["Threads"],
        "user_s": int(after_name[11]) / ticks,  # utime, field 14
        "sys_s": int(after_name[12]) / ticks,  # stime, field 15
        "at": time.monotonic(),
    }


def _self_sample() -> dict[str, float]:
    """process_sample of this process, with getrusage's finer CPU times and context switches."""
    sample = process_sample()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    sample.update(
        user_s=usage.ru_utime,
        sys_s=usage.ru_stime,
        voluntary_switches=usage.ru_nvcsw,
        involuntary_switches=usage.ru_nivcsw,
        fds=len(os.listdir("/proc/self/fd")),
    )
    return sample


def cpu_s(sample: dict[str, float]) -> float:
    return sample["user_s"] + sample["sys_s"]


# --- the worker's side ---


class _Fleet(Protocol):
    def start(self) -> dict[str, Any]: ...
    def burst(self, rounds: int) -> dict[str, float]: ...
    def stop(self) -> dict[str, float]: ...


class _Agents:
    """Real FleetAgents, one per member."""

    def __init__(self, spec: Spec) -> None:
        self._spec = spec
        self._work = Path(spec.work_dir)
        self._work.mkdir(parents=True, exist_ok=True)
        self._audit = AuditLog(self._work / "audit.jsonl")
        public_key(spec.command_public_key)  # cryptography loaded now, not in the first agent
        self._stopping = threading.Event()
        members = len(spec.members)
        self._rounds = [0] * members
        self._sent: list[mqtt.MQTTMessageInfo | None] = [None] * members
        """Each agent's last status handed to paho: a burst waits for its PUBACK."""
        self._sent_now = [threading.Event() for _ in range(members)]
        self._started_at = datetime.now(UTC).isoformat(timespec="seconds")
        self._agents: list[FleetAgent] = []

    def start(self) -> dict[str, Any]:
        began = time.monotonic()
        for index, member in enumerate(self._spec.members):
            self._agents.append(self._agent(index, member))
        made = time.monotonic()
        for agent in self._agents:
            agent.start()
        started = time.monotonic()
        connected = _each_when(self._agents, lambda agent: agent.connected, "agents")
        return {
            "made_s": made - began,
            "started_s": started - made,
            "connected_at": time.monotonic(),
            "connected": connected,
        }

    def _agent(self, index: int, member: Member) -> FleetAgent:
        spec = self._spec
        settings = FleetSettings(
            broker_url=spec.broker_url,
            ca_file=spec.ca_file,
            cert_file=member.cert_file,
            key_file=member.key_file,
            command_public_key=spec.command_public_key,
            heartbeat_s=spec.heartbeat_s,
            keepalive_s=spec.keepalive_s,
        )

        def status() -> dict[str, Any]:
            return status_of(member.terminal_id, self._rounds[index], self._started_at)

        agent = FleetAgent(
            settings,
            member.terminal_id,
            status=status,
            run=_logs_at_once,
            journal=Journal(self._work / member.terminal_id / "fleet_commands.json"),
            audit=self._audit,
            stopping=self._stopping,
        )
        # Watched, not changed: the MessageInfo of each status the agent publishes.
        publish = agent.client.publish
        status_topic = topic(member.terminal_id, Channel.STATUS)

        def watched(
            topic: str,
            payload: mqtt.PayloadType = None,
            qos: int = 0,
            retain: bool = False,
            properties: Properties | None = None,
        ) -> mqtt.MQTTMessageInfo:
            info = publish(topic, payload, qos, retain, properties)
            if topic == status_topic:
                self._sent[index] = info
                self._sent_now[index].set()
            return info

        agent.client.publish = watched  # type: ignore[method-assign]
        return agent

    def burst(self, rounds: int) -> dict[str, float]:
        """`rounds` changed statuses from every agent: its counter moves and it is told
        (`changed()` wakes its status loop at once: STATUS_CHECK_S is not waited for)."""
        return _burst(len(self._agents), rounds, self._change)

    def _change(self, index: int) -> Callable[[], None]:
        sent_now = self._sent_now[index]
        sent_now.clear()
        self._rounds[index] += 1
        self._agents[index].changed()

        def acknowledged() -> None:
            if not sent_now.wait(ROUND_TIMEOUT_S):
                raise SwarmError(f"agent {index} sent no status in {ROUND_TIMEOUT_S:.0f} s")
            info = self._sent[index]
            assert info is not None
            _acknowledged(info)

        return acknowledged

    def stop(self) -> dict[str, float]:
        """Every agent's threads told at once (one stopping event, as the kiosk's), then
        agent.stop() each: its offline status and the disconnect."""
        began = time.monotonic()
        self._stopping.set()
        for agent in self._agents:
            agent.stop()
        return {"stop_s": time.monotonic() - began}


def _logs_at_once(command: Command, progress: Progress) -> Finished | None:
    if command.verb is not Verb.LOGS:
        return Finished(False, "bench.verb_not_simulated")
    progress.executing()
    return Finished(True, result={"records": []})


def _no_delay(_client: mqtt.Client, _userdata: object, sock: Any) -> None:
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class _Bare:
    """One bare paho client connected as an agent is, doing on the wire what an agent does."""

    def __init__(self, spec: Spec, member: Member, started_at: str) -> None:
        self.terminal_id = member.terminal_id
        self.connected = threading.Event()
        self._started_at = started_at
        self.client = mqtt.Client(
            callback_api_version=CallbackAPIVersion.VERSION2,
            client_id=member.terminal_id,
            clean_session=False,
            protocol=mqtt.MQTTv311,
        )
        # As the agent's own client does (kiosk.fleet.agent.new_client): no Nagle.
        self.client.on_socket_open = _no_delay
        self.client.tls_set(
            ca_certs=spec.ca_file,
            certfile=member.cert_file,
            keyfile=member.key_file,
            cert_reqs=ssl.CERT_REQUIRED,
            tls_version=ssl.PROTOCOL_TLS_CLIENT,
        )
        self._status_topic = topic(member.terminal_id, Channel.STATUS)
        self._replies_topic = topic(member.terminal_id, Channel.REPLIES)
        offline = _json(offline_status(member.terminal_id))
        self.client.will_set(self._status_topic, offline, qos=QOS, retain=True)
        self.client.on_connect = self._on_connect
        self.client.on_message = self._on_message
        self.round = 0

    def publish_status(self) -> mqtt.MQTTMessageInfo:
        status = status_of(self.terminal_id, self.round, self._started_at)
        return self.client.publish(self._status_topic, _json(status), QOS, retain=True)

    def _on_connect(
        self,
        client: mqtt.Client,
        _userdata: object,
        _flags: mqtt.ConnectFlags,
        reason: ReasonCode,
        _properties: Properties | None,
    ) -> None:
        if reason.is_failure:
            return
        client.subscribe(topic(self.terminal_id, Channel.COMMANDS), qos=QOS)
        self.connected.set()
        self.publish_status()

    def _on_message(
        self, client: mqtt.Client, _userdata: object, message: mqtt.MQTTMessage
    ) -> None:
        """received, executing, done at once: no signature checked, nothing written."""
        command_id = json.loads(message.payload).get("id")
        for state in ("received", "executing", "done"):
            reply = {
                "command": command_id,
                "terminal": self.terminal_id,
                "state": state,
                "code": "ok",
                "result": {"records": []} if state == "done" else {},
                "at": _now(),
            }
            client.publish(self._replies_topic, _json(reply), QOS)


class _Reference:
    """Bare paho clients, and one thread per process sending their heartbeats (each client's
    status every `heartbeat_s`, spread evenly), as the agents' status loops would."""

    def __init__(self, spec: Spec) -> None:
        self._spec = spec
        self._host, self._port = spec.broker_url.removeprefix("mqtts://").rsplit(":", 1)
        self._started_at = datetime.now(UTC).isoformat(timespec="seconds")
        self._clients: list[_Bare] = []
        self._stopping = threading.Event()
        self._heartbeats = threading.Thread(target=self._beat, name="heartbeats", daemon=True)

    def start(self) -> dict[str, Any]:
        began = time.monotonic()
        self._clients = [_Bare(self._spec, m, self._started_at) for m in self._spec.members]
        made = time.monotonic()
        for bare in self._clients:
            bare.client.reconnect_delay_set(1, 120)  # FleetSettings.reconnect_max_s
            bare.client.connect_async(self._host, int(self._port), self._spec.keepalive_s)
            bare.client.loop_start()
        started = time.monotonic()
        connected = _each_when(self._clients, lambda bare: bare.connected.is_set(), "clients")
        self._heartbeats.start()
        return {
            "made_s": made - began,
            "started_s": started - made,
            "connected_at": time.monotonic(),
            "connected": connected,
        }

    def _beat(self) -> None:
        interval = self._spec.heartbeat_s / len(self._clients)
        due = time.monotonic() + interval
        index = 0
        while not self._stopping.wait(max(due - time.monotonic(), 0.0)):
            self._clients[index].publish_status()
            index = (index + 1) % len(self._clients)
            due += interval

    def burst(self, rounds: int) -> dict[str, float]:
        """`rounds` changed statuses from every client (dict and JSON made anew, as an
        agent's), published by this thread."""
        return _burst(len(self._clients), rounds, self._change)

    def _change(self, index: int) -> Callable[[], None]:
        bare = self._clients[index]
        bare.round += 1
        info = bare.publish_status()
        return lambda: _acknowledged(info)

    def stop(self) -> dict[str, float]:
        """As agent.stop(): the offline status, waited for, then the disconnect."""
        began = time.monotonic()
        self._stopping.set()
        if self._heartbeats.ident is not None:
            self._heartbeats.join(5.0)
        for bare in self._clients:
            offline = _json(offline_status(bare.terminal_id))
            sent = bare.client.publish(
                topic(bare.terminal_id, Channel.STATUS), offline, QOS, retain=True
            )
            with contextlib.suppress(RuntimeError, ValueError):
                sent.wait_for_publish(STOP_WAIT_S)
            bare.client.disconnect()
            bare.client.loop_stop()
        return {"stop_s": time.monotonic() - began}


def _burst(
    clients: int, rounds: int, change: Callable[[int], Callable[[], None]]
) -> dict[str, float]:
    """Round after round, each client's status changed (`change(index)` returns a wait for
    its PUBACK), BURST_WINDOW of them unacknowledged at most; until the last is acknowledged."""
    began = time.monotonic()
    window = min(BURST_WINDOW, clients)  # a client's last one is acknowledged before its next
    outstanding: deque[Callable[[], None]] = deque()
    for _ in range(rounds):
        for index in range(clients):
            if len(outstanding) >= window:
                outstanding.popleft()()
            outstanding.append(change(index))
    while outstanding:
        outstanding.popleft()()
    return {"burst_s": time.monotonic() - began}


def _acknowledged(info: mqtt.MQTTMessageInfo) -> None:
    info.wait_for_publish(ROUND_TIMEOUT_S)
    if not info.is_published():
        raise SwarmError(f"a status not acknowledged in {ROUND_TIMEOUT_S:.0f} s")


def _each_when(clients: Sequence[T], connected: Callable[[T], bool], what: str) -> list[float]:
    """When each client became connected (time.monotonic(), looked at every 5 ms)."""
    when: list[float | None] = [None] * len(clients)
    deadline = time.monotonic() + CONNECT_TIMEOUT_S
    while True:
        now = time.monotonic()
        for index, client in enumerate(clients):
            if when[index] is None and connected(client):
                when[index] = now
        left = when.count(None)
        if not left:
            return [moment for moment in when if moment is not None]
        if now > deadline:
            raise SwarmError(f"{left} {what} not connected after {CONNECT_TIMEOUT_S:.0f} s")
        time.sleep(0.005)


class _Warnings(logging.Handler):
    """Counts the workers' warnings and errors by code (the text before the first colon)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.counts: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        self.counts[record.getMessage().partition(":")[0][:80]] += 1


def _serve(conn: Connection, spec: Spec) -> None:
    """A worker: answers the parent's requests, one at a time, until `quit`."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # a socket per client, and more
    warnings = _Warnings()
    root = logging.getLogger()
    root.handlers = [warnings]
    root.setLevel(logging.WARNING)
    fleet: _Fleet = _Agents(spec) if spec.mode is Mode.AGENT else _Reference(spec)
    conn.send(("ok", _self_sample()))
    while True:
        verb, argument = conn.recv()
        try:
            if verb == "quit":
                conn.send(("ok", {}))
                return
            answer: dict[str, Any]
            if verb == "start":
                answer = fleet.start()
            elif verb == "burst":
                answer = fleet.burst(int(argument))
            elif verb == "stop":
                answer = fleet.stop()
            else:
                answer = {}
            answer.update(_self_sample())
            conn.send(("ok", {**answer, "warnings": dict(warnings.counts)}))
        except Exception:
            conn.send(("error", traceback.format_exc()))


# --- the parent's side ---


class Swarm:
    """The worker processes of one mode (a context manager): every request goes to all of them
    and their answers come back in order; leaving terminates any worker still there."""

    def __init__(self, specs: Sequence[Spec]) -> None:
        self.specs = list(specs)
        self._pipes: list[Connection] = []
        self._processes: list[multiprocessing.process.BaseProcess] = []
        self.ready: list[dict[str, Any]] = []
        """Each worker's sample once its modules are loaded, before any client is made."""

    @property
    def size(self) -> int:
        return sum(len(spec.members) for spec in self.specs)

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self._processes if p.pid is not None]

    def __enter__(self) -> Swarm:
        try:
            for index, spec in enumerate(self.specs):
                parent, child = SPAWN.Pipe()
                process = SPAWN.Process(
                    target=_serve,
                    args=(child, spec),
                    name=f"fleet-swarm-{spec.mode.value}-{index}",
                    daemon=True,
                )
                process.start()
                child.close()
                self._pipes.append(parent)
                self._processes.append(process)
            self.ready = self._answers(60.0)
        except BaseException:
            self._end()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback_: TracebackType | None,
    ) -> None:
        self._end()

    def ask(
        self, verb: str, argument: object = None, timeout_s: float = REPLY_TIMEOUT_S
    ) -> list[dict[str, Any]]:
        self.send(verb, argument)
        return self.collect(timeout_s)

    def send(self, verb: str, argument: object = None) -> None:
        """Sends a request to every worker without waiting (`collect` gets the answers)."""
        for pipe in self._pipes:
            pipe.send((verb, argument))

    def collect(self, timeout_s: float = REPLY_TIMEOUT_S) -> list[dict[str, Any]]:
        return self._answers(timeout_s)

    def _answers(self, timeout_s: float) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout_s
        answers = []
        for index, (pipe, process) in enumerate(zip(self._pipes, self._processes, strict=True)):
            while not pipe.poll(0.2):
                if not process.is_alive():
                    raise SwarmError(f"worker {index} died (exit status {process.exitcode})")
                if time.monotonic() > deadline:
                    raise SwarmError(f"worker {index} did not answer in {timeout_s:.0f} s")
            try:
                kind, body = pipe.recv()
            except EOFError:
                raise SwarmError(f"worker {index} closed its pipe") from None
            if kind == "error":
                raise SwarmError(f"worker {index} failed:\n{body}")
            answers.append(body)
        return answers

    def _end(self) -> None:
        for pipe, process in zip(self._pipes, self._processes, strict=False):
            if process.is_alive():
                with contextlib.suppress(OSError):
                    pipe.send(("quit", None))
        for process in self._processes:
            process.join(10.0)
            if process.is_alive():
                process.terminate()
                process.join(5.0)
            if process.is_alive():
                process.kill()
                process.join(5.0)
        for pipe in self._pipes:
            pipe.close()
        self._processes.clear()
        self._pipes.clear()
