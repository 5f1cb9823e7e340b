"""The sealed sets' comparison "without the encoder": the project's own pipeline with the meaning
model's readings switched off (no facts, questions or answers read from the sentence vectors: the
lexicon and its rules alone), trained into results/lexicon_only/. Only the intent is still read from
the vectors, since nothing else in the pipeline classifies intents.

    python -m evaluation.lexicon_only      # writes the config and trains; prints the model's path
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from ops.paths import ROOT

OUT = ROOT / "results" / "lexicon_only"
MEANING = "rasa_server.components.meaning.MeaningClassifier"
NEVER = 1.01  # above any probability: the band is never reached
# Every band of bot/nlu/meaning.py's `Bands` at which a reading of the model becomes a fact, a
# question or an answer; `doubt` at 0 so no word of the lexicon is doubted by the model either.
OFF = {
    **{k: NEVER for k in ("sure", "unsure", "crisis_sure", "crisis_unsure", "long_sure", "context_sure", "long_crisis_sure")},
    **{k: NEVER for k in ("topic", "answer")},
    "doubt": 0.0,
}


def config(base: Path = ROOT / "config.yml") -> dict:
    """config.yml with the meaning model's bands switched off."""
    data = yaml.safe_load(base.read_text(encoding="utf-8"))
    steps = [step for step in data["pipeline"] if step.get("name") == MEANING]
    if len(steps) != 1:
        raise SystemExit(f"{base}: expected one {MEANING} step, found {len(steps)}")
    steps[0].update(OFF)
    return {**data, "assistant_id": "lexicon-only"}


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "config.yml"
    path.write_text(yaml.safe_dump(config(), sort_keys=False), encoding="utf-8")
    command = [sys.executable, "-m", "rasa", "train", "--config", str(path), "--out", str(OUT)]
    done = subprocess.run([*command, "--fixed-model-name", "lexicon_only", "--quiet"], cwd=ROOT, check=False)
    if done.returncode:
        return done.returncode
    print(OUT / "lexicon_only.tar.gz")
    return 0


if __name__ == "__main__":
    sys.exit(main())
