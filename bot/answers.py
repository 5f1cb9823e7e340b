"""Build the bot's answers from the cause table: text plus the contract's custom payloads.

Every function returns `Reply` objects; the Rasa actions only dispatch them. The fixed
sentences and headings these answers use live in bot/texts.py; the fixed responses Rasa
sends on its own (greeting, goodbye, rephrase...) in domain.yml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Collection, Iterable, Mapping, Sequence

from bot import texts
from bot.evidence import DISTRESS, YOUNG, Evidence, denied_name, fact_name, is_child
from bot.knowledge.contract import MOVEMENT_SYMPTOMS, YOUNG_WRITER, level_rank
from bot.knowledge.table import Food, KnowledgeBase, Source, TriageRule
from bot.names import ASSESSMENT, ESCALATION, EXPLANATION, FOODS, LEVEL_CHANGE, SUMMARY
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
    SUMMARY_LABELS,
    SUMMARY_NOT_GIVEN,
    SUMMARY_PERSON,
    UNDERSTOOD_INTRO,
)


@dataclass
class Reply:
    text: str | None = None
    custom: dict[str, Any] | None = None  # a card: the contract's custom payload
    buttons: list[dict[str, Any]] = field(default_factory=list)
    progress: dict[str, Any] | None = None  # an interview question's place ("question 2 of 4"), for the widget

    @property
    def payload(self) -> dict[str, Any] | None:
        """The custom payload the message carries: its card, or else the interview's progress."""
        return self.custom if self.custom is not None else self.progress


# Facts that are not lifestyle factors or medicines: symptoms, whom it is about, how a sign began.
NOT_FACTORS = ("symptom:", "person:", "onset:")
SUDDEN = "onset:sudden"
OTHER_ADULT = "person:other_adult"


def button(title: str, payload: str) -> dict[str, Any]:
    return {"title": title, "payload": payload}


FOLLOW_UPS = [button(title, payload) for payload, title in FOLLOW_UP_TITLES.items()]
NOT_WHILE_ESCALATED = frozenset({"/ask_foods"})  # no "What should I eat?" under chest pressure or a stroke (round 24 c10, c13)


def follow_ups(result: Assessment) -> list[dict[str, Any]]:
    """The follow-up buttons that fit the level: at an urgent or emergency level, none that turns to food."""
    if not result.triage.is_escalation:
        return list(FOLLOW_UPS)
    return [b for b in FOLLOW_UPS if b["payload"] not in NOT_WHILE_ESCALATED]


def cite(sources: Iterable[Source], limit: int = 2) -> str:
    items = list(dict.fromkeys(sources))[:limit]
    return "; ".join(f'"{s.document}", section "{s.section}"' for s in items)


def sources_payload(sources: Iterable[Source]) -> list[dict[str, Any]]:
    return [s.as_payload() for s in dict.fromkeys(sources)]


def sentence_case(text: str) -> str:
    """The first letter capitalised, the rest as written ("vitamin D" -> "Vitamin D")."""
    return text[:1].upper() + text[1:]


def human_list(items: list[str], joiner: str = "and") -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {joiner} {items[-1]}"


def where(parts: Iterable[str], whose: str = "your") -> str:
    """Where the twitching is: " in your eyelid and calf", or " all over the body"."""
    parts = sorted(parts)
    if "all_over" in parts:
        return " all over the body"
    return f" in {whose} {human_list([p.replace('_', ' ') for p in parts])}" if parts else ""


def _bare(name: str) -> str:
    """A name after "no": "no statin", never "no a statin"."""
    return name.removeprefix("a ").removeprefix("an ")


def noted(before: Evidence, after: Evidence, asked: Iterable[str] = ()) -> str | None:
    """What a message told beside, or instead of, the answer to the question `asked` (its facts), in a line:
    "please add my cycling, 100km a week" mid-interview was heard and kept without a word (round 32 c16)."""
    skip = set(asked) | {DISTRESS}
    told = sorted(k for k in after.present - before.present - skip if not k.startswith(("person:", "onset:")))
    denied = sorted(k for k in after.absent - before.absent - skip)
    parts = [fact_name(k) for k in told] + [f"no {_bare(denied_name(k))}" for k in denied]
    return f"{texts.NOTED} {human_list(parts)}." if parts else None


def corrected(before: Evidence, after: Evidence) -> str | None:
    """What a later message changed of what was said before, in plain words, or None."""
    other = OTHER_ADULT in after.present or "person:child" in after.present  # their symptoms, not the writer's
    who = "they" if other else "you"
    # "you do have weakness", and a habit said after all ("heavy caffeine use after all", never "you do have caffeine")
    parts = [
        f"{who} do have {fact_name(k)}" if k.startswith("symptom:") else f"{denied_name(k)} after all"
        for k in sorted(after.present & before.absent)
    ]
    parts += [
        f"{who} don't have {fact_name(k)}" if k.startswith("symptom:") else f"no {_bare(denied_name(k))}"
        for k in sorted(after.absent & before.present)
    ]
    if before.duration_days is not None and after.duration_days not in (None, before.duration_days):
        parts.append(f"it has lasted {lasted(after.duration_days)}, not {days_said(before.duration_days)}")
    return f"{texts.CORRECTED} {'; '.join(parts)}." if parts else None


def level_lowered(kb: KnowledgeBase, before: Triage, now: Triage, told: str, changed: str | None) -> Reply:
    """A level other than the one the user was told, lower or (after a correction) higher: what changed, and the new
    level with its why (the policy: a level never drops silently). A `level_change` payload carries both levels."""
    crisis_before = any(f.rule.policy == "crisis" for f in before.fired)
    crisis_now = any(f.rule.policy == "crisis" for f in now.fired)
    lines = [
        changed,
        texts.CRISIS_TAKEN_BACK if crisis_before and not crisis_now else None,
        f"{texts.LEVEL_LOWERED.format(before=LEVEL_TITLES[told])}: {triage_text(kb, now)} {DISCLAIMER}",
    ]
    custom = {"type": LEVEL_CHANGE, "triage": now.level, "before": told, "level": level_payload(kb, now)}
    return Reply(text="\n".join(line for line in lines if line), custom=custom)


IN_SCOPE = MOVEMENT_SYMPTOMS | {"tremor", "jitters", "restlessness"}  # what the documents are about
NOT_COMPLAINTS = ("symptom:distress", "symptom:self_harm")


def out_of_scope(ev: Evidence) -> bool:
    """No twitching, cramps or spasms, but another complaint, or the twitching denied ("no twitching,
    I asked about my back"): outside what the documents cover."""
    if any(f"symptom:{s}" in ev.present for s in IN_SCOPE):
        return False
    if any(f"symptom:{s}" in ev.absent for s in ("twitching", "cramps", "spasms")):
        return True
    # a habit, a medicine or a fear of disease told beside it: the twitching's story, in other words
    context = [k for k in ev.present if not k.startswith("symptom:") or k in NOT_COMPLAINTS]
    return not context and any(k.startswith("symptom:") for k in ev.present)


def scope(kb: KnowledgeBase, result: Assessment) -> Reply:
    """What the assistant covers, the level the policy gives (there is always one), and the way back in."""
    ev = result.evidence
    others = sorted(k for k in ev.present if k.startswith("symptom:") and k not in NOT_COMPLAINTS)
    what = human_list([fact_name(k) for k in others]) if others else "this"
    self_care = result.triage.level == "self_care"
    level = texts.OUT_OF_SCOPE_SELF_CARE if self_care else whose_level(ev, triage_text(kb, result.triage))
    text = " ".join([texts.OUT_OF_SCOPE_SYMPTOMS.format(what=what), level, texts.OUT_OF_SCOPE_ASK, DISCLAIMER])
    if not others and self_care:
        # "i dont have twitching. can u give me a recipe": no complaint at all, so no "it" to see a pharmacist about
        # (round 29 c13); what the assistant covers, and the way in
        text = texts.OUT_OF_SCOPE_NOTHING
    # the level it gives goes in the card too, as beside any answer: the widget and the transcript show it
    custom = {"type": EXPLANATION, "topic": "doctor", "question": "out_of_scope", "sources": [], "triage": result.triage.level}
    return Reply(text=text, custom=custom)


def scope_again(kb: KnowledgeBase, result: Assessment) -> Reply:
    """The scope answer once more ("idk", "ok"): not the same paragraph again, the level in a line and the way back in."""
    level = texts.OUT_OF_SCOPE_SELF_CARE if result.triage.level == "self_care" else level_reminder(kb, result.triage)
    text = f"{texts.SCOPE_AGAIN} {level} {texts.OUT_OF_SCOPE_ASK}"
    custom = {"type": EXPLANATION, "topic": "doctor", "question": "out_of_scope", "sources": [], "triage": result.triage.level}
    return Reply(text=text, custom=custom)


