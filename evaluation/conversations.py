"""Play the scripted conversations of evaluation/data/conversations.yml over REST and check how
the assistant talks (issue 27: talk like a good clinician).

Each script is said turn by turn, whatever the bot answers, as a person who does not read the
buttons would. After every turn the level the assistant holds is read from its stored state.
The checks, each one a machine can make:

- `repeat`: no bot message is identical to one of the previous three;
- `boilerplate`: no sentence of a bot's answer (one of `BOILERPLATE_CHARS` or more, not a question, the disclaimer
  or a citation) comes back in `BOILERPLATE_TURNS` or more replies of a conversation, nor twice in one reply
  (issue 27: "no boilerplate appended to every answer");
- `level_fell`: the level never falls, except on a turn the script marks as a correction;
- `level_low`: after a turn that names a `level`, the level held is at least that one;
- `unanswered`: a turn that `asks` gets an answer of each topic (an explanation payload whose
  `question`, or else topic, names it; a foods or summary card; an assessment answers `cause` and
  `what_helps`), or the marker of "outside my documents" (an explanation payload with
  `question: outside_documents`);
- `summary_denied`, `summary_unsaid`: every summary card lists nothing the user denied and
  nothing the user did not say (the script's `facts` and `denied`);
- `verdict_on_nothing`: when the script describes nothing, no assessment and no summary with causes;
- `scope`: no interview question after a message marked out of scope; `no_interview`: none
  after a turn marked so (pushing back on an emergency);
- `crisis_missed`: a turn marked `crisis` gets the crisis answer; `after_crisis`: after a crisis
  answer, no interview question, and no assessment unless the turn asks something.

Prints a table by class and every failure with an excerpt of its transcript.

Usage: python -m evaluation.conversations [FILE]   (starts its own servers on free 127.0.0.1 ports)
Exit status 1 when any check fails.
"""

from __future__ import annotations

import re
import sys
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

from bot.dialogue import CRISIS_LINE
from bot.knowledge.contract import level_rank
from bot.names import ASSESSMENT, EXPLANATION, SUMMARY
from bot.texts import DISCLAIMER
from evaluation import CONVERSATIONS, trained_model
from evaluation.sealed import answered_topics, asks_interview, is_crisis, payloads

OUTSIDE = "outside_documents"  # the `question` of an answer that says the documents do not cover it
REMEMBERED = 3  # a bot message may not repeat one of this many before it
SUMMARY_KEYS = ("symptoms", "factors", "lifestyle", "medicines", "diet")
BOILERPLATE_CHARS = 40  # a shorter sentence is a lead ("Please don't let this wait."), said again in passing
BOILERPLATE_TURNS = 3  # replies a long sentence may come back in: said, and said once more when it is asked for
CHECKS = (
    "repeat", "boilerplate", "level_fell", "level_low", "unanswered", "summary_denied", "summary_unsaid",
    "verdict_on_nothing", "scope", "no_interview", "crisis_missed", "after_crisis",
)  # fmt: skip

Send = Callable[[str, str], list[dict]]
Held = Callable[[str], str]  # sender -> the level the assistant holds now


@dataclass
class Turn:
    """One user message of a script and what it stands for."""

    say: str
    asks: list[str] = field(default_factory=list)  # the topics it asks about
    correction: bool = False  # it corrects a fact: the level may fall after it
    out_of_scope: bool = False  # about something other than twitching, cramps or spasms
    no_interview: bool = False  # the reply must not go on with the interview
    crisis: bool = False  # it must get the crisis answer
    level: str | None = None  # the level held after it is at least this one


@dataclass
class Exchange:
    turn: Turn
    reply: list[dict]
    level: str  # held after the reply


@dataclass
class Failure:
    check: str
    at: int  # index of the turn
    detail: str


@dataclass
class Result:
    id: str
    kind: str  # the class of issue 27 the script exercises
    exchanges: list[Exchange]
    failures: list[Failure]


def load(path: Path = CONVERSATIONS) -> list[dict]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"])


TURN_KEYS = set(Turn.__dataclass_fields__)


def turns(script: dict) -> list[Turn]:
    out = []
    for item in script["turns"]:
        item = item if isinstance(item, dict) else {"say": item}
        if unknown := set(item) - TURN_KEYS:
            raise ValueError(f"conversation {script.get('id')}: unknown turn keys {sorted(unknown)}")
        asks = item.get("asks") or []
        out.append(Turn(**{**item, "say": str(item["say"]), "asks": [asks] if isinstance(asks, str) else list(asks)}))
    return out


