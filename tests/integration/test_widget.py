"""The web widget in a real browser: Debian's chromium (never a downloaded one) driven by
Playwright, on the page `make run` serves, against the real Rasa and action servers.

One conversation at phone size (375 x 740, the phone of issue 27's trials) is played once per
module; the tests then check what a person sees in it. Others check, on that phone, that quick
replies stay until the conversation moves on, that the input is visible and on screen, and
that the crisis card keeps its kind words. Another is played with the keyboard only (Tab, Enter and Space),
at 375 px and at 1280 px, from the greeting to the doctor's summary and its PDF, with
axe-core (web/node_modules, from the npm lock) checking the page on the way. Screenshots go
to results/screenshots/ (the ones in docs/ were copied from such a run).
"""

from __future__ import annotations

import datetime
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from bot.texts import CRISIS_CLOSING, CRISIS_OPENING, FOLLOW_UP_TITLES
from ops.paths import ROOT

pytestmark = pytest.mark.integration

CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", ROOT / "results" / "screenshots"))
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
BOT = ".rw-from-response .rw-message"
CHAT = ".rw-messages-container"
USER = ".rw-from-client .rw-message"
DESCRIPTION = (
    "My eyelid has been twitching for two weeks and I get calf cramps at night. I drink five energy drinks "
    "a day and sleep five hours. No weakness or numbness. I eat vegan."
)
ANIMAL_FOODS = ("salmon", "tuna", "beef", "chicken", "milk", "yogurt", "cheese", "egg", "liver", "sardine", "mackerel")


@pytest.fixture(scope="module")
def browser() -> Browser:
    assert Path(CHROMIUM).exists(), "chromium is missing: `make setup` installs Debian's chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        yield browser
        browser.close()


def bot_count(page: Page) -> int:
    return page.locator(BOT).count()


def wait_for_more(page: Page, selector: str, before: int, timeout_s: float = 60) -> None:
    """Poll until more elements match (the page's CSP forbids Playwright's string evaluation)."""
    deadline = time.monotonic() + timeout_s
    while page.locator(selector).count() <= before:
        assert time.monotonic() < deadline, f"no new {selector} within {timeout_s:.0f} s"
        page.wait_for_timeout(100)


def wait_for_bot(page: Page, before: int) -> None:
    wait_for_more(page, BOT, before)


def say(page: Page, text: str) -> None:
    box = page.locator(".rw-new-message")
    box.fill(text)
    box.press("Enter")


def open_chat(browser, stack, viewport=PHONE, init_script: str | None = None, **options):
    """A new browser context on the chat page, its greeting shown: the context, the page and
    the script errors the page raises (collected from before it loads)."""
    context = browser.new_context(viewport=viewport, **options)
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(stack.settings.web_url + "/")
    page.wait_for_selector(BOT, timeout=60_000)
    return context, page, errors


def reach_assessment(page: Page) -> None:
    """Tell DESCRIPTION, then answer each short question with its last quick reply ("Skip",
    "I don't know", "Neither"...), as a person in a hurry would, up to the assessment card."""
    say(page, DESCRIPTION)
    for _ in range(6):
        page.wait_for_selector(".twa-assessment, .rw-reply", timeout=60_000)
        if page.locator(".twa-assessment").count():
            break
        before = bot_count(page)
        page.locator(".rw-reply").last.click()
        wait_for_bot(page, before)
    page.wait_for_selector(".twa-assessment", timeout=60_000)
    page.wait_for_selector(".rw-reply", timeout=30_000)  # the follow-ups after the card


@pytest.fixture(scope="module")
def chat(browser, stack):
    """A page at phone size where a whole conversation ran up to the assessment card."""
    context, page, errors = open_chat(browser, stack)
    reach_assessment(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": PHONE["width"], "height": 2400})  # tall enough for the whole chat
    page.locator(".twa-assessment").last.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "widget-assessment.png"), full_page=True)
    page.set_viewport_size(PHONE)
    yield page, errors
    context.close()


