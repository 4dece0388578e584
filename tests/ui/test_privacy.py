"""Issue 14, item 4: a bystander reads nothing that identifies the citizen.

Every scene of scripts/screenshots.py is shown in both languages and both modes and every text
on it is collected (labels, buttons, table cells and headers, accessible names and descriptions,
tooltips, what the voice says): none may hold a demo citizen's full name, full ID number (also
spaced or grouped), full address or full mobile number. The certificate preview is a picture of
the page, so its words are checked in the PDF it is drawn from: the flow draws it from a masked
copy, while the page that is printed stays complete.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QTableWidget,
    QWidget,
)

from demo.kiosk import DemoKiosk
from devices.printer.spool import SpoolPrinter
from kiosk.central import models as m
from kiosk.central.codes import CertificateKind
from kiosk.documents.certificate import (
    issued_certificate,
    read_signed_content,
    render_certificate,
)
from kiosk.documents.preview import preview_png
from kiosk.services.certificates.steps import CertificatePreview, ChooseCertificate
from kiosk.services.session import Outcome, ServiceId
from kiosk.services.steps import Confirmation, EnterPin
from sandbox.citizens import demo_citizen
from sandbox.server import SandboxProcess
from tests.support.kiosks import demo_kiosk
from tests.support.personal import demo_personal_data
from tests.support.scenes import each_scene
from tests.support.scripted import ScriptedCitizen
from tests.ui.test_text_fits import citizen_widgets
from ui.i18n import Language
from ui.shell import Shell

SCENE_NAMES = ("张伟", "王秀兰", "陈静", "赵敏")
"""Full names the scene data could have carried (its citizens, unmasked); the demo citizens'
own names are added from sandbox.citizens."""


def personal_data() -> dict[str, str]:
    """Each piece a bystander must not read, by what it is (for the failure message)."""
    found = demo_personal_data()
    for name in SCENE_NAMES:
        found.setdefault(name, "a scene's citizen's name")
    return found


def texts_of(widget: QWidget) -> Iterator[str]:
    if isinstance(widget, QLabel | QAbstractButton):
        yield widget.text()
    yield widget.accessibleName()
    yield widget.accessibleDescription()
    yield widget.toolTip()
    if isinstance(widget, QTableWidget):
        for column in range(widget.columnCount()):
            heading = widget.horizontalHeaderItem(column)
            if heading is not None:
                yield heading.text()
            for row in range(widget.rowCount()):
                item = widget.item(row, column)
                if item is not None:
                    yield item.text()


def exposed(texts: list[str], secrets: dict[str, str]) -> list[str]:
    """Which secrets the texts show, also with spaces or grouping inside a number."""
    joined = "\n".join(texts)
    squeezed = re.sub(r"[\s\u00a0-]", "", joined)
    return sorted(
        {what for secret, what in secrets.items() if secret in joined or secret in squeezed}
    )


def test_the_scan_finds_a_full_id_number_grouped() -> None:
    """The scan itself: a grouped full number and a full name are found; masked ones are not."""
    citizen = demo_citizen("contributor")
    number = citizen.id_number
    grouped = f"{number[:6]} {number[6:14]} {number[14:]}"
    secrets = personal_data()
    assert exposed([f"ID {grouped}"], secrets) == ["contributor's ID number"]
    assert exposed([f"你好，{citizen.name}"], secrets) == ["contributor's name"]
    assert exposed(["4403**********0039", "张*", "138****0003"], secrets) == []


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
@pytest.mark.parametrize("language", [Language.ZH_CN, Language.EN], ids=["zh_CN", "en"])
def test_no_screen_shows_a_full_name_or_id_number(
    scene_window: Shell, language: Language, elder: bool
) -> None:
    secrets = personal_data()
    found: list[str] = []
    shown = 0
    for name in each_scene(scene_window, language, elder):
        texts = [text for widget in citizen_widgets(scene_window) for text in texts_of(widget)]
        if scene_window.screen_widget is not None:
            texts.append(scene_window.screen_widget.voice)
        found += [f"{name}: {what}" for what in exposed(texts, secrets)]
        shown += 1
    assert shown >= 60
    assert not found, "personal data on screen:\n" + "\n".join(found)


def pdf_text(pdf: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"],
        input=pdf,
        capture_output=True,
        timeout=20,
        check=True,
    )
    return done.stdout.decode()


@pytest.fixture
def certificate_kiosk(shared_sandbox: SandboxProcess) -> Iterator[DemoKiosk]:
    with demo_kiosk(shared_sandbox.url) as built:
        yield built


def test_the_certificate_preview_is_masked_and_the_printed_page_complete(
    certificate_kiosk: DemoKiosk,
) -> None:
    holder = demo_citizen("contributor")
    assert holder.card is not None
    citizen = ScriptedCitizen(certificate_kiosk, card=holder.key).answer(EnterPin, holder.card.pin)
    citizen.answer(ChooseCertificate, CertificateKind.CONTRIBUTION)
    citizen.answer(CertificatePreview, Confirmation.CONFIRM)
    assert citizen.run(ServiceId.CERTIFICATES) == Outcome(completed=True)
    preview = citizen.last(CertificatePreview)

    printer = certificate_kiosk.devices.printer
    assert isinstance(printer, SpoolPrinter)
    (spooled,) = sorted(Path(printer.directory).glob("*.pdf"))
    printed = spooled.read_bytes()
    printed_words = re.sub(r"\s", "", pdf_text(printed))
    assert holder.name in printed_words and holder.id_number in printed_words

    content_json, signature = read_signed_content(printed)
    content = m.CertificateContent.model_validate_json(content_json)
    issued = issued_certificate(content, content_json, signature)
    masked = render_certificate(issued, masked=True)
    masked_words = re.sub(r"\s", "", pdf_text(masked))
    assert holder.name not in masked_words and holder.id_number not in masked_words
    assert holder.id_number[-4:] in masked_words  # the citizen still recognises it as theirs
    assert preview.page_png == preview_png(masked), "the screen shows another page"
