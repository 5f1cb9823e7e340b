"""The trained model answers the same loaded the lean way (rasa_server/components/lean_load.py) as Rasa loads it.

Loaded with Rasa's own load (a traced training step first), then the lean way, in this process:
TED's action probabilities over the turns of some vignettes are equal to the last digit. Rasa's TEDPolicy turns a failed load into a policy
that predicts nothing, silently, so the probabilities are compared, not just the load.
Needs the trained model (no server): marked integration, so it runs after training.
"""

from __future__ import annotations

import asyncio
import uuid

import pytest
import yaml

from evaluation import VIGNETTES
from rasa_server.components import ted

pytestmark = pytest.mark.integration

N_VIGNETTES = 8


async def _answers(model_path: str) -> list[list[float]]:
    import rasa.engine.graph as graph
    from rasa.core.agent import Agent
    from rasa.shared.core.events import ActionExecuted, UserUttered

    ted_outputs: list[list[float]] = []
    call = graph.GraphNode.__call__

    def spy(node, *inputs):  # TED's prediction as it leaves its graph node
        name, output = call(node, *inputs)
        if "LeanTEDPolicy" in name:
            ted_outputs.append([round(p, 6) for p in output.probabilities])
        return name, output

    agent = Agent.load(model_path)
    vignettes = yaml.safe_load(VIGNETTES.read_text(encoding="utf-8"))["vignettes"][:N_VIGNETTES]
    graph.GraphNode.__call__ = spy
    try:
        for vignette in vignettes:
            sender = uuid.uuid4().hex
            for text in vignette["turns"]:
                tracker = await agent.processor.fetch_tracker_with_initial_session(sender)
                parsed = await agent.parse_message(text)
                tracker.update(UserUttered(text, parsed["intent"], parsed["entities"], parsed))
                agent.processor._predict_next_with_tracker(tracker)
                tracker.update(ActionExecuted("action_listen"))
                await agent.tracker_store.save(tracker)
    finally:
        graph.GraphNode.__call__ = call
    return ted_outputs


def test_the_lean_load_answers_exactly_as_rasas_load(model_path, monkeypatch):
    lean_ted = asyncio.run(_answers(str(model_path)))
    monkeypatch.setattr(ted.LeanTEDPolicy, "model_class", staticmethod(lambda: ted.TED))
    rasas = asyncio.run(_answers(str(model_path)))

    assert len(lean_ted) > N_VIGNETTES and lean_ted == rasas
    assert all(max(probabilities) > 0 for probabilities in lean_ted)  # a TED without its model predicts zeros
