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

install: $(VENV)/.installed node_modules/.package-lock.json

$(VENV)/.installed: pyproject.toml uv.lock $(wildcard manchette/locale/*/LC_MESSAGES/django.po)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "uv>=0.13"
	$(UV) sync --frozen --python $(BIN)/python
	$(BIN)/pybabel compile --statistics -D django -d manchette/locale
	touch $@

# axe-core for the browser tests, Lighthouse for the benchmarks. Without npm
# they fail and say how to install it.
node_modules/.package-lock.json: package.json package-lock.json
	if command -v npm >/dev/null; then npm ci --no-audit --no-fund; \
	else echo "npm not found: the browser tests need it (apt-get install npm)"; fi

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

# Benchmarks, each against its target and, where there is one, its baseline;
# figures go to bench/results/. latency.py: comment posts under readers' load,
# a 5,000-comment page, audio after publication. flood.py: readers during a flood
# of refused comment posts. render.py: a page-cache miss. lighthouse.py:
# Lighthouse's scores of the reader pages (npm's lighthouse). live.py: 1,000
# readers polling a live page while an editor posts. scaleout.py: two nodes
# behind the shipped Varnish under a mixed load (needs PostgreSQL, by default
# on 127.0.0.1, or DATABASE_URL; Redis; varnishd).
bench: install
	$(BIN)/python bench/run.py
	$(BIN)/python bench/comments.py
	$(BIN)/python bench/latency.py
	$(BIN)/python bench/flood.py
	$(BIN)/python bench/wire.py
	$(BIN)/python bench/push.py
	$(BIN)/python bench/live.py
	$(BIN)/python bench/render.py
	$(BIN)/python bench/lighthouse.py
	$(BIN)/python bench/scaleout.py

# Refresh the translation catalogs after changing strings (needs GNU gettext).
messages: install
	$(MANCHETTE) makemessages --locale fr --locale nl --locale de --locale en --no-obsolete \
		--ignore node_modules --ignore tests --ignore bench
