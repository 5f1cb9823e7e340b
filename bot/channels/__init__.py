"""Rasa input channels of the project: the web widget's socketio, Telegram and Slack."""

import bot.rasa_hooks  # noqa: F401,E402  (Rasa always imports this package: installs the fault and speed hooks)