def test_assessment_is_a_card_with_ranked_causes_banner_and_foods(chat):
    page, errors = chat
    card = page.locator(".twa-assessment").last
    causes = card.locator(".twa-cause")
    assert causes.count() == 3
    names = [causes.nth(i).locator(".twa-cause-name").inner_text() for i in range(3)]
    assert any("caffeine" in n.lower() or "stimulant" in n.lower() for n in names), names
    widths = [float(causes.nth(i).locator(".twa-score").get_attribute("aria-valuenow")) for i in range(3)]
    assert widths == sorted(widths, reverse=True) and widths[0] == 100
    assert "you mentioned caffeine" in " ".join(card.locator(".twa-why").all_inner_texts())  # its plain name
    banner = card.locator(".twa-banner")
    assert banner.count() == 1 and banner.get_attribute("role") == "status"
    assert "twa-level-" in banner.get_attribute("class")
    assert banner.locator(".twa-banner-action").inner_text().strip()
    # Foods that fit a vegan diet, as a list
    foods = [f.lower() for f in card.locator(".twa-food").all_inner_texts()]
    assert foods and not [f for f in foods if any(a in f for a in ANIMAL_FOODS)], foods
    # grouped by nutrient: each nutrient once as a heading, not repeated after every food
    nutrients = card.locator(".twa-food-group-name").all_inner_texts()
    assert nutrients and len(nutrients) == len(set(nutrients)), nutrients
    assert card.locator(".twa-food-nutrients").count() == 0
    assert "diagnose" in card.locator(".twa-disclaimer").inner_text()
    # The triage line is on the card, not repeated as a bubble; the follow-ups are quick replies.
    replies = page.locator(".rw-reply").all_inner_texts()
    assert {"Why?", "What should I eat?"} <= set(replies), replies
    assert errors == []


def test_card_fits_a_phone_screen(chat):
    page, _ = chat
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    box = page.locator(".twa-assessment").last.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert page.locator(".rw-new-message").is_visible()


def test_follow_up_quick_reply_answers_with_an_explanation(chat):
    page, _ = chat
    before = page.locator(".twa-text-card").count()
    page.locator(".rw-reply", has_text="Why?").last.click()
    wait_for_more(page, ".twa-text-card", before)
    card = page.locator(".twa-text-card").last
    text = card.inner_text()
    assert len(text) > 80 and "Sources" in text
    # the sources once: in the card's list, not also as the text's own "(Sources: ...)" line
    assert card.locator(".twa-sources").count() == 1 and "(Sources:" not in text, text


def test_reload_continues_the_same_conversation(chat):
    page, _ = chat
    page.reload()
    page.wait_for_selector(".twa-assessment", timeout=30_000)  # the history is back
    assert DESCRIPTION[:30] in page.locator(USER).first.inner_text()
    page.wait_for_timeout(500)
    assert page.locator(".twa-live p").count() == 0  # the history is not read out again
    before = page.locator(".twa-text-card").count()
    say(page, "Can I have a summary for my doctor?")
    wait_for_more(page, ".twa-text-card", before)
    summary = page.locator(".twa-text-card").last.inner_text()
    # The server still has the facts told before the reload.
    assert "2 weeks" in summary and "twitching" in summary.lower(), summary
    wait_for_more(page, ".twa-live p", 0)  # but the new summary is
    assert "summary" in page.locator(".twa-live").inner_text().lower()


def test_the_escalation_card_names_what_was_heard(browser, stack):
    context, page, _ = open_chat(browser, stack)
    say(page, "my arm keeps twitching and now I have chest pain")
    page.wait_for_selector(".twa-escalation", timeout=60_000)
    card = page.locator(".twa-escalation").last.inner_text()
    assert "What I heard: chest pain" in card and "emergency" in card.lower(), card
    # drawn in the emergency colours, from the levels config.js names (web/server.py widget_names)
    assert "twa-level-emergency" in page.locator(".twa-escalation .twa-banner").last.get_attribute("class")
    context.close()


def test_delete_my_data_clears_the_chat_in_the_browser_too(browser, stack):
    context, page, _ = open_chat(browser, stack)
    before = bot_count(page)
    say(page, "my calf has been twitching since Monday and I drink a lot of coffee")
    wait_for_bot(page, before)
    before = bot_count(page)
    say(page, "please delete my data")
    wait_for_bot(page, before)
    page.wait_for_selector(f"{BOT}:has-text('deleted this conversation')", timeout=30_000)
    page.reload()
    page.wait_for_selector(BOT, timeout=60_000)  # the greeting of a new conversation
    page.wait_for_timeout(1000)
    shown = " ".join(page.locator(".rw-message").all_inner_texts())
    assert page.locator(USER).count() == 0 and "calf" not in shown and "deleted" not in shown, shown
    context.close()