def aside(kb: KnowledgeBase, result: Assessment) -> Reply:
    """Something other than the twitching, asked mid-conversation: outside the documents, and who can help."""
    custom = {"type": EXPLANATION, "topic": "doctor", "question": "out_of_scope", "sources": []}
    return Reply(text=f"{texts.ASIDE} {DISCLAIMER}", custom=custom)


def understood(kb: KnowledgeBase, ev: Evidence) -> str | None:
    """Say back what we understood, denials included."""
    if ev.is_empty() and not ev.body_parts:
        return None
    parts = []
    other = OTHER_ADULT in ev.present or "person:child" in ev.present  # their symptoms, not the writer's
    symptoms = sorted(k for k in ev.present if k.startswith("symptom:") and k != DISTRESS)
    if symptoms:
        sudden = " that came on suddenly" if SUDDEN in ev.present else ""
        who, whose = ("they have", "their") if other else ("you have", "your")
        moving = [k for k in symptoms if k.partition(":")[2] in MOVEMENT_SYMPTOMS]
        rest = [k for k in symptoms if k not in moving]
        if moving and rest and ev.body_parts:
            # where the twitching is, and the other signs apart: "twitching in your arm, hand and thigh, and weakness",
            # never "weakness in your arm, finger, hand and thigh" when only the hand was weak (round 36 c09)
            twitching = f"{human_list([fact_name(k) for k in moving])}{where(ev.body_parts, whose)}"
            parts.append(f"{who} {twitching}, and {human_list([fact_name(k) for k in rest])}{sudden}")
        else:
            parts.append(f"{who} {human_list([fact_name(k) for k in symptoms])}{sudden}{where(ev.body_parts, whose)}")
    if DISTRESS in ev.present:
        # a feeling, not a thing one "has": "you have worry about the twitching" was no English
        parts.append(texts.DISTRESS_SAID["other" if other else "self"])
    if ev.duration_days is not None:
        parts.append("since today" if ev.duration_days == 0 else f"for {lasted(ev.duration_days)}")
    factors = sorted(k for k in ev.present if not k.startswith(NOT_FACTORS))
    if YOUNG in ev.present:
        parts.insert(0, "you are under 18")
    elif "person:child" in ev.present:
        parts.insert(0, "you are asking about a child")
    elif other:
        parts.insert(0, texts.ASKING_FOR_ANOTHER)
    if factors:
        parts.append(f"you mentioned {human_list([fact_name(k) for k in factors])}")
    if ev.diets:
        parts.append(f"you eat {human_list(sorted(kb.diets[d].name for d in ev.diets if d in kb.diets))}")
    if ev.absent:
        # "no steroid or racing heart", never "no a steroid": the names' articles go after "no"
        denied = [_bare(denied_name(k)) for k in sorted(ev.absent)]
        parts.append(f"you said no {human_list(denied, 'or')}")
    return f"{UNDERSTOOD_INTRO} " + "; ".join(parts) + "." if parts else None


def lasted(days: int) -> str:
    """How long, after "for" or "lasted": "about 3 weeks", "more than 2 weeks" (never "about more than")."""
    said = days_said(days)
    return said if said.startswith("more than") else f"about {said}"


def days_said(days: int) -> str:
    """A number of days as a person says it: 21 -> 3 weeks, 730 -> 2 years; one day past a whole week, month or
    year is how "more than 2 weeks" is read (15), said back as that, not "15 days" (round 28)."""
    if days >= 365 and days % 365 == 0 or days >= 14 and days % 7 == 0 or days >= 60 and days % 30 == 0:
        return _whole(days)
    for unit, length in (("year", 365), ("month", 30), ("week", 7)):
        if days > length and (days - 1) % length == 0:
            n = (days - 1) // length
            return f"more than a {unit}" if n == 1 else f"more than {n} {unit}s"
    return _whole(days)


def _whole(days: int) -> str:
    if days >= 365 and days % 365 == 0:
        return "1 year" if days == 365 else f"{days // 365} years"
    if days >= 60 and days % 30 == 0:
        return f"{days // 30} months"
    if days >= 14 and days % 7 == 0:
        return f"{days // 7} weeks"
    return "less than a day" if days == 0 else "1 day" if days == 1 else f"{days} days"


def triage_text(kb: KnowledgeBase, tri: Triage) -> str:
    card = level_payload(kb, tri)
    # "See a doctor today, within 24 hours." says its title already: not "See a doctor today: See a doctor today, ..."
    lead = level_reminder(kb, tri)
    if not tri.fired:
        return f"{lead} {card['reason']}"
    return f"{lead} Why: {card['reason']} (What I heard: {card['heard']}.)"


def level_reminder(kb: KnowledgeBase, tri: Triage) -> str:
    """The level in one line, for someone told it in full already: what to do, without the why again."""
    card = level_payload(kb, tri)
    said_once = card["action"].lower().startswith(card["title"].lower())
    return card["action"] if said_once else f"{card['title']}: {card['action']}"


def level_payload(kb: KnowledgeBase, tri: Triage) -> dict[str, Any]:
    """What a card shows of the triage level: its title, what to do, why (the reason of every sign
    heard at that level, each once), and what was heard."""
    level = kb.levels[tri.level]
    if tri.fired:
        rule = tri.fired[0].rule
        heard = human_list([fact_name(f) for f in tri.red_flags])
        reason = " ".join(dict.fromkeys(tri.reasons))
        return {"title": LEVEL_TITLES[tri.level], "action": rule.action, "reason": reason, "heard": heard}
    return {"title": LEVEL_TITLES[tri.level], "action": level.action, "reason": level.reason}


def escalation(kb: KnowledgeBase, tri: Triage, other: bool = False) -> Reply:
    """Announced at once when the level is urgent or emergency; short and kind for a crisis. To someone asking for
    another adult (`other`), the crisis answer speaks of helping that person, and of the writer too."""
    # the crisis answer first when thoughts of self-harm were heard, whatever else was: its action
    # (the emergency number, a crisis line) serves both
    top = next((f.rule for f in tri.fired if f.rule.policy == "crisis"), tri.fired[0].rule if tri.fired else None)
    if top is not None and top.policy == "crisis" and other:
        text = texts.CRISIS_FOR_ANOTHER  # round 33 c20: "I'm really sorry you're feeling this way" to a worried partner
    elif top is not None and top.policy == "crisis":
        text = f"{CRISIS_OPENING} {top.reason} {top.action} {CRISIS_CLOSING}"
    else:
        text = f"{triage_text(kb, tri)} {DISCLAIMER}"
    return Reply(
        text=text,
        custom={
            "type": ESCALATION,
            "triage": tri.level,
            "red_flags": tri.red_flags,
            "level": level_payload(kb, tri),
            "disclaimer": DISCLAIMER,
        },
    )


def cause_line(kb: KnowledgeBase, rank: int, cause: RankedCause, present: Collection[str] = (), helps: bool = True) -> str:
    entry = kb.causes[cause.id]
    why = "; ".join(cause.evidence[:2]) if cause.evidence else COMMON_CAUSE
    advice = entry.advice_for(present)
    if not helps:
        return f"{rank}. {entry.name}: {why}. (Source: {cite(entry.mechanism.sources, 1)})"
    return f"{rank}. {entry.name}: {why}. What helps: {advice.text} (Source: {cite(advice.sources + entry.mechanism.sources, 1)})"


AFTER_MEDICINE = "onset:after_medicine"  # the twitching tied by the user to a medicine the documents do not cover


def _told_a_cause(kb: KnowledgeBase, result: Assessment, cause: str) -> bool:
    """Something the user told (a habit, a medicine, a diet) points to the cause, not only a sign it shares."""
    told = result.evidence.present | {f"diet:{d}" for d in result.evidence.diets}
    return any(str(rf.ref) in told for rf in kb.causes[cause].risk_factors)


