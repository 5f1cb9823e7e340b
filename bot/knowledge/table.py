"""Load and validate the cause table (`causes.yml`) and the lexicon (`lexicon.yml`).

A broken table fails at load with a `TableError` naming the entry and the field. The ids
it accepts are those of the contract (`contract.py`) plus the project's additions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Collection, Iterable, Mapping

import yaml

from bot.knowledge.contract import CAUSES, ENTITY_VALUES, LEVELS, NUTRIENTS, UNPHRASED_TYPES

HERE = Path(__file__).resolve().parent
TABLE_PATH = HERE / "causes.yml"
LEXICON_PATH = HERE / "lexicon.yml"
INTERVIEW_PATH = HERE / "interview.yml"

FOOD_GROUPS = ("meat", "fish", "dairy", "eggs")
CAUSE_FIELDS = (
    "name", "medical_name", "nutrient", "prior", "aliases", "summary", "mechanism",
    "symptoms", "risk_factors", "links", "advice", "other_signs",
)  # fmt: skip
REF_TYPES = ("symptom", "lifestyle_factor", "medication", "diet", "condition", "person", "onset")


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
    """Build a validated KnowledgeBase from the parsed YAML of causes.yml (and lexicon.yml).

    The sections are read in this order, so a table with several faults reports the same one first.
    """
    if not isinstance(raw, dict):
        raise TableError("cause table: expected a mapping at the top level")
    reader = _read_documents(raw)
    conditions = _read_conditions(raw, reader)
    diets = _read_diets(raw, reader)
    extra_refs = {"condition": conditions.keys(), "diet": diets.keys()}  # ref types the contract leaves open
    causes = _read_causes(raw, reader, extra_refs)
    nutrients = _read_nutrients(raw, reader, causes)
    foods = _read_foods(raw, reader)
    topics = _read_topics(raw, reader)
    triage = _read_triage(raw, reader, extra_refs)
    levels = _read_levels(raw, reader)
    _check_aliases(causes, foods)
    lexicon = parse_lexicon(lexicon_raw) if lexicon_raw is not None else Lexicon({}, {})
    return KnowledgeBase(reader.documents, causes, foods, nutrients, topics, triage, levels, conditions, diets, lexicon)


def _read_documents(raw: dict[str, Any]) -> _Reader:
    """The documents (every title first, then every section map); a reader that resolves sources against them."""
    documents_raw = _Reader.need(raw, "documents", "cause table", dict)
    titles = {key: _Reader.need(doc, "title", f"documents.{key}") for key, doc in documents_raw.items()}
    sections = {key: _Reader.need(doc, "sections", f"documents.{key}", dict) for key, doc in documents_raw.items()}
    return _Reader(titles, sections)


def _read_conditions(raw: dict[str, Any], reader: _Reader) -> dict[str, Condition]:
    return {
        key: Condition(key, reader.need(entry, "name", f"conditions.{key}"), tuple(entry.get("aliases", ())))
        for key, entry in (raw.get("conditions") or {}).items()
    }


def _read_diets(raw: dict[str, Any], reader: _Reader) -> dict[str, Diet]:
    diets = {}
    for key, entry in reader.need(raw, "diets", "cause table", dict).items():
        if key not in ENTITY_VALUES["diet"]:
            raise TableError(f"diets.{key}: unknown diet id")
        excludes = tuple(reader.need(entry, "excludes", f"diets.{key}", list))
        for group in excludes:
            if group not in FOOD_GROUPS:
                raise TableError(f"diets.{key}.excludes: unknown food group '{group}'")
        diets[key] = Diet(key, reader.need(entry, "name", f"diets.{key}"), excludes)
    return diets


def _read_causes(raw: dict[str, Any], reader: _Reader, extra_refs: Mapping[str, Iterable[str]]) -> dict[str, Cause]:
    """Every cause, in the table's order; each contract cause must have one."""
    causes_raw = reader.need(raw, "causes", "cause table", dict)
    causes = {cid: _read_cause(reader, cid, entry, extra_refs, causes_raw.keys()) for cid, entry in causes_raw.items()}
    missing = [cid for cid in CAUSES if cid not in causes]
    if missing:
        raise TableError(f"causes: no entry for contract cause(s) {', '.join(missing)}")
    return causes


