"""Issue 11's quick commands (show, check ID, edit, delete) do no work proportional to the
collection beyond what freshness needs: no listing of the notes folder when the index vouches for
its names, and the index vouches again after a change that left the same files."""
from __future__ import annotations

import os

from tests.test_leftovers_stamp import age, listed, note


def _collection(home, n: int = 5):
    notes = home / "notes"
    notes.mkdir(parents=True)
    for i in range(1, n + 1):
        (notes / f"{i:04d}-n{i}.md").write_text(note(i, f"노트 {i}"), encoding="utf-8")
        age(notes / f"{i:04d}-n{i}.md", 60)  # not racy: the first refresh keeps their mtimes
    (home / ".scrapnote").mkdir()
    age(notes)
    return notes


def test_the_same_files_under_a_new_folder_stamp_are_vouched_for_again(home, cli, monkeypatch):
    """A file moved out of the folder and back (or a temp file come and gone) changes the folder's
    mtime but not its files: the next refresh stores the new stamp, so show lists no folder."""
    notes = _collection(home)
    assert cli("list", "-n", "1").exit_code == 0
    moved = home / "aside.md"
    os.replace(notes / "0003-n3.md", moved)
    os.replace(moved, notes / "0003-n3.md")
    age(notes, 5)
    assert cli("list", "-n", "1").exit_code == 0  # the same files: nothing re-read, the stamp stored
    calls = listed(monkeypatch, notes)
    r = cli("show", "3")
    assert r.exit_code == 0, r.output
    assert "노트 3" in r.output
    assert calls == []


def test_a_recent_folder_stamp_is_still_not_trusted(home, cli, monkeypatch):
    notes = _collection(home)
    assert cli("list", "-n", "1").exit_code == 0
    moved = home / "aside.md"
    os.replace(notes / "0003-n3.md", moved)
    os.replace(moved, notes / "0003-n3.md")  # the folder's mtime is now: a second change could hide in it
    assert cli("list", "-n", "1").exit_code == 0
    calls = listed(monkeypatch, notes)
    assert cli("show", "3").exit_code == 0
    assert calls  # listed: the index cannot vouch for a stamp this recent


def test_list_shares_the_stat_with_a_child_and_still_sees_an_edit_in_place(home, cli, monkeypatch):
    """open_fresh stats the files in two processes when the names are known (Check's shared
    mode), and an edit in place (the folder's stamp unchanged) is still read again."""
    import scrapnote.index
    from scrapnote.index import scan

    monkeypatch.setattr(scrapnote.index, "SPLIT_MIN", 8)
    notes = _collection(home, 40)
    assert cli("list", "-n", "1").exit_code == 0
    modes: list[str] = []
    real = scan.Check.__init__

    def spy(self, *args, **kwargs):
        real(self, *args, **kwargs)
        modes.append(self.mode)

    monkeypatch.setattr(scan.Check, "__init__", spy)
    p = notes / "0007-n7.md"
    p.write_text(p.read_text(encoding="utf-8").replace("노트 7", "고친 7"), encoding="utf-8")
    r = cli("list", "-n", "40")
    assert r.exit_code == 0, r.output
    assert "고친 7" in r.output
    assert modes == ["shared"]
    r = cli("search", "고친")
    assert "7" in r.output


def test_delete_after_a_change_lists_the_folder_once(home, cli, monkeypatch):
    """The index cannot vouch for a folder changed since (a note put there by hand): delete lists
    it once, for the leftovers and to find the note alike, and does not read the note first."""
    notes = _collection(home)
    assert cli("list", "-n", "1").exit_code == 0
    (notes / "0006-n6.md").write_text(note(6, "노트 6"), encoding="utf-8")  # added by hand
    age(notes, 5)
    calls = listed(monkeypatch, notes)
    r = cli("delete", "2", "--yes")
    assert r.exit_code == 0, r.output
    assert len(calls) == 1
    assert (home / ".trash" / "0002-n2.md").exists()
    r = cli("delete", "2", "--yes")
    assert r.exit_code == 1 and "in the trash" in r.stderr


def test_a_note_that_cannot_be_read_can_be_deleted(home, cli):
    notes = _collection(home, 2)
    (notes / "0003-broken.md").write_text("---\nid: 3\ntitle: [깨짐\n---\n", encoding="utf-8")
    r = cli("delete", "3", "--yes")
    assert r.exit_code == 0, r.stderr
    assert (home / ".trash" / "0003-broken.md").exists()
    assert cli("restore", "3").exit_code == 0


def _rich_view(note, width: int) -> str:
    import io

    from rich.console import Console

    from scrapnote import render

    buf = io.StringIO()
    render.note_view(note, Console(file=buf, highlight=False, soft_wrap=True, width=width, emoji=False))
    return buf.getvalue()


