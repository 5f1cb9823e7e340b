"""Play real first-person posts (../shared/eval/real_posts_dev.yml) against the bot and score it.

For each post: `/model/parse` of the post gives the facts the NLU read (fact recall and
precision per entity type against the annotation; denials; the duration as the bot reads it),
then the post is sent as the first message of a conversation, "I don't know" answers every
question but a yes/no check of a warning word (answered as the annotation says: what the writer
would say), and the assessment is asked for; the highest level of any assessment or escalation
is the bot's triage. Prints the figures, the targets, every miss, and last the line
`eval-real: {json}`.

The posts are for measuring only: their sentences never go into the project.

Usage: python -m evaluation.real_posts [FILE]   (starts its own servers on free 127.0.0.1 ports)
With --check, exit 1 when a target (TARGETS) is missed.
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

from bot.evidence import Evidence
from bot.knowledge.contract import ENTITY_VALUES, ROLE_ABSENT, ROLE_HYPOTHETICAL, ROLE_UNSURE, level_rank
from bot.texts import CONFIRM_CRAMP_LEAD, CONFIRM_CRAMP_SIGNS, CONFIRM_QUESTIONS
from evaluation import REAL_POSTS_DEV, trained_model
from evaluation.vignettes import Send, play

FACT_TYPES = {  # entity type -> the annotation's field
    "symptom": "symptoms",
    "lifestyle_factor": "lifestyle_factors",
    "medication": "medications",
    "diet": "diet",
    "body_part": "body_parts",
}
# The symptom ids the annotators were asked for (the file's schema) are the contract's less
# these. A fact found outside them cannot be in the annotation, so it is neither right nor
# wrong: it is counted apart ("outside") and in the strict precision.
NOT_ANNOTATED = frozenset(
    "constipation dark_urine high_blood_pressure jitters mood_changes nausea restlessness self_harm thirst".split()
)
ANNOTATED_SYMPTOMS = frozenset(ENTITY_VALUES["symptom"]) - NOT_ANNOTATED
TARGETS = {"fact_recall": 0.92, "fact_precision": 0.90, "under_triage": 0, "false_emergency": 0, "triage_in_range": 0.93}

Parse = Callable[[str], dict]


@dataclass
class PostResult:
    id: str
    gold: set[str]  # "type:value"
    found: set[str]
    ignored: set[str]  # found but neither right nor wrong (distress when a fear is named)
    gold_denied: set[str]
    found_denied: set[str]
    gold_days: int | None
    found_days: int | None
    level: str
    triage_min: str
    triage_max: str
    transcript: list = field(default_factory=list)

    @property
    def missed(self) -> set[str]:
        return self.gold - self.found

    @property
    def outside(self) -> set[str]:
        """Found symptoms the annotation has no id for."""
        return {f for f in self.found if f.startswith("symptom:") and f.split(":", 1)[1] not in ANNOTATED_SYMPTOMS}

    @property
    def wrong(self) -> set[str]:
        return self.found - self.gold - self.ignored - self.outside

    @property
    def under(self) -> bool:
        return level_rank(self.level) < level_rank(self.triage_min)

    @property
    def over(self) -> bool:
        return level_rank(self.level) > level_rank(self.triage_max)

    @property
    def false_emergency(self) -> bool:
        return self.level == "emergency" and self.triage_min != "emergency"

    @property
    def duration_ok(self) -> bool:
        """The same reading of the policy's line: unknown, up to 14 days, or more (and within a fifth)."""
        if self.gold_days is None or self.found_days is None:
            return self.gold_days == self.found_days
        same_side = (self.gold_days > 14) == (self.found_days > 14)
        return same_side and abs(self.found_days - self.gold_days) <= max(1, self.gold_days // 5)


def load(path: Path = REAL_POSTS_DEV) -> list[dict]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8")))


def gold_facts(post: dict) -> set[str]:
    return {f"{kind}:{value}" for kind, key in FACT_TYPES.items() for value in post.get(key) or []}


def read_facts(entities: list[dict]) -> tuple[set[str], set[str], int | None]:
    """Affirmed facts, denied facts and the twitching's duration, as the bot reads them."""
    affirmed, denied = set(), set()
    for e in entities:
        kind, value, role = e.get("entity"), e.get("value"), e.get("role")
        if kind not in FACT_TYPES:
            continue
        if role == ROLE_ABSENT:
            denied.add(f"{kind}:{value}")
        elif role not in (ROLE_HYPOTHETICAL, ROLE_UNSURE):  # unsure: not a fact until confirmed
            affirmed.add(f"{kind}:{value}")
    return affirmed, denied - affirmed, Evidence.from_entities(entities).duration_days


def score_post(post: dict, parse: Parse, send: Send) -> PostResult:
    entities = list(parse(post["text"]).get("entities") or [])
    found, found_denied, days = read_facts(entities)
    gold = gold_facts(post)
    ignored = {"symptom:distress"} if post.get("worry") and "distress" not in (post.get("symptoms") or []) else set()
    outcome = play(send, {"id": post["id"], "turns": [post["text"]], "expect": {}}, check=checked_by(gold))
    return PostResult(
        post["id"], gold, found, ignored,
        {d if ":" in d else _typed(d) for d in post.get("denied") or []}, found_denied,
        post.get("duration_days"), days, outcome.level, post["triage_min"], post["triage_max"], outcome.transcript,
    )  # fmt: skip


def checked_by(gold: set[str]) -> Callable[[str], str]:
    """How the post's writer answers the bot's yes/no check of a warning word: yes when the
    annotation lists that sign, no otherwise (what they would say, as in eval-sealed)."""
    signs = {text: key for key, text in CONFIRM_QUESTIONS.items()}

    def answer(question: str) -> str:
        asked = [signs.get(question.strip())]
        if question.startswith(CONFIRM_CRAMP_LEAD):  # one question on the signs a bad cramp is told with: any of them
            asked = [key for key, words in CONFIRM_CRAMP_SIGNS.items() if words in question]
        return "yes" if any(sign and any(fact.endswith(f":{sign}") for fact in gold) for sign in asked) else "no"

    return answer


def _typed(value: str) -> str:
    """A denied id with its entity type (the annotation lists bare ids)."""
    kind = next((k for k in FACT_TYPES if value in ENTITY_VALUES[k]), "symptom")
    return f"{kind}:{value}"


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def report(results: list[PostResult]) -> dict[str, Any]:
    n = len(results) or 1
    per_type: dict[str, Counter] = {kind: Counter() for kind in FACT_TYPES}
    for r in results:
        for fact in r.gold & r.found:
            per_type[fact.split(":")[0]]["tp"] += 1
        for fact in r.wrong:
            per_type[fact.split(":")[0]]["fp"] += 1
        for fact in r.missed:
            per_type[fact.split(":")[0]]["fn"] += 1
    total = sum(per_type.values(), Counter())
    overall = _prf(total["tp"], total["fp"], total["fn"])
    outside = sum(len(r.outside) for r in results)
    denied_gold = sum(len(r.gold_denied) for r in results)
    return {
        "posts": len(results),
        "fact_recall": overall["recall"],
        "fact_precision": overall["precision"],
        "fact_f1": overall["f1"],
        "outside_annotation": outside,
        "fact_precision_strict": _prf(total["tp"], total["fp"] + outside, total["fn"])["precision"],
        "per_type": {kind: _prf(c["tp"], c["fp"], c["fn"]) for kind, c in per_type.items()},
        "denials_read": round(sum(len(r.gold_denied & r.found_denied) for r in results) / denied_gold, 4) if denied_gold else 1.0,
        "duration_accuracy": round(sum(r.duration_ok for r in results) / n, 4),
        "triage_in_range": round(sum(not r.under and not r.over for r in results) / n, 4),
        "under_triage": sum(r.under for r in results),
        "over_triage": sum(r.over for r in results),
        "false_emergency": sum(r.false_emergency for r in results),
    }


def target_lines(summary: dict[str, Any]) -> list[tuple[str, bool]]:
    lines = []
    for key in ("fact_recall", "fact_precision", "triage_in_range"):
        lines.append((f"{key} {summary[key]} (target >= {TARGETS[key]})", summary[key] >= TARGETS[key]))
    for key in ("under_triage", "false_emergency"):
        lines.append((f"{key} {summary[key]} (target {TARGETS[key]})", summary[key] <= TARGETS[key]))
    return lines


def misses(results: list[PostResult]) -> list[str]:
    lines = []
    for r in results:
        problems = []
        if r.missed:
            problems.append(f"missed {sorted(r.missed)}")
        if r.wrong:
            problems.append(f"wrong {sorted(r.wrong)}")
        if r.outside:
            problems.append(f"outside the annotation's ids {sorted(r.outside)}")
        if r.gold_denied - r.found_denied:
            problems.append(f"denial not read {sorted(r.gold_denied - r.found_denied)}")
        if not r.duration_ok:
            problems.append(f"duration {r.found_days} (annotated {r.gold_days})")
        if r.under or r.over:
            problems.append(f"level {r.level} (annotated {r.triage_min}..{r.triage_max})")
        if problems:
            lines.append(f"{r.id}: " + "; ".join(problems))
    return lines


def http_parse(rasa_url: str, token: str) -> Parse:
    def parse(text: str) -> dict:
        request = urllib.request.Request(
            f"{rasa_url}/model/parse?token={urllib.parse.quote(token)}",
            data=json.dumps({"text": text}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return dict(json.loads(response.read()))

    return parse


def main(argv: list[str] | None = None) -> int:
    from ops.launcher import rest_send, throwaway_stack

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=REAL_POSTS_DEV)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    if not args.file.is_file():
        print(f"no real posts at {args.file} (../shared beside the repository)", file=sys.stderr)
        return 2
    model = trained_model()
    if model is None:
        return 2
    posts = load(args.file)
    with throwaway_stack(model) as stack:
        parse = http_parse(stack.settings.rasa_url, stack.settings.auth_token)
        results = [score_post(p, parse, lambda sender, text: rest_send(stack.settings, sender, text)) for p in posts]
    summary = report(results)
    for line in misses(results):
        print(f"miss: {line}")
    per_type = summary["per_type"].items()
    print("per type: " + "; ".join(f"{k} P {v['precision']} R {v['recall']} F1 {v['f1']}" for k, v in per_type))
    met = target_lines(summary)
    for line, ok in met:
        print(f"{'met' if ok else 'MISSED'}: {line}")
    print(
        f"denials read {summary['denials_read']}; duration accuracy {summary['duration_accuracy']}; "
        f"over-triage {summary['over_triage']} of {summary['posts']}"
    )
    print(
        f"symptoms found outside the annotation's ids: {summary['outside_annotation']} "
        f"(counted as wrong, precision would be {summary['fact_precision_strict']})"
    )
    print("eval-real: " + json.dumps(summary, sort_keys=True))
    return 1 if args.check and not all(ok for _, ok in met) else 0


if __name__ == "__main__":
    sys.exit(main())
