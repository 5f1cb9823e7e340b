"""Which mentions the user denies, and which they only ask about.

Works on lowercase tokens and the token ranges of the mentions found in a message:

- a negation cue ("no", "not", "never", "without", "n't", "haven't"...) denies the mentions
  that follow it, up to a boundary: "but", "though", "however", "except", a sentence end, or
  "and"/"or"/a comma that is not followed by another mention ("no weakness, numbness or
  chest pain" denies all three; "no weakness but bad cramps" only weakness);
- a cue inside the mention itself is part of the phrase ("not sleeping well" is poor sleep);
- mentions inside an "if" clause, or in a question about what causes what ("can low
  potassium cause weakness?"), are hypothetical. Any other question still counts as
  affirmed ("should I go to hospital with chest pain?"), so a red flag is never missed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

NEGATION_CUES = {
    "no", "not", "never", "without", "n't", "nt", "nor", "neither", "none", "zero", "nothing",
    "dont", "don't", "doesnt", "doesn't", "didnt", "didn't", "havent", "haven't", "hasnt", "hasn't",
    "hadnt", "hadn't", "isnt", "isn't", "arent", "aren't", "wasnt", "wasn't", "werent", "weren't",
    "cant", "can't", "cannot", "wont", "won't", "denies", "deny", "free",
}  # fmt: skip
# Words that end a denial's reach.
BOUNDARIES = {
    "but", "though", "although", "however", "except", "apart", "yet", "whereas", "while", "just",
    "only", "still", ".", "!", "?", ";", "so", "because", "since", "also", "plus", "then",
}  # fmt: skip
# Between two denied mentions, only these keep the denial going ("no weakness, numbness or pain").
LIST_CONNECTORS = {",", "and", "or", "nor", "no", "any", "/", "&", "even", "either", "never"}
# A cue followed by one of these is not a denial: "can't stop twitching", "not sure".
CUE_BREAKERS = {
    "stop", "quit", "go", "settle", "ease", "help", "shake", "seem", "sure", "wait", "cope", "know",
    "remember", "tell", "only", "just",
    # "didn't think much of the diarrhoea", "don't mind the cramps": a view of it, not a denial
    "think", "mind", "care", "bother", "pay",
}  # fmt: skip
# "no" before one of these is an answer, not a determiner ("NO i DO have dark urine", "nope it's
# still there"): "no" denies a thing said right after it ("no weakness"), never a sentence's subject.
INTERJECTIONS = {"no", "nope", "nah"}
SUBJECTS = {
    "i", "i'm", "im", "i've", "ive", "i'd", "it", "it's", "its", "he", "she", "they", "we", "you", "that", "this", "there",
}  # fmt: skip
DETERMINERS = {"the", "my", "his", "her", "our", "their"}  # "no the ...", "no my ...": no quantifier ("no chest pain")
# Words that may stand between a cue and its breaker: "didn't really think much of".
SOFTENERS = {"really", "even", "much", "too", "actually"}
MAX_GAP = 6  # tokens a cue reaches to its first mention

GENERIC_MODALS = {"may", "might", "could", "can", "will", "'ll", "would"}
CONDITIONAL = {"if", "unless", "whether", "incase", "suppose", "supposing"}
QUESTION_START = {
    "can", "could", "does", "do", "did", "will", "would", "might", "may", "is", "are", "what", "whats",
    "what's", "why", "how", "which", "should", "any",
}  # fmt: skip
# "can low potassium cause weakness?": what follows the verb is asked about, not reported.
CAUSAL = {
    "cause", "causes", "causing", "lead", "leads", "trigger", "triggers", "give", "gives", "make",
    "makes", "bring", "link", "linked", "between", "connection", "related", "result",
}  # fmt: skip
# "is muscle wasting a reason to see a doctor?": the mention itself is asked about.
EVALUATIVE = {"sign", "signs", "symptom", "symptoms", "reason", "serious", "dangerous", "normal", "worrying", "concerning",
              # "does feeling wobbly count as weakness?": what a word means, asked
              "count", "counts", "counted", "considered", "classed", "qualify", "qualifies", "mean", "means",
              # "breastfeeding, is coffee ok?": whether to have it, asked; not a habit told (round 33 c17)
              "ok", "okay", "safe", "alright", "allowed", "fine", "bad", "harmful"}  # fmt: skip
# Words that make a question a report of the user's own state ("why does MY eyelid twitch?").
FIRST_PERSON = {"i", "i'm", "im", "i've", "ive", "my", "i'd"}


@dataclass(frozen=True)
class Mention:
    start: int  # first token index
    end: int  # one past the last token


def sentence_bounds(tokens: list[str]) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for i, tok in enumerate(tokens):
        if tok in {".", "!", "?", ";"} or tok.endswith("?"):
            bounds.append((start, i + 1))
            start = i + 1
    if start < len(tokens):
        bounds.append((start, len(tokens)))
    return bounds


def is_cue(tokens: list[str], i: int) -> bool:
    """Whether token `i` is a negation cue: not the "no" that answers ("no I do have cramps"), nor the
    negated verb that opens a question ("can't it be Bell's palsy?", "isn't it just stress?")."""
    if tokens[i] not in NEGATION_CUES:
        return False
    if tokens[i] == "free" and (i + 1 >= len(tokens) or tokens[i + 1].lower() not in ("of", "from")):
        return False  # "tons of free wine on the plane" costs nothing; "free of pain", "free from stress" deny
    if tokens[i] in INTERJECTIONS and i + 1 < len(tokens) and tokens[i + 1].lower() in SUBJECTS | DETERMINERS:
        return False  # "no the TWITCHING is 1-2 weeks, the headache is since yesterday": a "no" that disagrees
    return not _opens_a_question(tokens, i)


# A negated auxiliary, whole ("cant", "isn't") or split by the tokenizer ("ca" + "n't").
NEGATED_AUX = {
    "cant", "can't", "couldnt", "couldn't", "isnt", "isn't", "wasnt", "wasn't", "doesnt", "doesn't", "didnt",
    "didn't", "wouldnt", "wouldn't", "wont", "won't", "shouldnt", "shouldn't", "arent", "aren't", "aint", "ain't",
}  # fmt: skip
AUX_BEFORE_NT = {"ca", "can", "could", "is", "was", "does", "did", "would", "wo", "should", "are", "ai", "do"}
CLAUSE_OPENERS = {",", ".", "!", "?", ";", "but", "so", "and", "or", "then", "well", "surely", "ok", "okay", "hmm"}


def _opens_a_question(tokens: list[str], i: int) -> bool:
    """A negated auxiliary first in its clause, its subject right after: an inverted question."""
    if tokens[i] in ("n't", "nt") and i and tokens[i - 1] in AUX_BEFORE_NT:
        first = i - 1
    elif tokens[i] in NEGATED_AUX:
        first = i
    else:
        return False
    opens = first == 0 or tokens[first - 1] in CLAUSE_OPENERS
    return opens and i + 1 < len(tokens) and tokens[i + 1] in SUBJECTS


THE_BOT = frozenset({"you", "your", "documents", "document", "sources", "source", "docs", "bot", "app"})
SAYING = frozenset({"mention", "mentions", "mentioned", "say", "says", "said", "cover", "covers", "covered", "list", "lists",
                    "listed", "talk", "talks", "talked", "answer", "answered", "tell", "tells", "told"})  # fmt: skip


_DISCOURSE = re.compile(
    r"(?:gonna|going to|gon na) (?:lie|lying)\b|(?:to )?(?:lie|kidding|joking|lying|exaggerating)\b|to (?:be dramatic|sound)\b"
)


def _subject_after(tokens: list[str], j: int) -> bool:
    """A clause's subject at token `j` (after "that"): "don't think (that) I'm weak"."""
    j += int(j < len(tokens) and tokens[j] == "that")
    return j < len(tokens) and tokens[j].lower() in SUBJECTS


