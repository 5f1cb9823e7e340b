"""Score NLU models on the held-out test set (evaluation/data/nlu_heldout.yml, never trained on).

Prints intent macro-F1, entity precision/recall/F1 per entity type (an entity counts when
its type, canonical value and role match the annotation; spans may differ), the share of
denied mentions marked absent, values outside the contract, and the median parse time;
writes results/nlu_report.json and Rasa's intent confusion matrix images.

Usage: python -m evaluation.nlu MODEL [--baseline BASELINE_MODEL] [--test FILE] [--out DIR]
Exit status 1 when the project's model misses a threshold (THRESHOLDS).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from bot.knowledge.contract import ROLE_ABSENT
from bot.nlu.extract import valid
from evaluation import NLU_HELDOUT
from ops.paths import ROOT

TEST_FILE = NLU_HELDOUT
THRESHOLDS = {"intent_macro_f1": 0.95, "entity_micro_f1": 0.93, "absent_share": 0.95, "out_of_contract": 0}


@dataclass
class Example:
    text: str
    intent: str
    entities: list[tuple[str, str, str | None]]


@dataclass
class Scores:
    intent_macro_f1: float
    entity_micro: dict[str, float]
    per_type: dict[str, dict[str, float]]
    absent_share: float
    absent_total: int
    out_of_contract: int
    parse_ms_median: float
    intent_errors: list[dict] = field(default_factory=list)
    entity_errors: list[dict] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {
            "intent_macro_f1": round(self.intent_macro_f1, 4),
            "entity_micro_f1": round(self.entity_micro["f1"], 4),
            "entity_precision": round(self.entity_micro["precision"], 4),
            "entity_recall": round(self.entity_micro["recall"], 4),
            "absent_share": round(self.absent_share, 4),
            "out_of_contract": self.out_of_contract,
            "parse_ms_median": round(self.parse_ms_median, 2),
        }


def triples(entities: Iterable[dict]) -> list[tuple[str, str, str | None]]:
    return [(str(e.get("entity")), str(e.get("value")), e.get("role")) for e in entities]


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "support": tp + fn}


def macro_f1(gold: list[str], predicted: list[str]) -> float:
    labels = sorted(set(gold))
    scores = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted, strict=True))
        scores.append(prf(tp, fp, fn)["f1"])
    return sum(scores) / len(scores) if scores else 0.0


def score(examples: list[Example], parses: list[dict], times_ms: list[float]) -> Scores:
    counts: dict[str, Counter] = {}
    absent_total = absent_hit = out_of_contract = 0
    entity_errors = []
    for ex, parse in zip(examples, parses, strict=True):
        predicted = Counter(triples(parse.get("entities", [])))
        gold = Counter(ex.entities)
        out_of_contract += sum(n for (kind, value, _), n in predicted.items() if not valid(kind, value))
        for kind in {k for k, _, _ in gold} | {k for k, _, _ in predicted}:
            g = Counter({t: n for t, n in gold.items() if t[0] == kind})
            p = Counter({t: n for t, n in predicted.items() if t[0] == kind})
            tp = sum((g & p).values())
            c = counts.setdefault(kind, Counter())
            c["tp"] += tp
            c["fp"] += sum(p.values()) - tp
            c["fn"] += sum(g.values()) - tp
        for kind, value, role in ex.entities:
            if role == ROLE_ABSENT:
                absent_total += 1
                absent_hit += predicted[(kind, value, ROLE_ABSENT)] > 0
        if gold != predicted:
            entity_errors.append(
                {
                    "text": ex.text,
                    "missed": sorted(map(str, (gold - predicted).elements())),
                    "extra": sorted(map(str, (predicted - gold).elements())),
                }
            )
    per_type = {k: prf(c["tp"], c["fp"], c["fn"]) for k, c in sorted(counts.items())}
    total: Counter = Counter()
    for c in counts.values():
        total.update(c)
    gold_intents = [ex.intent for ex in examples]
    predicted_intents = [str((p.get("intent") or {}).get("name")) for p in parses]
    intent_errors = [
        {"text": ex.text, "expected": ex.intent, "predicted": pred}
        for ex, pred in zip(examples, predicted_intents, strict=True)
        if pred != ex.intent
    ]
    return Scores(
        intent_macro_f1=macro_f1(gold_intents, predicted_intents),
        entity_micro=prf(total["tp"], total["fp"], total["fn"]),
        per_type=per_type,
        absent_share=absent_hit / absent_total if absent_total else 1.0,
        absent_total=absent_total,
        out_of_contract=out_of_contract,
        parse_ms_median=statistics.median(times_ms) if times_ms else 0.0,
        intent_errors=intent_errors,
        entity_errors=entity_errors,
    )


def load_examples(path: Path = TEST_FILE) -> list[Example]:
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(path))
    return [Example(m.get("text"), m.get("intent"), triples(m.get("entities") or [])) for m in data.intent_examples]


async def _parse_all(model: Path, texts: list[str]) -> tuple[list[dict], list[float]]:
    import logging

    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # Rasa's debug log would print every message text

    agent = Agent.load(str(model))
    for text in texts[:5]:  # warm up
        await agent.parse_message(text)
    parses, times = [], []
    for text in texts:
        start = time.perf_counter()
        parses.append(await agent.parse_message(text))
        times.append((time.perf_counter() - start) * 1000)
    return parses, times


def evaluate_model(model: Path, examples: list[Example]) -> tuple[Scores, list[dict]]:
    parses, times = asyncio.run(_parse_all(model, [ex.text for ex in examples]))
    return score(examples, parses, times), parses


def evaluate_server(rasa_url: str, token: str, examples: list[Example]) -> tuple[Scores, list[dict]]:
    """The same scores from a running Rasa server's `/model/parse` (times include HTTP)."""
    parses, times = [], []
    for example in examples:
        request = urllib.request.Request(
            f"{rasa_url}/model/parse?token={urllib.parse.quote(token)}",
            data=json.dumps({"text": example.text}).encode(),
            headers={"Content-Type": "application/json"},
        )
        start = time.perf_counter()
        with urllib.request.urlopen(request, timeout=60) as response:
            parses.append(json.loads(response.read()))
        times.append((time.perf_counter() - start) * 1000)
    return score(examples, parses, times), parses


