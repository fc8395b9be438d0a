"""The package as a user installs it (pip, pipx and uv tool all install the wheel into a venv of
their own): the wheel is built from the source, installed into fresh venvs — one per Python 3.11,
3.12 and 3.13 found on the machine, in parallel — and its `scrapnote` runs --version, new and search
there. Dependencies come from pip's cache or the index."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS
from scrapnote import __version__

pytestmark = pytest.mark.wheel

WANTED = ("3.11", "3.12", "3.13")


def _pythons() -> dict[str, str]:
    """Each wanted Python version found: this one, then pythonX.Y on PATH or under pyenv."""
    found = {f"{sys.version_info[0]}.{sys.version_info[1]}": sys.executable}
    for v in WANTED:
        if v in found:
            continue
        candidates = [shutil.which(f"python{v}") or ""]
        pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
        if pyenv.is_dir():
            candidates += [str(p / "bin" / "python3") for p in sorted(pyenv.glob(f"{v}.*"))]
        for exe in candidates:
            if exe and subprocess.run([exe, "-c", "import venv, ensurepip"], capture_output=True).returncode == 0:
                found[v] = exe
                break
    return found


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("src") / "scrapnote"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(
        ".venv", ".git", "build", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis", "tests", "bench"))
    out = tmp_path_factory.mktemp("dist")
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(src)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    (whl,) = out.glob("scrapnote-*.whl")
    return whl


def test_the_wheel_carries_what_an_index_expects(wheel):
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        meta = Parser().parsestr(z.read(meta_name).decode("utf-8"))
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names), "the LICENSE file is in the wheel"
    assert "scrapnote/templates/economy.yaml" in names and "scrapnote/data/publishers.yaml" in names
    assert "scrapnote/templates/export.html.j2" in names
    assert not any(n.startswith(("tests/", "bench/")) for n in names)
    assert meta["License-Expression"] == "MIT" and meta["Requires-Python"] == ">=3.11"
    assert meta["Author-email"] and "news" in meta["Keywords"]
    classifiers = meta.get_all("Classifier")
    for v in WANTED:
        assert f"Programming Language :: Python :: {v}" in classifiers
    assert "Environment :: Console" in classifiers and "Natural Language :: Korean" in classifiers
    assert meta.get_payload().startswith("# scrapnote"), "the README is the long description"


def test_installed_into_fresh_venvs_it_runs(wheel, tmp_path):
    pythons = _pythons()
    article = sorted(SEEDS.glob("*.txt"))[0]
    procs = {}
    for v, exe in pythons.items():
        venv = tmp_path / f"venv{v}"
        home = tmp_path / f"home{v}"
        bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
        script = " && ".join([
            f'"{exe}" -m venv "{venv}"',
            f'"{bin_dir / "python"}" -m pip install -q --disable-pip-version-check --no-compile "{wheel}"',
            f'"{bin_dir / "scrapnote"}" --version',
            f'"{bin_dir / "scrapnote"}" new --no-edit "{article}"',
            f'"{bin_dir / "scrapnote"}" search 카카오 --json',
        ])
        env = {k: val for k, val in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
        env.update(SCRAPNOTE_HOME=str(home), SCRAPNOTE_CONFIG=str(tmp_path / "none.toml"), NO_COLOR="1")
        procs[v] = subprocess.Popen(["sh", "-c", script], env=env, cwd=tmp_path, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True)
    for v, p in procs.items():
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, f"Python {v}: {err}"
        lines = out.splitlines()
        assert lines[0] == f"scrapnote {__version__}" and lines[1] == "1", f"Python {v}: {out}"
        hits = json.loads("\n".join(lines[2:]))
        assert hits and hits[0]["id"] == 1, f"Python {v}: {out}"
    print("tested on Python", ", ".join(sorted(pythons)))
