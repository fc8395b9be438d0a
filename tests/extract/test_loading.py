"""The way in: a file or a URL read, decoded (CP949 from Notepad, NFD from macOS, EUC-KR pages) and
extracted; heavy libraries loaded only when needed."""
from __future__ import annotations

import threading
import unicodedata
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from fixture_pages import page_text
from scrapnote.extract import load_article


MB = 1024 * 1024


def test_load_article_decodes_cp949_file(tmp_path):
    p = tmp_path / "cp949.txt"
    p.write_bytes(page_text("portal/naver-like.txt").encode("cp949"))
    a = load_article(str(p), max_bytes=MB)
    assert a.title == "가상전자, 2분기 영업이익 12조원 돌파…메모리 회복세" and a.origin == str(p)


def test_load_article_html_file_with_meta_charset(tmp_path):
    p = tmp_path / "page.htm"
    html = page_text("saved-html/og-title-logo-h1.html").replace('<meta charset="utf-8">', '<meta charset="euc-kr">')
    p.write_bytes(html.encode("cp949"))
    a = load_article(str(p), max_bytes=MB)
    assert a.title == "가상전자, 2분기 영업이익 12조원 돌파" and a.format == "html"


def test_heavy_libraries_are_not_imported_up_front():
    import subprocess
    import sys

    code = ("import sys, scrapnote.extract, scrapnote.sources, scrapnote.decode; "
            "print(sorted(m for m in ('httpx', 'trafilatura', 'charset_normalizer', 'lxml') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


NOTEPAD = ("가온전자, 폴더블폰 힌지 부품 공급\r\n"
           "입력 2024.10.07 15:21\r\n"
           "김철수 기자\r\n"
           "\r\n"
           "가온전자가 폴더블폰용 힌지 부품을 공급한다.\r\n"
           "\r\n"
           "공급 규모는 연간 500만 개다.\r\n"
           "\r\n"
           "김철수 기자 kim@etnews.com\r\n")


def test_cp949_notepad_file(tmp_path):
    p = tmp_path / "기사.txt"
    p.write_bytes(NOTEPAD.encode("cp949"))
    a = load_article(str(p), max_bytes=5 * MB)
    assert a.title == "가온전자, 폴더블폰 힌지 부품 공급"
    assert a.source == "전자신문"
    assert a.reporter == "김철수"
    assert a.published == "2024-10-07"
    assert a.body.startswith("가온전자가 폴더블폰용"), a.body[:160]
    assert a.body.endswith("연간 500만 개다."), a.body[-160:]
    assert "\n\n\n" not in a.body and "\t" not in a.body and "\u00a0" not in a.body
    paragraphs = a.body.split("\n\n")
    assert len(paragraphs) == len(set(paragraphs)), "a paragraph twice"


def test_nfd_text_from_macos(tmp_path):
    p = tmp_path / "nfd.txt"
    p.write_bytes(unicodedata.normalize("NFD", NOTEPAD.replace("\r\n", "\n")).encode("utf-8"))
    a = load_article(str(p), max_bytes=5 * MB)
    assert a.title == "가온전자, 폴더블폰 힌지 부품 공급" and a.reporter == "김철수"
    assert unicodedata.is_normalized("NFC", a.body) and a.body.endswith("연간 500만 개다.")


P = ["가상전자가 미국 텍사스주에 5조원을 들여 배터리 공장을 짓는다. 2026년 가동이 목표다.",
     "7일 업계에 따르면 가상전자는 이르면 이달 말 이사회를 열고 투자안을 의결할 예정이다.",
     "이번 투자는 미국 인플레이션감축법(IRA)에 따른 세액공제 혜택을 노린 것으로 풀이된다.",
     "업계 관계자는 \"현지 생산 없이는 보조금을 받기 어렵다\"고 말했다."]


T = "가상전자, 美 텍사스에 배터리 공장 짓는다"


def test_euc_kr_html_file(tmp_path):
    html = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=euc-kr">
<title>전기요금 4분기 동결 - 아이티데일리</title></head><body>
<div class="menu">HOME &gt; 뉴스 &gt; 경제</div><div class="view_title"><h3>전기요금 4분기 동결…가상전력 적자 부담 커진다</h3></div>
<div class="info">김철수 기자 | 승인 2024.10.07 15:21 | 댓글 0</div>
<div id="article-view-content-div">[아이티데일리] {"<br><br>".join(P)}<br><br>김철수 기자 kim@itdaily.kr</div>
<div class="copy">저작권자 ⓒ 아이티데일리 무단전재 및 재배포 금지</div></body></html>"""
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("cp949"))
    a = load_article(str(path), max_bytes=5 * MB)
    assert a.title == "전기요금 4분기 동결…가상전력 적자 부담 커진다"
    assert (a.source, a.reporter, a.published) == ("아이티데일리", "김철수", "2024-10-07")
    assert a.body.split("\n\n") == P


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        html = page_text("saved-html/short-p-article.html")
        body = html.replace("charset=utf-8", "charset=euc-kr").encode("cp949")
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_url_of_a_short_euc_kr_article():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/article/2024100712345"
        a = load_article(url, max_bytes=5 * MB)
    finally:
        server.shutdown()
        server.server_close()
    assert a.format == "url" and a.url == url
    assert (a.title, a.source, a.reporter, a.published) == (T, "한국경제", "김철수", "2024-10-07")
    assert a.body.split("\n\n") == P
