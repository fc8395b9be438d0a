"""scrapnote import: the JSON form comes back as notes with the same fields; ids assigned anew or
kept with --keep-ids when free, never reused; a broken file imports nothing."""
from __future__ import annotations

import json

import pytest

from scrapnote import store, template
from scrapnote.models import Article
from scrapnote.note import build_note


def add(title, body="본문입니다.", sections=None, **kw):
    meta = {k: kw.pop(k) for k in ("tags", "industry", "companies", "keywords") if k in kw}
    art = Article(title=title, body=body, **kw)
    return store.create(lambda i: build_note(art, template.load(), i, drafts=sections, **meta))


def same(a: dict, b: dict, *, except_=("id", "path", "related")) -> None:
    assert {k: v for k, v in a.items() if k not in except_} == {k: v for k, v in b.items() if k not in except_}


@pytest.fixture
def exported(cli, tmp_path):
    """Three notes (the first two point at each other as 연관기사) exported to notes.json."""
    add("과기정통부-구글, AI 발전 위해 '맞손'", "구글이 부트캠프 인원을 200명에서 500명으로 늘린다.\n\n둘째 문단.",
        {"headline": "과기정통부·구글, AI 인재 협력", "insights": "- 200명 → 500명\n- 7명 지원",
         "research": "모델 최적화란?", "summary": "함께 인재를 키운다.", "questions": "부트캠프로 충분한가?",
         "related": "- #2 [카카오 캠프](https://kicho.tistory.com/542)\n- [외부 기사](https://ext.example/1)"},
        source="한국경제", reporter="김대영", published="2023-07-13", tags=["AI"], companies=["구글"],
        industry=["IT"], keywords=["구글", "부트캠프"], url="https://www.hankyung.com/it/article/202307133276i")
    add("카카오, 머신러닝 캠프 개최", "카카오가 캠프를 연다.", {"related": "- #1 [과기정통부-구글](https://hk.example/1)"},
        published="2017-04-17", source="아이티데일리")
    add("KAIST-KT 공동연구센터", "센터를 열었다.", published="2021-12-15")
    out = tmp_path / "notes.json"
    r = cli("export", "--all", "-f", "json", "-o", out)
    assert r.exit_code == 0, r.stderr
    return out, {n["id"]: n for n in json.loads(out.read_text(encoding="utf-8"))}


def test_json_roundtrip_into_another_collection(cli, exported, tmp_path):
    out, before = exported
    other = tmp_path / "other"
    r = cli("--home", other, "import", out)
    assert r.exit_code == 0, r.stderr
    assert r.stdout.split() == ["1", "2", "3"]  # file order (date order): 2017, 2021, 2023
    assert "imported 3 notes" in r.stderr
    after = {n["id"]: n for n in json.loads(cli("--home", other, "export", "--all", "-f", "json").stdout)}
    new_of = {2: 1, 3: 2, 1: 3}
    for old, new in new_of.items():
        same(before[old], after[new])
        assert after[new]["path"].startswith(f"notes/{new:04d}-")
    # 연관기사 ids follow their notes; an id outside the batch would name another note: dropped
    assert after[3]["related"] == [{"id": 1, "headline": "카카오 캠프", "url": "https://kicho.tistory.com/542"},
                                   {"id": None, "headline": "외부 기사", "url": "https://ext.example/1"}]
    assert after[1]["related"] == [{"id": 3, "headline": "과기정통부-구글", "url": "https://hk.example/1"}]
    # the files are ordinary note files: written again, byte-identical
    from scrapnote.note import read_note

    for p in sorted((other / "notes").iterdir()):
        assert read_note(p, template.load()).to_text() == p.read_text(encoding="utf-8")


def test_keep_ids_roundtrip_is_exact(cli, exported, tmp_path):
    out, before = exported
    other = tmp_path / "other"
    r = cli("--home", other, "import", "--keep-ids", out)
    assert r.exit_code == 0, r.stderr
    assert r.stdout.split() == ["2", "3", "1"]
    after = {n["id"]: n for n in json.loads(cli("--home", other, "export", "--all", "-f", "json").stdout)}
    assert after == before


def test_ids_are_assigned_anew_and_never_reused(cli, exported, home):
    out, _ = exported
    r = cli("delete", "3", "--yes")
    assert r.exit_code == 0
    r = cli("import", "--force", out)  # notes 1 and 2 are here: --force imports copies
    assert r.stdout.split() == ["4", "5", "6"]  # 3 is in the trash: never handed out again
    assert (home / ".scrapnote" / "last_id").read_text().strip() == "6"
    r = cli("new", "--no-edit", "--no-drafts", "--force", "-",  # an imported note has this title: --force
            input="카카오, 머신러닝 캠프 개최\n카카오가 머신러닝 캠프를 연다. 참가자는 200명이다.\n")
    assert r.stdout.strip() == "7"


