"""Query → ranked SearchHits: Korean-aware matching on top of the index.

A query is words, ``"quoted phrases"`` and ``-excluded`` words; every note must match every
word. Each word is looked up in the index's word list (see index/vocabulary.py), never by
scanning notes:

- exact: words of the collection that contain the query word (구글 → 구글, 구글은, 구글의,
  미국구글), case-insensitive; words that start with it rank above words that merely contain it.
- 초성: a query of consonants only (ㅅㅅㅈㅈ) against each word's 초성 form, word-start first.
- typo: the query word's 두벌식 keys against the keys of the same number of syllables at the start
  of every word (구굴 → 구글은, 반도채 → 반도체업계): one key wrong (two for long words).
  Only tried when the exact matches are few (``FEW``); a typo never outranks an exact match.
- keyboard: an ASCII word typed with the keyboard left in English mode (``rnrmf`` → 구글), tried
  when the query as typed finds too little.

A one-syllable word matches by substring only. FTS5 then says which notes hold the matched
words, field by field (title > headline > tags/companies/keywords > summary > body > the rest).
The word list holds the words of every field, so the short fields and the bodies are matched the
same way, word by word (a body is never fuzzy-scored whole); the field decides the rank. Phrases
and words that span punctuation (``S&P``) are checked against the text of each field of the note
file itself, and ranked by the field that holds them whole. The 연관기사 (``related``: other notes'
titles) is searched only when asked for with ``--field related``. A hit reports the field (the
column, not its group) of its best word's match.
"""
from __future__ import annotations

import json
import mmap
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from scrapnote import index
from scrapnote import fields as _fields
from scrapnote.text import hangul, nfc, one_line, particles, tokens
from scrapnote.errors import ScrapnoteError
from scrapnote.index import ROW_TEXT_COLUMNS, FieldTexts, Level, NoteIndex
from scrapnote.models import SearchHit

# Field groups in rank order: (name, FTS columns, weight); what a search without --field looks in.
GROUPS = _fields.GROUPS
_WEIGHT = {name: w for name, _cols, w in GROUPS}
DEFAULT_FIELDS = _fields.DEFAULT_SEARCH
TIER = {"exact": 4, "stem": 3, "keyboard": 2, "chosung": 2, "typo": 1}
_MAX_WEIGHT = GROUPS[0][2]
FEW = 5  # a word with fewer exact matches than this (or than the page) gets the guessing lanes
# A two-syllable word of the collection gets the typo lane only when its one-key neighbours are in
# this many times as many notes (a misspelling that made it into a note or two, 구굴 beside 구글):
# 대출 and 매출, 인하 and 인사 are both real words, each in a handful of notes.
RARER = 10
# Names a reader uses for the same company where neither holds the other (삼성 and 삼성전자, SK and
# SK하이닉스 need none: a word matches inside longer words). A query word that is one of a group
# (or one with a particle: MS가) also finds the others, ranked with the stems.
ALIASES: tuple[tuple[str, ...], ...] = (
    ("마이크로소프트", "ms"), ("현대자동차", "현대차"), ("삼성전자", "삼전"), ("엘지", "lg"),
    ("케이티", "kt"), ("엔비디아", "nvidia"), ("구글", "google"), ("애플", "apple"), ("아마존", "amazon"),
    ("테슬라", "tesla"), ("메타", "meta"), ("오픈ai", "openai"),
)
# The word list as the search scans it: UTF-8 bytes, or the index's file of them mapped.
Blob = bytes | mmap.mmap
# A Hangul syllable (U+AC00–U+D7A3) in UTF-8.
_SYLLABLE = rb"(?:\xea[\xb0-\xbf][\x80-\xbf]|[\xeb\xec][\x80-\xbf][\x80-\xbf]|\xed[\x80-\x9d][\x80-\xbf]|\xed\x9e[\x80-\xa3])"
_ALIAS = {name: tuple(n for n in group if n != name) for group in ALIASES for name in group}
_QUERY_RE = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Word:
    text: str  # NFC, as typed
    phrase: bool = False  # from "quoted phrase": exact only, checked against the file

    @property
    def folded(self) -> str:
        return one_line(self.text.lower())

    @property
    def parts(self) -> list[str]:
        return tokens(self.text)


@dataclass
class Query:
    words: list[Word] = field(default_factory=list)
    exclude: list[Word] = field(default_factory=list)


def parse_query(text: str) -> Query:
    """``구글 "금리 인하" -삼성`` → words [구글, "금리 인하"], exclude [삼성]. NFC, never NFKC."""
    text = nfc(text)
    q = Query()
    for m in _QUERY_RE.finditer(text):
        neg, quoted, bare = m.group(1), m.group(2), m.group(3)
        if quoted is not None:
            if quoted.strip():
                (q.exclude if neg else q.words).append(Word(one_line(quoted), phrase=True))
        elif bare.startswith("-") and len(bare) > 1:
            q.exclude.append(Word(bare[1:]))
        elif bare != "-":
            q.words.append(Word(bare))
    return q


@dataclass
class Results:
    hits: list[SearchHit]
    # note id → {"title": [(start, end), …], "snippet": […]}: the matched text to highlight
    spans: dict[int, dict[str, list[tuple[int, int]]]]
    broken: int = 0  # note files the index could not read (``search`` counts them; the CLI warns)
    shared: list[tuple[int, list[str]]] = field(default_factory=list)  # ids more than one file has (as ``list``)
    # the same spans by the hit's path: a study group's hits share ids (민수:3, 지수:3)
    by_path: dict[str, dict[str, list[tuple[int, int]]]] = field(default_factory=dict)


