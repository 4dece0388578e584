"""The few settings a citizens' kiosk needs to show its first screen, read from the same file
and environment as all the others (kiosk.config) but without validating them: validation is
a tenth of a second of a cold start, and a kiosk restarted after a crash should be in front of
the citizen first. The full settings are validated behind the first screen; what cannot be
read plainly here leaves the first screen out, and the full settings say what is wrong."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Literal, get_args

ENV_PREFIX = "SHEYIN_"
Role = Literal["kiosk", "staff", "technician"]
LanguageCode = Literal["zh_CN", "en"]
_TRUE = ("true", "1", "yes", "on")
_FALSE = ("false", "0", "no", "off")


@dataclass(frozen=True)
class FirstScreenSettings:
    """Their defaults are the settings' defaults (kiosk.config.KioskSettings takes them from
    here): declared once."""

    role: Role = "kiosk"
    language: LanguageCode = "zh_CN"
    elder_mode: bool = False
    windowed: bool = False
    voice: bool = True
    voice_command: str = "espeak-ng -s 150"
    hide_pointer: bool = True

    @property
    def shows_first_screen(self) -> bool:
        """Only a citizens' kiosk in fullscreen: a laptop and a technician's terminal open on
        a login built with everything else."""
        return self.role == "kiosk" and not self.windowed


DEFAULTS = FirstScreenSettings()


def read_first_settings(
    path: Path | None, environ: Mapping[str, str]
) -> FirstScreenSettings | None:
    """The [kiosk] section's values the first screen needs, or None when the file cannot be
    read or one of them is not plainly one of its values."""
    table: object = {}
    if path is not None:
        import tomllib  # only with a file (10 ms of a cold start)

        try:
            table = tomllib.loads(path.read_text(encoding="utf-8")).get("kiosk", {})
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return None
    if not isinstance(table, dict):
        return None
    values: dict[str, object] = {}
    for field in fields(FirstScreenSettings):
        raw = environ.get(f"{ENV_PREFIX}KIOSK_{field.name.upper()}", table.get(field.name))
        if raw is None:
            continue
        value = _plain(raw, getattr(DEFAULTS, field.name), field.name)
        if value is None:
            return None
        values[field.name] = value
    return FirstScreenSettings(**values)  # type: ignore[arg-type]  # checked by _plain


def _plain(raw: object, default: object, name: str) -> object | None:
    if isinstance(default, bool):
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        return True if text in _TRUE else False if text in _FALSE else None
    if not isinstance(raw, str):
        return None
    allowed = {"role": get_args(Role), "language": get_args(LanguageCode)}.get(name)
    return raw if allowed is None or raw in allowed else None
