"""The word lists of the extraction rules, kept as data in ``scrapnote/data/*.yaml``
(``furniture.yaml``: buttons, menu words, box headings…; ``bylines.yaml``: words that are not
names, surnames). Each file is read once, on first use, so importing a rule costs nothing.
"""
from __future__ import annotations

from functools import cache

from scrapnote.extract.strings import compact


@cache
def _file(name: str) -> dict:
    from importlib.resources import files

    import yaml

    text = (files("scrapnote") / "data" / f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


def value(name: str, key: str):
    """The value under ``key`` in ``data/<name>.yaml`` as written."""
    return _file(name)[key]


@cache
def words(name: str, *keys: str) -> frozenset[str]:
    """The words of the lists ``keys`` in ``data/<name>.yaml``, as written."""
    return frozenset(str(w) for k in keys for w in _file(name)[k])


@cache
def compacted(name: str, key: str) -> tuple[str, ...]:
    """The list ``key`` of ``data/<name>.yaml``, each word compacted (``strings.compact``), in order,
    each once — for comparing with a compacted line."""
    return tuple(dict.fromkeys(compact(str(w)) for w in _file(name)[key]))


@cache
def compacted_set(name: str, key: str) -> frozenset[str]:
    """``compacted`` as a set, for membership tests."""
    return frozenset(compacted(name, key))
