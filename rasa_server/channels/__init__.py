"""Rasa input channels of the project: REST and the web widget's socketio with input checks, Telegram and Slack."""