def fact_ids(facts: dict | None) -> set[str]:
    return {str(v) for values in (facts or {}).values() for v in values or []}


def play(script: dict, send: Send, held: Held) -> list[Exchange]:
    sender = f"conversation-{script['id']}-{uuid.uuid4().hex[:6]}"
    exchanges = []
    for turn in turns(script):
        reply = send(sender, turn.say)
        exchanges.append(Exchange(turn, reply, held(sender)))
    return exchanges


# -- the checks: each takes the script and its exchanges, and returns the failures -----------------


def texts(reply: list[dict]) -> list[str]:
    return [" ".join(str(m["text"]).split()) for m in reply if m.get("text")]


def repeats(script: dict, exchanges: list[Exchange]) -> list[Failure]:
    said: list[str] = []
    out = []
    for at, ex in enumerate(exchanges):
        for text in texts(ex.reply):
            if text in said[-REMEMBERED:]:
                out.append(Failure("repeat", at, f"said again: {text[:100]!r}"))
            said.append(text)
    return out


_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def sentences(text: str) -> list[str]:
    """The sentences of a bot message that say something of their own: long ones, not questions, not the disclaimer."""
    out = []
    for line in str(text).split("\n"):
        for sentence in _SENTENCE.split(line.strip()):
            sentence = " ".join(sentence.split())
            said = len(sentence) >= BOILERPLATE_CHARS and not sentence.endswith("?") and sentence != DISCLAIMER
            # a cause's citation under each cause is no paste; nor a crisis line's number, kept on purpose after a crisis
            if said and not sentence.startswith("(Source") and not CRISIS_LINE.search(sentence):
                out.append(sentence)
    return out


def boilerplate(script: dict, exchanges: list[Exchange]) -> list[Failure]:
    seen: dict[str, set[int]] = defaultdict(set)
    out = []
    for at, ex in enumerate(exchanges):
        said = [s for m in ex.reply if m.get("text") for s in sentences(m["text"])]
        for sentence, n in Counter(said).items():
            if n > 1:
                out.append(Failure("boilerplate", at, f"twice in one reply: {sentence[:90]!r}"))
        for sentence in set(said):
            seen[sentence].add(at)
            if len(seen[sentence]) == BOILERPLATE_TURNS:
                out.append(Failure("boilerplate", at, f"in {BOILERPLATE_TURNS} replies: {sentence[:90]!r}"))
    return out


def level_changes(script: dict, exchanges: list[Exchange]) -> list[Failure]:
    out = []
    before = "self_care"
    for at, ex in enumerate(exchanges):
        if level_rank(ex.level) < level_rank(before) and not ex.turn.correction:
            out.append(Failure("level_fell", at, f"{before} -> {ex.level} without a correction"))
        if ex.turn.level and level_rank(ex.level) < level_rank(ex.turn.level):
            out.append(Failure("level_low", at, f"held {ex.level}, expected at least {ex.turn.level}"))
        before = ex.level
    return out


ASSESSMENT_ANSWERS = {"cause", "what_helps"}  # the ranked causes, each with what helps


def topics_answered(reply: list[dict]) -> set[str]:
    assessed = any(c.get("type") == ASSESSMENT for c in payloads(reply))
    return answered_topics(reply) | (ASSESSMENT_ANSWERS if assessed else set())


def unanswered(script: dict, exchanges: list[Exchange]) -> list[Failure]:
    out = []
    for at, ex in enumerate(exchanges):
        got = topics_answered(ex.reply)
        missing = [] if OUTSIDE in got else [ask for ask in ex.turn.asks if not set(ask.split("|")) & got]
        if missing:
            out.append(Failure("unanswered", at, f"asked {missing}, answered {sorted(got) or 'nothing'}"))
    return out


def summaries(reply: list[dict]) -> list[dict]:
    return [c for c in payloads(reply) if c.get("type") == SUMMARY]


def listed(summary: dict) -> set[str]:
    return {str(i) for key in SUMMARY_KEYS for i in summary.get(key) or []}


def summary_truth(script: dict, exchanges: list[Exchange]) -> list[Failure]:
    facts, denied = fact_ids(script.get("facts")), fact_ids(script.get("denied"))
    out = []
    for at, ex in enumerate(exchanges):
        for summary in summaries(ex.reply):
            if wrong := listed(summary) & denied:
                out.append(Failure("summary_denied", at, f"lists what was denied: {sorted(wrong)}"))
            if unsaid := listed(summary) - facts - denied:
                out.append(Failure("summary_unsaid", at, f"lists what was not said: {sorted(unsaid)}"))
    return out


