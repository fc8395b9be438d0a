"""The arrows between rooms that must never exist (docs/architecture.md), read from the package's
own import statements with ``ast``, so that the rules cannot rot:

- core (every module but cli.py and render.py — with plaintable.py, render's piped table, and
  __main__.py and launch.py, the entry point) never imports typer, click or rich, nor the output modules;
- nothing below the application layer imports ``scrapnote.app``;
- exporters never import the store, the index, the search, the application layer or the
  collection: they are renderers, notes in and bytes out;
- cli.py imports no heavy module when it is loaded (``scrapnote --help`` stays fast), following
  the module-level imports of every scrapnote module it loads; launch.py, the entry point that
  answers the help itself, loads nothing but the standard library.
"""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "scrapnote"

# the command line (and ``python -m scrapnote``) and the output: the only rooms that may draw
OUTPUT = {"scrapnote.__main__", "scrapnote.launch", "scrapnote.cli", "scrapnote.render", "scrapnote.plaintable",
          "scrapnote.consoles", "scrapnote.learnview", "scrapnote.browseview"}
UI_LIBRARIES = {"typer", "click", "rich", "textual"}
HEAVY = {"rich", "textual", "jinja2", "kiwipiepy", "trafilatura", "httpx", "docx", "lxml", "yaml", "frontmatter",
         "rapidfuzz", "charset_normalizer", "filelock", "sqlite3", "markdown_it", "pygments"}
NOT_FOR_EXPORTERS = ("scrapnote.store", "scrapnote.index", "scrapnote.search", "scrapnote.app",
                     "scrapnote.collection", "scrapnote.drafts")


def module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PKG.rglob("*.py"))}


def imports(source: str, module: str, *, top_level: bool = False, is_package: bool = False) -> set[str]:
    """The modules ``source`` imports (``from a import b`` counts as ``a`` and ``a.b``, since b may
    be a module). ``top_level``: only what runs when the module is loaded, not inside functions."""
    tree = ast.parse(source)
    found: set[str] = set()

    def visit(nodes):
        for node in nodes:
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: resolve against this module's package
                    pkg = module.split(".") if is_package else module.split(".")[:-1]
                    pkg = pkg[: len(pkg) - (node.level - 1)]
                    base = ".".join([*pkg, base] if base else pkg)
                found.add(base)
                found.update(f"{base}.{a.name}" for a in node.names)
            if top_level and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                continue  # a function's imports run when it is called
            if top_level and isinstance(node, ast.If) and _is_type_checking(node.test):
                visit(node.orelse)
                continue
            visit(ast.iter_child_nodes(node))

    visit(tree.body)
    return found


def _is_type_checking(test) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports_of(module: str, **kw) -> set[str]:
    path = MODULES[module]
    return imports(path.read_text("utf-8"), module, is_package=path.name == "__init__.py", **kw)


def _hits(names: set[str], roots) -> list[str]:
    return sorted(n for n in names if any(n == r or n.startswith(r + ".") for r in roots))


