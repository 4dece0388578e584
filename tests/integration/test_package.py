"""The terminal's .deb (`make deb`): built once for the session, its contents and metadata
checked, lintian asked (running beside the other tests: it takes a minute or two), then
installed with the real dpkg into a scratch root, run from there, upgraded with a changed
configuration, removed and purged."""

from __future__ import annotations

import re
import stat
import subprocess
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.config import Settings, describe_settings, load_settings
from tests.support.packaging import (
    PACKAGE,
    PREFIX,
    ROOT,
    ScratchRoot,
    build_deb,
    project_version,
    run,
)

UNIT = "usr/lib/systemd/system/sheyin-kiosk.service"
UDEV_RULES = "usr/lib/udev/rules.d/60-sheyin.rules"
CONFIG = "etc/sheyin/config.toml"
TEMPLATE = "usr/share/sheyin/config.toml.example"
STATE = "var/lib/sheyin"
NOT_ON_A_TERMINAL = ("demo", "sandbox", "tests", "fastapi", "uvicorn", "pytest", "mypy")
LINTIAN_TIMEOUT_S = 400


@dataclass(frozen=True)
class BuiltPackage:
    deb: Path
    lintian: subprocess.Popen[str]
    """lintian on the .deb, started as soon as it was built."""


@pytest.fixture(scope="session")
def package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltPackage]:
    deb = build_deb(tmp_path_factory.mktemp("deb"))
    lintian = subprocess.Popen(
        ["lintian", "--no-cfg", str(deb)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    yield BuiltPackage(deb, lintian)
    if lintian.poll() is None:
        lintian.kill()
        lintian.wait()


@pytest.fixture(scope="session")
def listing(package: BuiltPackage) -> dict[str, str]:
    """Each path in the package (no leading ./) with its `tar -tv` line."""
    lines = run("dpkg-deb", "--contents", package.deb).stdout.splitlines()
    return {line.split(" ./", 1)[1].split(" -> ")[0].rstrip("/"): line for line in lines}


@pytest.fixture(scope="session")
def unpacked(package: BuiltPackage, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package's files and control files (DEBIAN/), as dpkg-deb gives them."""
    target = tmp_path_factory.mktemp("unpacked")
    assert run("dpkg-deb", "--raw-extract", package.deb, target).returncode == 0
    return target


@pytest.fixture(scope="module")
def installed(package: BuiltPackage, tmp_path_factory: pytest.TempPathFactory) -> ScratchRoot:
    root = ScratchRoot.make(tmp_path_factory.mktemp("root"))
    result = root.dpkg("--install", package.deb)
    assert result.returncode == 0, result.stderr
    return root


def test_the_file_is_named_after_the_project_version(package: BuiltPackage) -> None:
    assert package.deb.name == f"{PACKAGE}_{project_version()}_amd64.deb"
    fields = run("dpkg-deb", "--field", package.deb, "Package", "Version", "Architecture")
    assert fields.stdout.split("\n")[:3] == [
        f"Package: {PACKAGE}",
        f"Version: {project_version()}",
        "Architecture: amd64",
    ]


def test_it_depends_on_what_the_terminal_runs(package: BuiltPackage) -> None:
    depends = run("dpkg-deb", "--field", package.deb, "Depends").stdout
    needed = {name.strip() for name in depends.split(",")}
    assert {
        "python3.11",
        "pcscd",
        "cups",
        "cups-client",
        "fonts-wqy-microhei",
        "cage",
        "espeak-ng",
        "libgl1",
        "libegl1",
        "libxkbcommon0",
        "libfontconfig1",
        "libdbus-1-3",
        "libglib2.0-0",
        "libpcsclite1",
        "adduser",
        # Qt's wayland platform plugin and its EGL integration
        "libwayland-client0",
        "libwayland-cursor0",
        "libwayland-egl1",
    } <= needed


def test_it_holds_the_terminal_and_nothing_of_the_demo(listing: dict[str, str]) -> None:
    site = f"{PREFIX}/lib/python3.11/site-packages"
    for package in ("kiosk", "ui", "devices", "offline_queue"):
        assert f"{site}/{package}/__init__.py" in listing
    assert f"{site}/ui/i18n/sheyin_zh_CN.qm" in listing
    for name in NOT_ON_A_TERMINAL:
        assert not [p for p in listing if p.startswith(f"{site}/{name}/")], name
    assert not [p for p in listing if p.endswith((".pyc", ".pyo")) or "__pycache__" in p]
    assert f"{PREFIX}/bin/sheyin" in listing
    assert f"{PREFIX}/bin/sheyin-kiosk" in listing  # what the kiosk unit starts
    assert "-> /opt/sheyin/bin/sheyin" in listing["usr/bin/sheyin"]
    for path in (
        UNIT,
        UDEV_RULES,
        "usr/share/applications/sheyin-staff.desktop",
        f"usr/share/doc/{PACKAGE}/copyright",
        f"usr/share/doc/{PACKAGE}/changelog.Debian.gz",
        f"usr/share/lintian/overrides/{PACKAGE}",
    ):
        assert path in listing, path
    assert listing[TEMPLATE].startswith("-rw-r--r-- root/root")
    assert CONFIG not in listing  # made by postinst on the first install (no conffile)


def test_no_staging_path_is_left_in_the_venv(unpacked: Path) -> None:
    venv = unpacked / PREFIX
    assert (venv / "bin" / "sheyin").read_text().startswith("#!/opt/sheyin/bin/python\n")
    assert "\nVIRTUAL_ENV=/opt/sheyin\n" in (venv / "bin" / "activate").read_text()
    pyvenv = (venv / "pyvenv.cfg").read_text()
    assert "home = /usr/bin" in pyvenv
    assert "/usr/bin/python3.11 -m venv --without-pip /opt/sheyin" in pyvenv
    leftovers = run("grep", "-rlF", str(unpacked.parent), venv)
    assert leftovers.stdout == ""


def test_the_configuration_template_has_every_setting_commented_out(unpacked: Path) -> None:
    """And no conffile: an upgrade never stops at dpkg's question about a file every kiosk
    has edited (an unattended one would fail there)."""
    assert not (unpacked / "DEBIAN" / "conffiles").exists()
    text = (unpacked / TEMPLATE).read_text()
    parsed = tomllib.loads(text)
    assert set(parsed) == set(Settings.model_fields)
    assert all(table == {} for table in parsed.values())  # nothing set, every default kept
    defaults = describe_settings(load_settings(environ={}))
    for line in defaults.splitlines():
        if line.startswith(("#", "[")) or not line:
            assert line in text.splitlines()  # descriptions and tables kept as they were
        else:
            assert f"# {line}" in text.splitlines()
    assert not [line for line in text.splitlines() if re.match(r"^[a-z_]+\s*=", line)]
    assert "SHEYIN_PATHS_DATA_DIR" in text and "/var/lib/sheyin" in text


def test_the_maintainer_scripts_parse(unpacked: Path) -> None:
    for script in ("postinst", "prerm", "postrm"):
        path = unpacked / "DEBIAN" / script
        assert path.stat().st_mode & stat.S_IXUSR
        result = run("sh", "-n", path)
        assert result.returncode == 0, result.stderr


UDEV_MATCH_KEYS = {"ACTION", "KERNEL", "KERNELS", "SUBSYSTEM", "SUBSYSTEMS", "DRIVER", "DRIVERS"}
UDEV_MATCH_KEYS_WITH_NAME = {"ATTR", "ATTRS", "ENV", "TEST"}
UDEV_ASSIGN_KEYS = {"SYMLINK", "GROUP", "MODE", "OWNER", "TAG", "OPTIONS", "RUN"}
UDEV_PAIR = re.compile(
    r"\s*(?P<key>[A-Z_]+)(?:\{(?P<name>[A-Za-z0-9_.*]+)\})?\s*(?P<op>==|!=|\+=|-=|:=|=)\s*"
    r'"(?P<value>[^"]*)"\s*(?:,|$)'
)


def udev_rule(line: str) -> list[tuple[str, str | None, str, str]]:
    """A rule's key/operator/value pairs, or AssertionError where udev would not parse it."""
    pairs = []
    position = 0
    while position < len(line):
        found = UDEV_PAIR.match(line, position)
        assert found, f"cannot parse at column {position}: {line}"
        pairs.append((found["key"], found["name"], found["op"], found["value"]))
        position = found.end()
    return pairs


def test_the_udev_rules_parse_and_name_the_devices(unpacked: Path) -> None:
    names: set[str] = set()
    for line in (unpacked / UDEV_RULES).read_text().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        pairs = udev_rule(line)
        matches = [(k, n) for k, n, op, _ in pairs if op in ("==", "!=")]
        for key, name, op, value in pairs:
            if op in ("==", "!="):
                assert key in UDEV_MATCH_KEYS | UDEV_MATCH_KEYS_WITH_NAME, key
                assert (name is not None) == (key in UDEV_MATCH_KEYS_WITH_NAME), key
            else:
                assert key in UDEV_ASSIGN_KEYS or (key == "ENV" and name), key
            if key == "SYMLINK":
                names.add(value)
            if key == "GROUP":
                assert value == "sheyin"
        assert matches, line  # a rule that matches everything would be a mistake here
    assert names == {"sheyin/idcard", "sheyin/receipt", "sheyin/camera"}


def test_the_installed_sheyin_runs(installed: ScratchRoot) -> None:
    result = installed.sheyin("--version")
    assert (result.returncode, result.stdout) == (0, f"sheyin {project_version()}\n")
    shown = installed.sheyin("--config", str(installed.path / CONFIG), "config", "show")
    assert shown.returncode == 0, shown.stderr
    # The shipped file changes nothing: the defaults, as the developer checkout has them.
    assert shown.stdout == describe_settings(load_settings(environ={})) + "\n"


def test_the_installed_kiosk_session_starts_and_refuses_a_terminal_without_its_key(
    installed: ScratchRoot,
) -> None:
    """What the unit starts: its first screen up (offscreen here), then the shipped settings
    refused as `sheyin run` refuses them, outside systemd with exit 2 and one line."""
    venv = installed.path / PREFIX
    result = subprocess.run(
        [
            str(venv / "bin" / "python"),
            str(venv / "bin" / "sheyin-kiosk"),
            *("--config", str(installed.path / CONFIG)),
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "HOME": str(installed.path)},
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2, result.stderr
    assert "sheyin run: central.terminal_key: not set" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "command",
    [["demo", "--windowed"], ["sandbox", "--port", "0"], ["virtual-card"], ["idcard", "simulate"]],
)
def test_the_demo_commands_say_they_are_not_there(
    installed: ScratchRoot, command: list[str]
) -> None:
    result = installed.sheyin(*command)
    assert result.returncode == 2
    assert "not part of a terminal's package" in result.stderr
    assert "Traceback" not in result.stderr


def test_its_libraries_load_with_debian_python(installed: ScratchRoot) -> None:
    """Every compiled module the terminal needs finds its libraries on this Debian 12 (what
    the package's Depends name), under the interpreter the package runs on."""
    python = installed.path / PREFIX / "bin" / "python"
    assert python.resolve() == Path("/usr/bin/python3.11")
    result = run(
        python,
        "-c",
        "import cv2, dlib, numpy, smartcard.scard, PySide6.QtWidgets, face_recognition_models, "
        "cryptography.hazmat.bindings._rust, pydantic_core, PIL.Image; print('ok')",
    )
    assert result.stdout == "ok\n", result.stderr


def test_postinst_made_the_user_the_state_and_the_byte_code(installed: ScratchRoot) -> None:
    user = installed.passwd_entry("sheyin")
    group = installed.group_entry("sheyin")
    assert user is not None and group is not None
    assert user[5:] == ["/var/lib/sheyin", "/usr/sbin/nologin"]
    assert int(user[2]) < 1000  # a system user
    for device_group in ("dialout", "video", "lp", "plugdev"):
        entry = installed.group_entry(device_group)
        if entry is not None:
            assert "sheyin" in entry[3].split(","), device_group
    state = (installed.path / STATE).stat()
    assert (stat.S_IMODE(state.st_mode), state.st_uid, state.st_gid) == (
        0o750,
        int(user[2]),
        int(group[2]),
    )
    config = (installed.path / CONFIG).stat()
    assert (stat.S_IMODE(config.st_mode), config.st_uid, config.st_gid) == (0o640, 0, int(group[2]))
    # The fleet's load-settings replaces the file by a rename in its directory.
    folder = (installed.path / CONFIG).parent.stat()
    assert (stat.S_IMODE(folder.st_mode), folder.st_uid, folder.st_gid) == (
        0o750,
        int(user[2]),
        int(group[2]),
    )
    rules = installed.path / "usr/share/polkit-1/rules.d/50-sheyin-reboot.rules"
    assert '"org.freedesktop.login1.reboot"' in rules.read_text()
    assert (installed.path / CONFIG).read_text() == (installed.path / TEMPLATE).read_text()
    compiled = installed.path / PREFIX / "lib/python3.11/site-packages/kiosk/__pycache__"
    assert list(compiled.glob("cli.cpython-311.pyc"))


def test_systemd_accepts_the_unit(installed: ScratchRoot) -> None:
    unit = installed.path / UNIT
    # systemd 252 has no `verify --root` that works on a root without systemd itself: the
    # installed file, checked against this machine's units (and its /usr/bin/cage).
    result = run("systemd-analyze", "verify", unit)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")
    settings = dict(
        line.split("=", 1)
        for line in unit.read_text().splitlines()
        if "=" in line and not line.startswith("#")
    )
    assert settings["Type"] == "notify"
    assert settings["NotifyAccess"] == "all"
    assert settings["WatchdogSec"] == "20"
    assert settings["Restart"] == "always"
    assert settings["StartLimitIntervalSec"] == "0"
    assert settings["User"] == "sheyin"
    assert settings["ExecStart"] == (
        "/usr/bin/cage -d -- /opt/sheyin/bin/sheyin-kiosk --config /etc/sheyin/config.toml"
    )
    assert "SHEYIN_PATHS_DATA_DIR=/var/lib/sheyin" in unit.read_text()
    # The kiosk stopped before cage (tests/integration/test_kiosk_session.py runs this line),
    # and no core dump of a citizen's session.
    assert settings["ExecStop"].startswith('/bin/sh -c \'pkill -TERM --parent "$$MAINPID";')
    assert settings["LimitCORE"] == "0"
    # /etc read-only but for the kiosk's settings, which the fleet's load-settings replaces.
    assert settings["ProtectSystem"] == "full"
    assert settings["ReadWritePaths"] == "/etc/sheyin"


def test_an_upgrade_keeps_the_configuration_and_the_state(
    installed: ScratchRoot, package: BuiltPackage
) -> None:
    config = installed.path / CONFIG
    changed = config.read_text().replace('# language = "zh_CN"', 'language = "en"', 1)
    assert changed != config.read_text()
    config.write_text(changed)
    outbox = installed.path / STATE / "outbox.sqlite3"
    outbox.write_bytes(b"what the central system has not received yet")
    result = installed.dpkg("--install", package.deb)
    assert result.returncode == 0, result.stderr
    assert config.read_text() == changed
    assert stat.S_IMODE(config.stat().st_mode) == 0o640
    assert outbox.read_bytes() == b"what the central system has not received yet"
    shown = installed.sheyin("--config", str(config), "config", "show")
    assert 'language = "en"' in shown.stdout


def test_remove_keeps_the_state_and_purge_removes_it(installed: ScratchRoot) -> None:
    result = installed.dpkg("--remove", PACKAGE)
    assert result.returncode == 0, result.stderr
    assert not (installed.path / PREFIX).exists()  # prerm took the byte code away too
    assert not (installed.path / "usr/bin/sheyin").exists()
    assert (installed.path / CONFIG).exists()
    assert (installed.path / STATE / "outbox.sqlite3").exists()
    result = installed.dpkg("--purge", PACKAGE)
    assert result.returncode == 0, result.stderr
    assert not (installed.path / "etc/sheyin").exists()
    assert not (installed.path / STATE).exists()


def test_lintian_finds_no_error(package: BuiltPackage) -> None:
    output, _ = package.lintian.communicate(timeout=LINTIAN_TIMEOUT_S)
    errors = [line for line in output.splitlines() if line.startswith("E:")]
    assert errors == []
    assert package.lintian.returncode == 0, output[-2000:]


def test_make_deb_is_what_the_tests_build() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert "deb: bootstrap\n\t@packaging/build-deb.sh" in makefile
