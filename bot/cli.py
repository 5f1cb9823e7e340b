"""Command line of the project: `python -m bot.cli run|shell|forget`.

`run` starts the action server and the Rasa server in the foreground and stops both on
Ctrl-C or SIGTERM; `shell` chats in the terminal against a running action server;
`forget SENDER_ID` deletes everything stored about one conversation (docs/security.md).
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import time
from types import FrameType

from bot.launcher import ROOT, Settings, Stack, StartupError


class _Stop(Exception):
    pass


def _raise_stop(signum: int, frame: FrameType | None) -> None:
    raise _Stop(signal.Signals(signum).name)


def _banner(settings: Settings) -> str:
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
            f"  REST:     curl -s {settings.rasa_url}/webhooks/rest/webhook "
            '-H \'Content-Type: application/json\' -d \'{"sender": "me", "message": "hi"}\'',
            f"  socketio: {settings.rasa_url}/socket.io (the widget's channel; allowed origins: {' '.join(settings.cors)})",
            "  terminal: make shell",
            token_line,
            f"  conversations are kept in {settings.tracker_db}",
            "Stop with Ctrl-C.",
            "",
        ]
    )


def cmd_run(settings: Settings) -> int:
    signal.signal(signal.SIGTERM, _raise_stop)
    signal.signal(signal.SIGINT, _raise_stop)
    stack = Stack(settings, web=True)
    try:
        print(
            f"Starting the action server on port {settings.action_port}, Rasa on port {settings.rasa_port}"
            f" and the web page on port {settings.web_port}...",
            flush=True,
        )
        stack.start()
        print(_banner(settings), flush=True)
        while (dead := stack.first_exited()) is None:
            time.sleep(0.5)
        print(f"{dead.name} stopped unexpectedly (exit code {dead.process.returncode}); stopping the rest.", file=sys.stderr)
        return 1
    except StartupError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except (_Stop, KeyboardInterrupt):
        print("\nStopping...", flush=True)
        return 0
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        stack.stop()


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
    from bot.privacy import ForgetError, forget_with_endpoints

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
    parser = argparse.ArgumentParser(prog="python -m bot.cli", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="start the action server and the Rasa server in the foreground")
    sub.add_parser("shell", help="chat in the terminal")
    forget = sub.add_parser("forget", help="delete everything stored about one conversation")
    forget.add_argument("sender_id", help="the conversation's sender id")
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    if args.command == "run":
        return cmd_run(settings)
    if args.command == "forget":
        return cmd_forget(settings, args.sender_id)
    return cmd_shell(settings)


if __name__ == "__main__":
    sys.exit(main())
