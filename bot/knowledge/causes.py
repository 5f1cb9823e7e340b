"""The cause table (`causes.yml`) read and checked section by section into a `KnowledgeBase`.

A broken table fails at load with a `TableError` naming the entry and the field. The ids it
accepts are those of the contract (`contract.py`) plus the project's additions (conditions, diets).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Collection, Iterable, Mapping

from bot.knowledge.contract import CAUSES, ENTITY_VALUES, LEVELS, NUTRIENTS
from bot.knowledge.entries import (
    Advice,
    Cause,
    Condition,
    Diet,
    Fact,
    Food,
    KnowledgeBase,
    Level,
    Lexicon,
    Link,
    Nutrient,
    RiskFactor,
    Symptom,
    Topic,
    TriageRule,
)
from bot.knowledge.lexicon import parse_lexicon
from bot.knowledge.reader import Reader, TableError, normalise, unique_phrases

TABLE_PATH = Path(__file__).resolve().parent / "causes.yml"

FOOD_GROUPS = ("meat", "fish", "dairy", "eggs")
CAUSE_FIELDS = (
    "name", "medical_name", "nutrient", "prior", "aliases", "summary", "mechanism",
    "symptoms", "risk_factors", "links", "advice", "other_signs",
)  # fmt: skip


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


def _read_documents(raw: dict[str, Any]) -> Reader:
    """The documents (every title first, then every section map); a reader that resolves sources against them."""
    documents_raw = Reader.need(raw, "documents", "cause table", dict)
    titles = {key: Reader.need(doc, "title", f"documents.{key}") for key, doc in documents_raw.items()}
    sections = {key: Reader.need(doc, "sections", f"documents.{key}", dict) for key, doc in documents_raw.items()}
    return Reader(titles, sections)


def _read_conditions(raw: dict[str, Any], reader: Reader) -> dict[str, Condition]:
    return {
        key: Condition(key, reader.need(entry, "name", f"conditions.{key}"), tuple(entry.get("aliases", ())))
        for key, entry in (raw.get("conditions") or {}).items()
    }


def _read_diets(raw: dict[str, Any], reader: Reader) -> dict[str, Diet]:
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


def _read_causes(raw: dict[str, Any], reader: Reader, extra_refs: Mapping[str, Iterable[str]]) -> dict[str, Cause]:
    """Every cause, in the table's order; each contract cause must have one."""
    causes_raw = reader.need(raw, "causes", "cause table", dict)
    causes = {cid: _read_cause(reader, cid, entry, extra_refs, causes_raw.keys()) for cid, entry in causes_raw.items()}
    missing = [cid for cid in CAUSES if cid not in causes]
    if missing:
        raise TableError(f"causes: no entry for contract cause(s) {', '.join(missing)}")
    return causes


def _read_cause(
    reader: Reader, cid: str, entry: Any, extra_refs: Mapping[str, Iterable[str]], cause_ids: Collection[str]
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


def _check_item_fields(reader: Reader, items: Iterable[Any], allowed: Iterable[str], where: str) -> None:
    """Each item of a list has only the allowed fields; `where[i]` names the first that does not."""
    for i, item in enumerate(items):
        reader.keys(item, allowed, f"{where}[{i}]")


def _read_symptoms(reader: Reader, entry: Any, where: str, extra_refs: Mapping[str, Iterable[str]]) -> tuple[Symptom, ...]:
    return tuple(
        Symptom(
            reader.ref(symptom.get("ref"), f"{where}.symptoms[{i}].ref", extra_refs),
            reader.sources(symptom, f"{where}.symptoms[{i}]"),
        )
        for i, symptom in enumerate(reader.need(entry, "symptoms", where, list))
    )


def _read_risk_factors(reader: Reader, entry: Any, where: str, extra_refs: Mapping[str, Iterable[str]]) -> tuple[RiskFactor, ...]:
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


def _read_links(reader: Reader, entry: Any, where: str, cause_ids: Collection[str]) -> tuple[Link, ...]:
    """Links to other causes; the target must be a cause of the table."""
    links = []
    for i, link in enumerate(entry.get("links") or []):
        link_where = f"{where}.links[{i}]"
        reader.keys(link, ("cause", "weight", "text", "sources", "when"), link_where)
        target = reader.need(link, "cause", link_where)
        if target not in cause_ids:
            raise TableError(f"{link_where}.cause: unknown cause id '{target}'")
        weight = float(reader.need(link, "weight", link_where, (int, float)))
        when = str(reader.ref(link["when"], f"{link_where}.when", {})) if link.get("when") is not None else None
        links.append(Link(target, weight, reader.need(link, "text", link_where), reader.sources(link, link_where), when))
    return tuple(links)


def _read_advice(reader: Reader, entry: Any, where: str) -> tuple[Advice, ...]:
    """Each advice, and the fact it is for when it names one (`when`); one must be for anyone."""
    out = []
    for i, item in enumerate(reader.need(entry, "advice", where, list)):
        item_where = f"{where}.advice[{i}]"
        when = item.get("when") if isinstance(item, dict) else None
        if when is not None:
            reader.ref(when, f"{item_where}.when", {})
        fact = reader.fact({k: v for k, v in item.items() if k != "when"} if isinstance(item, dict) else item, item_where)
        out.append(Advice(fact.text, fact.sources, when))
    if out and all(a.when is not None for a in out):
        raise TableError(f"{where}.advice: one advice must be for anyone (no `when`)")
    return tuple(out)


def _read_other_signs(reader: Reader, entry: Any, where: str) -> dict[str, Fact]:
    """Signs without a contract id: name -> the fact told about them (its text and sources)."""
    signs = {}
    for i, sign in enumerate(entry.get("other_signs") or []):
        sign_where = f"{where}.other_signs[{i}]"
        name = reader.need(sign, "name", sign_where)
        signs[name] = reader.fact({key: value for key, value in sign.items() if key != "name"}, sign_where)
    return signs


def _read_nutrients(raw: dict[str, Any], reader: Reader, causes: Mapping[str, Cause]) -> dict[str, Nutrient]:
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


def _read_foods(raw: dict[str, Any], reader: Reader) -> tuple[Food, ...]:
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


def _read_topics(raw: dict[str, Any], reader: Reader) -> dict[str, Topic]:
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


def _read_triage(raw: dict[str, Any], reader: Reader, extra_refs: Mapping[str, Iterable[str]]) -> tuple[TriageRule, ...]:
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


def _read_levels(raw: dict[str, Any], reader: Reader) -> dict[str, Level]:
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
    unique_phrases(((normalise(alias), cid) for cid, cause in causes.items() for alias in cause.aliases), "causes.aliases")
    unique_phrases(((normalise(alias), food.name) for food in foods for alias in food.aliases), "foods.aliases")
