"""What the widget's socket receives for one bot message, in order (no server, no socket)."""

from __future__ import annotations

from typing import Any

from rasa_server.channels.socketio import WidgetSocketIOOutput

QUESTION = {
    "text": "How long has the twitching been going on?",
    "buttons": [{"title": "A few days", "payload": "/give_info"}, {"title": "Skip", "payload": "/dont_know"}],
    "custom": {"type": "interview", "question": "duration", "number": 1, "total": 4},
}


class RecordingSocket:
    """Stands in for socketio's AsyncServer: keeps what would have been emitted."""

    def __init__(self) -> None:
        self.emitted: list[Any] = []

    async def emit(self, event: str, data: Any = None, **kwargs: Any) -> None:
        self.emitted.append(data if data is not None else kwargs)


async def test_an_interview_question_sends_its_place_first_and_keeps_its_quick_replies():
    socket = RecordingSocket()
    await WidgetSocketIOOutput(socket, "bot_uttered").send_response("web:abc", dict(QUESTION))  # type: ignore[arg-type]
    place, question = socket.emitted  # nothing after the question: the widget shows the last one's replies
    assert place == QUESTION["custom"]
    assert question["text"] == QUESTION["text"]
    assert [r["title"] for r in question["quick_replies"]] == ["A few days", "Skip"]