def test_keep_ids_only_when_free(cli, exported, tmp_path):
    out, before = exported
    data = json.loads(out.read_text(encoding="utf-8"))
    data[0]["id"], data[1]["id"], data[2]["id"] = 9, 1, 9  # 1 is taken here; 9 twice
    src = tmp_path / "ids.json"
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    cli("delete", "2", "--yes")  # a trashed id is taken too
    data2 = [dict(data[2], id=2)]
    r = cli("import", "--keep-ids", "--force", src)  # the same notes as the collection's: copies
    assert r.exit_code == 0, r.stderr
    assert r.stdout.split() == ["9", "10", "11"]
    assert "id 1 is taken: imported as 10" in r.stderr and "id 9 is taken: imported as 11" in r.stderr
    src.write_text(json.dumps(data2, ensure_ascii=False), encoding="utf-8")
    r = cli("import", "--keep-ids", "--force", src)
    assert r.stdout.split() == ["12"] and "id 2 is taken" in r.stderr
    r = cli("new", "--no-edit", "--no-drafts", "--force", "-",  # an imported note has this title: --force
            input="카카오, 머신러닝 캠프 개최\n카카오가 머신러닝 캠프를 연다. 참가자는 200명이다.\n")
    assert r.stdout.strip() == "13"


def test_extra_fields_and_unknown_headings_come_back(cli, write_note, tmp_path):
    write_note("0004-손으로-쓴-노트.md",
               "---\nid: 4\ntitle: \"손으로 쓴 노트\"\nurl: null\nsource: null\nreporter: null\npublished: 2024-01-02\n"
               "scrapped: 2024-01-02T09:00:00+09:00\nindustry: []\ncompanies: []\ntags: [메모]\nkeywords: []\n"
               "template: economy\nmood: 좋음\nscore: 3\n---\n\n## 헤드라인 (요약과 압축)\n\n한 줄\n\n"
               "## 본문 (본문 내용 복사)\n\n본문.\n\n## 내가 만든 칸\n\n여기도 내 글.\n### 작은 제목\n")
    before = json.loads(cli("show", "4", "--json").stdout)
    assert before["extra"] == {"mood": "좋음", "score": 3} and before["other_sections"][0]["heading"] == "내가 만든 칸"
    out = tmp_path / "one.json"
    cli("export", "4", "-f", "json", "-o", out)
    other = tmp_path / "other"
    r = cli("--home", other, "import", out)
    assert r.exit_code == 0, r.stderr
    after = json.loads(cli("--home", other, "show", "1", "--json").stdout)
    same(before, after)


def test_stdin_and_a_single_object(cli, exported):
    _, before = exported
    one = json.dumps(before[3], ensure_ascii=False)
    r = cli("import", "--force", "-", input=one)
    assert r.exit_code == 0, r.stderr
    assert r.stdout.split() == ["4"]
    same(before[3], json.loads(cli("show", "4", "--json").stdout))


@pytest.mark.parametrize("content, message", [
    ("[{\"title\": \"a\"},", "not valid JSON (line 1, column"),
    ("{\"a\": 1}", "note 1: unknown field 'a'"),
    ("[]", "no notes in the file"),
    ("\"text\"", "expected a list of notes"),
    ("[{\"title\": \"좋은 노트\"}, {\"id\": 7, \"title\": \"b\", \"published\": \"13 July\"}]",
     "note 2 (id 7): field 'published' must be a date like 2023-07-13"),
    ("[{\"title\": \"b\", \"tags\": \"AI\"}]", "note 1: field 'tags' must be a list of words"),
    ("[{\"title\": \"b\", \"id\": 0}]", "note 1: field 'id' must be a whole number"),
    ("[{\"title\": \"b\", \"related\": [{\"id\": 1, \"title\": \"x\"}]}]", "field 'related'"),
    ("[{\"title\": \"b\", \"extra\": {\"id\": 3}}]", "field 'extra' cannot set 'id'"),
    ("[{\"title\": \"b\", \"other_sections\": [{\"heading\": \"a\\nb\", \"text\": \"\"}]}]", "other_sections"),
])
def test_broken_file_is_one_line_and_imports_nothing(cli, home, tmp_path, content, message):
    src = tmp_path / "bad.json"
    src.write_text(content, encoding="utf-8")
    r = cli("import", src)
    assert r.exit_code == 1 and r.stdout == ""
    assert r.stderr.startswith(f"error: {src}: ") and message in r.stderr and r.stderr.count("\n") == 1
    assert not (home / "notes").exists() or not list((home / "notes").iterdir())


def test_unreadable_inputs(cli, tmp_path):
    r = cli("import", tmp_path / "missing.json")
    assert r.exit_code == 1 and "no such file" in r.stderr
    for address in ("https://example.com/notes.json", "ftp://example.com/notes.json"):
        r = cli("import", address)
        assert r.exit_code == 1 and r.stderr == (f"error: {address}: import reads a file (or - for stdin), "
                                                 "not an address; download it first\n")
    (tmp_path / "latin.json").write_bytes(b"[{\"title\": \"caf\xe9\"}]")
    r = cli("import", tmp_path / "latin.json")
    assert r.exit_code == 1 and "not UTF-8" in r.stderr