def _read_cause(
    reader: _Reader, cid: str, entry: Any, extra_refs: Mapping[str, Iterable[str]], cause_ids: Collection[str]
) -> Cause:
    """One cause. Unknown fields of its symptoms and risk factors are reported before anything else in them."""
    where = f"causes.{cid}"
    reader.keys(entry, CAUSE_FIELDS, where)
    if cid not in CAUSES:
        raise TableError(f"{where}: unknown cause id '{cid}' (not in the contract)")
    nutrient = entry.get("nutrient")
    if nutrient is not None and nutrient not in NUTRIENTS:
        raise TableError(f"{where}.nutrient: unknown nutrient id '{nutrient}'")
    _check_item_fields(reader, entry.get("symptoms") or [], ("ref", "sources"), f"{where}.symptoms")
    _check_item_fields(reader, entry.get("risk_factors") or [], ("ref", "weight", "because", "sources"), f"{where}.risk_factors")
    symptoms = _read_symptoms(reader, entry, where, extra_refs)
    risk_factors = _read_risk_factors(reader, entry, where, extra_refs)
    links = _read_links(reader, entry, where, cause_ids)
    advice = _read_advice(reader, entry, where)
    return Cause(
        id=cid,
        name=reader.need(entry, "name", where),
        medical_name=reader.need(entry, "medical_name", where),
        nutrient=nutrient,
        prior=float(reader.need(entry, "prior", where, (int, float))),
        aliases=tuple(reader.need(entry, "aliases", where, list)),
        summary=reader.fact(reader.need(entry, "summary", where, dict), f"{where}.summary"),
        mechanism=reader.fact(reader.need(entry, "mechanism", where, dict), f"{where}.mechanism"),
        symptoms=symptoms,
        risk_factors=risk_factors,
        links=links,
        advice=advice,
        other_signs=_read_other_signs(reader, entry, where),
    )


def _check_item_fields(reader: _Reader, items: Iterable[Any], allowed: Iterable[str], where: str) -> None:
    """Each item of a list has only the allowed fields; `where[i]` names the first that does not."""
    for i, item in enumerate(items):
        reader.keys(item, allowed, f"{where}[{i}]")


def _read_symptoms(reader: _Reader, entry: Any, where: str, extra_refs: Mapping[str, Iterable[str]]) -> tuple[Symptom, ...]:
    return tuple(
        Symptom(
            reader.ref(symptom.get("ref"), f"{where}.symptoms[{i}].ref", extra_refs),
            reader.sources(symptom, f"{where}.symptoms[{i}]"),
        )
        for i, symptom in enumerate(reader.need(entry, "symptoms", where, list))
    )


def _read_risk_factors(
    reader: _Reader, entry: Any, where: str, extra_refs: Mapping[str, Iterable[str]]
) -> tuple[RiskFactor, ...]:
    risk_factors = []
    for i, risk in enumerate(entry.get("risk_factors") or []):
        risk_where = f"{where}.risk_factors[{i}]"
        risk_factors.append(
            RiskFactor(
                reader.ref(risk.get("ref"), f"{risk_where}.ref", extra_refs),
                float(reader.need(risk, "weight", risk_where, (int, float))),
                reader.need(risk, "because", risk_where),
                reader.sources(risk, risk_where),
            )
        )
    return tuple(risk_factors)


def _read_links(reader: _Reader, entry: Any, where: str, cause_ids: Collection[str]) -> tuple[Link, ...]:
    """Links to other causes; the target must be a cause of the table."""
    links = []
    for i, link in enumerate(entry.get("links") or []):
        link_where = f"{where}.links[{i}]"
        reader.keys(link, ("cause", "weight", "text", "sources"), link_where)
        target = reader.need(link, "cause", link_where)
        if target not in cause_ids:
            raise TableError(f"{link_where}.cause: unknown cause id '{target}'")
        weight = float(reader.need(link, "weight", link_where, (int, float)))
        links.append(Link(target, weight, reader.need(link, "text", link_where), reader.sources(link, link_where)))
    return tuple(links)


def _read_advice(reader: _Reader, entry: Any, where: str) -> tuple[Fact, ...]:
    return tuple(
        reader.fact(advice, f"{where}.advice[{i}]") for i, advice in enumerate(reader.need(entry, "advice", where, list))
    )


def _read_other_signs(reader: _Reader, entry: Any, where: str) -> dict[str, Fact]:
    """Signs without a contract id: name -> the fact told about them (its text and sources)."""
    signs = {}
    for i, sign in enumerate(entry.get("other_signs") or []):
        sign_where = f"{where}.other_signs[{i}]"
        name = reader.need(sign, "name", sign_where)
        signs[name] = reader.fact({key: value for key, value in sign.items() if key != "name"}, sign_where)
    return signs


def _read_nutrients(raw: dict[str, Any], reader: _Reader, causes: Mapping[str, Cause]) -> dict[str, Nutrient]:
    nutrients = {}
    for nid, entry in reader.need(raw, "nutrients", "cause table", dict).items():
        where = f"nutrients.{nid}"
        if nid not in NUTRIENTS:
            raise TableError(f"{where}: unknown nutrient id '{nid}'")
        cause = reader.need(entry, "cause", where)
        if cause not in causes:
            raise TableError(f"{where}.cause: unknown cause id '{cause}'")
        includes = tuple(entry.get("includes") or ())
        for included in includes:
            if included not in NUTRIENTS:
                raise TableError(f"{where}.includes: unknown nutrient id '{included}'")
        other_sources = tuple(
            reader.fact(other, f"{where}.other_sources[{i}]") for i, other in enumerate(entry.get("other_sources") or [])
        )
        nutrients[nid] = Nutrient(nid, reader.need(entry, "name", where), cause, includes, other_sources)
    return nutrients


