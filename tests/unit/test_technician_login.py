"""A technician's login (kiosk/roles/technician.py): online through the central system, offline
against the hash kept from the last online login until it expires, locked after repeated wrong
PINs; every attempt in the audit log, never the PIN."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.audit import AuditLog, read_records, verify
from kiosk.central.errors import (
    CentralRejected,
    CentralTimeout,
    CentralUnavailable,
    TerminalNotAuthorised,
)
from kiosk.roles.technician import (
    FAILED,
    LOCKED_OUT,
    OFFLINE_EXPIRED,
    OFFLINE_UNKNOWN,
    REFUSED,
    LoginRefused,
    TechnicianLogin,
)

TECHNICIAN, PIN = "T0007", "246810"
START = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


class Central:
    """Knows T0007 with PIN 246810; `down` makes it unreachable."""

    def __init__(self) -> None:
        self.down: Exception | None = None
        self.refuse_all = False
        self.asked = 0

    def check(self, technician_id: str, pin: str) -> object:
        self.asked += 1
        if self.down is not None:
            raise self.down
        if self.refuse_all or (technician_id, pin) != (TECHNICIAN, PIN):
            raise CentralRejected("technician.refused")
        return object()


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def central() -> Central:
    return Central()


@pytest.fixture
def clock() -> Clock:
    return Clock()


def terminal(tmp_path: Path, central: Central, clock: Clock) -> TechnicianLogin:
    return TechnicianLogin(
        central.check,  # type: ignore[arg-type]
        tmp_path / "technicians.json",
        AuditLog(tmp_path / "audit.log"),
        offline_days=7,
        max_failures=3,
        lockout_s=600,
        clock=clock,
    )


def outcomes(tmp_path: Path) -> list[tuple[str, str]]:
    return [(r.actor, r.outcome) for r in read_records(tmp_path / "audit.log")]


def refused_code(login: TechnicianLogin, technician_id: str, pin: str) -> str:
    with pytest.raises(LoginRefused) as refused:
        login.login(technician_id, pin)
    assert pin not in str(refused.value)
    return refused.value.code


def test_online_login_and_then_offline_with_the_kept_hash(
    tmp_path: Path, central: Central, clock: Clock
) -> None:
    login = terminal(tmp_path, central, clock)
    assert login.login(TECHNICIAN, PIN).online
    central.down = CentralTimeout()
    clock.now += timedelta(days=6)
    grant = login.login(TECHNICIAN, PIN)
    assert not grant.online and grant.technician_id == TECHNICIAN
    assert refused_code(login, TECHNICIAN, "135790") == REFUSED  # offline, the wrong PIN
    assert outcomes(tmp_path) == [
        ("technician:T0007", "ok:online"),
        ("technician:T0007", "ok:offline"),
        ("technician:T0007", f"failed:{REFUSED}"),
    ]
    assert verify(tmp_path / "audit.log").intact
    state = (tmp_path / "technicians.json").read_text()
    assert PIN not in state and (tmp_path / "technicians.json").stat().st_mode & 0o077 == 0


def test_offline_the_kept_credential_expires(
    tmp_path: Path, central: Central, clock: Clock
) -> None:
    login = terminal(tmp_path, central, clock)
    login.login(TECHNICIAN, PIN)
    central.down = CentralUnavailable()
    clock.now += timedelta(days=7, minutes=1)
    assert refused_code(login, TECHNICIAN, PIN) == OFFLINE_EXPIRED
    # Back online, a login keeps it again.
    central.down = None
    assert login.login(TECHNICIAN, PIN).online


def test_offline_a_technician_never_seen_here_is_refused(
    tmp_path: Path, central: Central, clock: Clock
) -> None:
    central.down = CentralUnavailable()
    assert refused_code(terminal(tmp_path, central, clock), TECHNICIAN, PIN) == OFFLINE_UNKNOWN


def test_repeated_wrong_pins_lock_the_login_for_a_while(
    tmp_path: Path, central: Central, clock: Clock
) -> None:
    login = terminal(tmp_path, central, clock)
    for wrong in ("000001", "000002", "000003"):
        assert refused_code(login, TECHNICIAN, wrong) == REFUSED
    asked = central.asked
    with pytest.raises(LoginRefused) as locked:
        login.login(TECHNICIAN, PIN)  # even the right PIN
    assert locked.value.code == LOCKED_OUT
    assert locked.value.until == START + timedelta(seconds=600)
    assert central.asked == asked  # a locked login does not reach the central system
    # Another number gains nothing: the lock is the terminal's.
    assert refused_code(login, "T0001", PIN) == LOCKED_OUT
    # A new login object (the kiosk restarted) still counts it.
    assert refused_code(terminal(tmp_path, central, clock), TECHNICIAN, PIN) == LOCKED_OUT
    clock.now += timedelta(seconds=601)
    assert login.login(TECHNICIAN, PIN).online


def test_a_damaged_state_file_starts_locked(tmp_path: Path, central: Central, clock: Clock) -> None:
    (tmp_path / "technicians.json").write_text("{not json", encoding="utf-8")
    assert refused_code(terminal(tmp_path, central, clock), TECHNICIAN, PIN) == LOCKED_OUT


@pytest.mark.parametrize(
    ("technician_id", "pin", "actor"),
    [("110105195203150011", PIN, "technician:unknown"), ("T0007", "12", "technician:T0007")],
    ids=["an-id-number-typed-as-the-number", "a-short-pin"],
)
def test_malformed_input_is_refused_without_asking_and_audited_without_it(
    tmp_path: Path, central: Central, clock: Clock, technician_id: str, pin: str, actor: str
) -> None:
    login = terminal(tmp_path, central, clock)
    assert refused_code(login, technician_id, pin) == REFUSED
    assert central.asked == 0
    assert outcomes(tmp_path) == [(actor, f"failed:{REFUSED}")]
    assert "110105195203150011" not in (tmp_path / "audit.log").read_text()


def test_a_pin_refused_online_no_longer_works_offline(
    tmp_path: Path, central: Central, clock: Clock
) -> None:
    """Found by a second reader: a PIN changed (or a technician gone) kept its offline hash."""
    login = terminal(tmp_path, central, clock)
    login.login(TECHNICIAN, PIN)
    central.refuse_all = True  # the PIN was changed at the central system
    assert refused_code(login, TECHNICIAN, PIN) == REFUSED
    central.refuse_all, central.down = False, CentralUnavailable()
    assert refused_code(login, TECHNICIAN, PIN) == OFFLINE_UNKNOWN


def test_a_wrong_pin_online_leaves_the_kept_one(
    tmp_path: Path, central: Central, clock: Clock
) -> None:
    """Or anyone could wipe a technician's offline login by typing a wrong PIN."""
    login = terminal(tmp_path, central, clock)
    login.login(TECHNICIAN, PIN)
    assert refused_code(login, TECHNICIAN, "135790") == REFUSED
    central.down = CentralUnavailable()
    assert not login.login(TECHNICIAN, PIN).online


