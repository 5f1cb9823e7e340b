"""`make stats`: the figures of a tracker database the test fills as Rasa would, and the files.

Conversations are built with Rasa's own events, in the order Rasa logs them (the user's
message, the action, the messages it sent, its events, `action_listen`); the bot's side comes
from the project's real actions (actions/actions.py) run on that tracker, as the action
server would, and the trackers are saved by the project's tracker store, which erases a
conversation on "delete my data" exactly as in production. Sender ids and words are
distinctive, so the privacy test can look for them in everything written.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import re
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from rasa.core.actions.action import create_bot_utterance
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, Restarted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionConverse, ActionFoods, ActionForget, ActionSummary
from bot.knowledge.contract import CAUSES
from bot.knowledge.table import default_interview
from ops import stats
from ops.paths import ROOT
from ops.stats import figures as figs
from ops.stats.store import StoreError, engine_for, read_events
from rasa_server.stores import EnvSQLTrackerStore
from tests.conftest import entity

DAY1, DAY2, DAY3 = "2024-03-04", "2024-03-05", "2024-03-07"  # 2024-03-06 is a quiet day
SECRET = "ZQX"  # in every sender id and every message of the fixtures


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain.yml"))


def at(day: str, hour: int = 10) -> float:
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00+00:00").timestamp()


class Script:
    """One sender's stored events, built turn by turn as Rasa logs them, a second apart."""

    def __init__(self, sender: str, domain: Domain) -> None:
        self.sender, self.domain, self.events, self.clock = f"web:{SECRET}-{sender}", domain, [], 0.0

    def add(self, *events: Event) -> None:
        for event in events:
            event.timestamp = self.clock
            self.clock += 1
            self.events.append(event)

    def session(self, day: str, hour: int = 10) -> Script:
        """A new session: Rasa's action_session_start, carrying the slots over (domain.yml)."""
        self.clock = at(day, hour)
        tracker = self.tracker()
        carried = [SlotSet(e.key, e.value) for e in tracker.applied_events() if isinstance(e, SlotSet)]
        self.add(ActionExecuted(ACTION_SESSION_START_NAME), SessionStarted(), *carried, ActionExecuted(ACTION_LISTEN_NAME))
        return self

    def tracker(self) -> DialogueStateTracker:
        return DialogueStateTracker.from_events(self.sender, list(self.events), self.domain.slots)

    def user(self, words: str, intent: str, entities: list[dict] | None = None) -> None:
        text = f"{words} {SECRET}-said"
        self.add(UserUttered(text, {"name": intent, "confidence": 1.0}, entities or []))

    async def act(self, action: Action) -> list[dict]:
        """Run a real action on the tracker as the action server would; log what it did as Rasa does."""
        dispatcher = CollectingDispatcher()
        state = self.tracker().current_state(EventVerbosity.ALL)
        returned = await action.run(dispatcher, Tracker.from_dict(state), self.domain.as_dict())
        sent = [create_bot_utterance(dict(message)) for message in dispatcher.messages]
        self.add(ActionExecuted(action.name()), *sent, *[Event.from_parameters(dict(e)) for e in returned])
        return [m["custom"] for m in dispatcher.messages if m.get("custom")]

    async def turn(self, words: str, intent: str, entities: list[dict] | None = None, action: Action | None = None) -> list[dict]:
        """The person writes; the action answers (action_converse by default); Rasa listens again."""
        self.user(words, intent, entities)
        sent = await self.act(action or ActionConverse())
        self.add(ActionExecuted(ACTION_LISTEN_NAME))
        return sent

    def respond(self, words: str, intent: str, response: str) -> None:
        """A turn answered by one of domain.yml's fixed responses (a greeting, ...)."""
        self.user(words, intent)
        text = self.domain.responses[response][0]["text"]
        self.add(ActionExecuted(response), BotUttered(text), ActionExecuted(ACTION_LISTEN_NAME))

    async def delete(self, action_server_up: bool = True) -> None:
        """ "Delete my data", as data/rules.yml runs it: the fixed reply, then action_forget."""
        self.user("please delete everything", "delete_data")
        self.add(ActionExecuted("utter_delete_data"), BotUttered(self.domain.responses["utter_delete_data"][0]["text"]))
        if action_server_up:
            await self.act(ActionForget())
        else:  # rasa_server/hooks.py: action_forget still restarts
            self.add(ActionExecuted("action_forget"), Restarted())
        self.add(ActionExecuted(ACTION_LISTEN_NAME))

    def restart(self) -> None:
        """ "Start over", as data/rules.yml runs it: the fixed reply, then Rasa's action_restart."""
        self.user("start over", "start_over")
        self.add(ActionExecuted("utter_restarted"), BotUttered(self.domain.responses["utter_restarted"][0]["text"]))
        self.add(ActionExecuted("action_restart"), Restarted(), ActionExecuted(ACTION_LISTEN_NAME))


