# CCHC Tracker — development commands. `make run` and `make test` work on a fresh
# machine with Python 3.11.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app tracker
PORT ?= 5000
CHROMIUM ?= /usr/bin/chromium
TRANSLATIONS := tracker/translations

.PHONY: run test lint migrate demo browser office browser-repeat bench soak bench-writes translations clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

## Serve on http://127.0.0.1:$(PORT) with a migrated SQLite database and the demo unit,
## the scheduler running beside it as a second process (stopped with the server).
run: $(VENV)/.installed
	$(FLASK) db upgrade
	$(FLASK) demo load
	@$(FLASK) jobs run & scheduler=$$!; \
	trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(FLASK) run --debug --host 127.0.0.1 --port $(PORT)

## Upgrade the database to the latest revision.
migrate: $(VENV)/.installed
	$(FLASK) db upgrade

## Load the demo unit (UBND xã Phổ Phong) into the configured database.
demo: migrate
	$(FLASK) demo load

## Install the test extras (Chromium for the browser tests, LibreOffice Writer to check that
## reports convert to PDF), lint, run the suite. With TEST_POSTGRES_URL set (as .ci/run sets
## it), the suite runs on SQLite and on that PostgreSQL database side by side.
test: lint browser office
	@if [ -n "$${TEST_POSTGRES_URL:-}" ]; then .ci/suites; else $(BIN)/pytest; fi

## Ruff, the import contracts, and the size limits: no module over 400 lines, no function
## over 60 (tests/quality/sizes.py says how they are counted and what is exempt, and why).
lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python -m tests.quality.sizes tracker jobs migrations tests

## Debian's Chromium for the Playwright tests (Playwright cannot download browsers here).
browser:
	@test -x $(CHROMIUM) || { \
	  echo "Installing Chromium for browser tests…"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

## Debian's LibreOffice Writer without its GUI, and Liberation fonts 2 (Times New Roman's
## metrics with Vietnamese letters), for the test that converts a report's DOCX to PDF.
office:
	@command -v soffice >/dev/null && dpkg -s fonts-liberation2 >/dev/null 2>&1 || { \
	  echo "Installing LibreOffice Writer for the DOCX-to-PDF test…"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
	    libreoffice-writer-nogui fonts-liberation2 >/dev/null; }

## The whole browser suite N times in a row, stopping at the first failure; prints
## "passed K of N". Not in CI: run it when the machine is quiet.
N ?= 20
browser-repeat: $(VENV)/.installed-test browser
	$(BIN)/python -m tests.browser.repeat $(N)

## Benchmarks (not tests): figures printed as ratios measured in one run: the daily scan;
## the pages served by gunicorn beside a trivial endpoint, for one commune of 100,000
## tasks (and the workers' memory after 1,000 requests of every page), a commune growing
## from 1,000 to 10,000 tasks, the same commune in a database of 10,000 and 1,000,000
## tasks (PostgreSQL only) and the province's pages over 100 communes; then the report of a
## commune with 5,000 tasks. SQLite by default; DATABASE_URL=postgresql+psycopg://… for
## PostgreSQL. Options of the pages' benchmark (sizes, cases, requests) in BENCH_HTTP, as
## `python -m tests.bench.http --help` lists them: make bench BENCH_HTTP="--requests 30".
BENCH_HTTP ?=
bench: $(VENV)/.installed-test
	@if [ -n "$$DATABASE_URL" ]; then tasks=1000000; else tasks=100000; fi; \
	$(BIN)/python -m tests.bench.scan --tasks $$tasks && \
	$(BIN)/python -m tests.bench.http $(BENCH_HTTP) && \
	$(BIN)/python -m tests.bench.report --tasks 5000

## Write load (not a test): 40 writers for 3 minutes against gunicorn with 4 workers and the
## scheduler beside it; prints the 5xx (expect 0), the 409s and the lost updates (expect 0).
## SQLite by default; DATABASE_URL=postgresql+psycopg://… for PostgreSQL. Shorter or
## larger: make bench-writes BENCH_WRITERS=40 BENCH_SECONDS=20.
BENCH_WRITERS ?= 40
BENCH_SECONDS ?= 180
bench-writes: $(VENV)/.installed-test
	$(BIN)/python -m tests.bench.writes --writers $(BENCH_WRITERS) --seconds $(BENCH_SECONDS)

## Soak (not a test): 10,000 open tasks over 30 simulated days (15 s each) with two
## schedulers, the leader killed every 4 days, a real SMTP server on loopback; prints
## duplicate e-mails, what is due and unsent at the end (expect 0) and e-mails a minute.
## SQLite by default; DATABASE_URL for PostgreSQL.
soak: $(VENV)/.installed-test
	$(BIN)/python -m tests.bench.soak

## After changing the interface's strings: re-extract them (config/babel.cfg), merge them
## into the English catalogue and compile it. Translate what is new or marked fuzzy in
## tracker/translations/en/LC_MESSAGES/messages.po, then run this again to compile.
## Vietnamese is the source language and has no catalogue.
translations: $(VENV)/.installed
	$(BIN)/pybabel -q extract -F config/babel.cfg -k _l --project "CCHC Tracker" \
	  -o $(TRANSLATIONS)/messages.pot .
	$(BIN)/pybabel -q update --ignore-obsolete -i $(TRANSLATIONS)/messages.pot \
	  -d $(TRANSLATIONS) -l en
	rm $(TRANSLATIONS)/messages.pot
	$(BIN)/pybabel compile --statistics -d $(TRANSLATIONS) -l en

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
