# Targets follow pelican-quickstart's Makefile; the first `make` creates .venv
# and installs the pinned dependencies of the site (requirements.txt) into it;
# `make test` adds those of import, tests and lint (requirements-dev.txt).
PY ?= python3
VENV ?= .venv
PYTHON = $(VENV)/bin/python
PELICAN ?= $(VENV)/bin/pelican
PELICANOPTS ?=

BASEDIR = $(CURDIR)
INPUTDIR = $(BASEDIR)/content
OUTPUTDIR = $(BASEDIR)/output
CONFFILE = $(BASEDIR)/pelican.conf.py
PUBLISHCONF = $(BASEDIR)/publishconf.py

PORT ?= 8000
BIND ?= 127.0.0.1

# Stable output: same input, byte-identical site.
export PYTHONHASHSEED = 0
export SOURCE_DATE_EPOCH = 0
export LC_ALL = C.UTF-8

GITHUB_PAGES_BRANCH ?= gh-pages
GITHUB_PAGES_COMMIT_MESSAGE ?= Generate Pelican site
SSH_TARGET ?= user@host:/var/www/bulletin

.PHONY: help html clean regenerate serve devserver publish github rsync_upload review lint test bench venv dev

help:
	@echo 'make html        build the site into output/'
	@echo 'make serve       preview output/ on http://$(BIND):$(PORT)'
	@echo 'make devserver   rebuild on change and serve'
	@echo 'make publish     build with publishconf.py (absolute URLs, no build report)'
	@echo 'make review      list what to check before publishing (python -m generator review)'
	@echo 'make github      publish, then ghp-import output/ into gh-pages and push it'
	@echo 'make rsync_upload publish, then rsync output/ to SSH_TARGET'
	@echo 'make lint        ruff check and mypy (configured in pyproject.toml)'
	@echo 'make test        lint, then run every test and the docstring examples'
	@echo 'make bench       run the benchmarks in bench/'
	@echo 'make clean       remove output/'

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(PYTHON) || $(PY) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -r requirements.txt
	$(PYTHON) -m pip install --quiet --no-deps -e .
	touch $@

venv: $(VENV)/.installed

# What `make test`, `make lint` and the benchmarks add: import, tests, lint, browser tests (requirements-dev.txt).
$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.installed
	$(PYTHON) -m pip install --quiet -r requirements-dev.txt
	touch $@

dev: $(VENV)/.dev-installed

html: venv
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

clean:
	rm -rf $(OUTPUTDIR)

regenerate: venv
	$(PELICAN) -r $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

serve: html
	$(PELICAN) -l $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS) -p $(PORT) -b $(BIND)

devserver: venv
	$(PELICAN) -lr $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS) -p $(PORT) -b $(BIND)

publish: venv
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF) $(PELICANOPTS)

# As Pelican's own Makefile does it (pelican-quickstart's `make github`).
github: publish
	$(VENV)/bin/ghp-import -m "$(GITHUB_PAGES_COMMIT_MESSAGE)" -b $(GITHUB_PAGES_BRANCH) "$(OUTPUTDIR)" --no-jekyll
	git push origin $(GITHUB_PAGES_BRANCH)

rsync_upload: publish
	rsync -e ssh -P -rvzc --cvs-exclude --delete "$(OUTPUTDIR)"/ "$(SSH_TARGET)"

review: venv
	$(PYTHON) -m generator review $(REVIEWOPTS)

lint: dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

test: dev lint
	$(PYTHON) -m pytest $(PYTESTOPTS)

$(VENV)/.bench-installed: bench/requirements.txt $(VENV)/.dev-installed
	$(PYTHON) -m pip install --quiet -r bench/requirements.txt
	touch $@

bench: venv $(VENV)/.bench-installed
	$(PYTHON) bench/build.py
	$(PYTHON) bench/tempeval.py
	$(PYTHON) bench/acled.py
	$(PYTHON) bench/tls.py