def test_a_terminal_whose_own_key_is_refused_falls_back_to_the_kept_hash(
    tmp_path: Path, central: Central, clock: Clock
) -> None:
    """A technician may be here to mend exactly that; and it is no wrong PIN."""
    login = terminal(tmp_path, central, clock)
    login.login(TECHNICIAN, PIN)
    central.down = TerminalNotAuthorised("auth.signature_invalid")  # type: ignore[assignment]
    assert not login.login(TECHNICIAN, PIN).online


def test_another_refusal_of_the_central_system_is_no_wrong_pin(
    tmp_path: Path, central: Central, clock: Clock
) -> None:
    login = terminal(tmp_path, central, clock)
    central.down = CentralRejected("request.invalid")  # type: ignore[assignment]
    for _ in range(4):
        assert refused_code(login, TECHNICIAN, PIN) == FAILED
    central.down = None
    assert login.login(TECHNICIAN, PIN).online  # not locked out


@pytest.mark.parametrize("content", ["null", "[]", '{"failures": "x"}', '{"credentials": 1}'])
def test_any_state_file_that_is_not_the_terminals_starts_locked(
    tmp_path: Path, central: Central, clock: Clock, content: str
) -> None:
    """Found by a second reader: `null` read as an empty state and lifted a lock-out."""
    (tmp_path / "technicians.json").write_text(content, encoding="utf-8")
    assert refused_code(terminal(tmp_path, central, clock), TECHNICIAN, PIN) == LOCKED_OUT
