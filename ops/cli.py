"""Command line of the project: `python -m ops.cli run|shell|forget|stats`.

`run` starts the action server and the Rasa server in the foreground and stops both on
Ctrl-C or SIGTERM; `shell` chats in the terminal against a running action server;
`forget SENDER_ID` deletes everything stored about one conversation (docs/security.md);
`stats` writes the operator's view of the stored conversations (ops/stats, `make stats`).
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from ops.launcher import Settings, Stack, StartupError, run_in_foreground
from ops.paths import ROOT


def _banner(settings: Settings) -> str:
    shown_token = settings.auth_token if settings.token_generated else "$RASA_AUTH_TOKEN"
    token_line = (
        f"  API token (generated, set RASA_AUTH_TOKEN to choose one): {settings.auth_token}"
        if settings.token_generated
        else "  API token: from RASA_AUTH_TOKEN"
    )
    return "\n".join(
        [
            "",
            "The twitch assistant is running. Chat with it:",
            f"  web page: {settings.web_url}/",
            f"  REST:     curl -s \"{settings.rasa_url}/webhooks/rest/webhook?token={shown_token}\" "
            '-H \'Content-Type: application/json\' -d \'{"sender": "a-random-id", "message": "hi"}\'',
            f"  socketio: {settings.rasa_url}/socket.io (the widget's channel; allowed origins: {' '.join(settings.cors)})",
            "  terminal: make shell",
            token_line,
            f"  conversations are kept in {settings.tracker_db}",
            "Stop with Ctrl-C.",
            "",
        ]
    )


def cmd_run(settings: Settings) -> int:
    starting = (
        f"Starting the action server on port {settings.action_port}, Rasa on port {settings.rasa_port}"
        f" and the web page on port {settings.web_port}..."
    )
    return run_in_foreground(Stack(settings, web=True), starting, lambda: _banner(settings))


def cmd_shell(settings: Settings) -> int:
    stack = Stack(settings, log_dir=ROOT / "var" / "logs")
    try:
        stack.start_action_server()
        cmd = [sys.executable, "-m", "rasa", "shell", "--model", str(settings.model), "--endpoints", "endpoints.yml"]
        return subprocess.call(cmd, cwd=ROOT, env=settings.child_env())
    except StartupError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stack.stop()


def cmd_forget(settings: Settings, sender_id: str) -> int:
    """Delete every stored event of `sender_id` in the tracker store endpoints.yml configures."""
    from rasa_server.privacy import ForgetError, forget_with_endpoints

    if not sender_id.strip():
        print("error: give the conversation's sender id", file=sys.stderr)
        return 2
    try:
        deleted = forget_with_endpoints(sender_id, ROOT / "endpoints.yml", settings.child_env())
    except ForgetError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if deleted:
        print(f"Deleted {deleted} stored events of conversation {sender_id!r}.")
    else:
        print(f"Nothing was stored for conversation {sender_id!r}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ops.cli", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="start the action server and the Rasa server in the foreground")
    sub.add_parser("shell", help="chat in the terminal")
    forget = sub.add_parser("forget", help="delete everything stored about one conversation")
    forget.add_argument("sender_id", help="the conversation's sender id")
    stats = sub.add_parser("stats", help="charts and JSON of the stored conversations, counts only")
    stats.add_argument("--out", help="folder to write into (default results/stats/)")
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    if args.command == "run":
        return cmd_run(settings)
    if args.command == "forget":
        return cmd_forget(settings, args.sender_id)
    if args.command == "stats":
        from ops import stats as operator_view

        return operator_view.main(["--out", args.out] if args.out else [])
    return cmd_shell(settings)


if __name__ == "__main__":
    sys.exit(main())
