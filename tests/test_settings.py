"""The config file: `scrapnote config path|show|set|edit`, its checks (one line naming the file and
the key), the TOML writer, and the commands that use each key."""
from __future__ import annotations

import os
import stat
import sys
import tomllib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import SEEDS


@pytest.fixture
def cfg(tmp_path):
    return tmp_path / "config.toml"


def _seed(cli, *extra):
    r = cli("new", "--no-edit", "--no-drafts", *extra, str(sorted(SEEDS.glob("*.txt"))[0]))
    assert r.exit_code == 0, r.stderr
    return int(r.stdout.split()[0])


def test_path_set_show(cli, cfg):
    r = cli("config", "path")
    assert r.exit_code == 0 and r.stdout.strip() == str(cfg)
    assert cli("config", "set", "member", "홍길동").exit_code == 0
    assert cli("config", "set", "tags", "AI, 반도체").exit_code == 0
    assert cli("config", "set", "pager", "off").exit_code == 0
    assert tomllib.loads(cfg.read_text("utf-8")) == {"member": "홍길동", "tags": ["AI", "반도체"], "pager": False}
    out = cli("config", "show").stdout
    assert 'member = "홍길동"' in out and 'tags = ["AI", "반도체"]' in out and "pager = false" in out
    assert "# color = \"auto\"  (default: NO_COLOR is set: no colours)" in out  # conftest sets NO_COLOR
    r = cli("config", "set", "member", "")
    assert r.exit_code == 0 and "member" not in tomllib.loads(cfg.read_text("utf-8"))


def test_set_keeps_the_rest_of_the_file(cli, cfg):
    cfg.write_text('# my settings\nmember = "김"  # me\n\n# colours\ncolor = "never"\n', "utf-8")
    assert cli("config", "set", "member", "이").exit_code == 0
    assert cfg.read_text("utf-8") == '# my settings\nmember = "이"\n\n# colours\ncolor = "never"\n'
    assert cli("config", "set", "editor", 'code --wait "a b"').exit_code == 0
    assert cfg.read_text("utf-8").endswith('editor = "code --wait \\"a b\\""\n')
    assert tomllib.loads(cfg.read_text("utf-8"))["editor"] == 'code --wait "a b"'


@pytest.mark.parametrize("text, key", [
    ('colour = "never"\n', "unknown key 'colour'"),
    ('pager = "yes"\n', "pager must be true or false"),
    ('color = "blue"\n', "color must be one of auto, always, never"),
    ('export-format = "pdf"\n', "export-format must be one of md, html"),
    ('tags = "AI"\n', "tags must be a list of strings"),
    ('[export]\nformat = "md"\n', "unknown key 'export'"),
    ('member = \n', "not valid TOML"),
])
def test_a_bad_file_is_one_line_naming_the_file_and_the_key(cli, cfg, text, key):
    cfg.write_text(text, "utf-8")
    for args in (["list"], ["config", "show"], ["new", "--dry-run", "--no-drafts", str(sorted(SEEDS.glob("*.txt"))[0])]):
        r = cli(*args)
        assert r.exit_code == 1, (args, r.stdout)
        assert r.stderr.count("\n") == 1 and r.stderr.startswith(f"error: {cfg}: ") and key in r.stderr, r.stderr
    assert cli("config", "path").exit_code == 0, "the path is always shown, to fix the file"


@pytest.mark.parametrize("args, says", [
    (["set", "colour", "never"], "unknown key 'colour'"),
    (["set", "pager", "maybe"], "pager must be true or false"),
    (["set", "export-format", "pdf"], "export-format must be one of"),
])
def test_set_refuses_bad_keys_and_values(cli, cfg, args, says):
    r = cli("config", *args)
    assert r.exit_code == 1 and says in r.stderr and str(cfg) in r.stderr and r.stderr.count("\n") == 1
    assert not cfg.exists()


def test_config_usage_errors(cli):
    assert cli("config", "nope").exit_code == 2
    assert cli("config", "set", "member").exit_code == 2
    assert cli("config", "path", "member").exit_code == 2


