"""Ask the follow-up questions of evaluation/data/followups.yml after an assessment, over REST.

Each group of questions runs in one conversation that first reaches an assessment (the
file's `lead_in`). An answer counts as "answered as asked" when its first custom payload names
the expected kind of question (`question`) and topic, or is of the expected type for a
question an intent answers (foods, summary...). Every reply is also checked for what a person
must never see (`reply_problems`): a `{` from a payload, a user's own words inside a "you
mentioned" phrase, or a supplement amount.

Usage: python -m evaluation.followups [FILE]   (starts its own servers on free 127.0.0.1 ports)
Exit status 1 when fewer than TARGET of the questions are answered as asked, or a reply has
a problem.
"""

from __future__ import annotations

import re
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import yaml

from bot.evidence import fact_name
from bot.knowledge.contract import ENTITY_VALUES, UNPHRASED_TYPES
from bot.names import ASSESSMENT
from evaluation import FOLLOWUPS, trained_model

TARGET = 0.95

Send = Callable[[str, str], list[dict]]

# A supplement amount: a number with a unit of dose.
AMOUNT = re.compile(r"\b\d[\d,.]*\s*(?:iu|i\.u\.|mg|mcg|µg|ug|micrograms?|milligrams?|units?)\b", re.IGNORECASE)
MENTIONED = re.compile(r"you mentioned (.+?)(?=[:;.]|, one of|, which|$)", re.MULTILINE)


def canonical_names() -> set[str]:
    """Every fact's plain name, as replies may say it."""
    kinds = [kind for kind in ENTITY_VALUES if kind not in UNPHRASED_TYPES]
    return {fact_name(f"{kind}:{value}") for kind in kinds for value in ENTITY_VALUES[kind]}


def reply_problems(messages: Iterable[dict], names: set[str] | None = None) -> list[str]:
    """What a person must never see in these bot messages."""
    names = names if names is not None else canonical_names()
    problems = []
    for message in messages:
        text = message.get("text") or ""
        if "{" in text:
            problems.append(f"a payload in the text: {text[:80]!r}")
        if match := AMOUNT.search(text):
            problems.append(f"a supplement amount: {match.group(0)!r}")
        for said in MENTIONED.findall(text):
            for item in re.split(r", | and ", said):
                if item.strip() and item.strip() not in names:
                    problems.append(f"not a canonical name after 'you mentioned': {item.strip()!r}")
    return problems


@dataclass
class Result:
    group: str
    ask: str
    expect: dict
    got: dict | None
    problems: list[str] = field(default_factory=list)

    @property
    def answered(self) -> bool:
        got = self.got or {}
        if "type" in self.expect and got.get("type") != self.expect["type"]:
            return False
        if "question" in self.expect and got.get("question") != self.expect["question"]:
            return False
        topics = self.expect.get("topic")
        if topics is not None:
            wanted = [topics] if isinstance(topics, str) else list(topics)
            return got.get("topic") in wanted
        return True


def load(path: Path = FOLLOWUPS) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def cases(data: dict[str, Any]) -> list[tuple[str, str, dict]]:
    """(group, question, expectation) for every question of the file."""
    out = []
    for group, spec in data["groups"].items():
        for item in spec["asks"]:
            item = item if isinstance(item, dict) else {"ask": item}
            expect = {**spec.get("expect", {}), **{k: v for k, v in item.items() if k != "ask"}}
            out.append((group, str(item["ask"]), expect))
    return out


def play(send: Send, data: dict[str, Any]) -> list[Result]:
    results = []
    names = canonical_names()
    by_group: dict[str, list[tuple[str, dict]]] = {}
    for group, ask, expect in cases(data):
        by_group.setdefault(group, []).append((ask, expect))
    for group, asks in by_group.items():
        sender = f"followup-{group}-{uuid.uuid4().hex[:6]}"
        lead = [m for text in data["lead_in"] for m in send(sender, text)]
        assert any((m.get("custom") or {}).get("type") == ASSESSMENT for m in lead), f"no assessment after the lead-in: {lead}"
        for ask, expect in asks:
            reply = send(sender, ask)
            customs = [m["custom"] for m in reply if isinstance(m.get("custom"), dict)]
            results.append(Result(group, ask, expect, customs[0] if customs else None, reply_problems(reply, names)))
    return results


def report(results: list[Result]) -> dict[str, Any]:
    n = len(results) or 1
    return {
        "questions": len(results),
        "answered_as_asked": round(sum(r.answered for r in results) / n, 4),
        "replies_with_problems": sum(bool(r.problems) for r in results),
    }


def misses(results: list[Result]) -> list[str]:
    lines = []
    for r in results:
        if not r.answered:
            got = {k: (r.got or {}).get(k) for k in ("type", "question", "topic")}
            lines.append(f"{r.group}: {r.ask!r} -> {got}, expected {r.expect}")
        lines += [f"{r.group}: {r.ask!r}: {p}" for p in r.problems]
    return lines


def main(argv: list[str] | None = None) -> int:
    from ops.launcher import rest_send, throwaway_stack

    args = argv if argv is not None else sys.argv[1:]
    data = load(Path(args[0]) if args else FOLLOWUPS)
    model = trained_model()
    if model is None:
        return 2
    with throwaway_stack(model) as stack:
        results = play(lambda sender, text: rest_send(stack.settings, sender, text), data)
    for line in misses(results):
        print(f"miss: {line}")
    summary = report(results)
    print(" ".join(f"{k}={v}" for k, v in summary.items()))
    failed = summary["answered_as_asked"] < TARGET or summary["replies_with_problems"] > 0
    if failed:
        rate, problems = summary["answered_as_asked"], summary["replies_with_problems"]
        print(f"FAILED: answered as asked {rate} (target {TARGET}), replies with problems {problems}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
