"""ops/paths.py: the one ROOT of the tools, and the Rasa server's own copies, name the same repository."""

from __future__ import annotations

from ops.paths import ROOT
from rasa_server import env
from rasa_server.components import encoder


def test_root_is_the_repository_whatever_the_working_directory(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert all((ROOT / name).is_file() for name in ("domain.yml", "config.yml", "endpoints.yml", "Makefile"))


def test_the_rasa_server_finds_its_files_where_the_tools_put_them():
    # The server's image ships no ops/: it keeps its own ROOT, which must agree with the tools'
    # (the tracker database `make stats` reads, the encoder `make generate` unpacks).
    assert env.ROOT == encoder.ROOT == ROOT
    assert env.DEFAULT_TRACKER_DB == ROOT / "var" / "tracker.db"
