"""The arrows of DESIGN.md: ui → kiosk → devices, offline_queue; sandbox → the contract; demo →
kiosk, devices, sandbox; nothing of the terminal names the demo or the sandbox (their commands
plug into kiosk/cli.py through entry points); Qt only under ui/ (and the demo's tray widget); no
import circle."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("kiosk", "ui", "devices", "offline_queue", "sandbox", "demo")
FORBIDDEN = {
    "kiosk": {"ui", "PySide6", "sandbox", "demo", "fastapi", "uvicorn", "starlette"},
    "ui": {"sandbox", "demo", "fastapi", "uvicorn"},
    "devices": {"kiosk", "ui", "offline_queue", "sandbox", "demo", "PySide6"},
    "offline_queue": {"kiosk", "ui", "devices", "sandbox", "demo", "PySide6"},
    "sandbox": {"ui", "demo", "offline_queue", "PySide6"},
    "demo": {"offline_queue"},
}
SANDBOX_MAY_USE = (
    # The contract, and what a real central system would need as well: the card's file layout
    # and APDUs, the issuer's cryptogram, the PIN-block codec, ID-number and age rules, the
    # same face matcher as the kiosk (so demo decisions agree).
    "kiosk.central.models",
    "kiosk.central.codes",
    "kiosk.central.errors",
    "kiosk.central.signing",
    "kiosk.central.certificates",
    "kiosk.domain",
    "kiosk.face.match",
    "devices.smartcard.apdu",
    "devices.smartcard.records",
    "devices.smartcard.cryptogram",
    "devices.pinpad.pinblock",
)
QT_ALSO_IN = {Path("demo/tray_bar.py")}


def _type_checking_only(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and ast.unparse(node.test) in (
        "TYPE_CHECKING",
        "typing.TYPE_CHECKING",
    )


def imported_modules(path: Path, *, runtime_only: bool = False) -> set[str]:
    """Every module a file imports (dotted), at any depth; `runtime_only` leaves out what is
    imported for the type checker alone."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if runtime_only and _type_checking_only(node):
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def python_files(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_import_against_the_arrows(package: str) -> None:
    offenders = []
    for path in python_files(package):
        relative = path.relative_to(ROOT)
        forbidden = set(FORBIDDEN[package])
        if relative in QT_ALSO_IN:
            forbidden.discard("PySide6")
        tops = {name.split(".")[0] for name in imported_modules(path)}
        if tops & forbidden:
            offenders.append(f"{relative} imports {sorted(tops & forbidden)}")
    assert offenders == []


def test_the_sandbox_uses_only_the_contract_and_protocol_helpers() -> None:
    offenders = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in python_files("sandbox")
        for name in sorted(imported_modules(path))
        if name.split(".")[0] in ("kiosk", "devices")
        and not name.startswith(SANDBOX_MAY_USE)
        # `from kiosk.central import models` names the package, then the module
        and name not in ("kiosk", "kiosk.central", "devices", "kiosk.face")
    ]
    assert offenders == []


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def test_no_import_circle() -> None:
    """Between our modules, counting imports inside functions too (a lazy import is still an
    arrow), but not those made for the type checker alone."""
    modules = {_module_name(p): p for package in PACKAGES for p in python_files(package)}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for imported in imported_modules(path, runtime_only=True):
            target = imported
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                targets.add(target)
        graph[name] = targets
    circles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                circles.append([*stack[stack.index(target) :], target])
            elif target not in state:
                walk(target)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            walk(node)
    # A package's __init__ importing nothing keeps parent → child arrows out of the graph.
    assert [" → ".join(c) for c in circles] == []


def run_probe(program: str) -> str:
    """What a fresh interpreter prints running `program` (our interpreter, a constant program)."""
    return subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    ).stdout.strip()


def test_a_terminal_loads_neither_the_sandbox_nor_the_demo() -> None:
    probe = (
        "import sys, kiosk.app, kiosk.cli, ui.main; "
        "print(sorted(m for m in sys.modules "
        "if m.startswith(('sandbox', 'demo', 'fastapi', 'uvicorn'))))"
    )
    assert run_probe(probe) == "[]"


def test_no_private_key_in_a_terminal_package() -> None:
    """The sandbox's published secrets (and any private key) stay out of what a terminal runs;
    the certificate-signing key is made by each sandbox database and ships nowhere."""
    from sandbox import credentials

    secrets = (credentials.DEMO_TERMINAL_KEY, credentials.DEMO_ISSUER_KEY.hex())
    assert not hasattr(credentials, "DEMO_SIGNING_SEED")
    offenders = [
        f"{path.relative_to(ROOT)}"
        for package in ("kiosk", "ui", "devices", "offline_queue")
        for path in python_files(package)
        if any(s.lower() in path.read_text(encoding="utf-8").lower() for s in secrets)
        or "PRIVATE KEY-----" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_the_first_screen_does_not_wait_for_heavy_libraries() -> None:
    """Cold start once grew by 40 % when the face screens pulled OpenCV and NumPy in with the
    window, and again when the device manager built the camera's source eagerly. These load
    with the first service that needs them: importing the window and building a terminal with
    the default settings loads none of them."""
    heavy = ("cv2", "numpy", "dlib", "cryptography", "requests", "qrcode", "fastapi", "serial")
    probe = (
        "import sys, ui.main, kiosk.app, kiosk.services.catalog, kiosk.config; "
        "kiosk.app.build_kiosk(kiosk.config.load_settings(environ={})).close(); "
        f"print(','.join(m for m in {heavy!r} if m in sys.modules))"
    )
    assert run_probe(probe) == ""
