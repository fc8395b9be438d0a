"""`scrapnote new` end to end through the CLI: the --dry-run --json contract on every sample,
batches with failures, bad inputs, tags and forms."""
from __future__ import annotations

import json
import unicodedata

import pytest
import yaml

from conftest import SEEDS

EXPECTED = yaml.safe_load((SEEDS / "expected.yaml").read_text(encoding="utf-8"))


def norm(s):
    return " ".join(unicodedata.normalize("NFC", s).split()) if isinstance(s, str) else s


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_dry_run_json_contract_on_every_sample(cli, home, name):
    exp = EXPECTED[name]
    r = cli("new", "--dry-run", "--json", SEEDS / name)
    assert r.exit_code == 0, r.stderr
    j = json.loads(r.stdout)
    also = exp.get("also_ok") or {}
    assert norm(j["title"]) in [norm(exp["headline"]), *map(norm, also.get("headline", []))]
    for field in ("url", "source", "reporter", "published"):
        assert j[field] in [exp[field], *also.get(field, [])], field
    body = j["body"]
    assert norm(exp["body_starts"]) in norm(body[:300 + len(exp["body_starts"])])
    assert norm(exp["body_ends"]) in norm(body[-(300 + len(exp["body_ends"])):])
    for junk in exp.get("must_not_contain", []):
        assert junk not in body
    got = {(n["text"], n["value"], n["unit"]) for n in j["numbers"]}
    for n in exp.get("numbers", []):
        assert (n["text"], n["value"], n["unit"]) in got
    for key in ("insights", "research", "summary", "questions"):
        if f"{key}_starts" in exp:
            assert norm(j[key]).startswith(norm(exp[f"{key}_starts"]))
    assert not (home / "notes").exists() or not list((home / "notes").iterdir())  # nothing saved


