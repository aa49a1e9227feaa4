# Two commands: `make run` serves the demo site, `make test` runs every test.
# Both set up what they need first and are quick the second time.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM := /usr/bin/chromium
HOST ?= 127.0.0.1
PORT ?= 5000
export NEWSITE_HTMX_SOURCE ?= local
# The app under `flask --app app` everywhere below.
FLASK := $(BIN)/flask --app app

.PHONY: run test setup setup-test seed lint bench clean java wrk nginx

run: setup
	$(FLASK) db upgrade
	$(FLASK) seed
	$(FLASK) run --host $(HOST) --port $(PORT)

# Two pytest workers (pytest-xdist), each test file whole on one of them: each worker
# has its own databases (tests/conftest.py). TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= 2
PYTEST := $(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile

test: setup-test
	$(PYTEST)

# Translation catalogs are compiled here (the .mo files are not committed).
CATALOGS := $(wildcard newsite/translations/*/LC_MESSAGES/messages.po)

setup: $(VENV)/.installed static/vendor/htmx.min.js $(CATALOGS:.po=.mo)

setup-test: setup $(VENV)/.installed-test node_modules/.installed $(CHROMIUM) java nginx

seed: setup
	$(FLASK) db upgrade
	$(FLASK) seed

lint: setup-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# bench/comments installs Isso (its reference) into bench/.isso-venv from PyPI, once.
bench: setup-test wrk nginx
	$(BIN)/python bench/all

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV) || { echo "Could not create a virtualenv: on Debian run 'apt-get install python3-venv'." >&2; exit 1; }
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

newsite/translations/%/LC_MESSAGES/messages.mo: newsite/translations/%/LC_MESSAGES/messages.po $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -d newsite/translations -l $*

# Front-end files come from the npm registry at set-up time; none is committed.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: run 'apt-get install npm' (or install Node.js 18+)." >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/vendor/htmx.min.js: node_modules/.installed
	mkdir -p static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js $@

# Browser tests drive Debian's Chromium; Playwright's own download cannot work here.
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else \
		echo "Chromium is missing: run 'sudo apt-get install chromium' and then 'make test' again." >&2; exit 1; \
	fi

# The Nu Html Checker (npm vnu-jar) runs on Java.
java:
	@command -v java >/dev/null || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; \
		else \
			echo "Java is missing: run 'sudo apt-get install default-jre-headless' and then 'make test' again." >&2; exit 1; \
		fi; }

# The benchmarks drive the servers with wrk.
wrk:
	@command -v wrk >/dev/null || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; \
		else \
			echo "wrk is missing: run 'sudo apt-get install wrk' and then 'make bench' again." >&2; exit 1; \
		fi; }

# tests/test_nginx_cache.py and bench/pages put a real nginx, with
# deploy/newsite-proxy.conf, in front of the site. Each runs its own nginx with a
# generated config: the package's service is not used.
nginx:
	@command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx; \
		else \
			echo "nginx is missing: run 'sudo apt-get install nginx' and then make again." >&2; exit 1; \
		fi; }

clean:
	rm -rf $(VENV) node_modules static/vendor .pytest_cache
