from datetime import time
from pathlib import Path

import pytest

from kiosk.app import private_data_dir
from kiosk.cli import main
from kiosk.config import ConfigError, check_terminal, describe_settings, load_settings
from sandbox.credentials import DEMO_TERMINAL_KEY

A_TERMINAL_KEY = "9f" * 32


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sheyin.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_name_no_central_system_and_hold_no_key() -> None:
    settings = load_settings(environ={})
    assert settings.kiosk.language == "zh_CN"
    assert settings.central.url == ""
    assert settings.central.terminal_key.get_secret_value() == ""
    assert settings.central.certificate_public_key == ""
    assert settings.kiosk.idle_warning_s >= 20


def test_a_terminal_needs_its_own_key_and_a_central_system() -> None:
    with pytest.raises(ConfigError, match=r"^central\.terminal_key: not set"):
        check_terminal(load_settings(environ={}))
    published = {"SHEYIN_CENTRAL_TERMINAL_KEY": DEMO_TERMINAL_KEY}
    with pytest.raises(ConfigError, match=r"^central\.terminal_key: the published demo key"):
        check_terminal(load_settings(environ=published))
    own = {"SHEYIN_CENTRAL_TERMINAL_KEY": A_TERMINAL_KEY, "SHEYIN_CENTRAL_TERMINAL_ID": "T-1"}
    with pytest.raises(ConfigError, match=r"^central\.url: not set"):
        check_terminal(load_settings(environ=own))
    on_a_development_machine = {"SHEYIN_KIOSK_DEVELOPMENT": "true"}
    check_terminal(
        load_settings(
            environ={**own, **on_a_development_machine, "SHEYIN_CENTRAL_URL": "https://jb.example"}
        )
    )


def test_file_then_environment_wins(tmp_path: Path) -> None:
    path = write(tmp_path, '[kiosk]\nlanguage = "en"\nidle_timeout_s = 120\n')
    settings = load_settings(path, environ={"SHEYIN_KIOSK_IDLE_TIMEOUT_S": "45"})
    assert settings.kiosk.language == "en"
    assert settings.kiosk.idle_timeout_s == 45


@pytest.mark.parametrize(
    ("text", "env", "message"),
    [
        ("[kiosk]\nlanguag = 'en'\n", {}, "kiosk.languag: unknown setting"),
        ("[kiosks]\nlanguage = 'en'\n", {}, "kiosks: unknown setting"),
        ("[kiosk]\nidle_timeout_s = 'soon'\n", {}, "kiosk.idle_timeout_s:"),
        ("[kiosk]\nidle_warning_s = 10\n", {}, "kiosk.idle_warning_s:"),
        ("kiosk = 3\n", {}, "kiosk: expected a [kiosk] table"),
        ("[central]\nurl = 'http://central.example.cn'\n", {}, "central.url:"),
        ("[central]\nterminal_key = 'zz'\n", {}, "central.terminal_key:"),
        ("", {"SHEYIN_KIOSK_COLOUR": "red"}, "SHEYIN_KIOSK_COLOUR: no such setting"),
        ("", {"SHEYIN_CENTRAL_READ_TIMEOUT_S": "-1"}, "central.read_timeout_s:"),
        ("[kiosk\n", {}, "not valid TOML"),
        ("[staff]\nday_ends_at = '6pm'\n", {}, "staff.day_ends_at:"),
        ("", {"SHEYIN_STAFF_DAY_ENDS_AT": "24:00"}, "staff.day_ends_at:"),
        ("", {"SHEYIN_STAFF_DAY_ENDS_AT": "18:0"}, "staff.day_ends_at:"),
        ("", {"SHEYIN_STAFF_IDLE_LOCK_S": "29"}, "staff.idle_lock_s:"),
        ("", {"SHEYIN_STAFF_OFFLINE_DAYS": "0"}, "staff.offline_days:"),
    ],
)
def test_bad_settings_name_the_key(
    tmp_path: Path, text: str, env: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigError) as error:
        load_settings(write(tmp_path, text), environ=env)
    assert message in str(error.value)


def test_https_is_required_except_on_loopback() -> None:
    for url in (
        "https://central.example.cn",
        "http://127.0.0.1:1",
        "http://[::1]:8",
        "http://localhost",
    ):
        assert load_settings(environ={"SHEYIN_CENTRAL_URL": url}).central.url == url.rstrip("/")


def test_config_show_prints_every_setting_and_masks_the_key(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHEYIN_CENTRAL_TERMINAL_KEY", A_TERMINAL_KEY)
    assert main(["config", "show"]) == 0
    shown = capsys.readouterr().out
    assert A_TERMINAL_KEY not in shown
    assert 'terminal_key = "********"' in shown
    assert "[central]" in shown and "idle_warning_s = 30" in shown
    # Every setting carries its description.
    assert shown.count("\n# ") >= shown.count(" = ") - 1


def test_config_error_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "[kiosk]\nlanguage = 'fr'\n")
    assert main(["--config", str(path), "config", "show"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("sheyin: configuration error: kiosk.language:")
    assert err.count("\n") == 1


def test_description_round_trips_as_toml(tmp_path: Path) -> None:
    settings = load_settings(
        environ={"SHEYIN_KIOSK_LANGUAGE": "en", "SHEYIN_CENTRAL_TERMINAL_KEY": A_TERMINAL_KEY}
    )
    text = describe_settings(settings).replace('"********"', f'"{A_TERMINAL_KEY}"')
    assert load_settings(write(tmp_path, text), environ={}) == settings


def test_the_data_directory_is_made_and_kept_this_users_alone(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh" / "sheyin"
    made = private_data_dir(load_settings(environ={"SHEYIN_PATHS_DATA_DIR": str(fresh)}))
    assert made == fresh and fresh.stat().st_mode & 0o777 == 0o700
    earlier = tmp_path / "earlier"
    earlier.mkdir(mode=0o755)
    earlier.chmod(0o755)  # as an earlier release left it, whatever this umask is
    private_data_dir(load_settings(environ={"SHEYIN_PATHS_DATA_DIR": str(earlier)}))
    assert earlier.stat().st_mode & 0o777 == 0o700


def test_the_staff_settings_and_their_day_end() -> None:
    defaults = load_settings(environ={}).staff
    assert (defaults.offline_days, defaults.max_failures, defaults.lockout_s) == (3, 5, 300)
    assert defaults.idle_lock_s == 300 and defaults.day_end == time(18, 0)
    staff = load_settings(
        environ={"SHEYIN_STAFF_DAY_ENDS_AT": "07:30", "SHEYIN_STAFF_IDLE_LOCK_S": "30"}
    ).staff
    assert staff.day_ends_at == "07:30" and staff.day_end == time(7, 30)
    assert staff.idle_lock_s == 30
