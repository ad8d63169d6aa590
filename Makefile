# The two commands a fresh machine needs: `make demo` and `make test` (see README.md).
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
KG := $(VENV)/bin/kg

.PHONY: install install-system demo test lint neo4j-start neo4j-stop bench

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e ".[dev,redis]"
	touch $@

install: $(VENV)/.installed
	bash scripts/install-web.sh

# System packages the tests need (Debian's Chromium for the browser tests).
install-system:
	bash scripts/install-system.sh

demo: install
	bash scripts/demo.sh

test: install install-system
	bash scripts/test.sh

lint: install
	$(VENV)/bin/ruff check graph ingest api queries tests bench

neo4j-start: install
	$(KG) neo4j start

neo4j-stop:
	$(KG) neo4j stop
