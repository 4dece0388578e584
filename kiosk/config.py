"""Every setting, declared once with its type, default and description.

Sources, later wins: defaults, a TOML file (`--config`), `SHEYIN_<SECTION>_<KEY>` environment
variables. An unknown key or a value of the wrong type stops start-up with a message naming it.
"""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from collections.abc import Mapping
from datetime import time
from ipaddress import ip_address
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from kiosk.first_settings import DEFAULTS as FIRST_SCREEN
from kiosk.first_settings import ENV_PREFIX, LanguageCode, Role

# SHA-256 of the sandbox's published demo terminal key: a terminal refuses to start with it. The
# key itself lives with the sandbox (sandbox/credentials.py), never in a terminal package.
PUBLISHED_TERMINAL_KEY_SHA256 = "04cb563c7ac5ccb0e5cb665ff166541b95c4fcce40fa3092d2ce9a02de2d0e6e"


class ConfigError(Exception):
    """Start-up error: the message names the key and what is wrong, and nothing else."""


def _checked_ed25519_public_key(key: str) -> str:
    if not key:
        return key
    try:
        raw = bytes.fromhex(key)
    except ValueError:
        raise ValueError("must be hex") from None
    if len(raw) != 32:
        raise ValueError("must be a 32-byte Ed25519 public key")
    return key


def _checked_url(url: str, plain: str, secure: str, kind: str, secure_name: str) -> str:
    """`url` (empty allowed) if it is `secure`, or `plain` to a loopback host only."""
    if not url:
        return url
    parts = urlsplit(url)
    if parts.scheme not in (plain, secure) or not parts.hostname:
        raise ValueError(f"must be {kind}")
    if parts.scheme == plain and not _is_loopback(parts.hostname):
        raise ValueError(f"must use {secure_name} unless the host is loopback")
    return url


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)


class KioskSettings(_Section):
    role: Annotated[
        Role,
        Field(description="Who uses this terminal: citizens (kiosk), bank staff, technicians."),
    ] = FIRST_SCREEN.role
    language: Annotated[
        LanguageCode, Field(description="Language shown when a session starts.")
    ] = FIRST_SCREEN.language
    elder_mode: Annotated[
        bool, Field(description="Start in elder (适老) mode: larger text and touch targets.")
    ] = FIRST_SCREEN.elder_mode
    windowed: Annotated[
        bool, Field(description="Run in a normal window instead of fullscreen (development).")
    ] = FIRST_SCREEN.windowed
    development: Annotated[
        bool,
        Field(
            description="A development machine: `sheyin run` accepts simulator drivers. A "
            "terminal's configuration never sets it."
        ),
    ] = False
    idle_timeout_s: Annotated[
        int, Field(ge=10, description="Seconds without a touch before the idle warning appears.")
    ] = 90
    idle_warning_s: Annotated[
        int,
        Field(ge=20, description="Seconds the idle warning counts down before the session ends."),
    ] = 30
    voice: Annotated[
        bool,
        Field(
            description="Voice guidance on when a citizen arrives; the citizen can turn it "
            "off on the screen."
        ),
    ] = FIRST_SCREEN.voice
    voice_command: Annotated[
        str,
        Field(
            description="Command that speaks a prompt given as its last argument. For "
            "espeak-ng the voice follows the prompt's language (cmn-latn-pinyin or en) "
            "unless the command names one with -v; empty for no voice."
        ),
    ] = FIRST_SCREEN.voice_command
    hide_pointer: Annotated[
        bool,
        Field(
            description="A citizens' kiosk in fullscreen hides the mouse pointer (a touch "
            "screen); never on a staff laptop or in a window."
        ),
    ] = FIRST_SCREEN.hide_pointer
    blank_after_s: Annotated[
        int,
        Field(
            ge=0,
            description="Seconds on the attract screen before the screen goes black (a touch "
            "wakes it and does nothing else); 0 never. Never in a session, out of service or "
            "on a staff laptop.",
        ),
    ] = 600
    crash_limit: Annotated[
        int,
        Field(
            ge=1,
            description="Starts that ended without a clean exit (crashes) within "
            "kiosk.crash_window_s, with no stable run between them, that put the kiosk in "
            "back-off: 暂停服务 for a while instead of the services.",
        ),
    ] = 3
    crash_window_s: Annotated[
        int, Field(ge=1, description="Seconds in which kiosk.crash_limit crashes mean a loop.")
    ] = 600
    stable_after_s: Annotated[
        int,
        Field(ge=1, description="Seconds a run must last to end a crash loop (a stable run)."),
    ] = 300
    backoff_s: Annotated[
        int,
        Field(
            ge=1,
            description="Seconds of the first back-off after a crash loop; each back-off "
            "right after another doubles it, up to kiosk.backoff_max_s.",
        ),
    ] = 60
    backoff_max_s: Annotated[
        int, Field(ge=1, description="Longest back-off after a crash loop, in seconds.")
    ] = 1800


