"""Shell completion against the Typer command tree itself, so it cannot go stale: every command,
every option of every command, every choice, and a completion for every option or argument that
takes a value from a known set (the collection's tags, ids, groups, a closed list the option
checks) — anything else is typed text or a path the shell completes itself, and is named here.
A new command or option fails this test until it is offered."""
from __future__ import annotations

import pytest
import typer.main
from typer._click.shell_completion import get_completion_class
from typer.core import TyperArgument, TyperOption

# (parameter name): values no list can offer — typed text, a number, a date, or a path the shell's
# own file completion gives (bash `-o default`, zsh and fish fall back to files)
FREE_TEXT = {"articles", "max_bytes", "since", "until", "limit", "output", "split", "layout", "week",
             "remote", "query", "word", "file"}


@pytest.fixture
def tree():
    from scrapnote.cli import app

    root = typer.main.get_command(app)
    ctx = root.make_context("scrapnote", [], resilient_parsing=True)
    return root, {name: root.get_command(ctx, name) for name in root.list_commands(ctx)}


@pytest.fixture
def collection(cli, write_note, home):
    write_note("0001-a.md", "---\nid: 1\ntitle: 가상전자 배터리\nsource: 가상일보\ntags: [스터디, 배터리]\n"
                            "industry: [이차전지]\ncompanies: [가상전자]\n---\n\n## 본문\n\n가상전자 이야기.\n")
    write_note("0002-b.md", "---\nid: 2\ntitle: 가상은행 금리\nsource: 가상경제\ntags: [스터디]\n"
                            "industry: [금융]\ncompanies: [가상은행]\n---\n\n## 본문\n\n가상은행 이야기.\n")
    (home / ".scrapnote" / "groups" / "가상스터디" / "repo" / ".git").mkdir(parents=True)
    assert cli("list").exit_code == 0  # the index, as a read leaves it


def complete(root, args: list[str], incomplete: str = "") -> list[str]:
    shell = get_completion_class("bash")(root, {}, "scrapnote", "_SCRAPNOTE_COMPLETE")
    return [item.value for item in shell.get_completions(args, incomplete)]


def takes_value(p) -> bool:
    return isinstance(p, TyperArgument) or (isinstance(p, TyperOption) and not p.is_flag and not p.count)


def test_every_command_is_offered(tree):
    root, commands = tree
    assert complete(root, []) == list(commands)
    for name in commands:
        assert name[:3] and name in complete(root, [], name[:3])


def test_every_option_of_every_command_is_offered(tree):
    root, commands = tree
    for name, cmd in commands.items():
        opts = {o for p in cmd.params if isinstance(p, TyperOption) and not p.hidden for o in (*p.opts, *p.secondary_opts)}
        assert set(complete(root, [name], "-")) == opts | {"-h", "--help"}, name
    top = {o for p in root.params if isinstance(p, TyperOption) and not p.hidden for o in (*p.opts, *p.secondary_opts)}
    assert set(complete(root, [], "-")) == top | {"-h", "--help"}


def test_every_value_from_a_known_set_is_offered(tree, collection):
    root, commands = tree
    unexplained = []
    for name, cmd in commands.items():
        first_argument = next((p for p in cmd.params if isinstance(p, TyperArgument)), None)
        for p in cmd.params:
            if not takes_value(p) or p.name in FREE_TEXT:
                continue
            choices = getattr(p.type, "choices", None)
            custom = getattr(p, "_custom_shell_complete", None) is not None
            if not choices and not custom:
                unexplained.append(f"{name} {p.name}")
                continue
            if isinstance(p, TyperOption):
                got = complete(root, [name, p.opts[0]])
            elif p is first_argument:
                got = complete(root, [name])
            else:
                continue  # a later argument: its answer depends on the ones before (below)
            if choices:
                assert got == list(choices), (name, p.name)
            else:
                assert got, f"{name} {p.name}: nothing offered on a collection that has values"
    assert not unexplained, f"give these a completion (or name them in FREE_TEXT): {unexplained}"


def test_values_that_depend_on_the_words_before(tree, collection):
    root, _ = tree
    from scrapnote import settings
    from scrapnote.cli import _CARD_KINDS as CARD_KINDS
    from scrapnote.index import FIELDS

    assert complete(root, ["config", "set"]) == list(settings.KEYS)
    assert complete(root, ["config", "show"]) == []
    assert complete(root, ["config", "set", "color"]) == list(settings.COLORS)
    assert complete(root, ["config", "set", "pager"]) == ["true", "false"]
    assert complete(root, ["config", "set", "template"]) == ["economy"]
    assert complete(root, ["config", "set", "export-format"]) == complete(root, ["export", "--format"])
    assert complete(root, ["config", "set", "member"]) == []
    assert complete(root, ["group", "sync"]) == ["가상스터디"] == complete(root, ["group", "week"])
    assert complete(root, ["group", "add"]) == [] and complete(root, ["group", "sync", "가상스터디"]) == []
    for cmd in ("list", "search", "export", "show"):
        assert complete(root, [cmd, "--group"]) == ["가상스터디"], cmd
    assert set(FIELDS) <= set(complete(root, ["search", "x", "--field"]))
    assert complete(root, ["review", "--kind"]) == list(CARD_KINDS)
    assert set(complete(root, ["questions", "--company"])) == {"가상전자", "가상은행"}
    assert complete(root, ["list", "--tag"]) == ["스터디", "배터리"]  # the most used first
    assert sorted(complete(root, ["show"])) == ["1", "2"]
