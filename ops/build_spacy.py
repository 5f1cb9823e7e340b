"""Build the project's spaCy pipeline from the lexicon: no download, no pretrained weights.

The pipeline is `spacy.blank("en")` with a lookup lemmatizer (tables from
spacy-lookups-data) and a `span_ruler` whose patterns are every lexicon phrase, matched on
the lowercase text and on lemmas. It also carries a table of known English words, used to
tell a misspelling ("twiching") from a real word. `meta.json` records the SHA-256 of the
lexicon it was built from, so a Rasa model trained against another lexicon refuses to run.

Usage: python -m ops.build_spacy [OUT_DIR]   (default build/spacy_twitch)
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import Any

from bot.knowledge.table import LEXICON_PATH, Lexicon, parse_lexicon
from bot.nlu.labels import KNOWN_WORDS_TABLE, SPANS_KEY, label, lexicon_sha
from ops.paths import ROOT

DEFAULT_OUT = ROOT / "build" / "spacy_twitch"
def _english_words() -> set[str]:
    """Real English words (inflected forms and frequent words), so only non-words are corrected."""
    import spacy_lookups_data

    data = Path(spacy_lookups_data.__file__).parent / "data"
    with gzip.open(data / "en_lemma_lookup.json.gz", "rt", encoding="utf-8") as handle:
        lemmas = json.load(handle)
    with gzip.open(data / "en_lexeme_prob.json.gz", "rt", encoding="utf-8") as handle:
        probs = json.load(handle)
    words = {w.lower() for w in lemmas} | {w.lower() for w in lemmas.values()}
    # log-probability above -16: words people really write ("twice", "espresso"), not typos ("cofee": -17.1)
    words |= {w.lower() for w, p in probs.items() if p > -16 and w.isalpha()}
    return words


def _outside_words(path: Path) -> set[str]:
    """The words of the things people take that the documents do not cover (outside.yml): real words, never typos of
    the lexicon's ("thiamine" is no misspelt "thiazide", round 37 c08: a water pill made up)."""
    import yaml

    if not path.exists():
        return set()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {w for v in data.values() for phrase in v for w in str(phrase).lower().split() if w.isalpha()}


def patterns(nlp: Any, lexicon: Lexicon) -> list[dict]:
    """A phrase pattern (lowercase text) and a lemma pattern for every lexicon phrase."""
    out: list[dict] = []
    seen: set[tuple[str, tuple[str, ...]]] = set()
    listed = {p for values in (*lexicon.phrases.values(), *lexicon.denials.values()) for ps in values.values() for p in ps}
    lemmatize = nlp.get_pipe("lemmatizer")
    sections = [(lexicon.phrases, False), (lexicon.denials, True)]
    # a lemma two labels' phrases share ("buzzed" jitters, "buzzing" tingling) is ambiguous: each
    # phrase then matches only as written
    labels_of: dict[tuple[str, ...], set[str]] = {}
    for phrases_by_type, denial in sections:
        for kind, values in phrases_by_type.items():
            for value, phrases in values.items():
                for phrase in phrases:
                    key = tuple(t.lemma_.lower() or t.text for t in lemmatize(nlp.make_doc(phrase)))
                    labels_of.setdefault(key, set()).add(label(kind, value, denial))
    for phrases_by_type, denial in sections:
        for kind, values in phrases_by_type.items():
            for value, phrases in values.items():
                for phrase in phrases:
                    lab = label(kind, value, denial)
                    out.append({"label": lab, "pattern": phrase})
                    plural = phrase + ("es" if phrase.endswith(("sh", "ch", "x")) else "s")
                    if phrase.isalpha() and len(phrase) > 3 and not phrase.endswith("s") and plural not in listed:
                        out.append({"label": lab, "pattern": plural})  # "monsters", "espressos"
                    doc = lemmatize(nlp.make_doc(phrase))
                    lemmas = tuple(t.lemma_.lower() or t.text for t in doc)
                    # only regular inflections: "calves" -> calf, not "drunk" -> drink
                    regular = all(lem[:3] == tok.text[:3] for lem, tok in zip(lemmas, doc, strict=True))
                    # a lone -ing word would match its verb in any sense ("tripping" -> "a climbing
                    # trip", "shaking" -> "shake my foot"): its forms are listed in the lexicon instead
                    regular = regular and not (len(doc) == 1 and phrase.endswith("ing"))
                    inflects = lemmas != tuple(t.text for t in doc)
                    # "the runs", "the shakes": an idiom in the plural; "after the run" is a run
                    idiom = len(doc) > 1 and doc[0].text == "the" and doc[-1].text != lemmas[-1]
                    if regular and inflects and not idiom and len(labels_of[lemmas]) == 1 and (lab, lemmas) not in seen:
                        seen.add((lab, lemmas))
                        out.append({"label": lab, "pattern": [{"LEMMA": lemma} for lemma in lemmas]})
    return out


def build(out_dir: Path = DEFAULT_OUT, lexicon_path: Path = LEXICON_PATH) -> Path:
    import spacy
    import yaml

    lexicon = parse_lexicon(yaml.safe_load(lexicon_path.read_text(encoding="utf-8")))
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # loads the lemma tables; lemma patterns need them (E1004 otherwise)
    rules = patterns(nlp, lexicon)
    ruler = nlp.add_pipe(
        "span_ruler",
        config={
            "spans_key": SPANS_KEY,
            "phrase_matcher_attr": "LOWER",
            # overlapping matches: the longest wins ("not sleeping well" over "sleeping well")
            "spans_filter": {"@misc": "spacy.first_longest_spans_filter.v1"},
        },
    )
    ruler.add_patterns(rules)  # type: ignore[attr-defined]
    known = _english_words() | _outside_words(lexicon_path.parent / "outside.yml")
    nlp.vocab.lookups.add_table(KNOWN_WORDS_TABLE, dict.fromkeys(sorted(known), 1))
    nlp.meta["name"] = "twitch"
    nlp.meta["version"] = "1.0.0"
    nlp.meta["description"] = "Rule pipeline built from bot/knowledge/lexicon.yml (no trained weights)"
    nlp.meta["twitch"] = {"lexicon_sha": lexicon_sha(lexicon_path)}
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out_dir)
    return out_dir


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    out = Path(args[0]) if args else DEFAULT_OUT
    build(out)
    print(f"spaCy pipeline built from the lexicon in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