def assessment(kb: KnowledgeBase, result: Assessment, n: int = 3, level_told: bool = False) -> list[Reply]:
    """The likeliest causes, the foods for them, and the level; the level's why only if it was not told in full
    before (`level_told`: round 42, the same "See a doctor: ... Why: ..." block after a fear answer and again here)."""
    top = result.top(n)
    ev = result.evidence
    uncovered = AFTER_MEDICINE in ev.present and bool(OTHER_MEDICINES & ev.present)
    if uncovered:
        # twitching that started on a statin, with aches and weakness: the medicine, outside the documents, comes first;
        # a cause only a shared sign points to is not ranked (round 37 c14: strenuous exercise for a retired man)
        top = [c for c in top if c.has_evidence and _told_a_cause(kb, result, c.id)]
    # at an emergency the causes are for later: no sun, food or habit advice beside "get help now" (round 27 c12: a
    # stroke's "was the twitching a warning sign?" got sun on bare skin, bananas and a food list)
    now = result.triage.level == "emergency"
    lines = [cause_line(kb, i, c, result.evidence.present, helps=not now) for i, c in enumerate(top, 1)]
    advice = {c.id: kb.causes[c.id].advice_for(result.evidence.present).text for c in top}
    intro = ASSESSMENT_INTRO if any(c.has_evidence for c in top) else ASSESSMENT_INTRO_NO_EVIDENCE
    intro = f"{texts.NOT_NOW_CAUSES} {intro}" if now else intro
    if uncovered:
        statin = "the statin" if "medication:statin" in ev.present else "this medicine"
        names = human_list(list(ev.medicine_names)) if ev.medicine_names else statin
        first = texts.UNCOVERED_MEDICINE_FIRST.format(medicine=names)
        intro = f"{first} {texts.ALSO_FROM_WHAT_YOU_SAID}" if top else first
    sources = [s for c in top for s in kb.causes[c.id].mechanism.sources] + result.triage.sources
    nutrients = [nutrient for c in top if (nutrient := kb.causes[c.id].nutrient) and c.has_evidence and not now]
    shown_foods = foods_for(kb, nutrients, result.evidence.diets)[:6]
    # Beside the contract's keys, what a card needs to show the whole assessment at once:
    # names and advice per cause, the level's title and action, foods for the diet (also
    # grouped by nutrient).
    payload = {
        "type": ASSESSMENT,
        "causes": [{**c.as_payload(), "name": kb.causes[c.id].name, "advice": "" if now else advice[c.id]} for c in top],
        "triage": result.triage.level,
        "red_flags": result.triage.red_flags,
        "sources": sources_payload(sources),
        "intro": intro,
        "level": level_payload(kb, result.triage),
        "foods": [{"name": food.name, "nutrients": covers} for food, covers in shown_foods],
        "food_groups": food_groups(kb, nutrients, shown_foods),
        "disclaimer": DISCLAIMER,
    }
    replies = [Reply(text="\n".join([intro, *lines]), custom=payload)]
    if nutrients:
        replies.extend(foods(kb, nutrients, result.evidence.diets, intro=False))
    level = level_reminder(kb, result.triage) if level_told and result.triage.level != "self_care" else level_text(kb, result)
    replies.append(Reply(text=f"{level} {DISCLAIMER}", buttons=follow_ups(result)))
    return replies


def unknown_signs(ev: Evidence) -> list[str]:
    """What would change a self-care level that nobody told: how long, weakness or numbness."""
    unknown = ["how long it has lasted"] if ev.duration_days is None else []
    nerve = ("symptom:weakness", "symptom:numbness_tingling")
    if not any(k in ev.present or k in ev.absent for k in nerve):
        unknown.append("whether there is weakness or numbness")
    return unknown


def level_text(kb: KnowledgeBase, result: Assessment) -> str:
    """The user's level, what to do and why; a self-care level built on unknowns says so instead
    of "nothing you told me points to a problem" (no verdict on what was not said)."""
    unknown = unknown_signs(result.evidence)
    if result.triage.level != "self_care" or not unknown:
        return triage_text(kb, result.triage)
    card = level_payload(kb, result.triage)
    return f"{card['title']}: {card['action']} {texts.SELF_CARE_UNKNOWN.format(unknown=human_list(unknown))}"


def diet_ok(food: Food, kb: KnowledgeBase, diets: Iterable[str]) -> bool:
    excluded = {g for d in diets if d in kb.diets for g in kb.diets[d].excludes}
    return not (set(food.contains) & excluded)


def wanted_nutrients(kb: KnowledgeBase, nutrients: Iterable[str]) -> list[str]:
    """The nutrients asked for, each group followed by its members (electrolytes: magnesium...)."""
    wanted: list[str] = []
    for n in nutrients:
        for m in (n, *kb.nutrients[n].includes):
            if m not in wanted:
                wanted.append(m)
    return wanted


def fit_to_diet(kb: KnowledgeBase, text: str, diets: Iterable[str]) -> str:
    """`text` with each piece of advice from the documents that tells someone to eat foods their diet leaves out ("Eat
    fatty fish ..., egg yolks" to a vegan: round 33 c16) said with the foods of the same nutrients that fit it; what
    explains a cause ("a vegan diet leaves out eggs, fish") stays as it is."""
    diets = sorted({d for d in diets if d in kb.diets})
    if not diets or not text:
        return text
    for advice in food_advice(kb):
        if advice in text and (fitted := _fitted(kb, advice, diets)) != advice:
            text = text.replace(advice, fitted)
    return text


_FOOD_ADVICE: dict[int, tuple[str, ...]] = {}  # by knowledge base: read once, not on every reply


def food_advice(kb: KnowledgeBase) -> tuple[str, ...]:
    """The documents' pieces of advice that name a food some diet leaves out, the longest first."""
    if id(kb) not in _FOOD_ADVICE:
        facts = [f for c in kb.causes.values() for f in c.advice] + [f for t in kb.topics.values() for f in t.points]
        facts += [f for n in kb.nutrients.values() for f in n.other_sources]
        restricted = [food for food in kb.foods if food.contains]
        naming = {f.text for f in facts if any(_names_food(food, f.text.lower()) for food in restricted)}
        _FOOD_ADVICE[id(kb)] = tuple(sorted(naming, key=len, reverse=True))
    return _FOOD_ADVICE[id(kb)]


def _fitted(kb: KnowledgeBase, advice: str, diets: list[str]) -> str:
    """One piece of advice said for the diet: the foods it names that the diet leaves out replaced by the foods of the
    same nutrients that fit it (a line of its own), or the advice as it was."""
    lowered = advice.lower()
    against = [f for f in kb.foods if not diet_ok(f, kb, diets) and _names_food(f, lowered)]
    if not against:
        return advice
    named = [n for n, nutrient in kb.nutrients.items() if _names_nutrient(nutrient.name, lowered)]
    nutrients = [n for n in named if any(n in f.nutrients for f in against)] or sorted(
        set.intersection(*[set(f.nutrients) for f in against])
    )
    if not nutrients:
        return advice
    fitting = [food.name for food, _ in foods_for(kb, nutrients, diets)]
    who = human_list([kb.diets[d].name for d in diets])
    what = human_list([kb.nutrients[n].name for n in nutrients])
    if not fitting:
        return texts.DIET_NO_FOODS.format(diet=who, nutrients=what)
    return texts.DIET_FOODS.format(diet=who, nutrients=what, foods=human_list(fitting))


def _names_food(food: Food, lowered: str) -> bool:
    return any(re.search(rf"\b{re.escape(a.lower())}\b", lowered) for a in food.aliases)


def _names_nutrient(name: str, lowered: str) -> bool:
    """`lowered` names the nutrient: "vitamin D" in full, "B12" alone too (a lone "d" is no vitamin)."""
    short = name.lower().removeprefix("vitamin ")
    forms = [name.lower()] + ([short] if len(short) > 1 else [])
    return any(re.search(rf"\b{re.escape(f)}\b", lowered) for f in forms)


def foods_for(kb: KnowledgeBase, nutrients: Iterable[str], diets: Iterable[str] = ()) -> list[tuple[Food, list[str]]]:
    """Foods supplying the nutrients and fitting the diets; those covering most nutrients first."""
    wanted = wanted_nutrients(kb, nutrients)
    diets = list(diets)
    scored = []
    for i, food in enumerate(kb.foods):
        covers = [n for n in wanted if n in food.nutrients]
        if covers and diet_ok(food, kb, diets):
            scored.append((-len(covers), i, food, covers))
    scored.sort(key=lambda t: (t[0], t[1]))
    return [(food, covers) for _, _, food, covers in scored]


def food_groups(kb: KnowledgeBase, nutrients: Iterable[str], found: Iterable[tuple[Food, list[str]]]) -> list[dict[str, Any]]:
    """The foods under each nutrient they supply, in the order the nutrients were asked for.

    A card shows each nutrient once as a heading with its foods, rather than the nutrient
    repeated after every food; a food rich in two of them is under both."""
    by_nutrient: dict[str, list[str]] = {n: [] for n in wanted_nutrients(kb, nutrients)}
    for food, covers in found:
        for n in covers:
            by_nutrient[n].append(food.name)
    return [
        {"nutrient": n, "name": sentence_case(kb.nutrients[n].name), "foods": names} for n, names in by_nutrient.items() if names
    ]


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
        "type": FOODS,
        "nutrients": list(nutrients),
        "diet": diets,
        "foods": [{"name": food.name, "nutrients": covers} for food, covers in found],
        "food_groups": food_groups(kb, nutrients, found),
        "sources": sources_payload(sources),
    }
    return [Reply(text=text, custom=payload)]


