"""Codes are declared once (kiosk.codes, or the error classes of devices, the central contract and
the queue), never spelled or built at the point of use."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RAISERS = {"ServiceError", "CardRejected"}


def test_flows_raise_declared_codes_only() -> None:
    offenders = []
    for path in sorted((ROOT / "kiosk").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in RAISERS
                and node.args
                and isinstance(node.args[0], ast.Constant | ast.JoinedStr)
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