def test_edit_creates_a_commented_file_and_checks_it(cli, cfg, tmp_path, monkeypatch):
    ed = tmp_path / "ed.py"
    ed.write_text("import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
                  "p.write_text(p.read_text('utf-8') + 'colour = 1\\n', 'utf-8')\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {ed}")
    r = cli("config", "edit")
    assert r.exit_code == 1 and "unknown key 'colour'" in r.stderr
    text = cfg.read_text("utf-8")
    assert "# pager = true" in text and "# member = \"\"" in text
    cfg.write_text(text.replace("colour = 1\n", ""), "utf-8")
    assert tomllib.loads(cfg.read_text("utf-8")) == {}  # every key commented out
    ed.write_text("import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
                  "p.write_text(p.read_text('utf-8') + 'member = \"박\"\\n', 'utf-8')\n")
    r = cli("config", "edit")
    assert r.exit_code == 0 and "settings saved" in r.stderr


# -- the TOML writer --------------------------------------------------------------------------------
@given(st.dictionaries(st.sampled_from(["member", "editor", "template", "tags", "pager"]),
                       st.one_of(st.text(st.characters(exclude_categories=("Cs",))), st.booleans(),
                                 st.lists(st.text(st.characters(exclude_categories=("Cs",))), max_size=4))))
def test_the_writer_reads_back(data):
    from scrapnote import settings

    assert tomllib.loads(settings.dumps(data)) == data
    for key, value in data.items():  # one line changed in a file with comments
        text = settings._edited("# c\nmember = \"x\" # y\n", key, value, {**{"member": "x"}, key: value})
        assert tomllib.loads(text) == {**{"member": "x"}, key: value}


# -- the commands use the keys ----------------------------------------------------------------------
def test_new_takes_default_tags_and_template(cli, cfg, home):
    (home / "templates").mkdir(parents=True)
    from scrapnote.template import BUILTIN_DIR

    form = (BUILTIN_DIR / "economy.yaml").read_text("utf-8").replace("name: economy", "name: mine")
    (home / "templates" / "mine.yaml").write_text(form, "utf-8")
    cfg.write_text('tags = ["AI", "스터디"]\ntemplate = "mine"\n', "utf-8")
    nid = _seed(cli)
    text = next((home / "notes").glob(f"{nid:04d}-*.md")).read_text("utf-8")
    assert "AI" in text and "스터디" in text and "template: mine" in text
    nid = _seed(cli, "--tag", "금리", "--force")  # --tag wins over the default (the seed again: --force)
    data = cli("show", nid, "--json").stdout
    assert "금리" in data and "스터디" not in data
    cfg.write_text('template = "gone"\n', "utf-8")
    r = cli("new", "--no-edit", "--no-drafts", str(sorted(SEEDS.glob("*.txt"))[0]))
    assert r.exit_code == 1 and "no form named 'gone'" in r.stderr


def test_export_takes_format_layout_and_member(cli, cfg, tmp_path):
    nid = _seed(cli)
    cfg.write_text('export-format = "txt"\nmember = "홍길동"\n', "utf-8")
    r = cli("export", nid)
    assert r.exit_code == 0 and r.stdout.startswith("[스크랩] ") and "홍길동" in r.stdout
    r = cli("export", nid, "-f", "md")
    assert r.stdout.startswith("# ") and "작성: 홍길동" in r.stdout
    layout = tmp_path / "mine.md.j2"
    layout.write_text("MINE {{ count }} {{ member }}\n", "utf-8")
    cfg.write_text(f'export-format = "md"\nexport-layout = "{layout}"\n', "utf-8")
    assert cli("export", nid).stdout.startswith("MINE 1")
    assert cli("export", nid, "-f", "json").exit_code == 0, "a format without a layout ignores export-layout"
    cfg.write_text(f'export-layout = "{tmp_path / "none.j2"}"\n', "utf-8")
    r = cli("export", nid)
    assert r.exit_code == 1 and f"{cfg}: export-layout" in r.stderr


def test_color_always_and_never(cli, cfg):
    _seed(cli)
    cfg.write_text('color = "always"\n', "utf-8")
    assert "\x1b[" in cli("list").stdout, "always: colours even into a pipe"
    assert "\x1b[" in cli("search", "카카오").stdout
    cfg.write_text('color = "never"\n', "utf-8")
    assert "\x1b[" not in cli("list").stdout


