# Central Asian Order: the two commands in README.md are `make book` and `make test`.
# Everything runs inside a local virtual environment (.venv) built from the exact, hash-pinned
# versions in requirements.txt, so a fresh machine with Python 3.11 needs nothing else.

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# One BLAS thread: the analyses are small matrix products, and on a shared 2-core machine
# multithreaded OpenBLAS was up to 30 times slower under load. Results do not depend on it.
export OPENBLAS_NUM_THREADS := 1
export OMP_NUM_THREADS := 1

# Notebook kernels (book build, nbval) run with an empty IPython folder and the project's own
# matplotlib folder (no matplotlibrc; it keeps only the font cache), so a user's startup files
# or matplotlibrc cannot change outputs (caorder.notebooks.execute does the same).
SCRATCH  := .cache/kernel-env
ISOLATED  = rm -rf $(SCRATCH)/ipython && mkdir -p $(SCRATCH)/ipython $(SCRATCH)/matplotlib && \
	env -u PYTHONSTARTUP -u MATPLOTLIBRC -u MPLBACKEND -u JUPYTER_CONFIG_DIR \
	IPYTHONDIR=$(CURDIR)/$(SCRATCH)/ipython MPLCONFIGDIR=$(CURDIR)/$(SCRATCH)/matplotlib \
	PYTHONHASHSEED=0

# pip-tools lives in its own venv: it regenerates the lock and is not a runtime dependency.
LOCKVENV := .cache/lock-venv

.PHONY: help env data book test test-package test-notebooks test-browser lint notebooks tag
.PHONY: bench clean clean-data lock archive pdf
.PHONY: pair diff check-register

help:
	@echo "make book            build the website into _build/html (fetches data on first run)"
	@echo "make test            run every test: lint, package and fault tests, nbval on every"
	@echo "                     notebook, and the browser tests of the built site (after make book)"
	@echo "make pdf             render the PDF edition into the site (after make book)"
	@echo "make notebooks       re-execute notebooks in place (refresh committed outputs)"
	@echo "make tag             tag notebook cells for the page layout (hide/remove plumbing)"
	@echo "make lint            ruff format --check and ruff check"
	@echo "make bench           run the benchmark scripts in benchmarks/"
	@echo "make data            fetch and verify the pinned data files and cached tables"
	@echo "make lock            regenerate the hash-pinned requirements.txt from requirements.in"
	@echo "make pair            regenerate the notebooks' text forms (notebooks/text, jupytext)"
	@echo "make diff            what a change moved: claims.json of the last build vs now"
	@echo "make check-register  refuse register entries the verdicts would misread"
	@echo "make clean           remove the build output (keeps the data cache)"

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

env: $(STAMP)

data: env
	$(BIN)/python -m caorder.fetch
	$(BIN)/python -m caorder.tables

book: data archive
	@# jupyter-cache keys on code cells only: clear it when src/, data/ or settings changed.
	$(BIN)/python -m caorder.notebooks --check-cache _build
	$(BIN)/python -m caorder.ledger _build/extra/claims.json
	$(ISOLATED) $(BIN)/jupyter-book build . -W -n --keep-going
	@test -f _build/html/index.html || (echo "ERROR: _build/html/index.html was not produced" && exit 1)
	@echo "Book built: open _build/html/index.html"

# The source archive of HEAD, published with the site (skipped outside a git checkout).
archive: env
	$(BIN)/python -m caorder.site _build/extra

# The PDF edition: the single-page HTML build printed by headless Chromium (after `make book`).
pdf: data
	$(BIN)/python -m caorder.pdf

test: lint test-package test-notebooks test-browser

lint: env
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/ruff check src tests benchmarks

# Both suites run on every core (pytest-xdist); a notebook runs whole on one worker.
test-package: data
	$(BIN)/python -m pytest tests -n auto

test-notebooks: data
	$(ISOLATED) $(BIN)/python -m pytest --nbval-lax --nbval-current-env -p no:cacheprovider \
	  -n auto --dist loadfile notebooks

# Real-browser tests of the built site; they skip, saying how, without a build or Chromium
# (bash .ci/install-browser installs Debian's Chromium).
test-browser: env
	$(BIN)/python -m pytest -m browser tests/browser

notebooks: data
	$(BIN)/python -m caorder.notebooks notebooks/*.ipynb

tag: env
	$(BIN)/python -m caorder.notebooks --tag notebooks/*.ipynb

bench: data
	$(BIN)/python benchmarks/permutation_baseline.py
	$(BIN)/python benchmarks/table_timings.py
	$(BIN)/python benchmarks/build_and_tests.py

clean:
	rm -rf _build

clean-data:
	rm -rf .cache

# Keeps the versions already in requirements.txt; add --upgrade-package NAME to move one.
lock:
	$(PYTHON) -m venv $(LOCKVENV)
	$(LOCKVENV)/bin/python -m pip install --quiet -r requirements-dev.in
	$(LOCKVENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --no-strip-extras \
	  --no-emit-index-url --no-emit-find-links requirements.in -o requirements.txt

# The reviewable text form of every notebook (run after merging branches that edited notebooks).
pair: env
	$(BIN)/python -m caorder.pairing

# What a change moved: the last build's claims.json (or OLD=path) against a fresh evaluation.
OLD ?= _build/extra/claims.json
diff: data
	$(BIN)/python -m caorder.ledger diff $(OLD)

check-register: env
	$(BIN)/python -m caorder.verdicts
