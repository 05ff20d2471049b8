"""The command line: options parsed into a job, the job run, outcomes mapped to exit codes.

Nothing here decides what to remove or how output looks. Each command is its
option decorators plus a docstring; `_job` turns the options into a `Job`
and a `Delivery`, checking combinations once for every command, and `main`
maps every way a run can end to a documented exit code and one-line message.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import click

from . import __version__
from .engines import EngineError
from .inputs import DEFAULT_GLOB, STDIN, InputSpec, NoInputs
from .jobs import RESULT_FIELD, Job, formats
from .output import COLOR_CHOICES, OutputError, PipeClosed, color_wanted, is_tty, resolve_format
from .run import EXIT_CHANGES, EXIT_ERROR, EXIT_OK, Delivery, execute
from .runner import WorkerFailed

EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143
__all__ = ["EXIT_CHANGES", "EXIT_ERROR", "EXIT_OK", "cli", "main"]

EXIT_CODES_HELP = """\b
Exit codes:
  0    success
  1    check (or --diff) found duplicates to remove
  2    usage error, or an input could not be read
  130  interrupted (Ctrl-C)
  143  terminated (SIGTERM)"""

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


class DefaultGroup(click.Group):
    """A group that runs `report` when the first word is a file, not a command.

    A first word that is no command and no existing path, but close to a
    command, is a typo: `claen` gets "did you mean 'clean'?" instead of
    "claen: no such file". `help [COMMAND]` prints help.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if ctx.resilient_parsing:  # shell completion: complete the command names
            return super().parse_args(ctx, args)
        if args and args[0] == "help":
            args = [*args[1:2], "--help"]
        if not args or (args[0] not in self.commands and not _is_group_option(args[0])):
            if args:
                self._refuse_typo(ctx, args[0])
            args = ["report", *args]
        return super().parse_args(ctx, args)

    def _refuse_typo(self, ctx: click.Context, word: str) -> None:
        if word.startswith("-") or os.path.exists(word):
            return
        import difflib

        close = difflib.get_close_matches(word, list(self.commands), n=1)
        if close:
            raise click.UsageError(f"No such command '{word}'. Did you mean '{close[0]}'?", ctx)


def _is_group_option(word: str) -> bool:
    return word in ("--help", "-h", "--version")


