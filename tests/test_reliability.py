"""Issue 7, bad input table: each case gets a one-line error (exit 2) or a documented behaviour.

The README section "Bad input and safety" lists the same cases; keep them in step.
"""

from __future__ import annotations

import codecs
import errno
import os
import sys
import tempfile
from pathlib import Path

import pytest
from cli_harness import ARTICLE, ARTICLE_CLEAN, invoke_main, one_line_error

from dedupe_cli import dedupe, sources

COMMANDS = (["clean"], ["report", "--json"], ["summarize"], ["check"])
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def article(tmp_path: Path, name: str = "a.txt", data: bytes | None = None) -> Path:
    path = tmp_path / name
    path.write_bytes(ARTICLE.encode() if data is None else data)
    return path


def listing(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


# ---- inputs that cannot be read: one line, exit 2, the other files still run -----------


@pytest.mark.parametrize("command", COMMANDS)
def test_missing_file_is_one_line_and_others_still_run(tmp_path: Path, command: list[str]) -> None:
    good = article(tmp_path)
    out = invoke_main([*command, str(tmp_path / "nope.txt"), str(good)])
    assert out.code == 2
    errors = "".join(line for line in out.stderr.splitlines(True) if "with duplicates" not in line)
    assert one_line_error(errors).endswith("nope.txt: no such file")
    assert out.stdout  # the good file was still processed


def test_directory_without_recursion(tmp_path: Path) -> None:
    out = invoke_main(["clean", str(tmp_path)])
    assert out.code == 2
    assert "is a directory (use -r" in one_line_error(out.stderr)


@pytest.mark.skipif(IS_ROOT, reason="root reads files whatever their mode; simulated below")
def test_unreadable_file_real_permissions(tmp_path: Path) -> None:
    path = article(tmp_path)
    path.chmod(0)
    out = invoke_main(["clean", str(path)])
    assert out.code == 2
    assert one_line_error(out.stderr).endswith("a.txt: permission denied")


def test_unreadable_file_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run as root in CI, so chmod 000 does not block reads: make open() refuse."""
    locked, other = article(tmp_path), article(tmp_path, "b.txt")
    real_open = open

    def refusing_open(file: object, *args: object, **kwargs: object) -> object:
        if str(file) == str(locked):
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(sources, "open", refusing_open, raising=False)
    out = invoke_main(["clean", str(locked), str(other)])
    assert out.code == 2
    assert one_line_error(out.stderr).endswith("a.txt: permission denied")
    assert out.stdout.decode() == ARTICLE_CLEAN


def test_binary_file_names_the_nul_offset(tmp_path: Path) -> None:
    path = article(tmp_path, data=b"PNG\x00\x01\x02")
    out = invoke_main(["clean", str(path)])
    assert out.code == 2
    assert "looks like a binary file (NUL byte at offset 3)" in one_line_error(out.stderr)


def test_invalid_utf8_names_byte_and_offset(tmp_path: Path) -> None:
    path = article(tmp_path, data=ARTICLE.encode() + b"caf\xe9\n")
    out = invoke_main(["clean", str(path)])
    assert out.code == 2
    offset = len(ARTICLE.encode()) + 3
    assert f"byte 0xe9 at offset {offset}" in one_line_error(out.stderr)
    assert out.stdout == b""


def test_invalid_utf8_offset_counts_the_bom(tmp_path: Path) -> None:
    path = article(tmp_path, data=codecs.BOM_UTF8 + b"ab\xff")
    out = invoke_main(["clean", str(path)])
    assert "byte 0xff at offset 5" in one_line_error(out.stderr)


def test_invalid_utf8_with_errors_replace(tmp_path: Path) -> None:
    path = article(tmp_path, data=b"caf\xe9 au lait\n")
    out = invoke_main(["clean", "--errors", "replace", str(path)])
    assert out.code == 0
    assert out.stdout.decode() == "caf\ufffd au lait\n"


def test_invalid_utf8_with_explicit_encoding(tmp_path: Path) -> None:
    path = article(tmp_path, data=b"caf\xe9 au lait\n")
    out = invoke_main(["clean", "--encoding", "latin-1", str(path)])
    assert out.code == 0
    assert out.stdout.decode() == "café au lait\n"


def test_unknown_encoding(tmp_path: Path) -> None:
    out = invoke_main(["clean", "--encoding", "klingon", str(article(tmp_path))])
    assert out.code == 2
    assert "unknown encoding: klingon" in one_line_error(out.stderr)


# ---- encodings and line endings survive --------------------------------------------------


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_bom_is_decoded_and_kept_in_place(tmp_path: Path, bom: bytes, codec: str) -> None:
    path = article(tmp_path, data=bom + ARTICLE.encode(codec))
    out = invoke_main(["clean", "--in-place", str(path)])
    assert out.code == 0, out.stderr
    assert path.read_bytes() == bom + ARTICLE_CLEAN.encode(codec)


def test_bom_input_prints_utf8_without_bom(tmp_path: Path) -> None:
    path = article(tmp_path, data=codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"))
    out = invoke_main(["clean", str(path)])
    assert out.stdout == ARTICLE_CLEAN.encode("utf-8")


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_line_endings_are_preserved(tmp_path: Path, newline: str) -> None:
    data = ARTICLE.replace("\n", newline).encode()
    path = article(tmp_path, data=data)
    expected = ARTICLE_CLEAN.replace("\n", newline).encode()
    assert invoke_main(["clean", str(path)]).stdout == expected
    assert invoke_main(["clean", "--in-place", str(path)]).code == 0
    assert path.read_bytes() == expected


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", " \t\r\n \n", "\ufeff"])
@pytest.mark.parametrize("command", COMMANDS)
def test_empty_and_whitespace_input(text: str, command: list[str]) -> None:
    out = invoke_main(command, stdin=text.encode())
    assert out.code == 0
    assert "error" not in out.stderr
    if command == ["clean"]:  # stdout is UTF-8 without a BOM
        assert out.stdout == text.encode().removeprefix(codecs.BOM_UTF8)


def test_long_single_line(tmp_path: Path) -> None:
    """A few MB on one line in CI; the README documents 100 MB (memory grows linearly)."""
    line = " ".join(f"w{i}" for i in range(300_000))
    path = article(tmp_path, data=line.encode())
    out = invoke_main(["clean", str(path)])
    assert out.code == 0
    assert out.stdout == line.encode()


# ---- files that change under us ----------------------------------------------------------


def test_file_changing_while_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, other = article(tmp_path), article(tmp_path, "b.txt")
    real_read = sources._read_all

    def read_while_appending(fh):  # type: ignore[no-untyped-def]
        data = real_read(fh)
        if fh.name == str(path):
            with open(path, "ab") as writer:
                writer.write(b"A late paragraph from the scraper.\n")
        return data

    monkeypatch.setattr(sources, "_read_all", read_while_appending)
    out = invoke_main(["clean", "--in-place", str(path), str(other)])
    assert out.code == 2
    assert "a.txt: changed while being read" in one_line_error(out.stderr.split("cleaned")[0])
    assert path.read_bytes() == ARTICLE.encode() + b"A late paragraph from the scraper.\n"
    assert other.read_bytes() == ARTICLE_CLEAN.encode()


def test_in_place_does_not_clobber_a_file_changed_after_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = article(tmp_path)
    real_clean = dedupe.clean_text

    def clean_then_someone_writes(text, config):  # type: ignore[no-untyped-def]
        result = real_clean(text, config)
        path.write_bytes(b"Edited by someone else meanwhile.\n")
        return result

    monkeypatch.setattr(dedupe, "clean_text", clean_then_someone_writes)
    out = invoke_main(["clean", "--in-place", str(path)])
    assert out.code == 2
    assert "changed since it was read; not rewritten" in one_line_error(out.stderr)
    assert path.read_bytes() == b"Edited by someone else meanwhile.\n"
    assert listing(tmp_path) == ["a.txt"]


# ---- in-place targets --------------------------------------------------------------------


@pytest.mark.parametrize("stdin_args", [[], ["-"], ["a.txt", "-"]])
def test_in_place_on_stdin_is_a_one_line_usage_error(stdin_args: list[str]) -> None:
    out = invoke_main(["clean", "--in-place", *stdin_args], stdin=ARTICLE.encode())
    assert out.code == 2
    assert "cannot rewrite stdin" in one_line_error(out.stderr)
    assert out.stdout == b""


def test_same_file_twice(tmp_path: Path) -> None:
    """To stdout every name is an article; in place a file is rewritten once."""
    path = article(tmp_path)
    link = tmp_path / "link.txt"
    link.symlink_to(path.name)
    printed = invoke_main(["clean", str(path), str(path)])
    assert printed.stdout.decode() == ARTICLE_CLEAN * 2
    rewritten = invoke_main(["clean", "--in-place", str(path), str(path), str(link)])
    assert rewritten.code == 0
    assert rewritten.stderr.count("cleaned") == 1
    assert path.read_text() == ARTICLE_CLEAN


def test_symlink_in_place_rewrites_target_and_keeps_link(tmp_path: Path) -> None:
    real = article(tmp_path, "real.txt")
    link = tmp_path / "link.txt"
    link.symlink_to("real.txt")
    out = invoke_main(["clean", "--in-place", str(link)])
    assert out.code == 0
    assert link.is_symlink() and os.readlink(link) == "real.txt"
    assert real.read_text() == ARTICLE_CLEAN
    assert listing(tmp_path) == ["link.txt", "real.txt"]


def test_dangling_symlink(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to("gone.txt")
    out = invoke_main(["clean", "--in-place", str(link)])
    assert out.code == 2
    assert "no such file" in one_line_error(out.stderr)
    assert link.is_symlink()


def test_in_place_refuses_non_regular_files(tmp_path: Path) -> None:
    """Renaming over a FIFO or device would replace it with a regular file."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(sources.InputError, match="not a regular file"):
        sources.write_atomic(str(fifo), b"x")
    assert fifo.is_fifo()
    assert listing(tmp_path) == ["pipe"]


def test_read_only_directory_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root ignores directory modes, so make creating the temp file fail as EACCES would."""
    path = article(tmp_path)

    def no_create(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", no_create)
    out = invoke_main(["clean", "--in-place", str(path)])
    assert out.code == 2
    assert one_line_error(out.stderr).endswith("a.txt: cannot write: Permission denied")
    assert path.read_bytes() == ARTICLE.encode()


@pytest.mark.skipif(IS_ROOT, reason="root ignores directory permissions; simulated above")
def test_read_only_directory_real(tmp_path: Path) -> None:
    path = article(tmp_path)
    tmp_path.chmod(0o555)
    try:
        out = invoke_main(["clean", "--in-place", str(path)])
    finally:
        tmp_path.chmod(0o755)
    assert out.code == 2
    assert "cannot write" in one_line_error(out.stderr)
    assert path.read_bytes() == ARTICLE.encode()


@pytest.mark.parametrize(
    ("encoding", "prefix", "codec"),
    [
        ("utf-16", codecs.BOM_UTF16_BE, "utf-16-be"),
        ("UTF16", codecs.BOM_UTF16_LE, "utf-16-le"),
        ("utf-16", b"", "utf-16-le" if sys.byteorder == "little" else "utf-16-be"),
        ("utf-8-sig", b"", "utf-8"),
        ("utf-8-sig", codecs.BOM_UTF8, "utf-8"),
    ],
)
def test_explicit_bom_aware_encoding_keeps_byte_order_and_bom(
    tmp_path: Path, encoding: str, prefix: bytes, codec: str
) -> None:
    path = article(tmp_path, data=prefix + ARTICLE.encode(codec))
    out = invoke_main(["clean", "--in-place", "--encoding", encoding, str(path)])
    assert out.code == 0, out.stderr
    assert path.read_bytes() == prefix + ARTICLE_CLEAN.encode(codec)


@pytest.mark.skipif(not IS_ROOT, reason="only root can give a file to another user")
def test_in_place_keeps_owner_and_mode(tmp_path: Path) -> None:
    path = article(tmp_path)
    os.chown(path, 12345, 23456)
    path.chmod(0o2640)  # setgid survives too: chmod runs after chown
    out = invoke_main(["clean", "--in-place", str(path)])
    assert out.code == 0, out.stderr
    st = path.stat()
    assert (st.st_uid, st.st_gid) == (12345, 23456)
    assert st.st_mode & 0o7777 == 0o2640
    assert path.read_text() == ARTICLE_CLEAN