# -- per-word matching ---------------------------------------------------------------------------
@dataclass
class _Match:
    """How one query word matches: its levels — (lane, quality, [(group, index.Level)]) in the
    order the lanes added them — and from them, asked for, doc → (tier, score, lane, group);
    strings to highlight; whether a note must be checked against its file.

    A note's value is its best (tier, score) over every level it is in, the first level on a tie:
    ``docs`` gathers every note of every level (a query of several words intersects them), the
    single-word search walks the levels best first instead (``_Ranked``)."""

    ix: NoteIndex | None = field(default=None, repr=False)
    entries: list[tuple[str, float, list[tuple[str, Level]]]] = field(default_factory=list)
    marks: list[str] = field(default_factory=list)  # text to highlight
    cho: list[str] = field(default_factory=list)  # 초성 sequences to highlight
    verify: str | None = None  # folded text the note file must contain
    stem: str | None = None  # the query word without its particle, when that is a word here
    _docs: dict[int, tuple[int, float, str, str]] | None = field(default=None, repr=False)
    _count: tuple[int, int] = (0, 0)  # (asked up to, counted)

    def add(self, levels: dict[str, Level], lane: str, quality: float) -> None:
        groups = [(name, levels[name]) for name, _cols, _w in GROUPS if name in levels and not levels[name].empty]
        if groups:
            self.entries.append((lane, quality, groups))
            self._docs = None
            self._count = (0, 0)

    def extend(self, other: _Match) -> None:
        """``other``'s levels after this one's (a guessing lane's: it never beats a tie)."""
        self.entries.extend(other.entries)
        self._docs = None
        self._count = (0, 0)
        self.marks.extend(other.marks)
        self.cho.extend(other.cho)

    @property
    def lane(self) -> str | None:
        return self.entries[0][0] if self.entries else None

    def levels(self) -> list[Level]:
        return [lv for _lane, _q, groups in self.entries for _n, lv in groups]

    @property
    def docs(self) -> dict[int, tuple[int, float, str, str]]:
        if self._docs is None:
            mine: dict[int, tuple[int, float, str, str]] = {}
            for lane, quality, groups in self.entries:
                tier = TIER[lane]
                seen: set[int] = set()
                for name, level in groups:  # weights fall: a note's first group is its best here
                    assert self.ix is not None
                    got = self.ix.level_docs(level)
                    if not got:
                        continue
                    got = got - seen
                    seen |= got
                    s = _WEIGHT[name] * quality
                    v = (tier, s, lane, name)
                    both = got & mine.keys()
                    mine.update(dict.fromkeys(got - both if both else got, v))
                    for d in both:
                        if (tier, s) > mine[d][:2]:
                            mine[d] = v
            self._docs = mine
        return self._docs

    def count(self, at_least: int) -> int:
        """``len(docs)``, counted only up to ``at_least`` (without gathering every note)."""
        if self._docs is not None:
            return min(len(self._docs), at_least)
        asked, got = self._count
        if got < asked or asked >= at_least:
            return min(got, at_least)
        # the levels of one word list in several field groups asked as one (their union)
        merged: dict[tuple, set[str]] = {}
        many = []
        for lv in self.levels():
            if len(lv.parts) == 1:
                merged.setdefault((lv.parts, lv.within), set()).update(lv.columns)
            else:
                many.append(lv)
        levels = [Level(tuple(sorted(cols)), parts, within) for (parts, within), cols in merged.items()] + many
        got = self.ix.count_docs(levels, at_least) if levels and self.ix else 0
        self._count = (at_least, got)
        return got

    def bands(self) -> list[list[tuple[int, float, str, str, Level]]]:
        """The levels best first, those of one (tier, score) together (their notes tie, newest
        first): each (tier, score, lane, group, level), a band's in the order they were added."""
        flat = [(TIER[lane], _WEIGHT[name] * q, lane, name, lv)
                for lane, q, groups in self.entries for name, lv in groups]
        flat.sort(key=lambda x: (x[0], x[1]), reverse=True)  # stable: the first added first in a band
        out: list[list[tuple[int, float, str, str, Level]]] = []
        for x in flat:
            if out and out[-1][0][:2] == x[:2]:
                out[-1].append(x)
            else:
                out.append([x])
        return out


