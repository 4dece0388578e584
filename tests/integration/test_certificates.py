"""Certificates: issued and signed by the sandbox, rendered to PDF here, verified by anyone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import cv2
import pytest

from kiosk.central import models as m
from kiosk.central.client import CentralClient
from kiosk.central.errors import CentralRejected
from kiosk.documents.certificate import render_certificate, verify_certificate, verify_url_for
from sandbox.citizens import demo_citizen
from sandbox.credentials import certificate_public_key_hex
from sandbox.server import SandboxProcess
from tests.support.kiosks import on_sandbox, settings_for

CONTRIBUTOR = demo_citizen("contributor")
PENSIONER = demo_citizen("pensioner-due")


def issue(client: CentralClient, citizen_key: str, kind: m.CertificateKind) -> m.IssuedCertificate:
    citizen = demo_citizen(citizen_key)
    return client.issue_certificate(
        m.CertificateRequest(id_number=citizen.id_number, kind=kind), uuid.uuid4()
    )


@pytest.fixture
def client(fresh_sandbox: SandboxProcess) -> CentralClient:
    return CentralClient(settings_for(fresh_sandbox.url).central)


def pdf_text(path: Path) -> str:
    done = subprocess.run(  # Debian's poppler-utils
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def qr_in(path: Path, tmp_path: Path) -> str:
    subprocess.run(  # render the page as the printer would see it
        ["pdftoppm", "-r", "150", "-png", "-singlefile", str(path), str(tmp_path / "page")],
        check=True,
    )
    image = cv2.imread(str(tmp_path / "page.png"))
    text, _, _ = cv2.QRCodeDetector().detectAndDecode(image)
    return str(text)


def test_a_contribution_certificate_is_readable_scannable_and_verifiable(
    client: CentralClient, fresh_sandbox: SandboxProcess, tmp_path: Path
) -> None:
    issued = issue(client, "contributor", m.CertificateKind.CONTRIBUTION)
    url = verify_url_for(fresh_sandbox.url, issued.verification_code)
    pdf = render_certificate(issued, url)
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf)
    text = pdf_text(path)
    assert CONTRIBUTOR.name in text and issued.verification_code in text
    assert "社会保险个人参保缴费证明" in text and "职工基本养老保险" in text
    assert qr_in(path, tmp_path) == url
    result = verify_certificate(pdf, certificate_public_key_hex(), fresh_sandbox.url)
    assert result.valid and result.verification_code == issued.verification_code
    assert render_certificate(issued, url) == pdf  # deterministic
    status = client.certificate_status(issued.verification_code)
    assert status.valid and status.content_sha256 == issued.content_sha256


def test_one_changed_byte_anywhere_fails(
    client: CentralClient, fresh_sandbox: SandboxProcess
) -> None:
    issued = issue(client, "contributor", m.CertificateKind.PERSONAL_RIGHTS)
    pdf = render_certificate(issued, verify_url_for(fresh_sandbox.url, issued.verification_code))
    for position in (len(pdf) // 3, len(pdf) // 2, len(pdf) - 200):
        changed = bytearray(pdf)
        changed[position] ^= 0x01
        result = verify_certificate(bytes(changed), certificate_public_key_hex(), fresh_sandbox.url)
        assert not result.valid, position


def test_a_certificate_under_another_key_fails(
    client: CentralClient, fresh_sandbox: SandboxProcess
) -> None:
    issued = issue(client, "pensioner-due", m.CertificateKind.PENSION_RECEIPT)
    pdf = render_certificate(issued, verify_url_for(fresh_sandbox.url, issued.verification_code))
    result = verify_certificate(pdf, "00" * 32, fresh_sandbox.url)
    assert (result.valid, result.reason) == (False, "certificate.signature")


@pytest.mark.expected_log("certificate.not_eligible")
def test_a_pension_certificate_is_for_pensioners(client: CentralClient) -> None:
    with pytest.raises(CentralRejected) as refused:
        issue(client, "contributor", m.CertificateKind.PENSION_RECEIPT)
    assert refused.value.code == "certificate.not_eligible"


def test_the_verify_command(
    client: CentralClient, fresh_sandbox: SandboxProcess, tmp_path: Path
) -> None:
    issued = issue(client, "pensioner-due", m.CertificateKind.PENSION_RECEIPT)
    path = tmp_path / "pension.pdf"
    path.write_bytes(
        render_certificate(issued, verify_url_for(fresh_sandbox.url, issued.verification_code))
    )

    def verify(*extra: str) -> tuple[int, dict[str, object]]:
        done = subprocess.run(  # our interpreter, our module
            [sys.executable, "-m", "kiosk.cli", "certificate", "verify", str(path), *extra],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env={**os.environ, **on_sandbox(fresh_sandbox.url)},
        )
        return done.returncode, json.loads(done.stdout)

    code, report = verify("--online")
    assert code == 0 and report["valid"] and report["central"]["recorded"]  # type: ignore[index]
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x20
    path.write_bytes(bytes(data))
    code, report = verify()
    assert code == 1 and not report["valid"]
    path.write_bytes(b"%PDF-1.4 not really")
    code, report = verify()
    assert code == 1 and report["reason"] == "certificate.unreadable"
