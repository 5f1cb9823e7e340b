"""List files that repeat a run of 9 or more words from the source documents.

Usage: python scripts/check_copied.py [FILE ...]   (default: every file git tracks)
Exit status 1 when any run is found. The project keeps the documents' facts, never
their sentences; the documents' titles are exempt, since sources cite them verbatim.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

RUN = 9
ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def shingles(text: str) -> set[str]:
    w = words(text)
    return {" ".join(w[i : i + RUN]) for i in range(len(w) - RUN + 1)}


def copied_runs(text: str, source: set[str]) -> list[str]:
    w = words(text)
    return [" ".join(w[i : i + RUN]) for i in range(len(w) - RUN + 1) if " ".join(w[i : i + RUN]) in source]


def main(argv: list[str]) -> int:
    if not SEEDS.is_dir():
        print(f"no source documents at {SEEDS}", file=sys.stderr)
        return 2
    source: set[str] = set()
    for doc in SEEDS.glob("*.txt"):
        source |= shingles(doc.read_text(errors="ignore"))
    # A document's title is cited verbatim in every source reference: not a copied sentence.
    for doc in SEEDS.glob("*.txt"):
        title = doc.read_text(errors="ignore").splitlines()[0]
        source -= shingles(title)
    files = (
        argv
        or subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    )
    bad = 0
    for name in files:
        path = ROOT / name if not Path(name).is_absolute() else Path(name)
        if not path.is_file() or path.stat().st_size > 2_000_000:
            continue
        runs = copied_runs(path.read_text(errors="ignore"), source)
        if runs:
            bad += 1
            print(f"{name}: {len(runs)} copied run(s), first: '{runs[0]}'")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
