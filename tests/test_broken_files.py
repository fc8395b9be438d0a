"""A note file broken by hand (its YAML front matter) never costs more than one line on stderr:
``related``/``check`` of that very note is its one error line and exit 1; ``search`` prints its
hits and one warning counting the files it could not read (``scrapnote check`` lists them)."""
from __future__ import annotations

import json


def note(i: int, title: str, body: str) -> str:
    return (f"---\nid: {i}\ntitle: \"{title}\"\nsource: 가상일보\npublished: 2025-03-0{i}\n"
            f"keywords: [가상전자, 배터리]\ncompanies: [가상전자]\n---\n\n## 본문\n\n{body}\n")


def broken(i: int) -> str:
    return f"---\nid: {i}\ntitle: [닫히지 않은 목록\n---\n\n## 본문\n\n가상전자 배터리 공장 이야기다.\n"


def collection(write_note, bad=(3,)):
    for i in (1, 2, 3, 4):
        text = broken(i) if i in bad else note(i, f"가상전자 배터리 {i}", f"가상전자가 배터리 공장 {i}곳을 짓는다.")
        write_note(f"{i:04d}-n.md", text)


def lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.strip()]


def test_related_of_a_broken_note_is_one_error_line(cli, write_note):
    collection(write_note)
    r = cli("related", "3")
    assert r.exit_code == 1 and r.stdout == ""
    (line,) = lines(r.stderr)
    assert line.startswith("error: ") and "0003-n.md" in line and "YAML" in line
    r = cli("related", "1")  # another note: answered, the broken file named once
    assert r.exit_code == 0 and "가상전자 배터리 2" in r.stdout
    assert len(lines(r.stderr)) == 1 and "0003-n.md" in r.stderr


def test_check_of_a_broken_note_is_one_error_line_and_a_broken_file_fails_check(cli, write_note):
    collection(write_note)
    r = cli("check", "3")
    assert r.exit_code == 1 and r.stdout == ""
    (line,) = lines(r.stderr)
    assert line.startswith("error: ") and "0003-n.md" in line
    for args in (("check", "1", "3"), ("check",)):
        r = cli(*args)
        assert r.exit_code == 1, args  # a file that cannot be read is something to fix
        assert [ln for ln in lines(r.stderr) if "0003-n.md" in ln][0].startswith("warning: skipped")


def test_search_warns_once_about_files_it_cannot_read(cli, write_note, home):
    collection(write_note, bad=(3, 4))
    r = cli("search", "배터리", env={"COLUMNS": "60"})
    assert r.exit_code == 0
    assert "가상전자 배터리 1" in r.stdout and "가상전자 배터리 2" in r.stdout  # the hits still printed
    (line,) = lines(r.stderr)  # one line, even on a narrow terminal
    assert line == "warning: 2 note files could not be read and were left out (scrapnote check lists them)"
    r = cli("search", "--json", "배터리")
    assert {h["id"] for h in json.loads(r.stdout)} == {1, 2}
    assert lines(r.stderr) == ["warning: 2 note files could not be read and were left out (scrapnote check lists them)"]
    r = cli("search", "없는낱말")
    assert r.exit_code == 1 and r.stdout == "" and "2 note files could not be read" in r.stderr
    # mended one and broke another after the index knew them: counted as the files are now
    write_note("0004-n.md", note(4, "가상전자 배터리 4", "가상전자가 배터리 공장 4곳을 짓는다."))
    write_note("0002-n.md", broken(2) + "\n")
    write_note("0001-n.md", note(1, "가상전자 배터리 1", "가상전자가 배터리 공장 1곳을 짓는다. 더 늘린다."))
    r = cli("search", "배터리")
    assert r.exit_code == 0 and "가상전자 배터리 4" in r.stdout and "가상전자 배터리 2" not in r.stdout
    assert lines(r.stderr) == ["warning: 2 note files could not be read and were left out (scrapnote check lists them)"]
    write_note("0002-n.md", note(2, "가상전자 배터리 2", "가상전자가 배터리 공장 2곳을 짓는다."))
    write_note("0003-n.md", note(3, "가상전자 배터리 3", "가상전자가 배터리 공장 3곳을 짓는다."))
    r = cli("search", "배터리")
    assert r.exit_code == 0 and r.stderr == ""


