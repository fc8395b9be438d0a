"""The entry point (scrapnote/launch.py) answers the help and the version exactly as Typer does,
without loading Typer; everything else reaches Typer, which builds only the command it runs."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import scrapnote_exe

from scrapnote.cli import app

TYPER = "import sys\nsys.argv[0] = 'scrapnote'\nfrom scrapnote.cli import main\nmain()\n"
COMMANDS = list(app.lazy)  # every command, in the order cli.py defines them


def _env(columns: str | None) -> dict:
    env = dict(os.environ)
    env.pop("COLUMNS", None)
    if columns is not None:
        env["COLUMNS"] = columns
    return env


def _both(args: list[str], columns: str | None = "100"):
    """(the installed program, Typer itself): stdout, stderr, exit code of each."""
    env = _env(columns)
    front = subprocess.run([scrapnote_exe(), *args], capture_output=True, env=env)
    typer = subprocess.run([sys.executable, "-c", TYPER, *args], capture_output=True, env=env)
    return ((front.stdout, front.stderr, front.returncode), (typer.stdout, typer.stderr, typer.returncode))


def test_the_command_list_is_the_apps():
    from typer.main import get_command

    from scrapnote.helptext import HELP

    assert len(COMMANDS) >= 13 and {"new", "list", "show", "search", "export", "import"} <= set(COMMANDS)
    assert list(get_command(app).commands) == COMMANDS
    assert list(HELP) == ["", *COMMANDS]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_commands_help_is_typers(command):
    front, typer = _both([command, "--help"])
    assert front == typer and front[2] == 0 and front[0].startswith(f"Usage: scrapnote {command} ".encode())


@pytest.mark.parametrize("args", [[], ["--help"], ["-h"], ["--version"], ["search", "-h"], ["nope", "--help"],
                                  ["--debug", "--help"], ["show"], ["show", "x"], ["list", "-n", "0"]])
def test_help_version_and_usage_errors_are_typers(args):
    front, typer = _both(args)
    assert front == typer
    if not args:
        assert front[2] == 2 and front[0] == b"" and front[1].startswith(b"Usage: scrapnote [OPTIONS]")


@pytest.mark.parametrize("columns", ["80", "79", "60", None])  # None: no $COLUMNS, output piped
@pytest.mark.parametrize("args", [[], ["search", "--help"]])
def test_the_help_is_typers_at_every_width(args, columns):
    front, typer = _both(args, columns)
    assert front == typer


LOADED = ("import atexit, sys\n"
          "atexit.register(lambda: sys.stderr.write('LOADED ' + ' '.join(sorted(m for m in sys.modules if\n"
          "    m.split('.')[0] in ('typer', 'click', 'rich') or m.startswith('scrapnote.')))))\n"
          "sys.argv = ['scrapnote', *sys.argv[1:]]\n"
          "from scrapnote.launch import main\nmain()\n")


def _loaded(args: list[str], columns: str = "100") -> list[str]:
    p = subprocess.run([sys.executable, "-c", LOADED, *args], capture_output=True, text=True, env=_env(columns))
    return p.stderr.rsplit("LOADED", 1)[1].split()


@pytest.mark.parametrize("args", [[], ["--help"], ["-h"], ["--version"], ["search", "--help"], ["new", "-h"]])
def test_the_help_and_the_version_load_no_typer(args):
    # consoles: a CP949 or ASCII console gets plain symbols (standard library, codecs only)
    assert set(_loaded(args)) <= {"scrapnote.launch", "scrapnote.helptext", "scrapnote.consoles"}


def test_a_narrow_terminal_and_a_command_go_to_typer():
    assert "typer" in _loaded(["--help"], columns="60")  # laid out narrower than the table
    assert "typer" in _loaded(["list", "-n", "1"])


def test_python_dash_m_goes_through_the_entry_point():
    p = subprocess.run([sys.executable, "-m", "scrapnote", "--version"], capture_output=True, text=True)
    assert p.returncode == 0 and p.stdout.startswith("scrapnote ")


def test_a_call_builds_only_the_command_it_runs(cli, monkeypatch):
    from scrapnote import cli as cli_module

    built = []
    real = cli_module.get_command_from_info

    def counting(info, **kw):
        built.append(info.callback.__name__)
        return real(info, **kw)

    monkeypatch.setattr(cli_module, "get_command_from_info", counting)
    monkeypatch.setattr(app, "built", {})  # none built yet in this process
    r = cli("show", "999")
    assert r.exit_code == 1 and "999" in r.stderr
    assert built == ["show"]
    r = cli("show", "998")  # built once for the process
    assert r.exit_code == 1 and "998" in r.stderr
    assert built == ["show"]
    r = cli("serch", "x")  # a typo's suggestion needs the names only
    assert r.exit_code == 2 and "Did you mean 'search'?" in r.stderr
    assert built == ["show"]
    built.clear()
    app.built.clear()
    assert cli("--help").exit_code == 0  # the list of commands shows every command's short help
    assert sorted(built) == sorted(app.lazy[c].callback.__name__ for c in COMMANDS)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_the_help_into_a_full_disk_is_one_line():
    with open("/dev/full", "w") as full:
        p = subprocess.run([scrapnote_exe(), "--help"], stdout=full, stderr=subprocess.PIPE, text=True)
    assert p.returncode == 1 and p.stderr == "error: no space left on device\n"


def test_the_help_into_a_closed_pipe_or_stream_says_nothing():
    p = subprocess.Popen([scrapnote_exe(), "search", "--help"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout.close()  # the reader went away (| head -0)
    assert p.wait() in (0, 1) and p.stderr.read() == b""
    p.stderr.close()
    for args in (["--help"], ["--version"]):  # started with stdout closed: as Typer, exit 0
        q = subprocess.run([scrapnote_exe(), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           preexec_fn=lambda: os.close(1))
        assert q.returncode == 0 and q.stderr == b""


def test_a_table_older_than_cli_py_is_never_printed(monkeypatch):
    """cli.py edited without running docs/gen_cli.py: Typer answers (tests/test_docs.py fails too)."""
    from scrapnote import launch
    from scrapnote.helptext import CLI_CRC, HELP

    monkeypatch.setenv("COLUMNS", "100")
    assert launch._cli_crc() == CLI_CRC
    assert launch.answer(["--help"]) == (HELP[""], 0) and launch.answer(["show", "-h"]) == (HELP["show"], 0)
    monkeypatch.setattr(launch, "_cli_crc", lambda: CLI_CRC + 1)
    assert launch.answer(["--help"]) is None and launch.answer(["show", "-h"]) is None
    assert launch.answer(["--version"]) is not None  # the version is not in the table
