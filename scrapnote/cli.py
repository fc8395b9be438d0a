"""The command line. Each command parses its options, calls one function of the application
layer (scrapnote/app/, or search.search) and hands what it returns to render.py, which alone
decides how it looks (Rich on a terminal, plain text when piped). This is the only place that turns
a ScrapnoteError into an exit code.

Start-up matters (``scrapnote --help`` is typed often): only typer is imported here at module
level; every core module, Rich view and heavy library is imported inside the command using it
(tests/test_architecture.py holds this). The help and the version are answered before this module
is loaded, from the help text docs/gen_cli.py writes (scrapnote/launch.py); a call turns only the
command it runs into a click command (``_Typer``, ``_Commands``).
"""
from __future__ import annotations

import sys
from collections.abc import Iterator, MutableMapping
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from typer.core import TyperGroup
from typer.main import get_command_from_info, get_command_name

if TYPE_CHECKING:  # pragma: no cover
    import click
    from typer.models import CommandInfo

from scrapnote import __version__

_state = {"debug": False}


class _Typer(typer.Typer):
    """A Typer app whose commands become click commands one at a time, when first asked for.

    Typer turns every registered command into a click command (reading its signature, type hints
    and options) whenever the app is called: ~9 ms for the fourteen commands on a quiet machine,
    ~34 ms on a loaded one, paid by every call. Here ``@app.command()`` keeps each definition
    aside instead (``lazy``), and the group's ``_Commands`` builds the one a call runs."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy: dict[str, CommandInfo] = {}
        self.built: dict[str, click.Command] = {}  # kept for the process (one call builds one; tests run many)

    def command(self, *args: Any, **kwargs: Any):
        register = super().command(*args, **kwargs)

        def decorator(f):
            register(f)
            info = self.registered_commands.pop()
            self.lazy[info.name or get_command_name(f.__name__)] = info
            return f

        return decorator


class _Commands(MutableMapping):
    """The group's commands by name, in the order they are defined; a command is built from its
    Typer definition on first use (a call runs one; the group's help and a typo's suggestions
    need the names, the help also every command's short help)."""

    def __init__(self, typer_app: _Typer) -> None:
        self._app = typer_app
        self._built = typer_app.built

    def __getitem__(self, name: str) -> click.Command:
        cmd = self._built.get(name)
        if cmd is None:
            info = self._app.lazy[name]  # KeyError: no such command
            cmd = self._built[name] = get_command_from_info(
                info, pretty_exceptions_short=self._app.pretty_exceptions_short,
                rich_markup_mode=self._app.rich_markup_mode)
        return cmd

    def __setitem__(self, name: str, cmd: click.Command) -> None:
        raise TypeError("scrapnote's commands are defined with @app.command()")

    def __delitem__(self, name: str) -> None:
        raise TypeError("scrapnote's commands are defined with @app.command()")

    def __iter__(self) -> Iterator[str]:
        return iter(self._app.lazy)

    def __len__(self) -> int:
        return len(self._app.lazy)


class _Group(TyperGroup):
    """Builds only the command a call runs (``_Commands``), and turns every user-facing failure
    into one line on stderr and exit code 1."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.commands = _Commands(app)

    def list_commands(self, ctx) -> list[str]:
        return list(self.commands)  # the names only: TyperGroup's own builds every command

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _fail("interrupted", 130)
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(1)
        except Exception as e:  # noqa: BLE001 - the single exit point
            if type(e).__module__.startswith(("typer", "click")):
                raise  # usage errors and exits keep Typer's own handling (exit 2 for usage)
            from scrapnote.errors import ScrapnoteError

            if _state["debug"]:
                import traceback

                traceback.print_exc()
            if isinstance(e, ScrapnoteError):
                _fail(e.message, e.exit_code)
            if isinstance(e, OSError) and e.strerror:  # the file system said no: say where and why
                where = f"{e.filename}: " if e.filename else ""
                _fail(f"{where}{e.strerror.lower()}", 1)
            _fail(f"unexpected {type(e).__name__}: {e} (run with --debug for details)", 1)


def _fail(message: str, code: int = 1):
    from scrapnote import render

    render.error_line(message)
    raise typer.Exit(code)


app = _Typer(
    cls=_Group,
    name="scrapnote",
    help="경제신문 스크랩 노트: turn Korean news articles into searchable scrap notes.\n\n"
    "Examples:  scrapnote new article.txt  ·  scrapnote list  ·  scrapnote show 3  ·  scrapnote search 구글",
    add_completion=True,  # --install-completion / --show-completion: bash, zsh, fish, PowerShell
    rich_markup_mode=None,  # plain help: Typer's Rich help costs ~80 ms of start-up (markdown-it, rich.markdown)
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool):
    if value:
        typer.echo(f"scrapnote {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    home: Annotated[Optional[str], typer.Option("--home", help="Collection folder (default: $SCRAPNOTE_HOME, else the platform's user data folder).", metavar="DIR")] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show the full traceback of an error.")] = False,
    no_pager: Annotated[bool, typer.Option("--no-pager", help="Print long notes straight to the terminal, never through a pager.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
):
    from scrapnote import config, render, settings

    _state["debug"] = debug
    config.set_home(home)
    render.set_paging(not no_pager)
    if ctx.invoked_subcommand != "config":  # a broken config file stops every command but the one fixing it
        settings.load()


def _check_date(value: str | None) -> str | None:
    """A --since/--until that is not a date is wrong usage (exit 2), caught before any work."""
    if value:
        from scrapnote.filters import parse_date_arg
        from scrapnote.errors import ScrapnoteError

        try:
            parse_date_arg(value)
        except ScrapnoteError as e:
            raise typer.BadParameter(str(e))
    return value


def _check_fields(values: list[str] | None) -> list[str] | None:
    if values:
        from scrapnote.fields import FIELD_ALIASES
        from scrapnote.index import FIELDS

        bad = [v for v in values if v not in FIELDS and v not in FIELD_ALIASES]
        if bad:
            raise typer.BadParameter(f"unknown field '{bad[0]}' (choose from {', '.join(FIELDS)})")
    return values


def _completes(what: str):
    """A completion callback for the shell (``scrapnote --install-completion``): note ids, tags,
    companies, … from the index as it is (scrapnote/app/completion.py), honouring ``--home``."""
    def complete(ctx: typer.Context, incomplete: str):
        from scrapnote import config
        from scrapnote.app import completion

        home = ctx.find_root().params.get("home")
        if home:
            config.set_home(home)
        # zsh and fish show each id's title; Typer strips Rich markup from such help with Rich
        # (~40 ms per Tab). This app's help is plain (rich_markup_mode=None): a title is shown as it is.
        import typer._completion_classes as shells

        shells._sanitize_help_text = lambda text: text
        if what == "id":
            return completion.note_ids(incomplete)
        if what == "source":
            return completion.sources(incomplete)
        if what == "template":
            return completion.template_names(incomplete)
        if what == "group":
            return completion.group_names(incomplete)
        if what == "group-args":  # group sync|week NAME; add takes a new name and a URL
            given = ctx.params.get("args") or []
            return completion.group_names(incomplete) if ctx.params.get("action") in ("sync", "week") and not given else []
        if what == "field":
            from scrapnote.fields import FIELD_ALIASES
            from scrapnote.index import FIELDS

            return completion.words([*FIELDS, *FIELD_ALIASES], incomplete)
        if what == "kind":
            return completion.words(_CARD_KINDS, incomplete)
        if what == "config-key":
            return completion.config_keys(incomplete) if ctx.params.get("action") == "set" else []
        if what == "config-value":
            key = ctx.params.get("key")
            return completion.config_values(key, incomplete) if ctx.params.get("action") == "set" and key else []
        return completion.list_values(what)(incomplete)

    return complete


# The filters list, search, export, check and questions share.
TagOpt = Annotated[Optional[list[str]], typer.Option("--tag", "-t", help="Tag (repeatable).", autocompletion=_completes("tags"))]
SourceOpt = Annotated[Optional[str], typer.Option("--source", help="Only notes from this publisher.", autocompletion=_completes("source"))]
IndustryOpt = Annotated[Optional[list[str]], typer.Option("--industry", help="Only notes of this industry (repeatable).", autocompletion=_completes("industry"))]
CompanyOpt = Annotated[Optional[list[str]], typer.Option("--company", help="Only notes about this company (repeatable).", autocompletion=_completes("companies"))]
SinceOpt = Annotated[Optional[str], typer.Option("--since", callback=_check_date, help="From this date (YYYY, YYYY-MM or YYYY-MM-DD).")]
UntilOpt = Annotated[Optional[str], typer.Option("--until", callback=_check_date, help="Up to this date.")]


def _check_template(value: str | None) -> str | None:
    """A --template that names no form is wrong usage (exit 2), caught before any work."""
    if value:
        from scrapnote import template

        forms = template.available()
        if value not in forms:
            raise typer.BadParameter(f"no form named '{value}' (have: {', '.join(sorted(forms))})")
    return value


# -- new ----------------------------------------------------------------------------------------
from typing import Literal  # noqa: E402


def _input_formats() -> list[str]:
    """The extractor list's names (``new --format``): read when ``new`` is built, not at start-up
    (the option's annotation is evaluated then, ``from __future__ import annotations``)."""
    from scrapnote.extract import FORMATS

    return FORMATS


@app.command()
def new(
    articles: Annotated[list[str], typer.Argument(help="Article files, folders, globs, URLs, or - for stdin.", metavar="ARTICLE...")],
    tag: TagOpt = None,
    industry: Annotated[Optional[list[str]], typer.Option("--industry", help="Industry (repeatable), e.g. IT, 반도체.", autocompletion=_completes("industry"))] = None,
    company: Annotated[Optional[list[str]], typer.Option("--company", help="Company (repeatable).", autocompletion=_completes("companies"))] = None,
    fmt: Annotated[Optional[Literal[tuple(_input_formats())]], typer.Option("--format", "-f", help=f"Input format: {', '.join(_input_formats())} (default: detected).")] = None,  # type: ignore[valid-type]  # the extractor list
    template: Annotated[Optional[str], typer.Option("--template", callback=_check_template, autocompletion=_completes("template"), help="Form to use (default: the config file's template, else economy; yours in <home>/templates/NAME.yaml).")] = None,
    no_edit: Annotated[bool, typer.Option("--no-edit", help="Do not open $EDITOR on the new note.")] = False,
    interactive: Annotated[bool, typer.Option("--interactive", "-i", help="Ask for the reader's sections one by one instead of opening an editor.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the note that would be written; save nothing.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the note(s) as JSON.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Show, for each field, which evidence won and which lost (in the JSON under \"explain\"; else on stderr).")] = False,
    no_drafts: Annotated[bool, typer.Option("--no-drafts", help="Skip the drafted 수치화, keywords, 요약 and 연관기사.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Scrap an article again even when its link or title is already in the collection.")] = False,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Refuse inputs larger than this many bytes.")] = 5 * 1024 * 1024,
):
    """Turn article(s) into scrap notes. Prints the new id(s).

    Examples: scrapnote new article.txt · scrapnote new https://… · pbpaste | scrapnote new - · scrapnote new seeds/
    """
    from scrapnote import render
    from scrapnote.app import edit as editing
    from scrapnote.app.new import new_notes

    if interactive and not render.can_ask():
        _fail("--interactive needs a terminal (stdin is not one); use --no-edit and `scrapnote edit ID` instead")
    result = new_notes(
        articles, tags=tag or [], industry=industry or [], companies=company or [], fmt=fmt,
        template_name=template, dry_run=dry_run, drafts=not no_drafts, max_bytes=max_bytes, explain=explain, force=force,
        on_error=render.failed_input, progress=render.batch_progress(),
    )
    render.new_result(result, as_json=as_json, dry_run=dry_run, one_input=len(articles) == 1)
    if result.failed:
        raise typer.Exit(1)
    # one note saved: the reader writes their sections now (the second step of `new`)
    if len(result.notes) == 1 and not dry_run and not as_json:
        if interactive:
            editing.interactive_fill(result.notes[0], ask=render.ask_section)
        elif not no_edit and render.is_interactive():
            editing.edit_note(result.notes[0].id)


# -- list / show --------------------------------------------------------------------------------
@app.command("list")
def list_(
    tag: TagOpt = None,
    source: SourceOpt = None,
    industry: IndustryOpt = None,
    company: CompanyOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", min=1, help="At most this many notes.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    group: Annotated[Optional[str], typer.Option("--group", "-g", help="List a study group's notes (every member's, as 민수:3) instead of your own.", metavar="NAME", autocompletion=_completes("group"))] = None,
):
    """List notes, newest first: id, 날짜, 출처, 제목, tags. A ✎ marks a note whose own sections are unwritten."""
    from scrapnote import render
    from scrapnote.app.listing import stream_rows
    from scrapnote.filters import Filters

    filters = Filters.make(tag, source, industry, company, since, until)
    if group is not None:
        from scrapnote.app.group import group_rows

        render.group_listing(group_rows(group, filters, limit, on_error=render.warn_broken), as_json=as_json,
                             filtered=filters != Filters())
        return
    rows = stream_rows(filters, limit, on_error=render.warn_broken, progress=render.index_progress(),
                       on_warning=render.warn, columns=None if as_json else render.LIST_COLUMNS)
    render.listing(rows, as_json=as_json, filtered=filters != Filters())


@app.command()
def show(
    note_id: Annotated[str, typer.Argument(help="Note id, or a study group member's note as MEMBER:ID (민수:3).", metavar="ID", autocompletion=_completes("id"))],
    as_json: Annotated[bool, typer.Option("--json", help="Print the note as JSON.")] = False,
    raw: Annotated[bool, typer.Option("--raw", help="Print the note file as it is.")] = False,
    group: Annotated[Optional[str], typer.Option("--group", "-g", help="With MEMBER:ID: the group (default: the one that has the member).", metavar="NAME", autocompletion=_completes("group"))] = None,
):
    """Show one note: its facts, then each section under its label (long notes go through a pager)."""
    from scrapnote import render
    from scrapnote.app.notes import load_note

    member, nid = _note_ref(note_id)
    if member is None:
        render.show(load_note(nid), as_json=as_json, raw=raw)
        return
    from scrapnote.app.group import load_member_note, member_scope  # the group's code (git) only for a member's note

    with member_scope(member, group) as g:
        render.show(load_member_note(member, g, nid), as_json=as_json, raw=raw, ref=f"{member}:{nid}")


def _note_ref(text: str):
    """An id that is neither a number nor MEMBER:ID is wrong usage (exit 2), as a bad int was."""
    from scrapnote.errors import ScrapnoteError

    if ":" not in text and text.strip().isdigit():
        return None, int(text)  # the user's own note: no need to import the group's code
    from scrapnote.app.group import parse_ref

    try:
        return parse_ref(text)
    except ScrapnoteError as e:
        raise typer.BadParameter(str(e), param_hint="'ID'")


# -- edit / delete / restore ---------------------------------------------------------------------
@app.command()
def edit(note_id: Annotated[int, typer.Argument(help="Note id.", metavar="ID", autocompletion=_completes("id"))]):
    """Open a note in $VISUAL / $EDITOR (else nano, vi). A broken edit is kept, never lost."""
    from scrapnote import render
    from scrapnote.app.edit import edit_note

    outcome = edit_note(note_id)
    render.message(outcome)


@app.command()
def delete(
    note_id: Annotated[int, typer.Argument(help="Note id.", metavar="ID", autocompletion=_completes("id"))],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
):
    """Move a note to the trash (<home>/.trash). `scrapnote restore ID` brings it back."""
    from scrapnote import render
    from scrapnote.app.notes import load_note
    from scrapnote.app.trash import delete_note

    if not yes and render.can_ask():  # the note read only to name it in the question
        from scrapnote.app.notes import path_of
        from scrapnote.errors import NotFoundError, ScrapnoteError

        try:
            what = load_note(note_id).title
        except NotFoundError:
            raise
        except ScrapnoteError:  # a file broken by hand can be deleted too: named by its file
            what = f"{path_of(note_id).name} (it cannot be read as a note)"
        if not render.confirm(f"delete {note_id}: {what}?"):
            render.message("kept")
            raise typer.Exit(1)
    where = delete_note(note_id)
    render.message(f"deleted {note_id} (moved to {where}; scrapnote restore {note_id} brings it back)")


@app.command()
def restore(note_id: Annotated[int, typer.Argument(help="Note id.", metavar="ID", autocompletion=_completes("id"))]):
    """Bring a deleted note back from the trash under the same id."""
    from scrapnote import render
    from scrapnote.app.trash import restore_note

    where = restore_note(note_id)
    render.message(f"restored {note_id}: {where}")


@app.command()
def reindex():
    """Rebuild the search index from the note files (never needed for correctness: it is a cache)."""
    from scrapnote import render
    from scrapnote.app.listing import reindex as rebuild

    n = rebuild(progress=render.index_progress())
    render.message(f"indexed {n} notes")


@app.command()
def check(
    ids: Annotated[Optional[list[int]], typer.Argument(help="Note ids (default: every note).", metavar="[ID]...", autocompletion=_completes("id"))] = None,
    tag: TagOpt = None,
    source: SourceOpt = None,
    industry: IndustryOpt = None,
    company: CompanyOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON: each note checked with the sections still to write.")] = False,
):
    """List the reader's sections still empty or still the untouched draft; exit 1 when any."""
    from scrapnote import render
    from scrapnote.app.listing import check_notes
    from scrapnote.filters import Filters

    filters = Filters.make(tag, source, industry, company, since, until)
    from scrapnote.app.sync import kept_conflicts, this_device

    broken = []

    def unreadable(e) -> None:
        broken.append(e)
        render.warn_broken(e)

    results = check_notes(ids or [], on_error=unreadable, filters=filters)
    render.check_report(results, filtered=bool(filters), as_json=as_json)
    kept = kept_conflicts()
    render.conflict_lines(kept, this_device())
    if any(miss for _, miss in results) or kept or broken:  # a file that cannot be read is one to fix too
        raise typer.Exit(1)


@app.command()
def sync(
    remote: Annotated[Optional[str], typer.Argument(help="With --init: the remote to push to (a URL or a path, as git takes it), saved as 'origin'.", metavar="[REMOTE]")] = None,
    init: Annotated[bool, typer.Option("--init", help="Make the collection a git repository (with a .gitignore for .scrapnote/), then sync with REMOTE if given.")] = False,
):
    """Carry the collection through git: commit what changed (new #12 제목, edit #3, delete #5), pull (rebase), push.

    Uses the git command line, so your own remotes and credentials work. A note both devices created
    under one id is renumbered here; a note edited on both keeps this device's text in notes/ and the
    other's in .scrapnote/conflicts/ID-DEVICE.md."""
    from scrapnote import render
    from scrapnote.app.sync import kept_conflicts, sync_collection, this_device

    if remote and not init:
        raise typer.BadParameter("REMOTE is given with --init (later: git remote set-url origin URL)")
    result = sync_collection(init, remote)
    render.sync_result(result, kept_conflicts(), this_device())


_GROUP_ACTIONS = ("add", "sync", "week", "list")


@app.command()
def group(
    action: Annotated[Literal[_GROUP_ACTIONS], typer.Argument(help="add NAME URL · sync [NAME] · week [NAME] · list", metavar="ACTION")],  # type: ignore[valid-type]
    args: Annotated[Optional[list[str]], typer.Argument(help="add: NAME URL; sync, week: the group's NAME (default: the only one, or every one for sync).", metavar="[ARGS]...", autocompletion=_completes("group-args"))] = None,
    week: Annotated[Optional[str], typer.Option("--week", "-w", help="week: the ISO week, e.g. 2026-W49 (default: this week, in the group's timezone).", metavar="YYYY-Www")] = None,
    fmt: Annotated[Literal["table", "txt", "html"], typer.Option("--format", "-f", help="week: table (the terminal), txt (a card for the group chat) or html (a page).")] = "table",
    as_json: Annotated[bool, typer.Option("--json", help="week, list: print JSON.")] = False,
):
    """A study group's shared git repository beside your collection: members publish into their own folder.

    Examples: scrapnote group add 경제스터디 git@github.com:us/study.git · scrapnote group sync ·
    scrapnote group week --week 2026-W49 --format txt · scrapnote list --group 경제스터디 · scrapnote show 민수:3
    """
    from scrapnote import render
    from scrapnote.app import group as groups_app

    rest = list(args or [])
    wants = {"add": (2, 2), "sync": (0, 1), "week": (0, 1), "list": (0, 0)}[action]
    if not wants[0] <= len(rest) <= wants[1]:
        raise typer.BadParameter({"add": "group add NAME URL", "sync": "group sync [NAME]",
                                  "week": "group week [NAME]", "list": "group list"}[action], param_hint="'ARGS'")
    name = rest[0] if rest else None
    if action == "add":
        repo = groups_app.add_group(rest[0], rest[1])
        render.message(f"added the group {rest[0]} ({repo}); scrapnote group sync {rest[0]} publishes your notes")
    elif action == "sync":
        render.group_sync_result(groups_app.sync_groups(name))
    elif action == "week":
        render.group_week(groups_app.week(name, week), fmt=fmt, as_json=as_json)
    else:
        render.group_names(groups_app.group_list(), as_json=as_json)


@app.command()
def questions(
    company: Annotated[Optional[list[str]], typer.Option("--company", help="Only questions about this company (repeatable).", autocompletion=_completes("companies"))] = None,
    industry: IndustryOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
):
    """Gather every 현직자 question you wrote, grouped by company — for interview preparation."""
    from scrapnote import render
    from scrapnote.app.listing import gather_questions

    groups = gather_questions(company or [], industry or [], on_error=render.warn_broken)
    render.questions(groups, as_json=as_json)


@app.command()
def related(
    note_id: Annotated[int, typer.Argument(help="Note id.", metavar="ID", autocompletion=_completes("id"))],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many notes.")] = 10,
    everything: Annotated[bool, typer.Option("--all", help="Also the notes below the cut-off (not drafted as related).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
):
    """Notes related to one note, each with its score and why: the shared terms (rare ones weigh
    more), the same company and industry, close dates. Only those at the cut-off or above (--all:
    the closest others too); `new` drafts the best three of them into 연관기사."""
    from scrapnote import render
    from scrapnote.analyze.related import CUTOFF
    from scrapnote.app.listing import related_to

    rows = related_to(note_id, limit, on_error=render.warn_broken, everything=everything)
    render.related(rows, note_id, as_json=as_json, cutoff=CUTOFF, everything=everything)


# -- export / import ------------------------------------------------------------------------------
def _export_formats() -> tuple[str, ...]:
    """The exporter list's names (``export --format``), read when ``export`` is built: loading the
    exporters' modules costs ~2.5 ms that no other command needs."""
    from scrapnote.exporters import FORMATS

    return tuple(FORMATS)


@app.command("export")
def export(
    ids: Annotated[Optional[list[str]], typer.Argument(help="Note ids (or choose with the filters, or --all); with --group, a member's note as MEMBER:ID (민수:3).", metavar="[ID]...", autocompletion=_completes("id"))] = None,
    fmt: Annotated[Optional[Literal[_export_formats()]], typer.Option("--format", "-f", help="Output format (default: the config file's export-format, else md).")] = None,  # type: ignore[valid-type]  # the choices are the exporter list
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write to this file (default: stdout; docx needs it).", metavar="PATH")] = None,
    split: Annotated[Optional[str], typer.Option("--split", help="One file per note in this folder instead of one digest.", metavar="DIR")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
    layout: Annotated[Optional[str], typer.Option("--layout", help="Your own Jinja2 layout for md, html or txt (default: the config file's export-layout).", metavar="PATH")] = None,
    tag: TagOpt = None,
    company: CompanyOpt = None,
    industry: IndustryOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    everything: Annotated[bool, typer.Option("--all", help="Every note.")] = False,
    calendar: Annotated[bool, typer.Option("--calendar", help="html: put the habit calendar of the past year (as in `scrapnote stats`) on the digest's first page.")] = False,
    group: Annotated[Optional[str], typer.Option("--group", "-g", help="A study group's notes instead of your own (MEMBER:ID, the filters, --all or --week), each named with its member.", metavar="NAME", autocompletion=_completes("group"))] = None,
    week: Annotated[Optional[str], typer.Option("--week", "-w", help="With --group: the week's digest, everyone's notes scrapped that ISO week (as group week counts them).", metavar="YYYY-Www")] = None,
    by: Annotated[Optional[Literal["member", "date"]], typer.Option("--by", help="With --group: the digest in parts by member (default) or by date (the scrap day with --week).")] = None,
):
    """Share notes: several make one digest (title, contents, notes in date order) unless --split.

    Examples: scrapnote export 3 -f txt · scrapnote export --since 2023-07 -f html -o week.html ·
    scrapnote export --all -f docx -o 스크랩.docx · scrapnote export --tag AI --split out/ -f md ·
    scrapnote export --group 경제스터디 --week 2026-W49 --by date -f html -o week.html
    """
    from scrapnote import render
    from scrapnote.app.export import export_notes
    from scrapnote.filters import Filters

    filters = Filters.make(tag, None, industry, company, since, until)
    own: list[int] = []
    refs: list[tuple[str, int]] = []
    for text in ids or []:
        member, nid = _note_ref(text)
        if member is None and group is None:
            own.append(nid)
        elif member is None:
            raise typer.BadParameter(f"{text!r}: with --group, name a member's note as MEMBER:ID (민수:{nid})",
                                     param_hint="'[ID]...'")
        elif group is None:
            raise typer.BadParameter(f"{text!r} is a study group member's note: add --group NAME",
                                     param_hint="'[ID]...'")
        else:
            refs.append((member, nid))
    result = export_notes(own, filters=filters, everything=everything, fmt=fmt, output=output,
                          split_dir=split, force=force, layout=layout, on_error=render.warn_broken,
                          calendar=calendar, group=group, refs=refs, week=week, by=by)
    render.export_result(result, fmt=result.fmt, split=split)
    if result.left_out:  # the export is not every note asked for: the others are written, exit 1
        render.warn_unreadable(len(result.left_out), f"scrapnote list --group {group} names them" if group
                               else "scrapnote check lists them")
        raise typer.Exit(1)


@app.command("import")
def import_(
    file: Annotated[str, typer.Argument(help="A JSON file from `scrapnote export --format json` (or - for stdin).", metavar="FILE")],
    keep_ids: Annotated[bool, typer.Option("--keep-ids", help="Keep each note's id when no note (or trashed note) has it.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Import a note even when the collection already has its article (its link, else its title): a copy.")] = False,
):
    """Bring notes in from their JSON form. Prints the new ids. A note already here is not imported again (exit 1). (A 스크랩 양식 .tsv: scrapnote new FILE.)"""
    from scrapnote import render
    from scrapnote.app.importing import import_notes

    result = import_notes(file, keep_ids=keep_ids, force=force)
    render.import_result(result)
    if result.skipped:
        raise typer.Exit(1)


# -- search -------------------------------------------------------------------------------------
_FIELDS_HELP = ("title, headline, summary, tags, industry, companies, keywords, body, insights, research, "
                "questions, related, other; terms (the 용어 lines: the research section)")


def _check_query(ctx: typer.Context, words: list[str] | None) -> list[str] | None:
    """The query may hold ``-word`` (leave out notes with it: unknown options are let through for
    it), but a word with two dashes is an option mistyped (``--jsno``, ``--limt 5``): wrong usage,
    exit 2, as for any command, never a word quietly left out."""
    for w in words or []:
        if w.startswith("--") and len(w) > 2:
            import difflib

            from typer._click.exceptions import NoSuchOption

            name = w.split("=", 1)[0]
            known = [o for p in ctx.command.params for o in getattr(p, "opts", ()) if o.startswith("--")]
            raise NoSuchOption(name, possibilities=difflib.get_close_matches(name, known, n=1, cutoff=0.6), ctx=ctx)
    return words


@app.command(context_settings={"ignore_unknown_options": True})
def search(
    query: Annotated[list[str], typer.Argument(help='Words to find (all must match). "quoted phrase": exact text; -word: leave out notes with it.', metavar="QUERY...", callback=_check_query)],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many hits.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print the hits as JSON: id, score, lane, field, title, date, source, snippet, path.")] = False,
    field: Annotated[Optional[list[str]], typer.Option("--field", callback=lambda v: _check_fields(v), help=f"Search only this field (repeatable): {_FIELDS_HELP}. Default: every field but related (the 연관기사 links to other notes).", autocompletion=_completes("field"))] = None,
    tag: TagOpt = None,
    source: SourceOpt = None,
    industry: IndustryOpt = None,
    company: CompanyOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    group: Annotated[Optional[str], typer.Option("--group", "-g", help="Search a study group's notes (every member's; the member shown) instead of your own.", metavar="NAME", autocompletion=_completes("group"))] = None,
):
    """Find notes, best match first: words inside words (구글 finds 구글은), typos (반도채), 초성 (ㅅㅅㅈㅈ)
    and Korean typed in English mode (rnrmf). A typo match never outranks an exact one.
    Exits 1 with nothing on stdout when no note matches (as grep does).

    Examples: scrapnote search 구글 · scrapnote search 삼성 반도체 -중국 · scrapnote search '"금리 인하"' --since 2024
    """
    from scrapnote import render
    from scrapnote import search as searching

    from scrapnote.fields import FIELD_ALIASES

    filters = None
    if tag or source or industry or company or since or until:
        from scrapnote.filters import Filters

        filters = Filters.make(tag, source, industry, company, since, until)
    wanted = tuple(dict.fromkeys(FIELD_ALIASES.get(f, f) for f in field or ()))
    if group is not None:
        from scrapnote.app.group import group_search

        hits, broken, spans = group_search(group, " ".join(query), limit=limit, fields=wanted, filters=filters)
        shown = render.group_hits(hits, spans, as_json=as_json)
        render.warn_unreadable(broken, f"scrapnote list --group {group} names them")
        if not shown:
            raise typer.Exit(1)
        return
    out = render.SearchOutput(as_json)
    result = searching.search(" ".join(query), limit=limit, fields=tuple(dict.fromkeys(FIELD_ALIASES.get(f, f) for f in field or ())), filters=filters,
                              progress=render.index_progress(), meanwhile=out.preload)
    shown = out.show(result)
    render.warn_unreadable(result.broken)
    if result.shared:
        from scrapnote.app.listing import shared_id_warning

        for nid, names in result.shared:
            render.warn(shared_id_warning(nid, names))
    if not shown:  # no hit: exit 1 with nothing on stdout, as grep and ripgrep do
        raise typer.Exit(1)


# -- learning from the collection: 용어 노트, review, habit ------------------------------------------
_GLOSSARY_FORMATS = ("md", "html", "docx", "tsv", "anki")
_CARD_KINDS = ("term", "figure", "question")


@app.command()
def terms(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    suggest: Annotated[bool, typer.Option("--suggest", help="Terms the notes use often that the 용어 노트 lacks (economic terms first).")] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="With --suggest: at most this many.")] = 20,
    fmt: Annotated[Optional[Literal[_GLOSSARY_FORMATS]], typer.Option("--format", "-f", help="Write the 용어집 as md, html, docx, tsv or anki (an Anki-importable TSV).")] = None,  # type: ignore[valid-type]
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="With --format: write to this file (default: stdout; docx needs it).", metavar="PATH")] = None,
    force: Annotated[bool, typer.Option("--force", help="With --output: overwrite an existing file.")] = False,
):
    """The 용어 노트: every '- 용어: 설명' line of your 추가조사 sections (term, definition, notes, first and last seen).

    Examples: scrapnote terms · scrapnote terms --suggest · scrapnote terms -f anki -o 용어.txt
    """
    from scrapnote import learnview, render
    from scrapnote.app import learn

    if suggest:
        learnview.suggestions(learn.suggest(limit, on_error=render.warn_broken), as_json=as_json)
        return
    if fmt:
        data, path, n = learn.export_glossary(fmt, output, force, on_error=render.warn_broken)
        if data is not None:
            render.data_bytes(data)
        else:
            learnview.glossary_written(path or "", n)
        return
    learnview.terms(learn.glossary(render.warn_broken), as_json=as_json)


@app.command()
def term(
    word: Annotated[list[str], typer.Argument(help="The term (several words are one term).", metavar="TERM")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
):
    """One term: every definition you wrote, with its note, and the notes that mention it (the search)."""
    from scrapnote import learnview, render
    from scrapnote.app import learn

    text = " ".join(word)
    entry, hits = learn.term_detail(text, on_error=render.warn_broken)
    learnview.term(entry, hits, text, as_json=as_json)


@app.command()
def review(
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many cards in the session.")] = 20,
    due: Annotated[bool, typer.Option("--due", help="Only count the cards due now, new and later.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the session's cards (or, with --due, the counts) as JSON; nothing is graded.")] = False,
    kind: Annotated[Optional[list[str]], typer.Option("--kind", help="Only cards of this kind (repeatable): term, figure, question.", autocompletion=_completes("kind"))] = None,
    self_grade: Annotated[bool, typer.Option("--self", help="Grade yourself (again/hard/good/easy) instead of typing answers.")] = False,
    chosung: Annotated[bool, typer.Option("--chosung", help="Accept an answer typed as its 초성 (ㄱㅈㄱㄹ for 기준금리).")] = False,
):
    """Review cards made from your notes — terms (definition → term, 초성 hint), figures you kept,
    your 현직자 questions — scheduled by FSRS; the schedule is <home>/review.tsv.

    Type the answer (Enter alone shows it and you grade yourself; q stops). Examples:
    scrapnote review · scrapnote review --due · scrapnote review --kind term --chosung
    """
    from scrapnote import learnview, render
    from scrapnote.app import learn

    bad = [k for k in kind or [] if k not in _CARD_KINDS]
    if bad:
        raise typer.BadParameter(f"unknown kind '{bad[0]}' (choose from {', '.join(_CARD_KINDS)})", param_hint="--kind")
    plan = learn.plan(None if due else limit, tuple(kind or ()), on_error=render.warn_broken)
    if due:
        learnview.review_due(plan, as_json=as_json)
        return
    if as_json:
        learnview.review_cards(plan)
        return
    learnview.review_session(plan, self_grade=self_grade, chosung=chosung, check=learn.answer_matches,
                             grade=learn.grade)


@app.command()
def stats(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False):
    """Your scrap habit: a calendar of the past year, current and longest streak, notes per week,
    per industry and per company, and how many notes have your own sections written."""
    from scrapnote import learnview, render
    from scrapnote.app import learn

    learnview.stats(learn.stats(render.warn_broken), as_json=as_json)


# -- config -------------------------------------------------------------------------------------
@app.command("config")
def config_(
    action: Annotated[Literal["path", "show", "set", "edit"], typer.Argument(help="path: where the file is · show: every key and its value · set KEY VALUE (an empty VALUE removes the key) · edit: open it in your editor.", metavar="ACTION")],
    key: Annotated[Optional[str], typer.Argument(help="set: the key.", metavar="[KEY]", autocompletion=_completes("config-key"))] = None,
    value: Annotated[Optional[str], typer.Argument(help="set: its value (true/false, a list as a,b).", metavar="[VALUE]", autocompletion=_completes("config-value"))] = None,
):
    """Your settings, a TOML file: scrapnote config path|show|set KEY VALUE|edit.

    Examples: scrapnote config set member 홍길동 · scrapnote config set tags AI,반도체 · scrapnote config set pager false
    """
    from scrapnote import render
    from scrapnote.app import configure

    if (action == "set") != (key is not None and value is not None) or (action != "set" and key is not None):
        raise typer.BadParameter("set takes KEY and VALUE; path, show and edit take nothing", param_hint="ACTION")
    render.config_result(action, configure.run(action, key, value))


@app.command()
def browse(
    query: Annotated[Optional[list[str]], typer.Argument(help="Start with this query.", metavar="[QUERY]...")] = None,
    tag: TagOpt = None,
    industry: IndustryOpt = None,
    company: CompanyOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
):
    """A full-screen view: search on every keystroke, the hits, the selected note as `show` draws it.

    Keys: enter view · e edit · d delete · t tag · space select · x export · o open link ·
    f filters · / search · q quit. Example: scrapnote browse 반도체
    """
    from scrapnote import render
    from scrapnote.errors import ScrapnoteError

    if not render.is_interactive():
        raise ScrapnoteError("browse needs a terminal (for scripts: scrapnote search or scrapnote list)")
    filters = None
    if tag or industry or company or since or until:
        from scrapnote.filters import Filters

        filters = Filters.make(tag, None, industry, company, since, until)
    from scrapnote import browseview

    browseview.run(" ".join(query or []), filters)


GLOBAL_FLAGS = ("--no-pager", "--debug")  # the program's own options, without a value
GLOBAL_VALUED = ("--home",)


def hoisted(args: list[str]) -> list[str]:
    """``scrapnote show 3 --no-pager`` as ``scrapnote --no-pager show 3``: the program's own
    options are taken wherever they stand before a ``--`` (no command has an option of the same
    name), as a user types them after the command as often as before it."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--":
            rest += args[i:]
            break
        if a in GLOBAL_FLAGS or a.startswith(tuple(f"{o}=" for o in GLOBAL_VALUED)):
            front.append(a)
        elif a in GLOBAL_VALUED and i + 1 < len(args):
            front += [a, args[i + 1]]
            i += 1
        else:
            rest.append(a)
        i += 1
    return front + rest


def main():
    app(args=hoisted(sys.argv[1:]), prog_name="scrapnote")


if __name__ == "__main__":
    main()
