"""A user's own form (``<home>/templates/NAME.yaml``) with other sections works everywhere the
default form does: new, show, search, check, export in every format, import and new on an export."""
from __future__ import annotations

import json

import pytest

STUDY = """\
name: study
title: 스터디 노트
sections:
  - key: body
    label: 기사 본문
    writer: tool
  - key: point
    label: 핵심 포인트
    hint: 기사의 요점을 한 줄로.
    writer: reader
  - key: terms
    label: 용어 정리
    writer: reader
  - key: opinion
    label: 내 생각
    writer: both
"""

ARTICLE = ("가상전자, 텍사스에 배터리 공장\n\n가상전자가 미국 텍사스에 5조원을 들여 배터리 공장을 짓는다고 7일 밝혔다.\n\n"
           "공장은 2026년 완공된다.\n")
POINT = "북미 공장으로 관세를 피한다."
TERMS = "IRA: 미국 인플레이션 감축법"


@pytest.fixture
def study(cli, home):
    """Note 1, made with the study form, its 핵심 포인트 and 용어 정리 written by the reader."""
    (home / "templates").mkdir(parents=True)
    (home / "templates" / "study.yaml").write_text(STUDY, "utf-8")
    r = cli("new", "--no-edit", "--no-drafts", "--template", "study", "--company", "가상전자", "-", input=ARTICLE)
    assert r.exit_code == 0, r.stderr
    path = next((home / "notes").iterdir())
    text = path.read_text("utf-8")
    assert "## 기사 본문\n\n가상전자가 미국 텍사스에" in text
    assert "## 핵심 포인트\n\n\n## 용어 정리\n\n\n## 내 생각\n" in text
    assert "## 헤드라인" not in text and "## 기사 내용의 수치화" not in text
    text = text.replace("## 핵심 포인트\n", f"## 핵심 포인트\n\n{POINT}\n").replace("## 용어 정리\n", f"## 용어 정리\n\n{TERMS}\n")
    path.write_text(text, "utf-8")
    return path


def test_show_has_the_forms_sections_and_the_json_form_their_keys(cli, study):
    shown = cli("show", "1").stdout
    assert "## 핵심 포인트" in shown and POINT in shown and TERMS in shown
    j = json.loads(cli("show", "1", "--json").stdout)
    assert j["template"] == "study"
    assert j["point"] == POINT and j["terms"] == TERMS and j["opinion"] == ""
    assert j["body"].startswith("가상전자가 미국 텍사스에")
    assert "other_sections" not in j  # the form's own sections are not "unknown headings"
    keys = list(j)
    assert keys.index("related") < keys.index("point") < keys.index("terms") < keys.index("opinion") < keys.index("numbers")


def test_search_finds_words_in_the_forms_own_sections(cli, study):
    r = cli("search", "관세", "--json")
    assert r.exit_code == 0, r.stderr
    [hit] = json.loads(r.stdout)
    assert hit["id"] == 1 and hit["field"] == "other"
    [hit] = json.loads(cli("search", "인플레이션", "--field", "other", "--json").stdout)
    assert hit["id"] == 1
    r = cli("search", "관세", "--field", "body", "--json")
    assert r.exit_code == 1 and r.stdout == ""  # no hit


def test_check_flags_the_forms_own_unwritten_sections(cli, study):
    r = cli("check")
    assert r.exit_code == 1
    assert r.stdout.splitlines() == ["1\t가상전자, 텍사스에 배터리 공장\t내 생각"]


def test_export_md_json_tsv_carry_the_forms_sections(cli, study):
    md = cli("export", "1", "--format", "md").stdout
    assert f"## 핵심 포인트\n\n{POINT}" in md and f"## 용어 정리\n\n{TERMS}" in md and "## 기사 본문" in md
    [j] = json.loads(cli("export", "1", "--format", "json").stdout)
    assert j["point"] == POINT and j["terms"] == TERMS
    tsv = cli("export", "1", "--format", "tsv").stdout
    rows = tsv.splitlines()
    assert rows[0] == "스터디 노트"
    # a form without a headline or a link keeps the title and the facts in rows of their own
    assert "제목\t가상전자, 텍사스에 배터리 공장" in rows and "기사링크\t" in rows
    assert f"핵심 포인트\t{POINT}" in rows and f"용어 정리\t{TERMS}" in rows
    txt = cli("export", "1", "--format", "txt").stdout
    assert f"핵심 포인트: {POINT}" in txt and "기사 본문" not in txt
    html = cli("export", "1", "--format", "html").stdout
    assert "핵심 포인트" in html and POINT in html


@pytest.mark.parametrize("fmt", ["md", "tsv"])
def test_new_on_an_export_with_the_same_form_gives_the_sections_back(cli, study, tmp_path, fmt):
    out = tmp_path / f"one.{fmt}"
    assert cli("export", "1", "--format", fmt, "-o", out).exit_code == 0
    r = cli("new", "--no-edit", "--no-drafts", "--template", "study", "--force", out)  # the same article: --force
    assert r.exit_code == 0, r.stderr
    a, b = (json.loads(cli("show", str(i), "--json").stdout) for i in (1, 2))
    for k in ("title", "point", "terms", "opinion", "body", "template"):
        assert b[k] == a[k], k


