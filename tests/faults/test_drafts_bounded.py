"""Drafts bounded in time and memory (issue 10), the attack's inputs generated here.

The attack: a 300 KB article of 2,775 sentences ran over 400 s (the summary compared every two
sentences in pure Python, 200 PageRank rounds over the full matrix), 100 KB took 34 s; a 7.7 MB
single line with drafts ran over 400 s; a 15 MB page of 1M ``<span>`` reached 1.8 GB — by file and
through a URL. The mechanisms: drafts read the article's first ``drafts.DRAFT_CHARS`` characters;
the summary ranks at most ``summary.MAX_SENTENCES`` sentences, compares only sentences sharing a
noun, and runs at most ``summary.MAX_ITERATIONS`` rounds; a page with more than
``html.MAX_ELEMENTS`` elements is one error line before it is parsed.

The realistic-size cases run the installed program in a subprocess whose timeout is a hang guard
(generous, for a loaded machine), not a speed assertion: bench/hostile.py has the figures.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from faults._hostile import long_article, many_spans, one_line
from conftest import SEEDS, scrapnote_exe
from scrapnote import drafts
from scrapnote.analyze import summary
from scrapnote.analyze.keywords import get_kiwi
from scrapnote.extract import html

HANG_GUARD = 180  # seconds: the attack's inputs ran for more than 400 s; bounded, they take a few


def run(home: Path, *args: str, peak: bool = False) -> tuple[subprocess.CompletedProcess, int]:
    """The installed ``scrapnote`` with ``args``; with ``peak``, also its peak RSS in MB."""
    env = {**os.environ, "SCRAPNOTE_HOME": str(home), "NO_COLOR": "1"}
    if not peak:
        return subprocess.run([scrapnote_exe(), *args], capture_output=True, env=env, timeout=HANG_GUARD), 0
    probe = ("import resource, subprocess, sys\n"
             "r = subprocess.run(sys.argv[1:])\n"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024, r.returncode, file=sys.stderr)\n")
    r = subprocess.run([sys.executable, "-c", probe, scrapnote_exe(), *args], capture_output=True, env=env,
                       timeout=HANG_GUARD)
    *rest, last = r.stderr.decode().rstrip("\n").split("\n")
    mb, code = last.split()
    r.returncode = int(code)
    r.stderr = ("\n".join(rest) + "\n").lstrip("\n").encode() if rest else b""
    return r, int(mb)


def note_json(home: Path, out: bytes) -> dict:
    r, _ = run(home, "show", out.decode().strip(), "--json")
    assert r.returncode == 0, r.stderr.decode()
    return json.loads(r.stdout)


class Pages(BaseHTTPRequestHandler):
    bodies: dict[str, tuple[bytes, str]] = {}

    def log_message(self, *args):
        pass

    def do_GET(self):
        body, ctype = self.bodies.get(self.path, (b"", "text/plain"))
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


ARTICLE = long_article(2775)  # ≈ 330 KB, the attack's 300 KB of 2,775 sentences


def test_the_attack_article_is_the_attacks_size():
    assert ARTICLE.count("다.") >= 2775 and 290_000 <= len(ARTICLE.encode()) <= 400_000


# ---------------------------------------------------------------- realistic sizes, end to end

@pytest.mark.parametrize("through", ["file", "url"])
def test_a_300_kb_article_of_2775_sentences_is_drafted(tmp_path, home, server, through):
    if through == "file":
        src = tmp_path / "long.txt"
        src.write_text(ARTICLE, encoding="utf-8")
        arg = str(src)
    else:
        Pages.bodies["/long"] = (ARTICLE.encode(), "text/plain; charset=utf-8")
        arg = f"{server}/long"
    r, _ = run(home, "new", "--no-edit", arg)
    assert r.returncode == 0, r.stderr.decode()
    note = note_json(home, r.stdout)
    assert len(note["body"]) > 100_000  # the note keeps the whole article; only the drafts read less
    drafted = [line[2:] for line in note["summary"].splitlines() if line.startswith("- ")]
    assert len(drafted) == 3
    head = drafts.bounded(ARTICLE)
    assert all(" ".join(s.split()) in " ".join(head.split()) for s in drafted)  # from the part drafts read
    assert note["keywords"]


@pytest.mark.parametrize("through", ["file", "url"])
def test_a_7_7_mb_single_line_is_drafted(tmp_path, home, server, through):
    line = one_line(int(7.7 * 1024 * 1024))
    assert "\n" not in line
    if through == "file":
        src = tmp_path / "line.txt"
        src.write_text(line, encoding="utf-8")
        arg = str(src)
    else:
        Pages.bodies["/line"] = (line.encode(), "text/plain; charset=utf-8")
        arg = f"{server}/line"
    r, _ = run(home, "new", "--no-edit", "--max-bytes", "9000000", arg)
    assert r.returncode == 0, r.stderr.decode()
    note = note_json(home, r.stdout)
    assert len([ln for ln in note["summary"].splitlines() if ln.startswith("- ")]) == 3
    assert note["keywords"]


@pytest.mark.parametrize("through", ["file", "url"])
def test_a_page_of_a_million_spans_is_one_line_and_small(tmp_path, home, server, through):
    page = many_spans(1_000_000)
    assert len(page.encode()) > 15_000_000
    if through == "file":
        src = tmp_path / "spans.html"
        src.write_text(page, encoding="utf-8")
        arg, name = str(src), str(src)
    else:
        Pages.bodies["/spans"] = (page.encode(), "text/html; charset=utf-8")
        arg = name = f"{server}/spans"
    r, peak_mb = run(home, "new", "--no-edit", "--max-bytes", "20000000", arg, peak=True)
    assert r.returncode == 1
    assert r.stderr.decode() == (f"error: {name}: more than {html.MAX_ELEMENTS:,} HTML elements, "
                                 "the most scrapnote reads in a page\n")
    # the page's text in memory a few times over (bytes, str, the decoded copy), never the parse tree
    assert peak_mb < 400, f"peak {peak_mb} MB (was 1.8 GB)"
    assert not (home / "notes").exists() or not list((home / "notes").iterdir())


# ---------------------------------------------------------------- the mechanisms, small

def test_a_page_at_the_element_bound_is_read_and_one_over_is_refused(tmp_path, cli, monkeypatch):
    monkeypatch.setattr(html, "MAX_ELEMENTS", 40)
    at = tmp_path / "at.html"
    body = "<p>가상전자가 2분기 영업이익 12조원을 넘어섰다고 5일 밝혔다.</p>"
    head = "<html><head><title>가상전자 실적</title></head><body>"  # html, head, title, body: 4 elements
    at.write_text(head + body * 36 + "</body></html>", encoding="utf-8")
    r = cli("new", "--no-edit", "--no-drafts", at)
    assert r.exit_code == 0, r.stderr
    over = tmp_path / "over.html"
    over.write_text(head + body * 37 + "</body></html>", encoding="utf-8")
    r = cli("new", "--no-edit", "--no-drafts", over)
    assert r.exit_code == 1
    assert r.stderr == f"error: {over}: more than 40 HTML elements, the most scrapnote reads in a page\n"


@pytest.mark.parametrize("text, want", [
    ("짧은 글이다.", "짧은 글이다."),
    ("가" * 30 + "\n" + "나" * 30, "가" * 30),  # a paragraph end in the second half of the limit
    ("가" * 10 + "다. " + "나" * 25 + "다. " + "라" * 30, "가" * 10 + "다. " + "나" * 25 + "다."),  # a sentence end
    ("가" * 80, "가" * 50),  # neither: cut at the limit
])
def test_drafts_read_a_bounded_head(text, want):
    assert drafts.bounded(text, limit=50) == want


def test_the_drafter_reads_only_the_bounded_head(home, monkeypatch):
    """Every draft gets the head: a company named only past the limit is neither keyword nor company."""
    from scrapnote.models import Article

    monkeypatch.setattr(drafts, "DRAFT_CHARS", 2000)
    text = long_article(40) + "\n\n가상중공업은 새 조선소 착공을 발표했다.\n"
    seen = []
    real = summary.draft_summary
    monkeypatch.setattr(summary, "draft_summary", lambda t, n=3: seen.append(t) or real(t, n))
    aids = drafts.Drafter().draft(Article(title="가상전자 투자", body=text))
    assert seen and all(len(t) <= 2000 for t in seen)
    assert not any("가상중공업" in k for k in aids.keywords + aids.companies)


def test_the_summary_ranks_at_most_max_sentences(monkeypatch):
    get_kiwi()
    text = long_article(400, per_paragraph=1)
    pools = []
    real = summary._links
    monkeypatch.setattr(summary, "_links", lambda pool: pools.append(pool) or real(pool))
    picked = summary.draft_summary(text)
    assert len(pools[0]) == summary.MAX_SENTENCES
    considered = {s for s, _, _ in pools[0]}
    assert len(picked) == 3 and set(picked) <= considered


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_the_sparse_graph_is_the_full_matrix(path, monkeypatch):
    """Comparing only sentences that share a noun leaves out exactly the pairs that weigh 0."""
    get_kiwi()
    pools = []
    real = summary._links
    monkeypatch.setattr(summary, "_links", lambda pool: pools.append(pool) or real(pool))
    summary.draft_summary(path.read_text("utf-8"))
    pool = pools[0]
    links = real(pool)
    for i, a in enumerate(pool):
        full = {j: summary._similarity(a[1], b[1]) for j, b in enumerate(pool) if j != i}
        assert dict(links[i]) == {j: w for j, w in full.items() if w}
