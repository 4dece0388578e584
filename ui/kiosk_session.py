"""`sheyin-kiosk`: the citizens' kiosk as its session starts it (packaging/systemd: cage runs
it on tty1). It is `sheyin run` without the command line around it: no other command's entry
points are looked up and no package metadata is read, so the attract screen is up sooner
after a crash."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="sheyin-kiosk", description="the citizens' kiosk, as the kiosk session starts it"
    )
    parser.add_argument("--config", type=Path, help="TOML settings file")
    args = parser.parse_args(argv)
    from kiosk.start import run_terminal
    from ui.main import run

    return run_terminal(args.config, False, run)


if __name__ == "__main__":
    sys.exit(main())
