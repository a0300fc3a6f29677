# Central Asian Order: the two commands in README.md are `make book` and `make test`.
# Everything runs inside a local virtual environment built from the exact, hash-pinned
# versions of the lock for the Python in use, so a fresh machine needs nothing else.
# Supported: Python 3.11 (lock requirements.txt, venv .venv), 3.12 and 3.13 (locks
# requirements-py3.12.txt / -py3.13.txt, venvs .venv-3.12 / .venv-3.13): `make PYTHON=python3.12 test`.

PYTHON ?= python3.11
SUPPORTED_PYTHONS := 3.11 3.12 3.13
PY_VERSION := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
ifeq ($(PY_VERSION),3.11)
LOCKFILE ?= requirements.txt
VENV     ?= .venv
else
LOCKFILE ?= requirements-py$(PY_VERSION).txt
VENV     ?= .venv-$(PY_VERSION)
endif
BIN    := $(VENV)/bin

# One BLAS thread: the analyses are small matrix products, and on a shared 2-core machine
# multithreaded OpenBLAS was up to 30 times slower under load. Results do not depend on it.
export OPENBLAS_NUM_THREADS := 1
export OMP_NUM_THREADS := 1
# String hashing fixed for every step, not only the notebook kernels: the ledger step fills the
# evidence cache that the pages then read, so it must compute exactly what a kernel computes.
export PYTHONHASHSEED := 0

# Notebook kernels (book build, nbval) run with an empty IPython folder and the project's own
# matplotlib folder (no matplotlibrc; it keeps only the font cache), so a user's startup files
# or matplotlibrc cannot change outputs (caorder.notebooks.execute does the same). They live in
# the build folder, never in the data cache, which may be read-only or shared.
SCRATCH  := _build/kernel-env
ISOLATED  = rm -rf $(SCRATCH)/ipython && mkdir -p $(SCRATCH)/ipython $(SCRATCH)/matplotlib && \
	env -u PYTHONSTARTUP -u MATPLOTLIBRC -u MPLBACKEND -u JUPYTER_CONFIG_DIR \
	IPYTHONDIR=$(CURDIR)/$(SCRATCH)/ipython MPLCONFIGDIR=$(CURDIR)/$(SCRATCH)/matplotlib \
	PYTHONHASHSEED=0

# pip-tools lives in its own venv: it regenerates the lock and is not a runtime dependency.
LOCKVENV := .cache/lock-venv

.PHONY: help env data book test test-package test-notebooks test-notebooks-blas test-browser lint
.PHONY: notebooks tag
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
	@echo "make data            fetch and verify the pinned data, the cached tables and the curated files"
	@echo "make lock            regenerate the hash-pinned requirements.txt from requirements.in"
	@echo "make pair            regenerate the notebooks' text forms (notebooks/text, jupytext)"
	@echo "make diff            what a change moved: claims.json of the last build vs now"
	@echo "make check-register  refuse register entries the verdicts would misread"
	@echo "make clean           remove the build output (keeps the data cache)"

# The venv is checked on every run (tools/ensure_venv.py, standard library only): the
# interpreter must be supported, and a venv whose interpreter, lock, pyproject or installed
# packages (pip check, an import probe, every version as locked and nothing else) do not match
# is rebuilt from the lock; a fault it cannot repair is one line saying what to do.
env:
	@$(PYTHON) -c '' 2>/dev/null || { echo "error: PYTHON=$(PYTHON) is not an interpreter on PATH; supported: Python $(SUPPORTED_PYTHONS). Install one and run make PYTHON=python3.X (a full path works too)."; exit 1; }
	@$(PYTHON) tools/ensure_venv.py --venv $(VENV) --lock $(LOCKFILE) --supported $(SUPPORTED_PYTHONS)

data: env
	$(BIN)/python -m caorder.fetch
	$(BIN)/python -m caorder.tables
	$(BIN)/python -m caorder.inputs

book: data archive
	@# jupyter-cache keys on code cells only: clear it when src/, data/ or settings changed.
	$(BIN)/python -m caorder.notebooks --check-cache _build
	$(BIN)/python -m caorder.ledger _build/extra/claims.json
	$(ISOLATED) $(BIN)/jupyter-book build . -W -n --keep-going
	@test -f _build/html/index.html || (echo "ERROR: _build/html/index.html was not produced" && exit 1)
	@# Marked current only if no input changed while it ran (else the next build starts clean).
	$(BIN)/python -m caorder.notebooks --confirm-cache _build
	@echo "Book built: open _build/html/index.html"

# The source archive of the tree being built, published with the site (labelled when the tree
# has uncommitted changes; skipped outside a git checkout).
archive: env
	$(BIN)/python -m caorder.site _build/extra

# The PDF edition: the single-page HTML build printed by headless Chromium (after `make book`).
pdf: data
	$(BIN)/python -m caorder.pdf

test: lint test-package test-notebooks test-browser

lint: env
	$(BIN)/ruff format --check src tests benchmarks tools
	$(BIN)/ruff check src tests benchmarks tools

# Both suites run on every core (pytest-xdist); a notebook runs whole on one worker.
test-package: data
	$(BIN)/python -m pytest tests -n auto

test-notebooks: data
	$(ISOLATED) $(BIN)/python -m pytest --nbval-lax --nbval-current-env -p no:cacheprovider \
	  -n auto --dist loadfile notebooks

# The notebook tests under another BLAS: OpenBLAS's generic SSE3 kernels (Prescott) instead of
# the ones it picks for this CPU, and two threads. Outputs are compared at shown precision,
# so they must pass under both settings (.ci/run runs both).
BLAS_CORETYPE ?= Prescott
test-notebooks-blas: data
	$(ISOLATED) OPENBLAS_CORETYPE=$(BLAS_CORETYPE) OPENBLAS_NUM_THREADS=2 \
	  $(BIN)/python -m pytest --nbval-lax --nbval-current-env -p no:cacheprovider \
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

# The lock of the Python in use (requirements.txt for 3.11, requirements-py3.X.txt otherwise),
# compiled under that Python. Keeps the versions already locked (a new per-Python lock starts
# from the 3.11 one); add --upgrade-package NAME to move one.
lock:
	$(PYTHON) -m venv $(LOCKVENV)-$(PY_VERSION)
	$(LOCKVENV)-$(PY_VERSION)/bin/python -m pip install --quiet -r requirements-dev.in
	test -f $(LOCKFILE) || cp requirements.txt $(LOCKFILE)
	$(LOCKVENV)-$(PY_VERSION)/bin/pip-compile --quiet --generate-hashes --allow-unsafe \
	  --no-strip-extras --no-emit-index-url --no-emit-find-links requirements.in -o $(LOCKFILE)

# The reviewable text form of every notebook (run after merging branches that edited notebooks).
pair: env
	$(BIN)/python -m caorder.pairing

# What a change moved: the last build's claims.json (or OLD=path) against a fresh evaluation.
OLD ?= _build/extra/claims.json
diff: data
	$(BIN)/python -m caorder.ledger diff $(OLD)

check-register: env
	$(BIN)/python -m caorder.verdicts
