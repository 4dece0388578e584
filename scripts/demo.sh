#!/usr/bin/env bash
# Starts the kiosk on the embedded defaults: the sandbox central system on loopback, the demo
# card tray, virtual devices. Fullscreen on the current display; on a machine without one, on a
# virtual Xvfb screen (say so, and where to look).
set -euo pipefail
cd "$(dirname "$0")/.."

args=("$@")
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    exec .venv/bin/sheyin demo "${args[@]}"
fi
echo "demo: no display here (DISPLAY is not set); running on a virtual screen with xvfb-run."
echo "demo: on a desktop machine the kiosk opens fullscreen instead. Stop it with Ctrl+C."
exec xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/sheyin demo "${args[@]}"
