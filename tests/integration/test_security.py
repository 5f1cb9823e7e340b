"""Security of the running servers: API token and JWTs, the action server's secret and address, logs.

The session stack (conftest.py) runs with RASA_JWT_SECRET and ACTION_SERVER_SECRET set.
"""

from __future__ import annotations

import http.client
import select
import socket
import time
import urllib.error
import urllib.request
import uuid

import jwt
import pytest

from ops.launcher import Stack, rest_send
from tests.integration.services import ACTION_SECRET, JWT_SECRET, customs, listening_addresses, request, texts, user_texts

pytestmark = pytest.mark.integration

WRONG_SECRET = "not-" + uuid.uuid4().hex


def bearer(username: str, role: str, secret: str = JWT_SECRET, expires_in: int = 600) -> dict[str, str]:
    token = jwt.encode(
        {"user": {"username": username, "role": role}, "exp": int(time.time()) + expires_in}, secret, algorithm="HS256"
    )
    return {"Authorization": f"Bearer {token}"}


def api_calls(stack: Stack, conversation: str) -> dict[str, tuple[str, object]]:
    base = stack.settings.rasa_url
    return {
        "parse": ("POST", f"{base}/model/parse"),
        "tracker": ("GET", f"{base}/conversations/{conversation}/tracker"),
    }


def call(stack: Stack, which: str, conversation: str, token: str | None = None, headers: dict | None = None) -> int:
    method, url = api_calls(stack, conversation)[which]
    body = {"text": "hello"} if method == "POST" else None
    return request(method, str(url), body, token=token, headers=headers)[0]


@pytest.mark.parametrize("which", ["parse", "tracker"])
def test_the_http_api_needs_the_token_or_a_valid_jwt(stack, which):
    conversation = f"sec-{uuid.uuid4().hex[:8]}"
    assert call(stack, which, conversation) == 401
    assert call(stack, which, conversation, token="wrong") == 401
    assert call(stack, which, conversation, headers=bearer("ops", "admin", secret=WRONG_SECRET)) == 401
    assert (
        call(stack, which, conversation, headers=bearer("ops", "admin", expires_in=-3600)) == 401
    )  # expired (sanic-jwt allows 3 min of leeway)
    assert call(stack, which, conversation, token=stack.settings.auth_token) == 200
    assert call(stack, which, conversation, headers=bearer("ops", "admin")) == 200


@pytest.mark.parametrize(
    "token",
    [
        jwt.encode({"user": {"username": "ops", "role": "admin"}, "exp": int(time.time()) + 3600}, None, algorithm="none"),
        jwt.encode({"user": {"username": "ops", "role": "admin"}, "exp": int(time.time()) + 3600}, JWT_SECRET, algorithm="HS512"),
        jwt.encode({"user": {"username": "ops", "role": "admin"}}, JWT_SECRET, algorithm="HS256"),  # never expires
        "not.a.jwt",
        jwt.encode({"user": "ops", "exp": int(time.time()) + 3600}, JWT_SECRET, algorithm="HS256"),
        jwt.encode({"user": ["ops", "admin"], "exp": int(time.time()) + 3600}, JWT_SECRET, algorithm="HS256"),
        "\xff\xfe.not.utf8",  # sent as those bytes (HTTP headers are Latin-1 on the wire)
    ],
    ids=["alg-none", "hs512", "no-exp", "garbage", "user-a-string", "user-a-list", "not-utf8"],
)
def test_a_jwt_that_does_not_verify_is_refused_with_401_not_500(stack, token):
    conversation = f"sec-{uuid.uuid4().hex[:8]}"
    assert call(stack, "tracker", conversation, headers={"Authorization": f"Bearer {token}"}) == 401
    assert request("POST", f"{stack.settings.rasa_url}/webhooks/rest/webhook", {"sender": conversation, "message": "hi"},
                   headers={"Authorization": f"Bearer {token}"})[0] == 401  # fmt: skip


def test_a_users_jwt_reaches_only_their_own_conversation(stack):
    mine, theirs = f"me-{uuid.uuid4().hex[:8]}", f"them-{uuid.uuid4().hex[:8]}"
    rest_send(stack.settings, theirs, "my eyelid has been twitching for a week")
    assert call(stack, "tracker", mine, headers=bearer(mine, "user")) == 200
    assert call(stack, "tracker", theirs, headers=bearer(mine, "user")) == 403
    assert call(stack, "parse", mine, headers=bearer(mine, "user")) == 403  # not a conversation route


