"""The saved pages of issue 12 (tests/fixtures/pages/real-*/*.html) served over HTTP and read the way
a user gives a link (`scrapnote new --dry-run --json http://…`): the fields and the body come out as
they do from the saved file, and the page's own link (canonical, og:url or 기사원문) beats the address
it was fetched from."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import yaml

from fixture_pages import PAGES

ENTRIES = {}
for _file in sorted(PAGES.glob("real-*/expected.yaml")):
    for _name, _entry in (yaml.safe_load(_file.read_text(encoding="utf-8")) or {}).items():
        if _name.endswith(".html"):
            ENTRIES[f"{_file.parent.name}/{_name}"] = _entry


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        rel = self.path.lstrip("/")
        if rel not in ENTRIES:
            self.send_response(404)
            self.end_headers()
            return
        body = (PAGES / rel).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def site():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_there_are_pages_to_serve():
    assert len(ENTRIES) >= 30


@pytest.mark.parametrize("rel", sorted(ENTRIES))
def test_a_saved_page_fetched_by_its_link(cli, home, site, rel):
    exp = ENTRIES[rel]
    r = cli("new", "--dry-run", "--json", "--no-drafts", f"{site}/{rel}")
    assert r.exit_code == 0, r.stderr
    j = json.loads(r.stdout)
    assert j["title"] == exp["title"]
    for key in ("source", "reporter", "published"):
        assert j[key] == exp[key], key
    assert j["url"] == (exp["url"] or f"{site}/{rel}")
    assert j["body"].startswith(exp["body_starts"]) and j["body"].endswith(exp["body_ends"])
    for bad in exp.get("body_excludes") or []:
        assert bad not in j["body"], bad
