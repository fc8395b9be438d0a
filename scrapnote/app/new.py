"""``new``: articles in, one note each out, with the drafted study aids."""
from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Callable

from scrapnote import config, store
from scrapnote.errors import NotFoundError, ScrapnoteError
from scrapnote.note import Note
from scrapnote.template import Template


@dataclass
class NewResult:
    notes: list = field(default_factory=list)
    failed: list = field(default_factory=list)  # (input, error)
    total: int = 0
    explained: list = field(default_factory=list)  # with explain=: per note, each field's evidence (won, lost)
    duplicates: list = field(default_factory=list)  # (input, id of the note that has it, "link" or "title")


class DuplicateError(ScrapnoteError):
    """An article already in the collection (its link or title): not scrapped again without --force."""

    def __init__(self, nid: int, what: str, where: str | None = None):
        super().__init__(f"{where + ': ' if where else ''}already scrapped as #{nid}; use --force to scrap it again")
        self.id, self.what = nid, what


class _Seen:
    """Which note already holds an article: the index (opened once, when first asked) and the
    notes of this run. Lookups by key (``text.keys``), never a scan of the files."""

    def __init__(self):
        self._ix = None
        self._mine: dict[tuple[str, str], int] = {}

    def holder(self, article) -> tuple[int, str] | None:
        from scrapnote.text.keys import title_key, url_key

        keys = (("link", url_key(article.url)), ("title", title_key(article.title)))
        for what, key in keys:
            if key and (what, key) in self._mine:
                return self._mine[(what, key)], what
        return self.index().same_article(keys[0][1], keys[1][1])

    def holder_of(self, titles, links) -> tuple[int, str] | None:
        """``holder`` for what an input names itself by before it is extracted (a page's
        og:title, canonical link, the address asked for): the first that a note has."""
        from scrapnote.text.keys import title_key, url_key

        for what, keys in (("link", [url_key(u) for u in links]), ("title", [title_key(t) for t in titles])):
            for key in dict.fromkeys(k for k in keys if k):
                if (what, key) in self._mine:
                    return self._mine[(what, key)], what
                held = self.index().same_article(key, None) if what == "link" else self.index().same_article(None, key)
                if held is not None:
                    return held
        return None

    def index(self):
        """The collection's index, brought up to date once for the run (the drafts read it too)."""
        if self._ix is None:
            from scrapnote.index import NoteIndex

            self._ix = NoteIndex.open_fresh()
        return self._ix

    def add(self, article, nid: int) -> None:
        from scrapnote.text.keys import title_key, url_key

        for what, key in (("link", url_key(article.url)), ("title", title_key(article.title))):
            if key:
                self._mine.setdefault((what, key), nid)

    def close(self) -> None:
        if self._ix is not None:
            self._ix.close()
            self._ix = None


def new_notes(args: list[str], *, tags=(), industry=(), companies=(), fmt: str | None = None,
              template_name: str | None = None, dry_run: bool = False, drafts: bool = True,
              max_bytes: int = config.MAX_BYTES_DEFAULT, explain: bool = False, force: bool = False,
              on_error: Callable[[str, Exception], None] | None = None, progress=None) -> NewResult:
    """Read each article, draft the study aids, and save one note per article.

    A failed input is reported through ``on_error`` while the others still land. ``explain``: for
    each note, which evidence gave each of its fields and which lost (``result.explained``).

    An article whose link or title (``text.keys``) a note already has — in the collection or
    earlier in this run — is not scrapped again: a ``DuplicateError`` (``already scrapped as #18;
    use --force to scrap it again``, after the input's name when there are several) goes to
    ``on_error`` and ``result.failed``, and to ``result.duplicates``; the others still land.
    ``force``: scrap it anyway."""
    from scrapnote import settings, sources, template
    from scrapnote.extract import FORMATS

    from_config = not template_name and bool(settings.get("template"))
    template_name = template_name or settings.get("template")  # the config file's defaults
    tags = list(tags) or settings.get("tags")

    if fmt and fmt not in FORMATS:
        raise ScrapnoteError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    if max_bytes < 1:
        raise ScrapnoteError("--max-bytes must be at least 1")
    try:
        tmpl = template.load(template_name)
    except NotFoundError as e:
        if not from_config:
            raise
        raise NotFoundError(f"{e.message}: the config file's template ({settings.path()}); "
                            "scrapnote config set template NAME changes it") from None
    inputs: list[str] = []
    result = NewResult()
    seen_stdin = False
    for a in args:
        if a == "-":  # stdin can be read once: a second "-" would only find it empty
            if seen_stdin:
                continue
            seen_stdin = True
        try:
            inputs.extend(sources.expand_inputs([a]))
        except ScrapnoteError as e:
            result.failed.append((a, e))
            if on_error:
                on_error(a, e)
    result.total = len(inputs) + len(result.failed)
    tick = progress(len(inputs)) if progress else None
    seen = _Seen()
    try:
        _each_article(inputs, result, seen, fmt=fmt, max_bytes=max_bytes, tmpl=tmpl, drafts=drafts, dry_run=dry_run,
                      explain=explain, force=force, tags=tags, industry=industry, companies=companies,
                      on_error=on_error, tick=tick, several=len(inputs) > 1)
    finally:
        seen.close()
    if tick:
        tick(done=True)
    return result


