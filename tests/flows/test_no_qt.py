"""The flow tests need no Qt: in a fresh interpreter (pytest-qt loads PySide6 into every pytest
process, so it cannot be checked in this one), importing every flow test module, the scripted
citizen and every flow with what the flows load on first use leaves PySide6 and ui/ unloaded.
What a flow loads while it runs is checked per test (tests/flows/conftest.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

FLOWS_DIR = Path(__file__).parent
ROOT = FLOWS_DIR.parents[1]
# What the flows import inside their functions, on first use (the documents, the face check,
# the central client and the queue), besides the flows themselves.
LOADED_ON_FIRST_USE = (
    "kiosk.central.client",
    "kiosk.central.outbound",
    "kiosk.documents.card_face",
    "kiosk.documents.certificate",
    "kiosk.documents.preview",
    "kiosk.documents.receipt",
    "kiosk.face.analysis",
    "kiosk.face.liveness",
    "kiosk.face.quality",
    "devices.smartcard.personalisation",
    "offline_queue.service",
)
PROBE = """
import importlib, json, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
from kiosk.services.catalog import preload
preload()
print(json.dumps(sorted(m for m in sys.modules if m.partition(".")[0] in ("PySide6", "ui"))))
"""


def test_the_flow_tests_and_the_flows_import_no_qt() -> None:
    modules = [
        f"tests.flows.{path.stem}"
        for path in sorted(FLOWS_DIR.glob("*.py"))
        if path.stem != "__init__"
    ]
    assert "tests.flows.test_query" in modules and "tests.flows.conftest" in modules
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "tests.support.scripted", *modules, *LOADED_ON_FIRST_USE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == []
