# Two commands on a fresh machine: `make run` (the embedded cabinet) and `make test`.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Re-install only when the dependencies may have changed.
STAMP := $(VENV)/.installed
# The suite runs on every core (pytest-xdist); `TEST_WORKERS=0` runs it in one process.
TEST_WORKERS ?= auto
PYTEST_ARGS ?= -q -n $(TEST_WORKERS)

.PHONY: venv install migrate run test browser bench bench-ws bench-chat bench-notify bench-handshakes lint migrations

venv install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --disable-pip-version-check -e '.[dev]'
	@touch $@

migrate: $(STAMP)
	$(BIN)/python -m app.manage migrate

run: $(STAMP)
	$(BIN)/python -m app.manage run-embedded

browser:
	@scripts/ensure_browser.sh

test: $(STAMP) browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m bench
bench-ws: $(STAMP) ; $(BIN)/python -m pip install -qq --disable-pip-version-check -e '.[dev,bench]' && $(BIN)/python -m bench.ws $(BENCH_WS_ARGS)
bench-chat: $(STAMP) ; $(BIN)/python -m bench.chat $(BENCH_CHAT_ARGS)
bench-notify: $(STAMP) ; $(BIN)/python -m bench.notify $(BENCH_NOTIFY_ARGS)
bench-handshakes: $(STAMP) ; $(BIN)/python -m pip install -qq --disable-pip-version-check -e '.[dev,bench]' && $(BIN)/python -m bench.ws.handshakes $(BENCH_HANDSHAKES_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Writes the next migration for both dialects; `make migrations NAME=add_chat` names it.
migrations: $(STAMP)
	$(BIN)/python scripts/make_migrations.py $(if $(NAME),--name $(NAME))
