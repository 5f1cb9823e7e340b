"""The doctor's summary as a PDF: `POST /summary.pdf` on the web page's server.

The summary card's "Download PDF" button (web/embed.js) posts the card's payload, as
bot/answers.py `summary` built it, to the server that served the page, and gets back an A4
PDF to print or take to a doctor. The server keeps nothing: the body is checked (size,
shape, lengths), drawn and forgotten; neither it nor the PDF is stored or logged.

What the PDF says comes from the payload's ids and names, laid out by the same
`summary_parts` as the chat's summary; the fixed wording (title, headings, the reminder that
it is not a diagnosis) is the server's own (bot/texts.py), so no request can leave it out.

Fonts: DejaVu Sans (Debian's fonts-dejavu-core) draws Latin, Greek, Cyrillic and more.
Without it the PDF uses the built-in Helvetica, which has Latin-1 only; either way a
character the font cannot draw is printed as "?" instead of failing the request.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from bot import texts
from bot.answers import cite, summary_parts
from bot.knowledge.contract import LEVELS
from bot.knowledge.table import Source
from bot.names import SUMMARY

logger = logging.getLogger(__name__)

PATH = "/summary.pdf"
# A real summary is under 5 kB; anything much bigger is not one.
MAX_BODY = 64 * 1024
MAX_ITEMS = 40  # entries of one list
MAX_TEXT = 500  # characters of one name, reason or source
ID = re.compile(r"[a-z0-9_]{1,64}")
# Drawing is pure Python: it holds the interpreter of the page's server while it runs, so
# PDFs drawn side by side would starve the page and the widget's files. One is drawn at a
# time; the others wait for their turn (idle), up to RENDER_WAIT s, then get 503 and
# Retry-After rather than a hang.
RENDER_SLOTS = 1
RENDER_WAIT = 20.0  # seconds
RETRY_AFTER = 5  # seconds
# The answer to a browser's CORS preflight: a site embedding the widget posts JSON here.
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": "POST",
    "Access-Control-Allow-Headers": "Content-Type",
    "Access-Control-Max-Age": "600",
    "Content-Length": "0",
}
# Lists of ids: the contract's (required), then the project's additions (optional).
REQUIRED_LISTS = ("symptoms", "factors", "causes")
OPTIONAL_LISTS = ("warning_signs", "denied", "body_parts", "lifestyle", "diet", "medicines", "conditions")

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
CORE_FONT = "Helvetica"  # built into every PDF reader: Latin-1 only
# Common typography outside Latin-1, written plainly for the core font.
PLAIN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "•": "-"})

MARGIN = 18  # mm
LABEL_WIDTH = 52  # mm, the labels' column of the facts table
INK, MUTED, ACCENT = (25, 25, 25), (95, 95, 95), (20, 70, 130)


class BadRequest(ValueError):
    """A request that is not a summary the PDF can be drawn from: a JSON error for the client."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class Busy(Exception):
    """Every drawing slot stayed taken for RENDER_WAIT seconds."""


@dataclass(frozen=True)
class Answer:
    """What the server sends back: a PDF, or a JSON error."""

    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def answer(
    content_length: str | None, read: Callable[[int], bytes], today: date | None = None, slots: threading.Semaphore | None = None
) -> Answer:
    """Read, check and draw one request, drawing only in one of `slots` (see `drawn`); never
    raise, never log what it says."""
    today = today or date.today()
    try:
        summary = checked(parse(read_body(content_length, read)))
        document = drawn(summary, today, slots) if slots is not None else render(summary, today)
    except BadRequest as error:
        return error_answer(error.status, str(error))
    except Busy:
        busy = error_answer(503, "Many PDFs are being made right now: please try again in a few seconds.")
        return Answer(busy.status, busy.content_type, busy.body, {**busy.headers, "Retry-After": str(RETRY_AFTER)})
    except Exception as error:  # a drawing bug must become a clear 500, not a stack trace
        logger.warning("summary.pdf: the PDF could not be drawn (%s)", type(error).__name__)
        return error_answer(500, "The PDF could not be made.")
    headers = {"Content-Disposition": f'attachment; filename="{filename(today)}"', "Cache-Control": "no-store"}
    return Answer(200, "application/pdf", document, headers)


