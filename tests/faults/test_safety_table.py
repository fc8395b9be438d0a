"""docs/safety.md maps every repro of issue 10 to its test: each test it names must exist (a renamed
or removed test makes the table lie)."""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CITED = re.compile(r"`([\w/]+\.py)::(\w+)`")


def _tests_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    names |= {t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
    return names


def test_every_test_the_safety_table_names_exists():
    text = (ROOT / "docs" / "safety.md").read_text(encoding="utf-8")
    cited = CITED.findall(text)
    assert len(cited) > 40
    missing = [f"{f}::{name}" for f, name in cited
               if not (ROOT / "tests" / f).exists() or name not in _tests_of(ROOT / "tests" / f)]
    assert not missing, missing
