# The two commands of the README: `make demo` and `make test`. Everything installs into .venv.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
SOPDOC := $(VENV)/bin/sopdoc
OUT    ?= out

.PHONY: demo test review bench schema clean

$(PY):
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "sopdoc needs Python 3.11+"'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

## demo: check every example SOP and write the reports into out/
demo: $(VENV)/.installed
	@mkdir -p $(OUT)
	@$(SOPDOC) check examples/ --format json > $(OUT)/check.json; rc=$$?; [ $$rc -le 1 ] || exit $$rc
	@$(SOPDOC) check examples/ > $(OUT)/check.txt; rc=$$?; [ $$rc -le 1 ] || exit $$rc
	@tail -n 1 $(OUT)/check.txt
	@echo "laporan: $(OUT)/check.txt, $(OUT)/check.json"

## test: install the dev dependencies and run the whole suite
test: $(VENV)/.dev-installed
	$(PY) -m pytest

## bench: print the performance figures of the README table
bench: $(VENV)/.installed
	@for b in bench/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

## schema: regenerate schemas/sop.schema.json from the model
schema: $(VENV)/.installed
	$(SOPDOC) schema > schemas/sop.schema.json

clean:
	rm -rf $(OUT) build dist *.egg-info
