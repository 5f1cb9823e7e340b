"""What the knowledge files hold: causes with their facts and sources, foods, nutrients, topics,
triage rules and levels (`causes.py` reads them from `causes.yml`), and the lexicon's phrases
(`lexicon.py`), together one `KnowledgeBase`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Collection, Mapping


@dataclass(frozen=True)
class Source:
    document: str  # the document's title
    section: str

    def as_payload(self) -> dict[str, str]:
        return {"document": self.document, "section": self.section}


@dataclass(frozen=True)
class Fact:
    text: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Advice(Fact):
    """What helps with a cause; `when` (a fact reference) makes it the advice for someone who said that fact
    ("spread out very large amounts of plain water", for someone drinking a lot, not "drink regularly")."""

    when: str | None = None


@dataclass(frozen=True)
class Ref:
    """A reference to an entity value: `symptom:cramps`, `medication:diuretic`..."""

    type: str
    id: str

    def __str__(self) -> str:
        return f"{self.type}:{self.id}"


@dataclass(frozen=True)
class RiskFactor:
    ref: Ref
    weight: float
    because: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Symptom:
    ref: Ref
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Link:
    cause: str
    weight: float
    text: str
    sources: tuple[Source, ...]
    when: str | None = None  # followed only when this fact was told ("medication:diuretic": diuretics lose potassium)


@dataclass(frozen=True)
class Cause:
    id: str
    name: str
    medical_name: str
    nutrient: str | None
    prior: float
    aliases: tuple[str, ...]
    summary: Fact
    mechanism: Fact
    symptoms: tuple[Symptom, ...]
    risk_factors: tuple[RiskFactor, ...]
    links: tuple[Link, ...]
    advice: tuple[Advice, ...]
    # Signs the documents name that have no contract id (e.g. chorea), name -> fact.
    other_signs: Mapping[str, Fact] = field(default_factory=dict)

    def advice_for(self, present: Collection[str]) -> Advice:
        """The advice that fits what was said: the first whose `when` was said, else the first for anyone."""
        return next((a for a in self.advice if a.when is not None and a.when in present), None) or next(
            a for a in self.advice if a.when is None
        )

    def sources(self) -> list[Source]:
        """Every source of this entry, first-cited first, without repeats."""
        groups: list[tuple[Source, ...]] = [self.summary.sources, self.mechanism.sources]
        groups += [f.sources for f in self.advice]
        groups += [s.sources for s in self.symptoms] + [r.sources for r in self.risk_factors]
        groups += [link.sources for link in self.links]
        return list(dict.fromkeys(s for group in groups for s in group))


@dataclass(frozen=True)
class Food:
    name: str
    aliases: tuple[str, ...]
    nutrients: tuple[str, ...]
    contains: tuple[str, ...]
    sources: tuple[Source, ...]
    fortified: bool = False


@dataclass(frozen=True)
class Nutrient:
    id: str
    name: str
    cause: str
    includes: tuple[str, ...] = ()
    other_sources: tuple[Fact, ...] = ()


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    aliases: tuple[str, ...]
    points: tuple[Fact, ...]


@dataclass(frozen=True)
class TriageRule:
    id: str
    level: str
    all: tuple[Ref, ...]
    any: tuple[Ref, ...]
    min_days: int | None
    reason: str
    action: str
    sources: tuple[Source, ...]
    policy: str | None = None  # a row of the escalation policy with no document behind it (crisis)


@dataclass(frozen=True)
class Level:
    id: str
    action: str
    reason: str = ""
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Condition:
    id: str
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Diet:
    id: str
    name: str
    excludes: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    """Words people use, per entity type and canonical value."""

    phrases: Mapping[str, Mapping[str, tuple[str, ...]]]
    denials: Mapping[str, Mapping[str, tuple[str, ...]]]

    def lookup(self) -> dict[str, tuple[str, str]]:
        """phrase -> (entity type, canonical value), for every phrase of the lexicon."""
        return {p: (t, v) for t, values in self.phrases.items() for v, ps in values.items() for p in ps}


@dataclass(frozen=True, eq=False)  # hashed by identity: loaded once, cached
class KnowledgeBase:
    documents: Mapping[str, str]  # document id -> title
    causes: Mapping[str, Cause]
    foods: tuple[Food, ...]
    nutrients: Mapping[str, Nutrient]
    topics: Mapping[str, Topic]
    triage: tuple[TriageRule, ...]
    levels: Mapping[str, Level]
    conditions: Mapping[str, Condition]
    diets: Mapping[str, Diet]
    lexicon: Lexicon = field(default_factory=lambda: Lexicon({}, {}))

    def cause_for_nutrient(self, nutrient: str) -> Cause:
        return self.causes[self.nutrients[nutrient].cause]