def _apply(options: Sequence[Decorator]) -> Decorator:
    def wrap(func: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(options):
            func = option(func)
        return func

    return wrap


def input_options() -> Decorator:
    """Which documents, and how to read them: the same in every command."""
    return _apply(
        [
            click.argument("files", nargs=-1, type=click.Path(allow_dash=True)),
            click.option(
                "-r", "--recursive", is_flag=True, help="Read the files in folders, recursively."
            ),
            click.option(
                "--glob",
                "globs",
                metavar="PATTERN",
                multiple=True,
                help="With -r: file names to read; repeat it, or use {a,b}"
                f" [default: {DEFAULT_GLOB}].",
            ),
            click.option(
                "--jsonl",
                is_flag=True,
                help="Inputs are JSON Lines, one document per line; output is JSON Lines.",
            ),
            click.option(
                "--text-field",
                metavar="NAME",
                default="text",
                show_default=True,
                help="With --jsonl: the field holding the text.",
            ),
            click.option(
                "--id-field",
                metavar="NAME",
                default="id",
                show_default=True,
                help="With --jsonl: the field naming the document in messages.",
            ),
            click.option(
                "--result-field",
                metavar="NAME",
                default=RESULT_FIELD,
                show_default=True,
                help="With --jsonl: the field the results are added under (never overwritten).",
            ),
            click.option(
                "-j",
                "--jobs",
                metavar="N",
                type=click.IntRange(1),
                default=None,
                help="Documents processed in parallel [default: number of cores].",
            ),
            click.option(
                "--threshold",
                type=click.FloatRange(0, 100),
                default=90.0,
                show_default=True,
                help="Minimum similarity (0-100) between a copy and its source, for every"
                " rule but run-extension.",
            ),
            click.option(
                "--run-threshold",
                type=click.FloatRange(0, 100),
                default=75.0,
                show_default=True,
                help="Minimum similarity for a paragraph inside a run of removed copies"
                " (run-extension: one typo costs a short line many points).",
            ),
            click.option(
                "--encoding",
                metavar="NAME",
                default=None,
                help="Input encoding [default: UTF-8, or as the BOM says].",
            ),
            click.option(
                "--errors",
                type=click.Choice(["strict", "replace"]),
                default="strict",
                show_default=True,
                help="What to do with bytes the encoding cannot read.",
            ),
        ]
    )


def output_options(command: str) -> Decorator:
    """Format, colour, pager and quiet: the same meaning in every command that prints."""
    choices = formats(command)
    options = [
        click.option(
            "--format",
            "fmt",
            type=click.Choice(("auto", *choices)),
            default="auto",
            show_default=True,
            help="auto is rich on a terminal (report), plain otherwise.",
        ),
        click.option("--json", "as_json", is_flag=True, help="Same as --format json."),
        click.option(
            "--color",
            type=click.Choice(COLOR_CHOICES),
            default="auto",
            show_default=True,
            help="auto: on a terminal, unless NO_COLOR or TERM=dumb; FORCE_COLOR forces it.",
        ),
        click.option("--no-color", is_flag=True, hidden=True, help="Same as --color never."),
        click.option("-q", "--quiet", is_flag=True, help="No notes or summary line on stderr."),
    ]
    if "diff" in choices:
        options.append(click.option("--diff", is_flag=True, help="Same as --format diff."))
    if "rich" in choices:
        options.append(
            click.option(
                "--pager/--no-pager",
                default=True,
                show_default=True,
                help="Page a report taller than the terminal (PAGER, else less; never piped).",
            )
        )
    return _apply(options)


def document_command(command: str) -> Decorator:
    """The options every document command has; add a command with this and its own few."""
    return _apply([input_options(), output_options(command)])


def _format(command: str, opts: dict[str, Any], tty: bool) -> str:
    """One format from --format/--json/--diff/--jsonl; two of them is a usage error."""
    chosen = [
        flag
        for flag, on in (
            (f"--format {opts['fmt']}", opts["fmt"] != "auto"),
            ("--json", opts["as_json"]),
            ("--diff", opts.get("diff", False)),
        )
        if on
    ]
    if len(chosen) > 1:
        raise click.UsageError(f"{chosen[0]} and {chosen[1]} cannot be used together")
    fmt = "json" if opts["as_json"] else "diff" if opts.get("diff") else opts["fmt"]
    if opts["jsonl"]:
        if fmt not in ("auto", "json"):
            raise click.UsageError(
                f"--jsonl and {chosen[0]} cannot be used together (--jsonl prints JSON Lines)"
            )
        return "jsonl"
    return resolve_format(fmt, command, os.environ, tty)


def _spec(opts: dict[str, Any]) -> InputSpec:
    return InputSpec(
        names=tuple(opts["files"]),
        recursive=opts["recursive"],
        globs=tuple(opts["globs"]) or (DEFAULT_GLOB,),
        jsonl=opts["jsonl"],
        text_field=opts["text_field"],
        id_field=opts["id_field"],
    )


def _check_writes(opts: dict[str, Any], fmt: str) -> None:
    """--in-place and --output exclude each other and anything but the cleaned text."""
    in_place, output = opts.get("in_place", False), opts.get("output")
    if in_place and output:
        raise click.UsageError("--in-place and --output cannot be used together")
    if in_place and fmt != "plain":
        what = "--jsonl" if fmt == "jsonl" else f"--format {fmt}"
        raise click.UsageError(f"--in-place and {what} cannot be used together")
    if in_place and (not opts["files"] or STDIN in opts["files"]):
        raise click.UsageError("--in-place needs file names; it cannot rewrite stdin")


def _job(command: str, opts: dict[str, Any]) -> tuple[Job, Delivery]:
    """The job and its delivery from a command's options (every combination checked here)."""
    tty = is_tty(sys.stdout)
    fmt = _format(command, opts, tty)
    _check_writes(opts, fmt)
    color = color_wanted("never" if opts["no_color"] else opts["color"], os.environ, tty)
    output = opts.get("output")
    job = Job(
        command=command,
        fmt=fmt,
        threshold=opts["threshold"],
        run_threshold=opts["run_threshold"],
        encoding=opts["encoding"],
        errors=opts["errors"],
        spec=_spec(opts),
        sentences=opts.get("sentences", 3),
        ratio=opts.get("ratio"),
        in_place=opts.get("in_place", False),
        result_field=opts["result_field"],
        paragraph=opts["paragraph"] - 1 if opts.get("paragraph") else None,
        debug=bool(os.environ.get("DEDUPE_CLI_DEBUG")),
    )
    delivery = Delivery(
        output_file=output if output and output != STDIN else None,
        color=color,
        tty=tty,
        pager=opts.get("pager", False),
        quiet=opts["quiet"],
        jobs=opts["jobs"],
    )
    return job, delivery


def _execute(command: str, opts: dict[str, Any]) -> None:
    job, delivery = _job(command, opts)
    raise SystemExit(execute(job, delivery))


@click.group(
    cls=DefaultGroup,
    epilog=EXIT_CODES_HELP,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, "--version", prog_name="dedupe-cli")
def cli() -> None:
    """Remove duplicated paragraphs from news articles and summarise them.

    Reads files, or stdin when no FILE or `-` is given. Without a command,
    runs `report`. `help COMMAND` shows a command's help.

    \b
    Examples:
      dedupe-cli article.txt                 report: verdict, summary, article, removals
      cat article.txt | dedupe-cli clean     cleaned text on stdout
      dedupe-cli clean --in-place *.txt      rewrite files atomically
      dedupe-cli summarize -n 3 article.txt  three-sentence summary
      dedupe-cli check -r articles/          exit 1 if any file has duplicates
    """


@cli.command(epilog=EXIT_CODES_HELP)
@document_command("report")
@click.option(
    "-n",
    "--sentences",
    type=click.IntRange(0),
    default=3,
    show_default=True,
    help="Summary length in sentences.",
)
def report(**opts: Any) -> None:
    """Show the verdict, the summary, the article and what was removed and why.

    \b
    Examples:
      dedupe-cli report article.txt
      dedupe-cli report --format markdown a.txt b.txt > report.md
      dedupe-cli report --json article.txt | jq .removed
    """
    _execute("report", opts)


@cli.command(epilog=EXIT_CODES_HELP)
@document_command("clean")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write the output to this file (atomically, only if every input was read).",
)
@click.option("-i", "--in-place", is_flag=True, help="Rewrite each input file atomically.")
def clean(**opts: Any) -> None:
    """Print the article with duplicated paragraphs removed.

    Kept text is byte-identical to the input, separators and line endings
    included; only the later copies disappear. With --diff, exit 1 when
    something would be removed (as `black --check --diff`).

    \b
    Examples:
      cat article.txt | dedupe-cli clean > clean.txt
      dedupe-cli clean -o clean.txt article.txt
      dedupe-cli clean --in-place a.txt b.txt
      dedupe-cli clean --diff article.txt
      dedupe-cli clean -r --in-place scraped/
      dedupe-cli clean --jsonl dump.jsonl > clean.jsonl
    """
    _execute("clean", opts)


