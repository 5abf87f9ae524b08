# xingcun — two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
export XINGCUN_VAR_DIR ?= $(CURDIR)/var

.PHONY: run serve test install lint typecheck pytest browser clean demo bench lock

# Dependencies come from the hashed lock files in requirements/ (made by `make lock` from the
# ranges in pyproject.toml); the project itself runs from this directory and is not installed.
$(STAMP): requirements/dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)  ## install, prepare the embedded SQLite demo district, serve on 127.0.0.1:$(PORT)
	mkdir -p $(XINGCUN_VAR_DIR)
	@# A key of this installation's own, so that `.venv/bin/python manage.py ...` works as written.
	test -s $(XINGCUN_VAR_DIR)/secret_key || (umask 077; $(BIN)/python -c \
		"import secrets; print(secrets.token_urlsafe(50))" > $(XINGCUN_VAR_DIR)/secret_key)
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_demo --if-empty
	DEBUG=1 $(BIN)/python manage.py collectstatic --noinput -v 0
	DEBUG=1 $(BIN)/python manage.py demo_logins --port $(PORT)
	@# The background worker and the scheduler run beside the development server and stop with it.
	DEBUG=1 $(BIN)/python manage.py run_worker --no-reload -v 0 & worker=$$!; \
	DEBUG=1 $(BIN)/python manage.py run_scheduler & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

serve: $(STAMP)  ## production: settings from the environment (see README), gunicorn on $$BIND
	$(BIN)/python manage.py check --deploy
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py collectstatic --noinput -v 0
	@echo "后台任务进程请另行运行：$(BIN)/python manage.py run_worker；定时任务：$(BIN)/python manage.py run_scheduler"
	$(BIN)/gunicorn -c config/gunicorn.conf.py config.wsgi

test: $(STAMP)  ## what CI runs, on a fresh clone
	mkdir -p var
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy .
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

browser: $(STAMP)  ## only the Playwright tests (Debian's /usr/bin/chromium; skipped when missing)
	$(BIN)/pytest tests/browser -m browser

# --no-strip-extras: pip's --require-hashes needs a dependency asked for with an extra
# (weasyprint's fonttools[woff]) pinned with that extra, or a newer release breaks the install.
lock:  ## refresh requirements/*.txt from the ranges in pyproject.toml (needs the package index)
	$(BIN)/uv pip compile pyproject.toml --universal --generate-hashes --python-version 3.11 \
		--no-strip-extras --upgrade -q -o requirements/base.txt
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --generate-hashes \
		--python-version 3.11 --no-strip-extras --upgrade -q -o requirements/dev.txt

clean:
	rm -rf var $(VENV)
