"""Fleet: 2 000 simulated terminals against one Mosquitto with TLS client certificates, on
loopback: real FleetAgents in 8 worker processes (tests/support/fleet_swarm.py), and as many
bare paho clients doing the same on the wire as the reference, one after the other in the same
run and against the same broker.

Measured, for each: the time for all to connect and for the operations centre (the real
`Centre`, subscribed to sheyin/v1/+/status) to have every terminal's first status; the status
fan-in while every terminal sends BURST_ROUNDS changed statuses; signed `logs` commands to
random terminals, send → final reply, one at a time and IN_FLIGHT at once; the processes' RSS
and CPU per terminal, connected and over an idle window of heartbeats; the broker's CPU.

SHEYIN_BENCH_TERMINALS=200 (and SHEYIN_BENCH_IDLE_S=10) for a quick run. Only what must hold
is asserted: every terminal connected and heard from, every command done.
"""

from __future__ import annotations

import os
import random
import statistics
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pytest_benchmark.fixture import BenchmarkFixture

from demo.broker import OPS_CENTRE, Broker, make_pki
from kiosk.fleet.centre import FINAL_STATES, Centre
from kiosk.fleet.commands import Verb, new_command, sign
from kiosk.fleet.topics import Channel
from tests.support.fleet import centre_settings
from tests.support.fleet_swarm import (
    MAX_PER_PROCESS,
    Mode,
    Swarm,
    cpu_s,
    plan,
    process_sample,
    round_of,
    terminal_ids,
)