def named_food(kb: KnowledgeBase, food: Food | None, outside: str | None, diets: Iterable[str] = ()) -> str:
    """The line before the foods card when the question names a food: what the documents list it
    for (and whether it fits the diet told), or that they do not list it."""
    if food is None:
        return texts.FOOD_NOT_LISTED.format(thing=outside)
    nutrients = human_list([kb.nutrients[n].name for n in food.nutrients])
    line = texts.FOOD_LISTED.format(food=food.name, nutrients=nutrients)
    diets = sorted(set(diets))
    if diets and not diet_ok(food, kb, diets):
        line += " " + texts.FOOD_NOT_IN_DIET.format(diet=human_list([kb.diets[d].name for d in diets]))
    return line


def _names(kb: KnowledgeBase, text: str) -> set[str]:
    """The nutrients a text names ("vitamin D", "B12", "blood calcium")."""
    lowered = text.lower()
    named = set()
    for nid, nutrient in kb.nutrients.items():
        name = nutrient.name.lower()
        if name in lowered or (name.startswith("vitamin ") and len(name) > 9 and name[8:] in lowered):
            named.add(nid)
    return named


def names_other_nutrient(kb: KnowledgeBase, text: str, nutrient: str) -> bool:
    """The text is about another nutrient than `nutrient` ("vitamin D supplements come as D2 or D3"
    in an answer about magnesium), not about this one too."""
    named = _names(kb, text)
    this = {nutrient, *kb.nutrients[nutrient].includes}
    return bool(named - this) and not named & this


def explanation(kb: KnowledgeBase, topic: str, skip: int = 0, about: str | None = None) -> Reply:
    """Explain a cause id, a nutrient id, or a general topic (sun, supplements, doctor).

    `skip`: leave out the topic's first points (an answer that already said them); `about`: the
    nutrient the question names, so a general topic's points about other nutrients are left out."""
    if topic in kb.nutrients:
        nutrient = kb.nutrients[topic]
        cause = kb.causes[nutrient.cause]
        if nutrient.includes:
            heading = f"{sentence_case(nutrient.name)} ({human_list([kb.nutrients[i].name for i in nutrient.includes])}):"
        else:
            heading = f"{sentence_case(nutrient.name)}:"
        facts = [cause.summary, cause.mechanism, *nutrient.other_sources, cause.advice[0]]
    elif topic in kb.causes:
        cause = kb.causes[topic]
        same = cause.medical_name.lower() in cause.name.lower()
        heading = f"{cause.name}:" if same else f"{cause.name} ({cause.medical_name}):"
        facts = [cause.summary, cause.mechanism, *cause.advice[:2]]
    else:
        t = kb.topics[topic]
        heading = f"About {t.name}:"
        facts = list(t.points)[skip:]
        if about is not None and about in kb.nutrients:
            # the why of "no doses" stays whatever was asked (too much vitamin D raises blood calcium)
            asked = about
            facts = [f for f in facts if "too much" in f.text or not names_other_nutrient(kb, f.text, asked)] or facts
    sources = [s for f in facts for s in f.sources]
    text = "\n".join([heading, *(f.text for f in facts), f"(Sources: {cite(sources, 3)})"])
    return Reply(text=text, custom={"type": EXPLANATION, "topic": topic, "sources": sources_payload(sources)})


# A "no" to the check on thoughts of self-harm is not part of the twitching's story for a doctor.
NOT_IN_SUMMARY = frozenset({"symptom:self_harm"})


def summary(kb: KnowledgeBase, result: Assessment) -> Reply:
    """The doctor's summary: what was said, where, how long, denied, and what it may mean.

    The payload keeps the contract's keys and adds what the card and its PDF (web/pdf.py)
    print: body sites, diet, medicines, each likely cause with its sources, the level and
    the reminder, with every id's readable name in `names`, so that a renderer needs no
    knowledge base of its own. The chat text is built from that same payload."""
    ev = result.evidence
    child = is_child(ev)
    # no adult causes put forward for a child, in the summary either; and none beside a warning sign:
    # "possible causes: caffeine" under chest pain would anchor whoever reads it on the everyday one
    # and none that nothing said points to: a cause listed only for being common reads as one the user told
    # and none for a complaint the documents do not cover ("an itchy rash", no twitching: round 23 c18 listed three)
    outside = out_of_scope(ev)
    top = [] if child or result.triage.is_escalation or outside else [c for c in result.top(3) if c.has_evidence]
    if AFTER_MEDICINE in result.evidence.present and OTHER_MEDICINES & result.evidence.present:
        top = [c for c in top if _told_a_cause(kb, result, c.id)]  # as the assessment ranks them (round 37 c14)
    factors = sorted(k for k in ev.present if not k.startswith(NOT_FACTORS))
    sources = [s for c in top for s in kb.causes[c.id].mechanism.sources]
    payload = {
        "type": SUMMARY,
        # what raised the level to urgent or emergency, first: a doctor reads that before any cause
        "warning_signs": result.triage.red_flags if result.triage.is_escalation else [],
        "symptoms": _ids(ev.present, "symptom"),
        "denied": sorted(k.partition(":")[2] for k in ev.absent if k not in NOT_IN_SUMMARY),
        "factors": sorted(k.partition(":")[2] for k in factors),
        "duration_days": ev.duration_days,
        "causes": [c.id for c in top],
        "triage": result.triage.level,
        "sources": sources_payload(sources),
        # additions (README, "Additions to the contract")
        "body_parts": sorted(ev.body_parts),
        "lifestyle": _ids(ev.present, "lifestyle_factor"),
        "diet": sorted(ev.diets),
        "medicines": _ids(ev.present, "medication"),
        "conditions": _ids(ev.present, "condition"),
        "person": YOUNG_WRITER
        if YOUNG in ev.present
        else next((k.partition(":")[2] for k in sorted(ev.present) if k.startswith("person:")), None),
        "likely_causes": [likely_cause(kb, c) for c in top],
        **({"outside": True} if outside else {}),
        "level": level_payload(kb, result.triage),
        "names": summary_names(kb, ev),
        "story": list(ev.story),
        "disclaimer": DISCLAIMER,
    }
    lines = [SUMMARY_HEADING, *(f"- {SUMMARY_LABELS[key]}: {text}" for key, text in summary_parts(payload))]
    return Reply(text="\n".join(lines), custom=payload)


def _ids(keys: Iterable[str], kind: str) -> list[str]:
    """The ids of one kind among fact keys: `symptom:cramps` -> `cramps`, sorted."""
    return sorted(k.partition(":")[2] for k in keys if k.startswith(f"{kind}:"))


def likely_cause(kb: KnowledgeBase, cause: RankedCause) -> dict[str, Any]:
    """A cause as the summary shows it: its name, why it fits, and where the documents say so."""
    entry = kb.causes[cause.id]
    return {
        "id": cause.id,
        "name": entry.name,
        "evidence": list(cause.evidence),
        "sources": sources_payload(entry.mechanism.sources),
    }


def summary_names(kb: KnowledgeBase, ev: Evidence) -> dict[str, str]:
    """The readable name of every id the summary lists (facts, body sites, diets)."""
    names = {k.partition(":")[2]: fact_name(k) for k in ev.present}
    if "symptom:self_harm" in ev.present:
        names["self_harm"] = texts.SELF_HARM_FOR_DOCTOR  # the doctor reads it: not "thoughts of harming yourself"
    if ev.medicine_names and "medication:other_medication" in ev.present:
        names["other_medication"] = human_list(list(ev.medicine_names))  # "sertraline", not "another medicine"
    names.update({k.partition(":")[2]: denied_name(k) for k in ev.absent})
    names.update({k.partition(":")[2]: kb.conditions[c].name for k in ev.present if (c := k.partition(":")[2]) in kb.conditions})
    names.update({p: fact_name(p) for p in ev.body_parts})
    names.update({d: kb.diets[d].name for d in ev.diets if d in kb.diets})
    return dict(sorted(names.items()))