def _each_article(inputs, result: NewResult, seen: _Seen, *, fmt, max_bytes, tmpl, drafts, dry_run, explain, force,
                  tags, industry, companies, on_error, tick, several: bool) -> None:
    from scrapnote.extract import load_articles

    from scrapnote.sources import is_url

    drafter = None
    for arg in inputs:
        def early(titles, links, arg=arg) -> None:
            """Before the extraction (or the download): a link or title the input names itself by
            that a note already has is that note's article."""
            held = seen.holder_of(titles, links)
            if held is not None:
                raise DuplicateError(held[0], held[1], ("stdin" if arg == "-" else arg) if several else None)

        try:
            if not force and is_url(arg):
                early([], [arg])  # the address typed: a page already scrapped is not fetched again
            articles = load_articles(arg, fmt=fmt, max_bytes=max_bytes, form=tmpl,  # a TSV digest holds several
                                     early=None if force else early)
            result.total += len(articles) - 1
            for article in articles:
                if not force:
                    held = seen.holder(article)
                    if held is not None:
                        where = ("stdin" if arg == "-" else arg) if several or len(articles) > 1 else None
                        dup = DuplicateError(held[0], held[1], where)
                        result.duplicates.append((arg, held[0], held[1]))
                        result.failed.append((arg, dup))
                        if on_error:
                            on_error(arg, dup)
                        continue
                if drafts and drafter is None:
                    from scrapnote.drafts import Drafter

                    drafter = Drafter(seen.index())
                aids = drafter.draft(article) if drafter is not None else None
                note = _make_note(article, tmpl, aids, tags, industry, companies,
                                  dry_run_id=store.next_id() + len(result.notes) if dry_run else None)
                if drafter:
                    drafter.remember(note)
                result.notes.append(note)
                seen.add(article, note.id)
                if explain:
                    result.explained.append(explain_article(article))
        except ScrapnoteError as e:
            if isinstance(e, DuplicateError):
                result.duplicates.append((arg, e.id, e.what))
            result.failed.append((arg, e))
            if on_error:
                on_error(arg, e)
        if tick:
            tick()


def _make_note(article, tmpl: Template, aids, tags, industry, companies, dry_run_id: int | None) -> Note:
    """The note for one article, saved under a new id (or, for --dry-run, numbered ``dry_run_id``
    and not saved). Tags: the user's, then the article's own (a clipper's front matter)."""
    from scrapnote.note import build_note

    def make(nid: int) -> Note:
        return build_note(
            article, tmpl, nid, tags=[*tags, *article.tags, *(aids.tags if aids else [])],
            industry=[*industry, *article.industry, *(aids.industry if aids else [])],
            companies=[*companies, *article.companies, *(aids.companies if aids else [])],
            keywords=aids.keywords if aids else [], drafts=aids.sections if aids else None)

    if dry_run_id is not None:
        return make(dry_run_id)
    return store.create(make)


def explain_article(article) -> dict:
    """Each field of ``article`` (title, url, source, reporter, published): its value, the evidence
    that gave it and the evidence that lost, as the extraction ranked them."""
    final = {"title": article.title or None, "url": article.url, "source": article.source,
             "reporter": article.reporter, "published": article.published}
    ev = article.evidence
    if ev is None:  # an input read without ranked evidence (an imported note)
        return {k: {"value": v, "won": [], "lost": []} for k, v in final.items()}
    return ev.explain(final)
