"""Who the message is about: a parent asking about their child.

The triage policy sends a child to a doctor and the source documents are about adults, so
the bot must notice "my 7-year-old", "my son keeps twitching" or "our daughter (9)". An
age of 18 or more said right after ("my son is 25", "my daughter, 19,") is an adult child.
Plain regular expressions over the normalised text: no model, no lexicon entry to train.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ADULT_AGE = 18

_NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
_AGE = rf"(?:\d{{1,2}}|{_NUMBER_WORDS})"
_CHILD_WORDS = (
    r"son|sons|daughter|daughters|kid|kids|child|children|boy|girl|baby|babies|toddler|infant|newborn|"
    r"teen|teenager|stepson|stepdaughter|little one|youngest|eldest|oldest"
)
# "my son", "our little girl", "my 7 year old son", "my 7-year-old", "my 14yo"
CHILD = re.compile(
    rf"\b(?:my|our)\s+(?:(?:little|young|baby|teenage|toddler|youngest|eldest|oldest|two|three)\s+)?"
    rf"(?:(?P<age>{_AGE})[\s-]*(?:years?|yrs?|yr|months?|mo|weeks?)?[\s-]*(?:old|yo)\b(?:[\s-]*(?:{_CHILD_WORDS}))?"
    rf"|(?:{_CHILD_WORDS}))\b",
    re.IGNORECASE,
)
# An age said right after the child word: "is 25", ", 25,", "(25)", "who is 30", "aged 19"
_AGE_AFTER = re.compile(r"^\W{0,3}(?:\(|,|who\s+is|is|aged|age)?\s*(?P<age>\d{1,3})\b", re.IGNORECASE)
_WORD_NUMBERS = {w: i for i, w in enumerate(_NUMBER_WORDS.split("|"), 1)}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int


def _age(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return _WORD_NUMBERS.get(text.lower())


# Someone young only by the age said with them: "my grandson is 9", "my niece (5)", "my brother, 12,".
YOUNG_RELATIVE = re.compile(
    r"\b(?:my|our)\s+(?:grandson|granddaughter|grandchild|grandkid|niece|nephew|brother|sister|cousin|"
    r"little\s+(?:brother|sister|cousin)|pupil|student|friend'?s\s+(?:son|daughter|kid|child|boy|girl))\b",
    re.IGNORECASE,
)
# A baby or a little one, whoever's: "the baby keeps twitching".
BABY = re.compile(r"\b(?:the|our|my)\s+(?:baby|newborn|infant|toddler|little\s+one)\b", re.IGNORECASE)


# A child the writer feeds, looks after or has just had, named as such: "breastfeeding my 4 month old", "mum of a
# toddler", "had my baby 3 weeks ago".
# The writer's own context (the policy's breastfeeding row), not the one with the symptoms.
_CARED_FOR = re.compile(
    r"\b(?:breast\s*-?\s*feeding|nursing|feeding|pumping\s+for|(?:mum|mom|mother|mummy|mommy|parent)\s+(?:of|to)|"
    r"looking\s+after|caring\s+for|up\s+all\s+night\s+with|pregnant\s+with|"
    # a birth: "had my baby 3 weeks ago", "since having my son", "gave birth to my daughter" (round 34 c17: the
    # mother's eyelid read as the baby's)
    r"(?:^|[.!?,;]\s*|\b(?:i|we|i'?ve|just|since|after|before|recently)\s+)(?:had|having)|delivered|birth\s+to)\s+(?:a\s+|an\s+)?$",
    re.IGNORECASE,
)
# what follows "had my son ..." when it is not a birth: "we had our daughter checked", "had my son seen by the GP"
_HAD_DONE = re.compile(
    r"^\s+(?:\w+\s+)?(?:checked|seen|looked|tested|examined|assessed|scanned|x-?rayed|admitted|referred|at|to)\b"
)
_HAD = re.compile(r"\b(?:had|having)\s+(?:a\s+|an\s+)?$", re.IGNORECASE)


def _cared_for(text: str, start: int, end: int) -> bool:
    if _HAD.search(text[:start]) and _HAD_DONE.match(text[end:]):
        return False
    return _CARED_FOR.search(text[:start]) is not None


def children(text: str) -> list[Mention]:
    """Where the message speaks of a child: the writer's own (not an adult son or daughter),
    a baby, or a relative said to be under 18; not a child the writer feeds or looks after."""
    out = [Mention(m.start(), m.end()) for m in BABY.finditer(text) if not _cared_for(text, m.start(), m.end())]
    for match in YOUNG_RELATIVE.finditer(text):
        after = _AGE_AFTER.match(text[match.end() : match.end() + 16])
        if after and int(after.group("age")) < ADULT_AGE:
            out.append(Mention(match.start(), match.end()))
    for match in CHILD.finditer(text):
        said = match.group(0).strip()
        age = _said_age(text, match)
        if age is not None and "month" not in said.lower() and age >= ADULT_AGE:
            continue
        if age is None and _speaks_of_the_writer(text[match.end() : match.end() + 80]):
            continue  # "my son looked it up and says it's ALS": the son speaks, the writer is the patient
        if _cared_for(text, match.start(), match.end()):
            continue  # "breastfeeding my 4 month old. twitchy eyelid": the writer's eyelid
        out.append(Mention(match.start(), match.start() + len(said)))
    return sorted({m.start: m for m in out}.values(), key=lambda m: m.start)  # "my toddler" found twice: once


# The writer says they are under 18: "I'm 16", "im only 15 and...", "16 yo here", "as a 14 year old".
# Not a count of something else ("I'm 16 weeks pregnant", "I'm 12 hours into a fast").
_NOT_AN_AGE = (
    r"(?!\s*(?:weeks?|wks?|w\b|days?|months?|hours?|hrs?|mins?|minutes?|cups?|cans?|coffees?|shots?|%|kg|lbs?|"
    r"stone|st\b|miles?|km|k\b|times?|x\b|mg|ml|pm|am|o'?clock|:|\.\d|,\d|/))"
)
_YOUNG = r"(?:1[0-7]|[89]|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)"
YOUNG_WRITER = re.compile(
    rf"\b(?:i'?m|i\s+am|im)\s+(?:only\s+|just\s+)?(?:a\s+)?{_YOUNG}(?:\s*(?:years?|yrs?)[\s-]*old|\s*yo|\s*y/o|[mf]\b)?\b{_NOT_AN_AGE}"
    rf"|\b{_YOUNG}\s*(?:years?[\s-]*old|yo|y/o|[mf])\s+(?:here|btw)\b"
    rf"|\bas\s+an?\s+{_YOUNG}[\s-]*(?:years?|yr)[\s-]*old\b",
    re.IGNORECASE,
)


def _first(pattern: re.Pattern[str], text: str) -> Mention | None:
    match = pattern.search(text)
    return Mention(match.start(), match.end()) if match else None


def young_writer(text: str) -> Mention | None:
    """Where the writer says they are under 18, if they do."""
    return _first(YOUNG_WRITER, text)


# The writer says they are an adult: "I'm 31", "I, a 31 year old woman", "31F here", "I AM THE ADULT".
_ADULT = r"(?:1[89]|[2-9]\d)"
ADULT_WRITER = re.compile(
    rf"\b(?:i'?m|i\s+am|im|i,)\s+(?:a\s+)?{_ADULT}(?:\s*(?:years?|yrs?)[\s-]*old|\s*yo|[mf])?\b{_NOT_AN_AGE}"
    rf"|\b{_ADULT}\s*(?:[mf]|yo|y/o|years?[\s-]*old)\s+(?:here|btw|woman|man|female|male|mum|mom|dad|mother|father)\b"
    r"|\bi\s+am\s+the\s+(?:adult|mum|mom|mother|parent)\b|\b(?:it'?s|its|it\s+is)\s+me\b[^.!?]{0,30}\bnot\s+(?:the|my)\s+"
    r"(?:baby|child|kid|son|daughter)\b",
    re.IGNORECASE,
)


# The one asked about said to be an adult after all: "shes 19 not 9!!", "he's 25 actually", "sorry, she's an adult"
# (round 33 c07: a daughter of 19, typed as 9, stayed a child through two corrections)
ADULT_OTHER = re.compile(
    rf"\b(?:she'?s|shes|he'?s|hes|she\s+is|he\s+is|they'?re|theyre|they\s+are)\s+(?:actually\s+|really\s+|an?\s+adult,?\s+)?"
    rf"{_ADULT}\b(?!\s*(?:weeks?|wks?|months?|days?|kg|kgs|lbs?|stone|%|cm|mg|hours?|minutes?|mins?|times?|x)\b)"
    r"|\b(?:she'?s|shes|he'?s|hes|she\s+is|he\s+is|they'?re|theyre|they\s+are)\s+(?:actually\s+)?(?:an?\s+)?"
    r"(?:adult|grown[\s-]?up|grown\s+woman|grown\s+man)\b",
    re.IGNORECASE,
)


def adult_other(text: str) -> Mention | None:
    """Where the person asked about is said to be an adult, if they are."""
    return _first(ADULT_OTHER, text)


def adult_writer(text: str) -> Mention | None:
    """Where the writer says they are an adult, or that it is them and not the child, if they do."""
    return _first(ADULT_WRITER, text)


_CHILDS_OWN = frozenset({"his", "her", "he", "she", "he's", "she's", "hes", "shes", "their", "they"})
_WRITERS_OWN = frozenset({"my", "me", "i", "i'm", "im", "mine", "myself"})


def _speaks_of_the_writer(after: str) -> bool:
    """The child speaks, searches or notices, and what follows is about the writer ("says my
    twitching is nothing", "looked it up"), not about the child ("says his leg keeps jumping")."""
    if not _SPEAKS.match(after):
        return False
    words = re.findall(r"[\w']+", after.lower())
    theirs = next((i for i, w in enumerate(words) if w in _CHILDS_OWN), None)
    mine = next((i for i, w in enumerate(words) if w in _WRITERS_OWN), None)
    return theirs is None or mine is not None and mine < theirs


# The child said to speak, search, think or take the writer somewhere: someone beside the patient.
_SPEAKS = re.compile(
    r"^\W{0,3}(?:(?:has|had|just|also|then|even|keeps|kept)\s+)?(?:says|said|thinks|thought|told|tells|reckons|googled|"
    r"looked|read|found|searched|insists|insisted|wants|wanted|made\s+me|drove|drives|took\s+me|takes\s+me|is\s+worried\s+about\s+me|"
    r"is\s+a\s+(?:nurse|doctor|paramedic|pharmacist)|works|helped|helps|noticed\s+(?:my|that\s+i|i)|"
    # something done to the writer: "my daughter is shaking me", "my son found me on the floor" (round 38 c17)
    r"(?:is\s+|was\s+|were\s+|had\s+been\s+)?(?:shaking|shook|holding|held|calling|called|found|finding|woke|waking|"
    r"helping|lifting|lifted|carrying|carried|pulling|pulled|hugging|rubbing)\s+me|"
    # getting help for the one with the symptoms: "my son is calling 911", "my daughter's on the phone to the ambulance"
    # (round 42 c03: a wife telling of her husband's stroke was answered as asking about her child)
    r"(?:is\s+|'s\s+|was\s+|has\s+|just\s+)?(?:calling|called|ringing|rang|rung|phoning|phoned|dialling|dialing|dialled|dialed|"
    r"on\s+the\s+phone\s+(?:to|with))\s+(?:for\s+)?(?:911|999|112|111|000|an?\s+ambulance|the\s+(?:ambulance|paramedics|"
    r"doctor|gp|hospital|surgery|er|emergency)|emergency|someone|help))\b",
    re.IGNORECASE,
)


# -- another person's past -------------------------------------------------------------------
# "My grandad had a stroke in 2009, he couldn't talk for weeks": a relative's history, told beside
# the writer's twitching, is not a sign in front of anyone now. A clause is about another
# person's distant past when its sentence is about someone else (a pronoun or "my <relative>"
# owns the clause, or the clause before it) and says when, long ago; a clause the writer owns
# ("I", "me", "my hand") or that says now ("now", "today", "this morning") is not.
_RELATIVES = (
    "mum mom mother mam ma dad father pa grandad grandpa grandfather grandma grandmother gran nan nana granny "
    "husband hubby wife partner boyfriend girlfriend fiance fiancee son daughter brother sister bro sis uncle "
    "aunt auntie cousin nephew niece friend mate neighbour neighbor colleague coworker boss stepdad stepmom "
    "stepmum grandparents parents"
).split()
_OTHERS = frozenset({"he", "she", "they", "his", "her", "him", "them", "hes", "shes", "he's", "she's", "their"})
_WRITER = frozenset({"i", "im", "i'm", "ive", "i've", "id", "i'd", "me", "myself", "ill", "i'll"})
_PRESENT = frozenset(
    "now today tonight currently right just morning hour hours minutes again still yesterday week is isn't cant can't "
    "keeps has hasn't".split()
)
_LONG_AGO = frozenset("died passed late funeral decade decades years childhood growing kid young younger used back".split())
_CLAUSE_CUTS = frozenset({",", ";", "and", "but", "so", "because", "though", "although", "which", "when", "while"})
_TOKEN = re.compile(r"[\w']+|[.!?;,]")
_YEAR = re.compile(r"^(19|20)\d\d$")


def others_past(text: str, this_year: int | None = None) -> list[tuple[int, int]]:
    """Character spans of the clauses that tell another person's distant past (see above)."""
    from datetime import date

    this_year = this_year or date.today().year
    tokens = [(m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(text)]
    spans: list[tuple[int, int]] = []
    sentence: list[tuple[int, int, str]] = []
    for token in [*tokens, (len(text), len(text), ".")]:
        if token[2] in {".", "!", "?"}:
            spans += _past_clauses(sentence, this_year)
            sentence = []
        else:
            sentence.append(token)
    return spans


def _long_ago(words: list[str], this_year: int) -> bool:
    for i, word in enumerate(words):
        if word in _LONG_AGO or (word == "last" and words[i + 1 : i + 2] == ["year"]):
            return True
        if _YEAR.match(word) and int(word) < this_year:
            return True
        if word == "ago" and set(words[max(0, i - 3) : i]) & {"years", "year", "months", "decades"}:
            return True
        if word == "was" and words[i - 1 : i] and words[i - 1] in _OTHERS and _WAS_SMALL.match(" ".join(words[i + 1 : i + 3])):
            return True  # "my son had a seizure when he was 3", "when she was a baby"
    return False


_WAS_SMALL = re.compile(r"(?:\d{1,2}\b|(?:a |only )?(?:baby|toddler|little|small|kid|child|tiny|teen|teenager)\b)")


def _past_clauses(sentence: list[tuple[int, int, str]], this_year: int) -> list[tuple[int, int]]:
    words = [w for _, _, w in sentence]
    if not _long_ago(words, this_year):
        return []
    clauses: list[list[tuple[int, int, str]]] = [[]]
    for i, token in enumerate(sentence):
        relative_next = token[2] == "my" and i + 1 < len(sentence) and sentence[i + 1][2] in _RELATIVES
        if (token[2] in _CLAUSE_CUTS or relative_next) and clauses[-1]:
            clauses.append([])
        if token[2] not in {",", ";"}:
            clauses[-1].append(token)
    out, owner = [], None
    for clause in filter(None, clauses):
        said = [w for _, _, w in clause]
        relative = any(w == "my" and said[i + 1 : i + 2] and said[i + 1] in _RELATIVES for i, w in enumerate(said))
        mine = any(w == "my" and said[i + 1 : i + 2] and said[i + 1] not in _RELATIVES for i, w in enumerate(said))
        own = bool(set(said) & _WRITER) or mine
        if own and not relative:
            owner = "writer"
        elif relative or set(said) & _OTHERS or set(said) & set(_RELATIVES):
            owner = "other" if not set(said) & _WRITER else "writer"
        if owner == "other" and not set(said) & _PRESENT:
            out.append((clause[0][0], clause[-1][1]))
    return out


# -- long ago, anyone's -------------------------------------------------------------------------
# "i fainted once at school when i was 14, but now my calf twitches", "years ago i passed out giving blood": a sign in a
# clause said to be long ago and not now, whoever it was. Stricter than another person's past above: "years" alone
# ("twitching for years") and "back" ("my back") say nothing of when.
_LONG_AGO_SAID = re.compile(
    r"\b(?:(?:(?:\d+|a\s+few|few|several|many|a\s+couple\s+of|couple\s+of|two|three|four|five|six|ten|twenty)\s+)?years\s+ago|"
    r"\d+\s+years?\s+ago|"
    r"decades?\s+ago|when\s+(?:i|he|she|they)\s+was\s+(?:\d{1,2}\b|a\s+(?:kid|child|teen|teenager|baby|student)|little|young|"
    r"younger|small)|when\s+(?:i|he|she|they)\s+were\s+(?:little|young|kids|small)|as\s+a\s+(?:kid|child|teen|teenager)|"
    r"in\s+my\s+(?:teens|twenties|20s)|(?:back\s+)?in\s+(?:19\d\d|200\d|201\d))",
    re.IGNORECASE,
)
_NOW_SAID = re.compile(
    r"\b(?:now|today|tonight|currently|lately|recently|again|still|yesterday|this\s+(?:morning|afternoon|evening|week|month)|"
    r"last\s+(?:night|week)|since|keeps?|keep\s+on|ongoing)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAKS = re.compile(r"[.!?;\n]+|,?\s+\bbut\b|,?\s+\band\s+now\b|,\s+(?=now\b)", re.IGNORECASE)


def long_ago(text: str) -> list[tuple[int, int]]:
    """Character spans of the clauses that say long ago and not now."""
    spans, start = [], 0
    for cut in [*_CLAUSE_BREAKS.finditer(text), None]:
        end = cut.start() if cut is not None else len(text)
        clause = text[start:end]
        if _LONG_AGO_SAID.search(clause) and not _NOW_SAID.search(clause):
            spans.append((start, end))
        start = cut.end() if cut is not None else len(text)
    return spans


# -- another adult ---------------------------------------------------------------------------
# "my husband's arm keeps jumping", "my mum (80) gets cramps at night", "my son is 25 and his eyelid
# twitches": the writer asks for an adult who is not themselves. Who has the symptom is decided
# beside the symptoms found (bot/nlu/extract.py); here, where such an adult is named.
_ADULT_WORDS = (
    r"husband|hubby|wife|partner|spouse|boyfriend|girlfriend|fianc[eé]e?|mum|mom|mother|mam|dad|father|"
    r"grandma|grandmother|gran|granny|nan|nana|grandad|granddad|grandpa|grandfather|brother|sister|uncle|"
    r"aunt|auntie|friend|flatmate|roommate|housemate|colleague|coworker|neighbou?r|"
    r"(?:mother|father|brother|sister)[\s-]in[\s-]law|stepdad|stepmum|stepmom|stepfather|stepmother"
)
# ("my husbands eye": the possessive typed without its apostrophe, hence the optional "s")
OTHER_ADULT = re.compile(
    rf"\b(?:my|our)\s+(?:(?:elderly|old|older|best|big|little|younger|eldest|oldest|\d{{2}}[\s-]*(?:years?[\s-]*old|yo)|"
    rf"(?:{_NUMBER_WORDS}|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\w-]*[\s-]*years?[\s-]*old)\s+)?(?:{_ADULT_WORDS})s?\b",
    re.IGNORECASE,
)


def _said_age(text: str, match: re.Match[str]) -> int | None:
    """The age said with a child word: in it ("my 7-year-old") or right after it ("my son, 25,")."""
    if match.group("age"):
        return _age(match.group("age"))
    after = _AGE_AFTER.match(text[match.end() : match.end() + 16])
    return int(after.group("age")) if after else None


# "its ME with the twitching, not my friend", "no it's me, not my husband", "I'm the one with it, not my wife": the writer
# has the symptoms, not the adult named (round 37 c10: "About: another adult" kept in the summary)
_WRITER_NOT_OTHER = re.compile(
    rf"\b(?:it'?s|its|it\s+is|i'?m|im|i\s+am)\s+(?:me|the\s+one)\b[^.!?\n]{{0,40}}?\bnot\s+(?:my|our)\s+(?:{_ADULT_WORDS})s?\b"
    rf"|\bnot\s+(?:my|our)\s+(?:{_ADULT_WORDS})s?\s*[,-]?\s*(?:it'?s|its|it\s+is)\s+me\b",
    re.IGNORECASE,
)


def writer_not_other(text: str) -> Mention | None:
    """Where the writer says it is them, not the adult they named, who has the symptoms."""
    return _first(_WRITER_NOT_OTHER, text)


def other_adults(text: str) -> list[Mention]:
    """Where the message names an adult other than the writer (a partner, a parent, a friend, a
    grown-up son or daughter), not as someone who speaks of the writer ("my wife says my eyelid
    twitches") and not a child (`children`)."""
    found = [Mention(m.start(), m.end()) for m in OTHER_ADULT.finditer(text)]
    for match in CHILD.finditer(text):  # a son or daughter said to be 18 or more
        age, said = _said_age(text, match), match.group(0)
        if age is not None and age >= ADULT_AGE and "month" not in said.lower():
            found.append(Mention(match.start(), match.start() + len(said.rstrip())))
    if not found:
        return []
    young = {m.start for m in children(text)}
    first: dict[int, Mention] = {}
    for mention in found:  # "my 80 year old dad" found twice: its first, longer, reading
        if mention.start not in young and not _speaks_of_the_writer(text[mention.end : mention.end + 80]):
            first.setdefault(mention.start, mention)
    return sorted(first.values(), key=lambda m: m.start)


# -- whose fact ------------------------------------------------------------------------------
# "my wife is 30 weeks pregnant and my eyelid's been twitching": the pregnancy is hers. "my mum's
# legs twitch, I'm so anxious about her I can't sleep": the worry and the sleep are the writer's.
# A fact belongs to the person named nearest before it in its sentence (the first one inside it,
# when it is read from a whole clause): the writer ("I", "me", "my eyelid") or someone else ("my
# wife", "my son", "he", "she", "her legs"). Someone who only speaks of the writer ("my wife says
# I drink too much coffee", "he thinks it's stress") owns nothing.
WRITER, OTHER = "writer", "other"
_WRITER_OWNS = frozenset({"i", "im", "i'm", "ive", "i've", "id", "i'd", "ill", "i'll", "me", "myself", "my", "mine"})
_OTHER_OWNS = frozenset({"he", "she", "they", "his", "their", "hes", "he's", "shes", "she's", "theyre", "they're"})
# "her" owns the word after it ("her legs"), not when it ends a phrase ("worried about her, I can't sleep")
_NOT_OWNED = _WRITER_OWNS | _OTHER_OWNS | {"and", "but", "so", "or", "because", "to", "for", "with", "at", "in", "on", "up"}
_NOT_OWNED |= {".", "!", "?", "\n"}
_OWNER_WORD = re.compile(r"[\w']+|[.!?\n]")


def owners(text: str) -> list[tuple[int, str]]:
    """Where each person is named, in order: (offset, WRITER or OTHER); a sentence's end is (offset, "")."""
    named = [(m.start, m.end) for m in [*other_adults(text), *children(text)]]
    words = [(m.start(), m.group().lower()) for m in _OWNER_WORD.finditer(text)]
    out: list[tuple[int, str]] = []
    for i, (at, word) in enumerate(words):
        if word in {".", "!", "?", "\n"}:
            out.append((at, ""))
        elif any(start <= at < end for start, end in named):
            if not out or out[-1][1] != OTHER or not any(start <= out[-1][0] < end for start, end in named):
                out.append((at, OTHER))
        elif word in _OTHER_OWNS or word == "her" and i + 1 < len(words) and words[i + 1][1] not in _NOT_OWNED:
            if not _SPEAKS.match(text[at + len(word) : at + len(word) + 40]):
                out.append((at, OTHER))
        elif word in _WRITER_OWNS and not (word == "me" and _TOLD_BY_ANOTHER.search(text[max(0, at - 60) : at])):
            out.append((at, WRITER))
    return out


# The writer as the one told, by someone else: "he told me", "my wife keeps telling me", "she texted me" (round 41
# c30: "last night he told me he doesn't want to be here anymore" answered as the writer's own crisis)
_TOLD_BY_ANOTHER = re.compile(
    rf"\b(?:he|she|they|{_ADULT_WORDS}|{_CHILD_WORDS})(?:'?s)?\s+(?:(?:has|had|just|also|then|even|keeps|kept|finally|once)\s+)?"
    r"(?:told|tells|telling|texted|texts|messaged|messages|said\s+to|says\s+to|admitted\s+to|confided\s+in|whispered\s+to)\s+$",
    re.IGNORECASE,
)


# "the diuretic is my mum's": a thing said to be another person's, right after it
ANOTHERS = re.compile(
    rf"^\s+(?:is|was|are|were)\s+(?:actually\s+|really\s+|just\s+)?(?:my|our|his|her)\s+(?:{_CHILD_WORDS}|{_ADULT_WORDS})(?:'?s|’s)\b",
    re.IGNORECASE,
)
# "the vitamin D drops for the baby": given to someone else, said right after the thing
_FOR_ANOTHER = re.compile(rf"^\s+(?:for|to\s+give)\s+(?:the|my|our|his|her)\s+(?:{_CHILD_WORDS}|{_ADULT_WORDS})\b", re.IGNORECASE)


def owner_of(marks: list[tuple[int, str]], start: int, end: int, text: str = "") -> str | None:
    """Whose fact the span is: the first person named inside it, else the one it is said to be for
    ("drops for the baby"), else the nearest before it in its sentence."""
    inside = [owner for at, owner in marks if start <= at < end]
    if inside and inside[0]:
        return inside[0]
    if _FOR_ANOTHER.match(text[end : end + 40]):
        return OTHER
    before = [owner for at, owner in marks if at < start]
    return before[-1] or None if before else None
