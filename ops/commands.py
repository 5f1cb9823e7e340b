"""What the launcher starts each server with: its command line, and the credentials.yml of the
channels whose variables are set (a temporary file, removed when the servers stop).

`Stack` (ops/launcher.py) starts what these say; a subclass changes a server by overriding its
command (the benchmark's baseline bot, evaluation/bench/baseline.py).
"""

from __future__ import annotations

import logging
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

import yaml

from ops.paths import ROOT
from ops.proc import HOST
from rasa_server.env import CHANNEL_DEFAULTS

if TYPE_CHECKING:
    from ops.launcher import Settings

logger = logging.getLogger(__name__)

# ENDPOINT_DEFAULTS and CHANNEL_DEFAULTS (rasa_server/env.py): the variables endpoints.yml's
# classes and credentials.yml's channels read, with the defaults those use themselves
# (SQLite tracker store, in-memory lock store, no action-server secret, the channels' public
# API addresses). A channel of credentials.yml written with ${VARIABLES} is kept only when
# they are all set.

_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _variables(value: Any) -> set[str]:
    if isinstance(value, str):
        return set(_VAR.findall(value))
    if isinstance(value, dict):
        return set().union(*(_variables(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(_variables(v) for v in value)) if value else set()
    return set()


def enabled_channels(credentials: Mapping[str, Any], env: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The channels of credentials.yml whose variables are all set, and the missing ones of the rest."""
    kept: dict[str, Any] = {}
    missing: dict[str, list[str]] = {}
    for name, section in credentials.items():
        unset = sorted(v for v in _variables(section) if not env.get(v) and v not in CHANNEL_DEFAULTS)
        if unset:
            missing[name] = unset
        else:
            kept[name] = section
    return kept, missing


class ServerCommands:
    """The command lines of the action server, the Rasa server and the web page's server."""

    def __init__(self, settings: Settings, python: str = sys.executable):
        self.settings = settings
        self.python = python
        self._run_dir: Path | None = None  # holds credentials.yml while the servers run

    def action_server_cmd(self) -> list[str]:
        """actions/server.py: rasa_sdk's server with the ACTION_SERVER_SECRET check."""
        s = self.settings
        return [
            self.python, "-m", "actions.server",
            "--actions", "actions",
            "--host", s.action_host,
            "--port", str(s.action_port),
        ]  # fmt: skip

    def web_server_cmd(self) -> list[str]:
        s = self.settings
        public = s.child_env().get("PUBLIC_RASA_URL") or s.rasa_url
        return [self.python, "-m", "web.server", "--port", str(s.web_port), "--rasa-url", public]

    def rasa_server_cmd(self) -> list[str]:
        s = self.settings
        return [
            self.python, "-m", "rasa", "run",
            "--model", str(s.model),
            "--enable-api",
            f"--auth-token={s.auth_token}",  # `=`: a token may begin with "-" (token_urlsafe does, 1 in 64)
            "--interface", HOST,
            "--port", str(s.rasa_port),
            "--endpoints", str(ROOT / "endpoints.yml"),
            "--credentials", str(self.credentials_file()),
            *([f"--jwt-secret={s.jwt_secret}", "--jwt-method", s.jwt_method] if s.jwt_secret else []),
            "--cors", *s.cors,
        ]  # fmt: skip

    def credentials_file(self) -> Path:
        """credentials.yml with only the channels whose variables are set (see README)."""
        if self._run_dir is None:
            self._run_dir = Path(tempfile.mkdtemp(prefix="twitch-run-"))
        path = self._run_dir / "credentials.yml"
        credentials = yaml.safe_load((ROOT / "credentials.yml").read_text()) or {}
        kept, missing = enabled_channels(credentials, self.settings.child_env())
        for name, unset in missing.items():
            logger.info("channel %s is off: set %s to switch it on", name.rsplit(".", 1)[-1], ", ".join(unset))
        path.write_text(yaml.safe_dump(kept, sort_keys=False))
        return path

    def remove_credentials(self) -> None:
        """The temporary credentials.yml and its directory, once the servers are stopped."""
        if self._run_dir is not None:
            shutil.rmtree(self._run_dir, ignore_errors=True)
            self._run_dir = None