def drawing_slots() -> threading.Semaphore:
    """The slots of one server (web/server.py makes them when it starts)."""
    return threading.BoundedSemaphore(RENDER_SLOTS)


def drawn(summary: Mapping[str, Any], today: date, slots: threading.Semaphore) -> bytes:
    """`render`, once one of `slots` is free; Busy when none frees up within RENDER_WAIT s."""
    if not slots.acquire(timeout=RENDER_WAIT):
        raise Busy()
    try:
        return render(summary, today)
    finally:
        slots.release()


def error_answer(status: int, message: str) -> Answer:
    body = json.dumps({"error": message}).encode()
    return Answer(status, "application/json", body, {"Cache-Control": "no-store"})


def filename(today: date) -> str:
    return f"twitch-summary-{today.isoformat()}.pdf"


# -- Checking the request ------------------------------------------------------------------


def read_body(content_length: str | None, read: Callable[[int], bytes]) -> bytes:
    """The body, at most MAX_BODY bytes; refused before reading when it says it is bigger."""
    if content_length is None:
        raise BadRequest("a Content-Length header is needed", status=411)
    if not content_length.strip().isdigit():
        raise BadRequest("the Content-Length header is not a number")
    size = int(content_length)
    if size > MAX_BODY:
        raise BadRequest(f"the summary is too large (over {MAX_BODY} bytes)", status=413)
    try:
        body = read(size)
    except OSError:  # the server's socket timeout: a client that stopped sending
        raise BadRequest("the body did not arrive in time", status=408) from None
    if len(body) < size:
        raise BadRequest("the body ended before its Content-Length")
    return body