class _Searcher:
    def __init__(self, ix: NoteIndex, fields: tuple[str, ...] | None):
        self.ix = ix
        fields = fields or DEFAULT_FIELDS
        self.fields = fields
        groups = [(n, tuple(c for c in cols if c in fields), w) for n, cols, w in GROUPS]
        self.groups = [g for g in groups if g[1]]
        self._terms: Blob | None = None
        self._cho: Blob | None = None
        # A condition every note found must also match (see _answer): a rarer word of the
        # query, so the common words' postings are cut to its notes inside SQLite.
        self.within: str | None = None
        self.rare_count = 0  # the rarest word's notes (_narrow), as FTS5 counts them
        self._found: dict[tuple[str, int, int], list[tuple[str, int]]] = {}

    # The word list: b"\nword\nword…\n" in UTF-8, memory-mapped from the index's file of it (no
    # copy, no decoding per search); searched by bytes.find (C speed). UTF-8 finds a word only
    # at a character's start, so a byte match is a character match.
    def terms(self) -> Blob:
        if self._terms is None:
            self._terms = self.ix.word_list()
        return self._terms

    def words_with(self, needle: str, blob: Blob | None = None, lookup: Blob | None = None) -> list[tuple[str, int]]:
        """Every word whose line in ``blob`` (default: the word list) contains ``needle``, as
        (word from ``lookup`` at the same offsets, where the needle starts in it: 0 at the
        word's start, else its byte offset). Kept for the search (``_narrow`` and the lanes ask
        for the same words)."""
        blob = blob if blob is not None else self.terms()
        lookup = lookup if lookup is not None else blob
        key = (needle, id(blob), id(lookup))
        got = self._found.get(key)
        if got is None:
            got = self._found[key] = self._words_with(needle, blob, lookup)
        return list(got)

    @staticmethod
    def _words_with(needle: str, blob: Blob, lookup: Blob) -> list[tuple[str, int]]:
        out = []
        find, rfind = blob.find, blob.rfind
        pin = needle.encode()
        skip = 1 if needle.startswith("\n") else 0  # a needle anchored at the start of a line
        i = find(pin)
        while i >= 0:
            i += skip
            a = rfind(b"\n", 0, i) + 1
            b = find(b"\n", i)
            if b < 0:
                break
            if a <= i < b:
                out.append((lookup[a:b].decode(), i - a))
            i = find(pin, b)
        return out

    def levels(self, terms: list[str], *more: list[str]) -> dict[str, Level]:
        """The notes holding any of ``terms`` (and any of each of ``more``: a phrase's parts, all
        in one field group), per field group, as levels the index answers when asked."""
        parts = (tuple(terms), *(tuple(m) for m in more))
        if any(not p for p in parts):
            return {}
        return {name: Level(cols, parts, self.within) for name, cols, _w in self.groups}

    def match(self) -> _Match:
        return _Match(ix=self.ix)

    def stem(self, word: str) -> str | None:
        """The word without its particle or ending (text/particles.py), longest ending first,
        when that is a word of the collection: on its own or with a particle or ending of its
        own (반도체를 → 반도체, found as 반도체 or 반도체가; 여우고가 is no 여우고 beside 여우고개)."""
        blob = self.terms()
        for st in particles.stems(word):
            if blob.find(("\n" + st).encode()) < 0:
                continue
            n = len(st)
            if any(len(t) == n or particles.is_suffix(t[n:]) for t, _ in self.words_with("\n" + st)):
                return st
        return None

    def lookup(self, part: str) -> list[str]:
        """The words of the collection an exact query word finds: those holding it, and those
        holding its stem."""
        terms = [t for t, _ in self.words_with(part)]
        st = self.stem(part)
        if st:
            terms = list(dict.fromkeys([*terms, *(t for t, _ in self.words_with(st))]))
        for o in (o for key in (part, st) if key for o in _ALIAS.get(key, ())):
            terms = list(dict.fromkeys([*terms, *(t for t, _ in self.words_with(o))]))
        return terms

    # exact: the word inside words of the collection; its stem just below
    def exact(self, word: Word, lane: str = "exact", text: str | None = None, stems: bool = True) -> _Match:
        m = self.match()
        folded = text.lower() if text is not None else word.folded
        pieces = folded.split(" ") if word.phrase else [folded]
        cuts = [parts for parts in (tokens(p) for p in pieces) if parts]
        if not cuts:
            return m
        if len(cuts) == 1 and len(cuts[0]) == 1:  # one word: word starts rank above insides
            found = self.words_with(cuts[0][0])
            m.add(self.levels([t for t, at in found if at > 0]), lane, 0.85)
            m.add(self.levels([t for t, at in found if at == 0]), lane, 1.0)
            st = self.stem(cuts[0][0]) if stems and lane == "exact" else None
            if st:  # 구글은 → 구글, 구글의, 미국구글: below every note with 구글은 itself
                known = {t for t, _ in found}
                more = [(t, at) for t, at in self.words_with(st) if t not in known]
                m.add(self.levels([t for t, at in more if at > 0]), "stem", 0.85)
                m.add(self.levels([t for t, at in more if at == 0]), "stem", 1.0)
                m.stem = st
                m.marks.append(st)
            if stems and lane == "exact":  # MS → 마이크로소프트, 마이크로소프트의 → MS
                w0 = cuts[0][0]
                others = [o for key in (w0, st) if key for o in _ALIAS.get(key, ())]
                if others:
                    known = {t for t, _ in found}
                    more = [(t, at) for o in others for t, at in self.words_with(o) if t not in known]
                    m.add(self.levels([t for t, at in more if at > 0]), "stem", 0.85)
                    m.add(self.levels([t for t, at in more if at == 0]), "stem", 1.0)
                    m.stem = m.stem or w0
                    m.marks.extend(others)
        else:
            # A phrase, or a word across punctuation (S&P, 3.5%, K-배터리): a field can hold it
            # only when it holds every part, so the notes are those fields' (an upper bound for
            # the rank); the note's own text then says where it really is (see _collect).
            lists: list[list[str]] = []
            for parts in cuts:
                if len(parts) == 1:
                    lists.append([t for t, _ in self.words_with(parts[0])])
                else:
                    first, *middle, last = parts
                    lists.append([t for t, _ in self.words_with(first + "\n")])
                    lists.extend([p] for p in middle)
                    lists.append([t for t, _ in self.words_with("\n" + last)])
            m.add(self.levels(*lists), lane, 1.0)
            m.verify = folded
        m.marks.append(folded if word.phrase else (text or word.text))
        return m

    # 초성: ㅅㅅㅈㅈ → 삼성전자
    def chosung(self, word: Word) -> _Match:
        m = self.match()
        q = word.text
        if self._cho is None:
            self._cho = self.ix.word_list(cho=True)
        whole, start, inside = [], [], []
        n = len(q)
        for t, at in self.words_with(q, self._cho, self.terms()):
            if at > 0:
                inside.append(t)
            elif len(t) == n:
                whole.append(t)
            else:
                start.append(t)
        m.add(self.levels(inside), "chosung", 0.8)
        m.add(self.levels(start), "chosung", 0.95)
        m.add(self.levels(whole), "chosung", 1.0)
        m.cho.append(q)
        return m

    # typo: one key off at the start of a word
    def typo(self, word: Word) -> _Match:
        m = self.match()
        w = word.text.lower()
        k = len(w)
        if k < 2 or not all(hangul.is_syllable(c) for c in w):
            return m
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        blob = self.terms()
        # the first k syllables of every word that has them (C-level passes: regex, dict, translate)
        heads = list(dict.fromkeys(h.decode() for h in re.findall(b"(?m)^(?:%s){%d}" % (_SYLLABLE, k), blob)))
        if not heads:
            return m
        keys = hangul.keys("\n".join(heads)).split("\n")
        want = hangul.keys(w)
        most = 1 if len(want) < 8 else 2
        close = {}
        for _s, dist, i in process.extract(want, keys, scorer=Levenshtein.distance, score_cutoff=most,
                                           limit=None):
            if dist > 0:
                close[heads[i]] = dist
        if not close:
            return m
        by_dist: dict[int, list[str]] = {}
        for head, d in close.items():
            # a two-syllable word's typo is a word of its own length, or one with a particle or
            # ending (구굴 → 구글, 구글은), never a longer word it merely starts (인하 → 인사말)
            by_dist.setdefault(d, []).extend(
                t for t, _ in self.words_with("\n" + head)
                if k > 2 or len(t) == k or particles.is_suffix(t[k:]))
        for d in sorted(by_dist, reverse=True):
            m.add(self.levels(by_dist[d]), "typo", 1.0 - d / (len(want) + 1))
        m.marks = sorted(close, key=lambda h: (close[h], h))
        return m


def _narrow(s: _Searcher, words: list[Word]) -> int | None:
    """For a query of several words: the one single word whose words of the collection are in
    the fewest notes (by FTS5's own counts), when it is much rarer than the most common word.
    Its notes bound the answer, so the other words need only be looked up among them."""
    if len(words) < 2:
        return None
    counts: list[tuple[int, int, list[str]]] = []
    for i, w in enumerate(words):
        parts = w.parts
        if w.phrase or len(parts) != 1:
            continue
        terms = s.lookup(parts[0])
        if len(terms) > index.MATCH_CHUNK:
            continue
        counts.append((sum(s.ix.note_count(t) for t in terms), i, terms))
    if not counts:
        return None
    n, i, terms = min(counts)
    s.rare_count = n
    if not terms:
        return None
    s.within = NoteIndex.any_of([c for _n, cs, _w in s.groups for c in cs], terms)
    return i


# -- the search ----------------------------------------------------------------------------------
def search(text: str, *, limit: int = 20, fields: tuple[str, ...] | None = None, filters=None,
           progress=None, meanwhile=None) -> Results:
    """The notes matching ``text``, best first, at most ``limit``.

    ``meanwhile()`` is called while a child process checks the note files for changes (the CLI
    loads its output code there, in time that would otherwise be spent waiting)."""
    q = _checked(text, limit, fields)
    fields = tuple(fields or ())
    # Answered from the index as it is while the note files are checked for changes; asked again
    # when they changed in a way that could change the answer (see _still_holds).
    trace = _Trace()
    first: dict = {}

    def counted(ix: NoteIndex, r: Results) -> Results:
        r.broken = len(ix.broken())
        r.shared = ix.shared_ids()
        return r

    def early(ix: NoteIndex) -> Results:
        first["ix"] = ix
        return counted(ix, _answer(ix, q, limit, fields, filters, trace))

    def holds(changed: index.Changes) -> bool:
        if not _still_holds(q, fields, trace, changed):
            return False
        first["broken"] = len(first["ix"].broken())  # the files as they are now (the index is up to date)
        first["shared"] = first["ix"].shared_ids()
        return True

    r = NoteIndex.answer_fresh(early, again=lambda ix: counted(ix, _answer(ix, q, limit, fields, filters)),
                               holds=holds, progress=progress, meanwhile=meanwhile)
    if "broken" in first:
        r.broken, r.shared = first["broken"], first["shared"]
    return r


