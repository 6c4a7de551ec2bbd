# Quick start: `make serve` (local site with live reload) and `make test` (every test, browser tests included).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := $(CURDIR)/hooks

.PHONY: serve build test check generate data refresh-fingerprints browser pdf pdf-tools clean new-document bench

$(STAMP): requirements.txt requirements-dev.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $(STAMP)

# --dirty: after an edit only the pages whose Markdown changed are rebuilt (the hook rewrites a
# generated page only when its content changes), about 2 s instead of 4. Other pages keep their
# navigation until restarted: after changing mkdocs.yml, restart, or run `make serve SERVE_ARGS=`.
SERVE_ARGS ?= --dirty

serve: $(STAMP)  ## serve both languages on http://127.0.0.1:8000 with live reload
	$(BIN)/mkdocs serve $(SERVE_ARGS) --dev-addr 127.0.0.1:8000

# Reproducible: every date the build writes (citations' access date, the sitemap) is the last
# commit's, unless SOURCE_DATE_EPOCH is given; two builds of one commit are byte-identical.
build: $(STAMP)  ## build the site into site/ (strict: any warning fails; no site/ on failure)
	rm -rf site
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null)} $(BIN)/mkdocs build --strict || (rm -rf site; exit 1)

generate: $(STAMP)  ## write the generated pages into docs/edition/ without building
	$(BIN)/python -m edition generate

data: $(STAMP)  ## the open data (JSON, CSV, TEI) into OUT/data without MkDocs: make data OUT=dist
	@test -n "$(OUT)" || (echo "usage: make data OUT=folder"; exit 2)
	$(BIN)/python -m edition export --out "$(OUT)"

check: $(STAMP)  ## validate sources and annotations; list stale translations
	$(BIN)/python -m edition check

refresh-fingerprints: $(STAMP)  ## after checking a translation: make refresh-fingerprints DOC=2025-national [UNITS="item-3 item-4"]
	$(BIN)/python -m edition refresh-fingerprints $(DOC) $(UNITS)

browser:  ## Debian's Chromium and a CJK font for the browser tests (Playwright's own browser download does not work here)
	@if [ -x /usr/bin/chromium ] && fc-list :lang=zh 2>/dev/null | grep -q . ; then exit 0; fi; \
	if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	else \
	  echo "Chromium or a Chinese font is missing: run 'sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk'"; exit 1; \
	fi

# The PDF of each document (hooks/edition/pdf.py), kept in .cache/pdf/ and made again only for
# documents whose texts changed; `make build` then links and publishes them (about 3-6 s per
# document here, so not part of every build). Run it before `make build` to publish PDFs.
pdf: $(STAMP) pdf-tools  ## the downloadable PDF of every document, into .cache/pdf/ (then make build publishes them)
	$(BIN)/python -m edition pdf

pdf-tools:  ## Pango for WeasyPrint (the PDFs), poppler-utils' pdftotext (the PDF tests) and a CJK font
	@if command -v pdftotext >/dev/null && ldconfig -p | grep -q libpangoft2-1.0 && fc-list :lang=zh 2>/dev/null | grep -q . ; then exit 0; fi; \
	if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk fonts-liberation >/dev/null; \
	else \
	  echo "pdftotext, Pango or a Chinese font is missing: run 'sudo apt-get update && sudo apt-get install -y poppler-utils libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk fonts-liberation'"; exit 1; \
	fi

test: $(STAMP) browser pdf-tools  ## every test, browser tests included
	$(BIN)/python -m pytest -q tests

bench: $(STAMP)  ## build speed and page weight at N = 5, 50, 200, 1000 documents (slow: about half an hour here, most of it N = 1000; BENCH_ARGS="--sizes 5,50,200" takes about 12 minutes)
	BENCH_SERVE_ARGS="$(SERVE_ARGS)" $(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf site docs/edition .pytest_cache .cache/pdf

new-document: $(STAMP)  ## add a raw source: its record sources/<id>.yml (kind, region, number, date read off the text) and annotations/<id>.yml: make new-document SRC=path/to/raw.txt ID=2025-hainan [KIND=news-report]
	@test -n "$(SRC)" -a -n "$(ID)" || (echo "usage: make new-document SRC=path/to/raw.txt ID=2025-hainan [KIND=...]"; exit 2)
	$(BIN)/python -m edition new-document "$(SRC)" $(ID) $(if $(KIND),--kind $(KIND))
