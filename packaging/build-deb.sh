#!/usr/bin/env bash
# Builds dist/sheyin-kiosk_<version>_amd64.deb for Debian 12 (`make deb`). No debhelper: the
# tree is staged by hand and packed with dpkg-deb, so that the build needs no network at
# install time and no root (dpkg-deb --root-owner-group).
#
# The application gets its own virtualenv under /opt/sheyin, made with Debian's own
# /usr/bin/python3.11 (not the pyenv python3 a developer's PATH may find first): the .deb runs
# on what Debian 12 installs. It holds the runtime dependencies only, no [sandbox]/[dev] extra,
# and the sources without sandbox/ and demo/ (a terminal never runs them).
set -euo pipefail
cd "$(dirname "$0")/.."

OUT_DIR=${OUT_DIR:-dist}
BUILD=${BUILD:-build/deb}
PYTHON=/usr/bin/python3.11
PACKAGE=sheyin-kiosk
PREFIX=/opt/sheyin
# Wheels built from source here (pyscard) are built against Debian's python3.11. pip's wheel
# cache cannot tell them from the ones the developer venv built against pyenv's interpreter
# (both are "cp311"), and those carry a RUNPATH into /root/.pyenv: a cache of its own.
PIP_CACHE=${SHEYIN_DEB_PIP_CACHE:-$HOME/.cache/pip/sheyin-deb}

