"""Where articles come from: files, stdin, folders, globs, and URLs served by a local test server."""
from __future__ import annotations

import io
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from scrapnote import fetch
from scrapnote.errors import InputError
from scrapnote.extract import load_article
from scrapnote.sources import expand_inputs, read_source

MB = 1024 * 1024

PAGE = """<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8">
<title>가상전자, 2분기 영업이익 12조원 돌파 - 한국경제</title>
<meta property="og:title" content="가상전자, 2분기 영업이익 12조원 돌파">
<meta property="og:site_name" content="한국경제">
</head><body>
<h1 class="logo">한국경제</h1>
<div class="byline">박가상 기자 · 입력 2024.07.05 08:41</div>
<article>
<p>가상전자가 2분기 영업이익 12조원을 넘어섰다. 메모리 가격이 오른 덕분이다.</p>
<p>가상전자는 5일 연결 기준 2분기 영업이익이 12조1000억원으로 지난해 같은 기간보다 15배 늘었다고 밝혔다.</p>
<p>업계에서는 하반기에도 회복세가 이어질 것으로 보고 있다고 전했다.</p>
</article>
<p>ⓒ 한국경제, 무단전재 및 재배포 금지</p>
</body></html>
"""

EUCKR_PAGE = """<html><head>{meta}<title>가상은행, 기준금리 동결 | 가상경제</title></head><body>
<h2>가상은행, 기준금리 동결</h2>
<p>입력 2024년 10월 7일 09:00</p>
<p>가상은행이 기준금리를 연 3.50%로 동결했다. 똠방각하처럼 드문 글자도 깨지지 않아야 한다.</p>
<p>가상은행은 물가 상승률이 둔화하고 있지만 가계부채 증가세가 여전하다고 설명했다.</p>
</body></html>
"""


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", extra: dict | None = None,
              length: bool = True):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path
        if path == "/page":
            self._send(200, PAGE.encode("utf-8"))
        elif path == "/canonical":
            page = PAGE.replace("</head>", '<link rel="canonical" href="https://www.hankyung.com/article/2024070512345">'
                                          "</head>")
            self._send(200, page.encode("utf-8"))
        elif path == "/euckr":
            self._send(200, EUCKR_PAGE.format(meta="").encode("euc-kr"), "text/html; charset=EUC-KR")
        elif path == "/euckr-meta":
            body = EUCKR_PAGE.format(meta='<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">')
            self._send(200, body.encode("euc-kr"), "text/html")
        elif path == "/cp949-labelled-euckr":
            # What Korean servers really send: "EUC-KR" on the label, CP949 in the bytes.
            self._send(200, EUCKR_PAGE.format(meta="").encode("cp949"), "text/html; charset=euc-kr")
        elif path == "/redirect":
            self._send(302, b"", extra={"Location": "/page"})
        elif path == "/loop":
            self._send(302, b"", extra={"Location": "/loop"})
        elif path == "/missing":
            self._send(404, b"<h1>not here</h1>")
        elif path == "/broken":
            self._send(500, b"oops")
        elif path == "/slow":
            time.sleep(5)
            try:
                self._send(200, PAGE.encode("utf-8"))
            except OSError:
                pass
        elif path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
        elif path == "/big":
            self._send(200, b"<html>" + b"a" * 5000 + b"</html>")
        elif path == "/big-unsized":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for _ in range(50):
                    self.wfile.write(b"b" * 200)
            except OSError:
                pass
            self.close_connection = True
        elif path == "/plain":
            self._send(200, "가상전자, 실적 발표\n\n가상전자가 2분기 영업이익 12조원을 넘어섰다고 5일 밝혔다. 메모리 가격 반등 덕분이다.\n"
                       .encode(), "text/plain; charset=utf-8")
        else:
            self._send(404, b"")


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def one_line(e: pytest.ExceptionInfo) -> str:
    msg = str(e.value)
    assert "\n" not in msg and msg
    return msg


# ---------------------------------------------------------------- URLs

def test_fetch_normal_page(server):
    raw = read_source(f"{server}/page", max_bytes=MB, timeout=5)
    assert raw.url == f"{server}/page"
    assert raw.origin == f"{server}/page"
    assert raw.content_type == "text/html"
    assert raw.charset == "utf-8"
    assert "가상전자".encode() in raw.data


def test_load_article_from_url(server):
    a = load_article(f"{server}/page", max_bytes=MB)
    assert a.title == "가상전자, 2분기 영업이익 12조원 돌파"
    assert a.url == f"{server}/page"  # the page names no canonical link: where we fetched it
    assert a.source == "한국경제"
    assert a.reporter == "박가상"
    assert a.published == "2024-07-05"
    assert a.format == "url"
    assert a.body.startswith("가상전자가 2분기 영업이익 12조원을 넘어섰다.")
    assert "무단전재" not in a.body


