# newsframes: two commands.
#   make demo   set up .venv, execute every notebook on the bundled corpus, write HTML to build/html/
#               (and build/newsframes-source.zip for Google Colab)
#   make test   set up .venv, run the whole test suite (unit tests, notebooks, real-corpus checks)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test lint bench clean

demo: $(STAMP)
	$(BIN)/python scripts/editions.py --html
	$(BIN)/python scripts/source_archive.py

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check toolkit tests benchmarks scripts notebooks

# make bench: index build vs baselines (bench_index), queries on the general and the
# war-dense 20,000-article workloads and on the real allsides corpus (bench_queries), cold
# import time (bench_import), loading + boilerplate detection (bench_hygiene); see benchmarks/README.md for durations (about 13 min: 11 in the run
# documented there; keep it under 15), then bench_attribution (+2.5 min) and bench_actors (+4 min). `make bench DENSE100K=1`
# adds dense100k (+3.5 min, and +4 min for attribution's own 100k target).
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_index.py --no-profile
	$(BIN)/python benchmarks/bench_queries.py --workload general,dense20k$(if $(DENSE100K),$(BENCH_COMMA)dense100k)
	$(BIN)/python benchmarks/bench_queries.py --workload allsides --repeat 1
	$(BIN)/python benchmarks/bench_import.py
	$(BIN)/python benchmarks/bench_hygiene.py
	$(BIN)/python benchmarks/bench_attribution.py --workload $(if $(DENSE100K),dense100k,dense20k),general
	$(BIN)/python benchmarks/bench_actors.py --workload $(if $(DENSE100K),dense100k,dense20k),general
	$(BIN)/python benchmarks/bench_lemmas.py
BENCH_COMMA := ,

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

clean:
	rm -rf build .pytest_cache
