"""The doctor's summary as a PDF: `POST /summary.pdf` draws the summary card's payload.

Every PDF is read back with PDFium (pypdfium2): its text, where each word sits on the page,
and the page drawn as an image (results/screenshots/summary-pdf.png), so the tests check
what a person would see printed, not what the code meant to write.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from bot import answers, texts
from bot.evidence import Evidence
from bot.reasoning import assess
from ops.paths import ROOT
from web import pdf
from web.server import Handler

SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", ROOT / "results" / "screenshots"))
A4_POINTS = (595.28, 841.89)
MARGIN_POINTS = pdf.MARGIN * 72 / 25.4
DAY = date(2025, 3, 4)

VISIT = [
    {"entity": "symptom", "value": "twitching"},
    {"entity": "symptom", "value": "cramps"},
    {"entity": "body_part", "value": "eyelid"},
    {"entity": "body_part", "value": "calf"},
    {"entity": "duration", "value": "14"},
    {"entity": "symptom", "value": "weakness", "role": "absent"},
    {"entity": "symptom", "value": "numbness_tingling", "role": "absent"},
    {"entity": "lifestyle_factor", "value": "caffeine"},
    {"entity": "lifestyle_factor", "value": "poor_sleep"},
    {"entity": "diet", "value": "vegan"},
    {"entity": "medication", "value": "diuretic"},
]


@pytest.fixture
def card(kb) -> dict:
    """The summary card's payload as the widget holds it: built by the bot, sent as JSON."""
    return json.loads(json.dumps(answers.summary(kb, assess(kb, Evidence.from_entities(VISIT))).custom))


def plain(text: str) -> str:
    """Text with every run of spaces and line breaks as one space (lines wrap anywhere)."""
    return " ".join(text.split())


def read_pdf(data: bytes) -> list[str]:
    """The text of each page, as PDFium extracts it."""
    document = pdfium.PdfDocument(data)
    return [document[i].get_textpage().get_text_bounded() for i in range(len(document))]


def ink_under(page: pdfium.PdfPage, phrase: str, scale: float = 2) -> float:
    """The share of dark pixels where `phrase` sits on the drawn page: 0 if it is not drawn."""
    textpage = page.get_textpage()
    found = textpage.search(phrase, match_case=True).get_next()
    assert found, f"{phrase!r} is not on the page"
    first, count = found
    boxes = [textpage.get_charbox(i) for i in range(first, first + count)]
    left, right = min(b[0] for b in boxes), max(b[2] for b in boxes)
    bottom, top = min(b[1] for b in boxes), max(b[3] for b in boxes)
    height = page.get_height()
    image = page.render(scale=scale).to_pil().convert("L")
    crop = image.crop(
        (int(left * scale), int((height - top) * scale), int(right * scale) + 1, int((height - bottom) * scale) + 1)
    )
    shades = crop.histogram()  # how many pixels of each grey, 0 (black) to 255
    return sum(shades[:128]) / sum(shades)


