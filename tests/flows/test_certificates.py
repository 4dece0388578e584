"""权益证明打印 without Qt: the contributor's contribution certificate issued by the sandbox,
previewed, printed to the spool printer and verifiable; a certificate the person is not eligible
for is refused by the central system; an empty printer is said before anything is issued; with a
collection point, a terminal without a working printer issues it to be collected there."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from demo.kiosk import DemoKiosk
from devices.printer.base import PrinterState
from devices.printer.spool import SpoolPrinter
from kiosk.central.codes import CertificateKind
from kiosk.documents.certificate import verify_certificate
from kiosk.services.certificates.steps import (
    CertificatePreview,
    CertificatePrinted,
    CertificateToCollect,
    ChooseCertificate,
)
from kiosk.services.errors import EndReason
from kiosk.services.session import Back, Outcome, ServiceId
from kiosk.services.steps import Confirmation, EnterPin
from sandbox.citizens import demo_citizen
from sandbox.server import SandboxProcess
from tests.support.kiosks import QUICK_QUEUE, demo_kiosk, sandbox_certificate_key
from tests.support.scripted import ScriptedCitizen

CONTRIBUTOR = demo_citizen("contributor")
COLLECTION_POINT = "中国工商银行深圳福田支行（深圳市福田区深南中路1001号）"


def issued(sandbox_db: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(sandbox_db) as db:
        return db.execute("SELECT verification_code, id_number, kind FROM certificates").fetchall()


def spooled(kiosk: DemoKiosk) -> list[Path]:
    printer = kiosk.devices.printer
    assert isinstance(printer, SpoolPrinter)
    return sorted(printer.directory.glob("*.pdf")) if printer.directory.exists() else []


def contributor(kiosk: DemoKiosk, choice: CertificateKind) -> ScriptedCitizen:
    assert CONTRIBUTOR.card is not None
    citizen = ScriptedCitizen(kiosk, card=CONTRIBUTOR.key).answer(EnterPin, CONTRIBUTOR.card.pin)
    return citizen.answer(ChooseCertificate, choice)


def test_a_contribution_certificate_is_issued_printed_and_verifiable(
    kiosk: DemoKiosk, sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    citizen = contributor(kiosk, CertificateKind.CONTRIBUTION)
    citizen.answer(CertificatePreview, Confirmation.CONFIRM)
    assert citizen.run(ServiceId.CERTIFICATES) == Outcome(completed=True)
    assert citizen.last(ChooseCertificate).choices == (
        CertificateKind.CONTRIBUTION,
        CertificateKind.PERSONAL_RIGHTS,
    )  # not a pensioner: no pension certificate offered
    preview = citizen.last(CertificatePreview)
    assert preview.page_png.startswith(b"\x89PNG")
    printed = citizen.last(CertificatePrinted)
    assert printed.verification_code == preview.verification_code
    kinds = citizen.kinds()
    assert kinds.index("CertificatePreview") < kinds.index("CertificatePrinted")
    assert kinds[-1] == "TakeCard"
    assert issued(sandbox_db) == [
        (printed.verification_code, CONTRIBUTOR.id_number, "contribution")
    ]
    (pdf,) = spooled(kiosk)
    result = verify_certificate(pdf.read_bytes(), sandbox_certificate_key(sandbox.url))
    assert result.valid and result.kind is not None and result.kind.value == "contribution"


def test_back_at_the_preview_prints_nothing(shared_kiosk: DemoKiosk) -> None:
    citizen = contributor(shared_kiosk, CertificateKind.PERSONAL_RIGHTS)
    citizen.answer(CertificatePreview, Back.BACK)
    assert citizen.run(ServiceId.CERTIFICATES) == Outcome(reason=EndReason.CANCELLED)
    assert citizen.seen(CertificatePreview) and not citizen.seen(CertificatePrinted)
    assert spooled(shared_kiosk) == []


@pytest.mark.expected_log("certificate.not_eligible")
def test_a_certificate_the_person_is_not_eligible_for_is_refused(
    kiosk: DemoKiosk, sandbox_db: Path
) -> None:
    """The pension-receipt certificate is not offered to someone who receives no pension; asked
    for all the same (a screen that offered it), the central system refuses it."""
    citizen = contributor(kiosk, CertificateKind.PENSION_RECEIPT)
    assert citizen.run(ServiceId.CERTIFICATES) == Outcome(error_code="certificate.not_eligible")
    assert CertificateKind.PENSION_RECEIPT not in citizen.last(ChooseCertificate).choices
    assert not citizen.seen(CertificatePreview)
    assert issued(sandbox_db) == []
    assert spooled(kiosk) == []


def test_a_pensioner_is_offered_the_pension_certificate(shared_kiosk: DemoKiosk) -> None:
    pensioner = demo_citizen("pensioner-due")
    assert pensioner.card is not None
    citizen = ScriptedCitizen(shared_kiosk, card=pensioner.key).answer(EnterPin, pensioner.card.pin)
    citizen.answer(ChooseCertificate, Back.BACK)
    assert citizen.run(ServiceId.CERTIFICATES) == Outcome(reason=EndReason.CANCELLED)
    assert CertificateKind.PENSION_RECEIPT in citizen.last(ChooseCertificate).choices


@pytest.mark.expected_log("failed with printer.media_empty")
def test_an_empty_printer_is_said_before_anything_is_issued(shared_kiosk: DemoKiosk) -> None:
    printer = shared_kiosk.devices.printer
    assert isinstance(printer, SpoolPrinter)
    printer.fault = PrinterState.MEDIA_EMPTY
    citizen = ScriptedCitizen(shared_kiosk, card=CONTRIBUTOR.key)
    assert citizen.run(ServiceId.CERTIFICATES) == Outcome(error_code="printer.media_empty")
    assert citizen.steps == []  # not even the card was asked for


def test_what_a_certificate_session_leaves_on_disk_is_this_users_alone(kiosk: DemoKiosk) -> None:
    """The outbox, its key, the ledgers and the spooled certificate name a citizen: no file or
    directory under the data directory, nor the directory itself, is open to group or others."""
    citizen = contributor(kiosk, CertificateKind.CONTRIBUTION)
    citizen.answer(CertificatePreview, Confirmation.CONFIRM)
    assert citizen.run(ServiceId.CERTIFICATES) == Outcome(completed=True)
    data_dir = kiosk.settings.paths.resolved_data_dir()
    left = [data_dir, *data_dir.rglob("*")]
    assert any(path.suffix == ".pdf" for path in left)
    open_to_others = [
        f"{path.relative_to(data_dir.parent)} {path.stat().st_mode & 0o777:o}"
        for path in left
        if path.stat().st_mode & 0o077
    ]
    assert open_to_others == []


def collecting_kiosk(sandbox: SandboxProcess, **env: str) -> Iterator[DemoKiosk]:
    with demo_kiosk(
        sandbox.url, **QUICK_QUEUE, SHEYIN_CERTIFICATES_COLLECTION_POINT=COLLECTION_POINT, **env
    ) as built:
        yield built


@pytest.fixture
def staff_laptop(sandbox: SandboxProcess) -> Iterator[DemoKiosk]:
    """No A4 printer fitted, certificates collected at the branch."""
    yield from collecting_kiosk(sandbox, SHEYIN_DEVICES_PRINTER="none")


@pytest.fixture
def collecting_kiosk_with_printer(sandbox: SandboxProcess) -> Iterator[DemoKiosk]:
    yield from collecting_kiosk(sandbox)


def test_without_a_printer_the_certificate_is_issued_to_be_collected(
    staff_laptop: DemoKiosk, sandbox_db: Path
) -> None:
    kiosk = staff_laptop
    assert kiosk.devices.printer is None
    assert ServiceId.CERTIFICATES not in kiosk.outages()  # the missing printer blocks nothing
    citizen = contributor(kiosk, CertificateKind.CONTRIBUTION)
    assert citizen.run(ServiceId.CERTIFICATES) == Outcome(completed=True)
    assert citizen.last(ChooseCertificate).collection_point == COLLECTION_POINT  # said first
    collect = citizen.last(CertificateToCollect)
    assert (collect.kind, collect.collection_point) == (
        CertificateKind.CONTRIBUTION,
        COLLECTION_POINT,
    )
    assert not citizen.seen(CertificatePreview) and not citizen.seen(CertificatePrinted)
    assert citizen.kinds()[-1] == "TakeCard"
    # Issued by the central system: the branch prints it from there, anyone can check it.
    assert issued(sandbox_db) == [
        (collect.verification_code, CONTRIBUTOR.id_number, "contribution")
    ]
    assert kiosk.central.certificate_status(collect.verification_code).valid


def test_with_a_collection_point_a_printer_out_of_order_sends_the_citizen_there(
    collecting_kiosk_with_printer: DemoKiosk, sandbox_db: Path
) -> None:
    kiosk = collecting_kiosk_with_printer
    printer = kiosk.devices.printer
    assert isinstance(printer, SpoolPrinter)
    printer.fault = PrinterState.OFFLINE
    citizen = contributor(kiosk, CertificateKind.PERSONAL_RIGHTS)
    assert citizen.run(ServiceId.CERTIFICATES) == Outcome(completed=True)
    collect = citizen.last(CertificateToCollect)
    assert issued(sandbox_db)[0][0] == collect.verification_code
    assert spooled(kiosk) == []

    printer.fault = None  # mended: printed here again, as without a collection point
    again = contributor(kiosk, CertificateKind.CONTRIBUTION)
    again.answer(CertificatePreview, Confirmation.CONFIRM)
    assert again.run(ServiceId.CERTIFICATES) == Outcome(completed=True)
    assert again.last(ChooseCertificate).collection_point == ""
    assert again.seen(CertificatePrinted) and not again.seen(CertificateToCollect)
    assert len(spooled(kiosk)) == 1
