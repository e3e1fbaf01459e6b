# Two commands for a new machine (Debian, Python 3.11, root or sudo):
#   make demo   installs system packages and the project, ingests samples/, runs searches
#   make test   the same installation, then the linters and the whole test suite
#   make serve  the search page and JSON API over demo-home/ at http://127.0.0.1:8000/
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := tesseract-ocr tesseract-ocr-swe tesseract-ocr-osd tesseract-ocr-eng hunspell-sv fonts-dejavu-core \
	chromium chromium-driver poppler-utils npm
DEMO_HOME := demo-home

.PHONY: setup system demo serve test lint bench clean scheduler worker

setup: system $(BIN)/.installed tests/node_modules/.installed

# From Debian: Tesseract with its Swedish, orientation and English data (English has the
# paragraph sign the Swedish model lacks; OCR re-reads candidate signs with it), the Swedish Hunspell
# dictionary (OCR repair), the DejaVu fonts (rendered test pages), the Chromium the
# browser tests drive (Playwright uses it; it never downloads a browser), poppler's
# pdftotext/pdffonts (the archive-copy tests read copies with a reader that is not ours)
# and npm (it installs axe-core, the accessibility checker the browser tests inject).
# Installed once.
system:
	@if ! command -v tesseract >/dev/null 2>&1 || ! tesseract --list-langs 2>/dev/null | grep -qx swe \
	    || ! tesseract --list-langs 2>/dev/null | grep -qx osd \
	    || ! tesseract --list-langs 2>/dev/null | grep -qx eng \
	    || [ ! -f /usr/share/hunspell/sv_SE.dic ] || [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ] \
	    || ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1 \
	    || ! command -v pdftotext >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then \
	  echo "Installing $(APT_PACKAGES) from Debian"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES); \
	fi
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || { \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-venv; }

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

# axe-core for the accessibility tests, from npm at the version tests/package-lock.json pins
# (Debian's npm; nothing else is fetched at test time).
tests/node_modules/.installed: tests/package.json tests/package-lock.json
	cd tests && npm ci --no-audit --no-fund
	touch $@

demo: setup
	rm -rf $(DEMO_HOME)
	$(BIN)/diarium ingest --home $(DEMO_HOME) samples
	$(BIN)/diarium search --home $(DEMO_HOME) "ks 2023/871"
	$(BIN)/diarium search --home $(DEMO_HOME) simhallen
	$(BIN)/diarium search --home $(DEMO_HOME) --facets "beslut" --year 2021 --year 2024

# Serves demo-home/ (made by `make demo`) on this machine only.
serve: setup
	@test -d $(DEMO_HOME) || $(BIN)/diarium ingest --home $(DEMO_HOME) samples
	$(BIN)/diarium serve --home $(DEMO_HOME) --host 127.0.0.1 --port 8000

lint: setup
	$(BIN)/ruff check .

test: lint
	$(BIN)/pytest -q

bench: setup
	$(BIN)/python bench/bench_ingest.py

# A Dask cluster for `diarium ingest --cluster` (README, "Batch work on a Dask cluster"):
#   make scheduler                              on one machine (listens on port 8786)
#   make worker SCHEDULER=tcp://HOST:8786       on each worker machine: one process per core
scheduler: setup
	$(BIN)/dask scheduler

worker: setup
	@test -n "$(SCHEDULER)" || { echo "usage: make worker SCHEDULER=tcp://HOST:8786"; exit 2; }
	$(BIN)/dask worker $(SCHEDULER) --nworkers $$(nproc) --nthreads 1

clean:
	rm -rf $(VENV) $(DEMO_HOME) .pytest_cache .ruff_cache *.egg-info tests/node_modules