def denied(tokens: list[str], mentions: list[Mention], skip: frozenset[int] = frozenset()) -> list[bool]:
    """For each mention, whether a negation cue before it reaches it.

    `skip` holds token indexes that neither break nor carry a denial (body parts:
    "no twitching in my legs or arms").
    """
    result = [False] * len(mentions)
    inside = {i for m in mentions for i in range(m.start, m.end)} | set(skip)
    active, after_mention, reach, pos, cue_at = False, False, -1, 0, -1
    for k in sorted(range(len(mentions)), key=lambda j: mentions[j].start):
        m = mentions[k]
        for i in range(pos, m.start):
            if i in inside:
                continue
            tok = tokens[i]
            following = [t for t in tokens[i + 1 : i + 3] if t not in SOFTENERS][:1]
            # "why won't you answer", "you didn't answer about the coke": the bot's doing ("did" + "n't" is two tokens)
            about_you = "you" in tokens[max(0, i - (2 if tokens[i] in ("n't", "nt") else 1)) : i + 2]
            # "your documents don't mention steroids": the bot's saying, no denial by the writer ("I never
            # said I had chest pain" still takes it back)
            saying = following and following[0] in SAYING and set(tokens[max(0, i - 4) : i]) & THE_BOT
            about_you = about_you or bool(saying) and "i" not in tokens[max(0, i - 3) : i]
            # "not gonna lie, i want to kill myself", "i'm not kidding", "not to be dramatic but": a way of speaking, no
            # denial (sealed set 45, counts only: a direct crisis message read as denied)
            about_you = about_you or _DISCOURSE.match(" ".join(tokens[i + 1 : i + 4]).lower()) is not None
            # "I don't think I'm weak", "don't think it's numbness": a hedged denial of what follows, not a view of it
            hedged = following == ["think"] and _subject_after(tokens, tokens.index("think", i + 1) + 1)
            if is_cue(tokens, i) and not (following and following[0] in CUE_BREAKERS and not hedged) and not about_you:
                active, after_mention, reach, cue_at = True, False, i + MAX_GAP, i
            elif tok in BOUNDARIES or tok.endswith("?"):
                active = False
            elif active and after_mention and tok not in LIST_CONNECTORS:
                active = False
            elif active and not after_mention and tok == ",":
                active = False  # "I can't get my breath, I'm gasping": a new clause
            elif active and not after_mention and tok == "and" and tokens[i + 1 : i + 2] and tokens[i + 1].lower() in SUBJECTS:
                active = False  # "paracetamol doesn't touch it and i keep seeing flashing lights": a new clause
            elif active and not after_mention and tok.lower() in ("that", "which") and i - 1 in skip:
                active = False  # "it's my back not my leg that twitches": the leg denied, not the twitching (round 31 c22)
            elif active and not after_mention and tok == "and" and _verb_denied(tokens, cue_at, i, inside):
                active = False  # "paracetamol isnt touching and kind of sparkly zigzag lights": the verb denied, not what follows
            elif active and i > reach:
                active = False
        if active and m.start <= reach + 1:
            result[k] = True
            after_mention, reach = True, m.end + 3
        pos = max(pos, m.end)
    return [said or _echoed_then_denied(tokens, m) for said, m in zip(result, mentions, strict=True)]


