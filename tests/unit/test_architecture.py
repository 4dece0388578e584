"""The arrows of DESIGN.md: ui → kiosk → devices, offline_queue; Qt only under ui/."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = {
    "kiosk": {"ui", "PySide6"},
    "devices": {"kiosk", "ui", "offline_queue", "PySide6"},
    "offline_queue": {"kiosk", "ui", "devices", "PySide6"},
}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_import_against_the_arrows(package: str) -> None:
    offenders = [
        f"{path.relative_to(ROOT)} imports {sorted(imported_packages(path) & FORBIDDEN[package])}"
        for path in sorted((ROOT / package).rglob("*.py"))
        if imported_packages(path) & FORBIDDEN[package]
    ]
    assert offenders == []


def test_the_first_screen_does_not_wait_for_heavy_libraries() -> None:
    """Cold start once grew by 40 % when the face screens pulled OpenCV and NumPy in with the
    window. These load with the first service that needs them."""
    heavy = ("cv2", "numpy", "dlib", "cryptography", "requests", "qrcode", "fastapi", "serial")
    probe = (
        "import sys, ui.main, kiosk.app, kiosk.services.catalog; "
        f"print(','.join(m for m in {heavy!r} if m in sys.modules))"
    )
    loaded = subprocess.run(  # our interpreter, a constant program
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    ).stdout.strip()
    assert loaded == ""
