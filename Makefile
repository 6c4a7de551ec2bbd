# Quick start: `make serve` (local site with live reload) and `make test` (every test, browser tests included).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := $(CURDIR)/hooks

.PHONY: serve build test check generate refresh-fingerprints browser clean

$(STAMP): requirements.txt requirements-dev.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $(STAMP)

serve: $(STAMP)  ## serve both languages on http://127.0.0.1:8000 with live reload
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)  ## build the site into site/ (strict: any warning fails; no site/ on failure)
	rm -rf site
	$(BIN)/mkdocs build --strict || (rm -rf site; exit 1)

generate: $(STAMP)  ## write the generated pages into docs/edition/ without building
	$(BIN)/python -m edition generate

check: $(STAMP)  ## validate sources and annotations; list stale translations
	$(BIN)/python -m edition check

refresh-fingerprints: $(STAMP)  ## after checking a translation: make refresh-fingerprints DOC=2025-national [UNITS="item-3 item-4"]
	$(BIN)/python -m edition refresh-fingerprints $(DOC) $(UNITS)

browser:  ## Debian's Chromium for the browser tests (Playwright's own download does not work here)
	@test -x /usr/bin/chromium || (command -v apt-get >/dev/null && \
	  { [ "$$(id -u)" = 0 ] && SUDO= || SUDO=sudo; $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; } ) || \
	  { echo "Chromium is missing: install Debian's package with 'apt-get install -y chromium'"; exit 1; }

test: $(STAMP) browser  ## every test, browser tests included
	$(BIN)/python -m pytest -q tests

clean:
	rm -rf site docs/edition .pytest_cache
