"""Score the bot on the sealed sets of evaluation/sealed/ (written blind, never read by whoever
writes training examples) and print figures by class only.

The sealed files are written by someone who has seen none of the project's training data; the
people who write training examples never open them. So this tool prints no message text, ever:
only counts and rates by kind, subkind, warning sign, topic and conversation pattern, which say
which class of message fails without showing a sentence to fit.

`messages_*.yml`: single messages. Each is sent as the first message of a new conversation; a
"Just to check ...?" question is answered "yes" for a warning sign or a crisis and "no" for the
rest (what the writer would say); then, as in the vignettes, the assessment is asked for and
"I don't know" answers every question. Measured:
- warning-sign recall: the level reached is at least the message's `level` (strict: without the
  yes/no check);
- crisis recall: the crisis answer, at once or after the yes/no check (strict: at once);
- false alarms: a hard negative (figure of speech, denial, hypothetical, another person's past,
  a question) escalated (urgent or emergency) above its `max_level`;
- fact F1: the contract facts `/model/parse` reads as affirmed (and denied) against `facts`
  (and `denied`);
- question topic accuracy: the first reply answers the message's `topic` (or all its `topics`).

`conversations_*.yml`: short conversations with checks after each turn (the level the assistant
holds, an escalation or not, the crisis answer, the topic answered, no interview question) and
on the summary asked for at the end (what it must and must not list).

Usage: python -m evaluation.sealed [FILE ...]   (default: every file of evaluation/sealed/)
Last line: `eval-sealed: {json}`. Starts its own servers on free 127.0.0.1 ports.
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.parse
import urllib.request
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import yaml

from bot import names
from bot.knowledge.contract import level_rank
from evaluation import SEALED, trained_model
from evaluation.real_posts import http_parse, read_facts

Send = Callable[[str, str], list[dict]]
Parse = Callable[[str], dict]
Held = Callable[[str], str]  # sender -> the level the assistant holds now

FACT_KINDS = ("symptom", "lifestyle_factor", "medication", "diet")
NEGATIVE = "negative"
FIGURE_OF_SPEECH = "figure_of_speech"
ESCALATED = "urgent"  # a level at or above this one is announced at once
ASK = "what could be causing it?"
DONT_KNOW = "I don't know"
SUMMARY = "can I have a summary for my doctor?"
TARGETS = {
    "warning_recall": 0.97,
    "crisis_recall": 1.0,
    "figure_of_speech_false_alarms": 0.03,
    "fact_f1": 0.90,
    "topic_accuracy": 0.90,
}

# What each kind of answer the bot gives is about, in the sealed sets' topic names. An answer's
# payload names its question (`question`) or its topic; the foods and summary cards are their own.
QUESTION_TOPICS = {"doctor": "see_doctor", "when_seen": "see_doctor"}
EXPLANATION_TOPICS = {"sun": "sun", "supplements": "supplements", "doctor": "see_doctor"}


def answered_topics(reply: list[dict]) -> set[str]:
    """The sealed topics a reply answers, read from its payloads."""
    topics: set[str] = set()
    for custom in payloads(reply):
        kind = custom.get("type")
        if kind in (names.FOODS, names.SUMMARY):
            topics.add(str(kind))
        elif kind == names.EXPLANATION:
            if question := custom.get("question"):
                topics.add(QUESTION_TOPICS.get(str(question), str(question)))
            else:
                topics.add(EXPLANATION_TOPICS.get(str(custom.get("topic")), "cause"))
    return topics


def payloads(reply: Iterable[dict]) -> list[dict]:
    return [m["custom"] for m in reply if isinstance(m.get("custom"), dict)]


# Cards that state the user's level: the assessment, an escalation, a level said again after a change,
# and an answer that tells the user their level (its `triage`).
LEVEL_CARDS = (names.ASSESSMENT, names.ESCALATION, names.LEVEL_CHANGE, names.EXPLANATION, names.FOODS, names.SUMMARY)


def stated_level(reply: list[dict]) -> str | None:
    levels = [str(c["triage"]) for c in payloads(reply) if c.get("type") in LEVEL_CARDS and c.get("triage")]
    return max(levels, key=level_rank) if levels else None


def escalation(reply: list[dict]) -> dict | None:
    return next((c for c in payloads(reply) if c.get("type") == names.ESCALATION), None)


def is_crisis(reply: list[dict]) -> bool:
    found = escalation(reply)
    return found is not None and "self_harm" in (found.get("red_flags") or [])


def asks_to_confirm(reply: list[dict]) -> bool:
    """A yes/no check of a warning word ("Just to check: ...?")."""
    return any(str(m.get("text", "")).startswith("Just to check") for m in reply)


def asks_interview(reply: list[dict]) -> bool:
    return any(c.get("type") == names.INTERVIEW for c in payloads(reply))


def is_question(reply: list[dict]) -> bool:
    texts = [str(m.get("text", "")) for m in reply if m.get("text")]
    return any(m.get("buttons") for m in reply) or bool(texts and texts[-1].rstrip().endswith("?"))


# -- single messages ---------------------------------------------------------------------------


@dataclass
class MessageResult:
    kind: str
    subkind: str
    about: str
    expected_min: str
    expected_max: str
    signs: list[str]
    topics: list[str]
    first_level: str
    level: str
    confirmed: bool  # a yes/no check came first
    crisis: bool  # the crisis answer, at once or after the yes/no check answered "yes"
    crisis_first: bool  # the crisis answer at once
    answered: set[str]
    facts: Counter = field(default_factory=Counter)  # tp, fp, fn (affirmed) and dtp, dfp, dfn (denied)
    wrong: Counter = field(default_factory=Counter)  # "fp symptom:x by Extractor", "fn symptom:y": ids, never text
    flags: tuple[str, ...] = ()  # the red flags of the escalation, if any

    @property
    def reached(self) -> bool:
        return level_rank(self.level) >= level_rank(self.expected_min)

    @property
    def reached_strict(self) -> bool:
        return level_rank(self.first_level) >= level_rank(self.expected_min)

    @property
    def false_alarm(self) -> bool:
        hot = max(self.first_level, self.level, key=level_rank)
        return level_rank(hot) >= level_rank(ESCALATED) and level_rank(hot) > level_rank(self.expected_max)

    @property
    def under(self) -> bool:
        return level_rank(self.level) < level_rank(self.expected_min)

    @property
    def over(self) -> bool:
        return level_rank(self.level) > level_rank(self.expected_max)


def fact_errors(item: dict, entities: list[dict]) -> Counter:
    """Which ids were read wrongly, and by which extractor (ids and component names only)."""
    affirmed, _, _ = read_facts(entities)
    gold = {f"{k}:{v}" for k, values in (item.get("facts") or {}).items() if k in FACT_KINDS for v in values or []}
    by = {f"{e.get('entity')}:{e.get('value')}": str(e.get("extractor")) for e in entities}
    # what the message did say of a missed fact: nothing, a denial, a question, or an unsure reading
    roles = {f"{e.get('entity')}:{e.get('value')}": str(e.get("role") or "affirmed") for e in entities}
    where = f"[{item['kind']}/{item.get('subkind') or '-'}]"
    out = Counter(f"fp {f} by {by.get(f)} {where}" for f in affirmed - gold if f.split(":")[0] in FACT_KINDS)
    out.update(f"fn {f} (read: {roles.get(f, 'nothing')}) {where}" for f in gold - affirmed)
    return out


def fact_counts(item: dict, entities: list[dict]) -> Counter:
    affirmed, denied, _ = read_facts(entities)
    keep = {f"{k}:" for k in FACT_KINDS}
    affirmed = {f for f in affirmed if f.startswith(tuple(keep))}
    denied = {f for f in denied if f.startswith(tuple(keep))}
    gold = {f"{k}:{v}" for k, values in (item.get("facts") or {}).items() if k in FACT_KINDS for v in values or []}
    gold_denied = {f"{k}:{v}" for k, values in (item.get("denied") or {}).items() if k in FACT_KINDS for v in values or []}
    return Counter(
        tp=len(gold & affirmed), fp=len(affirmed - gold), fn=len(gold - affirmed),
        dtp=len(gold_denied & denied), dfp=len(denied - gold_denied), dfn=len(gold_denied - denied),
    )  # fmt: skip


def play_message(item: dict, send: Send, parse: Parse) -> MessageResult:
    sender = f"sealed-{uuid.uuid4().hex}"
    meant = item["kind"] in ("warning", "crisis")
    entities = list(parse(item["text"]).get("entities") or [])
    reply = send(sender, item["text"])
    extractor_of = {str(e.get("value")): str(e.get("extractor")) for e in entities if not e.get("role")}
    flags = [f"{f} by {extractor_of.get(f, '?')}" for f in (escalation(reply) or {}).get("red_flags") or []]
    first_level = stated_level(reply) or "self_care"
    crisis_first = is_crisis(reply)
    crisis = crisis_first
    answered = answered_topics(reply)
    levels = [first_level]
    confirmed = asks_to_confirm(reply)
    if confirmed:
        reply = send(sender, "yes" if meant else "no")
        levels.append(stated_level(reply) or "self_care")
        crisis = crisis or is_crisis(reply)
    seen = [p for p in payloads(reply)]
    if item["kind"] != "question" or not answered:
        for _ in range(6):
            if any(p.get("type") == names.ASSESSMENT for p in seen) and not is_question(reply):
                break
            reply = send(sender, DONT_KNOW if is_question(reply) else ASK)
            seen += payloads(reply)
            levels.append(stated_level(reply) or "self_care")
    return MessageResult(
        kind=item["kind"], subkind=str(item.get("subkind") or "-"), about=str(item.get("about") or "self"),
        expected_min=item["level"], expected_max=item.get("max_level") or item["level"],
        signs=list(item.get("signs") or []), topics=_topics(item), first_level=first_level,
        level=max(levels, key=level_rank), confirmed=confirmed, crisis=crisis, crisis_first=crisis_first, answered=answered,
        facts=fact_counts(item, entities), wrong=fact_errors(item, entities), flags=tuple(flags),
    )  # fmt: skip


def _topics(item: dict) -> list[str]:
    if item.get("topics"):
        return [str(t) for t in item["topics"]]
    return [str(item["topic"])] if item.get("topic") else []


def _rate(hits: int, total: int) -> float:
    return round(hits / total, 4) if total else 1.0


def _f1(c: Counter, prefix: str = "") -> float:
    tp, fp, fn = c[f"{prefix}tp"], c[f"{prefix}fp"], c[f"{prefix}fn"]
    return round(2 * tp / (2 * tp + fp + fn), 4) if tp + fp + fn else 1.0


def message_report(results: list[MessageResult]) -> dict[str, Any]:
    warnings = [r for r in results if r.kind == "warning"]
    crises = [r for r in results if r.kind == "crisis"]
    # a figure of speech is a hard negative, labelled as its own kind or as a negative's subkind
    figures = [r for r in results if FIGURE_OF_SPEECH in (r.kind, r.subkind) and r.kind in (NEGATIVE, FIGURE_OF_SPEECH)]
    negatives = [r for r in results if r.kind == NEGATIVE]
    asked = [r for r in results if r.kind == "question" and r.topics]
    facts = sum((r.facts for r in results), Counter())
    return {
        "messages": len(results),
        "warning_recall": _rate(sum(r.reached for r in warnings), len(warnings)),
        "warning_recall_strict": _rate(sum(r.reached_strict for r in warnings), len(warnings)),
        "crisis_recall": _rate(sum(r.crisis for r in crises), len(crises)),
        "crisis_recall_strict": _rate(sum(r.crisis_first for r in crises), len(crises)),
        "figure_of_speech_false_alarms": _rate(sum(r.false_alarm for r in figures), len(figures)),
        "negative_false_alarms": _rate(sum(r.false_alarm for r in negatives), len(negatives)),
        "figure_of_speech_checked": _rate(sum(r.confirmed for r in figures), len(figures)),
        "fact_f1": _f1(facts),
        "fact_precision": _rate(facts["tp"], facts["tp"] + facts["fp"]),
        "fact_recall": _rate(facts["tp"], facts["tp"] + facts["fn"]),
        "denied_f1": _f1(facts, "d"),
        "topic_accuracy": _rate(sum(set(r.topics) <= r.answered for r in asked), len(asked)),
        "under_triage": sum(r.under for r in results),
        "over_triage": sum(r.over for r in results),
    }


def message_breakdown(results: list[MessageResult]) -> list[str]:
    """Counts by class (never a text): where recall, false alarms and topics fail."""
    lines = []
    by_sign: dict[str, Counter] = defaultdict(Counter)
    for r in (r for r in results if r.kind == "warning"):
        for sign in r.signs or ["-"]:
            by_sign[sign]["n"] += 1
            by_sign[sign]["hit"] += r.reached
            by_sign[sign]["checked"] += r.confirmed
    for sign, c in sorted(by_sign.items()):
        if c["hit"] < c["n"]:
            lines.append(f"warning {sign}: {c['hit']}/{c['n']} reached the level ({c['checked']} asked to confirm)")
    by_style: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    for r in results:
        key = (r.kind, r.subkind, r.about)
        by_style[key]["n"] += 1
        by_style[key]["under"] += r.under
        by_style[key]["over"] += r.over
        by_style[key]["alarm"] += r.false_alarm
        by_style[key]["crisis_missed"] += r.kind == "crisis" and not r.crisis
    for (kind, subkind, about), c in sorted(by_style.items()):
        bad = {k: c[k] for k in ("under", "over", "alarm", "crisis_missed") if c[k]}
        if bad:
            lines.append(f"{kind}/{subkind}/{about}: {c['n']} messages, " + ", ".join(f"{k} {v}" for k, v in bad.items()))
    alarms = Counter(f"{r.kind}/{r.subkind}: {flag}" for r in results if r.false_alarm for flag in r.flags or ("-",))
    lines += [f"false alarm {key} x{n}" for key, n in alarms.most_common(25)]
    errors = sum((r.wrong for r in results), Counter())
    lines += [f"fact {key} x{n}" for key, n in errors.most_common(60)]
    by_topic: dict[str, Counter] = defaultdict(Counter)
    for r in (r for r in results if r.kind == "question"):
        for topic in r.topics:
            by_topic[topic]["n"] += 1
            by_topic[topic]["hit"] += topic in r.answered
            for other in r.answered - set(r.topics):
                by_topic[topic][f"got {other}"] += 1
    for topic, c in sorted(by_topic.items()):
        if c["hit"] < c["n"]:
            wrong = ", ".join(f"{k} {v}" for k, v in sorted(c.items()) if k.startswith("got "))
            lines.append(f"topic {topic}: {c['hit']}/{c['n']} answered" + (f" ({wrong})" if wrong else ""))
    return lines


# -- conversations -----------------------------------------------------------------------------


@dataclass
class ConversationResult:
    pattern: str
    checks: Counter = field(default_factory=Counter)  # check name -> passed
    failed: Counter = field(default_factory=Counter)  # check name -> failed


def _check(result: ConversationResult, name: str, ok: bool) -> None:
    (result.checks if ok else result.failed)[name] += 1


def reported_ids(reply: list[dict]) -> set[str] | None:
    card = next((c for c in payloads(reply) if c.get("type") == names.SUMMARY), None)
    if card is None:
        return None
    return {str(i) for key in ("symptoms", "factors", "lifestyle", "medicines", "diet") for i in card.get(key) or []}


def play_conversation(conversation: dict, send: Send, held: Held) -> ConversationResult:
    sender = f"sealed-{uuid.uuid4().hex}"
    result = ConversationResult(str(conversation.get("pattern") or "-"))
    for turn in conversation["turns"]:
        reply = send(sender, turn["user"])
        expect = turn.get("expect") or {}
        if expect:
            level = held(sender)
        if "level_at_least" in expect:
            _check(result, "level_at_least", level_rank(level) >= level_rank(expect["level_at_least"]))
        if "level_at_most" in expect:
            _check(result, "level_at_most", level_rank(level) <= level_rank(expect["level_at_most"]))
        if "escalates" in expect:
            wanted = bool(expect["escalates"])
            _check(result, "escalates" if wanted else "no_escalation", (escalation(reply) is not None) == wanted)
        if expect.get("crisis"):
            _check(result, "crisis", is_crisis(reply))
        if expect.get("topic"):
            _check(result, "topic", str(expect["topic"]) in answered_topics(reply))
        if expect.get("no_interview"):
            _check(result, "no_interview", not asks_interview(reply))
    summary = conversation.get("summary")
    if summary:
        listed = reported_ids(send(sender, SUMMARY))
        _check(result, "summary_given", listed is not None)
        listed = listed or set()
        includes = {str(v) for values in (summary.get("includes") or {}).values() for v in values or []}
        _check(result, "summary_includes", includes <= listed)
        _check(result, "summary_excludes", not ({str(v) for v in summary.get("excludes") or []} & listed))
    return result


def conversation_report(results: list[ConversationResult]) -> dict[str, Any]:
    checks = sum((r.checks for r in results), Counter())
    failed = sum((r.failed for r in results), Counter())
    passed_all = sum(not r.failed for r in results)
    return {
        "conversations": len(results),
        "conversations_passed": passed_all,
        "checks_passed": _rate(sum(checks.values()), sum(checks.values()) + sum(failed.values())),
        "per_check": {k: _rate(checks[k], checks[k] + failed[k]) for k in sorted(set(checks) | set(failed))},
    }


def conversation_breakdown(results: list[ConversationResult]) -> list[str]:
    by_pattern: dict[str, Counter] = defaultdict(Counter)
    for r in results:
        by_pattern[r.pattern]["n"] += 1
        by_pattern[r.pattern]["failed"] += bool(r.failed)
        for name, count in r.failed.items():
            by_pattern[r.pattern][f"{name}"] += count
    lines = []
    for pattern, c in sorted(by_pattern.items()):
        if c["failed"]:
            detail = ", ".join(f"{k} {v}" for k, v in sorted(c.items()) if k not in ("n", "failed"))
            lines.append(f"conversation {pattern}: {c['failed']}/{c['n']} failed ({detail})")
    return lines


# -- running -----------------------------------------------------------------------------------


def sealed_files(paths: list[Path]) -> list[Path]:
    return paths or sorted(SEALED.glob("*.yml"))


def tracker_level(rasa_url: str, token: str) -> Held:
    """The level the assistant holds for a conversation: its stored state, assessed the way the
    actions assess it."""
    from rasa_sdk import Tracker

    from actions.actions import assessment_of

    def held(sender: str) -> str:
        url = f"{rasa_url}/conversations/{urllib.parse.quote(sender)}/tracker?token={urllib.parse.quote(token)}"
        with urllib.request.urlopen(url, timeout=60) as response:
            state = json.loads(response.read())
        return assessment_of(Tracker.from_dict(state)).triage.level

    return held


def main(argv: list[str] | None = None) -> int:
    from ops.launcher import rest_send, throwaway_stack

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--model", type=Path, help="a model other than the latest of models/ (evaluation.lexicon_only's)")
    args = parser.parse_args(argv)
    files = sealed_files(args.files)
    if not files:
        print(f"no sealed sets in {SEALED}", file=sys.stderr)
        return 2
    model = args.model or trained_model()
    if model is None:
        return 2
    messages = [m for f in files for m in (yaml.safe_load(f.read_text(encoding="utf-8")) or {}).get("messages") or []]
    conversations = [c for f in files for c in (yaml.safe_load(f.read_text(encoding="utf-8")) or {}).get("conversations") or []]
    with throwaway_stack(model) as stack:
        s = stack.settings

        def send(sender: str, text: str) -> list[dict]:
            return rest_send(s, sender, text)

        parse = http_parse(s.rasa_url, s.auth_token)
        message_results = [play_message(m, send, parse) for m in messages]
        conversation_results = [play_conversation(c, send, tracker_level(s.rasa_url, s.auth_token)) for c in conversations]
    summary: dict[str, Any] = {"files": [f.name for f in files]}
    if message_results:
        summary.update(message_report(message_results))
    if conversation_results:
        summary.update(conversation_report(conversation_results))
    for line in message_breakdown(message_results) + conversation_breakdown(conversation_results):
        print(f"class: {line}")
    for key, target in TARGETS.items():
        if key in summary:
            at_most = key.endswith("false_alarms")
            ok = summary[key] <= target if at_most else summary[key] >= target
            print(f"{'met' if ok else 'MISSED'}: {key} {summary[key]} (target {'<=' if at_most else '>='} {target})")
    print("eval-sealed: " + json.dumps(summary, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