def _checked(text: str, limit: int, fields: tuple[str, ...] | None) -> Query:
    """The query, after the checks every search makes of its arguments (one line each)."""
    if limit < 1:
        raise ScrapnoteError("--limit must be at least 1")
    if fields:
        bad = [f for f in fields if f not in index.FIELDS]
        if bad:
            raise ScrapnoteError(f"unknown field '{bad[0]}' (choose from {', '.join(index.FIELDS)})")
    q = parse_query(text)
    if not q.words:
        raise ScrapnoteError("nothing to search for: give a word" + (" besides the excluded ones" if q.exclude else ""))
    return q


def search_index(ix: NoteIndex, text: str, *, limit: int = 20, fields: tuple[str, ...] | None = None,
                 filters=None) -> Results:
    """``search`` on an index the caller opened and vouches for (a study group's, brought up to
    date by its git history: no file check here); the same checks, lanes and ranking."""
    q = _checked(text, limit, fields)
    return _answer(ix, q, limit, tuple(fields or ()), filters)


def search_open(ix: NoteIndex, text: str, *, limit: int = 20, fields: tuple[str, ...] = (),
                filters=None) -> Results:
    """The same search on an index the caller holds open and keeps fresh (``browse`` runs one per
    keystroke: no process, no file check). An empty query (or only excluded words) is no search:
    no hits."""
    q = parse_query(text)
    if not q.words:
        return Results([], {})
    return _answer(ix, q, limit, tuple(fields or ()), filters)


@dataclass
class _Trace:
    """What an answer looked at: every note (FTS doc) any lane found for any word, excluded
    ones included, and the words the guessing lanes were tried for; ``walked`` when a lane's
    notes were not all gathered (the single-word walk): then any changed note counts."""

    docs: set[int] = field(default_factory=set)
    guessed: list[int] = field(default_factory=list)
    walked: bool = False


class _Probe(_Searcher):
    """The lanes run over the words of a few notes instead of the index's word list: ``found``
    is set when any lane finds any of them."""

    def __init__(self, texts: list[str]):
        super().__init__(None, None)  # type: ignore[arg-type]  # a probe never asks an index: see levels()
        words = sorted(set(tokens("\n".join(texts))))
        text = "\n" + "\n".join(words) + "\n" if words else "\n"
        self._terms = text.encode()
        self._cho = hangul.chosung(text).encode()
        self.found = False

    def levels(self, terms: list[str], *more: list[str]) -> dict[str, Level]:
        if terms and all(more):
            self.found = True
        return {}


def _still_holds(q: Query, fields: tuple[str, ...], trace: _Trace, changed: index.Changes) -> bool:
    """Whether an answer given before ``changed`` is still the answer after it: when no lane
    that ran found a changed note (in its version before) and no lane that ran would find a word
    of a changed note (in its version now), every lane finds the same words and the same notes,
    so the ranking, the guessing lanes tried and the hits are the same. The word list only grows
    between full rebuilds (``everything``), which are always answered again. A walked answer
    (one word: its lanes' notes were never all gathered) cannot say which notes it passed over,
    so any note changed or gone before it is answered again (cheaply: it is a walk)."""
    if changed.everything or changed.before & trace.docs or (changed.before and trace.walked):
        return False
    if not changed.texts:
        return True
    probe = _Probe(changed.texts)
    for w in (*q.words, *q.exclude):
        probe.exact(w)
        if probe.found:
            return False
    for i in trace.guessed:
        _guesses(probe, q.words[i])
        if probe.found:
            return False
    return True


def _answer(ix: NoteIndex, q: Query, limit: int, fields: tuple[str, ...], filters,
            trace: _Trace | None = None) -> Results:
    s = _Searcher(ix, fields or None)
    if len(q.words) == 1:
        return _answer_one(s, q, limit, filters, trace)
    rare = _narrow(s, q.words)
    if rare is None or s.rare_count >= MANY:
        s.within = None
        got = _answer_walked(s, q, limit, filters, trace)
        if got is not None:
            return got
    if rare is None:
        matches = [s.exact(w) for w in q.words]
    else:
        within, s.within = s.within, None
        first = s.exact(q.words[rare])
        s.within = within
        matches = [first if i == rare else s.exact(w) for i, w in enumerate(q.words)]
        s.within = None
    excluded, exclude_verify = _excluded(s, q, trace)
    ranked = _rank(ix, matches, excluded, filters)
    few = min(FEW, limit)
    if rare is not None and len(ranked) < few:
        # the guessing lanes go by how many notes each word finds on its own: look again, whole
        matches = [s.exact(w) for w in q.words]
        ranked = _rank(ix, matches, excluded, filters)
    # too little: try the lanes that guess, for the words that found little
    if len(ranked) < few and _widen(s, q, matches, lambda m: len(m.docs) >= few, trace):
        ranked = _rank(ix, matches, excluded, filters)
    if trace is not None:
        for m in matches:
            trace.docs |= m.docs.keys()
    return _collect(ix, s.groups, matches, exclude_verify, ranked, limit)


def _widen(s: _Searcher, q: Query, matches: list[_Match], enough: Callable[[_Match], bool],
           trace: _Trace | None) -> bool:
    """The lanes that guess (stem, 초성, typo), added to the words whose match is not ``enough``;
    whether any lane opened (the ranking must then be made again)."""
    more = False
    for i, w in enumerate(q.words):
        if enough(matches[i]):
            continue
        if trace is not None:
            trace.guessed.append(i)
        for e in _guesses(s, w):
            if _typo_opens(w, matches[i], e):
                more = True
                matches[i].extend(e)
    return more


def _answer_walked(s: _Searcher, q: Query, limit: int, filters, trace: _Trace | None) -> Results | None:
    """Several common words: ``_answer``'s ranking walked best first (``_RankedMany``), the counts
    the guessing lanes go by counted only as far as they decide; None when the words' bands make
    too many combinations to order (then gathered whole)."""
    matches = [s.exact(w) for w in q.words]
    if _RankedMany.combos([m.bands() for m in matches]) is None:
        return None
    excluded, exclude_verify = _excluded(s, q, trace)
    few = min(FEW, limit)

    def ranked_now():
        if any(not m.count(1) for m in matches):
            return []
        if trace is not None:
            trace.walked = True
        return _RankedMany(s.ix, matches, excluded, filters)

    ranked = ranked_now()
    # too little: the lanes that guess, for the words that found little
    if len(_first(ranked, few)) < few and _widen(s, q, matches, lambda m: m.count(few) >= few, trace):
        if _RankedMany.combos([m.bands() for m in matches]) is None:
            return None
        ranked = ranked_now()
    return _collect(s.ix, s.groups, matches, exclude_verify, ranked, limit)


