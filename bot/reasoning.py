"""Rank the likely causes of twitching and set the triage level, from the cause table.

Plain Python, no Rasa: `rank(kb, evidence)` scores every cause with readable reasons taken
from the user's own words; `triage(kb, evidence)` applies the escalation policy;
`assess` does both. Deterministic: the same evidence always gives the same answer.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bot.evidence import Evidence, denied_name, fact_name
from bot.knowledge.contract import LEVELS, MOVEMENT_SYMPTOMS, level_rank
from bot.knowledge.table import Cause, Food, KnowledgeBase, Source, TriageRule

# How much the table's prior (how common a cause is) counts: enough to break ties, never
# enough to outrank real evidence.
PRIOR_WEIGHT = 0.3
# A symptom listed by a single cause is worth this much; shared symptoms are worth less
# (divided by the number of causes listing them).
SYMPTOM_WEIGHT = 1.5
# A diet that leaves out every food supplying a nutrient is worth this much.
DIET_WEIGHT = 3.0
# Denied evidence counts against a cause: a denied risk factor at this share of its weight,
# divided by the cause's number of risk factors (one route ruled out of several); a denied
# sign at a smaller share (a missing sign is weaker evidence than a present one).
DENIAL_SHARE = 0.6
SIGN_DENIAL_SHARE = 0.4


@dataclass(frozen=True)
class RankedCause:
    id: str
    name: str
    score: float  # 0..1, for display
    raw: float
    evidence: tuple[str, ...]
    against: tuple[str, ...]
    sources: tuple[Source, ...]

    def as_payload(self) -> dict[str, Any]:
        return {"id": self.id, "score": self.score, "evidence": list(self.evidence)}

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence)


@dataclass(frozen=True)
class FiredRule:
    rule: TriageRule
    matched: tuple[str, ...]  # the references (or "duration") that made it fire


@dataclass(frozen=True)
class Triage:
    level: str
    fired: tuple[FiredRule, ...] = ()

    @property
    def red_flags(self) -> list[str]:
        """Ids of what the user affirmed that raised the level, most urgent rule first."""
        flags: list[str] = []
        for fired in self.fired:
            for key in fired.matched:
                ident = key.partition(":")[2] or key
                if ident not in flags:
                    flags.append(ident)
        return flags

    @property
    def reasons(self) -> list[str]:
        return [f.rule.reason for f in self.fired if f.rule.level == self.level]

    @property
    def sources(self) -> list[Source]:
        return list(dict.fromkeys(s for f in self.fired for s in f.rule.sources))

    @property
    def is_escalation(self) -> bool:
        return level_rank(self.level) >= level_rank("urgent")


@dataclass(frozen=True)
class Assessment:
    causes: tuple[RankedCause, ...]
    triage: Triage
    evidence: Evidence = field(default_factory=Evidence)

    def top(self, n: int = 3) -> list[RankedCause]:
        with_evidence = [c for c in self.causes if c.has_evidence]
        return (with_evidence or list(self.causes))[:n]


@lru_cache(maxsize=8)
def _symptom_spread(kb: KnowledgeBase) -> Counter[str]:
    return Counter(str(s.ref) for c in kb.causes.values() for s in c.symptoms)


@lru_cache(maxsize=8)
def _nutrient_foods(kb: KnowledgeBase) -> dict[str, list[Food]]:
    """The natural (not fortified) food sources of each nutrient."""
    out: dict[str, list[Food]] = {n: [] for n in kb.nutrients}
    for food in kb.foods:
        for n in food.nutrients:
            if not food.fortified:
                out[n].append(food)
    return out


def diet_gap(kb: KnowledgeBase, nutrient: str, diets: frozenset[str]) -> tuple[float, list[str]]:
    """Share of the natural foods supplying `nutrient` that the diets leave out, and those groups."""
    excluded = {g for d in diets if d in kb.diets for g in kb.diets[d].excludes}
    foods = _nutrient_foods(kb).get(nutrient, [])
    if not foods or not excluded:
        return 0.0, []
    left_out = [f for f in foods if set(f.contains) & excluded]
    groups = sorted({g for f in left_out for g in f.contains if g in excluded})
    return len(left_out) / len(foods), groups


def _direct(kb: KnowledgeBase, cause: Cause, ev: Evidence) -> tuple[float, float, list[str], list[str]]:
    """The cause's own score from the evidence, the part of it due to diet, and the reasons."""
    spread = _symptom_spread(kb)
    score, diet_score, reasons, against = 0.0, 0.0, [], []
    for rf in cause.risk_factors:
        key = str(rf.ref)
        if key in ev.present:
            score += rf.weight
            reasons.append(f"you mentioned {fact_name(key)}: {rf.because}")
        elif key in ev.absent:
            score -= rf.weight * DENIAL_SHARE / len(cause.risk_factors)
            against.append(f"you said no {denied_name(key)}")
    for s in cause.symptoms:
        key = str(s.ref)
        weight = SYMPTOM_WEIGHT / spread[key]
        if key in ev.present:
            score += weight
            kind = "one of its usual signs" if key.startswith("symptom:") else "which often goes with it"
            reasons.append(f"you mentioned {fact_name(key)}, {kind}")
        elif key in ev.absent:
            score -= weight * SIGN_DENIAL_SHARE
            against.append(f"you have no {fact_name(key)}, which often comes with it")
    if cause.nutrient and ev.diets:
        share, groups = diet_gap(kb, cause.nutrient, ev.diets)
        if share > 0:
            diet_score = DIET_WEIGHT * share
            score += diet_score
            diet_names = " and ".join(sorted(kb.diets[d].name for d in ev.diets if d in kb.diets))
            reasons.append(
                f"a {diet_names} diet leaves out {', '.join(groups)}, "
                f"{'the main' if share >= 0.5 else 'some of the'} natural food sources of {kb.nutrients[cause.nutrient].name}"
            )
    return score, diet_score, reasons, against


