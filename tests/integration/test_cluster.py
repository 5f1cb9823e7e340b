"""`make cluster`: two Rasa replicas and two action servers behind nginx share one conversation state.

The cluster (PostgreSQL tracker store, Redis lock store) is the session's (conftest.py), also
used by test_persistence.py; it must leave no process and no temporary directory behind.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import signal
import socket
import threading
import time
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

import pytest

from ops import services
from ops.cluster import Cluster
from ops.launcher import Child, free_port
from ops.nginx import Nginx, Ports
from rasa_server.hooks import UNAVAILABLE
from rasa_server.lock_store import AtomicRedisLockStore
from tests.integration.services import CLUSTER_TOKEN as TOKEN
from tests.integration.services import request

pytestmark = pytest.mark.integration


# What a person says again and again in a long conversation: facts, questions, small talk.
LONG_TALK = (
    "my eyelid has been twitching for a week",
    "i drink about five coffees a day",
    "no weakness",
    "what could be causing it?",
    "i have been sleeping badly and I am stressed at work",
    "thanks a lot",
)


def send(base_url: str, sender: str, text: str) -> list[dict]:
    request = urllib.request.Request(
        f"{base_url}/webhooks/rest/webhook?token={TOKEN}",
        data=json.dumps({"sender": sender, "message": text}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        return list(json.loads(response.read()))


def tracker(base_url: str, sender: str) -> dict:
    url = f"{base_url}/conversations/{urllib.parse.quote(sender, safe=':')}/tracker?token={TOKEN}"
    with urllib.request.urlopen(url, timeout=30) as response:
        return dict(json.loads(response.read()))


def turns(events: list[dict]) -> list[tuple[str, list[str], list[dict]]]:
    """(user text, bot texts, bot custom payloads) per user message, in tracker order."""
    found: list[tuple[str, list[str], list[dict]]] = []
    for event in events:
        if event["event"] == "user":
            found.append((event["text"], [], []))
        elif event["event"] == "bot" and found:
            if event.get("text"):
                found[-1][1].append(event["text"])
            if (event.get("data") or {}).get("custom"):
                found[-1][2].append(event["data"]["custom"])
    return found


def answer(reply: list[dict]) -> tuple[list[str], list[dict]]:
    return [m["text"] for m in reply if m.get("text")], [m["custom"] for m in reply if "custom" in m]


def cards(reply: list[dict]) -> list[dict]:
    """The reply's card payloads (a question's place in the interview is no card)."""
    return [c for c in answer(reply)[1] if c["type"] != "interview"]


def assert_tracker_matches(events: list[dict], sent: list[tuple[str, list[dict]]]) -> None:
    """Every message once, in order, each followed by exactly the answer its sender got."""
    recorded = turns(events)
    assert [text for text, _, _ in recorded] == [text for text, _ in sent]
    for (text, texts, customs), (_, reply) in zip(recorded, sent, strict=True):
        assert (texts, customs) == answer(reply), f"the answer to {text!r} in the tracker is not the one sent"


def is_question(reply: list[dict]) -> bool:
    return any(m.get("buttons") for m in reply)


def interview(targets: list[str], sender: str) -> list[tuple[str, list[dict]]]:
    """Tell two facts on different replicas, answer the questions, get the assessment."""
    sent: list[tuple[str, list[dict]]] = []

    def say(text: str) -> list[dict]:
        reply = send(targets[len(sent) % len(targets)], sender, text)
        sent.append((text, reply))
        return reply

    say("my eyelid has been twitching and I drink 5 coffees a day")
    reply = say("for two weeks")
    while not any(m.get("custom", {}).get("type") == "assessment" for m in reply) and len(sent) < 8:
        assert is_question(reply), reply
        reply = say("I don't know")
    return sent


def test_a_message_waiting_behind_a_killed_replicas_ticket_is_served_when_both_tickets_expire():
    """A replica killed mid-turn leaves its ticket; the user's next message waits behind it. When
    both tickets expire in the same second the message must be served, not wait for ever."""
    redis = services.start_redis()
    try:
        store = AtomicRedisLockStore(host="127.0.0.1", port=redis.port, db=2, password=redis.password, key_prefix="dead")
        store.issue_ticket("talk", lock_lifetime=0.3)  # the killed replica's turn: never finished

        async def next_message() -> None:
            async with store.lock("talk", lock_lifetime=0.3, wait_time_in_seconds=0.5):
                pass

        asyncio.run(asyncio.wait_for(next_message(), 10))  # before the fix: waits until the timeout
    finally:
        redis.stop()


def test_a_turn_longer_than_the_ticket_lifetime_keeps_its_conversation_to_itself():
    """The cluster's lifetime is short (a killed replica's ticket must not hold a conversation
    long): a live replica's turn that takes longer still keeps the next message waiting."""
    redis = services.start_redis()
    order: list[str] = []
    try:
        store = AtomicRedisLockStore(host="127.0.0.1", port=redis.port, db=3, password=redis.password, key_prefix="long")

        async def turn(name: str, seconds: float) -> None:
            async with store.lock("talk", lock_lifetime=0.3, wait_time_in_seconds=0.05):
                order.append(f"{name} starts")
                await asyncio.sleep(seconds)
                order.append(f"{name} ends")

        async def two_messages() -> None:
            slow = asyncio.ensure_future(turn("slow", 1.5))  # five lifetimes
            await asyncio.sleep(0.1)
            await turn("next", 0)
            await slow

        asyncio.run(asyncio.wait_for(two_messages(), 30))
    finally:
        redis.stop()
    assert order == ["slow starts", "slow ends", "next starts", "next ends"]  # before: the next one ran inside the slow one


