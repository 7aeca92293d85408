# `make book` builds the whole book; `make test` runs every test. Both create the virtual
# environment (.venv) with the pinned toolchain when it is missing or pyproject.toml changed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LOCALE ?= en
JOBS   ?= 2
TEST_JOBS ?= 4

.PHONY: book test bench venv clean

# Python's bytecode cache stays on (an environment that turns it off would compile lkjpy and its
# imports again on every command, about 0.6 s: most of a no-op build).
unexport PYTHONDONTWRITEBYTECODE


venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (lkjpy)"
	@touch $(STAMP)

# Execute what changed (papermill, JOBS workers), then build the site strictly and publish it
# atomically to _build/html.
book: $(STAMP)
	LKJPY_LOCALE=$(LOCALE) $(BIN)/python -m lkjpy build -j $(JOBS)

# Lint, then every test and strict nbval on the executed chapters and pages (each re-executed in a
# new kernel, every output compared with the saved one), in one pytest run of TEST_JOBS processes;
# --dist loadfile keeps a test file or a notebook on one process (module fixtures built once);
# --no-loadscope-reorder keeps the order of tests/conftest.py, the longest modules first.
test: book
	$(BIN)/ruff check .
	LKJPY_LOCALE=$(LOCALE) $(BIN)/python -m pytest -n $(TEST_JOBS) --dist loadfile --no-loadscope-reorder \
	  --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg tests book/agencies book/pages

# Speed and memory, written to benchmarks/results/ (never part of `make test`).
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf _build book/agencies/*/ book/pages book/sources book/_data book/provinces
