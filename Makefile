# Kuajing — the two commands: `make run` and `make test`. Everything else is a convenience.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= sqlite:///var/kuajing.db

.PHONY: run test lint format bench-gateway clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install whenever pyproject.toml changes (stamps per extra set).
$(VENV)/.server: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[server]'
	@touch $@

$(VENV)/.dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[server,dev]'
	@touch $@ $(VENV)/.server

## run: set up, migrate var/kuajing.db, seed the demo marketplace (3,000 products; pictures embedded in the
##      background while the server runs) and developer, serve on 127.0.0.1:8080
run: $(VENV)/.server
	$(BIN)/kuajing db upgrade --db $(DB)
	$(BIN)/kuajing demo --products 3000 --seed 1 --embed-in-background --db $(DB)
	$(BIN)/kuajing serve --db $(DB) --host 127.0.0.1 --port 8080 --sandbox

## test: install dev dependencies, check the layer rules (import-linter contracts in pyproject.toml) and run the
##       whole suite (SQLite and PostgreSQL)
test: $(VENV)/.dev
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(VENV)/.dev
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

## bench-gateway: signed database read vs bare /ping under load, in alternating rounds (req/s, p50/p99, server
##                CPU per request, ratios)
bench-gateway: $(VENV)/.dev
	$(BIN)/python bench/gateway.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
