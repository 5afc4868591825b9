# The one entry point for people and CI. Every target creates .venv on first use.
# The interpreter for .venv: the distribution's /usr/bin/python3 when it is 3.11+ and can make a
# virtual environment (Debian's is built with profile-guided optimisation; a pyenv build without
# --enable-optimizations runs assure 20-30% slower), else the first python3 on the PATH.
# `make PYTHON=/path/to/python3.12 ...` chooses another.
SYSTEM_PYTHON := /usr/bin/python3
PYTHON ?= $(shell $(SYSTEM_PYTHON) -c 'import sys, ensurepip, venv; sys.exit(sys.version_info < (3, 11))' \
	2>/dev/null && echo $(SYSTEM_PYTHON) || echo python3)
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

# Mutation testing of the rule and policy modules (mutmut, set up in [tool.mutmut]): the action
# lifecycle, the due rules and s55 clock, the financial year and dates, the policy, the
# statement's judgement and formula escaping. MUTANTS names the mutants that count (glob
# patterns over mutmut's names; a pattern for a module that does not exist matches nothing).
# A fresh run each time (a few minutes on two cores), so a score never rests on stale results.
MUTATE_JOBS ?= 2
MUTATE_MIN  ?= 90
MUTANTS ?= assure.core.lifecycle.* assure.core.rules.* assure.core.clock.* assure.core.policy.* \
	assure.services.statement.judgement.* \
	assure.services.statement.gather.x_late_at* assure.services.statement.registers.x_late_at* \
	assure.services.interchange.tabular.x_safe_cell* assure.services.interchange.tabular.x_unescape_cell* \
	assure.services.interchange.transfer.x_safe_cell* assure.render.digest.x_safe_cell*

mutate: $(STAMP)  ## mutation-test the rule modules; print survivors and the score per module (fails below MUTATE_MIN%)
	rm -rf mutants
	$(BIN)/mutmut run --max-children $(MUTATE_JOBS) $(foreach m,$(MUTANTS),'$(m)') > mutants.log 2>&1 \
	  || { tail -n 40 mutants.log; exit 1; }
	@mv mutants.log mutants/run.log
	@$(BIN)/mutmut results --all true | $(BIN)/python .ci/mutation-score $(MUTATE_MIN) $(foreach m,$(MUTANTS),'$(m)')

lock:  ## re-resolve requirements.lock from pyproject.toml (needs uv)
	uv pip compile pyproject.toml --extra dev -o requirements.lock --python 3.11

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis mutants
