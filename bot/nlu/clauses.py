"""A message cut into the clauses the sentence classifier reads, and the units it is read in.

People pack several things into one message ("no chest pain, but my calf twitches and I can't
swallow properly"); a meaning read over the whole message is pulled towards whatever takes most
of it (the twitching), so each clause is read on its own. A situation can also take two clauses
("I stopped drinking on Friday, and now my hands won't stop shaking"), so each pair of
neighbouring clauses is read too, and the whole message once (its intent).

Grammar only: sentence ends, and commas or conjunctions that start a new clause. A comma inside
a list ("my arms, legs and back") does not cut; "and" cuts only before a new subject or a
clause word ("and now", "and I"), not between two things ("shaking and sweating").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at these (a newline too: people write one thought per line).
_SENTENCE_END = re.compile(r"[.!?;]+(?=\s|$)|\n+|\s+-\s+")
# Words that start a clause after a comma, or after "and"/"or".
CLAUSE_STARTS = frozenset(
    """
    i im i'm ive i've id i'd ill i'll me my mine he he's hes she she's shes it it's its they they're theyre
    we we're were you your his her their our this that that's thats these those there there's theres here's heres
    now then also plus so still
    no not never nothing none but because since after before while when whenever although though
    which who whoever what how why where especially sometimes today yesterday tonight lately recently suddenly
    last earlier afterwards
    didnt didn't couldnt couldn't wasnt wasn't werent weren't cant can't dont don't doesnt doesn't wont won't
    isnt isn't havent haven't hasnt hasn't
    the a an
    """.split()
)
# Words that always start a new clause, wherever they stand.
CLAUSE_WORDS = frozenset({"but", "however", "although", "though", "because", "cuz", "coz", "whereas", "except", "yet"})
# "and"/"or" start a new clause before one of CLAUSE_STARTS (other than the articles: "and a
# headache" is one more thing, not a new clause).
_AFTER_AND = (CLAUSE_STARTS - {"the", "a", "an"}) | {"for", "over", "during"}  # "and for the last half hour it ..."
# A question run on after a statement with no mark between ("my foot twitches is that normal",
# "3 weeks now should i see someone"): an auxiliary then its subject starts a new clause, unless
# the words before make it part of one ("what is it", "if it is", "how long do i wait").
_INVERTED = frozenset("is are am was could can should will would does do did might may".split())
_SUBJECTS = frozenset("it this that these those i there he she they we you my".split())
_NOT_BEFORE_INVERSION = frozenset(
    """
    what whats how why when where who which whether if than that so and or but not , the a an
    is are am was were be been could can should will would does do did might may must
    thing problem issue question point reason worst best fact truth only all here there
    know say said says think guess mean feel
    """.split()
)
_WH = frozenset({"what", "whats", "how", "why", "when", "where", "who", "which", "whether", "if"})
_WORD = re.compile(r"[\w']+|[^\w\s]")
MAX_UNITS = 64  # a very long message: its clauses first, then as many pairs as fit


@dataclass(frozen=True)
class Unit:
    """A stretch of the message the classifier reads: a clause, two neighbouring clauses, or all."""

    start: int  # character offsets in the text
    end: int
    kind: str  # "clause", "pair" or "message"


def clauses(text: str) -> list[tuple[int, int]]:
    """Character spans of the clauses of `text`, in order, without their edge punctuation."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        spans.extend(_cut(text, start, match.start()))
        start = match.end()
    spans.extend(_cut(text, start, len(text)))
    return [s for s in spans if _has_word(text[s[0] : s[1]])]


def _cut(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of one sentence: cut before a clause word, after a comma that is followed by
    a clause start, and at "and"/"or" followed by a new subject."""
    tokens = [(m.start() + start, m.end() + start, m.group().lower()) for m in _WORD.finditer(text[start:end])]
    cuts = [start]
    for i, (t_start, _, word) in enumerate(tokens):
        following = tokens[i + 1][2] if i + 1 < len(tokens) else ""
        if i and word in CLAUSE_WORDS and tokens[i - 1][2] not in {",", "and"}:
            cuts.append(t_start)
        elif word == "," and following in CLAUSE_STARTS | CLAUSE_WORDS:
            cuts.append(tokens[i + 1][0])
        elif word in ("and", "or") and i and following in _AFTER_AND:
            cuts.append(t_start)
        elif i >= 2 and _run_on_question(tokens, i):
            cuts.append(t_start)
    cuts.append(end)
    spans = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        a, b = _trim(text, a, b)
        if a < b:
            spans.append((a, b))
    return spans


def _run_on_question(tokens: list[tuple[int, int, str]], i: int) -> bool:
    """Token `i` starts a question run on after a statement: "... twitching is that normal"."""
    word, following = tokens[i][2], tokens[i + 1][2] if i + 1 < len(tokens) else ""
    if word not in _INVERTED or following not in _SUBJECTS:
        return False
    if (following == "i" and word in {"is", "are", "was", "does"}) or (word == "am" and following != "i"):
        return False  # "is i" asks nothing; "am" asks only of "i"
    before = [t[2] for t in tokens[max(0, i - 3) : i]]
    return before[-1] not in _NOT_BEFORE_INVERSION and not set(before) & _WH


_JOINING = re.compile(r"(?:and|or|so|then|plus|also|&)\s+(?=\w)", re.I)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def _has_word(span: str) -> bool:
    return any(ch.isalnum() for ch in span)


def units(text: str) -> list[Unit]:
    """What the classifier reads: the whole message, each clause, and each pair of neighbouring
    clauses (when there are three or more: with two, the pair is the message). Identical spans
    once; a message too long for MAX_UNITS keeps its clauses and the first pairs."""
    spans = clauses(text)
    whole = _trim(text, 0, len(text))
    out = [Unit(*whole, "message")] if _has_word(text) else []
    if len(spans) > 1:  # one clause is the message itself ("is it serious?" with or without its mark)
        # a clause is read without the word that joined it on: "and I can't catch my breath" read
        # 0.22 for trouble breathing, "I can't catch my breath" 0.89
        spans = [(a + len(j.group()) if (j := _JOINING.match(text, a, b)) else a, b) for a, b in spans]
        out += [Unit(a, b, "clause") for a, b in spans]
    if len(spans) >= 3:
        out += [Unit(spans[i][0], spans[i + 1][1], "pair") for i in range(len(spans) - 1)]
    return out[:MAX_UNITS]