def post(url: str, body: bytes, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(
        url + pdf.PATH, data=body, method="POST", headers={"Content-Type": "application/json", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


# -- The PDF -------------------------------------------------------------------------------


def test_the_pdf_holds_the_date_every_section_and_the_persons_facts(card, kb):
    data = pdf.render(pdf.checked(card), DAY)
    document = pdfium.PdfDocument(data)
    assert len(document) == 1
    width, height = document[0].get_size()
    assert (round(width, 1), round(height, 1)) == (round(A4_POINTS[0], 1), round(A4_POINTS[1], 1))  # A4 portrait
    text = plain(read_pdf(data)[0])
    assert texts.SUMMARY_TITLE in text and "Made on 2025-03-04" in text
    for heading in (texts.SUMMARY_REPORTED, "Possible causes", "Triage: See a doctor", texts.SUMMARY_REMINDER_HEADING):
        assert heading in text, heading
    for label, value in [
        ("Symptoms", "cramps and twitching"),
        ("Where", "calf and eyelid"),
        ("Duration", "2 weeks"),
        ("Denied", "numbness or tingling and weakness"),
        ("Lifestyle factors", "caffeine and poor sleep"),
        ("Diet", "vegan"),
        ("Medicines and supplements", "a water pill (diuretic)"),
    ]:
        assert f"{label} {value}" in text, (label, value, text)
    for cause in card["likely_causes"]:
        assert cause["name"] in text and plain(cause["evidence"][0]) in text
        source = cause["sources"][0]
        assert f'"{source["document"]}", section "{source["section"]}"' in text
    assert plain(card["level"]["action"]) in text and plain(card["level"]["reason"]) in text
    assert plain(texts.SUMMARY_REMINDER) in text
    # the person's facts are drawn, not only written into the file
    assert ink_under(document[0], "calf and eyelid") > 0.05 and ink_under(document[0], "vegan") > 0.05
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    image = document[0].render(scale=2).to_pil()
    image.save(SCREENSHOTS / "summary-pdf.png")
    assert image.size == (round(width * 2), round(height * 2))


def test_the_reminder_is_printed_even_when_the_card_has_none(card):
    card.pop("disclaimer")
    text = plain(" ".join(read_pdf(pdf.render(pdf.checked(card), DAY))))
    assert plain(texts.SUMMARY_REMINDER) in text and texts.SUMMARY_REMINDER_HEADING in text


def test_long_text_wraps_inside_the_margins(card):
    long_reason = " ".join(f"reason{i}" for i in range(50))  # 440 characters, under MAX_TEXT
    card["likely_causes"][0]["evidence"] = [long_reason]
    card["names"]["eyelid"] = "e" * 300  # one word longer than a line
    data = pdf.render(pdf.checked(card), DAY)
    document = pdfium.PdfDocument(data)
    textpage = document[0].get_textpage()
    width = document[0].get_width()
    boxes = [textpage.get_charbox(i) for i in range(textpage.count_chars())]
    boxes = [b for b in boxes if b[2] > b[0]]  # drawn characters (not line breaks)
    assert min(b[0] for b in boxes) >= MARGIN_POINTS - 1 and max(b[2] for b in boxes) <= width - MARGIN_POINTS + 1
    text = plain(read_pdf(data)[0])
    assert long_reason in text  # every word, in order, over several lines
    assert "e" * 300 in text.replace(" ", "")


def test_non_latin_1_text_is_drawn_with_dejavu(card):
    assert (pdf.FONT_DIR / "DejaVuSans.ttf").is_file(), "fonts-dejavu-core is missing: `make setup` installs it"
    card["names"]["eyelid"] = "веко Ωμέγα Zoë’s 眼皮"
    page_text = read_pdf(pdf.render(pdf.checked(card), DAY))[0]
    assert "веко Ωμέγα Zoë’s" in page_text  # Cyrillic, Greek and typography drawn as written
    assert "眼皮" not in page_text and "??" in page_text  # a script the font lacks is marked, not a crash


def test_without_dejavu_the_pdf_falls_back_to_latin_1(card, tmp_path):
    card["names"]["eyelid"] = "Zoë’s веко"
    text = plain(read_pdf(pdf.render(pdf.checked(card), DAY, font_dir=tmp_path))[0])
    assert "calf and Zoë's ????" in text and "Diet vegan" in text and plain(texts.SUMMARY_REMINDER) in text


def test_an_older_card_without_the_new_parts_still_prints(kb):
    old = {"type": "summary", "symptoms": ["cramps"], "denied": [], "factors": ["caffeine"], "duration_days": 7,
           "causes": ["caffeine_stimulants"], "triage": "self_care", "sources": [{"document": "Doc", "section": "Sec"}]}  # fmt: skip
    text = plain(read_pdf(pdf.render(pdf.checked(old), DAY))[0])
    assert "Factors caffeine" in text and "Duration 7 days" in text and "Triage: Self-care" in text
    assert 'Source: "Doc", section "Sec"' in text and "Where" not in text


# -- The route -----------------------------------------------------------------------------


def test_the_cards_payload_comes_back_as_a_pdf_attachment(page, card):
    """The widget posts the card's props as they are: the payload, its text as `body`, and
    whatever else the channel added; only what the PDF prints is read."""
    before = date.today()
    widget_post = {**card, "body": "Summary to show a doctor...\n- Symptoms: cramps", "recipient_id": "web:x"}
    status, headers, body = post(page, json.dumps(widget_post).encode())
    assert status == 200 and headers["Content-Type"] == "application/pdf"
    names = {f'attachment; filename="twitch-summary-{d.isoformat()}.pdf"' for d in (before, date.today())}
    assert headers["Content-Disposition"] in names
    assert headers["Cache-Control"] == "no-store" and "default-src 'self'" in headers["Content-Security-Policy"]
    text = plain(read_pdf(body)[0])
    assert f"Made on {date.today().isoformat()}" in text or f"Made on {before.isoformat()}" in text
    assert "Diet vegan" in text and "Where calf and eyelid" in text


BAD = [
    (b"not json", "not JSON"),
    (b"\xff\xfe", "not JSON"),
    (b"[1, 2]", "JSON object"),
    (b'{"type": "assessment", "symptoms": [], "factors": [], "causes": [], "triage": "doctor"}', '"type"'),
    (b'{"type": "summary", "symptoms": [], "factors": [], "causes": []}', "triage"),
    (b'{"type": "summary", "symptoms": [], "factors": [], "causes": [], "triage": "later"}', '"triage"'),
    (b'{"type": "summary", "symptoms": "twitching", "factors": [], "causes": [], "triage": "doctor"}', '"symptoms"'),
    (b'{"type": "summary", "symptoms": ["<b>x</b>"], "factors": [], "causes": [], "triage": "doctor"}', '"symptoms[0]"'),
    (
        b'{"type": "summary", "symptoms": [], "factors": [], "causes": [], "triage": "doctor", "duration_days": "14"}',
        '"duration_days"',
    ),
    (
        b'{"type": "summary", "symptoms": [], "factors": [], "causes": [], "triage": "doctor", "duration_days": -3}',
        '"duration_days"',
    ),
    (
        b'{"type": "summary", "symptoms": [], "factors": [], "causes": [], "triage": "doctor", "names": {"calf": 5}}',
        '"names.calf"',
    ),
    (
        b'{"type": "summary", "symptoms": [], "factors": [], "causes": [], "triage": "doctor", "likely_causes": ["x"]}',
        '"likely_causes[0]"',
    ),
    (
        b'{"type": "summary", "symptoms": [], "factors": [], "causes": [], "triage": "doctor", "level": {"action": 1}}',
        '"level.action"',
    ),
]


@pytest.mark.parametrize("body, names", BAD, ids=[f"bad-{i}" for i in range(len(BAD))])
def test_a_bad_request_gets_a_clear_json_error(page, body, names):
    status, headers, answer = post(page, body)
    assert status == 400 and headers["Content-Type"] == "application/json"
    error = json.loads(answer)["error"]
    assert names in error and "Traceback" not in error


def test_a_text_too_long_for_a_summary_is_refused(page, card):
    card["names"]["calf"] = "x" * (pdf.MAX_TEXT + 1)
    status, _, answer = post(page, json.dumps(card).encode())
    assert status == 400 and "names.calf" in json.loads(answer)["error"]


def test_a_body_over_the_limit_is_refused_before_it_is_read(page):
    status, headers, answer = post(page, b" " * (pdf.MAX_BODY + 1))
    assert status == 413 and headers["Content-Type"] == "application/json" and "too large" in json.loads(answer)["error"]


def raw_post(url: str, head: bytes) -> bytes:
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(head)
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_a_body_without_a_length_is_refused(page):
    answer = raw_post(page, b"POST /summary.pdf HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
    head, _, body = answer.partition(b"\r\n\r\n")
    assert b" 411 " in head.split(b"\r\n", 1)[0] and b"Content-Length" in json.loads(body)["error"].encode()


def test_no_other_path_takes_a_post(page, card):
    request = urllib.request.Request(page + "/summary", data=json.dumps(card).encode(), method="POST")
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=10)
    assert error.value.code == 404


def test_nothing_of_the_summary_is_logged_or_leaked_on_a_failure(page, card, caplog, monkeypatch):
    caplog.set_level(logging.DEBUG)
    card["names"]["calf"] = "Quillfeather"
    assert post(page, json.dumps(card).encode())[0] == 200
    card["names"]["eyelid"] = 7  # a bad request with the same words
    assert post(page, json.dumps(card).encode())[0] == 400

    def broken(summary, today, font_dir=pdf.FONT_DIR):
        raise RuntimeError(f"drawing failed on {summary['names']['calf']}")

    card["names"]["eyelid"] = "eyelid"
    monkeypatch.setattr(pdf, "render", broken)
    status, headers, answer = post(page, json.dumps(card).encode())
    assert status == 500 and headers["Content-Type"] == "application/json" and b"Quillfeather" not in answer
    assert json.loads(answer)["error"]
    assert "Quillfeather" not in caplog.text and "calf" not in caplog.text


def test_a_site_embedding_the_widget_may_post_the_summary(page, card):
    """A JSON POST from another origin is preceded by a CORS preflight; the PDF is then readable."""
    request = urllib.request.Request(
        page + pdf.PATH,
        method="OPTIONS",
        headers={
            "Origin": "https://www.example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 204
        assert "POST" in response.headers["Access-Control-Allow-Methods"]
        assert "content-type" in response.headers["Access-Control-Allow-Headers"].lower()
        assert response.headers["Access-Control-Allow-Origin"] == "*"
    status, headers, _ = post(page, json.dumps(card).encode(), {"Origin": "https://www.example.org"})
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"


def test_a_body_that_stops_arriving_gets_a_timeout_answer(page, monkeypatch):
    monkeypatch.setattr(Handler, "timeout", 0.5)
    answer = raw_post(page, b'POST /summary.pdf HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{"type": ')
    head, _, body = answer.partition(b"\r\n\r\n")
    assert b" 408 " in head.split(b"\r\n", 1)[0] and "in time" in json.loads(body)["error"]


# -- Many at once ---------------------------------------------------------------------------


@pytest.fixture
def slow_drawing(monkeypatch):
    """Drawing that takes a moment and counts how many drawings run at once (`most`)."""
    running, most, lock = [0], [0], threading.Lock()
    real = pdf.render

    def counted(summary, today, font_dir=pdf.FONT_DIR):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        try:
            time.sleep(0.2)
            return real(summary, today, font_dir)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(pdf, "render", counted)
    return most


def get_page(url: str) -> int:
    with urllib.request.urlopen(url + "/", timeout=30) as response:
        return response.status


def test_many_pdfs_at_once_are_drawn_one_at_a_time_and_the_page_answers_meanwhile(page, card, slow_drawing):
    body = json.dumps(card).encode()
    with ThreadPoolExecutor(8) as pool:
        pdfs = [pool.submit(post, page, body) for _ in range(8)]
        page_status = get_page(page)  # while the PDFs queue and draw
        answers = [future.result() for future in pdfs]
    assert page_status == 200
    assert [status for status, _, _ in answers] == [200] * 8
    assert all(read_pdf(pdf_bytes) for _, _, pdf_bytes in answers)
    assert slow_drawing[0] == pdf.RENDER_SLOTS == 1


def test_a_pdf_that_cannot_get_its_turn_gets_a_clear_busy_answer(page, card, monkeypatch):
    drawing, release = threading.Event(), threading.Event()

    def held(summary, today, font_dir=pdf.FONT_DIR):
        drawing.set()
        release.wait(30)
        return b"%PDF"

    monkeypatch.setattr(pdf, "RENDER_WAIT", 0.3)
    monkeypatch.setattr(pdf, "render", held)
    body = json.dumps(card).encode()
    with ThreadPoolExecutor(2) as pool:
        first = pool.submit(post, page, body)  # holds the slot until released
        assert drawing.wait(10)
        status, headers, answer = post(page, body)
        release.set()
        assert first.result()[0] == 200
    assert status == 503 and headers["Retry-After"] == str(pdf.RETRY_AFTER)
    assert "try again" in json.loads(answer)["error"]


def test_the_persons_own_words_are_printed_and_checked(card):
    card["story"] = ["had my thyroid out 3 weeks ago and my fingers cramp up"]
    text = plain(read_pdf(pdf.render(pdf.checked(card), DAY))[0])
    assert "In their own words" in text and "had my thyroid out 3 weeks ago" in text
    for bad in ([{"x": 1}], ["w" * (pdf.MAX_TEXT + 1)], "not a list"):
        with pytest.raises(pdf.BadRequest):
            pdf.checked({**card, "story": bad})
