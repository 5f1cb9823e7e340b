"""The web page's server: every answer, error pages included, carries the security headers."""

import threading
import urllib.error
import urllib.request

import pytest

from web.server import make_server


@pytest.fixture
def page():
    server = make_server(0, "http://127.0.0.1:5005")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def headers_of(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


@pytest.mark.parametrize("path, status", [("/config.js", 200), ("/no-such-page", 404)])
def test_no_site_may_frame_the_page_and_error_pages_have_the_csp_too(page, path, status):
    got, headers = headers_of(page + path)
    assert got == status
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"] and headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