def test_pager_off_in_the_config(home, tmp_path):
    from test_study_commands import _run_on_pty
    from test_terminal import _less_env, _make_note

    from conftest import scrapnote_exe

    _make_note(home, lines=80)
    seen = tmp_path / "paged"
    cfg = tmp_path / "pty-config.toml"
    cfg.write_text("pager = false\n", "utf-8")
    env = _less_env(home, PAGER=f"cat > {seen}", SCRAPNOTE_CONFIG=str(cfg))
    rc, out = _run_on_pty([scrapnote_exe(), "show", "1"], env)
    assert rc == 0 and "79번째 문단이다" in out and not seen.exists()


# -- editors ------------------------------------------------------------------------------------------
def test_editor_order(monkeypatch, cfg):
    from scrapnote.app.edit import editor_command

    cfg.write_text('editor = "myedit -x"\n', "utf-8")
    monkeypatch.setenv("EDITOR", "ed1")
    monkeypatch.setenv("VISUAL", "vis")
    assert editor_command() == ["vis"]
    monkeypatch.delenv("VISUAL")
    assert editor_command() == ["ed1"]
    monkeypatch.delenv("EDITOR")
    assert editor_command() == ["myedit", "-x"]
    cfg.unlink()
    monkeypatch.setenv("PATH", "")
    with pytest.raises(Exception, match="no editor found"):
        editor_command()


def test_fallbacks_nano_vi_or_notepad(monkeypatch, tmp_path):
    from scrapnote.app.edit import editor_command

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("vi", "notepad"):
        exe = bin_dir / name
        exe.write_text("#!/bin/sh\n")
        exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", str(bin_dir))
    assert editor_command(windows=False) == ["vi"]
    assert editor_command(windows=True) == ["notepad"]
    (bin_dir / "nano").write_text("#!/bin/sh\n")
    (bin_dir / "nano").chmod(0o755)
    assert editor_command(windows=False) == ["nano"]


@pytest.mark.parametrize("typed, runs", [
    ("code", ["code", "--wait"]), ("code --wait", ["code", "--wait"]), ("code -w", ["code", "-w"]),
    ("subl", ["subl", "--wait"]), ("gedit", ["gedit", "--wait"]), ("kate", ["kate", "--block"]),
    ("gvim", ["gvim", "--nofork"]), ("gvim -f", ["gvim", "-f"]), ("nano", ["nano"]), ("vim -u NONE", ["vim", "-u", "NONE"]),
    ("/usr/local/bin/code", ["/usr/local/bin/code", "--wait"]),
])
def test_gui_editors_get_their_wait_flag(monkeypatch, typed, runs):
    from scrapnote.app.edit import editor_command

    monkeypatch.setenv("EDITOR", typed)
    assert editor_command() == runs


def test_an_editor_back_at_once_is_explained(cli, monkeypatch, tmp_path):
    nid = _seed(cli)
    ed = tmp_path / "fast"
    ed.write_text("#!/bin/sh\nexit 0\n")
    ed.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(ed))
    r = cli("edit", nid)
    assert r.exit_code == 0 and f"no changes to {nid}" in r.stderr
    assert "returned at once" in r.stderr and "--wait" in r.stderr


# -- usage errors -----------------------------------------------------------------------------------
def test_wrong_format_and_template_are_usage_errors(cli):
    seed = str(sorted(SEEDS.glob("*.txt"))[0])
    for args in (["new", "--format", "pdf", seed], ["new", "--template", "nope", seed], ["export", "--all", "-f", "pdf"]):
        r = cli(*args)
        assert r.exit_code == 2, (args, r.stderr)
        assert "Invalid value" in r.stderr or "invalid" in r.stderr.lower()


def test_new_help_example_reads_pbpaste(cli):
    out = " ".join(cli("new", "--help").stdout.split())
    assert "pbpaste | scrapnote new -" in out and "pbcopy" not in out


def test_the_config_folder_is_the_platforms(monkeypatch):
    from scrapnote import config

    monkeypatch.delenv("SCRAPNOTE_CONFIG")
    monkeypatch.setenv("XDG_CONFIG_HOME", "/x/conf")
    if sys.platform.startswith("linux"):
        assert config.config_file() == config.Path("/x/conf/scrapnote/config.toml")
    assert os.fspath(config.config_file()).endswith("config.toml")