def parse(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (UnicodeDecodeError, ValueError):
        raise BadRequest("the body is not JSON: send the summary card's payload") from None


def checked(payload: Any) -> dict[str, Any]:
    """The parts of a summary payload the PDF prints, each checked; other keys are ignored.

    A key an older card lacks (everything beyond the contract's) may be missing or null."""
    if not isinstance(payload, dict):
        raise BadRequest("the body must be a JSON object: the summary card's payload")
    if payload.get("type") != SUMMARY:
        raise BadRequest('"type" must be "summary"')
    missing = [k for k in (*REQUIRED_LISTS, "triage") if k not in payload]
    if missing:
        raise BadRequest(f"missing: {', '.join(missing)}")
    if payload["triage"] not in LEVELS:
        raise BadRequest(f'"triage" must be one of: {", ".join(LEVELS)}')
    out: dict[str, Any] = {"type": SUMMARY, "triage": payload["triage"]}
    for key in REQUIRED_LISTS:
        out[key] = items(payload[key], key, check_id)
    given = {k: v for k, v in payload.items() if v is not None}
    for key in OPTIONAL_LISTS:
        if key in given:
            out[key] = items(given[key], key, check_id)
    if "duration_days" in payload:
        out["duration_days"] = check_days(payload["duration_days"])
    if "person" in given:
        out["person"] = check_id(given["person"], "person")
    if "story" in given:
        out["story"] = items(given["story"], "story", check_text)  # the person's own words, cleaned when drawn
    if "names" in given:
        out["names"] = check_names(given["names"])
    if "likely_causes" in given:
        out["likely_causes"] = items(given["likely_causes"], "likely_causes", check_cause)
    if "sources" in given:
        out["sources"] = items(given["sources"], "sources", check_source)
    if "level" in given:
        out["level"] = check_level(given["level"])
    if given.get("outside") is True:
        out["outside"] = True  # a complaint outside the documents: no causes weighed, said so
    return out


def items(value: Any, where: str, check: Callable[[Any, str], Any]) -> list[Any]:
    if not isinstance(value, list):
        raise BadRequest(f'"{where}" must be a list')
    if len(value) > MAX_ITEMS:
        raise BadRequest(f'"{where}" has more than {MAX_ITEMS} entries')
    return [check(v, f"{where}[{i}]") for i, v in enumerate(value)]


def check_id(value: Any, where: str) -> str:
    if not isinstance(value, str) or not ID.fullmatch(value):
        raise BadRequest(f'"{where}" must be an id (lower-case letters, digits and "_")')
    return value


def check_text(value: Any, where: str) -> str:
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise BadRequest(f'"{where}" must be a text of at most {MAX_TEXT} characters')
    return value


def check_days(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 36_500:
        raise BadRequest('"duration_days" must be a whole number of days (0 to 36500) or null')
    return value


def check_names(value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or len(value) > 4 * MAX_ITEMS:
        raise BadRequest(f'"names" must be an object of at most {4 * MAX_ITEMS} ids')
    return {check_id(k, "names"): check_text(v, f"names.{k}") for k, v in value.items()}


def check_source(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise BadRequest(f'"{where}" must be an object with "document" and "section"')
    return {key: check_text(value.get(key), f"{where}.{key}") for key in ("document", "section")}


def check_cause(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadRequest(f'"{where}" must be an object with "name", "evidence" and "sources"')
    return {
        "name": check_text(value.get("name"), f"{where}.name"),
        "evidence": items(value.get("evidence") or [], f"{where}.evidence", check_text),
        "sources": items(value.get("sources") or [], f"{where}.sources", check_source),
    }


def check_level(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise BadRequest('"level" must be an object with "action" and "reason"')
    return {key: check_text(value[key], f"level.{key}") for key in ("action", "reason", "heard") if value.get(key) is not None}


# -- Drawing -------------------------------------------------------------------------------


class SummaryDocument(FPDF):
    """An A4 page with the reminder and the page number in every footer."""

    body_font = CORE_FONT  # DejaVu once load_font has added it

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(self.body_font, "", 8)
        self.set_text_color(*MUTED)
        page = texts.SUMMARY_PAGE.format(page=self.page_no(), pages="{nb}")
        self.cell(0, 5, f"{texts.SUMMARY_REMINDER_HEADING} - {page}", align="C")


class Writer:
    """Writes the summary's parts on a SummaryDocument, in the font it could load."""

    def __init__(self, pdf: SummaryDocument, font_dir: Path) -> None:
        self.pdf = pdf
        self.charset = load_font(pdf, font_dir)  # None: the core font, Latin-1 only

    def clean(self, text: str) -> str:
        """Text the font can draw: no control characters; others it lacks become "?"."""
        text = "".join(" " if unicodedata.category(c).startswith("C") else c for c in unicodedata.normalize("NFC", text))
        if self.charset is None:
            return text.translate(PLAIN).encode("latin-1", "replace").decode("latin-1")
        return "".join(c if ord(c) in self.charset or c == " " else "?" for c in text)

    def title(self, text: str, lead: str) -> None:
        self._font("B", 17, INK)
        self.pdf.multi_cell(0, 8, self.clean(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.ln(1)
        self.paragraph(lead, size=9.5, color=MUTED)

    def heading(self, text: str) -> None:
        self.pdf.ln(4)
        self._font("B", 12.5, ACCENT)
        self.pdf.multi_cell(0, 7, self.clean(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        y = self.pdf.get_y()
        self.pdf.set_draw_color(*ACCENT)
        self.pdf.line(MARGIN, y, self.pdf.w - MARGIN, y)
        self.pdf.ln(2)

    def paragraph(self, text: str, bold: bool = False, size: float = 10.5, color: tuple[int, int, int] = INK) -> None:
        self._font("B" if bold else "", size, color)
        self.pdf.multi_cell(0, size * 0.53, self.clean(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def facts(self, rows: Iterable[tuple[str, str]]) -> None:
        """Label and value side by side; long values wrap within their column."""
        self._font("", 10.5, INK)
        width = self.pdf.w - 2 * MARGIN
        with self.pdf.table(
            col_widths=(LABEL_WIDTH, width - LABEL_WIDTH),
            width=width,
            first_row_as_headings=False,
            borders_layout="HORIZONTAL_LINES",
            text_align="LEFT",
            v_align="TOP",
            line_height=5.6,
            padding=(1.2, 1.5, 1.2, 0),
        ) as table:
            for label, value in rows:
                row = table.row()
                row.cell(self.clean(label), style=FontFace(emphasis="BOLD"))
                row.cell(self.clean(value))

    def _font(self, style: str, size: float, color: tuple[int, int, int]) -> None:
        self.pdf.set_font(self.pdf.body_font, style, size)
        self.pdf.set_text_color(*color)


def load_font(pdf: SummaryDocument, font_dir: Path) -> set[int] | None:
    """Use DejaVu Sans when its files are there: the code points it can draw; else None."""
    files = {style: font_dir / name for style, name in FONT_FILES.items()}
    if not all(f.is_file() for f in files.values()):
        logger.debug("summary.pdf: DejaVu Sans not found in %s, using %s (Latin-1 only)", font_dir, CORE_FONT)
        return None
    try:
        for style, file in files.items():
            pdf.add_font("DejaVu", style, file)
    except Exception as error:  # an unreadable font file: draw with the core font instead
        logger.warning("summary.pdf: cannot read DejaVu Sans (%s), using %s", type(error).__name__, CORE_FONT)
        return None
    pdf.body_font = "DejaVu"
    charsets = [set(font.cmap) for font in pdf.fonts.values() if hasattr(font, "cmap")]
    return set.intersection(*charsets)


def render(summary: Mapping[str, Any], today: date, font_dir: Path = FONT_DIR) -> bytes:
    """The A4 PDF of a checked summary (see `checked`)."""
    pdf = SummaryDocument(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title(texts.SUMMARY_TITLE)
    pdf.set_lang("en")
    writer = Writer(pdf, font_dir)
    pdf.add_page()
    writer.title(texts.SUMMARY_TITLE, texts.SUMMARY_MADE.format(date=today.isoformat()))
    parts = summary_parts(summary)
    writer.heading(texts.SUMMARY_REPORTED)
    writer.facts((texts.SUMMARY_LABELS[key], text) for key, text in parts if key not in ("causes", "triage"))
    writer.heading(texts.SUMMARY_LABELS["causes"])
    write_causes(writer, summary, dict(parts)["causes"])
    writer.heading(f"{texts.SUMMARY_LABELS['triage']}: {texts.LEVEL_TITLES[summary['triage']]}")
    write_level(writer, summary.get("level"))
    writer.heading(texts.SUMMARY_REMINDER_HEADING)
    writer.paragraph(texts.SUMMARY_REMINDER)
    return bytes(pdf.output())


def write_causes(writer: Writer, summary: Mapping[str, Any], listed: str) -> None:
    """Each likely cause with why it fits and its sources; an older card: names and sources."""
    causes = summary.get("likely_causes")
    if not causes:
        writer.paragraph(listed)
        if summary.get("sources"):
            writer.paragraph(sources_line(summary["sources"]), size=9.5, color=MUTED)
        return
    for rank, cause in enumerate(causes, 1):
        writer.pdf.ln(1)
        writer.paragraph(f"{rank}. {cause['name']}", bold=True)
        if cause["evidence"]:
            writer.paragraph(texts.SUMMARY_WHY.format(reasons="; ".join(cause["evidence"])))
        if cause["sources"]:
            writer.paragraph(sources_line(cause["sources"]), size=9.5, color=MUTED)


def sources_line(sources: list[dict[str, str]]) -> str:
    return texts.SUMMARY_SOURCE.format(sources=cite((Source(**s) for s in sources), limit=MAX_ITEMS))


def write_level(writer: Writer, level: Mapping[str, str] | None) -> None:
    """What to do and why; nothing more when the card had no level (an older one)."""
    if not level:
        return
    writer.paragraph(" ".join(level[k] for k in ("action", "reason") if k in level))
    if level.get("heard"):
        writer.paragraph(texts.SUMMARY_HEARD.format(heard=level["heard"]))