EYELID = [entity("symptom", "twitching", text=f"jumpy {SECRET}lid"), entity("body_part", "eyelid", text="eyelid")]
COFFEE = [*EYELID, entity("lifestyle_factor", "caffeine", text=f"{SECRET} brew")]
LONG = [entity("duration", "21", text="three weeks")]
CHEST = [entity("symptom", "chest_pain", text="chest hurts"), entity("symptom", "twitching")]
NO_CHEST = [entity("symptom", "chest_pain", role="absent", text="no chest pain")]
VEGAN_INDOORS = [entity("diet", "vegan", text="vegan"), entity("lifestyle_factor", "low_sun_exposure", text="never outside")]
TETANY = [entity("symptom", "tetany", text="hands curl"), entity("symptom", "twitching")]
CHILD = [entity("person", "child", text="my son"), entity("symptom", "twitching")]


def asked(script: Script) -> list[str]:
    """The interview_asked slot as the actions last set it."""
    slots = [e for e in script.events if isinstance(e, SlotSet) and e.key == "interview_asked"]
    return list(slots[-1].value) if slots else []


def level_of(sent: list[dict]) -> str:
    return next(p["triage"] for p in sent if p.get("type") in ("assessment", "escalation"))


def top_cause(sent: list[dict]) -> str:
    return next(p["causes"][0]["id"] for p in sent if p.get("type") == "assessment")


async def conversations(domain: Domain) -> tuple[list[Script], dict[str, Any]]:
    """The fixture conversations, and what the real actions did in them that the figures must show."""
    seen: dict[str, Any] = {}

    # Day 1: a whole interview to an assessment; and a greeting with nothing after it.
    a = Script("assessed", domain).session(DAY1)
    await a.turn("my eyelid keeps jumping", "describe_symptoms", EYELID)
    await a.turn("three weeks now", "give_info", LONG)
    final = await a.turn("so what is it", "ask_assessment", COFFEE)
    seen["a_level"], seen["a_cause"] = level_of(final), top_cause(final)
    await a.turn("and a summary please", "ask_summary", action=ActionSummary())
    seen["a_questions"] = len(asked(a))

    m = Script("straight", domain).session(DAY1, 12)  # straight to the assessment: no question
    straight = await m.turn("my eyelid jumps, what is it", "ask_assessment", COFFEE)
    seen["m_level"], seen["m_cause"] = level_of(straight), top_cause(straight)

    b = Script("greeting", domain).session(DAY1, 11)
    b.respond("hello there", "greet", "utter_greet")

    # Day 2: a red flag escalated at once, then taken back; an interview left after one question.
    c = Script("emergency", domain).session(DAY2)
    seen["c_sent"] = await c.turn("my chest hurts and my arm twitches", "describe_symptoms", CHEST)
    seen["c_after"] = await c.turn("sorry, no chest pain, what is it", "ask_assessment", NO_CHEST)  # a lower level after
    seen["c_last"] = await c.turn("i am vegan and never outside", "give_info", VEGAN_INDOORS)  # a new leader

    d = Script("left", domain).session(DAY2, 12)
    await d.turn("my eyelid keeps jumping", "describe_symptoms", EYELID)
    seen["d_questions"] = len(asked(d))

    # Day 2, then day 3: one person, two sessions; the questions carried over are not asked again.
    e = Script("twice", domain).session(DAY2, 14)
    await e.turn("my eyelid keeps jumping", "describe_symptoms", EYELID)
    seen["e_first"] = len(asked(e))
    e.session(DAY3, 9)
    await e.turn("it is still jumping", "describe_symptoms", EYELID)
    seen["e_second"] = len(asked(e)) - seen["e_first"]

    # Day 3: deleted after an interview (then a new greeting); deleted while the action server was down.
    f = Script("deleted", domain).session(DAY3, 10)
    await f.turn("my eyelid keeps jumping", "describe_symptoms", EYELID)
    await f.delete()
    f.respond("hi again", "greet", "utter_greet")
    g = Script("deleted-down", domain).session(DAY3, 11)
    await g.turn("my eyelid keeps jumping", "describe_symptoms", EYELID)
    await g.delete(action_server_up=False)

    # Day 3: tetany (urgent) then an assessment; a parent asking about a child; a restart mid-interview.
    h = Script("urgent", domain).session(DAY3, 12)
    seen["h_sent"] = await h.turn("my hands curl up and twitch", "describe_symptoms", TETANY)
    seen["h_final"] = await h.turn("what could it be", "ask_assessment", TETANY)
    await h.turn("which foods help", "ask_foods", action=ActionFoods())

    i = Script("child", domain).session(DAY3, 13)
    seen["i_sent"] = await i.turn("my son's eyelid twitches", "describe_symptoms", CHILD)

    k = Script("restarted", domain).session(DAY3, 15)
    await k.turn("my eyelid keeps jumping", "describe_symptoms", EYELID)
    k.restart()
    await k.turn("my eyelid keeps jumping", "describe_symptoms", EYELID)

    # A session the person never wrote in (a widget opened and closed) is no conversation.
    quiet = Script("quiet", domain).session(DAY3, 16)
    return [a, b, m, c, d, e, f, g, h, i, k, quiet], seen