def loaded_by(module: str) -> set[str]:
    """Every module loading ``module`` loads: its module-level imports, followed through the
    package's own modules (a module's parent packages load first)."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        m = todo.pop()
        if m in seen:
            continue
        seen.add(m)
        if m not in MODULES:
            continue  # a library (or a name imported from a module): its own business
        for name in imports_of(m, top_level=True):
            parts = name.split(".")
            for i in range(1, len(parts) + 1):  # scrapnote.app.edit loads scrapnote and scrapnote.app first
                todo.append(".".join(parts[:i]))
    return seen


CORE = sorted(m for m in MODULES if m not in OUTPUT)
EXPORTERS = sorted(m for m in MODULES if m == "scrapnote.exporters" or m.startswith("scrapnote.exporters."))
BELOW_APP = sorted(m for m in CORE if not (m == "scrapnote.app" or m.startswith("scrapnote.app.")))


# -- the checker itself finds what it must find --------------------------------------------------
def test_the_import_reader_sees_every_form_of_import():
    src = ("import rich\nfrom rich.text import Text\nfrom scrapnote import store, render as r\n"
           "from . import index\nfrom ..app import new\n"
           "def f():\n    import jinja2\n"
           "if TYPE_CHECKING:\n    from rich.console import Console\n"
           "class C:\n    import yaml\n")
    every = imports(src, "scrapnote.exporters.base")
    assert {"rich", "rich.text", "scrapnote.store", "scrapnote.render", "scrapnote.exporters.index",
            "scrapnote.app.new", "jinja2", "rich.console", "yaml"} <= every
    top = imports(src, "scrapnote.exporters.base", top_level=True)
    assert "jinja2" not in top and "rich.console" not in top  # a function body, TYPE_CHECKING
    assert {"rich", "scrapnote.store", "yaml"} <= top
    assert set(_hits(every, UI_LIBRARIES)) == {"rich", "rich.text", "rich.text.Text", "rich.console",
                                               "rich.console.Console"}
    assert _hits({"richer", "scrapnote.rich"}, UI_LIBRARIES) == []  # a name, not a prefix of one


def test_every_room_is_seen():
    for room in ("scrapnote.cli", "scrapnote.render", "scrapnote.app.new", "scrapnote.app.export",
                 "scrapnote.exporters.tsv", "scrapnote.store", "scrapnote.search"):
        assert room in MODULES
    assert "scrapnote.render" not in CORE and "scrapnote.store" in CORE and "scrapnote.app.new" in CORE


# -- the arrows that must never exist ---------------------------------------------------------------
@pytest.mark.parametrize("module", CORE)
def test_core_never_imports_typer_or_rich_nor_the_output(module):
    names = imports_of(module)
    assert _hits(names, UI_LIBRARIES) == [], f"{module} imports a UI library: draw in render.py"
    assert _hits(names, OUTPUT) == [], f"{module} imports cli/render: core hands its results back instead"


@pytest.mark.parametrize("module", BELOW_APP)
def test_nothing_below_the_application_layer_imports_it(module):
    assert _hits(imports_of(module), ["scrapnote.app"]) == []


@pytest.mark.parametrize("module", EXPORTERS)
def test_exporters_are_pure_renderers(module):
    assert _hits(imports_of(module), NOT_FOR_EXPORTERS) == [], (
        f"{module}: exporters get the notes they render; choosing and writing is app/export.py's job")


def test_plaintable_belongs_to_render():
    users = sorted(m for m in MODULES if "scrapnote.plaintable" in imports_of(m))
    assert users == ["scrapnote.render"]


def test_loading_cli_loads_no_heavy_module():
    assert "scrapnote.exporters.base" in loaded_by("scrapnote.exporters")  # the reader follows the package's own imports
    loaded = loaded_by("scrapnote.cli")
    assert _hits(loaded, HEAVY) == [], "cli.py (or what it loads) imports a heavy module at module level"
    assert _hits(loaded, ["scrapnote.app", "scrapnote.render", "scrapnote.index", "scrapnote.store"]) == []


def test_loading_cli_really_loads_no_heavy_module():
    """The same, asked of Python itself (an import made some other way would show here)."""
    code = ("import sys, scrapnote.cli\n"
            "print('\\n'.join(sorted(m for m in sys.modules)))")
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                check=True).stdout.split())
    assert "scrapnote.cli" in loaded
    assert _hits(loaded, HEAVY) == []


def test_loading_the_entry_point_loads_only_the_standard_library():
    """launch.py answers --help and --version before Typer or any room is loaded."""
    loaded = loaded_by("scrapnote.launch")
    assert set(_hits(loaded, ["scrapnote"])) <= {"scrapnote", "scrapnote.launch"}
    assert _hits(loaded, HEAVY | UI_LIBRARIES) == []


# -- one home for every rule --------------------------------------------------------------------------
SECTION_KEYS = {"headline", "body", "insights", "research", "summary", "questions", "related"}
# Literals equal to a section key that are not one, each with the reason.
NOT_SECTION_KEYS = {
    ("scrapnote.extract.html", "body"),  # the HTML element <body>
    ("scrapnote.extract.html", "headline"),  # schema.org's NewsArticle property in a page's JSON-LD
    ("scrapnote.extract.frontmatter", "headline"),  # a title key of other tools' front matter
    ("scrapnote.template", "body"),  # a form's `store: body` (where a section is kept), not a key
    ("scrapnote.helptext", "questions"),  # the commands `scrapnote questions` and `scrapnote related`
    ("scrapnote.helptext", "related"),  # in the generated help table (their --help text by name)
}


def section_key_literals(source: str) -> set[str]:
    return {n.value for n in ast.walk(ast.parse(source))
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value in SECTION_KEYS}


def test_the_section_key_reader_sees_literals():
    assert section_key_literals('x = {"body": 1}\ny = d.get("related")\nz = "bodyguard"\n') == {"body", "related"}
    assert section_key_literals("\n".join(f'{k.upper()} = "{k}"' for k in SECTION_KEYS)) == SECTION_KEYS


def test_section_keys_are_spelled_in_fields_py_only():
    """Every module takes the form's section keys (and the JSON form's keys for them) from
    scrapnote/fields.py; the layouts ask the note's view (is_body, related), not the key."""
    found = {}
    for module, path in MODULES.items():
        for key in section_key_literals(path.read_text("utf-8")):
            if (module, key) not in NOT_SECTION_KEYS:
                found.setdefault(key, set()).add(module)
    assert found == {k: {"scrapnote.fields"} for k in SECTION_KEYS}
    import re

    tag = re.compile(r"\{[{%](.*?)[%}]\}", re.S)
    for layout in sorted((PKG / "templates").glob("*.j2")):
        for expr in tag.findall(layout.read_text("utf-8")):
            spelled = {k for k in SECTION_KEYS if re.search(rf"""["']{k}["']""", expr)}
            assert not spelled, f"{layout.name}: {expr.strip()} spells a section key"


def test_only_the_index_writes_sql():
    """`grep -rn "execute(" scrapnote/ | grep -v scrapnote/index/` finds nothing."""
    found = [f"{p.relative_to(PKG.parent)}:{i}" for p in sorted(PKG.rglob("*"))
             if p.is_file() and p.suffix in (".py", ".j2", ".yaml") and "index" not in p.relative_to(PKG).parts[:1]
             for i, line in enumerate(p.read_text("utf-8").splitlines(), 1) if "execute(" in line]
    assert found == []
    grep = subprocess.run(["grep", "-rn", "execute(", str(PKG)], capture_output=True, text=True)
    assert [ln for ln in grep.stdout.splitlines() if f"{PKG}/index/" not in ln and "__pycache__" not in ln] == []
    assert f"{PKG}/index/" in grep.stdout  # the index does write it


FLOOR = ("scrapnote.fields", "scrapnote.text", "scrapnote.models", "scrapnote.errors", "scrapnote.config")


def _in_floor(name: str) -> bool:
    return any(name == f or name.startswith(f + ".") for f in FLOOR)


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _in_floor(m)))
def test_the_floor_imports_nothing_above_it(module):
    """fields.py, text/, models, errors and config: the rules every room shares reach into no room."""
    ours = sorted(n for n in imports_of(module) if n == "scrapnote" or n.startswith("scrapnote."))
    assert [n for n in ours if not _in_floor(n)] == []
