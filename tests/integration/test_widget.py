"""The web widget in a real browser: Debian's chromium (never a downloaded one) driven by
Playwright, on the page `make run` serves, against the real Rasa and action servers.

One conversation at phone width (375 px) is played once per module; the tests then check
what a person sees in it. The screenshot it takes goes to results/screenshots/ (the one in
docs/ was copied from such a run).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from ops.launcher import ROOT

pytestmark = pytest.mark.integration

CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 375, "height": 812}
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", ROOT / "results" / "screenshots"))
BOT = ".rw-from-response .rw-message"
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


@pytest.fixture(scope="module")
def chat(browser, stack):
    """A page at phone width where a whole conversation ran up to the assessment card."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(stack.settings.web_url + "/")
    page.wait_for_selector(BOT, timeout=60_000)
    say(page, DESCRIPTION)
    # The bot may ask a few short questions: answer each with its last quick reply
    # ("Skip", "I don't know", "Neither"...), as a person in a hurry would.
    for _ in range(6):
        page.wait_for_selector(".twa-assessment, .rw-reply", timeout=60_000)
        if page.locator(".twa-assessment").count():
            break
        before = bot_count(page)
        page.locator(".rw-reply").last.click()
        wait_for_bot(page, before)
    page.wait_for_selector(".twa-assessment", timeout=60_000)
    page.wait_for_selector(".rw-reply", timeout=30_000)  # the follow-ups after the card
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
    text = page.locator(".twa-text-card").last.inner_text()
    assert len(text) > 80 and "Sources" in text


def test_reload_continues_the_same_conversation(chat):
    page, _ = chat
    page.reload()
    page.wait_for_selector(".twa-assessment", timeout=30_000)  # the history is back
    assert DESCRIPTION[:30] in page.locator(USER).first.inner_text()
    before = page.locator(".twa-text-card").count()
    say(page, "Can I have a summary for my doctor?")
    wait_for_more(page, ".twa-text-card", before)
    summary = page.locator(".twa-text-card").last.inner_text()
    # The server still has the facts told before the reload.
    assert "2 weeks" in summary and "twitching" in summary.lower(), summary


def test_the_escalation_card_names_what_was_heard(browser, stack):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(stack.settings.web_url + "/")
    page.wait_for_selector(BOT, timeout=60_000)
    say(page, "my arm keeps twitching and now I have chest pain")
    page.wait_for_selector(".twa-escalation", timeout=60_000)
    card = page.locator(".twa-escalation").last.inner_text()
    assert "What I heard: chest pain" in card and "emergency" in card.lower(), card
    context.close()


def test_delete_my_data_clears_the_chat_in_the_browser_too(browser, stack):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(stack.settings.web_url + "/")
    page.wait_for_selector(BOT, timeout=60_000)
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
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(stack.settings.web_url + "/")
    page.wait_for_selector(BOT, timeout=60_000)
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