def test_import_of_the_json_export_keeps_the_forms_sections(cli, study, tmp_path, home):
    out = tmp_path / "all.json"
    assert cli("export", "1", "--format", "json", "-o", out).exit_code == 0
    r = cli("import", "--force", out)  # note 1 is here: --force imports the copy
    assert r.exit_code == 0, r.stderr
    b = json.loads(cli("show", "2", "--json").stdout)
    assert b["point"] == POINT and b["terms"] == TERMS and b["template"] == "study" and "other_sections" not in b
    # in a collection without the form, its sections are refused in one line, nothing imported
    other = tmp_path / "other"
    r = cli("--home", other, "import", out)
    assert r.exit_code == 1
    assert "unknown field 'opinion'" in r.stderr and "form 'study' is not in this collection" in r.stderr
    assert "Traceback" not in r.stderr
    assert not (other / "notes").exists() or not list((other / "notes").iterdir())


def test_the_default_forms_sections_the_own_form_has_no_place_for_are_kept(cli, home, study, tmp_path):
    """A default-form note's 요약 read with --template study: the study form has no 요약 section,
    so the text stays under the default form's heading instead of being dropped."""
    assert cli("new", "--no-edit", "--no-drafts", "--force", "-", input=ARTICLE).exit_code == 0  # note 2, the default form (the same article: --force)
    path = next(p for p in (home / "notes").iterdir() if p.name.startswith("0002"))
    path.write_text(path.read_text("utf-8").replace("## 요약 및 의견\n", "## 요약 및 의견\n\n공장이 관세를 피한다.\n"), "utf-8")
    for n, fmt in ((3, "md"), (4, "tsv")):
        out = tmp_path / f"two.{fmt}"
        assert cli("export", "2", "--format", fmt, "-o", out).exit_code == 0
        assert cli("new", "--no-edit", "--no-drafts", "--template", "study", "--force", out).exit_code == 0
        j = json.loads(cli("show", str(n), "--json").stdout)
        assert j["template"] == "study" and j["title"] == "가상전자, 텍사스에 배터리 공장", fmt
        assert j["body"].startswith("가상전자가 미국 텍사스에"), fmt
        assert {"heading": "요약 및 의견", "text": "공장이 관세를 피한다."} in j["other_sections"], fmt
    # and the other way: the study form's rows the default form does not know stay in the text
    out = tmp_path / "one.tsv"
    assert cli("export", "1", "--format", "tsv", "-o", out).exit_code == 0
    assert cli("new", "--no-edit", "--no-drafts", "--force", out).exit_code == 0
    j = json.loads(cli("show", "5", "--json").stdout)
    assert j["title"] == "가상전자, 텍사스에 배터리 공장"
    assert "가상전자가 미국 텍사스에" in j["body"] and POINT in j["body"]


@pytest.mark.parametrize("key", ["title", "tags", "numbers", "path", "id"])
def test_a_form_may_not_give_a_section_a_key_of_every_note(cli, home, key):
    (home / "templates").mkdir(parents=True)
    (home / "templates" / "bad.yaml").write_text(
        f"name: bad\nsections:\n  - key: body\n    label: 본문\n  - key: {key}\n    label: 내 칸\n", "utf-8")
    r = cli("new", "--no-edit", "--no-drafts", "--template", "bad", "-", input=ARTICLE)
    assert r.exit_code == 1
    assert f"section '{key}'" in r.stderr and "a field of every note" in r.stderr and "Traceback" not in r.stderr
    assert not (home / "notes").exists() or not list((home / "notes").iterdir())


def test_a_form_edited_while_the_process_runs_is_read_again(cli, home, study):
    """One process running command after command (as ``browse`` does) kept the first form it had
    read: the index's form cache (index.sync._forms) and template.load's were never cleared. Both
    hold now only while the form's file is unchanged (template.stamp)."""
    assert cli("search", "공장").exit_code == 0  # the index has read note 1 with the study form
    form = home / "templates" / "study.yaml"
    form.write_text(STUDY.replace("key: point", "key: gist").replace("기사의 요점을 한 줄로.", "요점힌트문장 적기."), "utf-8")
    j = json.loads(cli("show", "1", "--json").stdout)
    assert j["gist"] == POINT and "point" not in j
    text = study.read_text("utf-8").replace(f"## 핵심 포인트\n\n{POINT}\n", f"## 핵심 포인트\n\n요점힌트문장 적기.\n{POINT}\n")
    study.write_text(text, "utf-8")
    r = cli("search", "요점힌트문장")  # the form's hint line is not the reader's text: not found
    assert r.exit_code == 1, r.stdout
    assert cli("search", "관세를").exit_code == 0