def summary_parts(payload: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The summary's parts as (key, text), in order: the chat and the PDF print them alike,
    each under its label in `SUMMARY_LABELS`.

    Works on the payload alone (a validated one, in the PDF's case): an id without a name
    in `names` is shown with spaces for underscores. A card kept from before a part existed
    (the widget keeps old conversations) has no key for it: that part is left out rather
    than shown as "not mentioned", and its factors are shown as they were, medicines included."""
    names = payload.get("names") or {}

    def listed(key: str) -> str:
        return human_list([names.get(i) or i.replace("_", " ") for i in payload.get(key) or []]) or SUMMARY_NOT_GIVEN

    lifestyle = "lifestyle" if "lifestyle" in payload else "factors"
    causes = [c["name"] for c in payload.get("likely_causes") or []] or [i.replace("_", " ") for i in payload["causes"]]
    parts = [("warning_signs", listed("warning_signs"))] if payload.get("warning_signs") else []
    parts += [(key, listed(key)) for key in ("symptoms", "body_parts") if key in payload]
    if "duration_days" in payload:
        days = payload["duration_days"]
        parts.append(("duration", days_said(days) if days is not None else SUMMARY_NOT_GIVEN))
    poor_diet = "diet" in payload and not payload["diet"] and "poor_diet" in (payload.get(lifestyle) or [])
    if poor_diet:
        # "I basically live on pizza": said on the diet's line, not "Diet: not mentioned" beside "a poor diet"
        payload = {**payload, "diet": ["poor_diet"], lifestyle: [i for i in payload[lifestyle] if i != "poor_diet"]}
    parts += [(key, listed(key)) for key in ("denied", lifestyle, "diet", "medicines") if key in payload]
    if payload.get("conditions"):
        parts.append(("conditions", listed("conditions")))
    if payload.get("person") in SUMMARY_PERSON:
        parts.append(("person", SUMMARY_PERSON[payload["person"]]))
    if payload.get("story"):
        told = payload.get("person") in ("child", "other_adult")  # not the words of the one with the symptoms
        parts.append(("story_told" if told else "story", "; ".join(f"\u201c{words}\u201d" for words in payload["story"])))
    child = payload.get("person") in ("child", YOUNG_WRITER)
    unweighed = texts.SUMMARY_CHILD_CAUSES if child else texts.SUMMARY_SIGNS_FIRST if payload.get("warning_signs") else None
    unweighed = unweighed or (texts.SUMMARY_OUTSIDE if payload.get("outside") else None)
    unweighed = unweighed or (texts.SUMMARY_NO_CAUSE_YET if "likely_causes" in payload else None)
    parts.append(("causes", human_list(causes) or unweighed or SUMMARY_NOT_GIVEN))
    parts.append(("triage", LEVEL_TITLES[payload["triage"]]))
    return parts


# -- Answers to the questions people ask (bot/questions.py) ---------------------------------


def your_level(kb: KnowledgeBase, result: Assessment) -> str:
    """The user's own triage line (or that of the person they ask for), when they told us anything."""
    return whose_level(result.evidence, level_text(kb, result)) if not result.evidence.is_empty() else ""


def whose_level(ev: Evidence, line: str) -> str:
    """A level line said for the one with the symptoms: "For them: ... with their doctor" to someone asking
    for another adult (not "For them: Book an appointment with your doctor")."""
    whom = for_whom(ev)
    return f"{whom} {line.replace('your doctor', 'their doctor') if whom == texts.FOR_THEM else line}"


def for_whom(ev: Evidence) -> str:
    """Whose level follows: "For you:", or "For them:" and "For your child:" to someone asking for another."""
    if "person:child" in ev.present and YOUNG not in ev.present:
        return texts.FOR_YOUR_CHILD
    return texts.FOR_THEM if OTHER_ADULT in ev.present else texts.FOR_YOU


def _explained(
    kb: KnowledgeBase, topic: str, lead: str, question: str, extra: Iterable[str] = (), skip: int = 0, about: str | None = None
) -> Reply:
    """An explanation of `topic` after a lead that answers the question as asked."""
    base = explanation(kb, topic, skip, about)
    text = "\n".join(t for t in (lead, base.text or "", *extra) if t)
    return Reply(text=text, custom={**(base.custom or {}), "question": question})


def dose(kb: KnowledgeBase, result: Assessment, about: str | None = None) -> Reply:
    """Never an amount: who decides, after what, and why; then what the documents say (of the
    nutrient asked about, when one is named)."""
    # the topic's first point says "no doses" too: the lead says it in answer to the question
    if about is not None and about in kb.nutrients and about not in SUPPLEMENT_TOPIC_NUTRIENTS:
        # "how many mg of magnesium?": the lead, then that nutrient (its foods, what helps), not vitamin D's cautions
        return _on_supplements(_explained(kb, about, texts.DOSE_LEAD, "dose", [your_level(kb, result)]))
    return _explained(kb, "supplements", texts.DOSE_LEAD, "dose", [your_level(kb, result)], skip=1, about=about)


def stop_medicine(kb: KnowledgeBase, result: Assessment) -> Reply:
    """Never stop a medicine alone. A medicine the documents cover (a diuretic, a steroid) is
    explained; another (a statin, an antidepressant...) is said to be outside them."""
    present = result.evidence.present
    covered = {"medication:diuretic", "medication:corticosteroid"} & present
    excess = next((f.rule for f in result.triage.fired if f.rule.id == SUPPLEMENT_EXCESS), None)
    if excess is not None:
        # "should I stop her vitamin D?" with signs of too much of it: the policy's action says so
        return _said(f"{texts.STOP_SUPPLEMENT_EXCESS} {excess.action} {texts.WHY} {excess.reason}", "stop_medicine")
    if not covered and not OTHER_MEDICINES & present and any(m.endswith(SUPPLEMENT) for m in present):
        # a supplement bought over the counter is no prescribed medicine: who can say whether it is needed
        return _said(f"{texts.STOP_SUPPLEMENT} {your_level(kb, result)}".strip(), "stop_medicine")
    if not covered and OTHER_MEDICINES & present:
        return outside_medicine(kb, result, "stop_medicine")
    rule = next(r for r in kb.triage if r.id == "prescribed_medication")
    lead = f"{texts.STOP_MEDICINE_LEAD} {rule.reason}"
    return _explained(kb, "medication_side_effect", lead, "stop_medicine")


def not_prescribed(kb: KnowledgeBase, result: Assessment) -> Reply:
    """A medicine taken that was not prescribed for them: not to be taken on without a doctor, and a water pill's
    known effect said (the documents: diuretics lose potassium); then the level."""
    diuretic = "medication:diuretic" in result.evidence.present
    text = f"{texts.NOT_PRESCRIBED} {texts.NOT_PRESCRIBED_DIURETIC if diuretic else ''} {your_level(kb, result)}"
    return _said(" ".join(text.split()), "stop_medicine")


OTHER_MEDICINES = frozenset({"medication:statin", "medication:other_medication"})  # not in the documents
SUPPLEMENT_EXCESS = "vitamin_d_excess"  # the triage rule whose action is to stop taking the supplement
SUPPLEMENT = "_supplement"  # how a supplement's medication id ends ("medication:vitamin_d_supplement")


def whom(ev: Evidence) -> str:
    """Who the person described is, as an object: "them" for another adult or a child, else "you"."""
    return "them" if OTHER_ADULT in ev.present or "person:child" in ev.present else "you"


def outside_cause(kb: KnowledgeBase, result: Assessment, thing: str) -> Reply:
    """A cause the documents do not cover ("my surgery", "the vaccine"): said so, then what they do
    point to from what was told, and the level."""
    # only a cause something told points to (a habit, a medicine, a diet), never one a shared sign alone fits
    # (round 30 c19: "muscle aches" from a statin said to point to strenuous exercise in a man who walks the dog)
    top = [c for c in result.top(1) if c.has_evidence and _told_a_cause(kb, result, c.id)]
    fit = [f"{texts.FROM_WHAT_YOU_SAID} {kb.causes[top[0].id].name.lower()}."] if top else []
    ev = result.evidence
    said = texts.OUTSIDE_CAUSE.format(thing=thing).replace("who examines you", f"who examines {whom(ev)}")  # his age (r29 c25)
    return _said(said, "cause", [*fit, your_level(kb, result)])


def outside_said(kb: KnowledgeBase, result: Assessment, lead: str, question: str) -> Reply:
    """A question the documents do not answer, with the policy's words for it (`lead`), and the level."""
    return _said(lead, question, [your_level(kb, result)])


def outside_activity(kb: KnowledgeBase, result: Assessment, activity: str) -> Reply:
    """Whether an activity is safe ("is it safe to fly?"): the documents do not say; what they say of hard exercise
    when it is one, and the level."""
    ev = result.evidence
    lead = texts.OUTSIDE_ACTIVITY.format(activity=activity, whom=whom(ev))
    sport = any(w in activity for w in ("training", "lifting", "working out", "gym", "competing", "running", "racing",
                                         "playing", "swimming"))  # fmt: skip
    extra = [texts.ACTIVITY_EXERCISE] if sport and not result.triage.is_escalation else []
    return _said(lead, "worry", [*extra, your_level(kb, result)])


def outside_taken(kb: KnowledgeBase, result: Assessment, thing: str, question: str) -> Reply:
    """A thing asked whether to take that the documents do not cover ("is creatine ok to keep taking?"):
    said so by its name, who can say, and the level."""
    lead = f"{texts.NO_AMOUNT} " if question == "dose" else ""
    return _said(lead + texts.OUTSIDE_TAKEN.format(thing=thing), question, [your_level(kb, result)])


def outside_remedy(kb: KnowledgeBase, result: Assessment, thing: str) -> Reply:
    """A remedy asked whether to use that the documents do not cover ("heat or ice?"): said so by its name, who can
    advise, and the level."""
    return _said(texts.OUTSIDE_REMEDY.format(thing=thing), "what_helps", [your_level(kb, result)])


def alcohol_asked(kb: KnowledgeBase, result: Assessment, question: str) -> Reply:
    """Whether to drink ("can I have a small drink tonight?"): what the documents say of alcohol and no more; beside
    signs of withdrawal, that it needs a doctor today, not a drink. The level after it."""
    if "lifestyle_factor:alcohol_withdrawal" in result.evidence.present:
        return _said(texts.ALCOHOL_IN_WITHDRAWAL, question, [level_after_answer(kb, result)])
    advice = next((a for a in kb.causes["magnesium_deficiency"].advice if "alcohol" in a.text), None)
    sources = advice.sources if advice is not None else ()
    lines = [f"(Source: {cite(sources)})" if sources else "", level_after_answer(kb, result)]
    return _said(texts.ALCOHOL_ASKED, question, lines, sources)


def not_covered(kb: KnowledgeBase, result: Assessment, question: str) -> Reply:
    """A question the documents do not answer, about nothing they cover: said so, with the level."""
    return _said(texts.NOT_COVERED_LEAD, question, [your_level(kb, result)])


def off_topic(kb: KnowledgeBase, result: Assessment) -> Reply:
    """A question about something else than health: said plainly, nothing more (the interview goes on)."""
    return Reply(text=texts.OFF_TOPIC, custom={"type": EXPLANATION, "topic": "doctor", "question": "off_topic", "sources": []})


def outside_medicine(kb: KnowledgeBase, result: Assessment, question: str) -> Reply:
    """A medicine the documents do not cover (a statin, an antidepressant, a painkiller): said so, and who can tell."""
    return _said(texts.OTHER_MEDICINE_LEAD, question, [your_level(kb, result)])


def _said(lead: str, question: str, extra: Iterable[str] = (), sources: Iterable[Source] = ()) -> Reply:
    """An answer the documents do not give (the policy's words): what to do, and the level."""
    text = "\n".join(t for t in (lead, *extra, DISCLAIMER) if t)
    return Reply(
        text=text,
        custom={"type": EXPLANATION, "topic": "doctor", "question": question, "sources": sources_payload(sources)},
    )


def pregnancy(kb: KnowledgeBase, result: Assessment) -> Reply:
    """Pregnancy or breastfeeding: outside the documents; the midwife or doctor decides. The signs of
    pregnancy that need a midwife the same day are said to someone pregnant, or to whom nobody said
    which (not to a breastfeeding mother)."""
    nursing = "lifestyle_factor:breastfeeding" in result.evidence.present
    signs = "" if nursing and "lifestyle_factor:pregnancy" not in result.evidence.present else texts.PREGNANCY_SIGNS
    lead = texts.PREGNANCY_LEAD_OTHER if OTHER_ADULT in result.evidence.present else texts.PREGNANCY_LEAD
    return _said(lead, "pregnancy", [signs, your_level(kb, result)])


def see_doctor(kb: KnowledgeBase, result: Assessment, known: bool = False) -> Reply:
    """When and where to be seen: the user's own level first (it says how soon), then the documents.
    At an urgent or emergency level, where to go when their own doctor is closed, and the level in a
    line when they were told it already (`known`)."""
    if result.evidence.is_empty():
        return _explained(kb, "doctor", texts.SEE_DOCTOR_NOTHING_YET + warning_signs(kb)[0].lstrip("- "), "see_doctor")
    level = result.triage.level
    if result.triage.is_escalation:
        # "where do I go if the GP is closed??": where, today or now; not "see a doctor if it persists" beside "go now"
        # told already: how soon and where say it, not the level's line once more after them (round 30 c29: "call
        # emergency services ... now" twice in one message)
        told = "" if known else level_text(kb, result)
        return _said(" ".join(f"{texts.HOW_SOON[level]} {texts.WHERE_TODAY[level]} {told}".split()), "see_doctor")
    # the level told already: in a line, not its why again (round 30 c23: the same paragraph four times)
    said = level_reminder(kb, result.triage) if known else level_text(kb, result)
    if is_child(result.evidence):
        # how soon, and the child's doctor: not the documents' adult paragraph ("troubles you a lot", round 29 c12)
        return _said(f"{texts.HOW_SOON[level]} {said}", "see_doctor")
    # "can it wait till Monday?": how soon, in so many words, then the level with its why
    return _explained(kb, "doctor", f"{texts.HOW_SOON[level]} {said}", "see_doctor")


def mention(kb: KnowledgeBase, result: Assessment, told: Sequence[str]) -> Reply:
    """ "Should I mention that to the doctor?": yes, what they told, even if it has passed; and the level in a line."""
    what = human_list([fact_name(k) for k in told]) if told else "everything you have noticed"
    said = texts.MENTION_MEDICINE if any(k.startswith("medication:") for k in told) else texts.MENTION_IT
    text = f"{said.format(what=what)} {level_reminder(kb, result.triage)}"
    return _said(text, "mention")


def reluctant(kb: KnowledgeBase, result: Assessment, level: str) -> Reply:
    """ "Will they judge me?", "I don't want to waste the doctor's time": the fear met, and the level (`level`, its text)."""
    return _said(f"{texts.RELUCTANT[result.triage.level]} {level}".strip(), "reluctant")


def what_to_tell(kb: KnowledgeBase, result: Assessment) -> Reply:
    """ "I'll call 111, what should I tell them?": what they told, when it started, every medicine; and the level."""
    told = sorted(k for k in result.evidence.present if k.startswith("symptom:") and k != DISTRESS)
    what = human_list([fact_name(k) for k in told]) if told else "everything you have noticed"
    who = "they" if whom(result.evidence) == "them" else "you"
    text = f"{texts.WHAT_TO_TELL.format(what=what, who=who)} {level_reminder(kb, result.triage)}"
    return _said(text, "mention")


def child_question(kb: KnowledgeBase, result: Assessment, topic: str, thing: str | None = None) -> Reply:
    """Any question about a child after the child's answer: their doctor, and the level; a thing the documents do not
    cover ("is it the screen time?") named as such first."""
    custom = {"type": EXPLANATION, "topic": "doctor", "question": topic, "sources": []}
    lead = texts.YOUNG_QUESTION if YOUNG in result.evidence.present else texts.CHILD_QUESTION
    if thing is not None:
        lead = f"{texts.NOT_COVERED_THING.format(thing=thing)} {lead}"
    text = f"{lead} {whose_level(result.evidence, triage_text(kb, result.triage))} {DISCLAIMER}"
    return Reply(text=text, custom=custom)


def pushback(
    kb: KnowledgeBase,
    result: Assessment,
    lead: str = texts.PUSHBACK_LEAD,
    closing: bool = True,
    objections: Sequence[str] = (),
) -> Reply:
    """ "I feel fine now": a level is not lowered by pushback; its why, once more, kindly (the
    closing, "if you decide to wait...", only to someone who pushed back). What the push back
    says (`objections`: it has passed, it could wait, it is only stress) is answered first, in
    place of the general lead."""
    level = result.triage.level
    answered = [texts.OBJECTION_ANSWERS[o][level] for o in objections if level in texts.OBJECTION_ANSWERS.get(o, {})]
    if answered:
        lead = " ".join(answered[:2])
    if level == "self_care":
        said = level_text(kb, result)
        # "nothing you told me needs a doctor now" once (round 21 c07: twice in one reply)
        says_it = "nothing you told me needs a doctor now" in said.lower()
        lead = texts.PUSHBACK_SELF_CARE_SHORT if says_it else texts.PUSHBACK_SELF_CARE
        text = f"{lead} {said}"
    else:
        # the level and its first reason, not the whole card again: they have read it once
        reason = f"{texts.MAIN_REASON} {result.triage.reasons[0]}" if result.triage.reasons else ""
        # "this kind of sign can pass and still need checking" said in the lead already: not again in the closing
        passed = "better" in objections and level == "emergency"
        close = "" if not closing else texts.PUSHBACK_NOT_ALONE if passed else texts.PUSHBACK_CLOSING[level]
        text = f"{lead} {level_reminder(kb, result.triage)} {reason} {close}"
        text = " ".join(text.split())
    custom = {"type": EXPLANATION, "topic": "doctor", "question": "pushback", "sources": []}
    return Reply(text=f"{text} {DISCLAIMER}", custom=custom)


def persuade(kb: KnowledgeBase, result: Assessment) -> Reply:
    """ "How do I get him to see a doctor?": how to help someone be seen, as soon as their level needs, and the level."""
    return _said(f"{persuade_lead(result)} {level_after_answer(kb, result)}".strip(), "persuade")


def persuade_lead(result: Assessment) -> str:
    return texts.PERSUADE_YOUNG if YOUNG in result.evidence.present else texts.PERSUADE[result.triage.level]


def cause_apart(kb: KnowledgeBase, result: Assessment, subject: str | None = None) -> str | None:
    """At an urgent level, the twitching's likeliest cause from what was told (or the one asked about, `subject`, when
    something told points to it: "could it just be the red bull?"), said apart from the warning sign, which it does not
    explain; None when nothing told points to it."""
    cid = kb.nutrients[subject].cause if subject is not None and subject in kb.nutrients else subject
    ranked = [c for c in result.causes if c.id == cid] if cid is not None else result.top(1)
    top = [c for c in ranked if c.has_evidence and c.evidence]
    if not top:
        return None
    heard = level_payload(kb, result.triage).get("heard") or "what you described"
    lead = texts.CAUSE_APART if cid is None else texts.CAUSE_ASKED_APART
    return lead.format(cause=kb.causes[top[0].id].name.lower(), why=top[0].evidence[0], heard=heard)


def beside_escalation(kb: KnowledgeBase, result: Assessment, topic: str) -> Reply:
    """A question asked in the message whose escalation was just told ("my GP is closed till monday, can it wait?",
    "will they judge me?"): its answer alone, without the level or the disclaimer the escalation just said."""
    if topic == "see_doctor":
        level = result.triage.level
        text = f"{texts.HOW_SOON[level]} {texts.WHERE_TODAY[level]}"
    else:
        text = texts.RELUCTANT[result.triage.level] if topic == "reluctant" else persuade_lead(result)
    return Reply(text=text, custom={"type": EXPLANATION, "topic": "doctor", "question": topic, "sources": []})


def not_answered(kb: KnowledgeBase, result: Assessment, answered_before: bool = False) -> Reply:
    """ "You didn't answer" about a question none of the answers reached (or one answered without the yes
    or no they wanted): sorry, and that the documents do not answer it; then the level (in a line when it
    is urgent or emergency)."""
    lead = texts.NO_STRAIGHT_ANSWER if answered_before else texts.NOT_ANSWERED_LEAD
    return _said(f"{lead} {level_after_answer(kb, result)}".strip(), "not_answered")


def level_after_answer(kb: KnowledgeBase, result: Assessment) -> str:
    """The level beside an answer: in a line at an urgent or emergency level (told with its card), else the
    user's own level line."""
    return level_reminder(kb, result.triage) if result.triage.is_escalation else your_level(kb, result)


def what_is(kb: KnowledgeBase, result: Assessment) -> Reply:
    """ "What is a fasciculation?": what the word means, from the documents, and the user's level if they told us anything."""
    return _explained(kb, "what_is", "", "what_is", [your_level(kb, result)])


def how_long(kb: KnowledgeBase, result: Assessment) -> Reply:
    return _explained(kb, "course", texts.HOW_LONG_LEAD, "how_long", [your_level(kb, result)])


EXAMINED_FIRST = ("symptom:weakness", "symptom:muscle_wasting")  # beside these, what helps first is an examination


def what_helps(kb: KnowledgeBase, result: Assessment) -> Reply:
    """The changes the documents suggest: first for the causes that fit what was said, then in general."""
    if result.triage.is_escalation:
        # "what should I do now?", "would one drink help with the shakes?" at an urgent or emergency level:
        # nothing at home instead, what to do meanwhile is for those who see them, and the level; no lifestyle tips
        # (an answer of when and where to be seen: "what should I do now?" is asked the same way)
        return _said(f"{texts.MEANWHILE[result.triage.level]} {level_reminder(kb, result.triage)}", "see_doctor")
    examined = [k for k in EXAMINED_FIRST if k in result.evidence.present]
    if examined and result.triage.level == "doctor":
        # "I think that muscle looks a bit hollow ... What should I do?": being examined, not sun and meditation (round
        # 35 c30: thumb wasting and a fear of ALS got the tips for low vitamin D and stress)
        signs = human_list([fact_name(k) for k in examined])
        return _said(texts.EXAMINED_FIRST.format(signs=signs), "what_helps", [level_reminder(kb, result.triage)])
    fitting = [(kb.causes[c.id], kb.causes[c.id].advice_for(result.evidence.present)) for c in result.top(2) if c.has_evidence]
    if not fitting:
        return _explained(kb, "holistic", texts.WHAT_HELPS_LEAD, "what_helps")
    # what fits what they said, not the general list beside it ("drink water steadily through the day" to
    # someone on a five-litre water challenge)
    sources = [src for _, advice in fitting for src in advice.sources]
    lines = [texts.WHAT_HELPS_FITS, *(f"- {entry.name}: {advice.text}" for entry, advice in fitting)]
    lines += [f"(Sources: {cite(sources)})", your_level(kb, result), DISCLAIMER]
    custom = {"type": EXPLANATION, "topic": "holistic", "question": "what_helps", "sources": sources_payload(sources)}
    return Reply(text="\n".join(line for line in lines if line), custom=custom)


def _on_supplements(reply: Reply) -> Reply:
    """An answer on supplements told with one nutrient's facts is still an answer on supplements (its card's topic)."""
    return replace(reply, custom={**(reply.custom or {}), "topic": "supplements"})


# The nutrients the documents' points on supplements speak of (vitamin D's forms and cautions, B12's course).
SUPPLEMENT_TOPIC_NUTRIENTS = frozenset({"vitamin_d", "vitamin_b12"})
VITAMIN_D = "vitamin_d"  # the nutrient the points on supplements are mostly about


def about(kb: KnowledgeBase, topic: str, question: str, nutrient: str | None = None) -> Reply:
    """A general topic (sun, supplements) asked about as such (of the nutrient named, if any). A
    supplement of a nutrient the points on supplements do not speak of ("should I take magnesium?")
    is answered with that nutrient, after the rule on supplements."""
    own = nutrient is not None and nutrient in kb.nutrients and nutrient not in SUPPLEMENT_TOPIC_NUTRIENTS
    if topic == "supplements" and nutrient is not None and own:
        return _on_supplements(_explained(kb, nutrient, texts.SUPPLEMENT_LEAD, question))
    if topic == "supplements" and nutrient is not None and nutrient in kb.nutrients and nutrient != VITAMIN_D:
        # "do i need b12 tablets?": B12 itself, with what the points on supplements say of it (not vitamin D's cautions)
        # (the topic's first point, no doses, is the lead's; the others that name no other nutrient are this one's)
        own_points = [f.text for f in kb.topics["supplements"].points[1:] if not names_other_nutrient(kb, f.text, nutrient)]
        reply = _explained(kb, nutrient, texts.SUPPLEMENT_LEAD, question)
        lines = (reply.text or "").split("\n")
        cited = next((i for i, line in enumerate(lines) if line.startswith("(Sources:")), len(lines))
        return _on_supplements(replace(reply, text="\n".join([*lines[:cited], *own_points, *lines[cited:]])))
    if topic == "supplements" and nutrient is not None and nutrient in kb.causes:
        # "should i take electrolyte tablets or just water?": that cause and what helps it, after the rule on supplements
        return _on_supplements(_explained(kb, nutrient, texts.SUPPLEMENT_LEAD, question))
    return _explained(kb, topic, "", question, about=nutrient)


def tests(kb: KnowledgeBase, result: Assessment) -> Reply:
    rule = next(r for r in kb.triage if r.id == "nerve_symptoms")
    return _explained(kb, "doctor", texts.TESTS_LEAD, "tests", [rule.reason, your_level(kb, result)])


AFTER_MEDICINE = "onset:after_medicine"


def warning_signs(kb: KnowledgeBase, result: Assessment | None = None) -> list[str]:
    """The triage table's signs, grouped by what to do, most urgent first. For someone who has told
    their story (`result`), only what applies to them: a sign that counts only beside a fact they
    did not tell ("a vitamin D supplement with vomiting") is left out, and so are the levels at or
    below the one they already have (their own level is said with its why)."""
    lines = []
    told = result is not None and not result.evidence.is_empty()
    for level in ("emergency", "urgent", "doctor"):
        if told and result is not None and level_rank(level) <= level_rank(result.triage.level):
            continue
        rules = [r for r in kb.triage if r.level == level and r.policy not in ("crisis", "child")]
        if told and result is not None:
            rules = [r for r in rules if not r.all or str(r.all[0]) in result.evidence.present]
        signs: list[str] = []
        for rule in rules:
            named = [fact_name(str(ref)) for ref in rule.any]
            if rule.all and str(rule.all[0]) == AFTER_MEDICINE:
                named = [f"twitching that began with {human_list(named, 'or')}"]
            elif rule.all:
                named = [f"{fact_name(str(rule.all[0]))} with {human_list(named, 'or')}"]
            if rule.min_days is not None:
                named.append(f"twitching for more than {rule.min_days - 1} days")
            signs += [n for n in named if n not in signs]
        action = kb.levels[level].action
        lines.append(f"- {LEVEL_TITLES[level]} ({action[0].lower()}{action[1:].rstrip('.')}): {human_list(signs, 'or')}.")
    return lines


def _sign_rule(kb: KnowledgeBase, key: str) -> TriageRule | None:
    """The rule a sign raises on its own ("weakness" alone is the doctor's row, not the urgent row of weakness with
    vomiting)."""
    rules = [r for r in kb.triage if not r.all and any(str(ref) == key for ref in r.any)]
    return max(rules, key=lambda r: level_rank(r.level)) if rules else None


def if_sign(kb: KnowledgeBase, key: str, told: bool = False, also: Sequence[str] = ()) -> str | None:
    """What to do if a sign is there (with the `also` signs of the same rule, named together); `told`: the sign was
    told, so it is no "if" (round 29 c17: "a bit weaker on stairs. is that just my age?" got "If you get weakness: see a
    doctor")."""
    rule = _sign_rule(kb, key)
    if rule is None:
        return None
    title = LEVEL_TITLES[rule.level].lower() if rule.level != "emergency" else "an emergency sign"
    said = texts.WORRY_SIGN_TOLD if told else texts.WORRY_SIGN
    return said.format(sign=human_list([fact_name(k) for k in (key, *also)]), title=title, action=rule.action, reason=rule.reason)


def worry(kb: KnowledgeBase, result: Assessment, asked_signs: Iterable[str] = ()) -> Reply:
    """What to do if a sign happens: the named signs' own rules, the signs of one rule said together and the level not
    said again under them (round 36 c26: "With the weakness you describe: see a doctor ... With the numbness or
    tingling you describe: see a doctor ... For you: See a doctor"); else every warning sign."""
    present, asked_signs = result.evidence.present, list(asked_signs)
    by_rule: dict[str, list[str]] = {}
    for key in dict.fromkeys(asked_signs):
        if (rule := _sign_rule(kb, key)) is not None:
            by_rule.setdefault(f"{rule.id}:{key in present}", []).append(key)
    lines = [line for keys in by_rule.values() if (line := if_sign(kb, keys[0], keys[0] in present, keys[1:]))]
    level = your_level(kb, result)
    asked = set(asked_signs)
    told_level = any((rule := _sign_rule(kb, k)) is not None and rule.level == result.triage.level for k in present & asked)
    if not lines:
        lines = [texts.WORRY_LEAD, *warning_signs(kb, result)]
    elif told_level:
        level = ""  # the level is the one just said of the signs told
    sources = [s for r in kb.triage for s in r.sources]
    text = "\n".join([*lines, level, DISCLAIMER])
    return Reply(
        text="\n".join(t for t in text.split("\n") if t),
        custom={"type": EXPLANATION, "topic": "doctor", "question": "worry", "sources": sources_payload(sources)},
    )


def normal(kb: KnowledgeBase, result: Assessment) -> Reply:
    """Twitching is common; "yes" only where nothing told needs a doctor (round 39 c29: "yes, very common" beside
    tingling round the mouth, then "see a doctor")."""
    lead = texts.NORMAL_LEAD if result.triage.level == "self_care" else texts.NORMAL_LEAD_SIGNS
    return _explained(kb, "doctor", lead, "normal", [your_level(kb, result)])


def feared(
    kb: KnowledgeBase, result: Assessment, disease: str, where: str | None = None, seen: bool = False, family: bool = False
) -> Reply:
    """A feared disease, named and answered from the documents only; never ruled in or out; the
    part of the body it was asked about (`where`) named, with what the documents do not say of it. After a doctor who
    examined them said otherwise (`seen`), that examination is what counts, and what would change things."""
    lead = texts.FEARED_LEAD.format(disease=disease)
    other = OTHER_ADULT in result.evidence.present or "person:child" in result.evidence.present
    close = texts.FEARED_CLOSE_OTHER if other else texts.FEARED_CLOSE
    if seen:
        close = texts.FEARED_AFTER_EXAMINED
    part = texts.FEARED_PART.format(part=where) if where and not other else ""
    signs = texts.FEARED_SIGNS.get(disease, "")
    # "is it hereditary?" beside the fear: the documents do not say; the family history is for the doctor to hear
    inherited = texts.FEARED_INHERITED if family else ""
    said = (lead, inherited, part, texts.FEARED_FACTS, signs, close, your_level(kb, result), DISCLAIMER)
    text = "\n".join(t for t in said if t)
    sources = kb.topics["doctor"].points[0].sources + kb.levels["self_care"].sources
    return Reply(
        text=text,
        custom={"type": EXPLANATION, "topic": "doctor", "question": "feared", "sources": sources_payload(sources)},
    )


def cause_question(kb: KnowledgeBase, result: Assessment, topic: str) -> Reply:
    """ "Could it be X?": X explained, tied to what the user said (or the lack of it)."""
    cid = kb.nutrients[topic].cause if topic in kb.nutrients else topic
    if cid not in kb.causes:
        return _explained(kb, topic, "", "cause")
    ranked = next(c for c in result.causes if c.id == cid)
    if ranked.has_evidence:
        fit = texts.CAUSE_FITS.format(reasons="; ".join(ranked.evidence[:3]))
    else:  # a general question before anything was told gets the explanation alone
        fit = "" if result.evidence.is_empty() else texts.CAUSE_NO_EVIDENCE
    return _explained(kb, topic, fit, "cause")


def no_number(kb: KnowledgeBase, result: Assessment, topic: str) -> Reply:
    """ "How many coffees a day is ok?": the documents give no number; what they advise for that
    habit, in one line, and the level (round 24 c26: the lead, then the whole caffeine block again)."""
    cause = kb.causes[kb.nutrients[topic].cause if topic in kb.nutrients else topic]
    advice = cause.advice_for(result.evidence.present)
    lead = f"{texts.NO_NUMBER.format(cause=cause.name.lower())} {advice.text}"
    said = _said(lead, "what_helps", [your_level(kb, result)], advice.sources)
    return replace(said, custom={**(said.custom or {}), "topic": cause.id})


LINKED_NAMES = 3  # causes named beside a symptom asked about: more is a list, not an answer


def symptom_link(kb: KnowledgeBase, result: Assessment, key: str) -> Reply:
    """ "My pee has gone dark, could that be connected?": the causes of twitching the documents
    list that symptom among the signs of, or that they do not link it to twitching."""
    causes = [c for c in kb.causes.values() if any(str(s.ref) == key for s in c.symptoms)]
    ranked = [c.id for c in result.causes if any(c.id == linked.id for linked in causes)][:LINKED_NAMES]
    if ranked:
        names = human_list([kb.causes[c].name.lower() for c in ranked])
        lead = texts.SYMPTOM_LINKED.format(symptom=fact_name(key), causes=names)
        sources = [src for c in ranked for s in kb.causes[c].symptoms if str(s.ref) == key for src in s.sources]
    else:
        lead, sources = texts.SYMPTOM_NOT_LINKED.format(symptom=fact_name(key)), []
    topic = ranked[0] if ranked else "doctor"
    custom = {"type": EXPLANATION, "topic": topic, "question": "cause", "sources": sources_payload(sources)}
    return Reply(text=" ".join(t for t in (lead, your_level(kb, result)) if t), custom=custom)


def cause_first(kb: KnowledgeBase, result: Assessment) -> Reply:
    """ "Why is this happening?" before the interview: the likeliest causes of what was said so
    far, named (each with its source), and that the questions will narrow them down."""
    top = result.top(3)
    names = "; ".join(kb.causes[c.id].name.lower() for c in top)  # names have "and" in them
    sources = [s for c in top for s in kb.causes[c.id].summary.sources]
    custom = {"type": EXPLANATION, "topic": top[0].id, "question": "cause", "sources": sources_payload(sources)}
    return Reply(text=texts.CAUSE_FIRST.format(causes=names), custom=custom)


def child(kb: KnowledgeBase, result: Assessment) -> Reply:
    """A parent asking about their child: the assessment without causes or adult advice.

    The card is an assessment with no ranked causes: the level (the child's doctor, or
    higher), what to do and why, the emergency signs and the reminder.
    """
    level = level_payload(kb, result.triage)
    young = YOUNG in result.evidence.present  # a young person writing of themselves: "you"
    lead, signs = (texts.YOUNG_LEAD, texts.EMERGENCY_SIGNS) if young else (texts.CHILD_LEAD, texts.EMERGENCY_SIGNS_CHILD)
    text = "\n".join([lead, f"{level['title']}: {level['action']} {level['reason']}", signs, DISCLAIMER])
    payload = {
        "type": ASSESSMENT,
        "causes": [],
        "triage": result.triage.level,
        "red_flags": result.triage.red_flags,
        "sources": sources_payload(result.triage.sources),
        "intro": lead,
        "level": level,
        "foods": [],
        "disclaimer": DISCLAIMER,
    }
    return Reply(text=text, custom=payload, buttons=[button(texts.FOLLOW_UP_TITLES["/ask_doctor"], "/ask_doctor")])