def _verb_denied(tokens: list[str], cue: int, at: int, inside: set[int]) -> bool:
    """Between a negated verb's cue and an "and", a verb of its own with nothing read ("isn't touching and ..."):
    the denial ends with that verb, a thing told after the "and" is not denied (round 30 c07: zigzag lights in
    pregnancy said back as "Denied: changes in vision")."""
    between = [tokens[j].lower() for j in range(cue + 1, at) if j not in inside and tokens[j] not in SOFTENERS]
    if not between or tokens[cue].lower() in _DETERMINER_CUES:
        return False  # "no weakness and numbness": a list the "no" goes on denying
    return between[-1].endswith(("ing", "ed")) or between[-1] in _DENIED_VERB_ENDS


_DETERMINER_CUES = frozenset({"no", "without", "none", "nothing", "zero", "free", "nor", "neither"})
_DENIED_VERB_ENDS = frozenset({"it", "them", "that", "this", "much", "anything", "well", "work", "help", "touch"})


ECHO_NO = frozenset({"no", "nope", "nah", "none", "never"})


def _echoed_then_denied(tokens: list[str], mention: Mention) -> bool:
    """The sign said back as a question and answered no: "muscle wasting? no, the opposite, its swollen",
    "chest pain? nope" (not "weakness? no idea"); or a fact with its no right after it ("stress no")."""
    if mention.end >= len(tokens):
        return False
    if tokens[mention.end].lower() in ECHO_NO:
        # "sleep is fine, stress no": a list of answers, the no said right after its fact and ending the clause
        after = tokens[mention.end + 1].lower() if mention.end + 1 < len(tokens) else "."
        return after in (".", ",", "!", ";", "and", "but")
    if not tokens[mention.end].endswith("?"):
        return False
    i = mention.end + 1
    while i < len(tokens) and tokens[i].lower() in ("?", "!", ",", "-", "um", "well"):
        i += 1
    following = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
    return i < len(tokens) and tokens[i].lower() in ECHO_NO and following != "idea"


