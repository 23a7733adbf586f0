# The two commands of the README: `make demo` and `make test`. Everything installs into .venv.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
SOPDOC := $(VENV)/bin/sopdoc
OUT    ?= out

.PHONY: demo test test-slow serve lint review bench schema docs screenshots clean

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

## demo: check and render every example SOP, run the period demo; everything lands in out/
demo: $(VENV)/.installed
	@mkdir -p $(OUT)
	@echo "== sopdoc check examples/"
	@$(SOPDOC) check examples/ --format json > $(OUT)/check.json; rc=$$?; [ $$rc -le 1 ] || exit $$rc
	@$(SOPDOC) check examples/ --format sarif > $(OUT)/check.sarif; rc=$$?; [ $$rc -le 1 ] || exit $$rc
	@$(SOPDOC) check examples/ > $(OUT)/check.txt; rc=$$?; [ $$rc -le 1 ] || exit $$rc
	@tail -n 1 $(OUT)/check.txt
	@echo "   laporan: $(OUT)/check.txt, $(OUT)/check.json, $(OUT)/check.sarif"
	@echo "== sopdoc render examples/ --format pdf,docx,svg"
	@$(SOPDOC) render examples/ --format pdf,docx,svg -o $(OUT) > $(OUT)/render.txt; rc=$$?; [ $$rc -le 1 ] || exit $$rc
	@echo "   dokumen: $$(wc -l < $(OUT)/render.txt) berkas di $(OUT)/ (*.pdf, *.docx, *.svg)"
	@echo "== periode: examples/logs/"
	@sh examples/logs/demo.sh $(SOPDOC) $(OUT)

## test: install the dev dependencies and run the whole suite
test: $(VENV)/.dev-installed
	$(PY) -m pytest -q -n auto

$(VENV)/.web-installed: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install -q -e '.[web]'
	touch $@

## test-slow: the corpus re-rendered with the OCR documents of ../shared/corpus too (needs tesseract-ocr-ind; minutes)
test-slow: $(VENV)/.dev-installed
	SOPDOC_SLOW=1 $(PY) -m pytest -q -n 2 tests/layout/test_corpus_quality.py

## serve: the web application on http://$(HOST):$(PORT)/ over ./sopdoc.db (SOPDOC_DB), the CLI's store;
##        ADMIN=name first creates that administrator and prints its one-time password
HOST ?= 127.0.0.1
PORT ?= 8000
ADMIN ?=
serve: $(VENV)/.web-installed
	@if [ -n "$(ADMIN)" ]; then $(SOPDOC) serve --buat-admin "$(ADMIN)" || exit $$?; fi
	$(SOPDOC) serve --host $(HOST) --port $(PORT)

## lint: ruff, mypy and the import-linter layer contract (run by .ci/run before the tests)
lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check sopdoc tests bench tools
	$(VENV)/bin/mypy sopdoc
	$(VENV)/bin/lint-imports

## bench: print the performance figures of the README table
bench: $(VENV)/.installed
	@for b in bench/[!_]*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

## review: render every example to PNG pages for a person to look at (out/review/)
review: $(VENV)/.installed
	$(PY) tools/review.py --out $(OUT)/review

## screenshots: the web application's main pages as docs/img/web-*.png (needs chromium, chromium-driver)
screenshots: $(VENV)/.dev-installed $(VENV)/.web-installed
	$(PY) tools/web_screenshots.py

## schema: regenerate schemas/sop.schema.json and schemas/config.schema.json
schema: $(VENV)/.installed
	$(SOPDOC) schema > schemas/sop.schema.json
	$(SOPDOC) schema --config > schemas/config.schema.json

## docs: regenerate docs/rules.md from the rule registry
docs: $(VENV)/.installed
	$(SOPDOC) rules --format markdown > docs/rules.md

clean:
	rm -rf $(OUT) build dist *.egg-info
