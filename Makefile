# Quick start:  make serve   (the site on http://127.0.0.1:8000)
#               make test    (every check and test, a headless browser included)

PYTHON   ?= python3
VENV     ?= .venv
BIN      := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1
export DT_CHROMIUM := $(CHROMIUM)

.PHONY: serve serve-nl build test test-setup test-exhaustive lint unit browser bench snapshots clean dist

$(BIN)/.site: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# Zensical, next to MkDocs in the same environment (make zensical, make test).
$(BIN)/.zensical: $(BIN)/.site requirements-zensical.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.txt
	touch $@

$(BIN)/.dev: $(BIN)/.site requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Both languages on one server, as published (English at /, Dutch at /nl/);
# saving a page, a tree, an override or the engine rebuilds and reloads.
serve: $(BIN)/.site
	$(BIN)/python tools/preview.py -a 127.0.0.1:8000

serve-nl: $(BIN)/.site
	$(BIN)/mkdocs serve -f mkdocs.nl.yml -a 127.0.0.1:8001

build: $(BIN)/.site
	$(BIN)/mkdocs build --strict
	$(BIN)/mkdocs build --strict -f mkdocs.nl.yml

# The same site built with Zensical, both languages, into site-zensical/
# (Dutch in site-zensical/nl/). The trees are checked and staged in
# build/zensical/ first: a broken tree stops the build before anything is built.
.PHONY: zensical serve-zensical
zensical: $(BIN)/.zensical
	$(BIN)/python -m decisiontree.zensical build mkdocs.yml mkdocs.nl.yml --site site-zensical

serve-zensical: $(BIN)/.zensical
	$(BIN)/python -m decisiontree.zensical serve mkdocs.yml -a 127.0.0.1:8002

# Debian's Chromium drives the browser tests; install it where it is missing
# and this user may (CI runs as root). Test tools never download a browser.
browser:
	@if [ ! -x "$(CHROMIUM)" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Debian's chromium for the browser tests"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
		else \
			echo "No browser at $(CHROMIUM): install Debian's chromium (apt-get install chromium) or set CHROMIUM=/path"; exit 1; \
		fi; \
	fi
	@"$(CHROMIUM)" --version

lint: $(BIN)/.dev
	$(BIN)/ruff check decisiontree hooks tests bench tools
	$(BIN)/ruff format --check decisiontree hooks tests bench tools
	$(BIN)/mypy

# Tests run in two processes (pytest-xdist): the machines this project is
# tested on have two cores. A process that runs out of tests takes some from
# the other (worksteal), so a long browser test at the end does not leave a
# core idle. Builds shared by many tests are made once per run
# (tests/conftest.py, shared_build).
PYTEST := $(BIN)/python -m pytest -q -n 2 --dist worksteal

# The fast loop while writing: no browser, no large generated trees, no wheel,
# no second build with Zensical.
unit: $(BIN)/.dev
	DT_HYPOTHESIS_SCALE=0.2 $(PYTEST) -m "not browser and not slow and not package and not zensical"

# Mermaid's parser under Node, which reads back the Mermaid export in the tests.
MERMAID_DIR := .cache/mermaid
export DT_MERMAID_DIR := $(CURDIR)/$(MERMAID_DIR)

$(MERMAID_DIR)/.done: tests/mermaid-packages.txt
	mkdir -p $(MERMAID_DIR)
	echo '{"private": true, "type": "module"}' > $(MERMAID_DIR)/package.json
	cd $(MERMAID_DIR) && npm install --no-audit --no-fund --loglevel=error $$(cat $(CURDIR)/tests/mermaid-packages.txt)
	touch $@

# What the tests need, set up side by side: the virtualenv (development tools,
# then Zensical: one pip at a time in one environment), the browser and Mermaid.
$(BIN)/.test: $(BIN)/.dev requirements-zensical.txt
	@$(MAKE) --no-print-directory $(BIN)/.zensical
	touch $@

test-setup:
	@$(MAKE) --no-print-directory -j3 $(BIN)/.test browser $(MERMAID_DIR)/.done

# Every test; the 15 slowest are listed at the end, so a slow one shows.
test: test-setup
	@$(MAKE) --no-print-directory lint
	DT_REQUIRE_BROWSER=1 DT_REQUIRE_MERMAID=1 $(PYTEST) --durations=15

# For a release: also click through every answer path in the browser, in
# both languages (make test clicks every answer once and proves the paths
# by their links).
test-exhaustive: test-setup
	DT_REQUIRE_BROWSER=1 $(PYTEST) -m browser --exhaustive -k every_path

bench: $(BIN)/.dev browser
	$(BIN)/python bench/bench.py

# The answer paths of every tree in docs/en/self-assessment, one snapshot per
# tree and language in tests/snapshots/, and the measured chart limits of a
# new tree (chart-limits.json). Run after changing a tree's routing or wording
# on purpose, then read the diff before committing.
snapshots: $(BIN)/.dev
	UPDATE_SNAPSHOTS=1 $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_cli_tools.py tests/test_chart.py -k snapshot

# The package mkdocs-decisiontree: a wheel and an sdist in dist/, checked as
# an index would check them before accepting an upload.
dist: $(BIN)/.dev
	rm -rf dist
	$(BIN)/python -m build --outdir dist .
	$(BIN)/twine check --strict dist/*

clean:
	rm -rf site site-zensical build dist .pytest_cache .mypy_cache .ruff_cache