def test_the_rest_webhook_needs_the_token_or_the_senders_jwt(stack):
    """Anyone who knows (or copies) a sender id could otherwise read that person's summary."""
    victim = f"rest-{uuid.uuid4().hex[:8]}"
    rest_send(stack.settings, victim, "my eyelid has been twitching for a week and I drink 5 coffees a day")
    url = f"{stack.settings.rasa_url}/webhooks/rest/webhook"
    summary = {"sender": victim, "message": "can i get a summary for my doctor"}
    assert request("POST", url, summary)[0] == 401
    assert request("POST", url, summary, token="wrong")[0] == 401
    assert request("POST", url, summary, headers=bearer("someone-else", "user"))[0] == 403
    assert request("POST", url, summary, headers=bearer(victim, "user", secret=WRONG_SECRET))[0] == 401
    status, body = request("POST", url, summary, headers=bearer(victim, "user"))
    assert status == 200 and any((m.get("custom") or {}).get("type") == "summary" for m in body)
    assert request("POST", url, summary, token=stack.settings.auth_token)[0] == 200
    assert user_texts(stack.settings, victim)[-1] == "can i get a summary for my doctor"
    assert len(user_texts(stack.settings, victim)) == 3  # the refused ones were never read


def test_deleting_a_conversation_needs_the_same_credentials(stack):
    settings = stack.settings
    mine, theirs = f"me-{uuid.uuid4().hex[:8]}", f"them-{uuid.uuid4().hex[:8]}"
    for who in (mine, theirs):
        rest_send(settings, who, "my eyelid has been twitching for a week")
    url = f"{settings.rasa_url}/webhooks/privacy/conversations/"

    assert request("DELETE", url + theirs)[0] == 401
    assert request("DELETE", url + theirs, token="wrong")[0] == 401
    assert request("DELETE", url + theirs, headers=bearer("x", "admin", secret=WRONG_SECRET))[0] == 401
    assert request("DELETE", url + theirs, headers=bearer(mine, "user"))[0] == 403
    assert user_texts(settings, theirs) == ["my eyelid has been twitching for a week"]  # nothing was deleted

    status, body = request("DELETE", url + mine, headers=bearer(mine, "user"))  # a user may delete their own
    assert status == 200 and body["events"] > 0
    assert user_texts(settings, mine) == []
    status, _ = request("DELETE", url + theirs, headers=bearer("ops", "admin"))
    assert status == 200 and user_texts(settings, theirs) == []


def test_the_action_server_refuses_calls_without_its_secret(stack):
    url = f"{stack.settings.action_url}/webhook"
    call_body = {"next_action": "action_red_flags", "sender_id": "x", "tracker": {"sender_id": "x", "events": [], "slots": {}}}
    assert request("POST", url, call_body)[0] == 401
    assert request("POST", url, call_body, headers={"X-Action-Secret": "wrong"})[0] == 401
    assert request("GET", f"{stack.settings.action_url}/actions")[0] == 401
    assert request("GET", f"{stack.settings.action_url}/health")[0] == 200  # the launcher's readiness check
    status, body = request("POST", url, call_body, headers={"X-Action-Secret": ACTION_SECRET})
    assert status == 200 and "events" in body

    # Rasa sends the secret (endpoints.yml), so the conversation gets real answers.
    reply = rest_send(stack.settings, f"sec-{uuid.uuid4().hex[:8]}", "my eyelid has been twitching for a week")
    assert texts(reply).startswith("Here is what I understood"), reply


@pytest.mark.parametrize("method, path", [("POST", "/actions"), ("PUT", "/webhook"), ("GET", "/nothing-here")])
def test_a_wrong_method_or_path_on_the_action_server_is_a_4xx_not_a_500(stack, method, path):
    status, _ = request(method, f"{stack.settings.action_url}{path}", {} if method != "GET" else None,
                        headers={"X-Action-Secret": ACTION_SECRET})  # fmt: skip
    assert status in (404, 405)


def test_both_servers_listen_on_loopback_only(stack):
    assert listening_addresses(stack.settings.action_port) == {"127.0.0.1"}
    assert listening_addresses(stack.settings.rasa_port) == {"127.0.0.1"}


def test_user_text_never_reaches_the_logs(stack):
    settings = stack.settings
    marker = f"zq{uuid.uuid4().hex[:10]}"  # a word nobody else writes
    who = f"log-{uuid.uuid4().hex[:8]}"
    said = [
        f"my eyelid has been twitching for a week, I drink {marker} energy drinks",
        f"no {marker}",
        f"hello {marker}",
        "can i get a summary",
    ]
    replies = [rest_send(settings, who, text) for text in said]
    assert customs(replies[-1], "summary"), replies[-1]
    assert (
        request("POST", f"{settings.rasa_url}/model/parse", {"text": f"my calf twitches {marker}"}, token=settings.auth_token)[0]
        == 200
    )
    assert any(marker in text for text in user_texts(settings, who))  # the servers did get it

    logs = {child.name: child.log_path.read_text(errors="replace") for child in stack.children if child.log_path}
    assert {"action-server", "rasa-server"} <= set(logs)
    assert " INFO " in logs["action-server"] and " INFO " in logs["rasa-server"]  # the default level, with something logged
    for name, text in logs.items():
        assert marker not in text, f"user text in the {name} log"


