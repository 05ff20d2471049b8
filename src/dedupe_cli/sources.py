"""Reading inputs and writing files back: the only module that touches disk.

Every failure becomes an `InputError` with a one-line message, so the CLI can
report it, go on with the other files and exit 2 at the end.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

STDIN = "-"
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class InputError(Exception):
    """A problem with one input, explained in one line."""


@dataclass(frozen=True)
class Source:
    """One decoded input and what is needed to write it back the same way."""

    name: str
    text: str
    encoding: str = "utf-8"

    @property
    def is_stdin(self) -> bool:
        return self.name == STDIN


def _sniff_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def decode(name: str, data: bytes, encoding: str | None = None, errors: str = "strict") -> Source:
    """Turn raw bytes into text, refusing binary data and naming bad bytes."""
    found = encoding or _sniff_encoding(data) or "utf-8"
    if found == "utf-8" and b"\x00" in data:
        offset = data.index(b"\x00")
        raise InputError(f"{name}: looks like a binary file (NUL byte at offset {offset})")
    try:
        text = data.decode(found, errors=errors)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not valid {found} (byte 0x{data[exc.start]:02x} at offset {exc.start});"
            " try --encoding or --errors replace"
        ) from None
    except LookupError:
        raise InputError(f"unknown encoding: {found}") from None
    return Source(name, text, found)


def read_bytes(name: str) -> bytes:
    """Read a file or stdin, turning OS errors into one-line messages."""
    if name == STDIN:
        return sys.stdin.buffer.read()
    path = Path(name)
    try:
        if path.is_dir():
            raise InputError(f"{name}: is a directory (use -r to read the files in it)")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory (use -r to read the files in it)") from None
    except OSError as exc:
        raise InputError(f"{name}: {exc.strerror or exc}") from None


def read_source(name: str, encoding: str | None = None, errors: str = "strict") -> Source:
    """Read and decode one input named on the command line (`-` is stdin)."""
    return decode(name, read_bytes(name), encoding, errors)


def encode(source: Source, text: str) -> bytes:
    """Encode text the way its source was encoded (BOM included)."""
    return text.encode(source.encoding)


def write_atomic(path: str, data: bytes, must_exist: bool = True) -> None:
    """Replace a file's contents all at once: temp file, fsync, rename.

    A symlink is followed so the link survives and its target is rewritten;
    the file's permission bits are kept. On any failure the original stays
    as it was and the temp file is removed.
    """
    target = Path(os.path.realpath(path))
    try:
        mode = _mode_for(target, must_exist)
        fd, tmp = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".dedupe-tmp"
        )
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None
        raise


def _mode_for(target: Path, must_exist: bool) -> int:
    """Permission bits for the new file: the old file's, or the umask default."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        if must_exist:
            raise
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