ASKING_ABOUT = frozenset({"asking", "ask", "asked", "care", "caring", "on", "going", "harping", "obsessed"})


def hypothetical(tokens: list[str], mentions: list[Mention]) -> list[bool]:
    """For each mention, whether it sits in an "if" clause or a question about causes or signs."""
    result = [False] * len(mentions)
    for s_start, s_end in sentence_bounds(tokens):
        sentence = tokens[s_start:s_end]
        is_question = any(t.endswith("?") for t in sentence) or (sentence and sentence[0] in QUESTION_START)
        for k, m in enumerate(mentions):
            if not (s_start <= m.start < s_end):
                continue
            before = tokens[s_start : m.start]
            # an "if" clause: a conditional word before the mention, with no comma between
            last_if = max(
                (i for i, t in enumerate(before) if t in CONDITIONAL or t == "case" and i and before[i - 1] == "in"), default=None
            )
            if last_if is not None and "," not in before[last_if:]:
                result[k] = True
                continue
            # a general "you": "you may get the runs", "you will feel weak" is advice, not a report
            last_you = max((i for i, t in enumerate(before[:-1]) if t == "you" and before[i + 1] in GENERIC_MODALS), default=None)
            if last_you is not None and not set(before[last_you:]) & {",", ";"}:
                result[k] = True
                continue
            # the bot's own question asked about: "why are you asking about coffee?" tells of no coffee
            lead = [t for t in before[-5:] if t not in {"the", "my", "all", "this", "that", "me", "so", "much"}]
            if lead[-2:-1] and lead[-1] == "about" and lead[-2] in ASKING_ABOUT and (is_question or sentence[0] == "why"):
                result[k] = True
                continue
            # something the documents or someone else says or does not say ("your documents don't mention steroids")
            if lead and lead[-1] in SAYING and set(before[-6:]) & THE_BOT and "i" not in before[-5:]:
                result[k] = True
                continue
            if not is_question:
                continue
            clause_start = max((i + 1 for i, t in enumerate(before) if t in {",", "and", "but", "."}), default=0)
            if clause_start and before[clause_start - 1] == "and" and not (set(before[clause_start:]) & QUESTION_START):
                clause_start = 0  # "link between magnesium and cramps": one clause
            clause = before[clause_start:] + tokens[m.start : s_end]
            head = before[clause_start:]
            words = set(clause)
            if not clause or clause[0] not in QUESTION_START or words & FIRST_PERSON:
                continue
            if set(head) & CAUSAL or words & EVALUATIVE:
                result[k] = True
    return result


CAUSING = frozenset({"causes", "cause", "caused", "triggers", "trigger", "brings", "gives"})
CAUSE_MODALS = frozenset({"can", "could", "may", "might", "will", "often", "commonly", "usually", "sometimes", "also"})
TWITCHING_WORDS = frozenset(
    {"twitching", "twitches", "twitch", "twitchy", "it", "them", "spasms", "cramps", "cramping", "fasciculations"}
)
OWNED = frozenset({"my", "our", "his", "her", "their", "the", "this", "all"})  # "my stress causes it": theirs


def said_of_anyone(tokens: list[str], mentions: list[Mention]) -> list[bool]:
    """For each mention, whether it is named as a cause of twitching in anyone ("I read that dehydration causes
    twitching", "apparently caffeine can cause it"): what is known of twitching, not a habit told (round 32 c10: 6
    litres of water a day, and "drinking too little" in the summary)."""
    result = [False] * len(mentions)
    for s_start, s_end in sentence_bounds(tokens):
        for k, m in enumerate(mentions):
            if s_start <= m.start < s_end:
                before = [t.lower() for t in tokens[s_start : m.start]]
                result[k] = _general_cause([t.lower() for t in tokens[m.end : s_end]]) and not set(before[-2:]) & OWNED
    return result