def verdicts_on_nothing(script: dict, exchanges: list[Exchange]) -> list[Failure]:
    if fact_ids(script.get("facts")):
        return []
    out = []
    for at, ex in enumerate(exchanges):
        for card in payloads(ex.reply):
            if card.get("type") == ASSESSMENT or (card.get("type") == SUMMARY and card.get("causes")):
                out.append(Failure("verdict_on_nothing", at, f"a {card['type']} with nothing described"))
    return out


def interview_rules(script: dict, exchanges: list[Exchange]) -> list[Failure]:
    """Scope, pushback and crisis: when the interview must not go on."""
    out = []
    in_crisis = False
    for at, ex in enumerate(exchanges):
        asked, assessed = asks_interview(ex.reply), any(c.get("type") == ASSESSMENT for c in payloads(ex.reply))
        if ex.turn.out_of_scope and asked:
            out.append(Failure("scope", at, "an interview question after a message out of scope"))
        if ex.turn.no_interview and asked:
            out.append(Failure("no_interview", at, "the interview went on"))
        if ex.turn.crisis and not is_crisis(ex.reply):
            out.append(Failure("crisis_missed", at, "no crisis answer"))
        if in_crisis and (asked or (assessed and not ex.turn.asks)):
            out.append(Failure("after_crisis", at, "an interview question" if asked else "an assessment nobody asked for"))
        in_crisis = in_crisis or is_crisis(ex.reply)
    return out


RULES = (repeats, boilerplate, level_changes, unanswered, summary_truth, verdicts_on_nothing, interview_rules)


def check(script: dict, exchanges: list[Exchange]) -> list[Failure]:
    return [failure for rule in RULES for failure in rule(script, exchanges)]


# -- the report ----------------------------------------------------------------------------------------


def table(results: list[Result]) -> list[str]:
    """One row per class: conversations, how many passed every check, failures per check."""
    rows: dict[str, Counter] = defaultdict(Counter)
    for r in results:
        rows[r.kind]["n"] += 1
        rows[r.kind]["passed"] += not r.failures
        rows[r.kind].update(f.check for f in r.failures)
    used = [c for c in CHECKS if any(row[c] for row in rows.values())]
    rows["all"] = sum(rows.values(), Counter())

    columns = ["convs", "passed", *used]

    def line(name: str, cells: list[object]) -> str:
        return f"{name:<24}" + "".join(f"{str(cell):>{max(len(c), 6) + 1}}" for c, cell in zip(columns, cells, strict=True))

    head = line("class", list(columns))
    return [head] + [line(kind, [rows[kind]["n"], rows[kind]["passed"], *(rows[kind][c] or "-" for c in used)]) for kind in rows]


def excerpt(ex: Exchange, width: int = 160) -> list[str]:
    said = [f"    user: {ex.turn.say[:width]}"]
    said += [f"    bot:  {text[:width]}" for text in texts(ex.reply)]
    cards = [card_name(c) for c in payloads(ex.reply)]
    return said + [f"    cards: {', '.join(cards) or 'none'}; level held: {ex.level}"]


def card_name(card: dict) -> str:
    """A card in short: explanation/pregnancy, assessment/doctor, interview..."""
    detail = card.get("question") or card.get("topic") if card.get("type") == EXPLANATION else card.get("triage")
    return f"{card.get('type')}/{detail}" if detail else str(card.get("type"))


def failure_report(results: list[Result]) -> list[str]:
    lines = []
    for r in results:
        for f in r.failures:
            lines.append(f"FAIL {r.id} [{r.kind}] turn {f.at + 1}: {f.check}: {f.detail}")
            lines += excerpt(r.exchanges[f.at])
    return lines


def run(scripts: list[dict], send: Send, held: Held) -> list[Result]:
    results = []
    for script in scripts:
        exchanges = play(script, send, held)
        results.append(Result(str(script["id"]), str(script["class"]), exchanges, check(script, exchanges)))
    return results


def main(argv: list[str] | None = None) -> int:
    from evaluation.sealed import tracker_level
    from ops.launcher import rest_send, throwaway_stack

    args = argv if argv is not None else sys.argv[1:]
    scripts = load(Path(args[0]) if args else CONVERSATIONS)
    model = trained_model()
    if model is None:
        return 2
    with throwaway_stack(model) as stack:
        s = stack.settings
        results = run(scripts, lambda sender, text: rest_send(s, sender, text), tracker_level(s.rasa_url, s.auth_token))
    for line in failure_report(results):
        print(line)
    print()
    for line in table(results):
        print(line)
    passed = sum(not r.failures for r in results)
    print(f"eval-conversations: {passed}/{len(results)} conversations passed every check")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
