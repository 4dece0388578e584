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
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from kiosk.central import models as m
from kiosk.central.certificates import digest, sign
from kiosk.central.client import CentralClient
from kiosk.central.errors import CentralRejected
from kiosk.documents.certificate import render_certificate, verify_certificate
from sandbox.citizens import demo_citizen
from sandbox.server import SandboxProcess
from tests.support.kiosks import on_sandbox, sandbox_certificate_key, settings_for

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


def certificate_key(sandbox: SandboxProcess) -> dict[str, str]:
    return {"SHEYIN_CENTRAL_CERTIFICATE_PUBLIC_KEY": sandbox_certificate_key(sandbox.url)}


def test_a_contribution_certificate_is_readable_scannable_and_verifiable(
    client: CentralClient, fresh_sandbox: SandboxProcess, tmp_path: Path
) -> None:
    issued = issue(client, "contributor", m.CertificateKind.CONTRIBUTION)
    url = f"{fresh_sandbox.url}/api/v1/certificates/{issued.verification_code}"
    pdf = render_certificate(issued)
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf)
    text = pdf_text(path)
    assert CONTRIBUTOR.name in text and issued.verification_code in text
    assert "社会保险个人参保缴费证明" in text and "职工基本养老保险" in text
    assert qr_in(path, tmp_path) == url
    result = verify_certificate(pdf, sandbox_certificate_key(fresh_sandbox.url))
    assert result.valid and result.verification_code == issued.verification_code
    assert render_certificate(issued) == pdf  # deterministic
    status = client.certificate_status(issued.verification_code)
    assert status.valid and status.content_sha256 == issued.content_sha256


def test_one_changed_byte_anywhere_fails(
    client: CentralClient, fresh_sandbox: SandboxProcess
) -> None:
    issued = issue(client, "contributor", m.CertificateKind.PERSONAL_RIGHTS)
    pdf = render_certificate(issued)
    for position in (len(pdf) // 3, len(pdf) // 2, len(pdf) - 200):
        changed = bytearray(pdf)
        changed[position] ^= 0x01
        result = verify_certificate(bytes(changed), sandbox_certificate_key(fresh_sandbox.url))
        assert not result.valid, position


def test_a_certificate_under_another_key_fails(
    client: CentralClient, fresh_sandbox: SandboxProcess
) -> None:
    issued = issue(client, "pensioner-due", m.CertificateKind.PENSION_RECEIPT)
    pdf = render_certificate(issued)
    other = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    result = verify_certificate(pdf, other.hex())
    assert (result.valid, result.reason) == (False, "certificate.signature")


def test_a_forged_certificate_fails(client: CentralClient, fresh_sandbox: SandboxProcess) -> None:
    """Anyone can make a certificate for any name and amount and sign it with a key of their
    own; it fails under the central system's key, however well it renders."""
    genuine = issue(client, "contributor", m.CertificateKind.CONTRIBUTION)
    content = m.CertificateContent.model_validate_json(genuine.content_json)
    forged_content = content.model_copy(update={"holder_name": "王五"}).model_dump_json()
    forger = Ed25519PrivateKey.generate()
    forged = genuine.model_copy(
        update={
            "content_json": forged_content,
            "content_sha256": digest(forged_content),
            "signature": sign(forger, forged_content),
        }
    )
    result = verify_certificate(
        render_certificate(forged), sandbox_certificate_key(fresh_sandbox.url)
    )
    assert (result.valid, result.reason) == (False, "certificate.signature")


def test_each_sandbox_signs_with_a_key_of_its_own(
    fresh_sandbox: SandboxProcess, shared_sandbox: SandboxProcess
) -> None:
    assert sandbox_certificate_key(fresh_sandbox.url) != sandbox_certificate_key(shared_sandbox.url)


def test_a_certificate_verifies_the_same_whatever_the_verifying_terminal_is(
    client: CentralClient, fresh_sandbox: SandboxProcess, tmp_path: Path
) -> None:
    """The QR code's address is in the signed content: a terminal configured for another
    central URL (or none) re-renders the same bytes."""
    issued = issue(client, "contributor", m.CertificateKind.CONTRIBUTION)
    path = tmp_path / "certificate.pdf"
    path.write_bytes(render_certificate(issued))
    env = {
        **os.environ,
        **on_sandbox(fresh_sandbox.url),
        **certificate_key(fresh_sandbox),
        "SHEYIN_CENTRAL_URL": "https://another-central.example.cn",
    }
    done = subprocess.run(  # our interpreter, our module
        [sys.executable, "-m", "kiosk.cli", "certificate", "verify", str(path)],
        capture_output=True, text=True, timeout=60, check=False, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout)["valid"] is True


def test_verify_without_a_key_says_so(tmp_path: Path) -> None:
    path = tmp_path / "any.pdf"
    path.write_bytes(b"%PDF-1.4")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHEYIN_CENTRAL_")}
    done = subprocess.run(  # our interpreter, our module
        [sys.executable, "-m", "kiosk.cli", "certificate", "verify", str(path)],
        capture_output=True, text=True, timeout=60, check=False, env=env,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "sheyin certificate verify: central.certificate_public_key: not set (the central "
        "system's public key; without it no certificate can be checked)"
    ]


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
    path.write_bytes(render_certificate(issued))

    def verify(*extra: str) -> tuple[int, dict[str, object]]:
        done = subprocess.run(  # our interpreter, our module
            [sys.executable, "-m", "kiosk.cli", "certificate", "verify", str(path), *extra],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env={**os.environ, **on_sandbox(fresh_sandbox.url), **certificate_key(fresh_sandbox)},
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