def _general_cause(after: list[str]) -> bool:
    """The words after a mention say it causes twitching in general ("... can cause twitching", "... causes it"),
    not in the writer ("... causes my eye to twitch")."""
    i = 0
    while i < len(after) and after[i] in CAUSE_MODALS:
        i += 1
    if i >= len(after) or after[i] not in CAUSING:
        return False
    rest = after[i + 1 : i + 4]
    if "my" in rest or "me" in rest:
        return False
    return bool(rest) and (rest[0] in TWITCHING_WORDS or rest[:2] == ["muscle", "twitching"] or rest[0] in {"on", "about"})


# A guess put as a question: "probably just jet lag and dehydration?", "maybe the coffee?", "just stress, right?".
GUESS_STARTS = frozenset({"probably", "prob", "maybe", "perhaps", "just", "likely", "surely", "mostly"})


def guessed(tokens: list[str], mention: Mention) -> bool:
    """The mention is in a guess asked as a question, with no "I" in it: a cause wondered about, not a
    habit told ("probably just dehydration?" says nothing of how much they drink)."""
    for s_start, s_end in sentence_bounds(tokens):
        if not s_start <= mention.start < s_end:
            continue
        sentence = [t.lower() for t in tokens[s_start:s_end]]
        asked = sentence[-1].endswith("?") or "right" in sentence[-3:] and "?" in "".join(sentence[-2:])
        return asked and sentence[0] in GUESS_STARTS and not set(sentence) & FIRST_PERSON
    return False


def habit_in_if_clause(tokens: list[str], mention: Mention) -> bool:
    """Whether the mention is a habit in a statement's "if I ..." clause: "if I have more than two
    drinks, my eyelid droops" tells of drinking, not of a drink imagined. Not in a question."""
    for s_start, s_end in sentence_bounds(tokens):
        if not s_start <= mention.start < s_end:
            continue
        sentence = tokens[s_start:s_end]
        if any(t.endswith("?") for t in sentence) or (sentence and sentence[0] in QUESTION_START):
            return False
        before = tokens[s_start : mention.start]
        last_if = max((i for i, t in enumerate(before) if t in {"if", "when", "whenever"}), default=None)
        if last_if is None or before[last_if + 1 : last_if + 2] != ["i"]:
            return False
        return last_if == 0 or before[last_if - 1] != "what"
    return False


# A question's first word when its subject follows ("should i worry", "is it bad", "do i need to").
INVERTED_STARTS = frozenset({"should", "shall", "do", "does", "is", "am", "can", "could", "would", "will", "must"})


def in_asking_clause(tokens: list[str], mention: Mention) -> bool:
    """The mention's clause is a question of its own ("should I be worried?", "is it something to
    worry about?"), not a statement before one ("I'm so worried, is it ALS?")."""
    for s_start, s_end in sentence_bounds(tokens):
        if not s_start <= mention.start < s_end:
            continue
        start = max((i + 1 for i in range(s_start, mention.start) if tokens[i] in {",", "and", "but", "so"}), default=s_start)
        if not tokens[s_end - 1].endswith("?"):
            # typed without its mark: "should i worry", "do i need to be worried"
            following = tokens[start + 1].lower() if start + 1 < s_end else ""
            return tokens[start].lower() in INVERTED_STARTS and following in {"i", "it", "this", "that", "we", "he", "she"}
        return tokens[start] in QUESTION_START or tokens[start] in {"am", "was", "were", "shall", "do", "does"}
    return False


# "I take back what I said about the weakness", "forget the bit about the pills": a fact taken back
# is denied, like a "no" (the policy: the latest word on a fact wins).
RETRACT_VERBS = frozenset({"forget", "ignore", "disregard", "scratch", "scrap", "strike", "cancel", "delete", "unsay"})
# Words that may open a clause before a retraction said as a command ("nah, ignore the chest pain thing").
RETRACT_OPENERS = frozenset({"oh", "ok", "okay", "nah", "no", "actually", "please", "and", "so", "sorry", "wait", "just", "um"})
RETRACT_OBJECTS = frozenset({"about", "re", "regarding", "bit", "part", "said", "mention", "mentioned", "wrote"})
RETRACT_REACH = 10  # tokens from the retraction to the fact it takes back
_WRONG = frozenset({"wrong", "mistaken", "incorrect"})
_OWNED = frozenset({"my", "the", "his", "her", "your", "their", "our", "lower", "upper", "a"})  # "my back": the body part