def test_a_failing_request_does_not_put_the_token_in_the_log(stack):
    """Sanic logs the full URL of a request that failed with 500; the token's value is blanked."""
    settings = stack.settings
    conversation = f"sec-{uuid.uuid4().hex[:8]}"
    # A JSON list where an object is expected: Rasa 3.6 fails with 500 inside the route,
    # the path on which Sanic logs "Exception occurred while handling uri: ...".
    status, _ = request("POST", f"{settings.rasa_url}/conversations/{conversation}/messages", [1], token=settings.auth_token)
    assert status == 500
    rasa_log = next(child for child in stack.children if child.name == "rasa-server").log_path
    deadline = time.monotonic() + 5
    while conversation not in (text := rasa_log.read_text(errors="replace")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert f"/conversations/{conversation}/messages?token=<redacted>" in text
    assert settings.auth_token not in text


def test_the_rasa_servers_error_pages_carry_a_policy_that_allows_nothing(stack):
    req = urllib.request.Request(f"{stack.settings.rasa_url}/no-such-page")
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(req, timeout=10)
    assert answer.value.code == 404
    policy = answer.value.headers.get("Content-Security-Policy", "")
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy, policy
    assert answer.value.headers.get("X-Content-Type-Options") == "nosniff"


# -- bodies: credentials and size before the body is read (rasa_server/limits.py) -----------
BIG = 30 * 1024 * 1024  # the 30 MB JSON body of issue 28


def answer_before_the_body(
    stack, path: str, length: int = BIG, method: str = "POST", query: str = "", port: int | None = None, extra: str = ""
) -> int:
    """Send a request's head (with the `extra` header lines) announcing `length` bytes of JSON and
    only its first kilobyte to the Rasa server (or `port`); the status the server answers with.
    A server that read the body first would never answer."""
    sock = socket.create_connection(("127.0.0.1", port or stack.settings.rasa_port), timeout=30)
    try:
        head = (
            f"{method} {path}{query} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {length}\r\n{extra}\r\n"
        )
        sock.sendall(head.encode() + b'{"sender": "x", "message": "' + b"a" * 1000)
        response = http.client.HTTPResponse(sock)
        response.begin()  # times out (a failure) if the server waits for the rest
        return response.status
    finally:
        sock.close()


@pytest.mark.parametrize("path", ["/webhooks/rest/webhook", "/model/parse", "/conversations/x/tracker/events"])
def test_an_unauthenticated_30mb_body_is_refused_without_being_read(stack, path):
    assert answer_before_the_body(stack, path) == 401


@pytest.mark.parametrize("secret_line", ["", "X-Action-Secret: wrong\r\n"], ids=["no-secret", "wrong-secret"])
def test_the_action_server_refuses_a_90mb_body_without_its_secret_before_reading_it(stack, secret_line):
    port = stack.settings.action_port
    assert answer_before_the_body(stack, "/webhook", length=90 * 1024 * 1024, port=port, extra=secret_line) == 401


@pytest.mark.parametrize(
    "path", ["/webhooks/rest/webhook", "/webhooks/telegram/webhook", "/webhooks/slack/webhook", "/socket.io/", "/model/parse"]
)
def test_a_30mb_body_is_refused_without_being_read_even_with_the_token(stack, path):
    status = answer_before_the_body(stack, path, query=f"?token={stack.settings.auth_token}")
    assert status == 413


def test_the_server_still_answers_after_the_big_bodies(stack):
    assert rest_send(stack.settings, f"sec-{uuid.uuid4().hex[:8]}", "hello")


@pytest.mark.parametrize("server", ["rasa", "action"])
def test_a_client_that_drips_its_header_is_dropped(stack, server):
    """One header line a second: Sanic's timeout restarts with every byte; the head's deadline
    (serving/deadlines.py, on both servers) does not."""
    port = stack.settings.rasa_port if server == "rasa" else stack.settings.action_port
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    answer = None
    try:
        sock.sendall(b"POST /webhooks/rest/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        for line in range(60):  # a minute of dripping: four times the deadline
            readable, _, _ = select.select([sock], [], [], 1.0)
            if readable:
                answer = sock.recv(1024)
                break
            sock.sendall(f"X-Drip-{line}: 1\r\n".encode())
    except OSError:
        answer = b""  # reset by the server
    finally:
        sock.close()
    assert answer is not None, "the server kept a dripping client for a minute"
    assert answer == b"" or answer.startswith(b"HTTP/1.1 408"), answer[:100]