def test_show_piped_is_written_as_rich_writes_it(home, write_note):
    """Piped, show writes the note without Rich when Rich would lay it out as it is: the same
    bytes; anything else (a fact wider than the page, a character of unknown width, a tab) is
    left to Rich."""
    from scrapnote import render, template
    from scrapnote.app.notes import template_of
    from scrapnote.note import read_note

    facts = ('source: 한국경제\npublished: 2024-01-10\nurl: "https://example.com/a?b=1"\n'
             'tags: [반도체, AI]\ncompanies: [삼성전자, "SK하이닉스"]\ntemplate: economy\n')
    cases = {
        1: f'---\nid: 1\ntitle: "삼성전자, HBM 3% ↑ — 「기대」"\n{facts}---\n\n## 본문 (본문 내용 복사)\n본문 \\x1b[31m 끝.  \n\n둘째 줄\n\n## 적용할점 (현직자에게 할 질문)\n',
        2: f'---\nid: 2\ntitle: "탭\\t제목"\n{facts}---\n\n## 본문 (본문 내용 복사)\n가\t나\n',
        3: f'---\nid: 3\ntitle: "이모지 😀"\n{facts}reporter: "기자 😀"\n---\n\n## 본문 (본문 내용 복사)\n가\n',
        4: f'---\nid: 4\ntitle: ""\n{facts}---\n\n## 헤드라인 (요약과 압축)\n> [초안] 자동으로 만든 초안입니다. 내 말로 고쳐 쓰고 이 줄은 지우세요.\n초안 헤드라인\n',
        5: f'---\nid: 5\ntitle: "긴 링크"\nurl: "https://example.com/{"x" * 150}"\nsource: 연합뉴스\n---\n\n## 본문 (본문 내용 복사)\n가\n',
    }
    plain = 0
    for nid, text in cases.items():
        p = write_note(f"{nid:04d}-n.md", text)
        note = read_note(p, template.load())
        note = note.keyed(template_of(note))
        for width in (200, 120, 60):
            page = render._plain_note(note, width)
            if page is not None:
                plain += 1
                assert page == _rich_view(note, width), (nid, width)
    assert plain >= 6  # notes 1, 4 (and 5 at 200) written by hand
    note5 = read_note(home / "notes" / "0005-n.md", template.load())
    assert render._plain_note(note5, 120) is None  # the link is wider than the page: Rich wraps it


def test_the_quick_commands_piped_load_no_rich(home, write_note, tmp_path):
    import subprocess
    import sys

    editor = tmp_path / "editor.sh"  # an edit that changes the note (a short message follows)
    editor.write_text("#!/bin/sh\nprintf '\\n고침\\n' >> \"$1\"\n", encoding="utf-8")
    editor.chmod(0o755)

    write_note("0001-a.md", "---\nid: 1\ntitle: \"가\"\nsource: 한국경제\ntemplate: economy\n---\n\n"
               "## 본문 (본문 내용 복사)\n본문.\n")
    code = ("import sys; sys.argv = ['scrapnote', *sys.argv[1:]]\nfrom scrapnote import cli\n"
            "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write('RICH' if 'rich' in sys.modules or 'filelock' in sys.modules else 'NO-RICH')")
    for args in (["show", "1"], ["check", "1"], ["edit", "1"], ["delete", "1", "--yes"]):
        r = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                           env={**os.environ, "EDITOR": str(editor), "COLUMNS": "200"}, timeout=60)
        assert r.stderr.endswith("NO-RICH"), (args, r.stderr)


def test_the_plain_scalar_table_is_pyyamls_own():
    """note.fast_front_matter resolves plain scalars by a copy of the loader's implicit resolvers
    (no PyYAML import for a front matter in the tool's shapes): the same table, key by key, in order."""
    from scrapnote.note import _yaml_loader, plain_resolvers

    theirs = {k: [(t, rx.pattern, rx.flags) for t, rx in v]
              for k, v in _yaml_loader(False).yaml_implicit_resolvers.items()}
    ours = {k: [(t, rx.pattern, rx.flags) for t, rx in v] for k, v in plain_resolvers().items()}
    assert ours == theirs
    assert list(ours) == list(theirs)


def test_a_form_is_read_from_its_cache_until_its_file_changes(home, monkeypatch):
    from scrapnote import template

    (home / ".scrapnote").mkdir(parents=True)
    forms = home / "templates"
    forms.mkdir()
    own = forms / "mine.yaml"
    own.write_text("name: mine\nsections:\n  - {key: body, label: 본문, writer: tool}\n"
                   "  - {key: insights, label: 인사이트, writer: reader}\n", encoding="utf-8")
    age(own, 30)

    def fresh():
        template._loaded.clear()
        template._load_path.cache_clear()
        return template.load("mine")

    first = fresh()
    assert (home / ".scrapnote" / template.FORMS_CACHE).exists()
    parsed: list = []
    real = template._parse_path
    monkeypatch.setattr(template, "_parse_path", lambda p: parsed.append(p) or real(p))
    assert fresh() == first and parsed == []  # from the cache: no YAML
    own.write_text("name: mine\nsections:\n  - {key: body, label: 본문 (바뀜), writer: tool}\n", encoding="utf-8")
    age(own, 20)
    changed = fresh()
    assert parsed and changed.sections[0].label == "본문 (바뀜)" and len(changed.sections) == 1
    parsed.clear()
    assert fresh() == changed and parsed == []
    own.write_text("name: mine\nsections:\n  - {key: body, label: 새로, writer: tool}\n", encoding="utf-8")
    assert fresh().sections[0].label == "새로"  # changed just now: parsed (and not cached)


def test_the_collections_lock_is_filelocks_lock(home):
    """store's flock is the lock filelock takes on POSIX: held by a process using filelock, the
    collection is locked for scrapnote, and the other way round."""
    import subprocess
    import sys

    import pytest

    from scrapnote import store
    from scrapnote.errors import ScrapnoteError

    state = home / ".scrapnote"
    state.mkdir(parents=True)
    holder = subprocess.Popen([sys.executable, "-c",
                               "import sys, time, filelock\n"
                               f"with filelock.FileLock({str(state / 'lock')!r}):\n"
                               "    print('held', flush=True); time.sleep(3)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(ScrapnoteError, match="locked by another scrapnote"), store.locked(timeout=0.3):
            pass
    finally:
        holder.kill()
        holder.wait()
    with store.locked(timeout=2):  # let go when its holder died
        import filelock

        with pytest.raises(filelock.Timeout):
            filelock.FileLock(str(state / "lock"), timeout=0.2).acquire()
