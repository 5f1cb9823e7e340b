"""The baseline bot: the `rasa init` bot of evaluation/baseline/, whose replies go through one
custom action, run with the same servers, endpoints and channels as ours; and the cold training
of both bots (from scratch with an empty Rasa cache, RASA_CACHE_DIRECTORY).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from evaluation import BASELINE_BOT
from ops.launcher import QUIET_ENV, ROOT, Stack

BASELINE_DIR = BASELINE_BOT
BASELINE_ACTIONS = "evaluation.baseline.actions"
RESULTS = ROOT / "results" / "bench"
BASELINE_MODEL = RESULTS / "baseline.tar.gz"


class BaselineStack(Stack):
    """The same servers, endpoints and channels, with the baseline's action package."""

    def action_server_cmd(self) -> list[str]:
        return [self.python, "-m", "rasa_sdk", "--actions", BASELINE_ACTIONS, "--port", str(self.settings.action_port)]


def baseline_is_stale(model: Path) -> bool:
    if not model.exists():
        return True
    built = model.stat().st_mtime
    return any(p.stat().st_mtime > built for p in BASELINE_DIR.rglob("*.yml"))


def measure_training(do_train: bool) -> dict[str, float | None]:
    """Seconds of a cold training of each bot, None when not measured.

    The baseline is trained into results/bench/ (also when not measuring, if its model is
    missing or stale); our bot into a temporary directory, leaving models/ alone.
    """
    RESULTS.mkdir(parents=True, exist_ok=True)
    train_s: dict[str, float | None] = {"ours": None, "baseline": None}
    if do_train or baseline_is_stale(BASELINE_MODEL):
        print("training the baseline (cold cache)...", file=sys.stderr, flush=True)
        train_s["baseline"] = train(
            BASELINE_DIR / "config.yml", BASELINE_DIR / "domain.yml", BASELINE_DIR / "data", RESULTS, "baseline"
        )
    if do_train:
        print("training our bot into a temporary directory (cold cache)...", file=sys.stderr, flush=True)
        with tempfile.TemporaryDirectory(prefix="bench-train-") as out:
            train_s["ours"] = train(ROOT / "config.yml", ROOT / "domain.yml", ROOT / "data", Path(out), "twitch")
    return train_s


def train(config: Path, domain: Path, data: Path, out: Path, name: str) -> float:
    """`rasa train` from scratch with an empty cache; seconds. Raises with the log's tail on failure."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-cache-") as cache:
        cmd = [
            sys.executable, "-m", "rasa", "train",
            "--config", str(config), "--domain", str(domain), "--data", str(data),
            "--out", str(out), "--fixed-model-name", name, "--force", "--quiet",
        ]  # fmt: skip
        log = out / f"{name}-train.log"
        start = time.perf_counter()
        with open(log, "wb") as handle:
            code = subprocess.run(cmd, cwd=ROOT, env=_train_env(Path(cache)), stdout=handle, stderr=subprocess.STDOUT).returncode
        seconds = time.perf_counter() - start
    if code != 0 or not (out / f"{name}.tar.gz").exists():
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-20:])
        raise RuntimeError(f"training {name} failed (exit {code}); last lines of {log}:\n{tail}")
    return seconds


def _train_env(cache_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(QUIET_ENV)
    env["RASA_CACHE_DIRECTORY"] = str(cache_dir)  # empty: a cold, full training
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env
