# Rasd: Arabic news on the Syrian war -> a tested DuckDB warehouse of daily counts per district.
#
#   make run     ingest data/inbox (or RASD_INBOX), extract, build + test the warehouse, print a summary
#   make test    the test suite (pytest)
#   make eval    score the extractor on $(SHARED)/eval/dev against the gold
#   make ui      the Dagster UI on http://127.0.0.1:3000
#   make docs    the dbt docs site of the warehouse: build/dbt-docs/static_index.html
#
# Settings (environment or make variables):
#   RASD_INBOX=DIR RASD_WAREHOUSE=FILE make run     another inbox folder / warehouse file
#   RASD_GAZETTEER_DIR=DIR                          the OCHA COD-AB CSVs (default $(SHARED)/gazetteer if present)
#   SHARED=../shared                                the shared data folder (eval gold, gazetteer)
#   PIP_ARGS=...                                    extra pip arguments for `make venv`
#                                                   (e.g. --extra-index-url https://download.pytorch.org/whl/cpu)

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
PIP_ARGS ?=
PYTEST_ARGS ?=

# The venv's dbt, dagster and rasd come first (dagster-dbt runs `dbt` from PATH under `dagster dev`).
export PATH := $(CURDIR)/$(BIN):$(PATH)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home
ifneq ($(wildcard $(SHARED)/gazetteer/syr_admin1_governorates.csv),)
export RASD_GAZETTEER_DIR ?= $(abspath $(SHARED)/gazetteer)
endif
ifdef RASD_INBOX
export RASD_INBOX
endif
ifdef RASD_WAREHOUSE
export RASD_WAREHOUSE
endif

DBT := $(BIN)/dbt --no-send-anonymous-usage-stats
DBT_DIRS := --project-dir $(CURDIR)/dbt_project --profiles-dir $(CURDIR)/dbt_project

.PHONY: help venv lock dbt-parse run test eval ui dagster-home

help:
	@sed -n '1,15p' Makefile | sed 's/^# \{0,1\}//'

# The venv is rebuilt only when the dependencies change (pyproject.toml, constraints.txt).
venv: $(VENV)/.stamp

$(VENV)/.stamp: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet $(PIP_ARGS) -c constraints.txt -e '.[dev]'
	touch $@

# Re-resolve from pyproject.toml alone and write the lock (constraints.txt) from what got installed.
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet $(PIP_ARGS) -e '.[dev]'
	{ sed -n '/^#/p' constraints.txt; $(BIN)/pip freeze --exclude-editable | grep -iv '^rasd[= @]'; } > constraints.txt.new
	mv constraints.txt.new constraints.txt
	touch $(VENV)/.stamp

# dbt's manifest.json, which orchestration/assets/warehouse.py reads when the definitions are loaded.
dbt-parse: venv
	$(DBT) parse --quiet $(DBT_DIRS)

dagster-home: $(DAGSTER_HOME)/dagster.yaml

$(DAGSTER_HOME)/dagster.yaml: dagster_home/dagster.yaml
	mkdir -p $(DAGSTER_HOME)
	cp $< $@

run: venv dbt-parse dagster-home
	$(BIN)/rasd run

# The report's browser test (tests/outputs/test_report_browser.py) drives Debian's chromium: installed here when missing
# (as root, e.g. on CI's fresh machine; otherwise the test says how to install it).
CHROMIUM_PACKAGES := chromium fonts-dejavu-core
.PHONY: chromium
chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(CHROMIUM_PACKAGES); \
		else echo "make test: chromium is missing: sudo apt-get install $(CHROMIUM_PACKAGES)" >&2; fi; \
	fi

test: venv dbt-parse chromium
	rc=0; $(BIN)/python -m pytest $(PYTEST_ARGS) || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests" >&2; exit 1; fi; \
	exit $$rc

eval: venv
	@test -f $(SHARED)/eval/dev/articles.jsonl || { echo "make eval: $(SHARED)/eval/dev/articles.jsonl not found (set SHARED=...)" >&2; exit 1; }
	mkdir -p build/eval
	$(BIN)/rasd extract $(SHARED)/eval/dev/articles.jsonl -o build/eval/pred.jsonl
	$(BIN)/python $(SHARED)/eval/score.py --gold $(SHARED)/eval/dev/gold_*.jsonl --pred build/eval/pred.jsonl \
		--json build/eval/metrics.json

ui: venv dbt-parse dagster-home
	$(BIN)/dagster dev -w workspace.yaml -h 127.0.0.1 -p 3000

# The dbt docs site (models, columns, tests, lineage; the catalog of column types read from the warehouse when it
# exists, else empty) into build/dbt-docs/: static_index.html is one self-contained page, or serve index.html with
# `$(DBT) docs serve --target-path build/dbt-docs $(DBT_DIRS)`. dbt_project/target/ is left alone.
DOCS_WAREHOUSE = $(abspath $(or $(RASD_WAREHOUSE),data/warehouse.duckdb))
.PHONY: docs
docs: venv
	mkdir -p build/dbt-docs
	wh=$(DOCS_WAREHOUSE); catalog=; \
	if [ ! -f "$$wh" ]; then wh=$(CURDIR)/build/dbt-docs/empty.duckdb; catalog=--empty-catalog; fi; \
	RASD_WAREHOUSE=$$wh $(DBT) docs generate --static $$catalog $(DBT_DIRS) \
		--target-path $(CURDIR)/build/dbt-docs --log-path $(CURDIR)/build/dbt-docs/logs
	@echo "dbt docs: $(CURDIR)/build/dbt-docs/static_index.html"

# Extraction speed, peak memory and linearity beside a camel-tools baseline (README "Benchmarks");
# fails when a target is missed. BENCH_ARGS=... passes options (e.g. --sizes 1000 4000, --cpu 1).
.PHONY: bench
BENCH_ARGS ?=
bench: venv
	@test -d $(SHARED)/corpora || { echo "make bench: $(SHARED)/corpora not found (set SHARED=...)" >&2; exit 1; }
	mkdir -p build/bench
	$(BIN)/python bench/bench_extract.py --corpora $(SHARED)/corpora --json build/bench/extract.json $(BENCH_ARGS)
