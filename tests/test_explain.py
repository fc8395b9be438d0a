"""`new --dry-run --json --explain`: for each field, the evidence that won and the evidence that
lost, read from the engine's ranked Evidence."""
from __future__ import annotations

import json

PAGE = """<!DOCTYPE html>
<html lang="ko"><head>
<meta charset="utf-8">
<title>가상전자, 3분기 영업익 9조원…시장 예상 웃돌아 | 한국경제</title>
<meta property="og:title" content="가상전자, 3분기 영업익 9조원…시장 예상 웃돌아">
<meta property="og:site_name" content="한국경제">
<meta property="og:url" content="https://www.hankyung.com/article/2024100712345">
<meta property="article:published_time" content="2024-10-06T23:40:00+00:00">
<meta name="author" content="webmaster@hankyung.com">
</head><body>
<header><a class="logo" href="/"><img src="/logo.png" alt="한국경제"></a></header>
<article>
<h1 class="headline">가상전자, 3분기 영업익 9조원…시장 예상 웃돌아</h1>
<div class="byline"><span class="name">박가상 기자</span> <span class="mail">gasang@hankyung.com</span></div>
<div class="datestamp">입력 2024.10.07 08:40 | 수정 2024.10.08 10:02</div>
<div id="articletxt">가상전자가 3분기 영업이익 9조원을 기록했다고 7일 공시했다. 시장 예상치를 1조원가량 웃돈 수치다.<br><br>
반도체 부문이 실적 개선을 이끌었다. 메모리 가격이 오르면서 수익성이 좋아졌다는 분석이 나온다.<br><br>
회사 측은 4분기에도 수요가 이어질 것으로 내다봤다.</div>
</article>
<footer><p>ⓒ 한국경제 무단전재 및 재배포 금지</p></footer>
</body></html>
"""


def _explained(cli, tmp_path, *extra):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    r = cli("new", "--dry-run", "--json", "--explain", "--no-drafts", *extra, page)
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def test_every_field_says_what_won_and_what_lost(cli, home, tmp_path):
    j = _explained(cli, tmp_path)
    ex = j["explain"]
    assert set(ex) == {"title", "url", "source", "reporter", "published"}
    for name, key in (("title", "title"), ("url", "url"), ("source", "source"), ("reporter", "reporter"),
                      ("published", "published")):
        assert ex[name]["value"] == j[key], name
        assert ex[name]["won"], name
        assert all(w["value"] == j[key] or name == "source" for w in ex[name]["won"]), name
        for e in ex[name]["won"] + ex[name]["lost"]:
            assert set(e) >= {"kind", "value", "rank", "where"}
            assert isinstance(e["rank"], int)
    # the labelled 입력 stamp beats the meta tag and the update stamp; all three are listed
    pub = ex["published"]
    assert pub["value"] == "2024-10-07"
    assert pub["won"][0]["kind"] == "labelled" and "입력 2024.10.07" in pub["won"][0]["where"]
    lost = {(e["kind"], e["value"]) for e in pub["lost"]}
    assert ("meta", "2024-10-07") in lost  # 23:40 UTC on the 6th is the 7th in Seoul
    assert ("modified", "2024-10-08") in lost
    # the byline beside the headline won; the webmaster address in the author meta is no reporter
    rep = ex["reporter"]
    assert [w["value"] for w in rep["won"]] == ["박가상"]
    assert not any("webmaster" in (e["value"] or "") for e in rep["won"] + rep["lost"])
    # the page's own headline element agreeing with og:title won; og:title and <title> lost, agreeing
    title = ex["title"]
    assert title["won"][0]["kind"] == "page_heading"
    assert {e["kind"] for e in title["lost"]} >= {"meta", "tab"}
    assert all(e["agrees"] for e in title["lost"] if e["kind"] in ("meta", "tab"))
    # the publisher: several kinds of evidence, ranked, with where each was found
    src = ex["source"]
    kinds = [src["won"][0]["kind"], *(e["kind"] for e in src["lost"])]
    assert src["value"] == "한국경제" and {"known_site", "copyright", "email", "url"} <= set(kinds)
    ranks = [src["won"][0]["rank"], *(e["rank"] for e in src["lost"])]
    assert ranks == sorted(ranks)
    assert any("ⓒ 한국경제" in (e["where"] or "") for e in src["lost"])
    assert ex["url"]["won"][0]["value"] == "https://www.hankyung.com/article/2024100712345"


def test_without_explain_the_json_has_no_explanation(cli, home, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    r = cli("new", "--dry-run", "--json", "--no-drafts", page)
    assert r.exit_code == 0, r.stderr
    assert "explain" not in json.loads(r.stdout)


def test_explain_without_json_prints_the_evidence_on_stderr(cli, home, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    r = cli("new", "--dry-run", "--explain", "--no-drafts", page)
    assert r.exit_code == 0, r.stderr
    assert "published: 2024-10-07" in r.stderr
    assert "won   labelled (rank 10): 2024-10-07" in r.stderr
    assert "lost  modified (rank 58): 2024-10-08" in r.stderr
    assert "evidence for note" not in r.stdout
