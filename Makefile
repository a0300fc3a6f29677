# Central Asian Order: the two commands in README.md are `make book` and `make test`.
# Everything runs inside a local virtual environment (.venv) built from the exact
# pins in requirements.txt, so a fresh machine with Python 3.11 needs nothing else.

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: help env data book test test-package test-notebooks notebooks bench clean clean-data
.PHONY: archive pdf test-browser

help:
	@echo "make book            build the website into _build/html (fetches data on first run)"
	@echo "make test            run every test: package tests, then nbval on every notebook"
	@echo "make notebooks       re-execute notebooks in place (refresh committed outputs)"
	@echo "make bench           run the benchmark scripts in benchmarks/"
	@echo "make data            fetch and verify the pinned data files"
	@echo "make pdf             render the PDF edition into the site (after make book)"
	@echo "make test-browser    test the built site in headless Chromium"
	@echo "make clean           remove the build output (keeps the data cache)"

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

env: $(STAMP)

data: env
	$(BIN)/python -m caorder.fetch

book: data archive
	mkdir -p _build/extra
	$(BIN)/jupyter-book build . -W -n --keep-going
	@test -f _build/html/index.html || (echo "ERROR: _build/html/index.html was not produced" && exit 1)
	@# The ledger notebook writes claims.json when it executes; a cached run skips that.
	@test -f _build/html/claims.json || $(BIN)/python -m caorder.ledger _build/html/claims.json
	@echo "Book built: open _build/html/index.html"

# The source archive of HEAD, published with the site (skipped outside a git checkout).
archive: env
	$(BIN)/python -m caorder.site _build/extra

# The PDF edition: the single-page HTML build printed by headless Chromium (after `make book`).
pdf: data
	$(BIN)/python -m caorder.pdf

# Real-browser tests of the built site (needs Chromium: bash .ci/install-browser).
test-browser: env
	$(BIN)/python -m pytest -m browser tests/browser

test: test-package test-notebooks

test-package: data
	$(BIN)/python -m pytest tests

test-notebooks: data
	$(BIN)/python -m pytest --nbval-lax --nbval-current-env -p no:cacheprovider notebooks

notebooks: data
	$(BIN)/python -m caorder.notebooks notebooks/*.ipynb

bench: data
	$(BIN)/python benchmarks/permutation_baseline.py
	$(BIN)/python benchmarks/build_and_tests.py

clean:
	rm -rf _build

clean-data:
	rm -rf .cache