def _excluded(s: _Searcher, q: Query, trace: _Trace | None) -> tuple[set[int], list[str]]:
    """The notes the excluded words leave out (FTS docs), and the excluded phrases (and words
    across punctuation) each note's own text is checked for."""
    excluded: set[int] = set()
    exclude_verify: list[str] = []
    for w in q.exclude:
        em = s.exact(w, stems=False)
        if trace is not None:
            trace.docs |= em.docs.keys()
        if em.verify:
            exclude_verify.append(em.verify)
        else:
            excluded |= em.docs.keys()
    return excluded, exclude_verify


def _answer_one(s: _Searcher, q: Query, limit: int, filters, trace: _Trace | None) -> Results:
    """One word (a phrase is one): the same ranking as ``_rank``'s, walked best first
    (``_Ranked``) so that only the notes shown and a few more are looked at; the counts the
    guessing lanes go by are counted only as far as they decide."""
    w = q.words[0]
    m = s.exact(w)
    excluded, exclude_verify = _excluded(s, q, trace)
    few = min(FEW, limit)
    ranked = _ranked(s.ix, m, excluded, filters, trace)
    if len(_first(ranked, few)) < few and m.count(few) < few:  # too little: the lanes that guess
        if trace is not None:
            trace.guessed.append(0)
        more = False
        for e in _guesses(s, w):
            if not _typo_opens(w, m, e):
                continue
            more = True
            m.extend(e)
        if more:
            ranked = _ranked(s.ix, m, excluded, filters, trace)
    return _collect(s.ix, s.groups, [m], exclude_verify, ranked, limit)


SMALL = 2000  # a word whose lanes find fewer notes than this has them all gathered and sorted


def _ranked(ix: NoteIndex, m: _Match, excluded: set[int], filters, trace: _Trace | None):
    """One word's candidates, best first: all of them sorted (``_rank``) when its lanes find
    fewer than SMALL notes, else walked (``_Ranked``) — the same order either way."""
    if m.count(SMALL) < SMALL:
        if trace is not None:
            trace.docs |= m.docs.keys()
        return _rank(ix, [m], excluded, filters)
    if trace is not None:
        trace.walked = True
    return _Ranked(ix, m, excluded, filters)


def _first(ranked, n: int) -> list:
    return ranked.take(n) if isinstance(ranked, _Taken) else ranked[:n]


def _typo_opens(w: Word, exact: _Match, guess: _Match) -> bool:
    """Whether a guessing lane's hits count for a word that found ``exact`` by itself. Only the
    typo lane is held back: never when the word's stem is a word of the collection (관세가 →
    관세: the reader typed a real word with a particle); for a two-syllable word the collection
    has, only when the typo's notes outnumber the word's RARER times (구굴 in one note beside 구글
    in many; not 대출 beside 매출)."""
    if guess.lane != "typo":
        return True
    n = exact.count(FEW)  # the guessing lanes are tried only for a word with fewer
    if not n:
        return True
    if exact.stem:
        return False
    if len(w.text) <= 2:
        want = RARER * n
        return guess.count(want) >= want
    return True


def _guesses(s: _Searcher, w: Word) -> list[_Match]:
    if w.phrase:
        return []
    text = w.text
    out = []
    if hangul.is_chosung(text) and len(text) >= 2:
        out.append(s.chosung(w))
    elif len(text) >= 2 and all(hangul.is_syllable(c) for c in text):
        out.append(s.typo(w))
    elif text.isascii() and text.isalpha() and len(text) >= 2:
        typed = hangul.from_qwerty(text)
        if typed and hangul.is_complete(typed) and len(typed) >= 2:
            out.append(s.exact(w, lane="keyboard", text=typed))
    if isinstance(s, _Probe):
        return out
    return [m for m in out if m.count(1)]


# The candidate rows: what _collect reads of a note's row.
_CAND_COLS = ("id", "date", "title", "source", "path", "published")


def _rank(ix: NoteIndex, matches: list[_Match], excluded: set[int], filters) -> list[tuple]:
    """Candidates that match every word and pass the filters, best first:
    (doc, tier, score, lane, row, each word's (tier, score, lane, group))."""
    if any(not m.docs for m in matches):
        return []
    matches_by_size = sorted(matches, key=lambda m: len(m.docs))
    docs = set(matches_by_size[0].docs)
    for m in matches_by_size[1:]:
        docs &= m.docs.keys()
    docs -= excluded
    if not docs:
        return []
    # Only short columns: a row's overflow pages stay unread.
    rows = ix.rows_of_docs(docs, filters, _CAND_COLS)
    out = []
    if len(matches) == 1:
        got = matches[0].docs
        for d, row in rows.items():
            v = got[d]
            out.append((d, v[0], v[1], v[2], row, [v]))
    else:
        for d, row in rows.items():
            vs = [m.docs[d] for m in matches]
            worst = min(vs, key=lambda v: v[0])
            out.append((d, worst[0], sum(v[1] for v in vs), worst[2], row, vs))
    out.sort(key=lambda x: (x[4]["date"] or "", x[4]["id"]), reverse=True)  # newest first on ties
    out.sort(key=lambda x: (x[1], x[2]), reverse=True)
    return out


# The walk: a band of levels whose columns are the row's own (the title, the lists) is first
# tested on the newest notes' rows; when that many rows gave too few of the notes wanted, so
# that the band is sparse, SQLite gathers the band's notes (FTS5) and walks its index in C.
WALK_FIRST = 256  # rows tested before the walk judges the band's density
WALK_MOST = 16384  # rows a band's walk may test when its density says the notes wanted are there


class _Taken:
    """Candidates taken from a walk (``_it``) as they are asked for (``take``, or iterating), and
    kept; ``want`` is the most asked for at once (the walks judge a band's density by it)."""

    got: list[tuple]
    want: int
    _it: Iterator[tuple]
    _total: int | None = None

    def _sparse(self, ix: NoteIndex, walked: int, hits: int) -> bool:
        """Whether a band whose walk tested ``walked`` rows and found ``hits`` of its notes is
        sparse, so that its notes are better gathered: at the density seen so far, the notes
        still wanted need more than WALK_MOST rows, or more rows than the collection has (the
        walk would test every note left and still end short: at 10,000 notes a 초성 query of a
        few hundred notes tested nearly all of them, ~130 ms, where gathering takes ~10)."""
        left = self.want - len(self.got)
        if left <= 0:
            return False
        if not hits:
            return True
        need = walked * (hits + left) / hits
        if need > WALK_MOST:
            return True
        if self._total is None:
            self._total = ix.size()
        return need > self._total

    def take(self, n: int) -> list[tuple]:
        self.want = max(self.want, n)
        while len(self.got) < n:
            x = next(self._it, None)
            if x is None:
                break
            self.got.append(x)
        return self.got[:n]

    def __iter__(self):
        i = 0
        while True:
            if i >= len(self.got) and len(self.take(max(2 * self.want, i + 1))) <= i:
                return
            yield self.got[i]
            i += 1


