"""The names that cross a process boundary, written once for every process.

The Rasa server, the action server, the operator tools, the evaluation and the web page run
apart and meet only through strings: an action the Rasa server asks the action server to run,
a slot the actions set and ops/stats reads back from the tracker store, the `type` of a custom
payload that the core writes and the channels, the widget and ops/stats read, the header that
carries the action server's secret, the prefix that keeps each channel's conversations apart.
Spelled out in each process they drift apart without an error; here a rename is one edit.
This module imports nothing, so every process may import it (pyproject.toml's import rules);
tests/bot/test_names.py checks the actions and slots against domain.yml.
"""

from __future__ import annotations

# -- custom actions (domain.yml `actions`): run by actions/, named by the Rasa server ---------
RED_FLAGS_ACTION = "action_red_flags"
CONVERSE_ACTION = "action_converse"
EXPLAIN_ACTION = "action_explain"
FOODS_ACTION = "action_foods"
SUMMARY_ACTION = "action_summary"
# erases the conversation: rasa_server/stores.py deletes what came before it, hooks.py runs it
# without the action server
FORGET_ACTION = "action_forget"
ACTIONS = (RED_FLAGS_ACTION, CONVERSE_ACTION, EXPLAIN_ACTION, FOODS_ACTION, SUMMARY_ACTION, FORGET_ACTION)

# -- slots (domain.yml `slots`), by the field of bot.dialogue.State each one keeps ------------
ASKED_SLOT = "interview_asked"  # the questions asked so far; ops/stats counts them
SLOTS = {
    "asked": ASKED_SLOT,
    "pending": "interview_pending",
    "facts": "interview_facts",
    "announced": "triage_level",
    "assessed": "assessed",
    "crisis": "crisis_answered",
}

# -- custom payload types (`{"type": ...}` beside a reply's text) ------------------------------
# the contract's (bot.knowledge.contract.PAYLOAD_TYPES)
ASSESSMENT = "assessment"
ESCALATION = "escalation"
FOODS = "foods"
EXPLANATION = "explanation"
SUMMARY = "summary"
# the project's additions
LEVEL_CHANGE = "level_change"  # the level went up or down since the user was told
INTERVIEW = "interview"  # a question's place in the interview ("question 2 of 4")
DELETED = "deleted"  # the conversation was deleted: the widget drops its stored copy
CARDS = (ASSESSMENT, FOODS, ESCALATION, EXPLANATION, SUMMARY)  # the payloads the widget draws as cards

# the red flag (a symptom of bot/knowledge/contract.py) whose escalation the widget draws as the
# crisis card, the bot's own kind words first
SELF_HARM = "self_harm"

# -- HTTP headers ------------------------------------------------------------------------------
# the action server's secret: rasa_server/action_endpoint.py sends it, actions/server.py checks it
ACTION_SECRET_HEADER = "X-Action-Secret"

# -- conversation id prefixes ------------------------------------------------------------------
# A Telegram chat is `telegram:<chat id>`, a Slack user `slack:<user id>`, a widget session
# `web:<id>` (rasa_server/channels/guard.py); the REST webhook may use none of them.
TELEGRAM, SLACK, WEB = "telegram", "slack", "web"
CHANNEL_PREFIXES = (TELEGRAM, SLACK, WEB)
