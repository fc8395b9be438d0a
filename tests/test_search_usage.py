"""`search` lets ``-word`` through as a word to leave out, but a mistyped option (two dashes) is
wrong usage — exit 2 with the option named — never a word quietly excluded."""
from __future__ import annotations

import json

import pytest


@pytest.fixture
def notes(write_note):
    write_note("0001-a.md", "---\nid: 1\ntitle: 가상전자 배터리\n---\n\n## 본문\n\n가상전자가 배터리 공장을 짓는다.\n")
    write_note("0002-b.md", "---\nid: 2\ntitle: 가상전자 중국 공장\n---\n\n## 본문\n\n가상전자가 중국에 공장을 짓는다.\n")


@pytest.mark.parametrize("args, named, close", [
    (["--jsno", "가상전자"], "--jsno", "--json"),
    (["가상전자", "--limt", "1"], "--limt", "--limit"),
    (["가상전자", "--fild=title"], "--fild", "--field"),
    (["가상전자", "--zzzz"], "--zzzz", None),
])
def test_a_mistyped_option_is_wrong_usage(cli, notes, args, named, close):
    r = cli("search", *args)
    assert r.exit_code == 2 and r.stdout == ""
    assert f"No such option: {named}" in r.stderr
    assert (close in r.stderr) if close else "Possible options" not in r.stderr


def test_one_dash_still_leaves_a_word_out(cli, notes):
    r = cli("search", "--json", "가상전자", "-중국")
    assert r.exit_code == 0
    assert [h["id"] for h in json.loads(r.stdout)] == [1]