TERMINALS = int(os.environ.get("SHEYIN_BENCH_TERMINALS", "2000"))
PROCESSES = max(4, -(-TERMINALS // MAX_PER_PROCESS))
"""8 × 250 for 2 000: paho's select() allows ~340 clients a process (fleet_swarm)."""
HEARTBEAT_S = 20
"""Shorter than the default 60 s, so the idle window holds two heartbeats of each terminal."""
KEEPALIVE_S = 30
IDLE_S = float(os.environ.get("SHEYIN_BENCH_IDLE_S", "40"))
BURST_ROUNDS = 5
COMMANDS = 200
IN_FLIGHT = 20
LOG_LINES = 100
CONNECT_WAIT_S = 300.0
BURST_WAIT_S = 180.0
REPLY_WAIT_S = 60.0
BROKER_QUEUE = 100_000
"""The broker's max_queued_messages (demo.broker's 1000 otherwise): with 1000, the connect
storm and a burst filled the centre's queue and the broker dropped statuses to it, which the
bench would have counted as slowness."""

BENCH_KEY = Ed25519PrivateKey.generate()
BENCH_PUBLIC_HEX = (
    BENCH_KEY.public_key()
    .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    .hex()
)


# --- what the centre hears ---


@dataclass
class Hearing:
    """The statuses the centre received since the last `reset`."""

    total: int = 0
    first: dict[str, float] = field(default_factory=dict)
    """Each terminal's first in-service status, when it came (time.monotonic)."""
    rounds: set[tuple[str, int]] = field(default_factory=set)
    last_new_round: float = 0.0
    offline: int = 0


class StatusEar:
    """Takes the centre's statuses as they come, on a thread of its own, so that none waits
    in its inbox while the bench does something else (a context manager)."""

    def __init__(self, centre: Centre) -> None:
        self.centre = centre
        self.heard = Hearing()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._hear, name="status-ear", daemon=True)

    def __enter__(self) -> StatusEar:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(5.0)

    def reset(self) -> None:
        self.heard = Hearing()

    def wait(self, until: Callable[[Hearing], bool], timeout_s: float) -> bool:
        """Until `until(heard)` or `timeout_s`; whether `until`."""
        deadline = time.monotonic() + timeout_s
        while not until(self.heard):
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        return True

    def _hear(self) -> None:
        while not self._stop.is_set():
            message = self.centre.next(Channel.STATUS, 0.1)
            if message is None:
                continue
            now = time.monotonic()
            heard = self.heard
            heard.total += 1
            round_ = round_of(message.body)
            if round_ is None:
                heard.offline += 1
                continue
            heard.first.setdefault(message.terminal, now)
            if (message.terminal, round_) not in heard.rounds:
                heard.rounds.add((message.terminal, round_))
                heard.last_new_round = now


# --- commands ---


@dataclass
class Trips:
    final: list[float]
    received: list[float]
    outcomes: Counter[str]
    wall_s: float


def round_trips(centre: Centre, terminals: list[str], in_flight: int, seed: int) -> Trips:
    """COMMANDS signed `logs` commands to random terminals, `in_flight` at a time: from the
    publish (PUBACK waited for, as Centre.send does) to each command's final reply."""
    rng = random.Random(seed)
    chosen = [rng.choice(terminals) for _ in range(COMMANDS)]
    for each in sorted(set(chosen)):
        list(centre.replies(each, "", 0.0))  # subscribed now, not while timed
    while centre.next(Channel.REPLIES, 0.0) is not None:
        pass
    waiting = iter(chosen)
    pending: dict[str, float] = {}
    final: list[float] = []
    received: list[float] = []
    outcomes: Counter[str] = Counter()
    began = time.monotonic()
    left = COMMANDS
    while left:
        while len(pending) < in_flight and (terminal := next(waiting, None)) is not None:
            command = new_command(terminal, Verb.LOGS, {"lines": LOG_LINES})
            payload = sign(command, BENCH_KEY)
            pending[command.id] = time.monotonic()
            centre.send_raw(terminal, payload)
        message = centre.next(Channel.REPLIES, REPLY_WAIT_S)
        assert message is not None, f"{len(pending)} commands unanswered in {REPLY_WAIT_S} s"
        sent_at = pending.get(str(message.body.get("command")))
        if sent_at is None:
            continue
        state = str(message.body.get("state"))
        took = time.monotonic() - sent_at
        if state == "received":
            received.append(took)
        if state in FINAL_STATES:
            final.append(took)
            outcomes[state] += 1
            del pending[str(message.body["command"])]
            left -= 1
    return Trips(final, received, outcomes, time.monotonic() - began)


def percentiles(values: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {
        "p50_ms": statistics.median(values) * 1000,
        "p95_ms": cuts[94] * 1000,
        "max_ms": max(values) * 1000,
    }


# --- the machine ---


def machine_ticks() -> tuple[int, int]:
    """(busy, all) CPU ticks of the whole machine, from /proc/stat."""
    with open("/proc/stat", encoding="ascii") as stat:
        ticks = [int(n) for n in stat.readline().split()[1:]]
    idle = ticks[3] + ticks[4]
    return sum(ticks) - idle, sum(ticks)


def busy_percent(before: tuple[int, int], after: tuple[int, int]) -> float:
    """How busy the machine's cores were, 100 % = all of them."""
    return 100.0 * (after[0] - before[0]) / max(after[1] - before[1], 1)


def syn_retransmits() -> int:
    """SYNs sent again, machine-wide: a connection whose SYN the broker's full listen queue
    dropped is tried again after a second (TcpExt TCPSynRetrans, /proc/net/netstat)."""
    with open("/proc/net/netstat", encoding="ascii") as netstat:
        lines = [line.split() for line in netstat if line.startswith("TcpExt:")]
    return int(dict(zip(lines[0], lines[1], strict=True))["TCPSynRetrans"])


def broker_pid(broker: Broker) -> int:
    assert broker._process is not None
    return broker._process.pid


# --- one mode: agents or the reference ---


def run_mode(
    mode: Mode, broker: Broker, centre: Centre, ear: StatusEar, work_dir: Path
) -> dict[str, float]:
    terminals = terminal_ids(TERMINALS)
    specs = plan(
        mode,
        terminals,
        PROCESSES,
        broker,
        command_public_key=BENCH_PUBLIC_HEX,
        heartbeat_s=HEARTBEAT_S,
        keepalive_s=KEEPALIVE_S,
        work_dir=work_dir,
    )
    n = len(terminals)
    out: dict[str, float] = {"terminals": n, "processes": len(specs)}
    pid = broker_pid(broker)
    ear.reset()
    with Swarm(specs) as swarm:
        ready = swarm.ready
        rss_ready = sum(s["rss_kb"] for s in ready)
        cpu_ready = sum(cpu_s(s) for s in ready)
        out["rss_ready_mb"] = rss_ready / 1024

        # Connect: every client at once (each worker starts its own in a loop).
        broker_before, machine_before = process_sample(pid), machine_ticks()
        retransmits = syn_retransmits()
        began = time.monotonic()
        swarm.send("start")
        heard_all = ear.wait(lambda heard: len(heard.first) == n, CONNECT_WAIT_S)
        started = swarm.collect()
        assert heard_all, f"{n - len(ear.heard.first)} terminals never said their status"
        out["made_s"] = max(s["made_s"] for s in started)
        moments = sorted(moment for answer in started for moment in answer["connected"])
        out["connect_p50_s"] = statistics.median(moments) - began
        out["connect_s"] = moments[-1] - began
        out["first_status_s"] = max(ear.heard.first.values()) - began
        out["connect_cpu_ms_per_terminal"] = 1000 * (sum(cpu_s(s) for s in started) - cpu_ready) / n
        broker_after = process_sample(pid)
        out["connect_syn_retransmits"] = syn_retransmits() - retransmits
        out["connect_broker_cpu_s"] = cpu_s(broker_after) - cpu_s(broker_before)
        out["connect_machine_busy_pct"] = busy_percent(machine_before, machine_ticks())
        out["rss_connected_mb"] = sum(s["rss_kb"] for s in started) / 1024
        out["kb_per_terminal"] = (sum(s["rss_kb"] for s in started) - rss_ready) / n
        out["threads_per_process"] = max(s["threads"] for s in started)
        out["fds_per_process"] = max(s["fds"] for s in started)
        out["broker_rss_mb"] = broker_after["rss_kb"] / 1024
        warnings: Counter[str] = Counter()
        for answer in started:
            warnings.update(answer["warnings"])

        # Idle: heartbeats only.
        idle_from = swarm.ask("measure")
        broker_from, machine_from, heard_from = (
            process_sample(pid),
            machine_ticks(),
            ear.heard.total,
        )
        time.sleep(IDLE_S)
        idle_to = swarm.ask("measure")
        broker_to, machine_to = process_sample(pid), machine_ticks()
        window = idle_to[0]["at"] - idle_from[0]["at"]
        idle_cpu = sum(cpu_s(b) - cpu_s(a) for a, b in zip(idle_from, idle_to, strict=True))
        out["idle_window_s"] = window
        out["idle_heartbeats"] = ear.heard.total - heard_from
        out["idle_cpu_ms_per_terminal_min"] = 1000 * idle_cpu / window * 60 / n
        out["idle_swarm_cpu_pct"] = 100 * idle_cpu / window
        out["idle_wakeups_per_terminal_s"] = (
            sum(
                b["voluntary_switches"] - a["voluntary_switches"]
                for a, b in zip(idle_from, idle_to, strict=True)
            )
            / window
            / n
        )
        out["idle_broker_cpu_pct"] = 100 * (cpu_s(broker_to) - cpu_s(broker_from)) / window
        out["idle_machine_busy_pct"] = busy_percent(machine_from, machine_to)
        out["rss_idle_mb"] = sum(s["rss_kb"] for s in idle_to) / 1024

        # Burst: BURST_ROUNDS changed statuses from every terminal.
        expected = n * (1 + BURST_ROUNDS)  # round 0 heard already
        burst_from = swarm.ask("measure")
        broker_from, machine_from = process_sample(pid), machine_ticks()
        centre_from = process_sample()
        heard_from = ear.heard.total
        began = time.monotonic()
        swarm.send("burst", BURST_ROUNDS)
        ear.wait(lambda heard: len(heard.rounds) >= expected, BURST_WAIT_S)
        burst_to = swarm.collect()
        ear.wait(lambda heard: len(heard.rounds) >= expected, 3.0)  # any straggler
        broker_to, machine_to, centre_to = process_sample(pid), machine_ticks(), process_sample()
        got = len(ear.heard.rounds) - n
        took = ear.heard.last_new_round - began
        burst_cpu = sum(cpu_s(b) - cpu_s(a) for a, b in zip(burst_from, burst_to, strict=True))
        out["burst_statuses_expected"] = n * BURST_ROUNDS
        out["burst_statuses_heard"] = got
        out["burst_messages_heard"] = ear.heard.total - heard_from
        out["burst_s"] = took
        out["fan_in_per_s"] = got / took
        out["burst_worker_s"] = max(s["burst_s"] for s in burst_to)
        out["burst_cpu_us_per_status"] = 1e6 * burst_cpu / max(got, 1)
        out["burst_broker_cpu_us_per_status"] = (
            1e6 * (cpu_s(broker_to) - cpu_s(broker_from)) / max(got, 1)
        )
        out["burst_centre_cpu_us_per_status"] = (
            1e6 * (cpu_s(centre_to) - cpu_s(centre_from)) / max(got, 1)
        )
        out["burst_machine_busy_pct"] = busy_percent(machine_from, machine_to)
        for answer in burst_to:
            warnings.update(answer["warnings"])

        # Commands: one at a time, then IN_FLIGHT at once.
        for label, in_flight, seed in (("one", 1, 1), ("flight", IN_FLIGHT, 2)):
            trips = round_trips(centre, terminals, in_flight, seed)
            assert trips.outcomes == {"done": COMMANDS}, f"{label}: {trips.outcomes}"
            for name, value in percentiles(trips.final).items():
                out[f"cmd_{label}_{name}"] = value
            out[f"cmd_{label}_received_p50_ms"] = statistics.median(trips.received) * 1000
            out[f"cmd_{label}_per_s"] = COMMANDS / trips.wall_s

        final = swarm.ask("measure")
        out["rss_final_mb"] = sum(s["rss_kb"] for s in final) / 1024
        out["kb_per_terminal_final"] = (sum(s["rss_kb"] for s in final) - rss_ready) / n
        stopped = swarm.ask("stop")
        out["stop_s"] = max(s["stop_s"] for s in stopped)
        for answer in stopped:
            warnings.update(answer["warnings"])
        out["worker_warnings"] = sum(warnings.values())
        if warnings:
            print(f"\n{mode.value} workers' warnings: {dict(warnings)}")
    return out


ROWS = [
    ("connect: clients made (TLS contexts), s", "made_s", "{:.2f}"),
    ("connect: half connected, s", "connect_p50_s", "{:.2f}"),
    ("connect: all connected, s", "connect_s", "{:.2f}"),
    ("connect: centre has every first status, s", "first_status_s", "{:.2f}"),
    ("connect: SYNs sent again (listen queue full)", "connect_syn_retransmits", "{:.0f}"),
    ("connect: CPU per terminal, ms", "connect_cpu_ms_per_terminal", "{:.1f}"),
    ("connect: broker CPU, s", "connect_broker_cpu_s", "{:.2f}"),
    ("connect: machine busy, %", "connect_machine_busy_pct", "{:.0f}"),
    ("memory: workers before any client, MB", "rss_ready_mb", "{:.0f}"),
    ("memory: workers connected, MB", "rss_connected_mb", "{:.0f}"),
    ("memory: per terminal connected, KB", "kb_per_terminal", "{:.0f}"),
    ("memory: per terminal after the commands, KB", "kb_per_terminal_final", "{:.0f}"),
    ("threads per worker process", "threads_per_process", "{:.0f}"),
    ("file descriptors per worker process", "fds_per_process", "{:.0f}"),
    ("broker RSS connected, MB", "broker_rss_mb", "{:.0f}"),
    ("idle: window, s", "idle_window_s", "{:.1f}"),
    ("idle: heartbeats heard", "idle_heartbeats", "{:.0f}"),
    ("idle: CPU per terminal, ms/min", "idle_cpu_ms_per_terminal_min", "{:.1f}"),
    ("idle: workers' CPU, % of a core", "idle_swarm_cpu_pct", "{:.1f}"),
    ("idle: thread wake-ups per terminal, /s", "idle_wakeups_per_terminal_s", "{:.2f}"),
    ("idle: broker CPU, % of a core", "idle_broker_cpu_pct", "{:.1f}"),
    ("idle: machine busy, %", "idle_machine_busy_pct", "{:.0f}"),
    ("burst: statuses expected", "burst_statuses_expected", "{:.0f}"),
    ("burst: distinct statuses heard", "burst_statuses_heard", "{:.0f}"),
    ("burst: messages heard", "burst_messages_heard", "{:.0f}"),
    ("burst: until the last was heard, s", "burst_s", "{:.2f}"),
    ("burst: fan-in at the centre, statuses/s", "fan_in_per_s", "{:.0f}"),
    ("burst: workers' CPU per status, µs", "burst_cpu_us_per_status", "{:.0f}"),
    ("burst: broker CPU per status, µs", "burst_broker_cpu_us_per_status", "{:.0f}"),
    ("burst: centre CPU per status, µs", "burst_centre_cpu_us_per_status", "{:.0f}"),
    ("burst: machine busy, %", "burst_machine_busy_pct", "{:.0f}"),
    ("command, one at a time: p50, ms", "cmd_one_p50_ms", "{:.1f}"),
    ("command, one at a time: p95, ms", "cmd_one_p95_ms", "{:.1f}"),
    ("command, one at a time: max, ms", "cmd_one_max_ms", "{:.1f}"),
    ("command, one at a time: `received` p50, ms", "cmd_one_received_p50_ms", "{:.1f}"),
    (f"command, {IN_FLIGHT} in flight: p50, ms", "cmd_flight_p50_ms", "{:.1f}"),
    (f"command, {IN_FLIGHT} in flight: p95, ms", "cmd_flight_p95_ms", "{:.1f}"),
    (f"command, {IN_FLIGHT} in flight: max, ms", "cmd_flight_max_ms", "{:.1f}"),
    (f"command, {IN_FLIGHT} in flight: commands/s", "cmd_flight_per_s", "{:.0f}"),
    ("stop: all stopped, s", "stop_s", "{:.2f}"),
    ("workers' warnings", "worker_warnings", "{:.0f}"),
]


def table(results: dict[Mode, dict[str, float]]) -> str:
    width = max(len(label) for label, _, _ in ROWS)
    lines = [f"{'':{width}}  {'agents':>10}  {'bare paho':>10}"]
    for label, key, form in ROWS:
        cells = [form.format(results[m][key]) if key in results[m] else "-" for m in Mode]
        lines.append(f"{label:{width}}  {cells[0]:>10}  {cells[1]:>10}")
    return "\n".join(lines)


def test_fleet_of_2000_terminals(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    results: dict[Mode, dict[str, float]] = {}

    def experiment() -> None:
        began = time.monotonic()
        pki = make_pki(tmp_path / "pki", [OPS_CENTRE, *terminal_ids(TERMINALS)])
        certificates_s = time.monotonic() - began
        with (
            Broker(tmp_path / "broker", pki, max_queued_messages=BROKER_QUEUE) as broker,
            Centre(centre_settings(broker, pki)) as centre,
            StatusEar(centre) as ear,
        ):
            centre.listen(Channel.STATUS)
            broker_started = process_sample(broker_pid(broker))
            for mode in Mode:
                results[mode] = run_mode(mode, broker, centre, ear, tmp_path / "swarm")
            broker_end = process_sample(broker_pid(broker))
        log_mb = (tmp_path / "broker" / "mosquitto.log").stat().st_size / 2**20
        dropped = broker.log_text.count("Outgoing messages are being dropped")
        print(
            f"\nfleet of {TERMINALS} terminals ({PROCESSES} processes) against one Mosquitto "
            f"(TLS 1.2, EC P-256 client certificates, debug log), heartbeat {HEARTBEAT_S} s"
            f"\n{table(results)}"
            f"\ncertificates issued in {certificates_s:.1f} s; broker: RSS "
            f"{broker_started['rss_kb'] / 1024:.0f} → {broker_end['hwm_kb'] / 1024:.0f} MB "
            f"(peak), CPU {cpu_s(broker_end) - cpu_s(broker_started):.1f} s in all, "
            f"log {log_mb:.0f} MB, {dropped} notices of messages dropped; "
            f"bench {time.monotonic() - began:.0f} s"
        )
        benchmark.extra_info["broker_log_mb"] = round(log_mb, 1)

    benchmark.pedantic(experiment, rounds=1, iterations=1)
    for mode, numbers in results.items():
        for key, value in numbers.items():
            benchmark.extra_info[f"{mode.value}_{key}"] = round(value, 3)
    for mode in Mode:
        assert mode in results
