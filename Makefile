# Central Asian Order: the two commands in README.md are `make book` and `make test`.
# Everything runs inside a local virtual environment (.venv) built from the exact
# pins in requirements.txt, so a fresh machine with Python 3.11 needs nothing else.

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

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

.PHONY: help env data book test test-package test-notebooks notebooks bench clean clean-data lock

help:
	@echo "make book            build the website into _build/html (fetches data on first run)"
	@echo "make test            run every test: package tests, then nbval on every notebook"
	@echo "make notebooks       re-execute notebooks in place (refresh committed outputs)"
	@echo "make bench           run the benchmark scripts in benchmarks/"
	@echo "make data            fetch and verify the pinned data files and cached tables"
	@echo "make lock            regenerate the hash-pinned requirements.txt from requirements.in"
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

book: data
	@# jupyter-cache keys on code cells only: clear it when src/, data/ or settings changed.
	$(BIN)/python -m caorder.notebooks --check-cache _build
	mkdir -p _build/extra
	$(ISOLATED) $(BIN)/jupyter-book build . -W -n --keep-going
	@test -f _build/html/index.html || (echo "ERROR: _build/html/index.html was not produced" && exit 1)
	@# The ledger notebook writes claims.json when it executes; a cached run skips that.
	@test -f _build/html/claims.json || $(BIN)/python -m caorder.ledger _build/html/claims.json
	@echo "Book built: open _build/html/index.html"

test: test-package test-notebooks

test-package: data
	$(BIN)/python -m pytest tests

test-notebooks: data
	$(ISOLATED) $(BIN)/python -m pytest --nbval-lax --nbval-current-env -p no:cacheprovider notebooks

notebooks: data
	$(BIN)/python -m caorder.notebooks notebooks/*.ipynb

bench: data
	$(BIN)/python benchmarks/permutation_baseline.py
	$(BIN)/python benchmarks/build_and_tests.py

clean:
	rm -rf _build

# Keeps the versions already in requirements.txt; add --upgrade-package NAME to move one.
lock:
	$(PYTHON) -m venv $(LOCKVENV)
	$(LOCKVENV)/bin/python -m pip install --quiet -r requirements-dev.in
	$(LOCKVENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --no-strip-extras \
	  --no-emit-index-url --no-emit-find-links requirements.in -o requirements.txt

clean-data:
	rm -rf .cache