@pytest.mark.parametrize("attack", ["<img src=x onerror=alert(1)>", "[x](javascript:alert(1))"])
def test_markup_in_a_message_is_shown_not_run(browser, stack, attack):
    context, page, _ = open_chat(browser, stack)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    before = bot_count(page)
    say(page, attack)
    wait_for_bot(page, before)
    for link in page.locator(".rw-messages-container a").all():
        link.click(no_wait_after=True)
    page.wait_for_timeout(500)  # give a script, if one had been injected, the chance to run
    assert dialogs == []
    assert page.locator(".rw-messages-container img[src='x']").count() == 0
    assert page.locator(".rw-messages-container a[href^='javascript']").count() == 0
    assert attack.split("(")[0].strip("[<") in page.locator(USER).last.inner_text()
    context.close()


# -- On a phone: quick replies that stay, an input in sight, the crisis card's words ------------


def settled(page: Page, timeout_s: float = 60) -> None:
    """Wait until the bot has said all it had to say (no typing dots), and a moment more."""
    deadline = time.monotonic() + timeout_s
    page.wait_for_timeout(400)
    while page.locator(".rw-typing-indication").count():
        assert time.monotonic() < deadline, f"the bot was still typing after {timeout_s:.0f} s"
        page.wait_for_timeout(100)
    page.wait_for_timeout(600)


def shown_replies(page: Page) -> list[str]:
    replies = page.locator(".rw-reply")
    return [replies.nth(i).inner_text().strip() for i in range(replies.count()) if replies.nth(i).is_visible()]


def test_quick_replies_stay_after_a_follow_up_is_answered(browser, stack):
    """Tap-only users keep their buttons: a follow-up's answer (a card without choices of its
    own) leaves the follow-ups on screen, one set, in sight, and tapping one sends it."""
    context, page, _ = open_chat(browser, stack)
    reach_assessment(page)
    follow_ups = set(FOLLOW_UP_TITLES.values())
    for title in ("Why?", "What should I eat?"):
        before = bot_count(page)
        page.locator(".rw-reply", has_text=title).last.click()
        wait_for_bot(page, before)
        settled(page)
        shown = shown_replies(page)
        assert follow_ups <= set(shown) and len(shown) == len(set(shown)), (title, shown)
        assert all(in_viewport(page, page.locator(".rw-reply", has_text=t).last) for t in shown), shown
    page.screenshot(path=str(SCREENSHOTS / "widget-replies-stay-375.png"))
    said = [t.strip() for t in page.locator(USER).all_inner_texts()]
    assert said[-2:] == ["Why?", "What should I eat?"], said  # sent as the choices they name
    assert page.locator(".twa-foods-card").count() >= 1  # and answered
    assert_input_in_sight(page)
    context.close()


def luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


INPUT_LOOK = """(() => { const box = document.querySelector('.rw-new-message');
  const around = getComputedStyle(box.closest('.rw-sender')), own = getComputedStyle(box);
  return {width: parseFloat(own.borderTopWidth), style: own.borderTopStyle, colour: own.borderTopColor,
          around: around.backgroundColor, page: document.documentElement.scrollHeight}; })()"""


def assert_input_in_sight(page: Page) -> None:
    """The message box is on screen without scrolling the page, with a border one can see
    (WCAG's 3:1 for the outline of a control, against what surrounds it)."""
    box = page.locator(".rw-new-message")
    assert box.is_visible() and in_viewport(page, box), box.bounding_box()
    look = page.evaluate(INPUT_LOOK)
    assert look["page"] <= PHONE["height"], look  # nothing below the fold
    assert look["width"] >= 1 and look["style"] != "none", look
    assert contrast(look["colour"], look["around"]) >= 3, look


