# manchette: the README's commands. Python 3.12 comes from .python-version.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
MANCHETTE := $(BIN)/manchette

.PHONY: install run test lint bench messages

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml uv.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "uv>=0.13"
	$(UV) sync --frozen --python $(BIN)/python
	$(BIN)/pybabel compile --statistics -D django -d manchette/locale
	touch $@

run: install
	$(MANCHETTE) migrate --noinput
	$(MANCHETTE) collectstatic --noinput --verbosity 0
	$(MANCHETTE) demo --base-url http://127.0.0.1:$(PORT)
	$(MANCHETTE) serve --port $(PORT)

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: install
	$(BIN)/python bench/run.py

# Refresh the translation catalogs after changing strings (needs GNU gettext).
messages: install
	cd manchette && ../$(MANCHETTE) makemessages --locale fr --locale nl --locale de --locale en --no-obsolete
