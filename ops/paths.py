"""Where the repository is: the one `ROOT` the operator tools, the measurements, the scripts'
tests and the tests share (models/, build/, var/, results/ and the YAML files are under it).

From the package, not the working directory, so every command works from any folder. The
two server processes do not need ops/ (their images ship bot/ with rasa_server/ or actions/
only; started by the launcher, they import ops/quiet.py first, ops/server_startup/):
rasa_server/env.py keeps the Rasa server's own ROOT, and the web page finds its files from
its own package.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
