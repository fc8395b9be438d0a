# Two commands: `make demo` and `make test`. Each creates .venv when missing and installs the project.
# `make test` runs `make lint` (ruff and mypy, configured in pyproject.toml) first, then pytest on
# every core.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint install bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

# Turn seeds/ into notes in a throw-away collection, then look around it. Never stops in a pager
# (--no-pager); the collection is removed at the end unless KEEP=1 (`make demo KEEP=1`).
demo: $(VENV)/.installed
	@home=$$(mktemp -d) && export SCRAPNOTE_HOME="$$home" SCRAPNOTE_CONFIG="$$home/config.toml" && \
	echo "== a throw-away collection in $$home ($(if $(KEEP),kept at the end,removed at the end; make demo KEEP=1 keeps it))" && \
	echo "== scrapnote new --no-edit seeds/*.txt" && \
	$(BIN)/scrapnote new --no-edit seeds/*.txt && \
	echo && echo "== scrapnote list" && $(BIN)/scrapnote list && \
	echo && echo "== scrapnote show 3" && $(BIN)/scrapnote --no-pager show 3 && \
	echo && echo "== scrapnote search 구글" && $(BIN)/scrapnote search 구글; \
	rc=$$?; \
	if [ -n "$(KEEP)" ]; then echo "== kept the collection: $$home"; \
	else rm -rf "$$home" && echo "== removed the collection $$home"; fi; \
	exit $$rc

lint: $(VENV)/.installed-test
	$(BIN)/python -m ruff check scrapnote tests bench docs
	$(BIN)/python -m mypy

# One worker per core (pytest-xdist, -n auto); a module's tests stay on one worker
# (--dist loadscope: module fixtures are built once), in the files' order (the wheel's venvs first). Run one file alone with .venv/bin/python -m pytest FILE.
test: lint
	$(BIN)/python -m pytest -n auto --dist loadscope --no-loadscope-reorder

bench: $(VENV)/.installed
	$(BIN)/python bench/search.py
	$(BIN)/python bench/new.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
