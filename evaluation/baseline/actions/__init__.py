"""The baseline bot's action package (rasa_sdk loads it with `--actions evaluation.baseline.actions`)."""