class CentralSettings(_Section):
    url: Annotated[
        str,
        Field(description="Base URL of the central system. https, except on loopback."),
    ] = ""
    terminal_id: Annotated[str, Field(description="This terminal's id.")] = ""
    terminal_key: Annotated[
        SecretStr,
        Field(description="Hex HMAC key shared with the central system (16 bytes or more)."),
    ] = SecretStr("")
    connect_timeout_s: Annotated[
        float, Field(gt=0, description="Seconds to wait for a connection.")
    ] = 3.0
    read_timeout_s: Annotated[float, Field(gt=0, description="Seconds to wait for an answer.")] = (
        10.0
    )
    read_retries: Annotated[
        int, Field(ge=0, le=5, description="Retries of idempotent reads on network errors.")
    ] = 2
    total_timeout_s: Annotated[
        float,
        Field(
            gt=0,
            description="Seconds a whole call may take: connecting, every retry and the whole "
            "answer (a delivery's call also ends before its lease, queue.lease_s).",
        ),
    ] = 20.0
    retry_after_cap_s: Annotated[
        float,
        Field(ge=0, description="Longest Retry-After honoured before a read is retried."),
    ] = 5.0
    max_answer_kb: Annotated[
        int,
        Field(
            ge=1,
            description="Largest answer in KiB, counted after decompression; more is "
            "refused as malformed.",
        ),
    ] = 4096
    ca_bundle: Annotated[
        str, Field(description="CA bundle to verify the central system; empty for the system's.")
    ] = ""
    certificate_public_key: Annotated[
        str,
        Field(
            description="Hex Ed25519 public key the central system signs certificates with; "
            "empty: certificates cannot be verified here."
        ),
    ] = ""

    @field_validator("url")
    @classmethod
    def _https_unless_loopback(cls, url: str) -> str:
        _checked_url(url, "http", "https", "an http(s) URL", "https")
        return url.rstrip("/")

    @field_validator("certificate_public_key")
    @classmethod
    def _ed25519_public_key(cls, key: str) -> str:
        return _checked_ed25519_public_key(key)

    @field_validator("terminal_key")
    @classmethod
    def _hex_key(cls, key: SecretStr) -> SecretStr:
        if not key.get_secret_value():
            return key
        try:
            raw = bytes.fromhex(key.get_secret_value())
        except ValueError:
            raise ValueError("must be hex") from None
        if len(raw) < 16:
            raise ValueError("must be at least 16 bytes")
        return key