async def fill_store(store: EnvSQLTrackerStore, domain: Domain) -> dict[str, Any]:
    """Save the fixture conversations as the Rasa server would; what the actions did in them."""
    scripts, seen = await conversations(domain)
    for script in scripts:
        await store.save(script.tracker())
    store.engine.dispose()
    return seen


async def fill(path: Path, domain: Domain) -> dict[str, Any]:
    return await fill_store(EnvSQLTrackerStore(domain=domain, dialect="sqlite", db=str(path)), domain)


@pytest.fixture(scope="module")
def filled(tmp_path_factory, domain) -> tuple[Path, dict[str, Any]]:
    path = tmp_path_factory.mktemp("stats") / "tracker.db"
    return path, asyncio.run(fill(path, domain))


@pytest.fixture(scope="module")
def figures(filled) -> dict[str, Any]:
    path, _ = filled
    engine = engine_for(None, {"dialect": "sqlite", "db": str(path)})
    try:
        return figs.figures(figs.conversations(read_events(engine)))
    finally:
        engine.dispose()


def by(rows: list[dict], key: str) -> dict[str, int]:
    return {row[key]: row["conversations"] for row in rows}


# -- what the actions did, as the fixtures need it ---------------------------------------------------


def test_the_fixtures_hold_what_the_bot_really_sends(filled):
    _, seen = filled
    assert level_of(seen["c_sent"]) == "emergency" and seen["c_sent"][0]["type"] == "escalation"
    assert level_of(seen["c_after"]) in ("self_care", "doctor")  # taken back: the level it gave stays the highest
    assert level_of(seen["h_sent"]) == "urgent" and seen["h_sent"][0]["type"] == "escalation"
    assert level_of(seen["i_sent"]) == "doctor" and seen["i_sent"][0]["causes"] == []  # a child: no ranked causes
    assert seen["d_questions"] == 1 and seen["e_first"] == 1 and seen["e_second"] == 1
    assert seen["a_level"] in ("self_care", "doctor") and seen["a_questions"] == 2
    assert top_cause(seen["c_after"]) != top_cause(seen["c_last"])  # the last assessment's leader counts
    others = {top_cause(seen["h_final"]), top_cause(seen["c_last"])}
    assert seen["a_cause"] == seen["m_cause"] and seen["a_cause"] not in others  # one cause leads the ranking


# -- the figures ---------------------------------------------------------------------------------------


def test_conversations_per_day_fill_the_quiet_day(figures):
    # day 1: a, b, m; day 2: c, d, e's first session; day 3: e's second, f deleted and f's new
    # greeting, g deleted, h, i, and k twice (the restart begins a new one); the silent session is none
    assert by(figures["per_day"], "day") == {DAY1: 3, DAY2: 3, "2024-03-06": 0, DAY3: 8}
    assert figures["conversations"] == 14 and figures["deleted"] == 2
    assert figures["period"] == {"first_day": DAY1, "last_day": DAY3} and figures["timezone"] == "UTC"


