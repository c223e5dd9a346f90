"""`presale-bot playground`: one line with the address, a page, and a clean Ctrl-C."""

from __future__ import annotations

import urllib.request
from pathlib import Path

from tests.playground.process import PlaygroundProcess


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode("utf-8")


def test_the_command_prints_its_address_serves_the_page_and_stops_cleanly_on_ctrl_c(
    tmp_path: Path,
) -> None:
    playground = PlaygroundProcess(tmp_path)
    try:
        assert playground.address.startswith("Presale Desk playground: http://127.0.0.1:")
        status, page = _get(playground.url)
        assert status == 200
        assert '<script src="/playground/static/app.js">' in page
        status, script = _get(playground.url + "playground/static/app.js")
        assert status == 200
        assert "EventSource" in script
        assert list(playground.tmp.iterdir()), "the database lives in a temporary folder"
    finally:
        code, out, err = playground.interrupt()

    assert code == 0, err
    assert out == "", "one line, the address, and nothing else"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tmp"], "nothing written beside it"
    assert list(playground.tmp.iterdir()) == [], "the temporary folder is gone"