class _Ranked(_Taken):
    """One word's candidates in ``_rank``'s order — best (tier, score) first, then the newest (the
    date shown, the id, the doc) — found band by band (``_Match.bands``): a band's notes are the
    newest of its levels' not already given (every note of a better band that passes the filters
    was given before the band is begun), so a query that matches every note (ㄱㄱ, 이) looks at
    about as many notes as it shows, never at every match. Candidates are taken as they are
    asked for (``take``, or iterating) and kept."""

    def __init__(self, ix: NoteIndex | None, m: _Match, excluded: set[int], filters):
        self.got: list[tuple] = []
        self.want = 0
        self._excluded = excluded
        self._seen: dict[Level, set[int]] = {}
        self._it = self._walk(ix, m, filters) if ix is not None else iter(())

    def _walk(self, ix: NoteIndex, m: _Match, filters):
        given: set[int] = set(self._excluded)  # never given: the excluded notes and those given
        for band in m.bands():
            short = all(set(lv.columns) <= _ROW_TEXT and lv.within is None for *_v, lv in band)
            cols = (*_CAND_COLS, *sorted({c for *_v, lv in band for c in lv.columns} & _LISTS))
            if short:
                hits = 0
                complete = True
                for walked, row in enumerate(ix.walk_newest(filters, cols), 1):
                    d = row["doc"]
                    if d not in given:
                        v = _first_level(band, row)
                        if v is not None:
                            given.add(d)
                            hits += 1
                            yield (d, v[0], v[1], v[2], row, [v[:4]])
                    if walked >= WALK_FIRST and walked % 64 == 0 and self._sparse(ix, walked, hits):
                        complete = False  # sparse here: the rest of the band from SQLite
                        break
                if complete:
                    continue
            # The band's notes gathered (FTS5, each level once per search): few are sorted, many
            # are met on a walk of the newest notes, each tested against them.
            docs = set().union(*(self._docs(ix, lv) for *_v, lv in band)) - given
            rows: Iterable[dict]
            if len(docs) <= SPARSE:
                listed = list(ix.rows_of_docs(docs, filters, (*cols, "doc")).values())
                listed.sort(key=lambda r: r["doc"])
                listed.sort(key=lambda r: (r["date"] or "", r["id"]), reverse=True)
                rows = listed
            else:
                rows = (r for r in ix.walk_newest(filters, cols) if r["doc"] in docs)
            for row in rows:
                d = row["doc"]
                v = band[0] if len(band) == 1 else self._level_of(ix, band, row)
                given.add(d)
                yield (d, v[0], v[1], v[2], row, [v[:4]])

    def _docs(self, ix: NoteIndex, level: Level) -> set[int]:
        got = self._seen.get(level)
        if got is None:
            got = self._seen[level] = ix.level_docs(level)
        return got

    def _level_of(self, ix: NoteIndex, band, row: dict):
        """The first level of ``band`` holding the note of ``row`` (one of them does)."""
        d = row["doc"]
        for v in band[:-1]:
            lv = v[4]
            if set(lv.columns) <= _ROW_TEXT and lv.within is None:
                if _first_level([v], row) is not None:
                    return v
            elif d in self._docs(ix, lv):
                return v
        return band[-1]


# A query of several words walks its candidates too (``_RankedMany``) when every word is common:
# when the rarest word's notes (by FTS5's counts) are at least this many, else they are gathered.
MANY = 2000
MOST_COMBOS = 20000  # combinations of the words' bands a walk may order; more: gathered whole


def _tree(combos: list[tuple[int, ...]]) -> list:
    """The combinations as a tree of bands: [(band, subtree), …] best band first, one level a
    word (a leaf's subtree is empty)."""
    root: dict = {}
    for c in combos:
        node = root
        for j in c:
            node = node.setdefault(j, {})

    def freeze(node: dict) -> list:
        return [(j, freeze(node[j])) for j in sorted(node)]
    return freeze(root)


