"""Obsidian interop: front matter with the properties Obsidian shows (tags, aliases, created) while
today's keys still read, and 연관기사 as [[wikilinks]] to the other notes' files (config switch,
default on) that show and the exports render."""
from __future__ import annotations

import json
import re

import pytest

from conftest import SEEDS

WIKILINK = re.compile(r"^- \[\[([^\]|]+)\|([^\]]+)\]\]( https?://\S+)?$")


@pytest.fixture
def collection(cli, home):
    r = cli("new", "--no-edit", *map(str, sorted(SEEDS.glob("*.txt"))))
    assert r.exit_code == 0, r.stderr
    return home


def _related_lines(path) -> list[str]:
    text = path.read_text("utf-8")
    part = text.split("## 연관기사 링크", 1)[1]
    return [line for line in part.splitlines() if line.startswith("- ")]


def test_front_matter_has_obsidians_properties(cli, home):
    from scrapnote.note import load_yaml

    r = cli("new", "--no-edit", "--no-drafts", "--tag", "스터디", str(sorted(SEEDS.glob("*.txt"))[0]))
    assert r.exit_code == 0
    text = next((home / "notes").iterdir()).read_text("utf-8")
    meta = load_yaml(text.split("---\n")[1])
    assert meta["aliases"] == [meta["title"]], "Obsidian finds and links the note by its title"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", meta["created"]), "a date-time Obsidian reads"
    assert meta["scrapped"].startswith(meta["created"]), "today's key stays"
    assert meta["tags"] == ["스터디", *[t for t in meta["tags"] if t != "스터디"]]


def test_a_note_made_in_obsidian_reads(cli, write_note):
    write_note("0007-obsidian.md", "---\ntitle: 옵시디언에서 쓴 노트\naliases: [옵시디언 노트]\n"
                                   "created: 2024-05-01T09:30:00\ntags: [AI]\n---\n\n## 본문 (본문 내용 복사)\n\n본문이다.\n")
    rows = json.loads(cli("list", "--json").stdout)
    assert rows[0]["id"] == 7 and rows[0]["date"] == "2024-05-01"
    data = json.loads(cli("show", "7", "--json").stdout)
    assert data["scrapped"] == "2024-05-01T09:30:00" and data["tags"] == ["AI"]
    assert "2024-05-01 09:30" in cli("show", "7").stdout


def test_related_are_wikilinks_to_the_other_notes_files(cli, collection):
    files = sorted((collection / "notes").glob("*.md"))
    stems = {p.stem for p in files}
    linked = [(p, _related_lines(p)) for p in files]
    assert any(lines for _, lines in linked), "the seeds relate to one another"
    for p, lines in linked:
        for line in lines:
            m = WIKILINK.match(line)
            assert m, line
            assert m.group(1) in stems and m.group(1) != p.stem, "a link Obsidian resolves to another note"
    p, lines = next((p, lines) for p, lines in linked if lines)
    nid = int(p.name[:4])
    target_ids = [int(WIKILINK.match(line).group(1)[:4]) for line in lines]
    data = json.loads(cli("show", nid, "--json").stdout)
    assert [e["id"] for e in data["related"]] == target_ids
    assert all(e["headline"] and "[[" not in e["headline"] for e in data["related"])
    shown = cli("show", nid).stdout
    assert "[[" not in shown and f"#{target_ids[0]} " in shown
    md = cli("export", nid, "-f", "md").stdout
    assert "[[" not in md and f"- #{target_ids[0]} " in md
    html = cli("export", nid, "-f", "html").stdout
    assert "[[" not in html and "<ul class=\"related\">" in html


def test_the_switch_writes_todays_lines(cli, home, tmp_path):
    (tmp_path / "config.toml").write_text("wikilinks = false\n", "utf-8")
    assert cli("new", "--no-edit", *map(str, sorted(SEEDS.glob("*.txt")))).exit_code == 0
    lines = [line for p in sorted((home / "notes").glob("*.md")) for line in _related_lines(p)]
    assert lines and all(re.match(r"^- #\d+ ", line) and "[[" not in line for line in lines)


def test_wikilinks_parse_in_every_spelling():
    from scrapnote.note import parse_related, wikilinks_as_text

    text = ("- [[0005-카카오-캠프|카카오 캠프]] https://a.example/x\n- [[0012-구글]]\n- [[notes/0003-x.md#요약|셋]]\n"
            "- [[어떤 노트]]\n- #4 [예전 줄](https://b.example/)\n")
    got = parse_related(text)
    assert [(e["id"], e["headline"], e["url"]) for e in got] == [
        (5, "카카오 캠프", "https://a.example/x"), (12, "0012-구글", None), (3, "셋", None),
        (None, "어떤 노트", None), (4, "예전 줄", "https://b.example/")]
    assert wikilinks_as_text("- [[0005-카카오-캠프|카카오 캠프]] https://a.example/x") == "- #5 카카오 캠프 https://a.example/x"