def _read_foods(raw: dict[str, Any], reader: _Reader) -> tuple[Food, ...]:
    """Foods, in the table's order; errors name a food by its position and name."""
    foods = []
    for i, entry in enumerate(reader.need(raw, "foods", "cause table", list)):
        name = reader.need(entry, "name", f"foods[{i}]")
        where = f"foods[{i}] ({name})"
        reader.keys(entry, ("name", "aliases", "nutrients", "contains", "note", "fortified", "sources"), where)
        food_nutrients = tuple(entry.get("nutrients") or ())
        if not food_nutrients:
            raise TableError(f"{where}.nutrients: a food needs at least one nutrient")
        for nutrient in food_nutrients:
            if nutrient not in NUTRIENTS:
                raise TableError(f"{where}.nutrients: unknown nutrient id '{nutrient}'")
        contains = tuple(entry.get("contains") or ())
        for group in contains:
            if group not in FOOD_GROUPS:
                raise TableError(f"{where}.contains: unknown food group '{group}'")
        aliases = tuple(entry.get("aliases") or (name,))
        sources = reader.sources(entry, where)
        foods.append(Food(name, aliases, food_nutrients, contains, sources, bool(entry.get("fortified"))))
    return tuple(foods)


def _read_topics(raw: dict[str, Any], reader: _Reader) -> dict[str, Topic]:
    topics = {}
    for tid, entry in (raw.get("topics") or {}).items():
        where = f"topics.{tid}"
        name = reader.need(entry, "name", where)
        aliases = tuple(entry.get("aliases") or ())
        points = tuple(
            reader.fact(point, f"{where}.points[{i}]") for i, point in enumerate(reader.need(entry, "points", where, list))
        )
        topics[tid] = Topic(tid, name, aliases, points)
    return topics


def _read_triage(raw: dict[str, Any], reader: _Reader, extra_refs: Mapping[str, Iterable[str]]) -> tuple[TriageRule, ...]:
    """Triage rules, in the table's order; errors name a rule by its id."""
    rules = []
    for i, rule in enumerate(reader.need(raw, "triage", "cause table", list)):
        rid = reader.need(rule, "id", f"triage[{i}]")
        where = f"triage.{rid}"
        reader.keys(rule, ("id", "level", "all", "any", "min_days", "reason", "action", "sources", "policy"), where)
        level = reader.need(rule, "level", where)
        if level not in LEVELS:
            raise TableError(f"{where}.level: unknown triage level '{level}'")
        all_refs = tuple(reader.ref(ref, f"{where}.all", extra_refs) for ref in rule.get("all") or [])
        any_refs = tuple(reader.ref(ref, f"{where}.any", extra_refs) for ref in rule.get("any") or [])
        min_days = rule.get("min_days")
        if not all_refs and not any_refs and min_days is None:
            raise TableError(f"{where}: a rule needs 'all', 'any' or 'min_days'")
        reason = reader.need(rule, "reason", where)
        action = reader.need(rule, "action", where)
        # a policy row cites the policy; every other rule cites the documents
        sources = () if "policy" in rule and "sources" not in rule else reader.sources(rule, where)
        policy = reader.need(rule, "policy", where) if "policy" in rule else None
        rules.append(TriageRule(rid, level, all_refs, any_refs, min_days, reason, action, sources, policy))
    return tuple(rules)


def _read_levels(raw: dict[str, Any], reader: _Reader) -> dict[str, Level]:
    """The triage levels; each level of the contract must have one."""
    levels = {}
    for lid, entry in reader.need(raw, "levels", "cause table", dict).items():
        if lid not in LEVELS:
            raise TableError(f"levels.{lid}: unknown triage level")
        sources = reader.sources(entry, f"levels.{lid}") if "sources" in entry else ()
        levels[lid] = Level(lid, reader.need(entry, "action", f"levels.{lid}"), entry.get("reason", ""), sources)
    for lid in LEVELS:
        if lid not in levels:
            raise TableError(f"levels: no entry for triage level '{lid}'")
    return levels


def _check_aliases(causes: Mapping[str, Cause], foods: Iterable[Food]) -> None:
    """Final cross-check: no alias names two causes, or two foods."""
    _unique_phrases(((normalise(alias), cid) for cid, cause in causes.items() for alias in cause.aliases), "causes.aliases")
    _unique_phrases(((normalise(alias), food.name) for food in foods for alias in food.aliases), "foods.aliases")


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
        if etype in UNPHRASED_TYPES:
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
    buttons: tuple[dict[str, Any], ...]


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
