"""The web page's server (web/server.py) on a free 127.0.0.1 port, for the tests of this folder."""

import threading

import pytest

from web.server import make_server


@pytest.fixture(scope="module")
def page():
    """The base URL of a running page server; Rasa's URL in its config is never called."""
    server = make_server(0, "http://127.0.0.1:5005")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def unstarted_page():
    """A page server that listens but does not serve until the test calls `start()`; stopped after."""
    server = make_server(0, "http://127.0.0.1:5005")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    yield thread.start, f"http://127.0.0.1:{server.server_address[1]}"
    if thread.is_alive():
        server.shutdown()
    server.server_close()
