"""/etc/sheyin/config.toml from `sheyin config show` (standard input to standard output): every
description kept, every `key = value` commented out, so that the file documents each setting
and its default while changing none of them.

Run by packaging/build-deb.sh with the staged virtualenv's `config show` in an empty
environment (the defaults, nothing of the build machine).
"""

from __future__ import annotations

import re
import sys

HEADER = """\
# /etc/sheyin/config.toml: this terminal's settings (package sheyin-kiosk).
#
# Every setting is here with its description and its default, commented out: uncomment and
# change what this terminal needs. `sheyin --config /etc/sheyin/config.toml config show`
# prints the effective settings. SHEYIN_<SECTION>_<KEY> environment variables win over this
# file. The file holds the terminal's key: it stays 0640 root:sheyin.
#
# A citizens' kiosk needs at least [central] url, terminal_id and terminal_key and the real
# device drivers ([devices]); a staff laptop also role = "staff" in [kiosk].

"""
DATA_DIR_GUIDANCE = (
    "# On a terminal: /var/lib/sheyin. sheyin-kiosk.service sets SHEYIN_PATHS_DATA_DIR to it\n"
    "# (which wins over this file); a staff laptop keeps its state in the user's\n"
    "# ~/.local/share/sheyin unless set here.\n"
)
SETTING = re.compile(r"^[a-z_][a-z0-9_]*\s*=")


def commented_config(described: str) -> str:
    """The file's text from `sheyin config show`'s output."""
    lines = [HEADER]
    section = ""
    for line in described.splitlines():
        if line.startswith("["):
            section = line.strip("[]")
            lines.append(line + "\n")
        elif SETTING.match(line):
            lines.append(f"# {line}\n")
            if section == "paths" and line.startswith("data_dir"):
                lines.append(DATA_DIR_GUIDANCE)
        else:
            lines.append(line + "\n")
    return "".join(lines)


if __name__ == "__main__":
    sys.stdout.write(commented_config(sys.stdin.read()))
