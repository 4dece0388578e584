"""The terminal's .deb for the tests: built by packaging/build-deb.sh (what `make deb` runs) and
installed with the real dpkg into a scratch root, its maintainer scripts run chrootless
(DPKG_ROOT), so that nothing of this machine changes."""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = ROOT / "packaging" / "build-deb.sh"
PACKAGE = "sheyin-kiosk"
PREFIX = Path("opt/sheyin")
BUILD_TIMEOUT_S = 600


def project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def build_deb(out_dir: Path) -> Path:
    """The .deb, built into `out_dir` (its staging tree below it too)."""
    subprocess.run(
        [str(BUILD_SCRIPT)],
        env={
            "PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
            "HOME": str(Path.home()),
            "OUT_DIR": str(out_dir),
            "BUILD": str(out_dir / "build"),
        },
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
    )
    return out_dir / f"{PACKAGE}_{project_version()}_amd64.deb"


def run(*command: str | Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """A command's result, failures included (the caller checks returncode)."""
    return subprocess.run(
        [str(part) for part in command],
        check=False,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


@dataclass(frozen=True)
class ScratchRoot:
    """A directory dpkg treats as a system of its own (`dpkg --root`)."""

    path: Path

    @classmethod
    def make(cls, path: Path) -> ScratchRoot:
        """An empty dpkg database, and this machine's users and groups to add the kiosk's
        user to (its device groups exist there), copied: the originals stay untouched."""
        for directory in ("var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers"):
            (path / directory).mkdir(parents=True)
        for name in ("status", "available"):
            (path / "var/lib/dpkg" / name).touch()
        (path / "etc").mkdir()
        for name in ("passwd", "group", "shadow", "gshadow", "login.defs"):
            shutil.copy2(Path("/etc") / name, path / "etc" / name)
        return cls(path)

    def dpkg(self, *arguments: str | Path) -> subprocess.CompletedProcess[str]:
        """dpkg on this root. The package's dependencies are this machine's business, not the
        scratch root's; maintainer scripts run without chroot, with DPKG_ROOT set."""
        return run(
            "dpkg",
            f"--root={self.path}",
            "--force-depends",
            "--force-not-root",
            "--force-script-chrootless",
            *arguments,
        )

    def sheyin(self, *arguments: str) -> subprocess.CompletedProcess[str]:
        """The installed `sheyin`: its script through the venv's python (whose shebang names
        /opt/sheyin, which is this root's, not this machine's), in an empty environment."""
        venv = self.path / PREFIX
        return subprocess.run(
            [str(venv / "bin" / "python"), str(venv / "bin" / "sheyin"), *arguments],
            check=False,
            capture_output=True,
            text=True,
            timeout=120,
            env={"PATH": "/usr/bin:/bin"},
            stdin=subprocess.DEVNULL,
        )

    def passwd_entry(self, name: str) -> list[str] | None:
        for line in (self.path / "etc" / "passwd").read_text().splitlines():
            fields = line.split(":")
            if fields[0] == name:
                return fields
        return None

    def group_entry(self, name: str) -> list[str] | None:
        for line in (self.path / "etc" / "group").read_text().splitlines():
            fields = line.split(":")
            if fields[0] == name:
                return fields
        return None