def test_the_input_is_visible_and_on_screen_on_a_phone(browser, stack):
    context, page, _ = open_chat(browser, stack)
    page.wait_for_timeout(300)
    assert_input_in_sight(page)  # on the first screen, with its notes and examples
    before = bot_count(page)
    say(page, "my calf twitches at night")
    wait_for_bot(page, before)
    settled(page)
    assert_input_in_sight(page)  # once the chat has started
    context.close()


def test_the_crisis_card_keeps_its_kind_words(browser, stack):
    """The crisis answer in the widget says what the bot says everywhere: its kind opening and
    closing, not only the banner; and the interview's choices do not stay after it."""
    context, page, _ = open_chat(browser, stack)
    say(page, "my eyelid has been twitching for a month")
    page.wait_for_selector(".rw-reply", timeout=60_000)  # an interview question and its choices
    say(page, "honestly I just want to die")
    page.wait_for_selector(".twa-escalation", timeout=60_000)
    settled(page)
    page.screenshot(path=str(SCREENSHOTS / "widget-crisis-375.png"))
    card = page.locator(".twa-escalation").last
    assert "twa-crisis" in card.get_attribute("class")  # the self-harm flag config.js names
    text = card.inner_text()
    assert CRISIS_OPENING in text and CRISIS_CLOSING in text, text
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s) > 20]
    assert len(sentences) == len(set(sentences)), text  # each thing once: not again in the banner
    assert shown_replies(page) == []
    context.close()


# -- The first screen ------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_the_first_screen_says_what_to_know_before_chatting(browser, stack, viewport):
    context, page, _ = open_chat(browser, stack, viewport)
    page.wait_for_timeout(300)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"widget-first-screen-{viewport['width']}.png"))
    emergency = page.locator(".twa-emergency")
    assert emergency.is_visible() and in_viewport(page, emergency)
    said = emergency.inner_text().lower()
    assert all(sign in said for sign in ("chest pain", "breathing", "fainting")) and "emergency number now" in said
    notes = page.locator(".twa-first").inner_text()
    assert "English only" in notes
    assert "server" in notes and "browser" in notes and "delete my data" in notes  # where it is kept, how to erase it
    examples = page.locator("button.twa-example")
    assert examples.count() >= 2 and all(examples.nth(i).is_visible() for i in range(examples.count()))
    if viewport is PHONE:
        header = page.locator(".twa-header").bounding_box()
        assert header is not None and header["height"] <= 0.1 * PHONE["height"], header  # a compact header on phones
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


def test_an_example_message_sends_itself_and_the_first_screen_folds(browser, stack):
    context, page, _ = open_chat(browser, stack)
    example = page.locator("button.twa-example").first
    text = example.get_attribute("data-twa-say")
    before = bot_count(page)
    example.click()
    wait_for_bot(page, before)
    assert page.locator(USER).last.inner_text().strip() == text
    assert page.locator(".rw-new-message").input_value() == ""  # sent, not left in the box
    # once the chat has started, the examples and notes make room for it; the emergency line stays
    assert not example.is_visible() and not page.locator(".twa-notes").is_visible()
    assert page.locator(".twa-emergency").is_visible()
    context.close()


def in_viewport(page: Page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return box is not None and size is not None and box["y"] >= 0 and box["y"] + box["height"] <= size["height"]


# -- Keyboard only, screen readers, axe -------------------------------------------------------

# The quick replies that tell nothing, so the interview runs its whole length.
NEUTRAL = ("Skip", "I don't know", "Not sure", "Neither")
# What the focused element is, read without Playwright's string evaluation (the page's CSP).
FOCUSED = """(() => { const e = document.activeElement; if (!e || e === document.body) return null;
  const style = getComputedStyle(e);
  return {tag: e.tagName, cls: String(e.className), text: (e.textContent || '').trim(), role: e.getAttribute('role'),
          tabindex: e.getAttribute('tabindex'), outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth)}; })()"""
AXE_RUN = (
    "axe.run(document, {resultTypes: ['violations']}).then(r => ({rules: r.passes.length + r.violations.length,"
    " violations: r.violations.filter(v => ['serious', 'critical'].includes(v.impact)).map(v =>"
    " v.impact + ' ' + v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))}))"
)
# Printing opens no dialog in the test: the call is counted instead.
COUNT_PRINTS = "window.print = () => { window.twaPrints = (window.twaPrints || 0) + 1; };"


@dataclass
class KeyboardRun:
    """What a keyboard-only conversation met on the way."""

    page: Page
    width: int
    violations: dict[str, list[str]] = field(default_factory=dict)
    rules_run: list[int] = field(default_factory=list)
    pressed: list[dict] = field(default_factory=list)  # each quick reply pressed: how it looked and which key
    focus_on_arrival: list[dict | None] = field(default_factory=list)  # where focus was when new choices came
    download_name: str = ""
    download_head: bytes = b""


def focused(page: Page) -> dict | None:
    return page.evaluate(FOCUSED)


def tab_to(page: Page, wanted, limit: int = 60) -> dict:
    """Press Tab until the focused element is the one wanted; what it is."""
    for _ in range(limit):
        now = focused(page)
        if now is not None and wanted(now):
            return now
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached it in {limit} presses (last: {focused(page)})")


def check_with_axe(page: Page, run: KeyboardRun, moment: str) -> None:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))  # evaluated by the browser's debugger: the CSP stays on
    result = page.evaluate(AXE_RUN)
    run.violations[moment] = result["violations"]
    run.rules_run.append(result["rules"])