class _RankedMany(_Taken):
    """Several words' candidates in ``_rank``'s order, without gathering every match: a note is
    worth each word's best band (``_Match.bands``) combined as ``_rank`` combines them — the
    lowest tier, the sum of the scores in the words' order — so the combinations of one band per
    word are ordered by that worth, those of equal worth together (a *super-band*: their notes
    tie, newest first). A note is in exactly one combination (each word's first band holding
    it), told from the row's own words for the title and the lists and from the FTS5 levels
    (gathered when first asked, once) for the sections. A super-band is tested on the newest
    notes' rows (kept as walked, shared by every super-band); when that many rows gave too few
    of the notes wanted, its notes are gathered from the levels and sorted (few) or met on the
    walk (many), as ``_Ranked`` does for one word."""

    def __init__(self, ix: NoteIndex, matches: list[_Match], excluded: set[int], filters):
        self.got: list[tuple] = []
        self.want = 0
        self._ix = ix
        self._excluded = excluded
        self._filters = filters
        self._bands = [m.bands() for m in matches]
        self._seen: dict[Level, set[int]] = {}
        self._holds: dict[tuple[int, int, int], tuple | None] = {}
        self._parts: dict[int, tuple[Level, list[frozenset[str]]]] = {}  # by id: a Level's hash is its words'
        self._words: dict[int, dict[str, frozenset[str]]] = {}  # doc → column → the row's words
        self._better: dict[tuple[int, int], list[int]] = {}
        self._trees: dict[int, tuple[list, list]] = {}  # by id: the combos and their _tree
        self._rows: list[dict] = []
        cols = {c for bands in self._bands for band in bands for *_v, lv in band for c in lv.columns} & _LISTS
        self._cols = (*_CAND_COLS, *sorted(cols))
        self._cursor: Iterator[dict] | None = None
        self._it = self._walk()

    @staticmethod
    def combos(bands: list[list[list[tuple]]]) -> list[tuple[tuple[int, float], list[tuple[int, ...]]]] | None:
        """The combinations of one band per word grouped by their worth, best first (each group's
        in the order ``itertools.product`` gives them); None: more than ``MOST_COMBOS``."""
        import itertools
        import math

        if math.prod(len(b) for b in bands) > MOST_COMBOS:
            return None
        worth: dict[tuple[int, float], list[tuple[int, ...]]] = {}
        for c in itertools.product(*(range(len(b)) for b in bands)):
            heads = [bands[i][j][0] for i, j in enumerate(c)]
            key = (min(h[0] for h in heads), sum(h[1] for h in heads))
            worth.setdefault(key, []).append(c)
        return sorted(worth.items(), key=lambda kv: kv[0], reverse=True)

    def _walked(self) -> Iterator[dict]:
        """The newest notes' rows: those walked so far, then more."""
        i = 0
        while True:
            if i < len(self._rows):
                yield self._rows[i]
                i += 1
                continue
            if self._cursor is None:
                self._cursor = iter(self._ix.walk_newest(self._filters, self._cols, decode=False))
            row = next(self._cursor, None)
            if row is None:
                return
            self._rows.append(row)

    def _docs(self, level: Level) -> set[int]:
        got = self._seen.get(level)
        if got is None:
            got = self._seen[level] = self._ix.level_docs(level)
        return got

    def _level(self, i: int, j: int, row: dict):
        """The first level of word ``i``'s band ``j`` holding the note of ``row``, or None."""
        d = row["doc"]
        key = (d, i, j)
        if key in self._holds:
            return self._holds[key]
        got = None
        for v in self._bands[i][j]:
            lv = v[4]
            if self._own(lv):
                if self._row_holds(lv, row):
                    got = v
                    break
            elif d in self._docs(lv):
                got = v
                break
        self._holds[key] = got
        return got

    @staticmethod
    def _own(lv: Level) -> bool:
        return set(lv.columns) <= _ROW_TEXT and lv.within is None

    def _row_holds(self, level: Level, row: dict) -> bool:
        """Whether the row's own words (as ``tokens`` cuts them, the way the index's tokenizer
        does) hold a word of every part of ``level`` in one of its columns (``_first_level``'s
        test; the words of a row cut once for every word of the query)."""
        parts = self._parts.get(id(level))
        if parts is None:
            parts = self._parts[id(level)] = (level, [frozenset(p) for p in level.parts])
        words = self._words.get(row["doc"])
        if words is None:
            words = self._words[row["doc"]] = {}
        for part in parts[1]:
            for c in level.columns:
                got = words.get(c)
                if got is None:
                    v = row.get(c)
                    if c == "title":
                        text = v or ""
                    else:
                        if isinstance(v, str):  # the walk's rows keep the lists as JSON
                            v = json.loads(v)
                        text = "\n".join(str(x) for x in (v or ()))
                    got = words[c] = frozenset(tokens(text))
                if not got.isdisjoint(part):
                    break
            else:
                return False
        return True

    def _short(self, i: int, j: int) -> bool:
        return all(self._own(lv) for *_v, lv in self._bands[i][j])

    def _exact(self, i: int, j: int, row: dict):
        """Word ``i``'s value for the note of ``row`` when its first band holding it is ``j``."""
        v = self._level(i, j, row)
        if v is None:
            return None
        better = self._better.get((i, j))
        if better is None:  # the row's own words first
            better = self._better[(i, j)] = sorted(range(j), key=lambda k: not self._short(i, k))
        if any(self._level(i, k, row) is not None for k in better):
            return None
        return v

    def _in(self, combos: list[tuple[int, ...]], row: dict):
        """Each word's values for the note of ``row`` when the combination of the words' first
        bands holding it is one of ``combos``, else None. A note is in one combination at most,
        so the combinations are not tried one by one: word by word, the bands the combinations
        still open allow are tried best first (``_tree``), and the first holding the note is the
        word's first band or no combination holds it."""
        key = id(combos)
        got = self._trees.get(key)
        if got is None or got[0] is not combos:
            got = self._trees[key] = (combos, _tree(combos))
        node = got[1]
        vs = []
        for i in range(len(self._bands)):
            for j, child in node:
                if self._level(i, j, row) is not None:
                    v = self._exact(i, j, row)
                    if v is None:
                        return None  # a better band no combination allows holds it
                    vs.append(v[:4])
                    node = child
                    break
            else:
                return None
        return vs

    def _band_docs(self, i: int, j: int) -> set[int]:
        return set().union(*(self._docs(lv) for *_v, lv in self._bands[i][j]))

    def _gathered(self, combos: list[tuple[int, ...]]) -> set[int]:
        """Every note of the super-band (FTS docs): each word's notes first in the band asked."""
        out: set[int] = set()
        for c in combos:
            got: set[int] | None = None
            for i, j in sorted(enumerate(c), key=lambda ij: ij[1]):
                mine = self._band_docs(i, j)
                mine = (mine if got is None else mine & got)
                for k in range(j):
                    if not mine:
                        break
                    mine -= self._band_docs(i, k)
                got = mine
                if not got:
                    break
            out |= got or set()
        return out

    def _yield(self, row: dict, vs: list[tuple]):
        worst = min(vs, key=lambda v: v[0])
        return (row["doc"], worst[0], sum(v[1] for v in vs), worst[2], row, vs)

    def _walk(self):
        order = self.combos(self._bands)
        assert order is not None
        given: set[int] = set(self._excluded)
        for _key, combos in order:
            hits = 0
            complete = True
            for walked, row in enumerate(self._walked(), 1):
                d = row["doc"]
                if d not in given:
                    vs = self._in(combos, row)
                    if vs is not None:
                        given.add(d)
                        hits += 1
                        yield self._yield(row, vs)
                if walked >= WALK_FIRST and walked % 64 == 0 and self._sparse(self._ix, walked, hits):
                    complete = False  # sparse here: the rest of the super-band from the levels
                    break
            if complete:
                continue
            docs = self._gathered(combos) - given
            if not docs:
                continue
            rows: Iterable[dict]
            if len(docs) <= SPARSE:
                listed = list(self._ix.rows_of_docs(docs, self._filters, (*self._cols, "doc")).values())
                listed.sort(key=lambda r: r["doc"])
                listed.sort(key=lambda r: (r["date"] or "", r["id"]), reverse=True)
                rows = listed
            else:
                rows = (r for r in self._walked() if r["doc"] in docs)
            for row in rows:
                vs = self._in(combos, row)
                if vs is None:  # the row's words and the index's disagree (cannot be: cut alike)
                    continue
                given.add(row["doc"])
                yield self._yield(row, vs)


SPARSE = 4096  # a band with fewer notes than this has them sorted; one with more is walked


_ROW_TEXT = frozenset(ROW_TEXT_COLUMNS)
_LISTS = frozenset(ROW_TEXT_COLUMNS) - {"title"}


def _first_level(band, row: dict):
    """The first level of ``band`` whose columns are the row's own (the title, the lists) that
    holds the note of ``row``, tested on the row's words (as ``tokens`` cuts them, the way the
    index's tokenizer does); None: none does."""
    words: dict[str, frozenset[str]] = {}

    def holds(level: Level) -> bool:
        for part in _part_sets(level):
            for c in level.columns:
                if c not in words:
                    v = row.get(c)
                    text = (v or "") if c == "title" else "\n".join(str(x) for x in (v or ()))
                    words[c] = frozenset(tokens(text))
                if not words[c].isdisjoint(part):
                    break
            else:
                return False
        return True

    for v in band:
        if holds(v[4]):
            return v
    return None


_PART_SETS: dict[Level, list[frozenset[str]]] = {}


def _part_sets(level: Level) -> list[frozenset[str]]:
    got = _PART_SETS.get(level)
    if got is None:
        if len(_PART_SETS) > 64:
            _PART_SETS.clear()
        got = _PART_SETS[level] = [frozenset(p) for p in level.parts]
    return got