def test_the_level_is_the_highest_given_and_deleted_ones_are_left_out(figures, filled):
    _, seen = filled
    expected = {"self_care": 0, "doctor": 1, "urgent": 1, "emergency": 1, "none": 7}  # i doctor, h urgent, c emergency
    expected[seen["a_level"]] += 1
    expected[seen["m_level"]] += 1
    assert by(figures["levels"], "level") == expected
    assert [row["level"] for row in figures["levels"]] == ["self_care", "doctor", "urgent", "emergency", "none"]


def test_escalations_are_counted_on_their_day_by_level(figures):
    per_day = {row["day"]: (row["urgent"], row["emergency"]) for row in figures["escalations_per_day"]}
    assert per_day == {DAY1: (0, 0), DAY2: (0, 1), "2024-03-06": (0, 0), DAY3: (1, 0)}


def test_top_causes_rank_the_cause_ranked_first_in_each_last_assessment(figures, filled):
    _, seen = filled
    # a and m share a first cause; h and c (its last assessment) have others; the child's assessment ranks none
    firsts = Counter([seen["a_cause"], seen["m_cause"], top_cause(seen["h_final"]), top_cause(seen["c_last"])])
    ranked = figures["top_causes"]
    assert by(ranked, "cause") == {cause: firsts[cause] for cause in CAUSES}  # every contract cause, nothing else
    assert ranked[0] == {"cause": seen["a_cause"], "conversations": 2}
    assert [row["cause"] for row in ranked] == sorted(CAUSES, key=lambda c: (-firsts[c], CAUSES.index(c)))  # ties: contract order


def test_questions_per_conversation_count_only_those_asked_in_it(figures):
    q = figures["questions_per_conversation"]
    # a: 2; d, e's first session and k's two parts: 1 each; e's second session puts its unanswered question again, no
    # new one; the greetings, the escalations, the child and the straight assessment: none
    asked = {"a": 2, "b": 0, "m": 0, "c": 0, "d": 1, "e1": 1, "e2": 0, "f2": 0, "h": 0, "i": 0, "k1": 1, "k2": 1}
    histogram = {row["questions"]: row["conversations"] for row in q["histogram"]}
    assert histogram == {n: sum(1 for v in asked.values() if v == n) for n in (0, 1, 2)}
    assert q["conversations"] == len(asked) == 12  # the two deleted ones are gone
    assert q["mean"] == round(sum(asked.values()) / len(asked), 2) and q["median"] == 0.0  # 7 of 12 with none


def test_drop_off_says_where_each_conversation_stopped(figures):
    # greeting: b and f's new greeting; interview: d, e1, e2, k1, k2; a level given: a, m, c (an
    # escalation), h, i; deleted: f, g
    assert by(figures["drop_off"], "stage") == {"greeting": 2, "interview": 5, "assessment": 5, "deleted": 2}


def test_the_deleted_conversation_left_only_its_deletion_behind(filled):
    path, _ = filled
    engine = engine_for(None, {"dialect": "sqlite", "db": str(path)})
    try:
        deleted = [e for e in read_events(engine) if e.sender.endswith("-deleted")]
    finally:
        engine.dispose()
    assert [e.kind for e in deleted][:2] == ["bot", "restart"] and deleted[0].value == {"type": "deleted"}


# -- reading the store ------------------------------------------------------------------------------------


def test_reading_changes_nothing_and_never_fetches_what_people_wrote(filled):
    path, _ = filled
    before = path.read_bytes()
    engine = engine_for(None, {"dialect": "sqlite", "db": str(path)})
    try:
        events = list(read_events(engine))
    finally:
        engine.dispose()
    assert path.read_bytes() == before
    assert events and all(e.value is None for e in events if e.kind == "user")
    assert not any(SECRET in json.dumps(e.value) for e in events if e.value is not None)


def test_a_missing_sqlite_file_is_an_error_and_is_not_created(tmp_path):
    missing = tmp_path / "none.db"
    with pytest.raises(StoreError, match="no tracker database"):
        engine_for(None, {"dialect": "sqlite", "db": str(missing)})
    assert not missing.exists()


def test_a_database_without_events_is_a_clear_error(tmp_path):
    import sqlite3

    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    engine = engine_for(None, {"dialect": "sqlite", "db": str(empty)})
    with pytest.raises(StoreError, match="no such table: events"):
        list(read_events(engine))


