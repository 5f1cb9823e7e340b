"""Load and validate the cause table (`causes.yml`) and the lexicon (`lexicon.yml`).

A broken table fails at load with a `TableError` naming the entry and the field. The ids
it accepts are those of the contract (`contract.py`) plus the project's additions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml

from bot.knowledge.contract import CAUSES, ENTITY_VALUES, LEVELS, NUTRIENTS

HERE = Path(__file__).resolve().parent
TABLE_PATH = HERE / "causes.yml"
LEXICON_PATH = HERE / "lexicon.yml"
INTERVIEW_PATH = HERE / "interview.yml"

FOOD_GROUPS = ("meat", "fish", "dairy", "eggs")
CAUSE_FIELDS = (
    "name", "medical_name", "nutrient", "prior", "aliases", "summary", "mechanism",
    "symptoms", "risk_factors", "links", "advice", "other_signs",
)  # fmt: skip
REF_TYPES = ("symptom", "lifestyle_factor", "medication", "diet", "condition")


class TableError(ValueError):
    """The cause table or the lexicon is broken; the message names the entry and field."""


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
    advice: tuple[Fact, ...]
    # Signs the documents name that have no contract id (e.g. chorea), name -> fact.
    other_signs: Mapping[str, Fact] = field(default_factory=dict)

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


# ---------------------------------------------------------------------------------------
# loading


class _Reader:
    """Field access that reports `where.field` on every error."""

    def __init__(self, documents: Mapping[str, str], sections: Mapping[str, Mapping[str, str]]):
        self.documents = documents
        self.sections = sections

    @staticmethod
    def keys(data: Any, allowed: Iterable[str], where: str) -> None:
        """Unknown fields are errors (an unquoted comma in YAML makes one)."""
        if not isinstance(data, dict):
            raise TableError(f"{where}: expected a mapping, got {type(data).__name__}")
        unknown = sorted(set(data) - set(allowed), key=str)
        if unknown:
            raise TableError(f"{where}: unknown field(s) {', '.join(map(repr, unknown))} (quote text that has commas)")

    @staticmethod
    def need(data: Any, key: str, where: str, kind: type | tuple[type, ...] = str) -> Any:
        if not isinstance(data, dict) or key not in data or data[key] in (None, ""):
            raise TableError(f"{where}: missing field '{key}'")
        value = data[key]
        if not isinstance(value, kind):
            raise TableError(f"{where}.{key}: expected {_kind_name(kind)}, got {type(value).__name__}")
        return value

    def sources(self, data: Any, where: str) -> tuple[Source, ...]:
        raw = self.need(data, "sources", where, list)
        if not raw:
            raise TableError(f"{where}.sources: a fact needs at least one source")
        out = []
        for i, item in enumerate(raw):
            doc, _, section = str(item).partition("#")
            if doc not in self.documents:
                raise TableError(f"{where}.sources[{i}]: unknown document '{doc}' in {item!r}")
            if section not in self.sections[doc]:
                raise TableError(f"{where}.sources[{i}]: unknown section '{section}' of document '{doc}'")
            out.append(Source(self.documents[doc], self.sections[doc][section]))
        return tuple(out)

    def fact(self, data: Any, where: str) -> Fact:
        self.keys(data, ("text", "sources"), where)
        return Fact(self.need(data, "text", where), self.sources(data, where))

    @staticmethod
    def ref(text: Any, where: str, extra: Mapping[str, Iterable[str]]) -> Ref:
        if not isinstance(text, str) or ":" not in text:
            raise TableError(f"{where}: expected TYPE:ID, got {text!r}")
        kind, _, ident = text.partition(":")
        known = {**ENTITY_VALUES, **extra}
        if kind not in REF_TYPES or kind not in known:
            raise TableError(f"{where}: unknown reference type '{kind}' in {text!r}")
        if ident not in set(known[kind]):
            raise TableError(f"{where}: unknown {kind} id '{ident}'")
        return Ref(kind, ident)


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join({"str": "text", "list": "a list", "dict": "a mapping"}.get(k.__name__, k.__name__) for k in kinds)


def _unique_phrases(pairs: Iterable[tuple[str, str]], what: str) -> None:
    """Fail when one phrase points to two different ids."""
    owner: dict[str, str] = {}
    for phrase, ident in pairs:
        key = normalise(phrase)
        if key in owner and owner[key] != ident:
            raise TableError(f"{what}: the phrase '{phrase}' points to both '{owner[key]}' and '{ident}'")
        owner[key] = ident


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


def parse_table(raw: Any, lexicon_raw: Any = None) -> KnowledgeBase:
    """Build a validated KnowledgeBase from the parsed YAML of causes.yml (and lexicon.yml)."""
    if not isinstance(raw, dict):
        raise TableError("cause table: expected a mapping at the top level")
    docs_raw = _Reader.need(raw, "documents", "cause table", dict)
    documents = {key: _Reader.need(value, "title", f"documents.{key}") for key, value in docs_raw.items()}
    sections = {key: _Reader.need(value, "sections", f"documents.{key}", dict) for key, value in docs_raw.items()}
    r = _Reader(documents, sections)

    conditions = {
        key: Condition(key, r.need(v, "name", f"conditions.{key}"), tuple(v.get("aliases", ())))
        for key, v in (raw.get("conditions") or {}).items()
    }
    diets = {}
    for key, v in r.need(raw, "diets", "cause table", dict).items():
        if key not in ENTITY_VALUES["diet"]:
            raise TableError(f"diets.{key}: unknown diet id")
        excludes = tuple(r.need(v, "excludes", f"diets.{key}", list))
        for group in excludes:
            if group not in FOOD_GROUPS:
                raise TableError(f"diets.{key}.excludes: unknown food group '{group}'")
        diets[key] = Diet(key, r.need(v, "name", f"diets.{key}"), excludes)
    extra_refs = {"condition": conditions.keys(), "diet": diets.keys()}

    causes_raw = r.need(raw, "causes", "cause table", dict)
    causes: dict[str, Cause] = {}
    for cid, entry in causes_raw.items():
        where = f"causes.{cid}"
        r.keys(entry, CAUSE_FIELDS, where)
        if cid not in CAUSES:
            raise TableError(f"{where}: unknown cause id '{cid}' (not in the contract)")
        nutrient = entry.get("nutrient")
        if nutrient is not None and nutrient not in NUTRIENTS:
            raise TableError(f"{where}.nutrient: unknown nutrient id '{nutrient}'")
        for i, s in enumerate(entry.get("symptoms") or []):
            r.keys(s, ("ref", "sources"), f"{where}.symptoms[{i}]")
        for i, f_ in enumerate(entry.get("risk_factors") or []):
            r.keys(f_, ("ref", "weight", "because", "sources"), f"{where}.risk_factors[{i}]")
        symptoms = tuple(
            Symptom(r.ref(s.get("ref"), f"{where}.symptoms[{i}].ref", extra_refs), r.sources(s, f"{where}.symptoms[{i}]"))
            for i, s in enumerate(r.need(entry, "symptoms", where, list))
        )
        risks = tuple(
            RiskFactor(
                r.ref(f_.get("ref"), f"{where}.risk_factors[{i}].ref", extra_refs),
                float(r.need(f_, "weight", f"{where}.risk_factors[{i}]", (int, float))),
                r.need(f_, "because", f"{where}.risk_factors[{i}]"),
                r.sources(f_, f"{where}.risk_factors[{i}]"),
            )
            for i, f_ in enumerate(entry.get("risk_factors") or [])
        )
        links = []
        for i, link in enumerate(entry.get("links") or []):
            lw = f"{where}.links[{i}]"
            r.keys(link, ("cause", "weight", "text", "sources"), lw)
            target = r.need(link, "cause", lw)
            if target not in causes_raw:
                raise TableError(f"{lw}.cause: unknown cause id '{target}'")
            links.append(
                Link(target, float(r.need(link, "weight", lw, (int, float))), r.need(link, "text", lw), r.sources(link, lw))
            )
        advice = tuple(r.fact(a, f"{where}.advice[{i}]") for i, a in enumerate(r.need(entry, "advice", where, list)))
        causes[cid] = Cause(
            id=cid,
            name=r.need(entry, "name", where),
            medical_name=r.need(entry, "medical_name", where),
            nutrient=nutrient,
            prior=float(r.need(entry, "prior", where, (int, float))),
            aliases=tuple(r.need(entry, "aliases", where, list)),
            summary=r.fact(r.need(entry, "summary", where, dict), f"{where}.summary"),
            mechanism=r.fact(r.need(entry, "mechanism", where, dict), f"{where}.mechanism"),
            symptoms=symptoms,
            risk_factors=risks,
            links=tuple(links),
            advice=advice,
            other_signs={
                r.need(o, "name", f"{where}.other_signs[{i}]"): r.fact(
                    {k: v for k, v in o.items() if k != "name"}, f"{where}.other_signs[{i}]"
                )
                for i, o in enumerate(entry.get("other_signs") or [])
            },
        )
    missing = [c for c in CAUSES if c not in causes]
    if missing:
        raise TableError(f"causes: no entry for contract cause(s) {', '.join(missing)}")

    nutrients: dict[str, Nutrient] = {}
    for nid, entry in r.need(raw, "nutrients", "cause table", dict).items():
        where = f"nutrients.{nid}"
        if nid not in NUTRIENTS:
            raise TableError(f"{where}: unknown nutrient id '{nid}'")
        cause = r.need(entry, "cause", where)
        if cause not in causes:
            raise TableError(f"{where}.cause: unknown cause id '{cause}'")
        includes = tuple(entry.get("includes") or ())
        for inc in includes:
            if inc not in NUTRIENTS:
                raise TableError(f"{where}.includes: unknown nutrient id '{inc}'")
        others = tuple(r.fact(o, f"{where}.other_sources[{i}]") for i, o in enumerate(entry.get("other_sources") or []))
        nutrients[nid] = Nutrient(nid, r.need(entry, "name", where), cause, includes, others)

    foods = []
    for i, entry in enumerate(r.need(raw, "foods", "cause table", list)):
        where = f"foods[{i}]"
        name = r.need(entry, "name", where)
        where = f"foods[{i}] ({name})"
        r.keys(entry, ("name", "aliases", "nutrients", "contains", "note", "fortified", "sources"), where)
        food_nutrients = tuple(entry.get("nutrients") or ())
        if not food_nutrients:
            raise TableError(f"{where}.nutrients: a food needs at least one nutrient")
        for n in food_nutrients:
            if n not in NUTRIENTS:
                raise TableError(f"{where}.nutrients: unknown nutrient id '{n}'")
        contains = tuple(entry.get("contains") or ())
        for group in contains:
            if group not in FOOD_GROUPS:
                raise TableError(f"{where}.contains: unknown food group '{group}'")
        foods.append(
            Food(
                name,
                tuple(entry.get("aliases") or (name,)),
                food_nutrients,
                contains,
                r.sources(entry, where),
                bool(entry.get("fortified")),
            )
        )

    topics = {
        tid: Topic(
            tid,
            r.need(t, "name", f"topics.{tid}"),
            tuple(t.get("aliases") or ()),
            tuple(r.fact(p, f"topics.{tid}.points[{i}]") for i, p in enumerate(r.need(t, "points", f"topics.{tid}", list))),
        )
        for tid, t in (raw.get("topics") or {}).items()
    }

    rules = []
    for i, rule in enumerate(r.need(raw, "triage", "cause table", list)):
        where = f"triage[{i}]"
        rid = r.need(rule, "id", where)
        where = f"triage.{rid}"
        r.keys(rule, ("id", "level", "all", "any", "min_days", "reason", "action", "sources", "policy"), where)
        level = r.need(rule, "level", where)
        if level not in LEVELS:
            raise TableError(f"{where}.level: unknown triage level '{level}'")
        all_refs = tuple(r.ref(x, f"{where}.all", extra_refs) for x in rule.get("all") or [])
        any_refs = tuple(r.ref(x, f"{where}.any", extra_refs) for x in rule.get("any") or [])
        min_days = rule.get("min_days")
        if not all_refs and not any_refs and min_days is None:
            raise TableError(f"{where}: a rule needs 'all', 'any' or 'min_days'")
        rules.append(
            TriageRule(
                rid,
                level,
                all_refs,
                any_refs,
                min_days,
                r.need(rule, "reason", where),
                r.need(rule, "action", where),
                # a policy row cites the policy; every other rule cites the documents
                () if "policy" in rule and "sources" not in rule else r.sources(rule, where),
                r.need(rule, "policy", where) if "policy" in rule else None,
            )
        )

    levels = {}
    for lid, entry in r.need(raw, "levels", "cause table", dict).items():
        if lid not in LEVELS:
            raise TableError(f"levels.{lid}: unknown triage level")
        srcs = r.sources(entry, f"levels.{lid}") if "sources" in entry else ()
        levels[lid] = Level(lid, r.need(entry, "action", f"levels.{lid}"), entry.get("reason", ""), srcs)
    for lid in LEVELS:
        if lid not in levels:
            raise TableError(f"levels: no entry for triage level '{lid}'")

    _unique_phrases(((normalise(a), cid) for cid, c in causes.items() for a in c.aliases), "causes.aliases")
    _unique_phrases(((normalise(a), f.name) for f in foods for a in f.aliases), "foods.aliases")
    lexicon = parse_lexicon(lexicon_raw) if lexicon_raw is not None else Lexicon({}, {})
    return KnowledgeBase(documents, causes, tuple(foods), nutrients, topics, tuple(rules), levels, conditions, diets, lexicon)


def parse_lexicon(raw: Any) -> Lexicon:
    if not isinstance(raw, dict):
        raise TableError("lexicon: expected a mapping at the top level")
    sections: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {}
    for section in ("entities", "denials"):
        parsed: dict[str, dict[str, tuple[str, ...]]] = {}
        for etype, values in (raw.get(section) or {}).items():
            if etype not in ENTITY_VALUES:
                raise TableError(f"lexicon.{section}.{etype}: unknown entity type")
            parsed[etype] = {}
            for value, phrases in (values or {}).items():
                if value not in ENTITY_VALUES[etype]:
                    raise TableError(f"lexicon.{section}.{etype}.{value}: unknown {etype} id")
                if not phrases:
                    raise TableError(f"lexicon.{section}.{etype}.{value}: no phrases")
                parsed[etype][value] = tuple(normalise(str(p)) for p in phrases)
        sections[section] = parsed
    for etype, values in ENTITY_VALUES.items():
        if etype == "duration":
            continue
        for value in values:
            if value not in sections["entities"].get(etype, {}):
                raise TableError(f"lexicon.entities.{etype}.{value}: no phrases for this id")
    pairs = [
        (p, f"{etype}:{value}" + (" (denied)" if section == "denials" else ""))
        for section, parsed in sections.items()
        for etype, values in parsed.items()
        for value, phrases in values.items()
        for p in phrases
    ]
    _unique_phrases(pairs, "lexicon")
    return Lexicon(sections["entities"], sections["denials"])


def load(table_path: Path = TABLE_PATH, lexicon_path: Path | None = LEXICON_PATH) -> KnowledgeBase:
    """Read and validate the table (and lexicon) from disk."""
    try:
        raw = yaml.safe_load(table_path.read_text(encoding="utf-8"))
        lexicon_raw = yaml.safe_load(lexicon_path.read_text(encoding="utf-8")) if lexicon_path else None
    except yaml.YAMLError as error:
        raise TableError(f"cannot parse YAML: {error}") from error
    return parse_table(raw, lexicon_raw)


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    refs: tuple[str, ...]  # "symptom:weakness", or a bare entity type ("duration", "diet")
    yes: tuple[str, ...]
    no: tuple[str, ...]
    buttons: tuple[dict, ...]


@dataclass(frozen=True)
class Interview:
    max_questions: int
    questions: tuple[Question, ...]

    def by_id(self, qid: str) -> Question | None:
        return next((q for q in self.questions if q.id == qid), None)


def parse_interview(raw: Any) -> Interview:
    r = _Reader({}, {})
    if not isinstance(raw, dict):
        raise TableError("interview: expected a mapping at the top level")
    questions = []
    for i, q in enumerate(r.need(raw, "questions", "interview", list)):
        where = f"interview.questions[{i}]"
        r.keys(q, ("id", "text", "refs", "if_yes", "if_no", "buttons"), where)
        refs = tuple(r.need(q, "refs", where, list))
        for key in ("if_yes", "if_no"):
            for ref in q.get(key) or []:
                r.ref(ref, f"{where}.{key}", {})
        for ref in refs:
            if ":" in ref:
                r.ref(ref, f"{where}.refs", {})
            elif ref not in ENTITY_VALUES:
                raise TableError(f"{where}.refs: unknown entity type '{ref}'")
        buttons = tuple(r.need(q, "buttons", where, list))
        for j, b in enumerate(buttons):
            r.keys(b, ("title", "payload"), f"{where}.buttons[{j}]")
            r.need(b, "title", f"{where}.buttons[{j}]")
            r.need(b, "payload", f"{where}.buttons[{j}]")
        questions.append(
            Question(
                r.need(q, "id", where),
                r.need(q, "text", where),
                refs,
                tuple(q.get("if_yes") or ()),
                tuple(q.get("if_no") or ()),
                buttons,
            )
        )
    return Interview(int(r.need(raw, "max_questions", "interview", int)), tuple(questions))


@lru_cache(maxsize=1)
def default_interview() -> Interview:
    return parse_interview(yaml.safe_load(INTERVIEW_PATH.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def default_kb() -> KnowledgeBase:
    """The project's knowledge base, loaded once on first use."""
    return load()
