"""A web page with a title but no article body — a login wall, a list page, a server's folder
listing — is not an article: one line, exit 1, nothing saved; from a file and from a URL. A
copied text or a form may still be a title alone."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

LOGIN = """<!doctype html><html><head><meta charset="utf-8"><title>로그인 | 한국경제</title>
<meta property="og:title" content="로그인"></head><body><header><nav><a href="/">홈</a> <a href="/economy">경제</a>
</nav></header><form action="/login" method="post"><label>아이디 <input name="id"></label>
<label>비밀번호 <input type="password" name="pw"></label><button>로그인</button></form>
<footer>Copyright © 한국경제. All rights reserved.</footer></body></html>"""
LISTING = """<!DOCTYPE HTML><html lang="en"><head><meta charset="utf-8"><title>Directory listing for /news/</title>
</head><body><h1>Directory listing for /news/</h1><hr><ul><li><a href="a1.html">a1.html</a></li>
<li><a href="a2.html">a2.html</a></li></ul><hr></body></html>"""


@pytest.fixture
def server():
    pages = {"/login.html": LOGIN, "/news/": LISTING}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            body = pages[self.path].encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


@pytest.mark.parametrize("page", [LOGIN, LISTING])
def test_a_page_without_an_article_is_refused_from_a_file(cli, home, tmp_path, page):
    f = tmp_path / "page.html"
    f.write_text(page, "utf-8")
    r = cli("new", "--no-edit", f)
    assert r.exit_code == 1 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and "no article text found" in r.stderr
    assert not (home / "notes").exists() or not list((home / "notes").iterdir())


@pytest.mark.parametrize("path", ["/login.html", "/news/"])
def test_a_page_without_an_article_is_refused_from_a_url(cli, home, server, path):
    r = cli("new", "--no-edit", "--dry-run", server + path)
    assert r.exit_code == 1 and "no article text found" in r.stderr and r.stdout == ""


def test_a_copied_headline_alone_is_still_a_note(cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("삼성전자, 2분기 영업이익 10조원 돌파\n", "utf-8")
    r = cli("new", "--no-edit", "--no-drafts", "--dry-run", f)
    assert r.exit_code == 0, r.stderr