@cli.command(epilog=EXIT_CODES_HELP)
@document_command("summarize")
@click.option(
    "-n",
    "--sentences",
    type=click.IntRange(1),
    default=3,
    show_default=True,
    help="Number of sentences.",
)
@click.option(
    "--ratio",
    type=click.FloatRange(0, 1, min_open=True),
    default=None,
    help="Summary length as a share of the article's sentences (overrides -n).",
)
def summarize(**opts: Any) -> None:
    """Print an extractive summary: one sentence per line, in article order.

    The summary is taken from the cleaned article, so it never repeats a
    sentence. Several articles are separated by a blank line.

    \b
    Examples:
      dedupe-cli summarize article.txt
      dedupe-cli summarize --sentences 5 article.txt
      dedupe-cli summarize --ratio 0.3 article.txt
    """
    _execute("summarize", opts)


@cli.command(epilog=EXIT_CODES_HELP)
@document_command("explain")
@click.option(
    "-p",
    "--paragraph",
    metavar="N",
    type=click.IntRange(1),
    default=None,
    help="Only paragraph N (numbered from 1, as in the reports).",
)
def explain(**opts: Any) -> None:
    """Why each paragraph was kept or removed: every rule tried, with its evidence.

    For every paragraph: its verdict, the rule that removed it (with the kept
    text it copies, how similar, and what differs), and each rule that was
    tried and refused, with its reason.

    \b
    Examples:
      dedupe-cli explain article.txt               every paragraph
      dedupe-cli explain -p 9 article.txt          why paragraph 9 went (or stayed)
      dedupe-cli explain --json article.txt | jq   the trace as data
    """
    _execute("explain", opts)