VERSION=$($PYTHON -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
DEB_VERSION=$VERSION # our own package, not a Debian one: no Debian revision
changelog_version=$(sed -n '1s/^[^ ]* (\([^)]*\)).*/\1/p' packaging/debian/changelog)
if [ "$changelog_version" != "$DEB_VERSION" ]; then
    echo "build-deb: pyproject.toml says $VERSION, packaging/debian/changelog's newest" \
        "entry $changelog_version: add an entry for $VERSION" >&2
    exit 1
fi
started=$(date +%s)

rm -rf "$BUILD"
mkdir -p "$BUILD/src" "$BUILD/root" "$OUT_DIR"
ROOT=$(realpath "$BUILD/root")
SRC=$(realpath "$BUILD/src")

# 1. The sources a terminal runs: what git knows (tracked, or new and not ignored) under the
#    terminal's packages; no sandbox/, demo/, tests/, docs/.
files=()
while IFS= read -r -d '' path; do
    [ -f "$path" ] && files+=("$path") # tracked but deleted in the working tree: left out
done < <(git ls-files -z --cached --others --exclude-standard -- \
    kiosk ui devices offline_queue pyproject.toml README.md)
cp --parents -t "$SRC" "${files[@]}"

# 2. The virtualenv, built where it will not run (the staging root), then moved in name only.
$PYTHON -m venv --without-pip "$ROOT$PREFIX"
# The developer venv's pip drives the install (`--python`) so that the terminal gets no pip;
# every build step still runs under Debian's python3.11.
.venv/bin/python -m pip --python "$ROOT$PREFIX/bin/python" install -qq --no-compile \
    --cache-dir "$PIP_CACHE" "$SRC"
# As dh-virtualenv does: the staging path in scripts' shebangs, bin/activate*, pyvenv.cfg
# becomes /opt/sheyin. (RECORD hashes of rewritten scripts go stale; nothing checks them.)
grep -rlIZF -- "$ROOT$PREFIX" "$ROOT$PREFIX" | xargs -0 -r sed -i "s|$ROOT$PREFIX|$PREFIX|g"
# The build's source path means nothing on a terminal.
for direct_url in "$ROOT$PREFIX"/lib/python3.11/site-packages/sheyin_kiosk-*.dist-info/direct_url.json; do
    rm -f "$direct_url"
    sed -i '/direct_url.json/d' "$(dirname "$direct_url")/RECORD"
done
# python-barcode's wheel (under python-escpos) drops a stray top-level tests/ into
# site-packages; a terminal runs no tests.
SITE="$ROOT$PREFIX/lib/python3.11/site-packages"
rm -rf "$SITE/tests"
sed -i '/^tests\//d' "$SITE"/python_barcode-*.dist-info/RECORD
# No byte code in the package: postinst compiles it on the terminal, prerm removes it.
find "$ROOT$PREFIX" -name __pycache__ -prune -exec rm -rf {} +
find "$ROOT$PREFIX" -name '*.py[co]' -delete
if grep -rlF -- "$BUILD" "$ROOT$PREFIX" | grep -q .; then
    echo "build-deb: the staging path is still in:" >&2
    grep -rlF -- "$BUILD" "$ROOT$PREFIX" >&2
    exit 1
fi

# 3. The files around it.
install -d "$ROOT/usr/bin"
ln -s "$PREFIX/bin/sheyin" "$ROOT/usr/bin/sheyin"
install -D -m 0644 packaging/systemd/sheyin-kiosk.service \
    "$ROOT/usr/lib/systemd/system/sheyin-kiosk.service"
install -D -m 0644 packaging/udev/60-sheyin.rules "$ROOT/usr/lib/udev/rules.d/60-sheyin.rules"
install -D -m 0644 packaging/polkit/50-sheyin-reboot.rules \
    "$ROOT/usr/share/polkit-1/rules.d/50-sheyin-reboot.rules"
# The broker's side, for the bank's broker administrator: the ACL and a listener.
install -D -m 0644 packaging/mosquitto/sheyin-acl.example \
    "$ROOT/usr/share/doc/sheyin-kiosk/examples/mosquitto/sheyin-acl.example"
install -D -m 0644 packaging/mosquitto/sheyin-broker.conf.example \
    "$ROOT/usr/share/doc/sheyin-kiosk/examples/mosquitto/sheyin-broker.conf.example"
install -D -m 0644 packaging/session/sheyin-staff.desktop \
    "$ROOT/usr/share/applications/sheyin-staff.desktop"
install -D -m 0644 packaging/debian/lintian-overrides \
    "$ROOT/usr/share/lintian/overrides/$PACKAGE"
DOC="$ROOT/usr/share/doc/$PACKAGE"
install -D -m 0644 packaging/debian/copyright "$DOC/copyright"
gzip -9n <packaging/debian/changelog >"$DOC/changelog.Debian.gz"
chmod 0644 "$DOC/changelog.Debian.gz"
# The configuration's template: every setting, commented out, as `sheyin config show`
# describes it from the defaults (an empty environment: nothing of the build machine gets in).
# Not a conffile: every kiosk edits its own (the terminal's key), and its text changes with
# every new setting, so each upgrade would stop at dpkg's conffile question, an unattended
# one failing there. postinst copies it to /etc/sheyin/config.toml only where there is none.
install -d "$ROOT/usr/share/sheyin"
env -i "$ROOT$PREFIX/bin/python" -m kiosk.cli config show \
    | $PYTHON packaging/default_config.py >"$ROOT/usr/share/sheyin/config.toml.example"
chmod 0644 "$ROOT/usr/share/sheyin/config.toml.example"
find "$ROOT$PREFIX" -name __pycache__ -prune -exec rm -rf {} + # made by `config show`

# 4. The control files.
install -d "$ROOT/DEBIAN"
for script in postinst prerm postrm; do
    install -m 0755 "packaging/debian/$script" "$ROOT/DEBIAN/$script"
done
installed_kb=$(du -sk --exclude=DEBIAN "$ROOT" | cut -f1)
sed -e "s/@VERSION@/$DEB_VERSION/" -e "s/@INSTALLED_SIZE@/$installed_kb/" \
    packaging/debian/control.in >"$ROOT/DEBIAN/control"
# dpkg-deb keeps the modes it finds: no group- or world-writable file from a loose umask.
chmod -R go-w "$ROOT"

# 5. Pack. Measured on two cores for the ~680 MB tree: xz -0 25 s and 251 MB, xz -1 49 s and
#    242 MB, gzip -1 10 s and 310 MB, zstd -3 3 s and 280 MB; but lintian 2.116 (Debian 12)
#    calls a zstd .deb malformed. xz -0: half the time of -1 for 4 % more.
DEB="$OUT_DIR/${PACKAGE}_${DEB_VERSION}_amd64.deb"
dpkg-deb --root-owner-group -Zxz -z0 --build "$ROOT" "$DEB" >/dev/null
echo "build-deb: $DEB ($(du -h "$DEB" | cut -f1), $(($(date +%s) - started)) s)"