def test_postgresql_is_read_from_the_url_endpoints_yml_gives():
    from ops.proc import free_port

    port = free_port()  # nothing listens there
    engine = engine_for(
        "127.0.0.1", {"dialect": "postgresql", "port": str(port), "db": "twitch", "username": "u", "password": "p"}
    )
    assert (engine.url.host, engine.url.port, engine.url.database, engine.url.username) == ("127.0.0.1", port, "twitch", "u")
    with pytest.raises(StoreError, match="cannot read the tracker database"):
        list(read_events(engine))


@pytest.mark.integration
def test_postgresql_gives_the_same_figures_read_only(domain, figures, tmp_path):
    """A throwaway PostgreSQL (ops/services.py) on 127.0.0.1, filled like the SQLite file."""
    import sqlalchemy as sa

    from ops import services

    pg = services.start_postgres()
    try:
        store = EnvSQLTrackerStore(
            domain=domain,
            dialect="postgresql",
            host="127.0.0.1",
            port=pg.port,
            db=pg.database,
            username=pg.user,
            password=pg.password,
        )
        asyncio.run(fill_store(store, domain))
        out = tmp_path / "out"
        assert stats.main(["--out", str(out)], env=pg.env()) == 0
        saved = json.loads((out / "stats.json").read_text())
        assert saved["store"] == "postgresql"
        assert {k: v for k, v in saved.items() if k not in ("store", "generated_at")} == {
            k: v for k, v in figures.items() if k != "generated_at"
        }
        engine = engine_for(
            "127.0.0.1",
            {"dialect": "postgresql", "port": pg.port, "db": pg.database, "username": pg.user, "password": pg.password},
        )
        with pytest.raises(sa.exc.InternalError, match="read-only transaction"), engine.connect() as connection:
            connection.execute(sa.text("DELETE FROM events"))
        engine.dispose()
    finally:
        pg.stop()


# -- the files ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def written(filled, tmp_path_factory) -> Path:
    path, _ = filled
    out = tmp_path_factory.mktemp("out") / "stats"
    assert stats.main(["--out", str(out)], env={"TRACKER_DB": str(path)}) == 0
    return out


def test_the_json_holds_the_figures(written, figures):
    saved = json.loads((written / "stats.json").read_text())
    assert saved["store"] == "sqlite"
    assert {k: v for k, v in saved.items() if k not in ("store", "generated_at")} == {
        k: v for k, v in figures.items() if k != "generated_at"
    }


def test_no_sender_id_and_no_message_text_is_written(written, domain):
    files = [written / "stats.json", written / "stats.html", *sorted((written / "charts").glob("*.svg"))]
    assert len(files) == 8
    said = [q.text for q in default_interview().questions]
    said.append(domain.responses["utter_greet"][0]["text"])
    for file in files:
        text = file.read_text()
        assert SECRET not in text and "web:" not in text, file.name  # ids, messages and entity words
        assert not any(sentence in text for sentence in said), file.name  # nor what the bot said


def test_the_page_runs_nothing_loads_nothing_and_allows_only_its_own_style(written):
    page = (written / "stats.html").read_text()
    assert "<script" not in page.lower() and not re.search(r"\son\w+\s*=", page) and " style=" not in page
    assert not re.search(r"(src|href)\s*=\s*\"(?!#)", page)  # only links within the page
    assert set(re.findall(r"https?://[^\s\"'<]+", page)) == {"http://www.w3.org/2000/svg"}  # a namespace, not fetched
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in policy and "default-src 'none'" in policy


def test_every_chart_is_named_and_followed_by_a_table_of_its_figures(written, figures):
    page = (written / "stats.html").read_text()
    assert '<html lang="en">' in page and "<title>" in page and page.count("<h1>") == 1
    sections = re.findall(r"<section .*?</section>", page, re.S)
    assert len(sections) == 6
    for section in sections:
        svg = re.search(r"<svg [^>]*>", section).group(0)
        assert 'role="img"' in svg and "aria-labelledby" in svg
        assert "<title id=" in section and "<desc id=" in section and "<h2" in section
        assert section.index("</svg>") < section.index("<table>") and '<th scope="col"' in section
    per_day = sections[0]
    for row in figures["per_day"]:
        assert f'<th scope="row">{row["day"]}</th><td class="n">{row["conversations"]}</td>' in per_day
    drop_off = sections[5]
    assert '<th scope="row">Deleted by the person</th>' in drop_off and ">2</td>" in drop_off
    assert "Day (UTC)" in page and "Conversations" in page  # axis titles


