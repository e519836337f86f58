# Quick start:  make serve   (the site on http://127.0.0.1:8000)
#               make test    (every check and test, a headless browser included)

PYTHON   ?= python3
VENV     ?= .venv
BIN      := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1
export DT_CHROMIUM := $(CHROMIUM)

.PHONY: serve serve-nl build test lint unit browser bench snapshots clean

$(BIN)/.site: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . \
		|| $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# Zensical, next to MkDocs in the same environment (make zensical, make test).
$(BIN)/.zensical: $(BIN)/.site requirements-zensical.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.txt
	touch $@

$(BIN)/.dev: $(BIN)/.site requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

serve: $(BIN)/.site
	$(BIN)/mkdocs serve -a 127.0.0.1:8000

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
	$(BIN)/ruff check decisiontree hooks tests
	$(BIN)/ruff format --check decisiontree hooks tests
	$(BIN)/mypy

unit: $(BIN)/.dev
	$(BIN)/python -m pytest -q -m "not browser"

test: $(BIN)/.dev $(BIN)/.zensical browser lint
	DT_REQUIRE_BROWSER=1 DT_REQUIRE_MERMAID=1 $(BIN)/python -m pytest -q

bench: $(BIN)/.dev browser
	$(BIN)/python tests/bench.py

# The answer paths of every tree in docs/en/self-assessment, one snapshot per
# tree and language in tests/snapshots/. Run after changing a tree's routing
# or wording on purpose, then read the diff before committing.
snapshots: $(BIN)/.dev
	UPDATE_SNAPSHOTS=1 $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_cli_tools.py -k snapshot

clean:
	rm -rf site site-zensical build .pytest_cache .mypy_cache .ruff_cache
