"""A turn's answers go out once the turn is stored, or with a plain word that it was not.

Rasa sends each answer as soon as an action makes it and saves the conversation at the end
of the turn. When that save fails, the user has already read "Done: I've deleted this
conversation" although nothing was deleted. Here (`MessageProcessor.handle_message`, wrapped by
`install`) the turn's answers are held until the tracker store has written the turn:

- stored: they go out as they are, in order;
- not stored (`rasa_server.stores.NotSaved`): they still go out, so a red flag is escalated at
  once, followed by `NOT_SAVED` (`NOT_LOADED` when the earlier conversation could not be read
  either: the answers knew only this message and the ones since the fault); when the turn asked to delete the user's data, the
  confirmation and everything after it is dropped and `NOT_DELETED` says nothing was deleted.

Any other failure releases what the turn said before it and lets the channel answer as usual.
Every channel (REST, the widget, Telegram, Slack) goes through here.
"""

from __future__ import annotations

from typing import Any, Callable

from rasa.core.channels.channel import CollectingOutputChannel, OutputChannel, UserMessage

from bot.texts import NOT_DELETED, NOT_LOADED, NOT_SAVED
from rasa_server.stores import DELETE_CONFIRMATION, NotSaved

_INSTALLED_FLAG = "_twitch_turns_installed"


class HeldOutput(OutputChannel):
    """The channel's output, held back: it records what the turn says until `release`."""

    def __init__(self, channel: OutputChannel) -> None:
        self.channel = channel
        self.held: list[tuple[str, dict[str, Any]]] = []

    def name(self) -> str:  # type: ignore[override]
        return self.channel.name()  # responses per channel (domain.yml) still pick the right one

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        self.held.append((recipient_id, message))

    async def release(self, deletion_failed: bool = False) -> None:
        """Send what was held; after a failed deletion, nothing from its confirmation on."""
        for recipient_id, message in self.held:
            if deletion_failed and message.get("utter_action") == DELETE_CONFIRMATION:
                break
            await self.channel.send_response(recipient_id, message)
        self.held = []


def _notice(fault: NotSaved) -> str:
    """What the user is told after the turn's answers: the deletion that did not happen comes first."""
    if fault.deleting:
        return NOT_DELETED
    return NOT_LOADED if fault.unread else NOT_SAVED


def _wrap_handle_message(original: Callable[..., Any]) -> Callable[..., Any]:
    async def handle_message(self: Any, message: UserMessage) -> Any:
        channel = message.output_channel
        held = HeldOutput(channel)
        message.output_channel = held
        try:
            await original(self, message)
        except NotSaved as fault:
            await held.release(deletion_failed=fault.deleting)
            await channel.send_response(message.sender_id, {"text": _notice(fault)})
        except Exception:
            await held.release()  # what was said before the failure (an escalation) is not lost
            raise
        else:
            await held.release()
        finally:
            message.output_channel = channel
        return channel.messages if isinstance(channel, CollectingOutputChannel) else None

    handle_message.__wrapped__ = original  # type: ignore[attr-defined]
    return handle_message


def install() -> None:
    """Hold each turn's answers until it is stored (idempotent); called by `hooks.install`."""
    from rasa.core.processor import MessageProcessor

    if getattr(MessageProcessor, _INSTALLED_FLAG, False):
        return
    MessageProcessor.handle_message = _wrap_handle_message(MessageProcessor.handle_message)  # type: ignore[method-assign]
    setattr(MessageProcessor, _INSTALLED_FLAG, True)