def test_a_search_whose_answer_holds_still_counts_a_newly_broken_file(cli, write_note):
    """The early answer (from the index as it was) holds when the changed file has nothing the
    query finds; the count is of the files as they are after the check."""
    collection(write_note, bad=())
    write_note("0005-n.md", note(5, "다른 이야기", "금리가 올랐다."))
    assert cli("search", "배터리").stderr == ""
    write_note("0005-n.md", "---\nid: 5\ntitle: [금리\n---\n\n## 본문\n\n금리가 올랐다.\n")
    r = cli("search", "배터리")
    assert r.exit_code == 0 and "가상전자 배터리 1" in r.stdout
    assert lines(r.stderr) == ["warning: 1 note file could not be read and was left out (scrapnote check lists them)"]


def test_list_names_each_file_it_cannot_read(cli, write_note):
    collection(write_note, bad=(3, 4))
    r = cli("list", env={"COLUMNS": "60"})
    assert r.exit_code == 0 and "가상전자 배터리 1" in r.stdout
    warned = [ln for ln in lines(r.stderr) if ln.startswith("warning: skipped")]
    assert len(warned) == 2 and len(lines(r.stderr)) == 2  # one line each, even 60 columns wide


def test_a_note_saved_as_cp949_says_so_and_how_to_fix_it_and_is_never_converted(cli, write_note, home):
    """A Windows user's hand-edited note in CP949 gave "not UTF-8 text (byte 18)" and no hint:
    the line now says what the file probably is and how to fix it; the file keeps its bytes."""
    text = "---\nid: 5\ntitle: \"금리 동결\"\n---\n\n## 본문\n\n한국은행이 기준금리를 동결했다.\n"
    p = home / "notes" / "0005-rate.md"
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(text.encode("cp949"))
    want = (f"{p}: not UTF-8 text (byte 18; probably CP949/EUC-KR, as a Windows editor saves Korean): "
            "re-save it as UTF-8 (scrapnote check lists every such file)")
    r = cli("show", "5")
    assert r.exit_code == 1 and r.stderr.strip() == f"error: {want}", r.stderr
    for cmd in (("list",), ("check",)):
        r = cli(*cmd)
        assert f"warning: skipped {want}" in r.stderr.splitlines(), (cmd, r.stderr)
    assert p.read_bytes() == text.encode("cp949")  # never converted behind the user's back
    p.write_text(text, encoding="utf-8")  # re-saved as UTF-8: read as any note
    assert "금리 동결" in cli("show", "5").stdout


def test_export_of_every_note_with_a_broken_one_writes_the_others_names_it_and_exits_1(cli, write_note, tmp_path):
    """An export that is not every note asked for says so: the readable notes are exported (file or
    stdout), the broken file is named once (also with --calendar, which reads the notes again), a
    count line follows, exit 1 — as check, while list and search (views) only warn."""
    collection(write_note)
    r = cli("export", "--all", "-f", "json")
    assert r.exit_code == 1
    assert [n["id"] for n in json.loads(r.stdout)] == [1, 2, 4]
    assert lines(r.stderr) == [
        f"warning: skipped {write_note('0003-n.md', broken(3))}: front matter is not valid YAML at line 4 "
        "(did not find expected ',' or ']')",
        "warning: 1 note file could not be read and was left out (scrapnote check lists them)"]
    out = tmp_path / "all.html"
    r = cli("export", "--since", "2025", "-f", "html", "--calendar", "-o", out)
    assert r.exit_code == 1 and out.exists() and r.stderr.count("0003-n.md") == 1
    assert "wrote 3 notes to" in r.stderr and "가상전자 배터리 4" in out.read_text(encoding="utf-8")
    r = cli("export", "1", "2", "-f", "json")  # the notes named by id: the broken file is none of them
    assert r.exit_code == 0 and r.stderr == "" and len(json.loads(r.stdout)) == 2
    assert cli("list").exit_code == 0 and cli("search", "배터리").exit_code == 0