def test_batch_reports_a_failed_file_and_saves_the_rest(cli, home, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("좋은 기사 제목\n\n본문이 있는 기사다. 매출이 10% 늘었다.\n", "utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    r = cli("new", "--no-edit", good, empty, binary, tmp_path / "missing.txt")
    assert r.exit_code == 1
    assert r.stdout.split() == ["1"]
    err = r.stderr
    assert "empty.txt" in err and "photo.txt" in err and "missing.txt" in err
    assert "1 of 4 articles saved, 3 failed" in err
    assert "Traceback" not in err
    assert len(list((home / "notes").iterdir())) == 1


@pytest.mark.parametrize("data, what", [
    (b"", "empty"),
    (b"\x00\x01\x02\x03binary\x00\x00", "binary"),
    ("큰 기사\n".encode() + "가".encode() * 2000, "limit"),
])
def test_bad_single_inputs_are_one_line_and_save_nothing(cli, home, tmp_path, data, what):
    p = tmp_path / "in.txt"
    p.write_bytes(data)
    r = cli("new", "--no-edit", "--max-bytes", "4000", p)
    assert r.exit_code == 1
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("error:") and what in r.stderr
    assert not (home / "notes").exists() or not list((home / "notes").iterdir())


def test_cp949_file_from_windows(cli, tmp_path):
    p = tmp_path / "windows.txt"
    p.write_bytes("삼성전자, 3분기 영업이익 10조원\n\n삼성전자가 3분기 영업이익 10조원을 기록했다고 밝혔다.\n".encode("cp949"))
    j = json.loads(cli("new", "--dry-run", "--json", p).stdout)
    assert j["title"] == "삼성전자, 3분기 영업이익 10조원"
    assert {"text": "10조원", "value": 10_000_000_000_000, "unit": "원"}.items() <= j["numbers"][0].items()


def test_tags_industry_company_and_template(cli, home):
    (home / "templates").mkdir(parents=True)
    (home / "templates" / "short.yaml").write_text(
        "name: short\nsections:\n  - key: headline\n    label: 한줄 제목\n    writer: both\n"
        "  - key: body\n    label: 본문\n  - key: summary\n    label: 내 생각\n    writer: reader\n", "utf-8")
    r = cli("new", "--no-edit", "--no-drafts", "--template", "short", "-t", "AI", "--tag", "스터디",
            "--industry", "IT", "--company", "구글", "-", input="구글, 한국에 데이터센터 짓는다\n\n구글이 한국에 투자한다.\n")
    assert r.exit_code == 0, r.stderr
    text = next((home / "notes").iterdir()).read_text("utf-8")
    assert "tags: [AI, 스터디]" in text and "industry: [IT]" in text and "companies: [구글]" in text
    assert "template: short" in text
    assert "## 한줄 제목\n\n구글, 한국에 데이터센터 짓는다\n\n## 본문\n\n구글이 한국에 투자한다.\n\n## 내 생각\n" in text
    assert "## 기사 내용의 수치화" not in text
    j = json.loads(cli("show", "1", "--json").stdout)
    assert j["headline"] == "구글, 한국에 데이터센터 짓는다" and j["template"] == "short"
    assert "1\t구글, 한국에 데이터센터 짓는다\t내 생각" in cli("check").stdout


def test_debug_shows_the_traceback(cli):
    r = cli("--debug", "show", "5")
    assert r.exit_code == 1 and "Traceback" in r.stderr and "no note with id 5" in r.stderr


def test_a_tsv_digest_of_three_forms_makes_three_notes(cli, home, tmp_path):
    for title, body in ([("가상전자, 2분기 영업이익 12조원", "가상전자가 2분기 영업이익 12조원을 냈다."),
                                       ("가상은행, 기준금리 동결", "가상은행이 기준금리를 연 3.5%로 동결했다."),
                                       ("가상자동차, 전기차 30만대 판매", "가상자동차가 전기차 30만대를 팔았다.")]):
        assert cli("new", "--no-edit", "--no-drafts", "-", input=f"{title}\n\n{body}\n").exit_code == 0
    out = tmp_path / "week.tsv"
    assert cli("export", "1", "2", "3", "--format", "tsv", "--output", out).exit_code == 0
    r = cli("new", "--no-edit", "--no-drafts", "--force", out)  # the same articles again: --force
    assert r.exit_code == 0, r.stderr
    assert r.stdout.split() == ["4", "5", "6"]
    titles = {d["id"]: d["title"] for d in json.loads(cli("list", "--json").stdout)}
    assert titles[4] == "가상전자, 2분기 영업이익 12조원" and titles[6] == "가상자동차, 전기차 30만대 판매"
    assert "3.5%로 동결" in json.loads(cli("show", "5", "--json").stdout)["body"]


def test_clipper_front_matter_tags_join_the_users(cli):
    md = ("---\ntitle: \"가상전자, 2분기 영업이익 12조원\"\nsource: https://www.hankyung.com/article/2024070512345\n"
          "tags: [\"[[반도체]]\", \"#실적\"]\n---\n\n가상전자가 2분기 영업이익 12조원을 냈다고 5일 밝혔다.\n")
    j = json.loads(cli("new", "--dry-run", "--json", "--no-drafts", "-t", "스터디", "-", input=md).stdout)
    assert j["tags"] == ["스터디", "반도체", "실적"]


def test_stdin_given_twice_is_read_once(cli):
    r = cli("new", "--no-edit", "--no-drafts", "-", "-", input="가상전자, 실적 발표\n\n가상전자가 실적을 냈다.\n")
    assert r.exit_code == 0 and r.stdout.split() == ["1"]


@pytest.mark.parametrize("fmt_text", [
    "가상전자, 배터리 공장 착공\n\n가상전자가 충북 오창에 배터리 공장을 착공했다고 3일 밝혔다.\n",
    "# 제목 하나\n\n본문 문단이다. 3 < 5 이고 a > b 이다.\n",  # angle brackets that are no tag
])
def test_format_html_on_a_text_without_a_tag_is_one_error_line(cli, home, tmp_path, fmt_text):
    """``new -f html`` on a plain-text file drafted a headline out of its first words: a text with
    not one markup tag is not HTML — one line naming what detection would read it as, exit 1."""
    p = tmp_path / "article.txt"
    p.write_text(fmt_text, encoding="utf-8")
    r = cli("new", "--no-edit", "-f", "html", p)
    assert r.exit_code == 1 and r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {p}: --format html, but it is not HTML"), r.stderr
    assert "leave out --format to read it as" in lines[0]
    assert not (home / "notes").exists() or not list((home / "notes").iterdir())
    r = cli("new", "--no-edit", "--dry-run", "-f", "html", "-", input="<p>가상전자가 배터리 공장을 착공했다고 밝혔다.</p>\n")
    assert r.exit_code == 0, r.stderr  # a fragment with a tag is HTML


@pytest.mark.parametrize("arg, line", [
    ("ftp://example.com/a.txt", "ftp://example.com/a.txt: scrapnote does not fetch ftp: addresses "
                                "(only http:// and https://)"),
    ("SFTP://example.com/a.txt", "SFTP://example.com/a.txt: scrapnote does not fetch sftp: addresses "
                                 "(only http:// and https://)"),
    ("mailto:desk@news.example", "mailto:desk@news.example: scrapnote does not fetch mailto: addresses "
                                 "(only http:// and https://)"),
    ("file:///tmp/%EA%B8%B0%EC%82%AC.txt", "file:///tmp/%EA%B8%B0%EC%82%AC.txt: scrapnote does not fetch file: "
                                            "addresses (only http:// and https://); give the file's path instead: "
                                            "/tmp/기사.txt"),
    ("ftp://example.com/*.txt", "ftp://example.com/*.txt: scrapnote does not fetch ftp: addresses "
                                "(only http:// and https://)"),
    ("http:/news.example/1", "http:/news.example/1: not a whole address (write http://…)"),
])
def test_an_address_scrapnote_does_not_fetch_is_one_line_naming_its_scheme(cli, home, arg, line):
    r = cli("new", "--no-edit", "--no-drafts", arg)
    assert r.exit_code == 1 and r.stdout == ""
    assert r.stderr == f"error: {line}\n"
    assert not (home / "notes").exists()


def test_a_file_named_like_an_address_is_still_a_file(cli, tmp_path, monkeypatch):
    """Only a missing path is taken for an address; a name with a colon is a file (memo:1.txt is no
    address at all: no // and not a scheme used without one)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mailto:desk.txt").write_text("가상전자, 2분기 실적 발표\n\n가상전자가 실적을 발표했다.\n", encoding="utf-8")
    assert cli("new", "--no-edit", "--no-drafts", "mailto:desk.txt").exit_code == 0
    r = cli("new", "--no-edit", "--no-drafts", "memo:1.txt")
    assert r.exit_code == 1 and r.stderr == "error: memo:1.txt: no such file\n"
