"""web/embed.js spells no name it shares with the bot: it reads them from config.js, which the
page's server fills from their one home (web/server.py `widget_names`, bot/names.py).

Spelled by hand, a payload type renamed in bot/names.py would leave the widget drawing a card
as plain text, or keeping a deleted conversation, without an error anywhere. The browser tests
(tests/integration/test_widget.py) draw the cards with the names served.
"""

from __future__ import annotations

import json
import re
import urllib.request

from web.server import WEB, widget_names

EMBED = (WEB / "embed.js").read_text(encoding="utf-8")
# embed.js's code without its elements' tags: h("summary", ...) is HTML's <summary>, not a shared name
CODE = re.sub(r'\bh\("[a-z0-9]+"', "h(TAG", EMBED)


def served_values() -> set[str]:
    values: set[str] = set()
    for value in widget_names().values():
        values.update(value if isinstance(value, list) else [value])
    return values


def test_every_name_embed_js_reads_is_one_the_server_serves():
    read = set(re.findall(r"\bNAMES\.([A-Z_]+)\b", EMBED))
    assert read, "embed.js reads the shared names as NAMES.<NAME>"
    assert read <= set(widget_names()), "serve these from web/server.py widget_names()"


def test_embed_js_spells_no_shared_name_itself():
    spelled = [
        value
        for value in sorted(served_values())
        if re.search(rf"""(["']){re.escape(value)}\1|[{{,]\s*{re.escape(value)}\s*:""", CODE)
    ]
    assert spelled == [], "read these from NAMES (config.js), as the rest of embed.js does"


def test_config_js_carries_the_names(page):
    with urllib.request.urlopen(page + "/config.js", timeout=10) as response:
        script = response.read().decode()
    config = json.loads(script.removeprefix("window.TWITCH_ASSISTANT_CONFIG = ").rstrip().removesuffix(";"))
    assert config["names"] == widget_names()
