# newsframes: two commands.
#   make demo   set up .venv, execute every notebook on the bundled corpus, write HTML to build/html/
#   make test   set up .venv, run the whole test suite (unit tests, notebooks, real-corpus checks)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test lint bench clean

demo: $(STAMP)
	$(BIN)/python scripts/run_notebooks.py --out build/html

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check toolkit tests benchmarks scripts notebooks

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_index.py --no-profile

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

clean:
	rm -rf build .pytest_cache
