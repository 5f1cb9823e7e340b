"""The action server: rasa_sdk's app, bound to 127.0.0.1 unless told otherwise, with a shared secret.

    python -m actions.server [--actions actions] [--port 5055] [--host 127.0.0.1]

- Host: `--host`, else ACTION_HOST, else 127.0.0.1 (only the Rasa server on this machine
  can call it).
- Secret: when ACTION_SERVER_SECRET is set, every request but `GET /health` must carry it in
  the `X-Action-Secret` header (endpoints.yml sends it), or gets 401. Unset or empty: no check.
  The header is checked before the body is read (the body of a request refused is never
  read: one caller without the secret could otherwise make it take in 100 MB).
- Slow clients: a request's head must be in within 15 s and its body within 30 s, however they
  trickle in (serving/deadlines.py, as on the Rasa server).
- Errors: rasa_sdk's error handler returns the whole request (the conversation) in its body,
  which Rasa then quotes in its error log; here the body names only the error's type.
"""

from __future__ import annotations

import argparse
import hmac
import logging
import os
import sys
from typing import Any

from sanic import Sanic, response
from sanic.exceptions import SanicException, Unauthorized
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.names import ACTION_SECRET_HEADER
from serving import deadlines

OPEN_PATHS = frozenset({"/health"})
DEFAULT_HOST = "127.0.0.1"

logger = logging.getLogger(__name__)


def authorized(secret: str, path: str, provided: str | None) -> bool:
    """Whether a request to `path` carrying `provided` may pass (always, without a secret)."""
    if not secret or path in OPEN_PATHS:
        return True
    return provided is not None and hmac.compare_digest(provided.encode(), secret.encode())


def create_app(actions: str = "actions", secret: str = "", cors_origins: Any = None) -> Sanic:
    """rasa_sdk's Sanic app for `actions`, with the secret check, deadlines for slow clients and a
    quiet error handler."""
    from rasa_sdk.endpoint import create_app as sdk_create_app

    app = sdk_create_app(actions, cors_origins=cors_origins or "")
    deadlines.install(app)

    @app.signal("http.routing.after")  # the route is known, the body not read yet
    async def check_secret(request: Request, **_: Any) -> None:
        if authorized(secret, request.path, request.headers.get(ACTION_SECRET_HEADER)):
            return
        logger.warning("refused a request to %s without the action server secret", request.path)
        if request.stream is not None:
            request.stream.request_max_size = 0  # the body is never read: the connection closes after the 401
        raise Unauthorized("this action server needs its secret (X-Action-Secret)")

    @app.exception(Exception)
    async def on_error(request: Request, exception: Exception) -> HTTPResponse:
        if isinstance(exception, Unauthorized):
            return response.json({"error": str(exception)}, status=401)
        if isinstance(exception, SanicException) and 400 <= (exception.status_code or 500) < 500:
            # a wrong method or path is the client's mistake: its status, without a traceback in the log
            logger.info("action server: %s %s answered %s", request.method, request.path, exception.status_code)
            return response.json({"error": type(exception).__name__}, status=exception.status_code)
        logger.error(
            "action server error on %s %s: %s", request.method, request.path, type(exception).__name__, exc_info=exception
        )
        return response.json({"error": type(exception).__name__}, status=500)

    return app


def main(argv: list[str] | None = None) -> int:
    from rasa_sdk import utils
    from rasa_sdk.plugin import plugin_manager

    parser = argparse.ArgumentParser(prog="python -m actions.server", description=__doc__.split("\n\n")[0])
    parser.add_argument("--actions", default="actions", help="package with the actions (default: actions)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("ACTION_PORT", "5055")))
    parser.add_argument("--host", default=os.environ.get("ACTION_HOST") or DEFAULT_HOST)
    args = parser.parse_args(argv)

    logging.getLogger("matplotlib").setLevel(logging.WARN)
    utils.configure_colored_logging(os.environ.get("LOG_LEVEL", "INFO"))
    utils.update_sanic_log_level()

    secret = os.environ.get("ACTION_SERVER_SECRET", "")
    app = create_app(args.actions, secret=secret)
    plugin_manager().hook.attach_sanic_app_extensions(app=app)
    logger.info("Action server on http://%s:%s (secret %s)", args.host, args.port, "required" if secret else "not set")
    app.run(args.host, args.port, workers=utils.number_of_sanic_workers(), access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
