"""Measurement: the coverage audit, NLU scores, the vignettes, follow-up questions, real posts
and the benchmark.

Every tool here reads its data from one declared place, below; the tests read the same files.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ops.paths import ROOT

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
VIGNETTES = DATA / "vignettes.yml"  # test conversations with expected causes and triage
FOLLOWUPS = DATA / "followups.yml"  # questions asked after an assessment, with the answer expected
CONVERSATIONS = DATA / "conversations.yml"  # scripted conversations, checked for how the assistant talks
NLU_HELDOUT = DATA / "nlu_heldout.yml"  # held-out NLU examples, never trained on
BASELINE_NLU_CONFIG = DATA / "baseline_nlu_config.yml"  # Rasa's default pipeline, for comparison
SEALED = HERE / "sealed"  # test sets written blind: scored by class, never read by who writes training data
BASELINE_BOT = HERE / "baseline"  # the `rasa init` bot the benchmark compares against
# real first-person posts, annotated (../shared/eval/): for measuring only, never copied
REAL_POSTS_DEV = ROOT.parent / "shared" / "eval" / "real_posts_dev.yml"


def trained_model() -> Path | None:
    """The latest trained model of models/, or None after saying how to make one (every tool that
    talks to the bot starts here)."""
    from ops.launcher import latest_model

    model = latest_model(ROOT / "models")
    if model is None:
        print("no trained model in models/: run `make train`", file=sys.stderr)
    return model
