# Each target bootstraps itself on a fresh Debian 12 machine (see scripts/bootstrap.sh).
VENV := .venv
PY := $(VENV)/bin/python
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: demo test bench screenshots lint i18n bootstrap deb

bootstrap:
	@scripts/bootstrap.sh

demo: bootstrap
	@scripts/demo.sh

test: bootstrap
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests

bench: bootstrap
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -s -o addopts='-p no:cacheprovider' tests/bench --benchmark-only --benchmark-columns=min,median,mean,max,rounds

# dist/sheyin-kiosk_<version>_amd64.deb for Debian 12 (packaging/build-deb.sh).
deb: bootstrap
	@packaging/build-deb.sh

screenshots: bootstrap
	QT_QPA_PLATFORM=offscreen $(PY) -m scripts.screenshots docs/screenshots

# Regenerates the .ts files from the sources and compiles them to .qm.
i18n: bootstrap
	$(VENV)/bin/pyside6-lupdate $$(find ui demo -name '*.py' | sort) -no-obsolete -source-language en -target-language zh_CN -ts ui/i18n/sheyin_zh_CN.ts
	$(VENV)/bin/pyside6-lupdate $$(find ui demo -name '*.py' | sort) -no-obsolete -pluralonly -source-language en -target-language en -ts ui/i18n/sheyin_en.ts
	$(VENV)/bin/pyside6-lrelease ui/i18n/sheyin_zh_CN.ts ui/i18n/sheyin_en.ts
