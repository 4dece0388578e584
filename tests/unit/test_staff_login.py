"""A member of staff's login (kiosk/roles/staff.py, on kiosk/roles/credentials.py): online
through the central system, offline against the hash kept from the last online login until it
expires; the idle lock lifted by the PIN checked here alone; wrong PINs at either lock the
login; every attempt and the logout in the audit log, never the PIN."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.audit import AuditLog, read_records, verify
from kiosk.central.errors import (
    CentralRejected,
    CentralUnavailable,
    MalformedCentralResponse,
)
from kiosk.roles import technician
from kiosk.roles.staff import (
    FAILED,
    LOCKED_OUT,
    LOGOUT_DAY_END,
    LOGOUT_MANUAL,
    OFFLINE_EXPIRED,
    OFFLINE_UNKNOWN,
    REFUSED,
    LoginRefused,
    StaffLogin,
)

STAFF, PIN = "S0101", "135790"
START = datetime(2026, 12, 7, 8, 30, tzinfo=UTC)


class Central:
    """Knows S0101 with PIN 135790; `down` makes it fail so; `asked` counts the questions."""

    def __init__(self) -> None:
        self.down: Exception | None = None
        self.asked = 0

    def check(self, staff_id: str, pin: str) -> object:
        self.asked += 1
        if self.down is not None:
            raise self.down
        if (staff_id, pin) != (STAFF, PIN):
            raise CentralRejected(REFUSED)
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


def laptop(tmp_path: Path, central: Central, clock: Clock) -> StaffLogin:
    return StaffLogin(
        central.check,  # type: ignore[arg-type]
        tmp_path / "staff.json",
        AuditLog(tmp_path / "audit.log"),
        offline_days=3,
        max_failures=3,
        lockout_s=300,
        clock=clock,
    )


def audited(tmp_path: Path) -> list[tuple[str, str, str]]:
    return [(r.actor, r.action, r.outcome) for r in read_records(tmp_path / "audit.log")]


def refused(attempt: object, *args: str) -> LoginRefused:
    with pytest.raises(LoginRefused) as refusal:
        attempt(*args)  # type: ignore[operator]
    assert PIN not in str(refusal.value) and all(a not in str(refusal.value) for a in args[1:])
    return refusal.value


def test_online_then_offline_login_with_the_kept_hash(
    tmp_path: Path, central: Central, clock: Clock
) -> None:
    login = laptop(tmp_path, central, clock)
    grant = login.login(STAFF, PIN)
    assert grant.online and grant.staff_id == STAFF and grant.granted_at == START
    central.down = CentralUnavailable()
    clock.now += timedelta(days=2, hours=23)
    grant = login.login(STAFF, PIN)
    assert not grant.online and grant.staff_id == STAFF
    assert refused(login.login, STAFF, "000000").code == REFUSED
    assert audited(tmp_path) == [
        ("staff:S0101", "staff.login", "ok:online"),
        ("staff:S0101", "staff.login", "ok:offline"),
        ("staff:S0101", "staff.login", f"failed:{REFUSED}"),
    ]
    assert verify(tmp_path / "audit.log").intact
    state = tmp_path / "staff.json"
    assert PIN not in state.read_text() and state.stat().st_mode & 0o077 == 0


def test_an_offline_login_past_the_staff_days_is_refused_as_expired(
    tmp_path: Path, central: Central, clock: Clock
) -> None:
    login = laptop(tmp_path, central, clock)
    login.login(STAFF, PIN)
    central.down = CentralUnavailable()
    clock.now += timedelta(days=3, minutes=1)
    assert refused(login.login, STAFF, PIN).code == OFFLINE_EXPIRED
    assert audited(tmp_path)[-1] == ("staff:S0101", "staff.login", f"failed:{OFFLINE_EXPIRED}")
    central.down = None
    assert login.login(STAFF, PIN).online  # back online, kept again


def test_offline_a_member_of_staff_never_seen_here_is_refused(
    tmp_path: Path, central: Central, clock: Clock
) -> None:
    central.down = CentralUnavailable()
    assert refused(laptop(tmp_path, central, clock).login, STAFF, PIN).code == OFFLINE_UNKNOWN


def test_unlock_checks_the_kept_hash_without_the_central_system(
    tmp_path: Path, central: Central, clock: Clock
) -> None:
    login = laptop(tmp_path, central, clock)
    login.login(STAFF, PIN)
    asked = central.asked
    central.down = AssertionError("unlock asked the central system")
    clock.now += timedelta(hours=9)  # offline all day
    login.unlock(STAFF, PIN)
    assert refused(login.unlock, STAFF, "000000").code == REFUSED
    login.unlock(STAFF, PIN)
    assert central.asked == asked
    assert audited(tmp_path)[1:] == [
        ("staff:S0101", "staff.unlock", "ok"),
        ("staff:S0101", "staff.unlock", f"failed:{REFUSED}"),
        ("staff:S0101", "staff.unlock", "ok"),
    ]


def test_wrong_pins_at_the_lock_count_with_wrong_logins_and_lock_the_login(
    tmp_path: Path, central: Central, clock: Clock
) -> None:
    login = laptop(tmp_path, central, clock)
    login.login(STAFF, PIN)
    assert refused(login.login, STAFF, "000001").code == REFUSED
    assert refused(login.unlock, STAFF, "000002").code == REFUSED
    assert refused(login.unlock, STAFF, "000003").code == REFUSED
    locked = refused(login.unlock, STAFF, PIN)  # even the right PIN
    assert locked.code == LOCKED_OUT and locked.until == START + timedelta(seconds=300)
    assert refused(login.login, STAFF, PIN).code == LOCKED_OUT
    # A new login object (the terminal restarted) still counts it.
    assert refused(laptop(tmp_path, central, clock).unlock, STAFF, PIN).code == LOCKED_OUT
    assert audited(tmp_path)[-3:] == [
        ("staff:S0101", "staff.unlock", f"failed:{LOCKED_OUT}"),
        ("staff:S0101", "staff.login", f"failed:{LOCKED_OUT}"),
        ("staff:S0101", "staff.unlock", f"failed:{LOCKED_OUT}"),
    ]
    clock.now += timedelta(seconds=301)
    login.unlock(STAFF, PIN)


def test_a_right_pin_at_the_lock_starts_the_count_again(
    tmp_path: Path, central: Central, clock: Clock
) -> None:
    login = laptop(tmp_path, central, clock)
    login.login(STAFF, PIN)
    for _ in range(3):
        assert refused(login.unlock, STAFF, "000001").code == REFUSED
        assert refused(login.unlock, STAFF, "000002").code == REFUSED
        login.unlock(STAFF, PIN)  # two wrong, then right: never three in a row


def test_unlock_without_a_kept_hash_is_refused_and_past_its_days_still_opens(
    tmp_path: Path, central: Central, clock: Clock
) -> None:
    login = laptop(tmp_path, central, clock)
    assert refused(login.unlock, STAFF, PIN).code == REFUSED  # nothing kept
    login.login(STAFF, PIN)
    assert refused(login.unlock, "S0102", PIN).code == REFUSED  # kept for another number
    clock.now += timedelta(days=3, minutes=1)
    # The open login passed the expiry when it began: its lock, mid-visit, does not strand the
    # citizen; a new login offline is refused as before.
    login.unlock(STAFF, PIN)
    central.down = CentralUnavailable()
    assert refused(login.login, STAFF, PIN).code == OFFLINE_EXPIRED


def test_a_damaged_state_file_starts_locked(tmp_path: Path, central: Central, clock: Clock) -> None:
    login = laptop(tmp_path, central, clock)
    login.login(STAFF, PIN)
    (tmp_path / "staff.json").write_text("{not json", encoding="utf-8")
    assert refused(login.unlock, STAFF, PIN).code == LOCKED_OUT
    clock.now += timedelta(seconds=301)
    assert refused(login.unlock, STAFF, PIN).code == REFUSED  # the kept hash went with it


@pytest.mark.parametrize(
    ("staff_id", "pin", "actor"),
    [
        ("110105195203150011", PIN, "staff:unknown"),
        ("T0007", PIN, "staff:unknown"),
        (STAFF, "1357", "staff:S0101"),
    ],
    ids=["an-id-number-typed-as-the-number", "a-technician-number", "a-short-pin"],
)
def test_malformed_input_is_refused_without_asking_and_audited_without_it(
    tmp_path: Path, central: Central, clock: Clock, staff_id: str, pin: str, actor: str
) -> None:
    login = laptop(tmp_path, central, clock)
    assert refused(login.login, staff_id, pin).code == REFUSED
    assert refused(login.unlock, staff_id, pin).code == REFUSED
    assert central.asked == 0
    assert audited(tmp_path) == [
        (actor, "staff.login", f"failed:{REFUSED}"),
        (actor, "staff.unlock", f"failed:{REFUSED}"),
    ]
    assert "110105195203150011" not in (tmp_path / "audit.log").read_text()


@pytest.mark.parametrize(
    "answer",
    [CentralRejected("request.invalid"), CentralRejected("technician.refused"),
     MalformedCentralResponse()],
    ids=["another-refusal", "another-roles-refusal", "a-malformed-answer"],
)  # fmt: skip
def test_an_answer_the_terminal_cannot_use_is_no_wrong_pin(
    tmp_path: Path, central: Central, clock: Clock, answer: Exception
) -> None:
    login = laptop(tmp_path, central, clock)
    central.down = answer
    for _ in range(4):
        assert refused(login.login, STAFF, PIN).code == FAILED
    central.down = None
    assert login.login(STAFF, PIN).online  # not locked out


def test_logout_is_audited_with_its_reason_and_keeps_the_offline_login(
    tmp_path: Path, central: Central, clock: Clock
) -> None:
    login = laptop(tmp_path, central, clock)
    login.login(STAFF, PIN)
    login.logout(STAFF, LOGOUT_MANUAL)
    login.logout(STAFF, LOGOUT_DAY_END)
    with pytest.raises(ValueError, match=r"^staff\.logout_reason_invalid$"):
        login.logout(STAFF, "went home early")
    assert audited(tmp_path)[1:] == [
        ("staff:S0101", "staff.logout", "ok:manual"),
        ("staff:S0101", "staff.logout", "ok:day_end"),
    ]
    central.down = CentralUnavailable()
    assert not login.login(STAFF, PIN).online


def test_staff_and_technicians_keep_their_own_state(
    tmp_path: Path, central: Central, clock: Clock
) -> None:
    """A technician locked out on a staff laptop does not lock the staff out, nor the other way
    round; and each role's codes are its own."""
    staff = laptop(tmp_path, central, clock)
    staff.login(STAFF, PIN)

    def technicians_central(technician_id: str, pin: str) -> object:
        raise CentralRejected(technician.REFUSED)

    technicians = technician.TechnicianLogin(
        technicians_central,  # type: ignore[arg-type]
        tmp_path / "technicians.json",
        AuditLog(tmp_path / "audit.log"),
        offline_days=7,
        max_failures=3,
        lockout_s=600,
        clock=clock,
    )
    for wrong in ("000001", "000002", "000003"):
        assert refused(technicians.login, "T0007", wrong).code == technician.REFUSED
    assert refused(technicians.login, "T0007", PIN).code == technician.LOCKED_OUT
    staff.unlock(STAFF, PIN)
    assert staff.login(STAFF, PIN).online
    assert [r[1] for r in audited(tmp_path)] == [
        "staff.login",
        *["technician.login"] * 4,
        "staff.unlock",
        "staff.login",
    ]