def test_the_chart_files_are_standalone_svg(written):
    import xml.etree.ElementTree as ET

    for svg in (written / "charts").glob("*.svg"):
        root = ET.parse(svg).getroot()
        assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.find("{http://www.w3.org/2000/svg}title") is not None


def test_make_stats_without_a_database_says_so(tmp_path, capsys):
    out = tmp_path / "out"
    assert stats.main(["--out", str(out)], env={"TRACKER_DB": str(tmp_path / "none.db")}) == 1
    assert "no tracker database" in capsys.readouterr().err and not out.exists()


def test_an_empty_store_gives_empty_figures(tmp_path, domain):
    store = EnvSQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "t.db"))  # creates the table
    store.engine.dispose()
    out = tmp_path / "out"
    assert stats.main(["--out", str(out)], env={"TRACKER_DB": str(tmp_path / "t.db")}) == 0
    saved = json.loads((out / "stats.json").read_text())
    assert saved["conversations"] == 0 and saved["per_day"] == [] and saved["period"] is None
    assert "No conversations to count yet" in (out / "stats.html").read_text()


# -- the pieces ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "top, ticks",
    [(0, [0, 1]), (3, [0, 1, 2, 3]), (7, [0, 2, 4, 6, 8]), (23, [0, 5, 10, 15, 20, 25]), (120, [0, 50, 100, 150])],
)
def test_axis_ticks_are_round_and_cover_the_top(top, ticks):
    from ops.stats.charts import nice_ticks

    assert nice_ticks(top) == ticks


def test_days_are_utc():
    late = datetime(2024, 3, 4, 23, 30, tzinfo=timezone.utc).timestamp()
    assert figs.day_of(late) == "2024-03-04" and figs.day_of(None) is None
    assert figs.day_range(["2024-02-28", "2024-03-01"]) == ["2024-02-28", "2024-02-29", "2024-03-01"]


# -- the page in a browser ------------------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"  # Debian's (scripts/setup.sh); never a downloaded one
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"  # from web/package-lock.json


def open_page(browser: Any, url: str, width: int, **context: Any) -> tuple[Any, list[str]]:
    page = browser.new_context(viewport={"width": width, "height": 800}, **context).new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(url)
    return page, errors


@pytest.mark.integration
def test_the_page_in_chromium_keeps_its_policy_fits_a_phone_and_passes_axe(written, tmp_path):
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "chromium is missing: `make setup` installs Debian's chromium"
    assert AXE.exists(), "axe-core is missing: `make setup` installs web/node_modules"
    tampered = tmp_path / "tampered.html"  # the same page with a stylesheet its policy does not name
    tampered.write_text((written / "stats.html").read_text().replace("<style>", "<style>p { color: red; }"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            page, errors = open_page(browser, (written / "stats.html").as_uri(), 375)
            assert errors == []  # nothing refused by the policy
            assert page.evaluate("getComputedStyle(document.body).maxWidth") != "none"  # its own stylesheet applies
            assert page.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scrolling on a phone
            assert page.locator("svg[role=img]").count() == 6 and page.locator("table").count() == 6

            page, errors = open_page(browser, tampered.as_uri(), 375)
            assert any("Content Security Policy" in e for e in errors)  # the policy is really enforced
            assert page.evaluate("getComputedStyle(document.body).maxWidth") == "none"

            for width in (375, 1280):
                page, _ = open_page(browser, (written / "stats.html").as_uri(), width, bypass_csp=True)  # to add axe
                page.add_script_tag(path=str(AXE))
                result = page.evaluate(
                    "axe.run(document).then(r => ({rules: r.passes.length + r.violations.length,"
                    " bad: r.violations.filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id)}))"
                )
                assert result["rules"] > 20 and result["bad"] == [], width
        finally:
            browser.close()


def test_the_cli_has_it_too(filled, tmp_path, monkeypatch):
    from ops import cli

    path, _ = filled
    monkeypatch.setenv("TRACKER_DB", str(path))
    assert cli.main(["stats", "--out", str(tmp_path / "out")]) == 0
    assert json.loads((tmp_path / "out" / "stats.json").read_text())["conversations"] == 14