def is_reply(element: dict | None) -> bool:
    return element is not None and "rw-reply" in element["cls"]


def wait_for_choices_or(page: Page, selector: str, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while not page.locator(f".rw-reply, {selector}").count():
        assert time.monotonic() < deadline, f"neither quick replies nor {selector} within {timeout_s:.0f} s"
        page.wait_for_timeout(100)
    page.wait_for_timeout(300)  # focus follows the choices when they are drawn


def play_interview_by_keyboard(page: Page, run: KeyboardRun) -> None:
    """Answer every interview question with a neutral quick reply, by Tab and Enter or Space."""
    for step in range(6):
        wait_for_choices_or(page, ".twa-assessment")
        if page.locator(".twa-assessment").count():
            return
        run.focus_on_arrival.append(focused(page))
        if step == 1:
            page.screenshot(path=str(SCREENSHOTS / f"widget-keyboard-{run.width}.png"))
            check_with_axe(page, run, "interview")
        reply = tab_to(page, lambda e: is_reply(e) and e["text"] in NEUTRAL)
        key = "Enter" if step % 2 == 0 else "Space"
        run.pressed.append({**reply, "key": key})
        before = bot_count(page)
        page.keyboard.press(key)
        wait_for_bot(page, before)
    raise AssertionError("no assessment after six questions")


@pytest.fixture(scope="module", params=[PHONE, DESKTOP], ids=["375px", "1280px"])
def keyboard_chat(request, browser, stack):
    """Greeting to summary and its PDF with Tab, Enter and Space only: no mouse, no typing."""
    viewport = request.param
    context, page, _ = open_chat(browser, stack, viewport, init_script=COUNT_PRINTS, accept_downloads=True)
    run = KeyboardRun(page, viewport["width"])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    check_with_axe(page, run, "first screen")
    tab_to(page, lambda e: "twa-example" in e["cls"])
    before = bot_count(page)
    page.keyboard.press("Enter")  # an example message sends itself
    wait_for_bot(page, before)
    play_interview_by_keyboard(page, run)
    page.wait_for_selector(".twa-assessment", timeout=60_000)
    wait_for_choices_or(page, ".twa-summary")  # the follow-ups after the card
    run.focus_on_arrival.append(focused(page))
    tab_to(page, lambda e: is_reply(e) and e["text"] == "Summary for my doctor")
    page.keyboard.press("Space")
    page.wait_for_selector(".twa-summary", timeout=60_000)
    page.wait_for_timeout(500)
    run.focus_on_arrival.append(focused(page))
    check_with_axe(page, run, "summary")
    tab_to(page, lambda e: e["tag"] == "BUTTON" and e["text"] == "Print")
    page.keyboard.press("Enter")
    tab_to(page, lambda e: e["tag"] == "BUTTON" and e["text"] == "Download PDF")
    with page.expect_download(timeout=60_000) as download:
        page.keyboard.press("Enter")
    run.download_name = download.value.suggested_filename
    run.download_head = Path(download.value.path()).read_bytes()[:5]
    page.set_viewport_size({"width": viewport["width"], "height": 2400})  # the whole chat
    page.locator(f"{CHAT} .twa-summary").last.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / f"widget-summary-{run.width}.png"), full_page=True)
    page.set_viewport_size(viewport)
    yield run
    context.close()