@cli.command(epilog=EXIT_CODES_HELP)
@document_command("check")
def check(**opts: Any) -> None:
    """List the files that contain duplicates and exit 1; change nothing.

    \b
    Examples:
      dedupe-cli check *.txt
      dedupe-cli check article.txt && echo clean
      dedupe-cli check --diff -r articles/
      dedupe-cli check --jsonl dump.jsonl | jq -c 'select(.dedupe.changed)'
    """
    _execute("check", opts)


@cli.command(epilog=EXIT_CODES_HELP)
@input_options()
@click.option("-q", "--quiet", is_flag=True, help="No summary line on stderr.")
@click.option(
    "--min-words",
    type=click.IntRange(1),
    default=3,
    show_default=True,
    help="Shorter paragraphs are never matched across documents.",
)
@click.option(
    "--bands",
    type=click.IntRange(1),
    default=16,
    show_default=True,
    help="LSH bands (more bands: more recall, more candidates).",
)
@click.option(
    "--rows", type=click.IntRange(1), default=8, show_default=True, help="MinHash rows per band."
)
@click.option(
    "--in-document/--across-only",
    default=True,
    show_default=True,
    help="First remove repeats inside each document, as `clean` does.",
)
@click.option(
    "--clusters",
    "clusters_to",
    metavar="FILE",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write the clusters as JSON Lines to FILE; `-` prints them instead of the documents.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where to run: local processes (--jobs), or a Dask cluster.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="With --engine dask: the scheduler, e.g. tcp://host:8786 [default: a local cluster].",
)
def corpus(**opts: Any) -> None:
    """Remove paragraphs repeated across documents; report clusters in JSON.

    Syndicated copies, newsletter boilerplate, repeated bylines: the first
    occurrence (in input order) is kept, later exact and near copies are
    removed. Prints one JSON line per document: `source` (or, with --jsonl,
    the record's fields and the results under `dedupe`), `cleaned`,
    `removed` (inside the document) and `removed_across`.

    \b
    Examples:
      dedupe-cli corpus -r articles/ > cleaned.jsonl
      dedupe-cli corpus --jsonl dump.jsonl --clusters clusters.jsonl > out.jsonl
      dedupe-cli corpus -r articles/ --clusters - | jq .text
      dedupe-cli corpus --engine dask --scheduler tcp://host:8786 --jsonl dump.jsonl
    """
    from .corpus import CorpusConfig
    from .corpus_run import CorpusJob, run_corpus

    if opts["scheduler"] and opts["engine"] != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    job = CorpusJob(
        spec=_spec(opts),
        threshold=opts["threshold"],
        run_threshold=opts["run_threshold"],
        encoding=opts["encoding"],
        errors=opts["errors"],
        result_field=opts["result_field"],
        in_document=opts["in_document"],
        config=CorpusConfig(
            threshold=opts["threshold"],
            bands=opts["bands"],
            rows=opts["rows"],
            min_words=opts["min_words"],
        ),
    )
    raise SystemExit(
        run_corpus(
            job,
            opts["clusters_to"],
            opts["engine"],
            opts["scheduler"],
            opts["jobs"],
            opts["quiet"],
        )
    )