class DeviceSettings(_Section):
    card_reader: Annotated[
        Literal["inprocess", "pcsc"],
        Field(
            description="Social security card reader: pcsc (a reader through pcscd) or "
            "inprocess (virtual cards held in this process, for a demo without pcscd)."
        ),
    ] = "inprocess"
    card_reader_name: Annotated[
        str,
        Field(description="Regular expression for the PC/SC reader's name; the first match."),
    ] = "."
    vpcd_port: Annotated[
        int,
        Field(
            ge=1,
            le=65534,
            description="With pcsc and the demo tray: the vpcd port its virtual cards use.",
        ),
    ] = 35963

    camera: Annotated[
        Literal["opencv", "simulator"],
        Field(
            description="Camera: opencv (a V4L2 camera by index) or simulator (plays "
            "devices.camera_clip, or in the demo the inserted citizen's synthetic clip)."
        ),
    ] = "simulator"
    camera_index: Annotated[int, Field(ge=0, description="With opencv: /dev/videoN.")] = 0
    camera_width: Annotated[int, Field(ge=160, description="Requested frame width.")] = 640
    camera_height: Annotated[int, Field(ge=120, description="Requested frame height.")] = 480
    camera_fps: Annotated[int, Field(ge=1, le=120, description="Requested frames a second.")] = 15
    camera_clip: Annotated[
        str,
        Field(
            description="With simulator: a video file or a directory of images, looped; empty "
            "for the built-in cooperative clip."
        ),
    ] = ""

    printer: Annotated[
        Literal["spool", "cups", "none"],
        Field(
            description="A4 printer: cups (the queue devices.printer_queue), spool (PDFs in "
            "<data_dir>/spool, for the demo) or none (a staff laptop without one)."
        ),
    ] = "spool"
    printer_queue: Annotated[str, Field(description="With cups: the queue's name.")] = "PDF"
    receipt_printer: Annotated[
        Literal["spool", "device", "none"],
        Field(
            description="Receipt printer (ESC/POS): device (the character device "
            "devices.receipt_printer_device, e.g. a USB printer's /dev/usb/lp0), spool "
            "(ESC/POS byte streams in <data_dir>/receipts, for the demo) or none (the receipt "
            "is shown on screen with its QR code)."
        ),
    ] = "spool"
    receipt_printer_device: Annotated[
        str, Field(description="With device: the printer's character device.")
    ] = "/dev/usb/lp0"
    pinpad: Annotated[
        Literal["screen", "simulator"],
        Field(
            description="PIN entry for bank cards: screen (the on-screen keypad, digits "
            "shuffled for each entry) or simulator (an encrypting PIN pad simulator, for tests)."
        ),
    ] = "screen"
    card_issuer: Annotated[
        Literal["none", "simulator"],
        Field(
            description="Card issuer for 立等可取: simulator (blank virtual cards through a chip "
            "station reader, devices.issuer_reader_name or the in-process slot) or none (the "
            "kiosk does not issue cards)."
        ),
    ] = "simulator"
    issuer_reader_name: Annotated[
        str,
        Field(
            description="With card_reader pcsc: regular expression for the issuer's chip "
            "station reader (the demo: vpcd's second slot)."
        ),
    ] = "Virtual PCD 00 01"
    issuer_hopper: Annotated[
        int, Field(ge=0, description="The simulator's blank cards at start.")
    ] = 50
    issuer_timing_scale: Annotated[
        float,
        Field(
            ge=0,
            description="The simulator's device timings (feed 1.5 s, print 20 s, eject 1 s, "
            "retain 1.5 s) are multiplied by this; 0 for tests.",
        ),
    ] = 1.0
    issuer_chip_key: Annotated[
        SecretStr,
        Field(
            description="With the card issuer simulator: hex issuer key its blank chips are made "
            "with (the demo sets the sandbox's); empty for chips no central system can "
            "personalise."
        ),
    ] = SecretStr("")
    idcard_reader: Annotated[
        Literal["none", "serial"],
        Field(
            description="Resident ID card reader: serial (GA 467 frames on devices.idcard_port) "
            "or none."
        ),
    ] = "none"
    idcard_port: Annotated[
        str,
        Field(
            description="Serial port of the resident ID card reader (e.g. /dev/ttyUSB0); empty "
            "when the terminal has none."
        ),
    ] = ""

    @field_validator("issuer_chip_key")
    @classmethod
    def _aes_key(cls, key: SecretStr) -> SecretStr:
        text = key.get_secret_value()
        if text:
            try:
                raw = bytes.fromhex(text)
            except ValueError:
                raise ValueError("must be hex") from None
            if len(raw) not in (16, 24, 32):
                raise ValueError("must be a 16-, 24- or 32-byte AES key")
        return key

    @field_validator("card_reader_name")
    @classmethod
    def _a_regular_expression(cls, pattern: str) -> str:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"not a regular expression ({exc})") from None
        return pattern


class FaceSettings(_Section):
    analysis_width: Annotated[
        int, Field(ge=160, description="Frames are scaled to this width to find the face.")
    ] = 320
    min_detection_score: Annotated[
        float, Field(description="dlib HOG detection score a face must reach.")
    ] = 0.0
    match_max_distance: Annotated[
        float,
        Field(gt=0, le=1.5, description="Largest descriptor distance that counts as one person."),
    ] = 0.6
    liveness_actions: Annotated[
        int, Field(ge=1, le=3, description="Actions asked per attempt (a blink always among them).")
    ] = 2
    action_timeout_s: Annotated[
        float, Field(gt=0, description="Seconds the citizen has for each action.")
    ] = 8.0
    attempts: Annotated[
        int, Field(ge=1, le=5, description="Attempts before the citizen is sent to staff.")
    ] = 3
    turn_yaw: Annotated[
        float,
        Field(gt=0, lt=1, description="Head turn that counts, as nose offset over eye distance."),
    ] = 0.15


class CertificateSettings(_Section):
    collection_point: Annotated[
        str,
        Field(
            max_length=200,
            description="Where citizens collect a certificate issued at a terminal without a "
            "working A4 printer (free text from the bank, e.g. the branch's name and address); "
            "empty: certificates need the A4 printer.",
        ),
    ] = ""