def test_keep_ids_never_reuses_an_id_after_the_trash_is_emptied(cli, home, tmp_path):
    assert cli("new", "--no-edit", "--no-drafts", "-", input="가상전자, 실적 발표\n\n가상전자가 실적을 냈다.\n").exit_code == 0
    out = tmp_path / "one.json"
    assert cli("export", "1", "--format", "json", "--output", out).exit_code == 0
    assert cli("delete", "1", "--yes").exit_code == 0
    for p in (home / ".trash").iterdir():
        p.unlink()
    r = cli("import", out, "--keep-ids")
    assert r.exit_code == 0 and r.stdout.split() == ["2"]  # 1 was handed out once: never again
    assert "id 1 is taken" in r.stderr or "imported as 2" in r.stderr


def test_importing_the_same_file_twice_skips_the_notes_already_here(cli, home, tmp_path):
    """The second import of one export brings nothing: each note is recognised by new's rule — its
    link, else its title (linked or not) — and a note with neither key (no link, a title too short to
    tell an article) by its exact title and scrap time; each skipped note is one line, exit 1."""
    linked = ("---\ntitle: \"가상전자, 실적 발표\"\nurl: https://www.hankyung.com/article/2024070512345\n---\n\n"
              "가상전자가 2분기 실적을 발표했다고 5일 밝혔다.\n")
    unlinked = "나라은행, 기준금리 3.5%로 동결\n\n나라은행이 기준금리를 동결했다.\n"
    column = "오늘의 증시\n\n코스피가 1% 올랐다.\n"  # a column's name: no title key, no link
    for text in (linked, unlinked, column):
        assert cli("new", "--no-edit", "--no-drafts", "-", input=text).exit_code == 0
    out = tmp_path / "all.json"
    assert cli("export", "--all", "--format", "json", "--output", out).exit_code == 0
    r = cli("import", out)
    assert r.exit_code == 1 and r.stdout == ""
    lines = r.stderr.splitlines()
    assert lines[:3] == [
        f"warning: {out}: note 1 '가상전자, 실적 발표' is already here as #1 (same link); "
        "not imported again (use --force to import a copy)",
        f"warning: {out}: note 2 '나라은행, 기준금리 3.5%로 동결' is already here as #2 (same title); "
        "not imported again (use --force to import a copy)",
        f"warning: {out}: note 3 '오늘의 증시' is already here as #3 (same title and scrap time); "
        "not imported again (use --force to import a copy)"]
    assert lines[3] == "imported 0 of 3 notes, 3 already here (--force imports copies)"
    assert sorted(p.name[:4] for p in (home / "notes").iterdir()) == ["0001", "0002", "0003"]
    r = cli("import", "--force", out)  # a copy is still possible
    assert r.exit_code == 0 and r.stdout.split() == ["4", "5", "6"] and "already" not in r.stderr


def test_a_column_of_another_day_is_imported(cli, tmp_path):
    """Without a link or a long title only the same scrap is the same note: 오늘의 증시 of another
    day comes in."""
    assert cli("new", "--no-edit", "--no-drafts", "-", input="오늘의 증시\n\n코스피가 1% 올랐다.\n").exit_code == 0
    entry = json.loads(cli("show", "1", "--json").stdout)
    entry.update(scrapped="2024-01-05T09:00:00+09:00", body="코스피가 2% 내렸다.")
    r = cli("import", "-", input=json.dumps(entry, ensure_ascii=False))
    assert r.exit_code == 0 and r.stdout.split() == ["2"], r.stderr


def test_a_batch_is_compared_with_the_collection_not_with_itself(cli, tmp_path):
    """An export holding two copies of one article (scrapped again with --force) brings both into
    another collection; a 연관기사 of a note not imported again points at the note already here."""
    text = "나라은행, 기준금리 3.5%로 동결\n\n나라은행이 기준금리를 동결했다.\n"
    assert cli("new", "--no-edit", "--no-drafts", "-", input=text).exit_code == 0
    assert cli("new", "--no-edit", "--no-drafts", "--force", "-", input=text).exit_code == 0
    out = tmp_path / "two.json"
    assert cli("export", "--all", "--format", "json", "--output", out).exit_code == 0
    other = tmp_path / "other"
    r = cli("--home", other, "import", out)
    assert r.exit_code == 0 and r.stdout.split() == ["1", "2"], r.stderr
    # note 7 (pointing at 5) and note 5, into a collection that has 5's article as #1
    data = json.loads(out.read_text(encoding="utf-8"))
    data = [dict(data[0], id=5), {"id": 7, "title": "나라은행 동결 이후 대출 금리는", "body": "대출 금리가 내렸다.",
                                  "related": [{"id": 5, "headline": "동결", "url": None}]}]
    src = tmp_path / "linked.json"
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    r = cli("--home", other, "import", src)
    assert r.exit_code == 1 and r.stdout.split() == ["3"] and "already here as #1 (same title)" in r.stderr
    assert json.loads(cli("--home", other, "show", "3", "--json").stdout)["related"] == [
        {"id": 1, "headline": "동결", "url": None}]


