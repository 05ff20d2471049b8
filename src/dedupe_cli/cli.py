"""The command line: options in, sources read, core called, renderer chosen.

Kept thin on purpose: everything that decides *what* to remove lives in the
pure core; this module only wires inputs and outputs together and turns
problems into one-line messages and documented exit codes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from typing import IO, Any

import click

from . import __version__
from .batch import many_documents, many_options
from .sources import STDIN, InputError, Source, read_source

EXIT_OK, EXIT_DUPLICATES, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
EXIT_TERMINATED = 143
FORMATS = ("auto", "rich", "plain", "json", "markdown")

EXIT_CODES_HELP = """\b
Exit codes:
  0    success
  1    duplicates found (check only)
  2    usage error, or an input could not be read
  130  interrupted (Ctrl-C)
  143  terminated (SIGTERM)"""


_current_input: str | None = None
"""The input being processed, so an internal error can name it."""


def _set_current_input(name: str | None) -> None:
    global _current_input
    _current_input = name


class PipeClosed(Exception):
    """stdout was closed by the reader; not an OSError so Click lets it through."""


class OutputError(Exception):
    """stdout cannot take the output (disk full, closed descriptor): one-line error."""


def _stdout() -> IO[bytes]:
    """The binary stdout, or an OutputError when the process has none (`>&-`)."""
    if sys.stdout is None:
        raise OutputError("cannot write output: stdout is closed")
    return sys.stdout.buffer


def _output_failed(exc: OSError) -> Exception:
    """Map a failed stdout write to what `main` reports."""
    if isinstance(exc, BrokenPipeError):
        return PipeClosed()
    return OutputError(f"cannot write output: {exc.strerror or exc}")


class DefaultGroup(click.Group):
    """A group that runs `report` when the first word is not a command."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (
            args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")
        ):
            args = ["report", *args]
        return super().parse_args(ctx, args)


@dataclasses.dataclass
class Run:
    """State of one invocation: settings, where output goes, the worst outcome."""

    threshold: float
    encoding: str | None
    errors: str
    fmt: str = "plain"
    color: bool = True
    status: int = EXIT_OK
    out: IO[bytes] | None = None
    _console: Any = None

    def fail(self, message: str) -> None:
        click.echo(f"dedupe-cli: error: {message}", err=True)
        self.status = max(self.status, EXIT_ERROR)

    def write(self, text: str) -> None:
        try:
            (self.out or _stdout()).write(text.encode("utf-8", "surrogateescape"))
        except OSError as exc:
            raise _output_failed(exc) from None

    def print_rich(self, renderable: Any) -> None:
        if self._console is None:
            from rich.console import Console

            self._console = Console(no_color=not self.color, highlight=False)
        try:
            self._console.print(renderable)
        except OSError as exc:
            raise _output_failed(exc) from None

    def sources(self, names: tuple[str, ...]) -> Iterator[Source]:
        """Decoded inputs in order; unreadable ones are reported and skipped."""
        if not names and _stdin_is_terminal():
            # like cat, but a person who typed just the command should know why it waits
            click.echo(
                "dedupe-cli: reading the article from stdin; end it with Ctrl-D "
                "(or name a FILE; --help for more)",
                err=True,
            )
        for name in names or (STDIN,):
            _set_current_input(name)
            try:
                yield read_source(name, self.encoding, self.errors)
            except InputError as exc:
                self.fail(str(exc))
        _set_current_input(None)

    def clean(self, source: Source) -> Any:
        from .dedupe import DedupeConfig, clean_text

        return clean_text(source.text, DedupeConfig(threshold=self.threshold))


def _stdin_is_terminal() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _display_name(source: Source) -> str:
    return "<stdin>" if source.is_stdin else source.name


def _resolve_format(fmt: str, as_json: bool) -> str:
    if as_json:
        return "json"
    if fmt != "auto":
        return fmt
    interactive = (
        sys.stdout is not None and sys.stdout.isatty() and os.environ.get("TERM") != "dumb"
    )
    return "rich" if interactive else "plain"


