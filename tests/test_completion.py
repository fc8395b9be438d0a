"""Shell completion (Typer's): --show-completion / --install-completion for bash, zsh and fish, and
the answers — note ids (with their titles where the shell shows them), tags, companies, industries,
sources and forms from the index — without the Korean model or Rich."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import SEEDS, scrapnote_exe

SHOW = {"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}  # name the shell instead of detecting it


@pytest.fixture
def collection(home, tmp_path):
    env = {**os.environ, "SCRAPNOTE_HOME": str(home)}
    # companies and an industry given, not drafted: the Korean model would cost ~1 s a test here
    subprocess.run([scrapnote_exe(), "new", "--no-edit", "--no-drafts", "--tag", "스터디", "--tag", "AI",
                    "--company", "카카오", "--company", "구글", "--industry", "IT",
                    *map(str, sorted(SEEDS.glob("*.txt"))[:3])], env=env, capture_output=True, check=True)
    subprocess.run([scrapnote_exe(), "list"], env=env, capture_output=True, check=True)  # the index as a read leaves it
    subprocess.run([scrapnote_exe(), "new", "--no-edit", "--no-drafts", "--tag", "스터디",
                    str(sorted(SEEDS.glob("*.txt"))[3])], env=env, capture_output=True, check=True)
    return env


def _ask(env, shell: str, line: str) -> list[str]:
    """What the shell's completion script would get for ``line`` (zsh and fish send the line)."""
    extra = {"_SCRAPNOTE_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": line}
    if shell == "fish":
        extra["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    r = subprocess.run([scrapnote_exe()], env={**env, **extra}, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return [line for line in r.stdout.splitlines() if line]


@pytest.mark.skipif(not shutil.which("bash"), reason="bash is not installed")
def test_bash_completes_ids_tags_companies_and_forms(collection, tmp_path):
    script = subprocess.run([scrapnote_exe(), "--show-completion", "bash"], env={**collection, **SHOW},
                            capture_output=True, text=True, check=True).stdout
    (tmp_path / "c.sh").write_text(script)

    def complete(*words: str) -> list[str]:
        words_ = " ".join(f"'{w}'" for w in words)
        code = (f"source {tmp_path / 'c.sh'}; COMP_WORDS=(scrapnote {words_}); COMP_CWORD={len(words)}; "
                f"_scrapnote_completion scrapnote; printf '%s\\n' \"${{COMPREPLY[@]}}\"")
        r = subprocess.run(["bash", "-c", code], env={**collection, "PATH": f"{os.path.dirname(scrapnote_exe())}:{os.environ['PATH']}"},
                           capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr
        return [w for w in r.stdout.splitlines() if w]

    assert complete("sho") == ["show"]
    assert sorted(complete("show", "")) == ["1", "2", "3", "4"]
    assert complete("delete", "") and set(complete("export", "1", "")) <= {"1", "2", "3", "4"}
    tags = complete("list", "--tag", "")
    assert set(tags[:2]) == {"스터디", "AI"}, "every tag, the most used first"
    assert complete("list", "--tag", "스") == ["스터디"]
    assert complete("new", "--template", "") == ["economy"]
    companies = complete("search", "x", "--company", "")
    assert companies and all(c for c in companies)
    assert complete("list", "--company", companies[0][:1])[0].startswith(companies[0][:1])
    # --home given before the command is the collection completed from
    assert complete("--home", str(tmp_path / "empty"), "show", "") == []


def test_zsh_and_fish_show_the_titles(collection):
    zsh = _ask(collection, "zsh", "scrapnote show ")
    assert any(re.match(r'^"1":".+', line) for line in zsh) or any('"1":"' in line for line in zsh), zsh
    fish = _ask(collection, "fish", "scrapnote related ")
    assert any(re.match(r"^1\t.+", line) for line in fish), fish
    assert any(line.startswith("스터디") for line in _ask(collection, "fish", "scrapnote list --tag "))


@pytest.mark.parametrize("shell, marks", [
    ("bash", ["complete -o default -F _scrapnote_completion scrapnote", "_SCRAPNOTE_COMPLETE=complete_bash"]),
    ("zsh", ["#compdef scrapnote", "_SCRAPNOTE_COMPLETE=complete_zsh"]),
    ("fish", ["complete --command scrapnote", "_SCRAPNOTE_COMPLETE=complete_fish"]),
])
def test_show_and_install_completion(tmp_path, shell, marks):
    env = {**os.environ, **SHOW, "HOME": str(tmp_path), "SHELL": f"/bin/{shell}"}
    r = subprocess.run([scrapnote_exe(), "--show-completion", shell], env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    for m in marks:
        assert m in r.stdout
    r = subprocess.run([scrapnote_exe(), "--install-completion", shell], env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(marks[1] in p.read_text() for p in written), f"{shell}: nothing installed in {written}"


def test_completion_loads_no_korean_model_and_no_rich(collection):
    extra = {"_SCRAPNOTE_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "scrapnote show "}
    r = subprocess.run([sys.executable, "-X", "importtime", "-m", "scrapnote"], env={**collection, **extra},
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and '"1":' in r.stdout
    loaded = {line.rsplit("|", 1)[-1].strip() for line in r.stderr.splitlines() if line.startswith("import time:")}
    assert "scrapnote.app.completion" in loaded  # the answers came from it
    heavy = sorted(m for m in loaded if m.split(".")[0] in ("rich", "kiwipiepy", "trafilatura", "httpx", "jinja2", "docx"))
    assert heavy == [], f"completion loaded {heavy}"


def test_a_collection_without_an_index_completes_nothing_and_writes_nothing(home):
    env = {**os.environ, "SCRAPNOTE_HOME": str(home)}
    assert _ask(env, "fish", "scrapnote show ") == []
    assert not home.exists()


def test_a_note_just_made_completes_by_id(collection):
    """Note 4 was made after the last read: its id comes from the note folder, its title from its file name."""
    fish = _ask(collection, "fish", "scrapnote show ")
    assert fish[0].startswith("4\t") and len(fish[0]) > 3, fish
    assert [line.split("\t")[0] for line in fish] == ["4", "3", "2", "1"]