def retracted(tokens: list[str], mention: Mention) -> bool:
    """The mention is what the writer takes back: "I take it back about the weakness", "forget what
    I said about the pills" (not "I forget to drink water": the fact must be named as something said)."""
    before = tokens[max(0, mention.start - RETRACT_REACH) : mention.start]
    cut = max((i + 1 for i, t in enumerate(before) if t in {",", ".", ";", "but", "!"}), default=0)
    clause = before[cut:]
    for i, tok in enumerate(clause):
        rest = set(clause[i + 1 :])
        # "I take it back", "take back what I said"; not "taking ibuprofen for my back"
        near = clause[i + 1 : i + 3]
        if tok in {"take", "taking", "took", "takes"} and "back" in near and clause[i + near.index("back")] not in _OWNED:
            return True
        if tok in RETRACT_VERBS and rest & RETRACT_OBJECTS:
            return True
    if disputed(tokens, mention):
        return True
    # "i was wrong about the water tablets", "I'm mistaken about the diuretic"
    words = [t.lower() for t in clause]
    if any(w in _WRONG and "about" in words[i + 1 : i + 3] for i, w in enumerate(words)):
        return True
    # said as a command, the fact right after it: "ignore the chest pain thing", "scrap the swallowing"
    opened = [t for t in clause if t.lower() not in RETRACT_OPENERS]
    return len(opened) <= 3 and bool(opened) and opened[0].lower() in RETRACT_VERBS


# A sign the writer puts down to an everyday cause of its own, and says has gone: "the numbness was just from sleeping on
# it, it's fine now", "the blurry vision was because i'd been crying". Only signs that raise no more than a doctor's
# visit: a sign that calls for help today or now is never explained away by the writer (the policy: pushback).
EXPLAINABLE = frozenset({"numbness_tingling", "vision_changes", "balance_problems", "fatigue", "headache", "muscle_aches"})
_PUT_DOWN_TO = re.compile(
    r"^\s*(?:was|were|is|are|'s|must\s+have\s+been|might\s+have\s+been|probably\s+was)\s+(?:just\s+|only\s+|probably\s+|"
    r"actually\s+|all\s+)*(?:from|because|cause|coz|cos|due\s+to|caused\s+by|down\s+to|after)\b",
    re.I,
)
_GONE_NOW = re.compile(
    r"\b(?:(?:it'?s|its|it\s+is|it\s+was|all|that'?s|thats)\s+(?:fine|ok|okay|gone|better|normal|good)|gone\s+now|went\s+away|"
    r"passed|cleared|back\s+to\s+normal|wore\s+off|came\s+back)\b",
    re.I,
)


def explained_away(text: str, value: str, end: int) -> bool:
    """The sign ending at character `end` is put down to an everyday cause and said to be gone."""
    return value in EXPLAINABLE and bool(_PUT_DOWN_TO.match(text[end:])) and bool(_GONE_NOW.search(text[end:]))


_DISPUTE_AFTER = re.compile(
    r"^[?!.\s]*(?:i\s+(?:never|didn't|didnt|did\s+not|have\s+not|haven't)\s+(?:say|said|mention\w*|told\s+you)\s+"
    r"(?:that|this|it|anything\s+like\s+that)|where\s+did\s+(?:that|this|you\s+get\s+that)\s+come\s+from)"
)
_SAID_BY_YOU = frozenset(
    {"say", "said", "put", "write", "wrote", "mention", "mentioned", "think", "thought", "assume", "assumed"}
)  # "why did you say poor sleep?"
_GOT = frozenset({"got", "pulled", "found", "took"})  # past: "where do you get magnesium from?" asks where to find it


