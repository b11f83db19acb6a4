# Warta developer commands. `make install` is the only one that touches the network (PyPI, and
# Maven Central the first time the local broker starts).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: install demo test test-unit test-kafka clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

## Start the broker if none runs, start a worker, feed seeds/, print the enriched records, stop.
demo: install
	$(BIN)/warta demo

## The whole suite: unit tests and integration tests against a real local Kafka broker.
test: install
	$(BIN)/pytest

test-unit: install
	$(BIN)/pytest -m "not kafka"

test-kafka: install
	$(BIN)/pytest -m kafka

## Measure every stage on the public eval sets (../shared/eval) and rewrite docs/quality.md.
.PHONY: eval
eval: install
	$(BIN)/warta eval all

clean:
	rm -rf $(VENV) .pytest_cache build dist *.egg-info

## Throughput, latency, memory and scaling: in-process and through a private local broker (several
## minutes; writes bench/results/latest.json). `make bench BENCH_ARGS=--smoke` for a short run.
.PHONY: bench
bench: install
	$(BIN)/warta bench $(BENCH_ARGS)
