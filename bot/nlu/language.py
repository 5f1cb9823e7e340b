"""Is a message English? The assistant reads English only, and says so instead of guessing.

`Language(known, identify).of(text, has_facts)` returns the message's language code ("en" when
it reads as English). Cheap checks first, the language-identification model last:

- no letters (digits, emoji, "?"): English;
- facts found by the lexicon (an English symptom, medicine, ...) among a quarter or more of
  known English words: English;
- mostly letters of another script (Cyrillic, Arabic, CJK, ...): that language;
- a single short word ("ok", "si"): English, an answer the conversation can handle;
- half or more of the words are English words the assistant knows (its lexicon and the words
  of its English training examples): English, whatever a model says about a short message;
- otherwise the model (py3langid, its model in the wheel): another language when it is
  confident, or when no word at all is English and the model does not say English; else English.
  (A message read as English that the assistant cannot follow still gets the rephrase request,
  which says it reads English only and names the emergency signs.)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Container

# a code and its probability
Identify = Callable[[str], tuple[str, float]]

WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
MIN_LETTERS = 8  # shorter than this, and a single word: too little to tell a language
ENGLISH_SHARE = 0.5
CONFIDENT = 0.9
FACTS_SHARE = 0.25  # with a fact found, this share of known English words is enough
# English as typed in a chat, without its apostrophes or in short: words of no other language's everyday use that the
# training examples may lack ("im in australia" read as German: round 34 c05, in a crisis)
CHAT_ENGLISH = frozenset(
    "im ive dont cant wont isnt doesnt didnt wasnt arent havent hasnt couldnt shouldnt wouldnt thats whats youre theyre "
    "hes shes lets ur u pls plz thx btw tbh idk lol omg ok okay yeah yep nope gonna wanna gotta kinda sorta".split()
)


def load_identifier() -> Identify:
    """py3langid's model (shipped in its wheel), probabilities normalised."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
    return lambda text: identifier.classify(text)


@dataclass
class Language:
    known: Container[str]  # English words, lower-case
    identify: Identify

    def of(self, text: str, has_facts: bool = False) -> str:
        text = unicodedata.normalize("NFKC", text)  # a phone's fullwidth "ｉ ｐａｓｓｅｄ ｏｕｔ" is Latin letters
        letters = [c for c in text if c.isalpha()]
        if not letters:
            return "en"
        if sum(c.isascii() for c in letters) / len(letters) < 0.5:
            code, _ = self.identify(text)
            return code if code != "en" else "und"  # another script, whatever the model says
        words = WORD.findall(text.lower())
        if len(words) < 2 and len(letters) < MIN_LETTERS:
            return "en"
        share = sum(w in self.known or w.replace("'", "") in self.known or w in CHAT_ENGLISH for w in words) / len(words)
        # a fact the lexicon found is English, unless it stands nearly alone among words of another
        # language ("tengo un tic en el ojo": "tic" is a word of both)
        if share >= ENGLISH_SHARE or (has_facts and share >= FACTS_SHARE):
            return "en"
        code, probability = self.identify(text)
        if code != "en" and (probability >= CONFIDENT or share == 0):
            return code
        return "en"
