"""The .ts files hold every string of the sources, all translated, and the .qm match them."""

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "ui" / "i18n"
BIN = Path(sys.executable).parent


def sources() -> list[str]:
    """What `make i18n` reads: the UI and the demo's card tray."""
    found = [p for top in ("ui", "demo") for p in (ROOT / top).rglob("*.py")]
    return sorted(str(p.relative_to(ROOT)) for p in found)


def messages(ts: Path) -> dict[str, ET.Element]:
    return {m.findtext("source") or "": m for m in ET.parse(ts).iter("message")}


@pytest.mark.parametrize(
    ("name", "extra"),
    [
        ("sheyin_zh_CN", ["-target-language", "zh_CN"]),
        ("sheyin_en", ["-pluralonly", "-target-language", "en"]),
    ],
)
def test_ts_is_up_to_date_and_complete(tmp_path: Path, name: str, extra: list[str]) -> None:
    committed = I18N / f"{name}.ts"
    fresh = tmp_path / f"{name}.ts"
    shutil.copy(committed, fresh)
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *sources(), "-no-obsolete", "-source-language", "en",
         *extra, "-ts", str(fresh)],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    assert set(messages(fresh)) == set(messages(committed)), "run `make i18n`"
    unfinished = [
        source
        for source, message in messages(committed).items()
        if (message.find("translation") is not None)
        and message.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
    ]
    assert unfinished == []


@pytest.mark.parametrize("name", ["sheyin_zh_CN", "sheyin_en"])
def test_qm_is_compiled_from_the_ts(tmp_path: Path, name: str) -> None:
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(I18N / f"{name}.ts"), "-qm", str(tmp_path / "x.qm")],
        check=True, capture_output=True,
    )  # fmt: skip
    assert (tmp_path / "x.qm").read_bytes() == (I18N / f"{name}.qm").read_bytes()
