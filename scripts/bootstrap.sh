#!/usr/bin/env bash
# Installs what the kiosk, its demo and its tests need on a Debian 12 machine:
# system packages with apt-get (when root), then the Python environment in .venv.
# Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(
    python3-venv            # Debian's python3 has no venv module without it
    libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
    libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0
    libxcb-render-util0 libxcb-image0 libxcb-xinerama0   # Qt's xcb platform plugin
    fonts-wqy-microhei      # CJK glyphs on screen and in PDFs
    xvfb xauth              # a screen for the demo on a headless machine, and for screenshots
    poppler-utils           # pdftotext/pdftoppm, used by tests that read our PDFs
    pcscd vsmartcard-vpcd   # the real PC/SC path: tests and the demo run cards through them
    swig libpcsclite-dev    # pyscard builds against them where no wheel fits,
    gcc libc6-dev python3-dev   # with a C compiler and Python's headers (not in a minimal root)
    cups cups-client printer-driver-cups-pdf   # A4 printing; tests print to a cups-pdf queue
    espeak-ng               # voice guidance, offline (Mandarin: voice cmn-latn-pinyin)
    # `make deb` and its tests: lintian checks the .deb; cage must exist for
    # `systemd-analyze verify` to accept the kiosk unit's ExecStart. (dpkg-deb, from dpkg,
    # packs with --root-owner-group: no fakeroot, no dpkg-dev, no debhelper.)
    lintian cage
    systemd                 # systemd-analyze verify on the kiosk unit (a minimal root has none)
    # The kiosk session's test runs cage headless: Debian 12's cage (wlroots 0.15) will not
    # start without Xwayland, and Qt's wayland plugin loads the cursor and EGL libraries.
    xwayland libwayland-cursor0 libwayland-egl1
    mosquitto               # the fleet's MQTT broker: tests run their own on loopback, with TLS
)

missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done
if ((${#missing[@]})); then
    if [ "$(id -u)" = 0 ]; then
        echo "bootstrap: installing system packages: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "bootstrap: missing system packages (run as root to install):" >&2
        echo "  sudo apt-get install ${missing[*]}" >&2
        exit 1
    fi
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    echo "bootstrap: creating .venv with $($PYTHON --version)"
    "$PYTHON" -m venv .venv
fi
# Reinstall only when the declared dependencies changed.
stamp=.venv/.sheyin-installed
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "bootstrap: installing the Python environment"
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e '.[sandbox,dev]'
    echo "$want" >"$stamp"
fi