def rank(kb: KnowledgeBase, ev: Evidence) -> list[RankedCause]:
    """Every cause of the table, most likely first, with the reasons for each."""
    direct = {cid: _direct(kb, c, ev) for cid, c in kb.causes.items()}
    totals = {cid: d[0] for cid, d in direct.items()}
    reasons = {cid: list(d[2]) for cid, d in direct.items()}
    for cid, cause in kb.causes.items():
        # a link carries what was observed (signs, risk factors), not what a diet implies:
        # a dairy-free diet says nothing about vitamin D
        # and only from a cause the user gave a risk factor of: a sign many causes share
        # ("weakness") does not make low potassium "linked to" a medicine nobody mentioned
        base = direct[cid][0] - direct[cid][1]
        if base <= 0 or not any(str(rf.ref) in ev.present for rf in cause.risk_factors):
            continue
        for link in cause.links:
            if link.when is not None and link.when not in ev.present:
                continue  # "diuretics lose potassium" is no link for someone on a steroid (round 30 c28)
            totals[link.cause] += link.weight * base
            reasons[link.cause].append(f"linked to {cause.name.lower()}: {link.text[0].lower()}{link.text[1:].rstrip('.')}")
    ranked = []
    for cid, cause in kb.causes.items():
        raw = totals[cid] + PRIOR_WEIGHT * cause.prior
        refs = [str(rf.ref) for rf in cause.risk_factors]
        if cause.nutrient is None and refs and any(r in ev.absent for r in refs) and not any(r in ev.present for r in refs):
            # a cause that is an exposure, the exposure denied ("one cup of tea in the morning"): never a likely cause
            # on the strength of a sign that goes with it (round 29 c18: too much caffeine, "you mentioned poor sleep")
            raw, reasons[cid] = min(raw, 0.0), []
        score = round(1 - math.exp(-max(raw, 0.0) / 3.0), 3)
        ranked.append(
            RankedCause(cid, cause.name, score, round(raw, 4), tuple(reasons[cid]), tuple(direct[cid][3]), tuple(cause.sources()))
        )
    # Ties break on the table's order (the contract's order) for determinism.
    order = {cid: i for i, cid in enumerate(kb.causes)}
    ranked.sort(key=lambda c: (-c.raw, order[c.id]))
    return ranked


def _fires(rule: TriageRule, ev: Evidence) -> tuple[str, ...] | None:
    matched: list[str] = []
    for r in rule.all:
        if str(r) not in ev.present:
            return None
        matched.append(str(r))
    if rule.any:
        hits = [str(r) for r in rule.any if str(r) in ev.present]
        if not hits:
            return None
        matched.extend(hits)
    if rule.min_days is not None:
        if ev.duration_days is None or ev.duration_days < rule.min_days or not _the_twitchings(ev):
            return None
        matched.append(f"twitching_over_{rule.min_days - 1}_days")
    return tuple(matched)


NOT_A_COMPLAINT = frozenset({"symptom:distress", "symptom:self_harm"})  # told beside the twitching, never instead of it


def _the_twitchings(ev: Evidence) -> bool:
    """The duration told is the twitching's: not when the twitching is denied, nor when only another complaint
    was told ("my knee hurts running downhill, for a month": no twitching over 14 days, round 19 c17)."""
    moving = [f"symptom:{s}" for s in MOVEMENT_SYMPTOMS]
    if any(k in ev.present for k in moving):
        return True
    others = [k for k in ev.present if k.startswith("symptom:") and k not in NOT_A_COMPLAINT]
    return not others and "symptom:twitching" not in ev.absent


def triage(kb: KnowledgeBase, ev: Evidence) -> Triage:
    """The highest level any policy rule gives for what the user affirmed."""
    fired = [FiredRule(rule, m) for rule in kb.triage if (m := _fires(rule, ev)) is not None]
    fired.sort(key=lambda f: -level_rank(f.rule.level))
    level = fired[0].rule.level if fired else LEVELS[0]
    return Triage(level, tuple(fired))


def assess(kb: KnowledgeBase, ev: Evidence) -> Assessment:
    return Assessment(tuple(rank(kb, ev)), triage(kb, ev), ev)
