# make run  – set up and serve the site on an embedded default (SQLite, tasks in-process, demo data)
# make test – set up and run the whole test suite (against DATABASE_URL when it is set)
# make serve – production: migrate, collect static files, then run the Procfile (gunicorn, a Celery worker, beat)
#              against DATABASE_URL and CELERY_BROKER_URL; SECRET_KEY and ALLOWED_HOSTS are needed too
# make lint – ruff lint and format check

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run serve test lint format setup setup-dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-run: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.installed-run

setup: $(VENV)/.installed-run
setup-dev: $(VENV)/.installed-dev

run: setup
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py seed_demo
	DEBUG=$${DEBUG:-1} PORT=$(PORT) bin/serve

# The Procfile's own lines are what runs: honcho starts each in its own process group, prefixes its
# output with its name, and stops them all when one stops or on Ctrl+C.
serve: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput
	PATH="$(CURDIR)/$(BIN):$$PATH" PORT=$(PORT) $(BIN)/honcho start --procfile Procfile

test: setup-dev
	$(BIN)/python -m pytest

lint: setup-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
