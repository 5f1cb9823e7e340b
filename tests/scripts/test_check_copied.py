"""Every sentence in the project is its own: no run of nine words from the source documents."""

import subprocess
import sys

from ops.paths import ROOT


def test_no_text_is_copied_from_the_source_documents():
    result = subprocess.run([sys.executable, "scripts/check_copied.py"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