def test_axe_finds_no_serious_or_critical_violations(keyboard_chat):
    assert set(keyboard_chat.violations) == {"first screen", "interview", "summary"}
    assert all(count > 20 for count in keyboard_chat.rules_run)  # axe really ran its rules
    assert keyboard_chat.violations == {"first screen": [], "interview": [], "summary": []}


def test_quick_replies_are_buttons_reached_by_tab_and_pressed_by_enter_and_space(keyboard_chat):
    pressed = keyboard_chat.pressed
    assert len(pressed) >= 2 and {p["key"] for p in pressed} == {"Enter", "Space"}
    for reply in pressed:
        assert reply["role"] == "button" and reply["tabindex"] == "0", reply
        assert reply["outline"] != "none" and reply["outlineWidth"] >= 2, reply  # a visible focus ring
    # each answer was sent as the user's message
    answers = [t.strip() for t in keyboard_chat.page.locator(USER).all_inner_texts()]
    assert [p["text"] for p in pressed] == [a for a in answers if a in NEUTRAL][: len(pressed)]


def test_after_a_choice_by_keyboard_focus_goes_to_the_next_choices(keyboard_chat):
    questions, follow_ups, summary = (
        keyboard_chat.focus_on_arrival[:-2],
        keyboard_chat.focus_on_arrival[-2],
        keyboard_chat.focus_on_arrival[-1],
    )
    assert questions and all(is_reply(f) for f in questions), questions  # no Tab through the page again
    assert is_reply(follow_ups), follow_ups
    assert summary is not None and summary["text"] == "Print", summary  # the summary's first button


def test_the_input_and_the_send_button_are_labelled(keyboard_chat):
    page = keyboard_chat.page
    assert page.locator(".rw-new-message").get_attribute("aria-label")
    assert page.get_by_role("button", name="Send", exact=True).count() == 1


def test_new_bot_messages_are_read_out_in_a_live_region(keyboard_chat):
    live = keyboard_chat.page.locator(".twa-live")
    assert live.get_attribute("role") == "log" and live.get_attribute("aria-live") == "polite"
    said = live.inner_text()
    assert "Question" in said and "Choices:" in said and "summary" in said.lower(), said


def test_the_interview_says_which_question_of_how_many(keyboard_chat):
    places = keyboard_chat.page.locator(".twa-progress-text").all_inner_texts()
    numbers = [tuple(map(int, re.fullmatch(r"Question (\d+) of (\d+)", p).groups())) for p in places]
    assert [n for n, _ in numbers] == list(range(1, len(numbers) + 1)) and len(numbers) >= 2, places
    assert all(number <= total <= 4 for number, total in numbers), places


def test_the_summary_downloads_as_a_dated_pdf(keyboard_chat):
    assert keyboard_chat.download_name == f"twitch-summary-{datetime.date.today().isoformat()}.pdf"
    assert keyboard_chat.download_head.startswith(b"%PDF")
    status = keyboard_chat.page.locator(f"{CHAT} .twa-summary .twa-card-status").last.inner_text()
    assert keyboard_chat.download_name in status


def test_print_prints_the_summary_alone(keyboard_chat):
    page = keyboard_chat.page
    assert page.evaluate("window.twaPrints") == 1
    page.emulate_media(media="print")
    try:
        page.screenshot(path=str(SCREENSHOTS / f"widget-summary-print-{keyboard_chat.width}.png"), full_page=True)
        printed = page.locator(".twa-print-root .twa-summary")
        assert printed.is_visible() and "Symptoms:" in printed.inner_text()
        assert page.locator(".twa-print-root .twa-print-date").inner_text().startswith("Printed on ")
        assert printed.locator(".twa-sources li").first.is_visible()  # its sources, opened
        assert not printed.locator(".twa-card-actions").is_visible()
        for elsewhere in (".twa-header", ".twa-first", ".twa-chat"):
            assert not page.locator(elsewhere).is_visible(), elsewhere
    finally:
        page.emulate_media(media="screen")