def test_canonical_link_beats_fetched_url(server):
    a = load_article(f"{server}/canonical", max_bytes=MB)
    assert a.url == "https://www.hankyung.com/article/2024070512345"


@pytest.mark.parametrize("path", ["/euckr", "/euckr-meta", "/cp949-labelled-euckr"])
def test_euc_kr_page(server, path):
    a = load_article(f"{server}{path}", max_bytes=MB)
    assert a.title == "가상은행, 기준금리 동결"
    assert "똠방각하" in a.body
    assert a.published == "2024-10-07"
    assert a.source == "가상경제"


def test_redirect_is_followed_and_final_url_kept(server):
    raw = read_source(f"{server}/redirect", max_bytes=MB, timeout=5)
    assert raw.url == f"{server}/page"
    assert raw.origin == f"{server}/redirect"
    a = load_article(f"{server}/redirect", max_bytes=MB)
    assert a.url == f"{server}/page"


def test_redirect_loop(server):
    with pytest.raises(InputError) as e:
        read_source(f"{server}/loop", max_bytes=MB, timeout=5)
    assert one_line(e) == f"{server}/loop: too many redirects (more than {fetch.MAX_REDIRECTS})"


def test_404(server):
    with pytest.raises(InputError) as e:
        read_source(f"{server}/missing", max_bytes=MB, timeout=5)
    assert one_line(e) == f"{server}/missing: HTTP 404 Not Found"


def test_500(server):
    with pytest.raises(InputError) as e:
        read_source(f"{server}/broken", max_bytes=MB, timeout=5)
    assert one_line(e) == f"{server}/broken: HTTP 500 Internal Server Error"


def test_timeout(server):
    started = time.monotonic()
    with pytest.raises(InputError) as e:
        read_source(f"{server}/slow", max_bytes=MB, timeout=0.3)
    assert one_line(e) == f"{server}/slow: timed out after 0.3 s (the deadline for the whole download)"
    # The deadline is the behaviour under test, not speed: the server answers only after 5 s, so
    # stopping well before it proves the deadline held; the 3 s margin is for a loaded machine.
    assert time.monotonic() - started < 0.3 + 3.0


def test_not_a_web_page(server):
    with pytest.raises(InputError) as e:
        read_source(f"{server}/image", max_bytes=MB, timeout=5)
    assert one_line(e) == f"{server}/image: not a web page (content type image/png)"


def test_oversized_body_with_length(server):
    with pytest.raises(InputError) as e:
        read_source(f"{server}/big", max_bytes=1000, timeout=5)
    assert one_line(e) == f"{server}/big: 4.9 KB is over the 1000 bytes limit (--max-bytes)"


def test_oversized_body_without_length(server):
    with pytest.raises(InputError) as e:
        read_source(f"{server}/big-unsized", max_bytes=1000, timeout=5)
    assert one_line(e) == f"{server}/big-unsized: more than 1000 bytes, the limit (--max-bytes)"


def test_connection_refused():
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    with pytest.raises(InputError) as e:
        read_source(f"http://127.0.0.1:{port}/x", max_bytes=MB, timeout=2)
    assert one_line(e).startswith(f"http://127.0.0.1:{port}/x: could not connect")


def test_plain_text_url_is_read_as_text(server):
    a = load_article(f"{server}/plain", max_bytes=MB)
    assert a.title == "가상전자, 실적 발표"
    assert a.url == f"{server}/plain"
    assert a.body.startswith("가상전자가 2분기")


# ---------------------------------------------------------------- files and stdin

def test_file(tmp_path):
    p = tmp_path / "a.html"
    p.write_bytes(b"<html></html>")
    raw = read_source(str(p), max_bytes=MB)
    assert raw.data == b"<html></html>" and raw.origin == str(p) and raw.url is None
    assert raw.content_type == "text/html"


def test_missing_file(tmp_path):
    arg = str(tmp_path / "nope.txt")
    with pytest.raises(InputError) as e:
        read_source(arg, max_bytes=MB)
    assert one_line(e) == f"{arg}: no such file"


def test_directory_is_not_a_file(tmp_path):
    with pytest.raises(InputError) as e:
        read_source(str(tmp_path), max_bytes=MB)
    assert one_line(e) == f"{tmp_path}: is a folder, not a file"


