"""Shared fixtures: the knowledge base, rasa-sdk style trackers, and Rasa as shipped around every test."""

from __future__ import annotations

import sys
from typing import Any, Dict, Iterator, List

import pytest

from bot.knowledge.table import KnowledgeBase, default_kb
from ops.paths import ROOT

SHARED = ROOT.parent / "shared"


def put_rasa_back() -> Iterator[None]:
    """Whatever is patched in Rasa through the project's hooks meanwhile is put back after
    (tests/rasa_patches.py). With Rasa not loaded there is nothing to put back: the test modules
    that use Rasa import it when they are collected, before any test runs."""
    if "rasa" not in sys.modules:
        yield
        return
    from tests.rasa_patches import SavedRasa

    saved = SavedRasa.save()
    try:
        yield
    finally:
        saved.restore()


@pytest.fixture(autouse=True, scope="module")
def rasa_as_shipped_in_each_module() -> Iterator[None]:
    """Around each module: a fixture of the module's (a store filled once) may install the hooks."""
    yield from put_rasa_back()


@pytest.fixture(autouse=True)
def rasa_as_shipped() -> Iterator[None]:
    """Around each test: Rasa as shipped, whichever test ran before."""
    yield from put_rasa_back()


@pytest.fixture
def rasa_hooks() -> Iterator[None]:
    """The project's hooks installed in Rasa, as the server installs them where it starts; removed after the test."""
    from rasa_server import hooks
    from tests.rasa_patches import SavedRasa

    saved = SavedRasa.save()
    hooks.install()
    try:
        yield
    finally:
        saved.restore()


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return default_kb()


def entity(kind: str, value: str, role: str | None = None, text: str | None = None) -> Dict[str, Any]:
    out: Dict[str, Any] = {"entity": kind, "value": value}
    if role:
        out["role"] = role
    if text:
        out["text"] = text
    return out


def user_event(text: str, intent: str, entities: List[Dict[str, Any]] | None = None) -> Dict[str, Any]:
    """A user message as the Rasa server stores it: its parse data carries the reading the actions use."""
    reading = heard(default_kb(), text, entities or []).as_dict()
    return {
        "event": "user",
        "text": text,
        "parse_data": {
            "text": text,
            "intent": {"name": intent, "confidence": 1.0},
            "entities": entities or [],
            "reading": reading,
        },
    }


@pytest.fixture
def make_tracker():
    """Build a rasa_sdk Tracker from user turns: [(text, intent, entities), ...]."""
    from rasa_sdk import Tracker

    def _make(turns, slots=None, sender_id="test-user"):
        events = [user_event(*turn) for turn in turns]
        latest = events[-1]["parse_data"] if events else {}
        return Tracker(sender_id, slots or {}, latest, events, False, None, {}, "action_listen")

    return _make


@pytest.fixture(scope="session")
def spacy_nlp(tmp_path_factory):
    """The project's spaCy pipeline, built from the lexicon into a temporary folder."""
    import spacy

    from ops.build_spacy import build

    return spacy.load(build(tmp_path_factory.mktemp("spacy") / "twitch"))


@pytest.fixture(scope="session")
def extractor(spacy_nlp):
    from bot.nlu.extract import Extractor

    return Extractor(spacy_nlp)


def heard(kb, text, latest=()):
    """What the Rasa server understands from `text` by its rules (no meaning model): the
    questions it asks and its answers to the interview's questions, as the actions get them."""
    from bot.knowledge.table import default_interview
    from bot.understood import understand

    return understand(kb, text, list(latest), None, [q.id for q in default_interview().questions])
