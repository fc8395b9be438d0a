"""Forms (template.py): the default 경제신문 스크랩 양식, a user's own forms, validation, headings."""
from __future__ import annotations

import unicodedata

import pytest

from scrapnote import config, template
from scrapnote.errors import NotFoundError, TemplateError


def _user_form(home, name: str, text: str):
    d = home / "templates"
    d.mkdir(parents=True, exist_ok=True)
    p = d / f"{name}.yaml"
    p.write_text(text, "utf-8")
    return p


def test_the_default_form_is_the_economy_form_in_its_order():
    t = template.load()
    assert t.name == template.DEFAULT == "economy" and t.title == "경제신문 스크랩 양식"
    assert [s.key for s in t.sections] == ["headline", "url", "body", "insights", "research", "summary",
                                           "questions", "related"]
    assert [s.key for s in t.body_sections] == ["headline", "body", "insights", "research", "summary",
                                                "questions", "related"]  # url is a front-matter field
    assert t.get("url").store == "meta" and t.get("nope") is None
    assert template.load("economy") is t  # cached


def test_who_writes_and_what_check_flags():
    t = template.load()
    assert [s.key for s in t.sections if s.reader_writes] == ["headline", "insights", "research", "summary",
                                                              "questions", "related"]
    # check defaults to the reader's body sections; the form turns it off for headline and related
    assert [s.key for s in t.sections if s.check] == ["insights", "research", "summary", "questions"]


@pytest.mark.parametrize("heading, key", [
    ("헤드라인 (요약과 압축)", "headline"),  # the label
    ("헤드라인", "headline"),  # an alias
    ("  헤 드 라 인 : ", "headline"),  # spaces and colons do not count
    ("본문", "body"),
    ("기사 내용의 수치화", "insights"),  # an alias that is also the label's head
    ("적용할점", "questions"),  # the label's head before its parenthesis
    ("현직자에게 할 질문", "questions"),
    ("관련기사", "related"),
    ("링크", "url"),
    (unicodedata.normalize("NFD", "요약 및 의견"), "summary"),  # NFD as macOS writes it
    ("SUMMARY", None),
    ("맺음말", None),
])
def test_key_for_heading(heading, key):
    assert template.load().key_for_heading(heading) == key


def test_an_exact_label_wins_over_another_sections_alias():
    t = template.parse_template({"name": "x", "sections": [
        {"key": "a", "label": "요약 (짧게)", "aliases": ["의견"]},
        {"key": "b", "label": "의견"},
    ]})
    assert t.key_for_heading("의견") == "b"
    assert t.key_for_heading("요약") == "a"


def test_a_users_form_is_found_by_name_and_may_shadow_a_builtin(home):
    assert "economy" in template.available() and "short" not in template.available()
    p = _user_form(home, "short", "name: short\ntitle: 짧은 양식\nsections:\n"
                                  "  - key: headline\n    label: 헤드라인\n    writer: both\n"
                                  "  - key: body\n    label: 본문\n")
    t = template.load("short")
    assert (t.name, t.title, t.path) == ("short", "짧은 양식", p)
    assert [s.key for s in t.sections] == ["headline", "body"]
    assert t.get("headline").check and not t.get("body").check  # writer both → checked; tool → not
    _user_form(home, "economy", "sections:\n  - key: body\n    label: 본문\n")
    mine = template.load("economy")
    assert [s.key for s in mine.sections] == ["body"] and mine.name == "economy"  # the name from the file


def test_forms_are_cached_per_home(home, tmp_path, monkeypatch):
    _user_form(home, "mine", "sections:\n  - key: body\n    label: 본문 A\n")
    assert template.load("mine").sections[0].label == "본문 A"
    other = tmp_path / "other"
    _user_form(other, "mine", "sections:\n  - key: body\n    label: 본문 B\n")
    config.set_home(other)
    assert template.load("mine").sections[0].label == "본문 B"


def test_an_unknown_form_names_the_ones_there_are(home):
    _user_form(home, "mine", "sections:\n  - key: body\n    label: 본문\n")
    with pytest.raises(NotFoundError, match=r"no form named 'nope' \(have: economy, mine\)"):
        template.load("nope")


@pytest.mark.parametrize("data, message", [
    (["a"], "a form is a mapping"),
    ({"name": "x", "sections": [{"key": "a", "label": "A"}], "colour": 1}, "unknown key 'colour'"),
    ({"name": "x"}, "'sections' must be a non-empty list"),
    ({"name": "x", "sections": []}, "'sections' must be a non-empty list"),
    ({"sections": ["a"]}, "section 1 must be a mapping"),
    ({"sections": [{"key": "a", "label": "A", "lable": "B"}]}, "section 1: unknown key 'lable'"),
    ({"sections": [{"label": "A"}]}, "section 1: missing or invalid 'key'"),
    ({"sections": [{"key": "Body", "label": "A"}]}, "section 1: missing or invalid 'key'"),
    ({"sections": [{"key": "a", "label": " "}]}, "section 'a': missing 'label'"),
    ({"sections": [{"key": "a", "label": "A", "writer": "ai"}]}, "section 'a': writer must be one of both, reader, tool"),
    ({"sections": [{"key": "a", "label": "A", "store": "db"}]}, "section 'a': store must be one of body, meta"),
    ({"sections": [{"key": "a", "label": "A"}, {"key": "a", "label": "B"}]}, "section 'a' appears twice"),
    ({"sections": [{"key": "a", "label": "A"}, {"key": "b", "label": "A"}]}, "section 'b' appears twice"),
    ({"sections": [{"key": "a", "label": "A", "aliases": "B"}]}, "section 'a': aliases must be a list of strings"),
])
def test_a_broken_form_is_one_line_saying_what_is_wrong(data, message):
    with pytest.raises(TemplateError) as e:
        template.parse_template(data)
    assert message in str(e.value) and "\n" not in str(e.value)


def test_labels_are_trimmed_and_nfc_and_hints_are_text():
    t = template.parse_template({"sections": [
        {"key": "a", "label": "  " + unicodedata.normalize("NFD", "본문") + " ", "hint": 3}]})
    assert t.sections[0].label == "본문" and t.sections[0].hint == "3"
    assert t.name == "economy" and t.title == "economy"  # neither given: the default's name


def test_a_form_file_that_is_not_yaml_or_not_utf8_names_the_file(home):
    p = _user_form(home, "bad", "sections:\n  - key: a\n    label: [unclosed\n")
    with pytest.raises(TemplateError, match=rf"{p}: not valid YAML \(line \d+\)"):
        template.load("bad")
    p.write_bytes("sections:\n  - key: a\n    label: 본문\n".encode("cp949"))
    with pytest.raises(TemplateError, match=rf"{p}: not UTF-8 text \(byte \d+; probably CP949/EUC-KR, .*\): re-save it as UTF-8"):
        template.load("bad")


# -- through the CLI (moved from test_commands.py) -------------------------------------------------
def test_user_form_is_validated(cli, home):
    (home / "templates").mkdir(parents=True)
    (home / "templates" / "mine.yaml").write_text("name: mine\nsections:\n  - key: body\n    lable: 본문\n", "utf-8")
    r = cli("new", "--template", "mine", "--no-edit", "-", input="제목\n본문 내용\n")
    assert r.exit_code == 1 and "mine.yaml" in r.stderr and "lable" in r.stderr
    r = cli("new", "--template", "nope", "-", input="제목\n본문\n")
    assert r.exit_code == 2 and "no form named 'nope'" in r.stderr  # wrong usage, like the other options
