"""A certificate rendered and handed over to CUPS (goal ≤ 1 s)."""

from __future__ import annotations

import uuid

from pytest_benchmark.fixture import BenchmarkFixture

from devices.printer.cups import CupsPrinter
from kiosk.central import models as m
from kiosk.central.client import CentralClient
from kiosk.documents.certificate import render_certificate
from sandbox.citizens import demo_citizen
from sandbox.server import SandboxProcess
from tests.support.kiosks import settings_for
from tests.support.services import CupsService


def test_render_and_hand_over_to_cups(
    benchmark: BenchmarkFixture, cups: CupsService, shared_sandbox: SandboxProcess
) -> None:
    client = CentralClient(settings_for(shared_sandbox.url).central)
    issued = client.issue_certificate(
        m.CertificateRequest(
            id_number=demo_citizen("contributor").id_number, kind=m.CertificateKind.CONTRIBUTION
        ),
        uuid.uuid4(),
    )
    client.close()
    printer = CupsPrinter(cups.QUEUE)
    jobs: list[str] = []

    def render_and_print() -> None:
        jobs.append(printer.print_pdf(render_certificate(issued), "bench").result(30))

    benchmark.pedantic(render_and_print, rounds=10, warmup_rounds=1)
    for job in jobs:
        printer.wait_done(job, 60).result(70)
    printer.close()
    for printed in cups.output.glob("bench*.pdf"):
        printed.unlink()
    print(
        f"\ncertificate render + hand-over to CUPS: {benchmark.stats.stats.median * 1000:.0f} ms"
        " (median)"
    )
