"""Every route of the Rasa server: the caller is authenticated, and the body capped, before it is read.

Sanic reads a request's whole body before any middleware or handler runs (up to 100 MB by
default), and Rasa's token check runs in the handler: one 30 MB unauthenticated JSON body
held the server for 7 s. Here a signal that runs once the route is known and before the body
is read (`http.routing.after`, installed on the app by `install`):

- **Caps.** Each route's body is capped (`BODY_LIMITS`, by path); a larger one gets a 413 from
  its Content-Length alone (a chunked body is cut off at the cap) and the connection is
  closed, the body unread. Sanic's own limit, for a path no route serves, is the largest cap.
- **Credentials first.** A route that needs the HTTP API's token or a JWT (Rasa's API, except
  `/` and `/version`; the REST webhook; the privacy route) refuses a request without a valid
  one with 401 before its body is read, when the server has a token or a JWT secret. Which
  conversation a user's JWT may act on is still checked by the route, from the body.

- **Deadlines.** A request's head must arrive within 15 s and its body within 30 s, however
  it trickles in (serving/deadlines.py, shared with the action server).
- **Stopping.** On SIGTERM the server stops listening and finishes the requests it has, for up
  to `DRAIN_SECONDS` (Sanic's graceful shutdown; its default, 15 s, cut off a turn that waited
  on the action server and lost it); a request that arrives on an open connection meanwhile
  gets 503, its body unread, so the caller knows to send it again.

Telegram and Slack prove who they are with a secret header and a signature over the body
(their routes check them; the caps keep those bodies small); the widget's socket is public
(its sessions are signed: rasa_server/channels/socketio.py).
"""

from __future__ import annotations

import hmac
from typing import Any

from sanic.exceptions import PayloadTooLarge

from serving import deadlines

KIB = 1024
# A turn in flight when the server stops: a store read and a save (TRACKER_TIMEOUT, 10 s each)
# and an action (ACTION_TIMEOUT, 8 s) with time to spare. ops/launcher.py waits this long and more.
DRAIN_SECONDS = 40.0
# Path prefix -> the largest body a request to it may send, in bytes (first match wins).
BODY_LIMITS = (
    ("/webhooks/rest/", 128 * KIB),  # a message of MAX_CHARS (8,000) escaped as JSON, metadata 16 KB
    ("/webhooks/privacy/", 1 * KIB),  # DELETE: no body
    ("/webhooks/telegram/", 256 * KIB),  # one update
    ("/webhooks/slack/", 256 * KIB),  # one event or interaction
    ("/socket.io/", 1_100 * KIB),  # python-engineio's own limit is 1,000,000 bytes
    ("/webhooks/", 64 * KIB),  # any other channel
    ("/", 8 * KIB * KIB),  # Rasa's HTTP API (a whole conversation's events, a parse)
)
OPEN_PATHS = ("/", "/version")  # Rasa's API routes without credentials
CREDENTIAL_PATHS = ("/webhooks/rest/webhook", "/webhooks/privacy/conversations/")


def body_limit(path: str) -> int:
    return next(limit for prefix, limit in BODY_LIMITS if path.startswith(prefix))


def needs_credentials(path: str, method: str) -> bool:
    """Whether the route takes only callers with the API's token or a JWT (OPTIONS: CORS preflight)."""
    if method == "OPTIONS":
        return False
    if path.startswith(CREDENTIAL_PATHS):
        return True
    return not path.startswith(("/webhooks/", "/socket.io")) and path not in OPEN_PATHS


async def authenticated(request: Any) -> bool:
    """Whether the request has the API's token or a JWT that verifies (Rasa's two ways)."""
    from rasa_server.hooks import api_auth_token

    token = api_auth_token(request.app)
    provided = request.args.get("token")
    if token is not None and isinstance(provided, str) and hmac.compare_digest(provided.encode(), token.encode()):
        return True
    return bool(request.app.config.get("USE_JWT")) and bool(await request.app.ctx.auth.is_authenticated(request))


def has_credentials(app: Any) -> bool:
    """Whether the server was started with a token or a JWT secret (plain `rasa run` has neither)."""
    from rasa_server.hooks import api_auth_token

    return api_auth_token(app) is not None or bool(app.config.get("USE_JWT"))


def refuse_body(stream: Any) -> None:
    """The body, if any, is never read: the connection closes after the answer."""
    if stream is not None:
        stream.request_max_size = 0


async def before_body(request: Any, route: Any = None, **_: Any) -> None:
    """Cap the body, and refuse a caller without credentials or one that comes while the server
    stops, before the body is read."""
    from rasa.server import ErrorResponse

    stream = request.stream
    if request.app.is_stopping:
        refuse_body(stream)
        raise ErrorResponse(503, "ServiceUnavailable", "The server is stopping; send the request again shortly.")
    if stream is not None:
        stream.request_max_size = min(stream.request_max_size, body_limit(request.path))
    if needs_credentials(request.path, request.method) and has_credentials(request.app) and not await authenticated(request):
        refuse_body(stream)
        raise ErrorResponse(401, "NotAuthenticated", "User is not authenticated.")
    if stream is not None and stream.request_body and stream.request_bytes > stream.request_max_size:
        raise PayloadTooLarge("The request body is too large.")


def install(app: Any) -> None:
    """Check every request of `app` before its body is read (see the module docstring)."""
    app.config.REQUEST_MAX_SIZE = max(limit for _, limit in BODY_LIMITS)
    deadlines.install(app)
    app.config.GRACEFUL_SHUTDOWN_TIMEOUT = DRAIN_SECONDS
    app.signal("http.routing.after")(before_body)
