"""Reading the knowledge files: field access that names the entry and the field on every error.

Every reader of `causes.yml`, `lexicon.yml` and `interview.yml` goes through `Reader`, so a
broken file fails at load with a `TableError` that says where, instead of a KeyError later.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Mapping

from bot.knowledge.contract import ENTITY_VALUES
from bot.knowledge.entries import Fact, Ref, Source

REF_TYPES = ("symptom", "lifestyle_factor", "medication", "diet", "condition", "person", "onset")


class TableError(ValueError):
    """The cause table or the lexicon is broken; the message names the entry and field."""


class Reader:
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
            raise TableError(f"{where}.{key}: expected {kind_name(kind)}, got {type(value).__name__}")
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


def kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join({"str": "text", "list": "a list", "dict": "a mapping"}.get(k.__name__, k.__name__) for k in kinds)


def unique_phrases(pairs: Iterable[tuple[str, str]], what: str) -> None:
    """Fail when one phrase points to two different ids."""
    owner: dict[str, str] = {}
    for phrase, ident in pairs:
        key = normalise(phrase)
        if key in owner and owner[key] != ident:
            raise TableError(f"{what}: the phrase '{phrase}' points to both '{owner[key]}' and '{ident}'")
        owner[key] = ident


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())