def _color_allowed(no_color: bool) -> bool:
    return not (no_color or "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb")


def common_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Inputs, detection and decoding options shared by every command."""
    options = [
        click.argument("files", nargs=-1, type=click.Path(allow_dash=True)),
        click.option(
            "--threshold",
            type=click.FloatRange(0, 100),
            default=90.0,
            show_default=True,
            help="Minimum similarity (0-100) for text to count as a copy.",
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
    for option in reversed(options):
        func = option(func)
    return func


def output_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Output format and colour options."""
    options = [
        click.option(
            "--format",
            "fmt",
            type=click.Choice(FORMATS),
            default="auto",
            show_default=True,
            help="auto is rich on a terminal, plain in a pipe.",
        ),
        click.option("--json", "as_json", is_flag=True, help="Same as --format json."),
        click.option("--no-color", is_flag=True, help="No colour (also NO_COLOR, TERM=dumb)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _new_run(threshold: float, encoding: str | None, errors: str) -> Run:
    return Run(threshold=threshold, encoding=encoding, errors=errors)


@click.group(
    cls=DefaultGroup,
    epilog=EXIT_CODES_HELP,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, "--version", prog_name="dedupe-cli")
def cli() -> None:
    """Remove duplicated paragraphs from news articles and summarise them.

    Reads files, or stdin when no FILE or `-` is given. Without a command,
    runs `report`.

    \b
    Examples:
      dedupe-cli article.txt                 report: cleaned text, summary, removals
      cat article.txt | dedupe-cli clean     cleaned text on stdout
      dedupe-cli clean --in-place *.txt      rewrite files atomically
      dedupe-cli summarize -n 3 article.txt  three-sentence summary
      dedupe-cli check *.txt                 exit 1 if any file has duplicates
    """


@cli.command(epilog=EXIT_CODES_HELP)
@common_options
@output_options
@click.option(
    "-n",
    "--sentences",
    type=click.IntRange(0),
    default=3,
    show_default=True,
    help="Summary length in sentences.",
)
def report(
    files: tuple[str, ...],
    threshold: float,
    encoding: str | None,
    errors: str,
    fmt: str,
    as_json: bool,
    no_color: bool,
    sentences: int,
) -> None:
    """Show the cleaned article, its summary and what was removed and why.

    \b
    Examples:
      dedupe-cli report article.txt
      dedupe-cli report --format markdown a.txt b.txt > report.md
      dedupe-cli report --json article.txt | jq .removed
    """
    from . import render
    from .models import Report
    from .summarize import summarize

    run = _new_run(threshold, encoding, errors)
    run.fmt, run.color = _resolve_format(fmt, as_json), _color_allowed(no_color)
    for source in run.sources(files):
        result = run.clean(source)
        summary = summarize(result.cleaned, sentences=sentences) if sentences else ()
        rep = Report(_display_name(source), result, summary)
        if run.fmt == "rich":
            run.print_rich(render.render_rich(rep))
        else:
            writer = {
                "json": render.render_json,
                "markdown": render.render_markdown,
                "plain": render.render_plain,
            }[run.fmt]
            run.write(writer(rep))
    raise SystemExit(run.status)


@cli.command(epilog=EXIT_CODES_HELP)
@common_options
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write the cleaned text to this file (atomically) instead of stdout.",
)
@click.option("-i", "--in-place", is_flag=True, help="Rewrite each input file atomically.")
@click.option("--diff", is_flag=True, help="Print a unified diff of what would be removed.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article.")
@many_documents("clean")
def clean(
    files: tuple[str, ...],
    threshold: float,
    encoding: str | None,
    errors: str,
    output: str | None,
    in_place: bool,
    diff: bool,
    as_json: bool,
) -> None:
    """Print the article with duplicated paragraphs removed.

    Kept text is byte-identical to the input, separators and line endings
    included; only the later copies disappear.

    \b
    Examples:
      cat article.txt | dedupe-cli clean > clean.txt
      dedupe-cli clean -o clean.txt article.txt
      dedupe-cli clean --in-place a.txt b.txt
      dedupe-cli clean --diff article.txt
      dedupe-cli clean -r --in-place scraped/
      dedupe-cli clean --jsonl dump.jsonl > clean.jsonl
    """
    _check_clean_options(files, output, in_place, diff, as_json)
    run = _new_run(threshold, encoding, errors)
    if in_place:
        _clean_in_place(run, files)
    elif output and output != STDIN:
        _clean_to_file(run, files, output)
    else:
        _clean_to_stdout(run, files, diff, as_json)
    raise SystemExit(run.status)


def _check_clean_options(
    files: tuple[str, ...], output: str | None, in_place: bool, diff: bool, as_json: bool
) -> None:
    chosen = [
        name
        for name, on in (
            ("--in-place", in_place),
            ("--output", output),
            ("--diff", diff),
            ("--json", as_json),
        )
        if on
    ]
    if len(chosen) > 1:
        raise click.UsageError(f"{chosen[0]} and {chosen[1]} cannot be used together")
    if in_place and (not files or STDIN in files):
        raise click.UsageError("--in-place needs file names; it cannot rewrite stdin")


def _clean_to_stdout(run: Run, files: tuple[str, ...], diff: bool, as_json: bool) -> None:
    from .models import Report
    from .render import render_diff, render_json

    for source in run.sources(files):
        result = run.clean(source)
        if diff:
            run.write(render_diff(Report(_display_name(source), result)))
        elif as_json:
            run.write(render_json(Report(_display_name(source), result)))
        else:
            run.write(result.cleaned)


def _clean_to_file(run: Run, files: tuple[str, ...], output: str) -> None:
    from .sources import write_atomic

    parts = [run.clean(source).cleaned for source in run.sources(files)]
    if run.status == EXIT_OK:
        try:
            write_atomic(output, "".join(parts).encode("utf-8"), must_exist=False)
        except InputError as exc:
            run.fail(str(exc))
    else:
        run.fail(f"{output}: not written because an input failed")


def _clean_in_place(run: Run, files: tuple[str, ...]) -> None:
    from .render import verdict
    from .sources import encode, write_atomic

    seen: set[str] = set()
    for source in run.sources(tuple(dict.fromkeys(files))):
        real = os.path.realpath(source.name)
        if real in seen:
            continue
        seen.add(real)
        result = run.clean(source)
        if result.cleaned == source.text:
            continue
        try:
            write_atomic(source.name, encode(source, result.cleaned), expect=source.fingerprint)
        except InputError as exc:
            run.fail(str(exc))
            continue
        click.echo(f"cleaned {source.name}: {verdict(result)}", err=True)


@cli.command(epilog=EXIT_CODES_HELP)
@common_options
@click.option(
    "-n",
    "--sentences",
    type=click.IntRange(1),
    default=3,
    show_default=True,
    help="Number of sentences.",
)
@click.option(
    "-r",
    "--ratio",
    type=click.FloatRange(0, 1, min_open=True),
    default=None,
    help="Summary length as a share of the article's sentences (overrides -n).",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article.")
def summarize(
    files: tuple[str, ...],
    threshold: float,
    encoding: str | None,
    errors: str,
    sentences: int,
    ratio: float | None,
    as_json: bool,
) -> None:
    """Print an extractive summary: one sentence per line, in article order.

    The summary is taken from the cleaned article, so it never repeats a
    sentence.

    \b
    Examples:
      dedupe-cli summarize article.txt
      dedupe-cli summarize --sentences 5 article.txt
      dedupe-cli summarize --ratio 0.3 article.txt
    """
    from .models import Report
    from .render import one_line, render_json
    from .summarize import summarize as summarize_text

    run = _new_run(threshold, encoding, errors)
    for n, source in enumerate(run.sources(files)):
        result = run.clean(source)
        summary = summarize_text(result.cleaned, sentences=sentences, ratio=ratio)
        if as_json:
            run.write(render_json(Report(_display_name(source), result, summary)))
        else:
            lines = "".join(one_line(s.text) + "\n" for s in summary)
            run.write(("\n" if n else "") + lines)
    raise SystemExit(run.status)


@cli.command(epilog=EXIT_CODES_HELP)
@common_options
@many_documents("check")
def check(files: tuple[str, ...], threshold: float, encoding: str | None, errors: str) -> None:
    """Exit 1 and list the files that contain duplicates; change nothing.

    \b
    Examples:
      dedupe-cli check *.txt
      dedupe-cli check article.txt && echo clean
    """
    from .render import verdict

    run = _new_run(threshold, encoding, errors)
    dirty = total = 0
    for source in run.sources(files):
        total += 1
        result = run.clean(source)
        if result.removed:
            dirty += 1
            run.write(f"{_display_name(source)}: {verdict(result)}\n")
    click.echo(f"{dirty} of {total} file{'s' * (total != 1)} with duplicates", err=True)
    if dirty:
        run.status = max(run.status, EXIT_DUPLICATES)
    raise SystemExit(run.status)


@cli.command(epilog=EXIT_CODES_HELP)
@common_options
@many_options
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
def corpus(
    files: tuple[str, ...],
    threshold: float,
    encoding: str | None,
    errors: str,
    recursive: bool,
    pattern: str,
    jsonl: bool,
    text_field: str,
    id_field: str,
    jobs: int | None,
    min_words: int,
    bands: int,
    rows: int,
    in_document: bool,
    clusters_to: str | None,
    engine: str,
    scheduler: str | None,
) -> None:
    """Remove paragraphs repeated across documents; report clusters in JSON.

    Syndicated copies, newsletter boilerplate, repeated bylines: the first
    occurrence (in input order) is kept, later exact and near copies are
    removed. Prints one JSON line per document: its fields (or `source`),
    `cleaned`, `removed` (inside the document) and `removed_across`.

    \b
    Examples:
      dedupe-cli corpus -r articles/ > cleaned.jsonl
      dedupe-cli corpus --jsonl dump.jsonl --clusters clusters.jsonl > out.jsonl
      dedupe-cli corpus -r articles/ --clusters - | jq .text
      dedupe-cli corpus --engine dask --scheduler tcp://host:8786 --jsonl dump.jsonl
    """
    from .batch import ManyOptions, Settings
    from .corpus import CorpusConfig
    from .corpus_run import run_corpus

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    opts = ManyOptions(recursive, pattern, jsonl, text_field, id_field, jobs)
    settings = Settings("corpus", "jsonl", threshold, encoding, errors, text_field, id_field)
    config = CorpusConfig(threshold=threshold, bands=bands, rows=rows, min_words=min_words)
    run_corpus(files, opts, settings, config, in_document, clusters_to, engine, scheduler)


def _silence_stdout() -> None:
    """Point fd 1 at /dev/null so Python's exit-time flush cannot complain again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError):
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
    where = f" while processing {_current_input}" if _current_input else ""
    return _error(
        f"internal error{where}: {type(exc).__name__}: {exc}"
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
    """While running, SIGTERM (timeout, systemd, docker stop) unwinds like Ctrl-C."""
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
        return EXIT_TERMINATED


def _main(argv: list[str] | None) -> int:
    _set_current_input(None)
    try:
        code = cli.main(args=argv, prog_name="dedupe-cli", standalone_mode=False)
    except (click.exceptions.Abort, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    except click.UsageError as exc:
        return _usage_error(exc)
    except click.ClickException as exc:
        return _error(exc.format_message())
    except (BrokenPipeError, PipeClosed):
        return _quiet_broken_pipe()
    except OutputError as exc:
        _silence_stdout()
        return _error(str(exc))
    except SystemExit as exc:
        code = exc.code
    except Exception as exc:
        return _internal_error(exc)
    flushed = _flush_stdout()
    return flushed if flushed is not None else int(code or 0)