def failed_thresholds(summary: dict[str, Any]) -> list[str]:
    failed = [f"{k} {summary[k]} < {v}" for k, v in THRESHOLDS.items() if k != "out_of_contract" and summary[k] < v]
    if summary["out_of_contract"] > THRESHOLDS["out_of_contract"]:
        failed.append(f"out_of_contract {summary['out_of_contract']} > 0")
    return failed


def confusion_image(examples: list[Example], parses: list[dict], out: Path) -> None:
    from rasa.utils.plotting import plot_confusion_matrix
    from sklearn.metrics import confusion_matrix

    gold = [ex.intent for ex in examples]
    predicted = [str((p.get("intent") or {}).get("name")) for p in parses]
    labels = sorted(set(gold) | set(predicted))
    matrix = confusion_matrix(gold, predicted, labels=labels)
    plot_confusion_matrix(matrix, classes=labels, title="Intent confusion matrix", output_file=str(out))


def table(rows: dict[str, dict[str, Any]]) -> str:
    names = list(rows)
    keys = list(next(iter(rows.values())))
    width = max(len(k) for k in keys) + 2
    lines = [" " * width + "".join(f"{n:>14}" for n in names)]
    for key in keys:
        lines.append(f"{key:<{width}}" + "".join(f"{rows[n][key]:>14}" for n in names))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path)
    parser.add_argument("--baseline", type=Path)
    parser.add_argument("--test", type=Path, default=TEST_FILE)
    parser.add_argument("--out", type=Path, default=ROOT / "results")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    examples = load_examples(args.test)
    report: dict[str, Any] = {"test_file": str(args.test), "messages": len(examples), "thresholds": THRESHOLDS}
    rows: dict[str, dict[str, Any]] = {}
    for name, model in (("project", args.model), ("baseline", args.baseline)):
        if model is None:
            continue
        scores, parses = evaluate_model(model, examples)
        confusion_image(examples, parses, args.out / f"{name}_intent_confusion_matrix.png")
        summary = scores.summary()
        rows[name] = summary
        report[name] = {
            "model": str(model),
            **summary,
            "absent_mentions": scores.absent_total,
            "per_entity_type": {k: {m: round(v, 4) for m, v in s.items()} for k, s in scores.per_type.items()},
            "intent_errors": scores.intent_errors,
            "entity_errors": scores.entity_errors,
        }
        print(f"\n{name}: per entity type (precision / recall / F1, support)")
        for kind, s in scores.per_type.items():
            print(f"  {kind:<18} {s['precision']:.3f} / {s['recall']:.3f} / {s['f1']:.3f}  ({int(s['support'])})")
    print(f"\nHeld-out set: {len(examples)} messages ({args.test})")
    print(table(rows))
    failed = failed_thresholds(rows["project"])
    if "baseline" in rows and rows["project"]["entity_micro_f1"] <= rows["baseline"]["entity_micro_f1"]:
        failed.append("the project's entity F1 does not beat the baseline's")
    report["failed"] = failed
    (args.out / "nlu_report.json").write_text(json.dumps(report, indent=2))
    print(f"\nreport: {args.out / 'nlu_report.json'}")
    for line in failed:
        print(f"FAILED: {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
