"""The page the web server sends, before any script runs: what a person must read before chatting.

The browser test (tests/integration/test_widget.py) checks the same page drawn, at phone and
desktop width; this one needs no browser and no Rasa.
"""

import urllib.request
from html.parser import HTMLParser

import pytest


@pytest.fixture(scope="module")
def page_html(page):
    with urllib.request.urlopen(page + "/", timeout=10) as response:
        return response.read().decode()


class FirstScreen(HTMLParser):
    """The text of the first screen and the example buttons, as a parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # inside <section class="twa-first">
        self.text: list[str] = []
        self.examples: list[tuple[str, str]] = []  # (data-twa-say, type)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if self.depth or "twa-first" in (found.get("class") or ""):
            self.depth += 1
        if tag == "button" and found.get("data-twa-say"):
            self.examples.append((found["data-twa-say"] or "", found.get("type") or ""))

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)


def first_screen(html: str) -> FirstScreen:
    parser = FirstScreen()
    parser.feed(html)
    return parser


def test_the_first_screen_comes_before_the_chat(page_html):
    assert page_html.index('class="twa-first"') < page_html.index('id="twitch-assistant"')


def test_it_says_when_to_call_emergency_services_that_it_reads_english_and_how_to_delete(page_html):
    said = " ".join(" ".join(first_screen(page_html).text).split())
    assert "Chest pain, trouble breathing or fainting?" in said and "call your local emergency number now" in said
    assert "English only" in said
    assert "kept on this assistant's server and in this browser" in said and "delete my data" in said


def test_example_messages_are_buttons_that_send_their_own_words(page_html):
    examples = first_screen(page_html).examples
    assert 2 <= len(examples) <= 3
    assert all(kind == "button" and len(text) > 10 for text, kind in examples)  # never a form submit
