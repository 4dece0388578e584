"""A real kiosk session (issue 17): `sheyin run` inside cage, the Wayland kiosk compositor, on
wlroots' headless backend, with a stand-in for systemd's side of the notify protocol and a
minimal supervisor of our own (Restart=always, RestartSec=2, as the unit says).

It tells READY=1 when its first screen is up, pings WATCHDOG=1 from the GUI thread every half
WATCHDOG_USEC; a frozen process (SIGSTOP) stops the pings; killed (SIGKILL), it takes cage with
it, and the supervisor's next start is READY again: the time from the kill to READY is printed.

Facts found on Debian 12 (cage 0.1.4, wlroots 0.15): cage refuses to run as root ("Unable to
drop root"), so it runs in a user namespace of its own (`unshare --user`: setuid(0) fails there,
while the files stay the caller's); it needs Xwayland (package `xwayland`) even for a Wayland
client, Qt's wayland plugin needs `libwayland-cursor0`, and cage exits when its client does.
cage 0.1.4 has no virtual-keyboard protocol, so `wtype` cannot type into it: the test says so
and relies on tests/ui/test_lockdown.py for the keys. Without cage the same life runs directly
on Qt's offscreen platform.
"""

from __future__ import annotations

import itertools
import json
import os
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from sandbox.server import SandboxProcess
from tests.support.notify import NotifyListener

OWN_ID = "KIOSK-T-0017"
OWN_KEY = "5a" * 32
WATCHDOG_S = 2.0
"""WATCHDOG_USEC of the test's unit: pings every second."""
RESTART_SEC = 2.0
"""RestartSec of the kiosk's unit."""
READY_TIMEOUT_S = 90.0
HEADLESS = {
    "WLR_BACKENDS": "headless",
    "WLR_LIBINPUT_NO_DEVICES": "1",
    "WLR_RENDERER": "pixman",
    "QT_QPA_PLATFORM": "wayland",
}


def cage_cannot_run() -> str | None:
    """Why cage cannot run here, or None. It needs a user namespace of its own (it refuses
    root), which the kernel refuses inside a chroot (unshare(2): EPERM)."""
    missing = [tool for tool in ("cage", "unshare", "Xwayland") if shutil.which(tool) is None]
    if missing:
        return f"not installed: {', '.join(missing)}"
    probe = subprocess.run(
        ["unshare", "--user", "true"], capture_output=True, text=True, timeout=10, check=False
    )
    if probe.returncode != 0:
        return f"no user namespace here (a chroot?): {probe.stderr.strip()}"
    return None


@dataclass
class Life:
    """One start of the kiosk: the process the supervisor started (cage, or the kiosk itself
    without it) and the kiosk's own pid (cage's child, or the same)."""

    started: subprocess.Popen[bytes]
    kiosk_pid: int
    ready_at: float


