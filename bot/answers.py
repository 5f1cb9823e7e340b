"""Build the bot's answers from the cause table: text plus the contract's custom payloads.

Every function returns `Reply` objects; the Rasa actions only dispatch them. The fixed
sentences and headings these answers use live in bot/texts.py; the fixed responses Rasa
sends on its own (greeting, goodbye, rephrase...) in domain.yml.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from bot import texts
from bot.evidence import Evidence
from bot.knowledge.table import Food, KnowledgeBase, Source
from bot.reasoning import Assessment, RankedCause, Triage
from bot.texts import (
    ASSESSMENT_INTRO,
    ASSESSMENT_INTRO_NO_EVIDENCE,
    COMMON_CAUSE,
    CRISIS_CLOSING,
    CRISIS_OPENING,
    DISCLAIMER,
    FOLLOW_UP_TITLES,
    LEVEL_TITLES,
    SUMMARY_HEADING,
    UNDERSTOOD_INTRO,
)


@dataclass
class Reply:
    text: str | None = None
    custom: dict | None = None
    buttons: list[dict] = field(default_factory=list)


def button(title: str, payload: str) -> dict:
    return {"title": title, "payload": payload}


FOLLOW_UPS = [button(title, payload) for payload, title in FOLLOW_UP_TITLES.items()]


def cite(sources: Iterable[Source], limit: int = 2) -> str:
    items = list(dict.fromkeys(sources))[:limit]
    return "; ".join(f'"{s.document}", section "{s.section}"' for s in items)


def sources_payload(sources: Iterable[Source]) -> list[dict]:
    return [s.as_payload() for s in dict.fromkeys(sources)]


def human_list(items: list[str], joiner: str = "and") -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {joiner} {items[-1]}"


def label(key: str) -> str:
    """A readable name for a reference id: `symptom:numbness_tingling` -> numbness tingling."""
    return key.partition(":")[2].replace("_", " ")


def fact_name(key: str) -> str:
    """A fact id in plain English: `symptom:numbness_tingling` -> numbness or tingling."""
    ident = key.partition(":")[2] or key
    return texts.FACT_NAMES.get(ident, ident.replace("_", " "))


def corrected(before: Evidence, after: Evidence) -> str | None:
    """What a later message changed of what was said before, in plain words, or None."""
    parts = [f"you do have {fact_name(k)}" for k in sorted(after.present & before.absent)]
    parts += [f"you don't have {fact_name(k)}" for k in sorted(after.absent & before.present)]
    if before.duration_days is not None and after.duration_days not in (None, before.duration_days):
        parts.append(f"it has lasted about {_days(after.duration_days)}, not {_days(before.duration_days)}")
    return f"{texts.CORRECTED} {'; '.join(parts)}." if parts else None


def understood(kb: KnowledgeBase, ev: Evidence) -> str | None:
    """Say back what we understood, denials included."""
    if ev.is_empty() and not ev.body_parts:
        return None
    parts = []
    symptoms = sorted(k for k in ev.present if k.startswith("symptom:"))
    if symptoms:
        where = f" in your {human_list(sorted(p.replace('_', ' ') for p in ev.body_parts))}" if ev.body_parts else ""
        parts.append(f"you have {human_list([label(k) for k in symptoms])}{where}")
    if ev.duration_days is not None:
        parts.append(f"for about {_days(ev.duration_days)}")
    factors = sorted(k for k in ev.present if not k.startswith("symptom:"))
    if factors:
        parts.append(f"you mentioned {human_list([ev.words(k) for k in factors])}")
    if ev.diets:
        parts.append(f"you eat {human_list(sorted(kb.diets[d].name for d in ev.diets if d in kb.diets))}")
    if ev.absent:
        parts.append(f"you said no {human_list([label(k) for k in sorted(ev.absent)], 'or')}")
    return f"{UNDERSTOOD_INTRO} " + "; ".join(parts) + "." if parts else None


def _days(days: int) -> str:
    if days >= 365 and days % 365 == 0:
        return "1 year" if days == 365 else f"{days // 365} years"
    if days >= 60 and days % 30 == 0:
        return f"{days // 30} months"
    if days >= 14 and days % 7 == 0:
        return f"{days // 7} weeks"
    return "1 day" if days == 1 else f"{days} days"


def triage_text(kb: KnowledgeBase, tri: Triage) -> str:
    level = kb.levels[tri.level]
    if not tri.fired:
        return f"{LEVEL_TITLES[tri.level]}: {level.action} {level.reason}"
    top = tri.fired[0].rule
    heard = human_list([f.replace("_", " ") for f in tri.red_flags])
    return f"{LEVEL_TITLES[tri.level]}: {top.action} Why: {top.reason} (What I heard: {heard}.)"


def level_payload(kb: KnowledgeBase, tri: Triage) -> dict:
    """What a card shows of the triage level: its title, what to do, and why."""
    level = kb.levels[tri.level]
    if tri.fired:
        rule = tri.fired[0].rule
        return {"title": LEVEL_TITLES[tri.level], "action": rule.action, "reason": rule.reason}
    return {"title": LEVEL_TITLES[tri.level], "action": level.action, "reason": level.reason}


def escalation(kb: KnowledgeBase, tri: Triage) -> Reply:
    """Announced at once when the level is urgent or emergency; short and kind for a crisis."""
    top = tri.fired[0].rule if tri.fired else None
    if top is not None and top.policy == "crisis":
        text = f"{CRISIS_OPENING} {top.reason} {top.action} {CRISIS_CLOSING}"
    else:
        text = f"{triage_text(kb, tri)} {DISCLAIMER}"
    return Reply(
        text=text,
        custom={
            "type": "escalation",
            "triage": tri.level,
            "red_flags": tri.red_flags,
            "level": level_payload(kb, tri),
            "disclaimer": DISCLAIMER,
        },
    )


def cause_line(kb: KnowledgeBase, rank: int, cause: RankedCause) -> str:
    entry = kb.causes[cause.id]
    why = "; ".join(cause.evidence[:2]) if cause.evidence else COMMON_CAUSE
    advice = entry.advice[0]
    return f"{rank}. {entry.name}: {why}. What helps: {advice.text} (Source: {cite(advice.sources + entry.mechanism.sources, 1)})"


def assessment(kb: KnowledgeBase, result: Assessment, n: int = 3) -> list[Reply]:
    top = result.top(n)
    lines = [cause_line(kb, i, c) for i, c in enumerate(top, 1)]
    intro = ASSESSMENT_INTRO if any(c.has_evidence for c in top) else ASSESSMENT_INTRO_NO_EVIDENCE
    sources = [s for c in top for s in kb.causes[c.id].mechanism.sources] + result.triage.sources
    nutrients = [kb.causes[c.id].nutrient for c in top if kb.causes[c.id].nutrient and c.has_evidence]
    # Beside the contract's keys, what a card needs to show the whole assessment at once:
    # names and advice per cause, the level's title and action, foods for the diet.
    payload = {
        "type": "assessment",
        "causes": [
            {**c.as_payload(), "name": kb.causes[c.id].name, "advice": kb.causes[c.id].advice[0].text} for c in top
        ],
        "triage": result.triage.level,
        "red_flags": result.triage.red_flags,
        "sources": sources_payload(sources),
        "intro": intro,
        "level": level_payload(kb, result.triage),
        "foods": [
            {"name": food.name, "nutrients": covers}
            for food, covers in foods_for(kb, [n for n in nutrients if n], result.evidence.diets)[:6]
        ],
        "disclaimer": DISCLAIMER,
    }
    replies = [Reply(text="\n".join([intro, *lines]), custom=payload)]
    if nutrients:
        replies.extend(foods(kb, [n for n in nutrients if n], result.evidence.diets, intro=False))
    replies.append(Reply(text=f"{triage_text(kb, result.triage)} {DISCLAIMER}", buttons=list(FOLLOW_UPS)))
    return replies


def diet_ok(food: Food, kb: KnowledgeBase, diets: Iterable[str]) -> bool:
    excluded = {g for d in diets if d in kb.diets for g in kb.diets[d].excludes}
    return not (set(food.contains) & excluded)


def foods_for(kb: KnowledgeBase, nutrients: Iterable[str], diets: Iterable[str] = ()) -> list[tuple[Food, list[str]]]:
    """Foods supplying the nutrients and fitting the diets; those covering most nutrients first."""
    wanted: list[str] = []
    for n in nutrients:
        for m in (n, *kb.nutrients[n].includes):
            if m not in wanted:
                wanted.append(m)
    diets = list(diets)
    scored = []
    for i, food in enumerate(kb.foods):
        covers = [n for n in wanted if n in food.nutrients]
        if covers and diet_ok(food, kb, diets):
            scored.append((-len(covers), i, food, covers))
    scored.sort(key=lambda t: (t[0], t[1]))
    return [(food, covers) for _, _, food, covers in scored]


def foods(kb: KnowledgeBase, nutrients: list[str], diets: Iterable[str] = (), intro: bool = True) -> list[Reply]:
    diets = sorted(set(diets))
    found = foods_for(kb, nutrients, diets)
    names = human_list([kb.nutrients[n].name for n in nutrients])
    diet_note = f" that fit a {human_list([kb.diets[d].name for d in diets])} diet" if diets else ""
    lines = [f"- {food.name} ({human_list([kb.nutrients[n].name for n in covers])})" for food, covers in found[:8]]
    extra = [o.text for n in nutrients for o in kb.nutrients[n].other_sources]
    text = f"Foods{diet_note} that supply {names}:\n" + "\n".join(lines)
    if extra:
        text += "\n" + " ".join(extra)
    sources = [s for food, _ in found for s in food.sources]
    payload = {
        "type": "foods",
        "nutrients": list(nutrients),
        "diet": diets,
        "foods": [{"name": food.name, "nutrients": covers} for food, covers in found],
        "sources": sources_payload(sources),
    }
    return [Reply(text=text, custom=payload)]


def explanation(kb: KnowledgeBase, topic: str) -> Reply:
    """Explain a cause id, a nutrient id, or a general topic (sun, supplements, doctor)."""
    if topic in kb.nutrients:
        nutrient = kb.nutrients[topic]
        cause = kb.causes[nutrient.cause]
        if nutrient.includes:
            heading = f"{nutrient.name.capitalize()} ({human_list([kb.nutrients[i].name for i in nutrient.includes])}):"
        else:
            heading = f"{nutrient.name.capitalize()}:"
        facts = [cause.summary, cause.mechanism, *nutrient.other_sources, cause.advice[0]]
    elif topic in kb.causes:
        cause = kb.causes[topic]
        heading = f"{cause.name} ({cause.medical_name}):"
        facts = [cause.summary, cause.mechanism, *cause.advice[:2]]
    else:
        t = kb.topics[topic]
        heading = f"About {t.name}:"
        facts = list(t.points)
    sources = [s for f in facts for s in f.sources]
    text = "\n".join([heading, *(f.text for f in facts), f"(Sources: {cite(sources, 3)})"])
    return Reply(text=text, custom={"type": "explanation", "topic": topic, "sources": sources_payload(sources)})


def summary(kb: KnowledgeBase, result: Assessment) -> Reply:
    ev = result.evidence
    top = result.top(3)
    lines = [
        SUMMARY_HEADING,
        f"- Symptoms: {human_list([label(k) for k in sorted(ev.present) if k.startswith('symptom:')]) or 'none given'}",
        f"- Denied: {human_list([label(k) for k in sorted(ev.absent)]) or 'none'}",
        f"- Factors: {human_list([ev.words(k) for k in sorted(ev.present) if not k.startswith('symptom:')]) or 'none given'}",
        f"- Duration: {_days(ev.duration_days) if ev.duration_days is not None else 'not given'}",
        f"- Possible causes: {human_list([kb.causes[c.id].name for c in top])}",
        f"- Triage: {LEVEL_TITLES[result.triage.level]}",
    ]
    sources = [s for c in top for s in kb.causes[c.id].mechanism.sources]
    payload = {
        "type": "summary",
        "symptoms": sorted(k.partition(":")[2] for k in ev.present if k.startswith("symptom:")),
        "denied": sorted(k.partition(":")[2] for k in ev.absent),
        "factors": sorted(k.partition(":")[2] for k in ev.present if not k.startswith("symptom:")),
        "duration_days": ev.duration_days,
        "causes": [c.id for c in top],
        "triage": result.triage.level,
        "sources": sources_payload(sources),
    }
    return Reply(text="\n".join(lines), custom=payload)