def test_the_lock_store_lets_one_replica_at_a_time_into_a_conversation():
    redis = services.start_redis()
    inside, overlaps, errors = [0], [0], []
    guard = threading.Lock()

    async def hold(store: AtomicRedisLockStore) -> None:
        for _ in range(60):
            async with store.lock("one-conversation", wait_time_in_seconds=0.005):
                with guard:
                    inside[0] += 1
                    overlaps[0] += inside[0] > 1
                await asyncio.sleep(0.001)
                with guard:
                    inside[0] -= 1

    def replica() -> None:  # one store (one Redis connection) per thread, as per replica
        store = AtomicRedisLockStore(host="127.0.0.1", port=redis.port, db=1, password=redis.password, key_prefix="test")
        try:
            asyncio.run(asyncio.wait_for(hold(store), 60))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))

    try:
        threads = [threading.Thread(target=replica) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        store = AtomicRedisLockStore(host="127.0.0.1", port=redis.port, db=1, password=redis.password, key_prefix="test")
        assert errors == [] and overlaps == [0]
        assert store.get_lock("one-conversation") is None  # the last holder removed it
    finally:
        redis.stop()


def test_conversations_spread_over_both_replicas_and_nginx_keep_one_state(cluster):
    r1, r2 = cluster.ports.replica_urls
    routes = [[r1, r2, cluster.url], [r2, r1, cluster.url], [cluster.url, r1, r2], [r1, cluster.url, r2]]
    senders = [f"cl-{uuid.uuid4().hex[:8]}" for _ in routes]
    with ThreadPoolExecutor(len(senders)) as pool:  # four conversations at once, interleaved
        played = list(pool.map(interview, routes, senders))

    for sender, sent in zip(senders, played, strict=True):
        assert_tracker_matches(tracker(cluster.url, sender)["events"], sent)
        # The coffee and the eyelid were told to one replica, the duration to the other; the
        # questions that followed, wherever they came from, never asked for them again.
        questions = [m["text"] for _, reply in sent[1:] if not cards(reply) for m in reply if m.get("buttons")]
        assert len(questions) == len(set(questions)), questions
        assert not any("How long" in q or "caffeine" in q for q in questions), questions
        assessment = next(c for c in answer(sent[-1][1])[1] if c["type"] == "assessment")
        assert assessment["causes"][0]["id"] == "caffeine_stimulants"


def test_messages_of_one_conversation_sent_to_both_replicas_at_once_are_handled_one_after_the_other(cluster):
    r1, r2 = cluster.ports.replica_urls
    sender = f"cl-{uuid.uuid4().hex[:8]}"
    sent: list[tuple[str, list[dict]]] = [("hello", send(cluster.url, sender, "hello"))]
    for round_ in range(4):
        texts = ["am I talking to a bot?", "thanks a lot"] if round_ % 2 == 0 else ["thanks a lot", "am I talking to a bot?"]
        barrier = threading.Barrier(2)

        def at_once(target: str, text: str, barrier: threading.Barrier = barrier) -> tuple[str, list[dict]]:
            barrier.wait()
            return text, send(target, sender, text)

        with ThreadPoolExecutor(2) as pool:
            replies = dict(pool.map(at_once, [r1, r2], texts))
        # Which one got the lock first is up to the race; the tracker says.
        recorded = [text for text, _, _ in turns(tracker(cluster.url, sender)["events"])][len(sent) :]
        assert sorted(recorded) == sorted(texts)
        sent += [(text, replies[text]) for text in recorded]
    assert_tracker_matches(tracker(r2, sender)["events"], sent)
    # the first time it is asked (asked again, the same answer comes in other words: which words depends on the race)
    first = next(reply for text, reply in sent if text == "am I talking to a bot?")
    assert "automated assistant" in " ".join(answer(first)[0]).lower()


def test_the_web_widget_socket_stays_on_one_replica_through_nginx(cluster):
    import socketio

    issued: list[str] = []
    answers: list[dict] = []
    confirmed, answered = threading.Event(), threading.Event()
    client = socketio.Client(reconnection=False)
    client.on("session_confirm", lambda session_id: (issued.append(session_id), confirmed.set()))
    client.on("bot_uttered", lambda data: (answers.append(data), answered.set()))
    # Long polling: every poll is a new HTTP request, which only works if nginx sends them
    # all to the replica that holds the socket.io session.
    client.connect(cluster.url, transports=["polling"], socketio_path="socket.io", wait_timeout=30)
    try:
        client.emit("session_request", {})
        assert confirmed.wait(30)
        session = issued[0]  # issued and signed by one replica, accepted by the other too
        client.emit("user_uttered", {"message": "hello", "session_id": session})
        assert answered.wait(60), "no answer over socket.io through nginx"
        assert "can't diagnose" in " ".join(a.get("text", "") for a in answers)
    finally:
        client.disconnect()
    user_texts = [text for text, _, _ in turns(tracker(cluster.url, "web:" + session.partition(".")[0])["events"])]
    assert user_texts == ["hello"]


def heal_until(cluster: Cluster, done: Callable[[], bool], said: list[str], timeout: float) -> None:
    """Call heal() every half second, as `make cluster` does (run_in_foreground), until done()."""
    deadline = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < deadline, f"not healed in {timeout} s; said: {said}"
        cluster.heal(said.append)
        time.sleep(0.5)


def back(child: Child, killed: Child) -> bool:
    return child is not killed and not child.coming_back and child.process.poll() is None


def test_a_killed_action_server_and_a_killed_nginx_are_started_again(cluster):
    said: list[str] = []
    sender = f"cl-{uuid.uuid4().hex[:8]}"
    first, proxy = cluster.servers.action_servers[0], cluster.proxy
    assert proxy is not None and proxy.child is not None
    action, nginx = first.children[0], proxy.child
    action.process.send_signal(signal.SIGKILL)
    nginx.process.send_signal(signal.SIGKILL)
    heal_until(cluster, lambda: back(first.children[0], action) and proxy.child is not None and back(proxy.child, nginx), said, 60)
    reply = send(cluster.url, sender, "my eyelid has been twitching for a week")
    assert reply and UNAVAILABLE not in str(reply)
    assert sorted(line.split(" stopped")[0] for line in said if "stopped unexpectedly (exit code -9)" in line) == [
        "action-server-1",
        "nginx",
    ]
    assert sorted(line.split(" is back")[0] for line in said if " is back " in line) == ["action-server-1", "nginx"]


@dataclass
class Talker:
    """One person of the load: what they sent, whether each message was answered."""

    sender: str
    sent: list[tuple[str, bool]] = field(default_factory=list)
    answered_at: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # why a message was not answered

    def talk(self, url: str, stop: threading.Event) -> None:
        turn = 0
        while not stop.is_set():
            text = LONG_TALK[turn % len(LONG_TALK)]
            turn += 1
            try:
                reply = send(url, self.sender, text)
            except OSError as error:  # the replica that had it was killed: nginx answers 502
                self.sent.append((text, False))
                self.failures.append(f"{time.monotonic():.1f} {error}")
                time.sleep(0.5)
                continue
            self.sent.append((text, bool(reply)))
            self.answered_at.append(time.monotonic())

    def check_stored(self, stored: list[str]) -> None:
        """Every answered message stored once, in order; an unanswered one at most once, where it was sent."""
        rest = list(stored)
        for text, answered in self.sent:
            if rest and rest[0] == text:
                rest.pop(0)
            else:
                assert not answered, f"{self.sender}: {text!r} was answered but is not stored where it was sent"
        assert rest == [], f"{self.sender}: stored but never sent, or stored twice: {rest}"


def test_a_replica_killed_under_load_is_started_again_and_no_answered_message_is_lost_or_doubled(cluster):
    said: list[str] = []
    people = [Talker(f"load-{i}-{uuid.uuid4().hex[:6]}") for i in range(6)]
    stop = threading.Event()
    threads = [threading.Thread(target=p.talk, args=(cluster.url, stop), daemon=True) for p in people]
    for thread in threads:
        thread.start()
    try:
        time.sleep(5)  # the load runs against both replicas first
        killed = cluster.servers.replicas[0].children[0]
        killed.process.send_signal(signal.SIGKILL)
        died = time.monotonic()
        heal_until(cluster, lambda: back(cluster.servers.replicas[0].children[0], killed), said, 600)
        returned = time.monotonic()
        time.sleep(5)  # and against both again
    finally:
        stop.set()
        for thread in threads:
            thread.join(180)

    assert any(line.startswith("rasa-1 stopped unexpectedly (exit code -9)") for line in said), said
    assert any(line.startswith("rasa-1 is back") for line in said), said
    answered_meanwhile = sum(died + 5 < at < returned for p in people for at in p.answered_at)
    assert answered_meanwhile > 0, "the other replica did not serve while rasa-1 was away"
    for person in people:
        person.check_stored([text for text, _, _ in turns(tracker(cluster.url, person.sender)["events"])])
    unanswered = sum(not answered for p in people for _, answered in p.sent)
    failures = [failure for p in people for failure in p.failures]
    assert unanswered <= len(people), f"only a message the killed replica was handling may go unanswered: {failures}"
    answered = sum(len(p.answered_at) for p in people)
    print(f"\n{answered} answered, {unanswered} not, {answered_meanwhile} while rasa-1 was away ({returned - died:.0f} s)")
    print(f"killed at {died:.1f}, back at {returned:.1f}; failures: {failures}")


def redis_set_calls(cluster: Cluster) -> int:
    import redis

    assert cluster.shared.redis is not None
    env = cluster.shared.redis.env()
    client = redis.Redis(host=env["REDIS_HOST"], port=int(env["REDIS_PORT"]), password=env["REDIS_PASSWORD"])
    try:
        return int(client.info("commandstats").get("cmdstat_set", {}).get("calls", 0))
    finally:
        client.close()


def test_nginx_keeps_serving_when_one_replica_stops(cluster):
    r1, _ = cluster.ports.replica_urls
    earlier = f"cl-{uuid.uuid4().hex[:8]}"
    told = "my eyelid has been twitching for a week and I drink 5 coffees a day"
    first = send(r1, earlier, told)
    locks_before = redis_set_calls(cluster)
    cluster.servers.replicas[0].stop()  # SIGTERM, as a rolling update stops a replica
    started = time.monotonic()
    sender = f"cl-{uuid.uuid4().hex[:8]}"
    sent = [(text, send(cluster.url, sender, text)) for text in ["hello", "am I talking to a bot?", "thanks a lot", "bye"]]
    assert all(answer(reply)[0] for _, reply in sent)
    assert_tracker_matches(tracker(cluster.url, sender)["events"], sent)
    # A conversation the stopped replica served goes on where it was: its state is in
    # PostgreSQL. The question asked before the stop is answered, and not asked again.
    asked = " ".join(answer(first)[0])
    assert "weakness, numbness or tingling" in asked, first
    later = send(cluster.url, earlier, "no")
    assert_tracker_matches(tracker(cluster.url, earlier)["events"], [(told, first), ("no", later)])
    assert "weakness, numbness or tingling" not in " ".join(answer(later)[0]), later
    facts = next(c for c in answer(send(cluster.url, earlier, "can i get a summary"))[1] if c["type"] == "summary")
    assert "caffeine" in facts["factors"] and facts["duration_days"] == 7, facts
    assert {"weakness", "numbness_tingling"} <= set(facts["denied"]), facts
    assert redis_set_calls(cluster) > locks_before  # the Redis lock store took the conversation's lock
    assert time.monotonic() - started < 120


def work_dir(tmp_path: Path) -> Path:
    """A work directory for nginx alone (the cluster makes a temporary one)."""
    (tmp_path / "work").mkdir()
    return tmp_path / "work"


def test_the_api_token_never_reaches_nginxs_logs(tmp_path):
    """nginx alone, in front of replicas that are down: every request fails in nginx, which is
    when it writes to its error log (with the request line, where the token travels)."""
    secret = "token-" + uuid.uuid4().hex
    ports = Ports.choose(free_port())
    nginx_only = Nginx(work_dir(tmp_path), tmp_path / "logs", ports)
    try:
        nginx_only.start()
        for base in (ports.url, f"http://127.0.0.1:{ports.nginx_actions}"):
            for _ in range(3):
                status, _ = request("POST", f"{base}/webhooks/rest/webhook?token={secret}", {"sender": "s", "message": "hi"})
                assert status == 502
        big = request("POST", f"{ports.url}/model/parse?token={secret}", {"text": "x" * 100_000})
        assert big[0] == 413
        written = {path.name: path.read_text(errors="replace") for path in tmp_path.rglob("*.log")}
    finally:
        nginx_only.stop()
    assert set(written) == {"nginx.log", "access.log", "error.log"}
    assert written["access.log"].count(" 502 ") == 6, written["access.log"]  # the operator still sees every failure
    assert [name for name, text in written.items() if secret in text] == []


def test_a_long_conversation_through_nginx_still_escalates_a_red_flag_at_its_end(cluster):
    """Each call from a replica to the action servers carries the whole conversation, through nginx."""
    sender = f"long-{uuid.uuid4().hex[:8]}"
    replies = [send(cluster.url, sender, LONG_TALK[turn % len(LONG_TALK)]) for turn in range(60)]
    assert [turn for turn, reply in enumerate(replies) if not reply or UNAVAILABLE in str(reply)] == []
    last = send(cluster.url, sender, "I have crushing chest pain right now")
    escalations = [c for c in answer(last)[1] if c["type"] == "escalation"]
    assert escalations and escalations[0]["triage"] == "emergency", last
    assert len(turns(tracker(cluster.url, sender)["events"])) == 61


class StandInReplica(BaseHTTPRequestHandler):
    """Answers every POST with [] except one to /drop, whose connection it closes unanswered
    (as a replica does when the request dies in it, or nginx when it waits too long)."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path.startswith("/drop"):
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"[]")

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


def test_one_failed_request_does_not_take_the_replica_that_is_up_out_of_nginxs_rotation(tmp_path):
    """One replica down, the other up: a request that fails in the one that is up (its
    conversation waited too long, say) must not leave nginx with no replica for everyone else."""
    up = ThreadingHTTPServer(("127.0.0.1", 0), StandInReplica)
    threading.Thread(target=up.serve_forever, daemon=True).start()
    ports = dataclasses.replace(Ports.choose(free_port()), replicas=[free_port(), up.server_address[1]])  # the first is down
    nginx_only = Nginx(work_dir(tmp_path), tmp_path / "logs", ports)
    try:
        nginx_only.start()
        assert request("POST", f"{ports.url}/webhooks/rest/webhook", {"message": "hi"})[0] == 200
        assert request("POST", f"{ports.url}/drop", {"message": "hi"})[0] == 502
        after = [request("POST", f"{ports.url}/webhooks/rest/webhook", {"message": "hi"})[0] for _ in range(4)]
    finally:
        nginx_only.stop()
        up.shutdown()
    assert after == [200] * 4


def http_status(sock: socket.socket) -> int:
    """The status of the answer that comes on `sock` (0 when the connection closes without one)."""
    head = sock.recv(64)
    return int(head.split()[1]) if head.startswith(b"HTTP/") else 0


def post_from(address: str, port: int) -> int:
    """A whole small POST to nginx on 127.0.0.1 from another loopback address: its status."""
    with socket.create_connection(("127.0.0.1", port), timeout=15, source_address=(address, 0)) as sock:
        sock.sendall(b"POST /webhooks/rest/webhook HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nConnection: close\r\n\r\n[]")
        return http_status(sock)


def test_one_address_holding_hundreds_of_slow_connections_does_not_close_nginx_to_others(tmp_path):
    """600 connections that drip a request head and 70 that never send their body, all from
    127.0.0.1 (before: nginx's 512 connections were used up and nobody else was answered)."""
    up = ThreadingHTTPServer(("127.0.0.1", 0), StandInReplica)
    threading.Thread(target=up.serve_forever, daemon=True).start()
    ports = dataclasses.replace(Ports.choose(free_port()), replicas=[up.server_address[1]])
    nginx_only = Nginx(work_dir(tmp_path), tmp_path / "logs", ports)
    held: list[socket.socket] = []

    def hold(data: bytes) -> socket.socket:
        sock = socket.create_connection(("127.0.0.1", ports.nginx), timeout=15)
        sock.sendall(data)
        held.append(sock)
        return sock

    try:
        nginx_only.start()
        drippers = [hold(b"POST /webhooks/rest/webhook HTTP/1.1\r\nHost: a\r\n") for _ in range(600)]
        waiting = [hold(b"POST /webhooks/rest/webhook HTTP/1.1\r\nHost: a\r\nContent-Length: 99\r\n\r\n") for _ in range(70)]
        refused = [http_status(sock) for sock in waiting[64:]]  # past 64 requests of one address: refused at once
        others = [post_from("127.0.0.2", ports.nginx) for _ in range(3)]  # someone else is still answered
        dropped = wait_until_closed(drippers[0], 40)  # a head dripped for ever is dropped
    finally:
        for sock in held:
            sock.close()
        nginx_only.stop()
        up.shutdown()
    assert refused == [429] * 6 and others == [200] * 3 and dropped


def wait_until_closed(sock: socket.socket, seconds: float) -> bool:
    """Whether the other side closes `sock` (after an answer or none) within `seconds`."""
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            sock.settimeout(max(0.1, deadline - time.monotonic()))
            if sock.recv(256) == b"":
                return True
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False
    return False
