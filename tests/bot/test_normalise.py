"""Text as phones and other apps type it is read as its plain form: every red flag escalates
under every kind of Unicode noise exactly as it does when typed plainly."""

from __future__ import annotations

import pytest

from bot.evidence import Evidence
from bot.nlu.normalise import normalise
from bot.reasoning import triage

# Red flags in the words of the tests (each escalates when typed plainly: checked below).
RED_FLAGS = [
    "i can't breathe properly",
    "my chest hurts and it feels tight",
    "i have chest pain since this morning",
    "i passed out at work yesterday",
    "i had a seizure last night",
    "my heart keeps skipping beats",
    "my hands cramped into claws",
    "i'm having trouble swallowing",
    "my speech is slurred",
    "i want to kill myself",
]

CYRILLIC = str.maketrans({"a": "\u0430", "e": "\u0435", "o": "\u043e", "c": "\u0441", "p": "\u0440"})


def fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" if c == " " else c for c in text)


def inside_words(mark: str):
    return lambda text: " ".join(w[:1] + mark + w[1:] if len(w) > 2 else w for w in text.split(" "))


NOISE = {
    "curly apostrophe": lambda t: t.replace("'", "\u2019"),
    "modifier apostrophe": lambda t: t.replace("'", "\u02bc"),
    "no-break spaces": lambda t: t.replace(" ", "\u00a0"),
    "narrow and em spaces": lambda t: t.replace(" ", "\u202f", 1).replace(" ", "\u2003"),
    "zero-width spaces": inside_words("\u200b"),
    "zero-width joiners": inside_words("\u200d"),
    "soft hyphens": inside_words("\u00ad"),
    "byte order mark": lambda t: "\ufeff" + t,
    "fullwidth forms": fullwidth,
    "cyrillic look-alikes": lambda t: t.translate(CYRILLIC),
    "accents": lambda t: t.replace("e", "\u00e9").replace("a", "\u00e0"),
    "combining accents": lambda t: t.replace("i", "i\u0301"),
    "double spaces and tabs": lambda t: t.replace(" ", "  \t"),
}


def level(kb, extractor, text: str) -> str:
    return triage(kb, Evidence.from_entities(extractor.extract(normalise(text)))).level


@pytest.mark.parametrize("text", RED_FLAGS)
def test_every_red_flag_of_the_table_escalates_when_typed_plainly(kb, extractor, text):
    assert level(kb, extractor, text) in ("urgent", "emergency")


# every kind of noise that changes the phrase (an apostrophe only where there is one)
NOISY = [(text, noise) for text in RED_FLAGS for noise in NOISE if NOISE[noise](text) != text]


@pytest.mark.parametrize("text, noise", NOISY, ids=[f"{n}: {t}" for t, n in NOISY])
def test_a_red_flag_under_unicode_noise_escalates_as_its_plain_form(kb, extractor, text, noise):
    assert level(kb, extractor, NOISE[noise](text)) == level(kb, extractor, text)


@pytest.mark.parametrize(
    "raw, plain",
    [
        ("i can\u2019t sleep", "i can't sleep"),
        ("\uff4d\uff59 \uff45\uff59\uff45\uff4c\uff49\uff44", "my eyelid"),
        ("twi\u200btching", "twitching"),
        ("caf\u00e9 au lait", "cafe au lait"),
        ("\u201cjumping\u201d \u2014 all day", '"jumping" - all day'),
        ("line one\nline\u00a0two", "line one\nline two"),
    ],
)
def test_the_plain_form(raw, plain):
    assert normalise(raw) == plain


def test_a_message_in_another_script_is_left_in_it():
    assert normalise("у меня болит грудь") == "у меня болит грудь"
    assert normalise("胸が痛い") == "胸が痛い"


def test_plain_text_is_returned_as_it_is():
    text = "my calf twitches after the gym, 3 coffees a day"
    assert normalise(text) is text


@pytest.mark.parametrize(
    "typed, plain",
    [
        ("hw much vit d shud i take per day", "how much vit d should i take per day"),
        ("U think I need a Dr?", "you think I need a doctor?"),
        ("twitching b4 bed bc of stress", "twitching before bed because of stress"),
    ],
)
def test_chat_shorthand_is_read_as_the_words_it_stands_for(typed, plain):
    assert normalise(typed) == plain


def test_shorthand_inside_a_word_a_command_or_a_contraction_is_left_alone():
    for text in ("/restart", "menu", "drink", "you're", "thumb", "bus"):
        assert normalise(text) == text


@pytest.mark.parametrize(
    "typed, plain",
    [
        ("been thinking about s*icide a lot", "been thinking about suicide a lot"),
        ("i feel su1c1dal", "i feel suicidal"),
        ("i want to k!ll myself", "i want to kill myself"),
        ("i feel s u i c i d a l tonight", "i feel suicidal tonight"),
        ("honestly might kms", "honestly might kill myself"),
    ],
)
def test_the_crisis_rows_words_typed_in_disguise_are_read_plainly(typed, plain):
    """People type these so that platforms do not hide them; before, none of them reached the crisis row."""
    assert normalise(typed) == plain


def test_look_alikes_of_disguise_are_left_alone():
    for text in ("ran 10 kms today", "did 5 kms", "b12 and d3 are low", "24/7", "a b c d e", "my b*tt is numb", "co2"):
        assert normalise(text) == text