def _collect(ix: NoteIndex, groups, matches: list[_Match], exclude_verify: list[str], ranked: Iterable[tuple],
             limit: int) -> Results:
    """The hits: each candidate's file read for its snippet and for the field each word really
    matched in. A phrase (or a word across punctuation) is looked for in each searched field's
    text; its rank so far was an upper bound (every part in one field), so candidates are
    taken best bound first and a hit is given once no candidate left can beat it."""
    import heapq

    folder = ix.folder
    finder = Finder([x for m in matches for x in m.marks], [x for m in matches for x in m.cho])
    finders = [Finder(m.marks, m.cho) for m in matches]
    fields = {c for _n, cols, _w in groups for c in cols}
    hits: list[SearchHit] = []
    spans: dict[int, dict] = {}
    by_path: dict[str, dict] = {}
    n_words = len(matches)
    waiting: list[tuple] = []

    def give(entry) -> None:
        tier, score, lane, label, row, path, snip = entry
        title = row["title"] or ""
        hits.append(SearchHit(
            id=row["id"], score=round(tier + min(0.99, score / (_MAX_WEIGHT * n_words + 1)), 3),
            lane=lane, title=title, snippet=snip,
            path=str(path), published=row["date"], source=row["source"], field=label))
        spans[row["id"]] = by_path[str(path)] = {"title": finder.spans(title), "snippet": finder.spans(snip)}

    if isinstance(ranked, _Taken):
        ranked.take(limit + 1)  # a page and one more: the walk judges its bands' density by it
    for pos, (d, tier, score, lane, row, values) in enumerate(ranked):
        while waiting and len(hits) < limit and (-waiting[0][0], -waiting[0][1]) >= (tier, score):
            give(heapq.heappop(waiting)[3])
        if len(hits) >= limit:
            break
        path = folder / row["path"]
        texts = ix.field_texts(d)
        if texts is None or not texts.read:  # the file is gone: only the title and lists are known
            if any(m.verify for m in matches) or exclude_verify:
                continue
            if texts is None:
                texts = FieldTexts({"title": row["title"] or ""}, [], read=False)
        flat: dict[str, str] = {}

        def holds(col: str, v: str, flat: dict[str, str] = flat, texts: FieldTexts = texts) -> bool:
            if col not in flat:
                flat[col] = one_line(texts.get(col, "").lower())
            return v in flat[col]

        if any(holds(c, v) for v in exclude_verify for c in fields):
            continue
        per_word = []  # (tier, score, group, column) of each word
        for m, f, value in zip(matches, finders, values):
            t, sc, _lane, group = value
            cols = next(cols for n, cols, _w in groups if n == group)
            if m.verify:
                where = next(((n, c, w) for n, cs, w in groups for c in cs if holds(c, m.verify)), None)
                if where is None:
                    break
                group, col = where[0], where[1]
                sc = where[2] * 1.0
            else:
                col = next((c for c in cols if f.spans(texts.get(c, ""))), cols[0])
            per_word.append((t, sc, group, col))
        else:
            real_tier = min(w[0] for w in per_word)
            real_score = sum(w[1] for w in per_word)
            label = max(per_word, key=lambda w: _WEIGHT[w[2]])[3]
            snip = snippet(texts, fields, finder)
            heapq.heappush(waiting, (-real_tier, -real_score, pos, (real_tier, real_score, lane, label, row, path, snip)))
    while waiting and len(hits) < limit:
        give(heapq.heappop(waiting)[3])
    return Results(hits, spans, by_path=by_path)


class Finder:
    """Where the matched text is in a string: the words (case-insensitive, any whitespace inside
    a phrase) and runs of syllables whose 초성 spell a 초성 query."""

    def __init__(self, marks: list[str], cho: list[str]):
        marks = sorted({m for m in marks if m.strip()}, key=len, reverse=True)
        self.rx = re.compile("|".join(r"\s+".join(re.escape(p) for p in m.split()) for m in marks),
                             re.I) if marks else None
        self.cho = [c for c in dict.fromkeys(cho) if c]
        self._cho_rx = [re.compile(p) for p in map(hangul.chosung_pattern, self.cho) if p]

    def spans(self, text: str) -> list[tuple[int, int]]:
        out = [m.span() for m in self.rx.finditer(text) if m.end() > m.start()] if self.rx else []
        for rx in self._cho_rx:  # each 초성 query's runs of syllables, left to right, not overlapping
            out.extend(m.span() for m in rx.finditer(text))
        out.sort()
        merged: list[tuple[int, int]] = []
        for a, b in out:
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
            else:
                merged.append((a, b))
        return merged

    def first(self, text: str) -> tuple[int, int] | None:
        spans = self.spans(text)
        return spans[0] if spans else None


def _best(finder: Finder, text: str) -> tuple[int, int] | None:
    """The match a snippet is centred on: the first that starts a word (구글 in 구글은 rather than
    in 미국구글), else the first."""
    spans = finder.spans(text)
    for a, b in spans:
        if a == 0 or not text[a - 1].isalnum():
            return a, b
    return spans[0] if spans else None


def _window(flat: str, m: tuple[int, int], width: int) -> str:
    """``width`` characters of ``flat`` centred on the word holding the match ``m``, cut at
    spaces where one is near, never inside that word; ``…`` where cut."""
    ws = flat.rfind(" ", 0, m[0]) + 1
    we = flat.find(" ", m[1])
    we = len(flat) if we < 0 else we
    if len(flat) <= width:
        a, b = 0, len(flat)
    else:
        a = max(0, ws - (width - (we - ws)) // 2)
        b = min(len(flat), max(a + width, we))
        a = max(0, min(a, ws, b - width))
        if a > 0:  # start after a space, when one is close and before the word
            sp = flat.find(" ", a, ws)
            a = sp + 1 if 0 <= sp < a + 12 else a
        if b < len(flat):  # end at a space, when one is close and after the word
            sp = flat.rfind(" ", we, b)
            b = sp if sp >= 0 and sp > b - 12 else b
    return ("…" if a > 0 else "") + flat[a:b].strip() + ("…" if b < len(flat) else "")


def snippet(texts: FieldTexts, fields, finder: Finder | None, width: int = 80) -> str:
    """About ``width`` characters of the note centred on the best match in its body (else in the
    other searched sections, in file order), whitespace collapsed, ``…`` where cut, the matched
    word never cut. A note matched only in its title (or in a headline repeating it) shows the
    start of its body. ``texts`` are
    the note's field texts (``NoteIndex.field_texts``: no draft marker, placeholder or hint
    lines); sections of fields not searched (by default the 연관기사) are never shown."""
    first = _fields.SNIPPET_FIRST
    body = texts.get(first, "")
    places = [body] if body and first in fields else []
    title = one_line(texts.get("title", ""))  # a headline that repeats the title is shown already
    places.append(" ".join(t for k, t in texts.order
                           if k in fields and k != first and t and one_line(t) != title))
    for place in places:
        flat = one_line(place)
        m = _best(finder, flat) if finder else None
        if m:
            return _window(flat, m, width)
    flat = one_line(body or places[-1])
    return flat[:width] + ("…" if len(flat) > width else "")


def hit_json(hit: SearchHit) -> dict:
    return {"id": hit.id, "score": hit.score, "lane": hit.lane, "field": hit.field, "title": hit.title,
            "date": hit.published, "source": hit.source, "snippet": hit.snippet, "path": hit.path}