def disputed(tokens: list[str], mention: Mention) -> bool:
    """The writer asks where the assistant got the fact from ("i don't know where you got little sun
    from", "where did you get diarrhoea from??"): something they never said, taken back."""
    before = [t.lower() for t in tokens[max(0, mention.start - 6) : mention.start]]
    after = [t.lower() for t in tokens[mention.end : mention.end + 3]]
    # "muscle wasting?? i never said that", "diarrhoea? where did that come from": the fact, then the dispute
    following = " ".join(t.lower() for t in tokens[mention.end : mention.end + 9])
    if _DISPUTE_AFTER.match(following):
        return True
    ends = not after or after[0] in {".", "?", "!", ",", "??", "?!"} or after[0].startswith("?")
    asks = bool(after) and after[0].startswith("?")
    if before[-1:] in (["what"], ["which"]) and asks and (mention.start < 2 or tokens[mention.start - 2] in {".", ",", "!", "?"}):
        return True  # "what twitching? I don't have any, it's my knee": the fact echoed back, disputed (round 22 c16)
    if "why" in before and {"you", "u", "it"} & set(before) and _SAID_BY_YOU & set(before) and ends:
        return True  # "why did you say poor sleep?", "why would you put caffeine", "why does it say weakness?" (the summary)
    if "where" not in before or ("from" not in after and not ends):
        return False  # "where did you get caffeine." said without its "from" too
    rest = before[before.index("where") + 1 :]
    past = bool(_GOT & set(rest)) or "did" in rest and "get" in rest
    return bool({"you", "u"} & set(rest)) and past


# "No chest pain anymore", "the numbness is gone now": a sign that was there and has passed. Not
# a denial: the policy lowers a level only when the user corrects the fact that raised it, and a
# sign that came and went still needs the doctor it needed.
RESOLVED = frozenset({"anymore", "longer", "gone", "stopped", "passed", "disappeared", "eased", "settled", "faded"})


def resolved(tokens: list[str], mention: Mention) -> bool:
    """The mention's sentence says the sign has passed ("no chest pain anymore", "no longer numb")."""
    for s_start, s_end in sentence_bounds(tokens):
        if s_start <= mention.start < s_end:
            words = tokens[s_start:s_end]
            went_away = any(w == "went" and words[i + 1 : i + 2] == ["away"] for i, w in enumerate(words))
            return went_away or bool(set(words) & RESOLVED)
    return False


# The words that name what a fact is about (bot/nlu/topics.yml), and the ways of saying it was never said.
TOPIC_WORDS: dict[str, tuple[str, str]] = {
    str(word).lower(): (etype, value)
    for etype, values in yaml.safe_load(Path(__file__).with_name("topics.yml").read_text()).items()
    for value, words in values.items()
    for word in words
}
_TOPIC = "|".join(sorted(map(re.escape, TOPIC_WORDS), key=len, reverse=True))
NEVER_SAID_TOPIC = re.compile(
    r"\b(?:never|didn'?t|did\s+not|haven'?t|have\s+not)\s+(?:ever\s+)?(?:say|said|mention(?:ed)?|talk(?:ed)?\s+about|"
    r"told\s+you|tell\s+you|wrote)\s+(?:anything\s+|a\s+(?:thing|word)\s+)?(?:about\s+|re\s+|regarding\s+|on\s+)?"
    rf"(?:that\s+)?(?:i\s+|i'?m\s+|im\s+)?(?:the\s+|my\s+|any\s+)?(?P<said>{_TOPIC})\b"
    rf"|\bwhere\s+did\s+(?:you|u)\s+get\s+(?:the\s+|that\s+|this\s+)?(?P<got>{_TOPIC})(?:\s+(?:thing|bit|part|stuff))?\s+from\b"
    rf"|\bwhy\s+(?:did|would)\s+(?:you|u)\s+(?:say|put|write|mention|think)\s+(?:the\s+|that\s+)?(?P<why>{_TOPIC})\b"
    rf"|\b(?:said|told\s+you|mentioned)\s+nothing\s+(?:about|re|on)\s+(?:the\s+|my\s+)?(?P<nothing>{_TOPIC})\b",
    re.I,
)


def topic_of(match: re.Match[str]) -> str:
    return next(str(g) for g in match.group("said", "got", "why", "nothing") if g).lower()
