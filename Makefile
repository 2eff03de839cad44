# Two commands matter: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
TS := $(wildcard resources/i18n/*.ts)
QM := $(TS:.ts=.qm)
BUNDLE := build/dist/workstation/workstation
# The client bundle is rebuilt only when something it contains changed.
BUNDLE_SOURCES := $(shell git ls-files 'ui/*.py' 'sync/client/*.py' 'local_db/*.py' 'workstation/*.py' 2>/dev/null) installers/workstation.spec installers/client_entry.py

export QT_QPA_PLATFORM_PLUGIN_PATH :=

.PHONY: run test lint bench installer installer-test i18n lupdate desktop-deps clean

run: $(STAMP) $(QM)
	$(PY) -m workstation

test: $(STAMP) $(QM) $(BUNDLE)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen WS_REQUIRE_BUNDLE=1 $(PY) -m pytest -q $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

bench: $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.bench

installer: $(BUNDLE)

$(BUNDLE): $(STAMP) $(QM) $(BUNDLE_SOURCES)
	$(PY) -m pip install -q -e '.[installer]'
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath build/dist --workpath build/pyinstaller installers/workstation.spec
	touch $@

installer-test: $(BUNDLE)
	QT_QPA_PLATFORM=offscreen WS_REQUIRE_BUNDLE=1 $(PY) -m pytest -q tests/installers

i18n: $(QM)

# .ts sources are kept in git; .qm files are build output.
resources/i18n/%.qm: resources/i18n/%.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

lupdate: $(STAMP)
	$(VENV)/bin/pyside6-lupdate $$(find ui -name '*.py' | sort) -ts $(TS) -no-obsolete

$(STAMP):
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

# Debian/Ubuntu libraries Qt's xcb platform plugin loads, a CJK font, and Xvfb for a
# machine without a screen (`xvfb-run make run`). A desktop install usually has them all.
DESKTOP_DEBS := libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
	libxcb-xinerama0 libxcb-randr0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libegl1 libgl1 \
	libfontconfig1 libdbus-1-3 fonts-wqy-microhei xvfb xauth

desktop-deps:
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DESKTOP_DEBS)

clean:
	rm -rf build $(VENV) resources/i18n/*.qm