def test_show_gives_the_value_in_effect_and_marks_defaults(cli, cfg, monkeypatch):
    """A default is shown as the value in effect (the form is economy, not ""), commented out and
    marked; an environment variable that wins over the file is named beside the file's value."""
    import shutil

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("SCRAPNOTE_MEMBER", raising=False)
    lines = cli("config", "show").stdout.splitlines()
    assert '# template = "economy"  (default)' in lines
    assert not any(' = ""  (default)' in ln for ln in lines)  # every empty default says what it means
    assert '# export-layout = ""  (default: the built-in layout of each format)' in lines
    assert any(ln.startswith('# member = ""  (default: not set;') for ln in lines)
    fallback = next((f for f in ("nano", "vi") if shutil.which(f)), None)
    if fallback:
        assert f'# editor = "{fallback}"  (default: the first of nano, vi found)' in lines
    assert all(ln.startswith("#") and "(default" in ln for ln in lines)  # nothing set: every key a default
    cfg.write_text('editor = "code --wait"\ntemplate = "mine"\n', "utf-8")
    lines = cli("config", "show", env={"EDITOR": "vim", "NO_COLOR": "1", "SCRAPNOTE_MEMBER": "지수"}).stdout.splitlines()
    assert 'editor = "code --wait"  # not used: $EDITOR wins (vim)' in lines
    assert 'template = "mine"' in lines
    assert '# color = "auto"  (default: NO_COLOR is set: no colours)' in lines
    assert '# member = ""  (default: groups use $SCRAPNOTE_MEMBER (지수))' in lines
    import tomllib

    shown = "\n".join(ln.split("  #")[0] for ln in lines if not ln.startswith("#"))
    assert tomllib.loads(shown) == {"editor": "code --wait", "template": "mine"}  # the file's lines read back


def test_a_config_template_that_names_no_form_says_it_came_from_the_file(cli, cfg, tmp_path):
    """`new` without --template takes the file's; when no form has that name the one error line
    says where the name came from and how to change it."""
    art = tmp_path / "a.txt"
    art.write_text("가상전자, 배터리 공장 착공\n\n가상전자가 공장을 짓는다고 밝혔다.\n", encoding="utf-8")
    assert cli("config", "set", "template", "없는양식").exit_code == 0
    r = cli("new", "--no-edit", "--no-drafts", art)
    assert r.exit_code == 1 and r.stdout == ""
    (line,) = r.stderr.strip().splitlines()
    assert "no form named '없는양식'" in line and str(cfg) in line and "config set template" in line
    assert cli("new", "--no-edit", "--no-drafts", "--template", "economy", art).exit_code == 0  # the option wins


def test_config_set_and_edit_fix_a_broken_file(cli, cfg, tmp_path, monkeypatch):
    """The error says to fix the file with `config`: `config set` of the wrong key replaces it,
    `config edit` opens the broken file (the editor from $EDITOR, else the fallbacks — never the
    broken file's own `editor` key)."""
    cfg.write_text('# mine\npager = "yes"\n', "utf-8")
    assert cli("list").exit_code == 1
    r = cli("config", "set", "pager", "false")
    assert r.exit_code == 0, r.stderr
    assert cfg.read_text("utf-8") == "# mine\npager = false\n"
    assert cli("list").exit_code == 0
    cfg.write_text('pager = "yes"\ncolour = 1\n', "utf-8")
    r = cli("config", "set", "pager", "false")  # another key is still wrong: that one is named
    assert r.exit_code == 1 and "unknown key 'colour'" in r.stderr
    assert cfg.read_text("utf-8") == 'pager = "yes"\ncolour = 1\n', "a refused set writes nothing"
    for broken in ('x [bad\n', 'editor = 3\n'):
        cfg.write_text(broken, "utf-8")
        ed = tmp_path / "ed.py"
        ed.write_text("import sys, pathlib\npathlib.Path(sys.argv[1]).write_text('member = \"박\"\\n', 'utf-8')\n")
        monkeypatch.setenv("EDITOR", f"{sys.executable} {ed}")
        r = cli("config", "edit")
        assert r.exit_code == 0, r.stderr
        assert tomllib.loads(cfg.read_text("utf-8")) == {"member": "박"}
