# Redesign Explorer: developer and CI entry points. Everything runs from a local .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8501

.DEFAULT_GOAL := help
.PHONY: help setup assets run test test-fast checks bench lint-fix clean distclean

help:
	@echo "make setup      create .venv (if missing) and install requirements-dev.txt"
	@echo "make assets    copy plotly.js into static/ for the app's charts"
	@echo "make run        run the app (PORT=$(PORT))"
	@echo "make test       checks + all tests (incl. browser)"
	@echo "make test-fast  checks + tests without the browser"
	@echo "make checks     ruff, ruff format, import-linter, mypy, deptry"
	@echo "make bench      run the benchmarks (python -m bench)"
	@echo "make lint-fix   ruff check --fix and ruff format"
	@echo "make clean      remove caches and test output (distclean also removes .venv)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when a requirements file changed (or the venv was recreated).
$(STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check --no-input -r requirements-dev.txt
	touch $@

setup: $(STAMP)

# plotly.js for the buy-back panel, copied from the plotly package into the app's static/ folder
# (and the panel harness's), so browsers cache it (ui/components/vendor.py).
assets: setup
	$(BIN)/python -m ui.components.buyback_panel . tests/support/panel_app

run: assets
	$(BIN)/streamlit run app.py --server.port $(PORT)

test: assets checks
	$(BIN)/python -m pytest

test-fast: assets checks
	$(BIN)/python -m pytest -m "not browser"

# Static checks: style, imports pointing one way, types, and no import missing from the requirements.
checks: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/deptry .

bench: assets
	$(BIN)/python -m bench

lint-fix: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf .pytest_cache .ruff_cache .hypothesis test-output
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
