# Exitbot. `make run` and `make test` work on a fresh machine; see README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 3
export TF_DETERMINISTIC_OPS := 1
export PYTHONHASHSEED := 0
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

# Rasa 3.6 needs Python 3.10: take pyenv's if there is one, else python3.10 on PATH.
PYTHON310 ?= $(firstword $(wildcard $(shell pyenv root 2>/dev/null)/versions/3.10*/bin/python) \
                         $(shell command -v python3.10 2>/dev/null))
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
SPACY_PIPELINE := build/da_exitbot-1.0.0
MODEL := models/exitbot.tar.gz
# Custom components are code loaded at run time; only what shapes the weights is an input
# (the intent classifier is: its code trains the model).
TRAINING_INPUTS := config.yml bot/nlp/intents.py domain.yml $(shell find data -name '*.yml') $(SPACY_PIPELINE)/meta.json

.PHONY: help setup nlp train run test test-unit test-stories validate eval bench lint clean postgres \
        run-scale test-scale load faults load-and-faults scale-prereqs

help:
	@echo "make run    – set up, train if needed, start actions (5055), Rasa (5005) and web (8000)"
	@echo "make test   – set up and run the whole test suite"
	@echo "make eval   – NLU, conversation and crisis evaluation into reports/"
	@echo "make bench  – benchmarks into reports/bench.json"
	@echo "make run-scale – Postgres, Redis locks, two Rasa servers and nginx on :8080"
	@echo "make load   – 1/20/50 simulated users, embedded and scale → reports/load.{json,md}"
	@echo "make faults – kill/restart parts under load → reports/faults.{json,md}"

$(VENV)/.installed: requirements.lock
	@test -n "$(PYTHON310)" || { echo "Python 3.10 not found (pyenv install 3.10 or set PYTHON310=…)"; exit 1; }
	$(PYTHON310) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check "uv==$$(sed -n 's/^uv==//p' requirements.lock)"
	$(VENV)/bin/uv pip sync --quiet --python $(PY) requirements.lock
	touch $@

setup: $(VENV)/.installed $(SPACY_PIPELINE)/meta.json var/.migrated

# Browser tests drive Debian's Chromium (Playwright's own browser download is not reachable).
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

# The scale profile and tests/scale run Debian's nginx.
NGINX_BIN := /usr/sbin/nginx
$(NGINX_BIN):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null

$(SPACY_PIPELINE)/meta.json: $(VENV)/.installed bot/nlp/build.py bot/nlp/municipalities.py bot/nlp/__init__.py
	$(PY) -m bot.nlp build --out $(SPACY_PIPELINE)

nlp: $(SPACY_PIPELINE)/meta.json

var/.migrated: $(VENV)/.installed $(wildcard bot/migrations/versions/*.py)
	@mkdir -p var
	$(PY) -m bot migrate
	touch $@

# Make skips training when no input changed; Rasa's own fingerprint is a second guard.
# --skip-validation: `make validate` checks the same data, stricter (--fail-on-warnings).
$(MODEL): $(VENV)/.installed $(TRAINING_INPUTS)
	@mkdir -p models var/log
	@echo "training (log: var/log/train.log) …"
	$(RASA) train --skip-validation --fixed-model-name exitbot --out models > var/log/train.log 2>&1 \
	  || { tail -40 var/log/train.log; exit 1; }
	@touch $@

train: $(MODEL)

run: setup $(MODEL)
	$(PY) -m bot run

validate: setup
	@mkdir -p var/log
	$(RASA) data validate --fail-on-warnings > var/log/validate.log 2>&1 \
	  || { cat var/log/validate.log; exit 1; }
	$(PY) -m bot.checks validate-log var/log/validate.log

# --e2e: the user texts go through the NLU too, so a misread message fails the story.
# (Rasa only reads files named test_*.yml this way.)
test-stories: setup $(MODEL)
	$(RASA) test core --e2e --model $(MODEL) --stories tests/stories --fail-on-prediction-errors \
	  --out reports/stories > var/log/test-stories.log 2>&1 \
	  || { grep -v urllib3 var/log/test-stories.log | grep -A 30 "Exception" | head -60; exit 1; }
	@echo "rasa test: all test stories pass, with their user texts through the NLU"

test-unit: setup
	$(PY) -m pytest -q tests/unit

lint: setup
	$(VENV)/bin/ruff check bot actions tests

# The concurrency tests also run on Postgres (the machine's service on 127.0.0.1:5432).
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect \
	  $$(ls /etc/postgresql) main start

test: setup validate lint $(MODEL) test-stories $(CHROMIUM) postgres $(NGINX_BIN)
	$(PY) -m pytest -q tests

eval: setup $(MODEL)
	$(PY) -m bot.evaluation all

bench: setup $(MODEL) postgres $(NGINX_BIN)
	$(PY) -m bot.benchmark

# --- scale profile (needs Postgres on 127.0.0.1:5432, Redis on :6379 and Debian's nginx) ---
# These use the trained model as it is: they train only when there is none at all, so they
# never start a second `rasa train` next to one that is already running.
scale-prereqs: setup $(NGINX_BIN)
	@test -f $(MODEL) || $(MAKE) train

run-scale: scale-prereqs
	$(PY) -m bot.scale run

test-scale: scale-prereqs
	$(PY) -m pytest -q -m scale tests/scale

load: scale-prereqs
	$(PY) -m bot.load

faults: scale-prereqs
	$(PY) -m bot.faults

# Both, one after the other: reports/load.md, then reports/faults.md.
load-and-faults: load faults

clean:
	rm -rf models build reports .rasa
