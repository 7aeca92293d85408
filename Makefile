# `make book` builds the whole book; `make test` runs every test. Both create the virtual
# environment (.venv) with the pinned toolchain when it is missing or pyproject.toml changed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LOCALE ?= en
JB_FLAGS := -W -n --keep-going --all

.PHONY: book chapters html test venv clean

book: html

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (lkjpy)"
	@touch $(STAMP)

chapters: $(STAMP)
	LKJPY_LOCALE=$(LOCALE) $(BIN)/python -m lkjpy build

html: chapters
	rm -rf _build/html
	$(BIN)/jupyter-book build . $(JB_FLAGS)

test: chapters
	LKJPY_LOCALE=$(LOCALE) $(BIN)/python -m pytest tests
	$(BIN)/python -m pytest --nbval-lax book/agencies

clean:
	rm -rf _build book/agencies/*/
