"""The real serial driver against the simulator on a pseudo-terminal, and `sheyin idcard read`."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from demo.cards import id_card_data
from devices.base import DeviceStatus, WrongThread
from devices.idcard.errors import (
    IdCardReadFailed,
    IdCardTimeout,
    MalformedFrame,
    NoIdCard,
    NoIdCardReader,
)
from devices.idcard.reader import IdCardReader
from devices.idcard.simulator import IdCardReaderSimulator, Timing
from sandbox.citizens import demo_citizen

CITIZEN = demo_citizen("not-enrolled")
FAST = Timing(find_s=0.0, select_s=0.0, read_s=0.05)


@pytest.fixture
def simulator() -> Iterator[IdCardReaderSimulator]:
    running = IdCardReaderSimulator(id_card_data(CITIZEN), FAST).start()
    yield running
    running.stop()


@pytest.fixture
def reader(simulator: IdCardReaderSimulator) -> Iterator[IdCardReader]:
    device = IdCardReader(simulator.port, command_timeout_s=0.5, read_timeout_s=0.5)
    yield device
    device.close()


def test_a_card_is_found_selected_and_read(
    reader: IdCardReader, simulator: IdCardReaderSimulator
) -> None:
    data = reader.read_card().result(5)
    assert data.id_number == CITIZEN.id_number and data.name == CITIZEN.name
    assert simulator.requests == [(0x20, 0x01), (0x20, 0x02), (0x30, 0x01)]
    assert reader.self_test().passed


def test_no_card(reader: IdCardReader, simulator: IdCardReaderSimulator) -> None:
    simulator.card = None
    with pytest.raises(NoIdCard):
        reader.read_card().result(5)


def test_a_failed_read(reader: IdCardReader, simulator: IdCardReaderSimulator) -> None:
    simulator.faults.read_fails = True
    with pytest.raises(IdCardReadFailed):
        reader.read_card().result(5)


def test_a_broken_checksum(reader: IdCardReader, simulator: IdCardReaderSimulator) -> None:
    simulator.faults.broken_checksum = True
    with pytest.raises(MalformedFrame):
        reader.read_card().result(5)


def test_a_mute_reader_times_out(reader: IdCardReader, simulator: IdCardReaderSimulator) -> None:
    simulator.faults.mute = True
    with pytest.raises(IdCardTimeout):
        reader.read_card().result(5)
    assert not reader.self_test().passed


def test_noise_on_the_line_is_skipped(
    reader: IdCardReader, simulator: IdCardReaderSimulator
) -> None:
    simulator.faults.noise_before_answer = True
    assert reader.read_card().result(5).id_number == CITIZEN.id_number


def test_a_missing_port() -> None:
    reader = IdCardReader("/dev/does-not-exist")
    try:
        assert reader.status() is DeviceStatus.NO_DEVICE
        with pytest.raises(NoIdCardReader):
            reader.read_card().result(5)
    finally:
        reader.close()


def test_the_reader_talks_on_its_own_thread_only(reader: IdCardReader) -> None:
    """A driver's I/O called around its worker fails at once, whatever the port would say."""
    with pytest.raises(WrongThread) as wrong:
        reader._read_card()
    assert wrong.value.code == "device.wrong_thread"
    assert reader.read_card().result(5).id_number == CITIZEN.id_number


def test_a_port_that_went_away_and_came_back_is_opened_again_by_the_next_read(
    tmp_path: Path,
) -> None:
    """The port by its stable name (as udev's /dev/serial/by-id links keep it): unplugged, the
    read fails; plugged back, the next read opens it again, no restart needed."""
    link = tmp_path / "ttyIDCARD"
    first = IdCardReaderSimulator(id_card_data(CITIZEN), FAST).start()
    link.symlink_to(first.port)
    reader = IdCardReader(str(link), command_timeout_s=0.5, read_timeout_s=0.5)
    second: IdCardReaderSimulator | None = None
    try:
        assert reader.read_card().result(5).id_number == CITIZEN.id_number
        first.stop()
        link.unlink()
        assert reader.status() is DeviceStatus.NO_DEVICE
        with pytest.raises(NoIdCardReader):
            reader.read_card().result(5)
        second = IdCardReaderSimulator(id_card_data(CITIZEN), FAST).start()
        link.symlink_to(second.port)
        assert reader.status() is DeviceStatus.STARTING
        assert reader.read_card().result(5).id_number == CITIZEN.id_number
        assert reader.status() is DeviceStatus.ONLINE
    finally:
        reader.close()
        if second is not None:
            second.stop()


def sheyin(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # our interpreter, our module
        [sys.executable, "-m", "kiosk.cli", "idcard", "read", *args],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def test_the_cli_reads_with_identifiers_masked(simulator: IdCardReaderSimulator) -> None:
    done = sheyin("--port", simulator.port, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["id_number"] == "3201**********0046" and report["name"] == "陈*"
    assert report["photo_bytes"] == 1024 and report["nation"] == "汉"
    assert CITIZEN.id_number not in done.stdout and CITIZEN.name not in done.stdout
    # Nothing beside the masked number gives its hidden digits back: not the birth date.
    assert "birth_date" not in report
    born = CITIZEN.birth_date
    assert f"{born:%Y%m%d}" not in done.stdout and born.isoformat() not in done.stdout


@pytest.mark.parametrize(
    ("fault", "code"),
    [("no_card", "idcard.absent"), ("mute", "idcard.timeout"), ("broken", "idcard.malformed")],
)
def test_the_cli_says_why_in_one_line(
    simulator: IdCardReaderSimulator, fault: str, code: str
) -> None:
    if fault == "no_card":
        simulator.card = None
    elif fault == "mute":
        simulator.faults.mute = True
    else:
        simulator.faults.broken_checksum = True
    done = sheyin("--port", simulator.port, "--timeout", "0.5")
    assert done.returncode == 1
    assert done.stderr.strip() == f"sheyin idcard read: {code}"
