# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install bench fuzz audit clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[web,test,dask]'
	touch $(STAMP)

install: $(STAMP)

## Ingest the sample reports into the default SQLite store, list the fused events with their
## assessments, then serve the map and the HTTP API (the address is printed; Ctrl-C stops it).
run: $(STAMP)
	$(BIN)/launchwatch ingest samples/reports
	$(BIN)/launchwatch events list
	$(BIN)/launchwatch serve --allow-local-writes

test: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q

## Fuzz the extractor and every reader (atheris, then Hypothesis); found inputs are kept in
## tests/fuzz_corpus/ as regression tests.  FUZZ_SECONDS splits among the targets.
FUZZ_SECONDS ?= 600
fuzz: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[fuzz]'
	$(BIN)/python fuzz/run.py --seconds $(FUZZ_SECONDS)

## Audit the installed packages for known vulnerabilities (pip-audit).  Exit status 3: the
## advisory service could not be reached, so nothing was audited (see .ci/audit);
## AUDIT_FLAGS=--allow-unreachable reports that without failing, as CI does.
AUDIT_FLAGS ?=
audit: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[audit]'
	$(BIN)/python .ci/audit $(AUDIT_FLAGS)

bench: $(STAMP)
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/real_events.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/physics_validation.py
	$(BIN)/python bench/physics_speed.py
	$(BIN)/python bench/geo.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
