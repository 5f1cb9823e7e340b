"""Coverage audit: does the cause table cover everything a source document names?

Reads documents of the seeds' shape (a title line, heading lines, paragraphs, markdown
tables, "- Label: text" bullets) and reports every table row, symptom, food, risk factor
and named trigger the cause table does not cover:

- unresolved: a term that no cause, food, topic, condition, lexicon phrase or other sign
  of the table names;
- unlinked: a term that resolves, but is not attached to the cause its row or sentence is
  about (a symptom missing from the cause's symptoms, a food not supplying its nutrient).

Usage: python -m evaluation.audit DOCUMENT [DOCUMENT ...]   (exit 1 on any gap)
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.knowledge.table import KnowledgeBase, default_kb, normalise

# Words introducing a list of triggers or signs in prose, and the list that follows.
LIST_CUES = re.compile(
    r"\b(?:can result from|result from|(?:causes|triggers|signs|symptoms) of [\w\s]+? include|triggers include|"
    r"(?:symptoms|signs|movements),? including|such as|like|(?:fluid|water) through|manifesting as|"
    r"cause of|causing)\s+(?P<items>[^.;:]+)",
    re.IGNORECASE,
)
# A list ends at a clause that is not part of it.
LIST_END = re.compile(
    r"\s*(?:,\s*(?:which|can|causing|as|leading|often|particularly|while|consulting)\b|"
    r"\s(?:are|is|can|may|to|as the|the concentration)\s).*$",
    re.I,
)
FILLER = re.compile(
    r"^(?:and|or|a|an|the|certain|other|some|many|conditions causing|varies by medication;?\s*may include)\s+", re.I
)


@dataclass
class Document:
    title: str
    sections: list[tuple[str, list[str]]] = field(default_factory=list)  # heading, lines


@dataclass(frozen=True)
class Gap:
    document: str
    section: str
    term: str
    problem: str

    def __str__(self) -> str:
        return f"{self.document} / {self.section}: '{self.term}' {self.problem}"


def parse_document(text: str) -> Document:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        raise ValueError("empty document")
    doc = Document(lines[0])
    current: tuple[str, list[str]] = (lines[0], [])
    doc.sections.append(current)
    for line in lines[1:]:
        if is_heading(line):
            current = (line, [])
            doc.sections.append(current)
        else:
            current[1].append(line)
    return doc


def is_heading(line: str) -> bool:
    return (
        len(line) <= 90
        and not line.startswith(("|", "- ", "* "))
        and not line.endswith((".", ":", "?", "!", ","))
        and line[:1].isupper()
    )


def split_items(text: str) -> list[str]:
    text = re.sub(r"\([^)]*\)", "", text)  # "(severe)", "(Type II)"
    text = LIST_END.sub("", text)
    parts = re.split(r",\s*|\s+and\s+|\s+or\s+|/", text)
    out = []
    for part in parts:
        item = part.strip(" .")
        while True:
            stripped = FILLER.sub("", item)
            if stripped == item:
                break
            item = stripped
        if item:
            out.append(item)
    return out


class Resolver:
    """Maps a term of a document to what the table knows."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.refs: dict[str, str] = {p: f"{t}:{v}" for p, (t, v) in kb.lexicon.lookup().items()}
        for cid, cond in kb.conditions.items():
            for alias in (*cond.aliases, cond.name):
                self.refs[normalise(alias)] = f"condition:{cid}"
        self.causes = {normalise(a): cid for cid, c in kb.causes.items() for a in (*c.aliases, c.name, c.medical_name)}
        self.nutrients = {normalise(n.name): nid for nid, n in kb.nutrients.items()}
        self.foods = {normalise(a): i for i, f in enumerate(kb.foods) for a in (*f.aliases, f.name)}
        self.topics = {normalise(a): tid for tid, t in kb.topics.items() for a in (*t.aliases, t.name)}
        self.others = {normalise(o): cid for cid, c in kb.causes.items() for o in c.other_signs}
        facts = [f for c in kb.causes.values() for f in (c.summary, c.mechanism, *c.advice, *c.other_signs.values())]
        facts += [p for t in kb.topics.values() for p in t.points]
        self.text = " " + " ".join(normalise(re.sub(r"[^\w\s'-]", " ", f.text)) for f in facts) + " "

    @staticmethod
    def _longest(table: Mapping[str, object], term: str) -> str | None:
        words = normalise(re.sub(r"[^\w\s'-]", " ", term)).split()
        for size in range(len(words), 0, -1):
            for start in range(len(words) - size + 1):
                phrase = " ".join(words[start : start + size])
                if phrase in table:
                    return phrase
        return None

    def ref(self, term: str) -> str | None:
        hit = self._longest(self.refs, term)
        return self.refs[hit] if hit else None

    def cause(self, term: str) -> str | None:
        hit = self._longest(self.causes, re.sub(r"\b(deficiency|deficiencies)\b", "", term, flags=re.I)) or self._longest(
            self.causes, term
        )
        if hit:
            return self.causes[hit]
        nut = self._longest(self.nutrients, term)
        return self.kb.nutrients[self.nutrients[nut]].cause if nut else None

    def food(self, term: str) -> int | None:
        hit = self._longest(self.foods, term)
        return self.foods[hit] if hit else None

    def topic(self, term: str) -> str | None:
        hit = self._longest(self.topics, term)
        return self.topics[hit] if hit else None

    def other(self, term: str) -> str | None:
        hit = self._longest(self.others, term)
        return self.others[hit] if hit else None


