# The one entry point for people and CI. Every target creates .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run demo test test-pg lint bench fmt clean help lock mutate

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

run: $(STAMP)  ## create data/assure.db with the reference data (first time) and open the TUI
	$(BIN)/assure

demo: $(STAMP)  ## build a demo database for the fictional Anyshire force and open it
	$(BIN)/assure demo --yes

test: $(STAMP)  ## run the whole suite, on SQLite and on a throwaway PostgreSQL (installed if root)
	bash .ci/with-postgres $(BIN)/python -m pytest -q $(ARGS)

test-pg: $(STAMP)  ## only the tests that run against PostgreSQL
	bash .ci/with-postgres $(BIN)/python -m pytest -q -m postgres $(ARGS)

lint: $(STAMP)  ## ruff, strict mypy, the layers (import-linter) and complexity rank C at most (xenon)
	$(BIN)/ruff check assure tests bench
	$(BIN)/ruff format --check assure tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/xenon --max-absolute C assure

fmt: $(STAMP)
	$(BIN)/ruff format assure tests bench
	$(BIN)/ruff check --fix assure tests bench

bench: $(STAMP)  ## print the benchmark table and write bench/results.json
	@command -v task >/dev/null 2>&1 || [ "$$(id -u)" != 0 ] || \
	  (apt-get update -qq && apt-get install -y -qq taskwarrior >/dev/null) || \
	  echo "taskwarrior could not be installed: the peer comparison will be skipped"
	$(BIN)/python bench/run.py

# Mutation testing of the shared rules; which modules and tests is set in [tool.mutmut].
# A fresh run each time (~1 min on two cores), so the score never rests on stale results.
MUTATE_JOBS ?= 2
MUTATE_MIN  ?= 90

mutate: $(STAMP)  ## mutation-test the rule modules, list the survivors, print the score (fails below MUTATE_MIN%)
	rm -rf mutants
	$(BIN)/mutmut run --max-children $(MUTATE_JOBS)
	$(BIN)/mutmut export-cicd-stats
	@echo "survivors (and mutants no test reached):"
	@$(BIN)/mutmut results
	@$(BIN)/python .ci/mutation-score mutants/mutmut-cicd-stats.json $(MUTATE_MIN)

lock:  ## re-resolve requirements.lock from pyproject.toml (needs uv)
	uv pip compile pyproject.toml --extra dev -o requirements.lock --python 3.11

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis mutants
