"""A copy with no headline in it (issue 12): the title stays empty (null in the JSON) rather than
the first sentence; the 헤드라인 section gets a drafted headline with the draft marker, and
`list` and `show` show it as a draft."""
from __future__ import annotations

import json

from scrapnote.note import DRAFT_MARKER

BODY = ("가상전자가 올해 3분기 영업이익 9조1000억원을 기록했다고 7일 공시했다. 시장 예상치를 크게 웃돌았다.\n\n"
        "반도체 부문이 실적 개선을 이끌었다. 메모리 가격이 오르면서 수익성이 좋아졌다.\n\n"
        "회사 측은 4분기에도 수요가 이어질 것으로 내다봤다.\n")


def test_no_headline_means_no_title_and_a_drafted_headline(cli, home, tmp_path):
    page = tmp_path / "copy.txt"
    page.write_text(BODY, encoding="utf-8")
    r = cli("new", "--dry-run", "--json", "--no-drafts", page)
    assert r.exit_code == 0, r.stderr
    j = json.loads(r.stdout)
    assert j["title"] is None
    assert j["headline"].startswith(DRAFT_MARKER)
    assert j["headline"].endswith("가상전자가 올해 3분기 영업이익 9조1000억원을 기록했다고 7일 공시했다.")
    assert j["body"].startswith("가상전자가 올해 3분기")


def test_list_and_show_mark_the_drafted_headline(cli, home, tmp_path):
    page = tmp_path / "copy.txt"
    page.write_text(BODY, encoding="utf-8")
    r = cli("new", "--no-edit", "--no-drafts", page)
    assert r.exit_code == 0, r.stderr
    nid = r.stdout.strip()
    shown = cli("show", nid)
    assert shown.exit_code == 0, shown.stderr
    first = shown.stdout.splitlines()[0]
    assert "[초안]" in first and "가상전자가 올해 3분기 영업이익" in first
    listed = cli("list")
    assert listed.exit_code == 0, listed.stderr
    row = next(ln for ln in listed.stdout.splitlines() if "가상전자가" in ln)
    assert "[초안]" in row
    listed = cli("list", "--json")
    assert [r["title"] for r in json.loads(listed.stdout)] == [None]


def test_a_page_with_a_headline_is_not_shown_as_a_draft(cli, home, tmp_path):
    page = tmp_path / "copy.txt"
    page.write_text("가상전자, 3분기 영업익 9조원\n\n" + BODY, encoding="utf-8")
    r = cli("new", "--no-edit", "--no-drafts", page)
    assert r.exit_code == 0, r.stderr
    listed = cli("list")
    row = next(ln for ln in listed.stdout.splitlines() if "가상전자" in ln)
    assert "[초안]" not in row and "가상전자, 3분기 영업익 9조원" in row