class Auditor:
    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.r = Resolver(kb)

    def in_text(self, term: str) -> bool:
        """The table's own text names the term (advice such as "meditation" or "yoga")."""
        return f" {normalise(term)} " in self.r.text

    def covered_refs(self, cid: str) -> set[str]:
        cause = self.kb.causes[cid]
        refs = {str(s.ref) for s in cause.symptoms} | {str(f.ref) for f in cause.risk_factors}
        return refs | {"symptom:twitching"}  # every cause is a cause of twitching

    def check_sign(self, term: str, cid: str | None, where: tuple[str, str], gaps: list[Gap], role: str) -> None:
        ref = self.r.ref(term)
        if ref is None:
            if self.r.other(term) or self.r.food(term) or self.r.topic(term) or self.r.cause(term) or self.in_text(term):
                return
            gaps.append(Gap(*where, term, f"({role}) is not in the cause table or the lexicon"))
        elif ref.startswith(("nutrient:", "body_part:")):
            return  # a nutrient names a cause of the table; a body part is where, not what
        elif cid and ref not in self.covered_refs(cid):
            gaps.append(Gap(*where, term, f"({role}, {ref}) is not listed under {cid}"))

    def check_food(self, term: str, cid: str | None, where: tuple[str, str], gaps: list[Gap]) -> None:
        index = self.r.food(term)
        if index is None:
            if self.r.topic(term):  # "sunlight exposure" is a source of vitamin D, not a food
                return
            gaps.append(Gap(*where, term, "(food) is not in the cause table"))
            return
        nutrient = self.kb.causes[cid].nutrient if cid else None
        if nutrient and nutrient not in self.kb.foods[index].nutrients:
            gaps.append(Gap(*where, term, f"(food) is not listed as a source of {nutrient}"))

    def audit_table(self, rows: list[list[str]], where: tuple[str, str], gaps: list[Gap]) -> None:
        header = [h.lower() for h in rows[0]]
        for row in rows[1:]:
            if not row or not row[0]:
                continue
            cid = self.r.cause(row[0])
            if cid is None:
                gaps.append(Gap(*where, row[0], "(table row) matches no cause of the table"))
                continue
            for name, cell in zip(header[1:], row[1:], strict=False):
                if "symptom" in name:
                    for item in split_items(cell):
                        self.check_sign(item, cid, where, gaps, "symptom")
                elif "source" in name or "dietary" in name or "food" in name:
                    for item in split_items(cell):
                        self.check_food(item, cid, where, gaps)

    def audit_bullet(self, line: str, where: tuple[str, str], gaps: list[Gap]) -> None:
        label, _, rest = line[2:].partition(":")
        if not rest:
            return
        food = self.r.food(label)
        if not (self.r.cause(label) or food is not None or self.r.topic(label)):
            gaps.append(Gap(*where, label.strip(), "(list item) matches no cause, food or topic of the table"))
        if food is not None:
            first = re.split(r"\s+(?:are|is|contain|exposed)\b", rest.strip(), maxsplit=1)[0]
            for item in split_items(first):
                if len(item.split()) <= 3:
                    self.check_food(item, None, where, gaps)
        self.audit_prose(rest, self.r.cause(label), where, gaps)

    def audit_prose(self, text: str, context: str | None, where: tuple[str, str], gaps: list[Gap]) -> None:
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            cid = self.r.cause(sentence.split(",")[0]) or context
            for match in LIST_CUES.finditer(sentence):
                for item in split_items(match.group("items")):
                    if len(item.split()) > 5:
                        continue  # a clause, not a named term
                    self.check_sign(item, cid, where, gaps, "trigger or sign")

    def audit(self, doc: Document) -> list[Gap]:
        gaps: list[Gap] = []
        for heading, lines in doc.sections:
            where = (doc.title, heading)
            context = self.r.cause(heading)
            i = 0
            while i < len(lines):
                line = lines[i]
                if line.startswith("|"):
                    block = []
                    while i < len(lines) and lines[i].startswith("|"):
                        cells = [c.strip() for c in lines[i].strip("|").split("|")]
                        if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                            block.append(cells)
                        i += 1
                    self.audit_table(block, where, gaps)
                    continue
                if line.startswith("- "):
                    self.audit_bullet(line, where, gaps)
                else:
                    self.audit_prose(line, context, where, gaps)
                i += 1
        return gaps


def audit_files(paths: list[Path], kb: KnowledgeBase | None = None) -> list[Gap]:
    auditor = Auditor(kb or default_kb())
    gaps: list[Gap] = []
    for path in paths:
        gaps.extend(auditor.audit(parse_document(path.read_text(encoding="utf-8", errors="replace"))))
    return gaps


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if not args:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    paths: list[Path] = []
    for arg in args:
        p = Path(arg)
        paths.extend(sorted(p.glob("*.txt")) if p.is_dir() else [p])
    missing = [p for p in paths if not p.is_file()]
    if missing or not paths:
        print(f"audit: no such document: {', '.join(map(str, missing)) or args}", file=sys.stderr)
        return 2
    gaps = audit_files(paths)
    for gap in gaps:
        print(f"gap: {gap}")
    print(f"audit: {len(paths)} document(s), {len(gaps)} gap(s)")
    return 1 if gaps else 0


if __name__ == "__main__":
    sys.exit(main())