class SandboxSettings(_Section):
    host: Annotated[str, Field(description="Address the sandbox central system listens on.")] = (
        "127.0.0.1"
    )
    port: Annotated[int, Field(ge=0, le=65535, description="Its port; 0 picks a free one.")] = 8700
    db: Annotated[
        str, Field(description="Its SQLite database; empty for <data_dir>/sandbox.sqlite3.")
    ] = ""


class QueueSettings(_Section):
    db: Annotated[
        str, Field(description="The outbox's SQLite database; empty for <data_dir>/outbox.sqlite3.")
    ] = ""
    key_file: Annotated[
        str,
        Field(
            description="Key file sealing queued payloads (AES-256-GCM), created 0600 with a new "
            "outbox; empty for <data_dir>/outbox.key. Lose it and queued entries are lost."
        ),
    ] = ""
    max_open_entries: Annotated[
        int, Field(ge=1, description="Entries that may wait at once; more are refused.")
    ] = 10_000
    max_file_mb: Annotated[
        int, Field(ge=1, description="Largest outbox file in MiB; beyond it entries are refused.")
    ] = 256
    min_free_mb: Annotated[
        int,
        Field(
            ge=0, description="MiB of free disk kept; entries that would eat into it are refused."
        ),
    ] = 64
    purge_after_days: Annotated[
        float,
        Field(
            ge=0,
            description="Days after delivery when a payload (personal data) is erased; the "
            "audit record of the entry stays.",
        ),
    ] = 30.0
    backoff_base_s: Annotated[
        float, Field(gt=0, description="First retry delay ceiling; doubles per attempt.")
    ] = 1.0
    backoff_cap_s: Annotated[
        float, Field(gt=0, description="Largest retry delay ceiling (full jitter below it).")
    ] = 300.0
    lease_s: Annotated[
        float,
        Field(gt=0, description="Seconds a delivery may take before it is presumed dead."),
    ] = 60.0
    online_probe_s: Annotated[
        float, Field(gt=0, description="Seconds between reachability checks while online.")
    ] = 30.0
    offline_probe_s: Annotated[
        float, Field(gt=0, description="Seconds between reachability checks while offline.")
    ] = 5.0
    submit_wait_s: Annotated[
        float,
        Field(
            gt=0,
            description="Seconds a citizen's write waits for delivery before it counts as queued.",
        ),
    ] = 15.0
    payment_reconcile_s: Annotated[
        float,
        Field(
            gt=0,
            description="Seconds between checks of payment orders no session is handling (a "
            "paid order's confirmation is queued, an abandoned one cancelled).",
        ),
    ] = 120.0

    def resolved_db(self, data_dir: Path) -> Path:
        return Path(self.db).expanduser() if self.db else data_dir / "outbox.sqlite3"

    def resolved_key_file(self, data_dir: Path) -> Path:
        return Path(self.key_file).expanduser() if self.key_file else data_dir / "outbox.key"


class PathSettings(_Section):
    data_dir: Annotated[
        str, Field(description="Where the terminal keeps its state; empty for ~/.local/share.")
    ] = ""

    def resolved_data_dir(self) -> Path:
        if self.data_dir:
            return Path(self.data_dir).expanduser()
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        return Path(base) / "sheyin"


class TechnicianSettings(_Section):
    offline_days: Annotated[
        int,
        Field(
            ge=1,
            le=90,
            description="Days a technician may log in offline after their last online login.",
        ),
    ] = 7
    max_failures: Annotated[
        int, Field(ge=1, le=20, description="Wrong logins in a row that lock the login.")
    ] = 5
    lockout_s: Annotated[
        int, Field(ge=30, le=86_400, description="Seconds the login stays locked after them.")
    ] = 900
    session_grace_s: Annotated[
        int,
        Field(
            ge=10,
            le=600,
            description="Seconds a citizen is given to finish when a technician asks for the "
            "kiosk during their session.",
        ),
    ] = 60


