"""Play the vignettes of evaluation/data/vignettes.yml against the running bot over REST, and score them.

For each vignette: send its turns in order whatever the bot asks; if no assessment came,
send "what could be causing it?"; answer "I don't know" to further questions; then read
the last `assessment` payload and the highest level of any `assessment` or `escalation`.
Prints top-1, top-3, triage in range, under- and over-triage counts, late escalations and
the misses.

Usage: python -m evaluation.vignettes [FILE]   (starts its own servers on free 127.0.0.1 ports)
Exit status 1 when a threshold (THRESHOLDS) is missed.
"""

from __future__ import annotations

import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

from bot.knowledge.contract import level_rank
from bot.names import ASSESSMENT, ESCALATION
from evaluation import VIGNETTES, trained_model

ASK = "what could be causing it?"
DONT_KNOW = "I don't know"
THRESHOLDS = {"top3": 0.95, "top1": 0.85, "under_triage": 0, "over_triage": 0.10, "late_escalations": 0}

Send = Callable[[str, str], list[dict]]


@dataclass
class Outcome:
    id: str
    causes: list[str]
    level: str
    escalated_at: int | None  # index of the user turn whose reply escalated
    expect: dict
    transcript: list[tuple[str, list[dict]]] = field(default_factory=list)

    @property
    def top1(self) -> bool:
        return bool(self.causes) and self.causes[0] in self.expect["top1"]

    @property
    def top3(self) -> bool:
        return set(self.expect["top3"]) <= set(self.causes[:3])

    @property
    def under(self) -> bool:
        return level_rank(self.level) < level_rank(self.expect["triage"]["min"])

    @property
    def over(self) -> bool:
        return level_rank(self.level) > level_rank(self.expect["triage"]["max"])

    @property
    def late(self) -> bool:
        """An urgent/emergency vignette not escalated by the turn that named the red flag."""
        if level_rank(self.expect["triage"]["min"]) < level_rank("urgent"):
            return False
        deadline = self.expect.get("red_flag_turn", len(self.expect.get("_turns", [])) - 1)
        return self.escalated_at is None or self.escalated_at > deadline


def load(path: Path = VIGNETTES) -> list[dict]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["vignettes"])


def _is_question(messages: list[dict]) -> bool:
    texts = [m.get("text", "") for m in messages if m.get("text")]
    return bool(messages) and (any(m.get("buttons") for m in messages) or (bool(texts) and texts[-1].rstrip().endswith("?")))


CHECK = "Just to check"  # how the bot's yes/no question about a warning word begins (bot/texts.py)


def play(send: Send, vignette: dict, max_dont_know: int = 5, check: Callable[[str], str] | None = None) -> Outcome:
    """Say the vignette's turns, ask for the assessment, and answer "I don't know" to every
    question; a yes/no check of a warning word gets `check(question)` instead, when given (what
    the writer would answer)."""
    sender = f"vignette-{vignette['id']}-{uuid.uuid4().hex[:6]}"
    payloads: list[dict] = []
    transcript: list[tuple[str, list[dict]]] = []
    escalated_at = None

    def say(text: str, index: int | None) -> list[dict]:
        nonlocal escalated_at
        reply = send(sender, text)
        transcript.append((text, reply))
        customs = [m["custom"] for m in reply if isinstance(m.get("custom"), dict)]
        payloads.extend(customs)
        hot = any(
            c.get("type") in (ESCALATION, ASSESSMENT) and level_rank(c.get("triage", "self_care")) >= level_rank("urgent")
            for c in customs
        )
        if hot and escalated_at is None and index is not None:
            escalated_at = index
        return reply

    def last_text(reply: list[dict]) -> str:
        return next((str(m["text"]) for m in reversed(reply) if m.get("text")), "")

    reply: list[dict] = []
    for index, text in enumerate(vignette["turns"]):
        reply = say(text, index)
    while check is not None and last_text(reply).startswith(CHECK) and len(transcript) < len(vignette["turns"]) + 5:
        reply = say(check(last_text(reply)), None)  # the checks of what was just said, answered first
    if not any(p.get("type") == ASSESSMENT for p in payloads):
        reply = say(ASK, None)
    for _ in range(max_dont_know):
        if any(p.get("type") == ASSESSMENT for p in payloads) and not _is_question(reply):
            break
        if not _is_question(reply):
            reply = say(ASK, None)
            continue
        asked = last_text(reply)
        reply = say(check(asked) if check is not None and asked.startswith(CHECK) else DONT_KNOW, None)
    assessments = [p for p in payloads if p.get("type") == ASSESSMENT]
    causes = [c["id"] for c in assessments[-1]["causes"]] if assessments else []
    levels = [p.get("triage", "self_care") for p in payloads if p.get("type") in (ASSESSMENT, ESCALATION)]
    level = max(levels, key=level_rank) if levels else "self_care"
    expect = {**vignette["expect"], "_turns": vignette["turns"]}
    return Outcome(vignette["id"], causes, level, escalated_at, expect, transcript)


def report(outcomes: list[Outcome]) -> dict[str, Any]:
    n = len(outcomes) or 1
    return {
        "vignettes": len(outcomes),
        "top1": round(sum(o.top1 for o in outcomes) / n, 4),
        "top3": round(sum(o.top3 for o in outcomes) / n, 4),
        "triage_in_range": round(sum(not o.under and not o.over for o in outcomes) / n, 4),
        "under_triage": sum(o.under for o in outcomes),
        "over_triage": round(sum(o.over for o in outcomes) / n, 4),
        "late_escalations": sum(o.late for o in outcomes),
    }


def failures(summary: dict[str, Any]) -> list[str]:
    failed = [f"{k} {summary[k]} < {THRESHOLDS[k]}" for k in ("top3", "top1") if summary[k] < THRESHOLDS[k]]
    failed += [
        f"{k} {summary[k]} > {THRESHOLDS[k]}"
        for k in ("under_triage", "over_triage", "late_escalations")
        if summary[k] > THRESHOLDS[k]
    ]
    return failed


def misses(outcomes: list[Outcome]) -> list[str]:
    lines = []
    for o in outcomes:
        problems = [
            name
            for name, bad in (("top1", not o.top1), ("top3", not o.top3), ("under", o.under), ("over", o.over), ("late", o.late))
            if bad
        ]
        if problems:
            expected = f"expected {o.expect['top1']}, {o.expect['triage']}"
            lines.append(f"{o.id}: {', '.join(problems)} -> causes {o.causes[:3]}, level {o.level} ({expected})")
    return lines


def run_all(send: Send, vignettes: list[dict], workers: int = 4) -> list[Outcome]:
    """Every vignette played, a few at once (each is a conversation of its own, and the servers
    mostly wait on each other), the outcomes in the file's order."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda v: play(send, v), vignettes))


def main(argv: list[str] | None = None) -> int:
    from ops.launcher import rest_send, throwaway_stack

    args = argv if argv is not None else sys.argv[1:]
    path = Path(args[0]) if args else VIGNETTES
    model = trained_model()
    if model is None:
        return 2
    with throwaway_stack(model) as stack:
        outcomes = run_all(lambda sender, text: rest_send(stack.settings, sender, text), load(path))
    summary = report(outcomes)
    for line in misses(outcomes):
        print(f"miss: {line}")
    print(" ".join(f"{k}={v}" for k, v in summary.items()))
    failed = failures(summary)
    for line in failed:
        print(f"FAILED: {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