# ---- the entry point: every way a run ends, as an exit code -----------------------------


def _silence_stdout() -> None:
    """Point fd 1 at /dev/null so Python's exit-time flush cannot complain again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass


def _quiet_broken_pipe() -> int:
    """stdout went away (`| head`): stop quietly, and keep Python from complaining."""
    _silence_stdout()
    return EXIT_OK


def _error(message: str) -> int:
    click.echo(f"dedupe-cli: error: {message}", err=True)
    return EXIT_ERROR


def _usage_error(exc: click.UsageError) -> int:
    """Click's usage errors as the one-line format, with a pointer to --help."""
    hint = ""
    if exc.ctx is not None:
        hint = f" (see '{exc.ctx.command_path} --help')"
    return _error(f"{exc.format_message().rstrip('.')}{hint}")


def _internal_error(exc: Exception) -> int:
    """A bug, not bad input: one line by default, the traceback on request."""
    if os.environ.get("DEDUPE_CLI_DEBUG"):
        raise exc
    return _error(
        f"internal error: {type(exc).__name__}: {exc}"
        " (please report it; DEDUPE_CLI_DEBUG=1 shows the traceback)"
    )


def _flush_stdout() -> int | None:
    """Flush buffered output; a failure here is still an output failure."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        return _quiet_broken_pipe()
    except OSError as exc:
        _silence_stdout()
        return _error(f"cannot write output: {exc.strerror or exc}")
    return None


class Terminated(BaseException):
    """SIGTERM as an exception, so a write in progress removes its temp file."""


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated()


@contextlib.contextmanager
def _sigterm_unwinds() -> Iterator[None]:
    """While running, SIGTERM (timeout, systemd, docker stop) unwinds like Ctrl-C.

    Worker processes never see this handler: they ignore SIGTERM (runner.py).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    """Console entry point: maps every outcome to a documented exit code."""
    try:
        with _sigterm_unwinds():
            return _main(argv)
    except Terminated:
        _flush_or_silence()
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        _flush_or_silence()
        return EXIT_INTERRUPTED


def _flush_or_silence() -> None:
    """Keep what was printed before a stop, but never complain that the reader is gone."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except (OSError, ValueError):
        _silence_stdout()


def _main(argv: list[str] | None) -> int:
    try:
        code = cli.main(args=argv, prog_name="dedupe-cli", standalone_mode=False)
    except (click.exceptions.Abort, KeyboardInterrupt):
        _flush_or_silence()
        return EXIT_INTERRUPTED
    except click.UsageError as exc:
        return _usage_error(exc)
    except click.ClickException as exc:
        return _error(exc.format_message())
    except (BrokenPipeError, PipeClosed):
        return _quiet_broken_pipe()
    except (OutputError, NoInputs, WorkerFailed, EngineError) as exc:
        if isinstance(exc, OutputError):
            _silence_stdout()
        return _error(str(exc))
    except SystemExit as exc:
        code = exc.code
    except Exception as exc:
        return _internal_error(exc)
    flushed = _flush_stdout()
    return flushed if flushed is not None else int(code or 0)