class StaffSettings(_Section):
    offline_days: Annotated[
        int,
        Field(
            ge=1,
            le=30,
            description="Days a staff member may log in offline after their last online login.",
        ),
    ] = 3
    max_failures: Annotated[
        int,
        Field(ge=1, le=20, description="Wrong staff logins or unlocks in a row that lock it."),
    ] = 5
    lockout_s: Annotated[
        int, Field(ge=30, le=86_400, description="Seconds the login stays locked after them.")
    ] = 300
    idle_lock_s: Annotated[
        int,
        Field(ge=30, le=3_600, description="Idle seconds before the staff terminal locks."),
    ] = 300
    day_ends_at: Annotated[
        str,
        Field(
            description="When the staff member is logged out at the end of the day (HH:MM, "
            "the terminal's local time)."
        ),
    ] = "18:00"
    ui_scale: Annotated[
        float,
        Field(
            ge=0.5,
            le=2.0,
            description="The staff window's scale: the screens are laid out for 1920×1080, so "
            "0.71 shows them whole on a 1366×768 laptop (Qt's QT_SCALE_FACTOR, which wins if set).",
        ),
    ] = 0.71

    @field_validator("day_ends_at")
    @classmethod
    def _hours_and_minutes(cls, value: str) -> str:
        if not re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", value):
            raise ValueError("must be a local time HH:MM, e.g. 18:00")
        return value

    @property
    def day_end(self) -> time:
        """`day_ends_at` as a time of day (naive: the terminal's local time)."""
        return time.fromisoformat(self.day_ends_at)


class FleetSettings(_Section):
    broker_url: Annotated[
        str,
        Field(
            description="The operations centre's MQTT broker, mqtts://host:port (plain mqtt:// "
            "only on loopback); empty: this terminal is not in a fleet."
        ),
    ] = ""
    ca_file: Annotated[
        str, Field(description="CA certificate (PEM) the broker's certificate is checked against.")
    ] = ""
    cert_file: Annotated[
        str,
        Field(
            description="This terminal's client certificate (PEM); its CN is the terminal id "
            "the broker's ACL knows it by."
        ),
    ] = ""
    key_file: Annotated[str, Field(description="The client certificate's private key (PEM).")] = ""
    command_public_key: Annotated[
        str,
        Field(
            description="Hex Ed25519 public key of the operations centre: a command not signed "
            "with its private key is refused."
        ),
    ] = ""
    heartbeat_s: Annotated[
        int,
        Field(
            ge=5,
            le=3_600,
            description="Seconds between status messages when nothing changes (a change is "
            "sent at once).",
        ),
    ] = 60
    keepalive_s: Annotated[
        int,
        Field(
            ge=2,
            le=600,
            description="MQTT keep-alive: the broker publishes the terminal's Last Will "
            "(offline) when it has heard nothing for 1.5 times this.",
        ),
    ] = 30
    reconnect_max_s: Annotated[
        int,
        Field(ge=1, le=3_600, description="Longest wait between attempts to reach the broker."),
    ] = 120
    max_command_age_s: Annotated[
        int,
        Field(
            ge=60,
            le=7 * 86_400,
            description="A command may be valid for this long at most; one that expires later "
            "is refused (its id is remembered until it expires, against replays).",
        ),
    ] = 86_400
    reboot_command: Annotated[
        str,
        Field(
            description="How the `reboot` command reboots the terminal (the package allows "
            "its user this one through polkit)."
        ),
    ] = "systemctl reboot"

    @field_validator("broker_url")
    @classmethod
    def _tls_unless_loopback(cls, url: str) -> str:
        return _checked_url(url, "mqtt", "mqtts", "an mqtts://host:port URL", "mqtts (TLS)")

    @field_validator("command_public_key")
    @classmethod
    def _ed25519_public_key(cls, key: str) -> str:
        return _checked_ed25519_public_key(key)


class LogSettings(_Section):
    level: Annotated[
        Literal["DEBUG", "INFO", "WARNING", "ERROR"], Field(description="Log level.")
    ] = "INFO"
    file: Annotated[str, Field(description="Log file; empty for standard error only.")] = ""


class Settings(_Section):
    kiosk: KioskSettings = Field(default_factory=KioskSettings)
    central: CentralSettings = Field(default_factory=CentralSettings)
    devices: DeviceSettings = Field(default_factory=DeviceSettings)
    sandbox: SandboxSettings = Field(default_factory=SandboxSettings)
    queue: QueueSettings = Field(default_factory=QueueSettings)
    face: FaceSettings = Field(default_factory=FaceSettings)
    certificates: CertificateSettings = Field(default_factory=CertificateSettings)
    technician: TechnicianSettings = Field(default_factory=TechnicianSettings)
    staff: StaffSettings = Field(default_factory=StaffSettings)
    paths: PathSettings = Field(default_factory=PathSettings)
    fleet: FleetSettings = Field(default_factory=FleetSettings)
    log: LogSettings = Field(default_factory=LogSettings)


