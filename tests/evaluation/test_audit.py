"""The coverage audit: no gap on the source documents; a planted gap is found and named."""

from pathlib import Path

import pytest

from evaluation.audit import audit_files, main, parse_document, split_items
from ops.paths import ROOT
from tests.conftest import SHARED

FIXTURE = ROOT / "tests" / "fixtures" / "audit_doc.txt"


def seeds():
    docs = sorted((SHARED / "seeds").glob("*.txt"))
    assert docs, f"the source documents are expected in {SHARED / 'seeds'}"
    return docs


def test_the_source_documents_have_no_gap(kb):
    assert [str(g) for g in audit_files(seeds(), kb)] == []


def test_the_fixture_document_has_no_gap(kb):
    assert audit_files([FIXTURE], kb) == []


def planted(tmp_path: Path, old: str, new: str) -> Path:
    text = FIXTURE.read_text()
    assert old in text
    path = tmp_path / "doc.txt"
    path.write_text(text.replace(old, new))
    return path


@pytest.mark.parametrize(
    "old, new, term, problem",
    [
        (
            "| Magnesium |",
            "| Iron | Carries oxygen. | Pale skin. | Red meat. |\n| Magnesium |",
            "Iron",
            "(table row) matches no cause",
        ),
        (
            "Muscle weakness, constipation.",
            "Muscle weakness, constipation, hiccups.",
            "hiccups",
            "(symptom) is not in the cause table",
        ),
        (
            "Muscle cramps, fatigue.",
            "Muscle cramps, fatigue, bone pain.",
            "bone pain",
            "is not listed under magnesium_deficiency",
        ),
        ("Bananas, potatoes.", "Bananas, potatoes, avocados.", "avocados", "(food) is not in the cause table"),
        ("Nuts, seeds.", "Nuts, seeds, fatty fish.", "fatty fish", "is not listed as a source of magnesium"),
        (
            "- Stress and Anxiety:",
            "- Hypothyroidism: A slow thyroid.\n- Stress and Anxiety:",
            "Hypothyroidism",
            "matches no cause, food or topic",
        ),
        (
            "vomiting, diarrhea and diuretic use",
            "vomiting, diarrhea, diuretic use and licorice binges",
            "licorice binges",
            "is not in the cause table",
        ),
        (
            "vomiting, diarrhea and diuretic use",
            "vomiting, diarrhea, diuretic use and heavy drinking",
            "heavy drinking",
            "is not listed under potassium_deficiency",
        ),
    ],
)
def test_a_planted_gap_is_reported_by_name(kb, tmp_path, old, new, term, problem):
    gaps = audit_files([planted(tmp_path, old, new)], kb)
    assert len(gaps) == 1, [str(g) for g in gaps]
    assert gaps[0].term == term and problem in gaps[0].problem
    assert gaps[0].document == "Twitching Basics for the Audit Tests"


def test_a_row_added_to_a_copy_of_a_source_document_fails_the_audit(kb, tmp_path, capsys):
    source = seeds()[0]
    text = source.read_text()
    row = next(line for line in text.splitlines() if line.startswith("| Vitamin B12"))
    copy = tmp_path / source.name
    copy.write_text(text.replace(row, row + "\n| Zinc | Helps nerves heal. | Slow healing. | Oysters. |"))
    assert main([str(copy)]) == 1
    assert "'Zinc' (table row)" in capsys.readouterr().out
    assert main([str(source)]) == 0


def test_document_parsing_finds_headings_tables_and_bullets():
    doc = parse_document(FIXTURE.read_text())
    assert doc.title == "Twitching Basics for the Audit Tests"
    assert [h for h, _ in doc.sections][1:] == ["Why Potassium Matters", "A Small Comparison Table", "Everyday Triggers"]


def test_list_items_are_split_and_trimmed():
    assert split_items("a bad diet, heavy drinking, or conditions causing ongoing diarrhea") == [
        "bad diet", "heavy drinking", "ongoing diarrhea",
    ]  # fmt: skip
    assert split_items("Tingling and numbness in fingers/toes, fits (rare).") == [
        "Tingling",
        "numbness in fingers",
        "toes",
        "fits",
    ]


def test_missing_document_is_a_clear_error(capsys):
    assert main(["/nonexistent/doc.txt"]) == 2
    assert "no such document" in capsys.readouterr().err
