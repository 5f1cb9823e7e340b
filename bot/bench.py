"""Benchmark: figures, not pass/fail. `make bench` prints a table and, last, `bench: {json}`.

Measured here: cause-table query time (ranking + triage, in process), median
`/model/parse` time over HTTP, and per-message latency over the REST channel including
the action server, with the real servers on free 127.0.0.1 ports.
"""

from __future__ import annotations

import dataclasses
import json
import statistics
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

from bot.evidence import Evidence
from bot.knowledge.table import default_kb
from bot.reasoning import assess

ROOT = Path(__file__).resolve().parent.parent

EVIDENCE_SETS = [
    [("lifestyle_factor", "caffeine"), ("lifestyle_factor", "poor_sleep")],
    [("diet", "vegan"), ("symptom", "numbness_tingling"), ("symptom", "balance_problems")],
    [("medication", "diuretic"), ("symptom", "cramps"), ("symptom", "irregular_heartbeat")],
    [("lifestyle_factor", "low_sun_exposure"), ("lifestyle_factor", "darker_skin"), ("symptom", "bone_pain")],
    [("symptom", "chest_pain"), ("symptom", "weakness"), ("symptom", "vomiting")],
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def table_query_us(rounds: int = 2000) -> float:
    kb = default_kb()
    sets = [Evidence.from_entities([{"entity": k, "value": v} for k, v in s]) for s in EVIDENCE_SETS]
    assess(kb, sets[0])  # warm caches
    start = time.perf_counter()
    for i in range(rounds):
        assess(kb, sets[i % len(sets)])
    return (time.perf_counter() - start) / rounds * 1e6


def _post(url: str, body: dict) -> dict:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def main() -> int:
    from bot.launcher import Settings, Stack, free_port, latest_model
    from bot.nlu.evaluate import load_examples

    model = latest_model(ROOT / "models")
    if model is None:
        print("no trained model in models/: run `make train`", file=sys.stderr)
        return 2
    texts = [ex.text for ex in load_examples()]
    figures: dict[str, float] = {"table_query_us": round(table_query_us(), 1)}
    with tempfile.TemporaryDirectory() as tmp:
        settings = dataclasses.replace(
            Settings.from_env({}), rasa_port=free_port(), action_port=free_port(), model=model, tracker_db=Path(tmp) / "t.db"
        )
        start = time.perf_counter()
        with Stack(settings, log_dir=Path(tmp) / "logs"):
            figures["cold_start_s"] = round(time.perf_counter() - start, 1)
            parse_url = f"{settings.rasa_url}/model/parse?token={settings.auth_token}"
            for text in texts[:10]:
                _post(parse_url, {"text": text})
            parse_ms = []
            for text in texts:
                t0 = time.perf_counter()
                _post(parse_url, {"text": text})
                parse_ms.append((time.perf_counter() - t0) * 1000)
            rest_ms = []
            rest_url = f"{settings.rasa_url}/webhooks/rest/webhook"
            for i, text in enumerate(texts[:200]):
                t0 = time.perf_counter()
                _post(rest_url, {"sender": f"bench-{i % 20}-{uuid.uuid4().hex[:4]}", "message": text})
                rest_ms.append((time.perf_counter() - t0) * 1000)
    figures.update(
        {
            "parse_median_ms": round(statistics.median(parse_ms), 2),
            "parse_p95_ms": round(percentile(parse_ms, 0.95), 2),
            "p50_ms": round(percentile(rest_ms, 0.50), 2),
            "p95_ms": round(percentile(rest_ms, 0.95), 2),
            "p99_ms": round(percentile(rest_ms, 0.99), 2),
            "messages": len(rest_ms),
        }
    )
    width = max(map(len, figures))
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
    print("bench: " + json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