def test_unreadable_file(tmp_path, monkeypatch):
    p = tmp_path / "locked.txt"
    p.write_text("본문", encoding="utf-8")

    def deny(self, *a, **kw):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", deny)
    with pytest.raises(InputError) as e:
        read_source(str(p), max_bytes=MB)
    assert one_line(e) == f"{p}: permission denied"


def test_oversized_file_is_refused_before_reading(tmp_path):
    p = tmp_path / "big.txt"
    with p.open("wb") as f:
        f.truncate(int(7.2 * MB))
    with pytest.raises(InputError) as e:
        read_source(str(p), max_bytes=5 * MB)
    assert one_line(e) == f"{p}: 7.2 MB is over the 5 MB limit (--max-bytes)"


class FakeStdin:
    def __init__(self, data: bytes):
        self.buffer = io.BytesIO(data)


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", FakeStdin("가상전자 실적".encode("cp949")))
    raw = read_source("-", max_bytes=MB)
    assert raw.origin == "-" and raw.data == "가상전자 실적".encode("cp949")


def test_stdin_too_big(monkeypatch):
    monkeypatch.setattr(sys, "stdin", FakeStdin(b"x" * 2000))
    with pytest.raises(InputError) as e:
        read_source("-", max_bytes=1000)
    assert one_line(e) == "stdin: more than 1000 bytes, the limit (--max-bytes)"


def test_empty_stdin_through_load_article(monkeypatch):
    monkeypatch.setattr(sys, "stdin", FakeStdin(b""))
    with pytest.raises(InputError) as e:
        load_article("-", max_bytes=MB)
    assert one_line(e) == "stdin: empty input"


def test_binary_file_through_load_article(tmp_path):
    p = tmp_path / "x.bin"
    p.write_bytes(b"\x00\x01\x02garbage\x00" * 50)
    with pytest.raises(InputError) as e:
        load_article(str(p), max_bytes=MB)
    assert one_line(e) == f"{p}: binary data, not text"


# ---------------------------------------------------------------- expand_inputs

@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "clips"
    d.mkdir()
    for name in ("b.txt", "a.md", "c.html", "d.htm", "e.tsv", "f.pdf", ".hidden.txt", "g.TXT"):
        (d / name).write_text("x", encoding="utf-8")
    (d / "sub").mkdir()
    return d


def test_folder_gives_its_article_files_sorted(folder):
    got = [os.path.basename(p) for p in expand_inputs([str(folder)])]
    assert got == ["a.md", "b.txt", "c.html", "d.htm", "e.tsv", "g.TXT"]


def test_glob_is_expanded(folder):
    got = [os.path.basename(p) for p in expand_inputs([str(folder / "*.txt")])]
    assert got == ["b.txt"]


def test_glob_matching_nothing(folder):
    pattern = str(folder / "*.docx")
    with pytest.raises(InputError) as e:
        expand_inputs([pattern])
    assert one_line(e) == f"{pattern}: no files match"


def test_empty_folder(tmp_path):
    d = tmp_path / "empty"
    d.mkdir()
    with pytest.raises(InputError, match="no article files in this folder"):
        expand_inputs([str(d)])


def test_stdin_urls_and_missing_paths_pass_through(folder):
    args = ["-", "https://example.com/a", str(folder / "b.txt"), "no/such/file.txt"]
    assert expand_inputs(args) == args


def test_each_input_once(folder):
    b = str(folder / "b.txt")
    assert expand_inputs([b, b, str(folder / "*.txt")]) == [b]


# ---------------------------------------------------------------- the installed program, end to end
def _run(*args, home):
    import subprocess

    from conftest import scrapnote_exe

    env = {**os.environ, "SCRAPNOTE_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run([scrapnote_exe(), *args], capture_output=True, env=env, timeout=120)


def test_installed_program_fetches_a_url(server, home):
    r = _run("new", "--no-edit", "--no-drafts", f"{server}/euckr", home=home)
    assert r.returncode == 0, r.stderr.decode()
    import json

    j = json.loads(_run("show", r.stdout.decode().strip(), "--json", home=home).stdout)
    assert j["title"] == "가상은행, 기준금리 동결"
    assert j["url"] == f"{server}/euckr"
    assert "똠방각하" in j["body"] and j["published"] == "2024-10-07"


@pytest.mark.parametrize("path, words", [("/missing", "404"), ("/image", "image/png")])
def test_installed_program_dead_url_is_one_line(server, home, path, words):
    r = _run("new", "--no-edit", f"{server}{path}", home=home)
    err = r.stderr.decode()
    assert r.returncode == 1 and err.startswith("error: ") and err.count("\n") == 1 and words in err
    assert not (home / "notes").exists() or not list((home / "notes").iterdir())
