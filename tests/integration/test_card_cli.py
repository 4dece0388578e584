"""`sheyin card …` and `sheyin virtual-card` against a real pcscd, as a technician runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import cv2
import numpy as np
import pytest

from devices.smartcard.vpcd import VpcdSlot
from kiosk.domain.identity import mask_card_number
from sandbox.citizens import demo_citizen
from tests.support.services import PcscdService, wait_for_slot

SHEYIN = str(Path(sys.executable).parent / "sheyin")
CITIZEN = demo_citizen("contributor")


def sheyin(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SHEYIN, *args], capture_output=True, text=True, timeout=60, check=False,
        env=dict(os.environ, **env),
    )  # fmt: skip


@pytest.fixture
def virtual_card(pcscd: PcscdService) -> Iterator[subprocess.Popen[str]]:
    """`sheyin virtual-card` in the first vpcd slot, as its own process."""
    process = subprocess.Popen(
        [SHEYIN, "virtual-card", "--port", str(pcscd.port), "--citizen", "contributor"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    assert "in the vpcd slot" in process.stdout.readline()
    wait_for_slot(0, present=True)
    yield process
    process.terminate()
    process.wait(10)
    process.stdout.close()
    wait_for_slot(0, present=False)


def test_readers_lists_the_slots_and_the_card(virtual_card: subprocess.Popen[str]) -> None:
    result = sheyin("card", "readers", "--json")
    assert result.returncode == 0
    readers = {r["reader"]: r["card_present"] for r in json.loads(result.stdout)}
    assert readers == {"Virtual PCD 00 00": True, "Virtual PCD 00 01": False}


def test_read_shows_the_card_with_the_holder_masked(virtual_card: subprocess.Popen[str]) -> None:
    result = sheyin("card", "read", "--reader", "Virtual PCD 00 00", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert CITIZEN.card is not None
    assert report["card_number"] == mask_card_number(CITIZEN.card.card_number)
    assert report["card_number"] != CITIZEN.card.card_number
    assert report["social_security_number"] == "4403**********0035"
    assert report["birthplace_region"] == "4403**"  # no more digits than the masked number
    assert report["name"] == "张*"
    assert report["spec_version"] == "3.00"
    assert report["issue_date"] == CITIZEN.card.issue_date(date.today()).isoformat()
    assert set(report) == {
        "card_identification_code", "region", "card_type", "spec_version",
        "issuing_organisation", "issue_date", "expiry_date", "card_number",
        "social_security_number", "name", "gender", "nation_code", "birthplace_region",
    }  # fmt: skip
    # Neither the full number nor the name appears anywhere in what was printed.
    assert CITIZEN.id_number not in result.stdout + result.stderr
    assert CITIZEN.name not in result.stdout + result.stderr
    assert CITIZEN.card.card_number not in result.stdout + result.stderr
    assert CITIZEN.region not in result.stdout  # the two digits the masked number hides


def test_read_as_text(virtual_card: subprocess.Popen[str]) -> None:
    result = sheyin("card", "read", "--reader", "Virtual PCD 00 00")
    assert result.returncode == 0
    assert "social_security_number: 4403**********0035" in result.stdout


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["--reader", "Virtual PCD 00 01"], "card.absent"),
        (["--reader", "No Such Reader"], "card.no_reader"),
    ],
)
def test_read_fails_with_one_line(pcscd: PcscdService, args: list[str], reason: str) -> None:
    result = sheyin("card", "read", *args)
    assert result.returncode == 1
    assert result.stderr.startswith(f"sheyin card: {reason}")
    assert result.stderr.count("\n") == 1


def test_a_card_that_is_not_a_social_security_card(pcscd: PcscdService) -> None:
    slot = VpcdSlot(pcscd.port)
    process = subprocess.Popen(
        [SHEYIN, "virtual-card", "--port", str(pcscd.port), "--citizen", "contributor",
         "--lie", "no_ssse"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        process.stdout.readline()
        wait_for_slot(0, present=True)
        result = sheyin("card", "read", "--reader", "Virtual PCD 00 00")
        assert result.returncode == 1
        assert result.stderr.startswith("sheyin card: card.not_ssc")
    finally:
        process.terminate()
        process.wait(10)
        if process.stdout:
            process.stdout.close()
        slot.remove()
        wait_for_slot(0, present=False)


def test_diagnose_walks_the_card_path(
    virtual_card: subprocess.Popen[str], shared_sandbox, tmp_path: Path
) -> None:
    # diagnose self-tests every device: the camera simulator needs a clip to be healthy
    clip = tmp_path / "clip"
    clip.mkdir()
    rng = np.random.default_rng(5)
    for index in range(4):
        cv2.imwrite(str(clip / f"{index}.png"), rng.integers(90, 110, (48, 64, 3), np.uint8))
    result = sheyin(
        "diagnose",
        SHEYIN_DEVICES_CARD_READER="pcsc",
        SHEYIN_DEVICES_CARD_READER_NAME="^Virtual PCD 00 00$",
        SHEYIN_DEVICES_CAMERA_CLIP=str(clip),
        SHEYIN_CENTRAL_URL=shared_sandbox.url,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    checks = {c["check"]: c for c in json.loads(result.stdout)["devices"][0]["checks"]}
    assert list(checks) == [
        "pcscd reachable", "reader attached", "card present", "ATR", "card answers SSSE",
    ]  # fmt: skip
    assert all(c["passed"] for c in checks.values())


def test_virtual_card_refuses_unknown_citizens() -> None:
    result = sheyin("virtual-card", "--citizen", "nobody")
    assert result.returncode == 2
    assert "no demo citizen" in result.stderr