class Supervisor:
    """systemd's part, as little of it as the test needs: starts the kiosk (in cage, or
    directly), restarts it RESTART_SEC after it ended, listens on NOTIFY_SOCKET."""

    def __init__(self, directory: Path, env: dict[str, str], in_cage: bool) -> None:
        self.directory = directory
        self.env = env
        self.in_cage = in_cage
        self.runtime = directory / "runtime"
        self.runtime.mkdir(mode=0o700)
        self.notify = NotifyListener(directory)
        self.log_path = directory / "kiosk.log"
        self.lives: list[Life] = []

    def start(self) -> Life:
        command = [sys.executable, "-m", "ui.kiosk_session"]  # what the unit starts
        env = {**self.env, **self.notify.environment(WATCHDOG_S)}
        if self.in_cage:
            command = ["unshare", "--user", "cage", "-d", "--", *command]
            env = {**env, **HEADLESS, "XDG_RUNTIME_DIR": str(self.runtime)}
        else:
            env = {**env, "QT_QPA_PLATFORM": "offscreen"}
        with self.log_path.open("ab") as log:
            started = subprocess.Popen(  # our interpreter, our module, cage from Debian
                command,
                env=env,
                cwd=Path(__file__).resolve().parents[2],
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            ready = self.notify.wait_for("READY", "1", timeout_s=READY_TIMEOUT_S)
        except TimeoutError:
            started.kill()
            raise AssertionError(f"no READY=1; the kiosk said:\n{self.log()}") from None
        life = Life(started, self._kiosk_pid(started.pid), ready.at)
        self.lives.append(life)
        return life

    def _kiosk_pid(self, started: int) -> int:
        """The kiosk's own process: cage's one child (unshare execs cage), or the one started."""
        if not self.in_cage:
            return started
        children = Path(f"/proc/{started}/task/{started}/children").read_text().split()
        assert len(children) == 1, children
        return int(children[0])

    def pings(self, seconds: float) -> list[float]:
        """When WATCHDOG=1 arrived during the next `seconds`."""
        end = time.monotonic() + seconds
        arrived: list[float] = []
        while (left := end - time.monotonic()) > 0:
            notice = self.notify.next(left)
            if notice is not None and notice.fields.get("WATCHDOG") == "1":
                arrived.append(notice.at)
        return arrived

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        for life in self.lives:
            if life.started.poll() is None:
                os.killpg(life.started.pid, signal.SIGKILL)
                life.started.wait(10)
        self.notify.close()


def own_terminal(db: Path) -> None:
    """The sandbox learns this kiosk's own id and key (a terminal never runs on the demo's)."""
    with sqlite3.connect(db) as connection:
        connection.execute("INSERT OR REPLACE INTO terminals VALUES (?, ?)", (OWN_ID, OWN_KEY))


@pytest.fixture(params=["cage", "offscreen"])
def supervisor(
    request: pytest.FixtureRequest, tmp_path: Path, sandbox: SandboxProcess, sandbox_db: Path
) -> Iterator[Supervisor]:
    in_cage = request.param == "cage"
    why_not = cage_cannot_run() if in_cage else None
    if why_not is not None:
        pytest.skip(f"cage cannot run: {why_not}")
    own_terminal(sandbox_db)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SHEYIN_", "QT_"))}
    env.pop("WAYLAND_DISPLAY", None)
    env.pop("DISPLAY", None)
    env.update(
        {
            "SHEYIN_CENTRAL_URL": sandbox.url,
            "SHEYIN_CENTRAL_TERMINAL_ID": OWN_ID,
            "SHEYIN_CENTRAL_TERMINAL_KEY": OWN_KEY,
            "SHEYIN_KIOSK_DEVELOPMENT": "true",  # the simulators may stand in for devices
            "SHEYIN_KIOSK_VOICE": "false",
            "SHEYIN_PATHS_DATA_DIR": str(tmp_path / "state"),
            "KIOSK_VOICE_OUTPUT": "none",
        }
    )
    running = Supervisor(tmp_path, env, in_cage)
    yield running
    running.stop()


def test_ready_watchdog_freeze_kill_and_back(supervisor: Supervisor) -> None:
    interval = WATCHDOG_S / 2
    first = supervisor.start()
    assert first.kiosk_pid != first.started.pid or not supervisor.in_cage

    # Pings arrive regularly, from the GUI thread's timer.
    pings = supervisor.pings(4 * interval)
    assert len(pings) >= 3, supervisor.log()
    gaps = [later - earlier for earlier, later in itertools.pairwise(pings)]
    assert max(gaps) < 1.6 * interval, gaps

    if supervisor.in_cage:
        typed = try_keys_in_cage(supervisor)
        if typed:
            assert first.started.poll() is None, "a key combination ended the kiosk"
            assert len(supervisor.pings(3 * interval)) >= 2

    # Frozen: no ping for three intervals (systemd's watchdog would fire).
    os.kill(first.kiosk_pid, signal.SIGSTOP)
    supervisor.pings(0.2)  # one already on its way
    assert supervisor.pings(3 * interval) == []

    # Killed: cage ends with its client; the supervisor starts the kiosk again.
    killed_at = time.monotonic()
    os.kill(first.kiosk_pid, signal.SIGKILL)
    first.started.wait(15)  # cage exits when its client dies (or the kiosk itself ended)
    time.sleep(RESTART_SEC)
    second = supervisor.start()
    kill_to_ready = second.ready_at - killed_at
    print(
        f"\nkill to READY ({'cage' if supervisor.in_cage else 'offscreen'}): "
        f"{kill_to_ready:.2f} s, RestartSec {RESTART_SEC:.0f} s included"
    )
    assert second.kiosk_pid != first.kiosk_pid
    assert len(supervisor.pings(3 * interval)) >= 2

    # The service manager's stop, as the unit's ExecStop does it (the kiosk first, then cage
    # ends with it): STOPPING=1 and a clean exit. Without cage, systemd's own SIGTERM.
    if supervisor.in_cage:
        stop = subprocess.Popen(
            ["/bin/sh", "-c", unit_exec_stop()],
            env={**os.environ, "MAINPID": str(second.started.pid)},
        )
        # Reaped here as systemd reaps its child: the line's wait for cage ends then.
        assert second.started.wait(30) == 0, supervisor.log()
        assert stop.wait(10) == 0
    else:
        os.kill(second.kiosk_pid, signal.SIGTERM)
    supervisor.notify.wait_for("STOPPING", "1", timeout_s=15)
    assert second.started.wait(30) == 0, supervisor.log()
    print(supervisor.log()[-1500:]) if os.environ.get("KIOSK_SESSION_LOG") else None

    # The start history saw one crash (the kill) and one clean exit, and no loop.
    history = json.loads(
        (Path(supervisor.env["SHEYIN_PATHS_DATA_DIR"]) / "starts.json").read_text()
    )
    assert [(run["mode"], run["ending"]) for run in history["runs"]] == [
        ("normal", None),
        ("normal", "clean"),
    ]


def unit_exec_stop() -> str:
    """The kiosk unit's ExecStop, as the shell command systemd runs (`$$` is systemd's `$`)."""
    unit = Path(__file__).resolve().parents[2] / "packaging/systemd/sheyin-kiosk.service"
    line = next(x for x in unit.read_text().splitlines() if x.startswith("ExecStop="))
    command = shlex.split(line.removeprefix("ExecStop="))
    assert command[:2] == ["/bin/sh", "-c"], command
    return command[2].replace("$$", "$")


def try_keys_in_cage(supervisor: Supervisor) -> bool:
    """Alt+F4, Ctrl+Q and Ctrl+Alt+F2 through wtype, if cage takes a virtual keyboard."""
    if shutil.which("wtype") is None:
        return False
    env = {
        **supervisor.env,
        "XDG_RUNTIME_DIR": str(supervisor.runtime),
        "WAYLAND_DISPLAY": "wayland-0",
    }
    typed = True
    for keys in (
        ["-M", "alt", "-k", "F4", "-m", "alt"],
        ["-M", "ctrl", "-k", "q", "-m", "ctrl"],
        ["-M", "ctrl", "-M", "alt", "-k", "F2", "-m", "alt", "-m", "ctrl"],
    ):
        done = subprocess.run(
            ["wtype", *keys], env=env, capture_output=True, text=True, timeout=10, check=False
        )
        if done.returncode != 0:
            print(f"\nwtype {' '.join(keys)}: {done.stderr.strip()}")
            typed = False
            break
    return typed
