"""The interview (`interview.yml`): the questions asked when the story leaves a cause or a level
open, each with the entity values a yes or a no stands for, read and checked against the contract.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.knowledge.contract import ENTITY_VALUES
from bot.knowledge.reader import Reader, TableError

INTERVIEW_PATH = Path(__file__).resolve().parent / "interview.yml"


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    refs: tuple[str, ...]  # "symptom:weakness", or a bare entity type ("duration", "diet")
    yes: tuple[str, ...]
    no: tuple[str, ...]
    buttons: tuple[dict[str, Any], ...]
    text_other: str = ""  # put to someone asking for another adult: "Have they noticed ...?"

    def said_to(self, other: bool) -> str:
        """The question for the person with the symptoms, or (`other`) for someone asking for them."""
        return self.text_other if other and self.text_other else self.text


@dataclass(frozen=True)
class Interview:
    max_questions: int
    questions: tuple[Question, ...]

    def by_id(self, qid: str) -> Question | None:
        return next((q for q in self.questions if q.id == qid), None)


def parse_interview(raw: Any) -> Interview:
    r = Reader({}, {})
    if not isinstance(raw, dict):
        raise TableError("interview: expected a mapping at the top level")
    questions = []
    for i, q in enumerate(r.need(raw, "questions", "interview", list)):
        where = f"interview.questions[{i}]"
        r.keys(q, ("id", "text", "text_other", "refs", "if_yes", "if_no", "buttons"), where)
        refs = tuple(r.need(q, "refs", where, list))
        for key in ("if_yes", "if_no"):
            for ref in q.get(key) or []:
                r.ref(ref, f"{where}.{key}", {})
        for ref in refs:
            if ":" in ref:
                r.ref(ref, f"{where}.refs", {})
            elif ref not in ENTITY_VALUES:
                raise TableError(f"{where}.refs: unknown entity type '{ref}'")
        buttons = tuple(r.need(q, "buttons", where, list))
        for j, b in enumerate(buttons):
            r.keys(b, ("title", "payload"), f"{where}.buttons[{j}]")
            r.need(b, "title", f"{where}.buttons[{j}]")
            r.need(b, "payload", f"{where}.buttons[{j}]")
        questions.append(
            Question(
                r.need(q, "id", where),
                r.need(q, "text", where),
                refs,
                tuple(q.get("if_yes") or ()),
                tuple(q.get("if_no") or ()),
                buttons,
                str(q.get("text_other") or ""),
            )
        )
    return Interview(int(r.need(raw, "max_questions", "interview", int)), tuple(questions))


@lru_cache(maxsize=1)
def default_interview() -> Interview:
    return parse_interview(yaml.safe_load(INTERVIEW_PATH.read_text(encoding="utf-8")))