def _section_types() -> dict[str, type[_Section]]:
    return {
        name: info.annotation  # type: ignore[misc]
        for name, info in Settings.model_fields.items()
    }


def _env_overrides(environ: Mapping[str, str]) -> dict[str, dict[str, str]]:
    sections = _section_types()
    overrides: dict[str, dict[str, str]] = {}
    for var, value in environ.items():
        if not var.startswith(ENV_PREFIX):
            continue
        rest = var[len(ENV_PREFIX) :].lower()
        section, _, key = rest.partition("_")
        if section not in sections or key not in sections[section].model_fields:
            raise ConfigError(f"{var}: no such setting")
        overrides.setdefault(section, {})[key] = value
    return overrides


def _merge(base: dict[str, Any], extra: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    merged = {section: dict(values) for section, values in base.items()}
    for section, values in extra.items():
        merged.setdefault(section, {}).update(values)
    return merged


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    key = ".".join(str(part) for part in first["loc"])
    if first["type"] == "extra_forbidden":
        return f"{key}: unknown setting"
    return f"{key}: {first['msg']}"


def load_settings(path: Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    environ = os.environ if environ is None else environ
    from_file: dict[str, Any] = {}
    if path is not None:
        try:
            from_file = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read ({exc.strerror})") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from None
        for section, values in from_file.items():
            if not isinstance(values, dict):
                raise ConfigError(f"{section}: expected a [{section}] table")
    try:
        return Settings.model_validate(_merge(from_file, _env_overrides(environ)))
    except ValidationError as exc:
        raise ConfigError(_describe(exc)) from None


def with_changes(settings: Settings, section: str, **changes: object) -> Settings:
    """The settings with some keys of one section changed (None: left as it is)."""
    changes = {k: v for k, v in changes.items() if v is not None}
    updated = getattr(settings, section).model_copy(update=changes)
    return settings.model_copy(update={section: updated})


def check_terminal(settings: Settings) -> None:
    """What a terminal outside the demo must have before it starts: its own identity and key, a
    central system to talk to, its fleet credentials if it is in a fleet, and real devices
    (simulators only on a development machine). Raises ConfigError naming the first setting
    that is missing, the sandbox's published demo value, or a simulator."""
    central = settings.central
    key = central.terminal_key.get_secret_value()
    if not key:
        raise ConfigError("central.terminal_key: not set (this terminal's own key is required)")
    if hashlib.sha256(bytes.fromhex(key)).hexdigest() == PUBLISHED_TERMINAL_KEY_SHA256:
        raise ConfigError("central.terminal_key: the published demo key; set this terminal's own")
    if not central.terminal_id:
        raise ConfigError("central.terminal_id: not set")
    if not central.url:
        raise ConfigError("central.url: not set (the central system's https URL)")
    fleet = settings.fleet
    if fleet.broker_url:
        from kiosk.fleet.topics import TERMINAL_ID

        if not TERMINAL_ID.fullmatch(central.terminal_id):
            raise ConfigError(
                "central.terminal_id: in a fleet, letters, digits, '-', '_' and '.' only "
                "(it is a level of the fleet's MQTT topics)"
            )
        for key in ("cert_file", "key_file", "command_public_key"):
            if not getattr(fleet, key):
                raise ConfigError(f"fleet.{key}: not set (a terminal in a fleet needs it)")
    if not settings.kiosk.development:
        from devices.manager import configured_driver, simulated_classes

        simulated = simulated_classes(settings.devices)
        if simulated:
            first = simulated[0]
            raise ConfigError(
                f"devices.{first.value}: {configured_driver(settings.devices, first)!r} is a "
                "simulator; set the terminal's driver (kiosk.development = true only on a "
                "development machine)"
            )


def describe_settings(settings: Settings) -> str:
    """The effective settings as TOML, each with its description; secrets masked."""
    lines: list[str] = []
    for section_name, section_info in Settings.model_fields.items():
        section = getattr(settings, section_name)
        lines.append(f"[{section_name}]")
        section_type: type[_Section] = section_info.annotation  # type: ignore[assignment]
        for key, info in section_type.model_fields.items():
            value = getattr(section, key)
            lines.append(f"# {info.description}")
            lines.append(f"{key} = {_toml_value(value)}")
        lines.append("")
    return "\n".join(lines)


def _toml_value(value: object) -> str:
    if isinstance(value, SecretStr):
        return '"********"' if value.get_secret_value() else '""'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'
