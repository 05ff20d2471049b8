"""Reading inputs and writing files back: the only module that touches disk.

Every failure becomes an `InputError` with a one-line message, so the CLI can
report it, go on with the other files and exit 2 at the end. `tempfile` and
`pathlib` load only when a file is written: reading stdin never pays for them.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import stat
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from pathlib import Path

STDIN = "-"
TEMP_SUFFIX = ".dedupe-tmp"
# Longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

Fingerprint = tuple[int, int, int, int]
"""(device, inode, size, mtime in ns): enough to notice that a file changed."""


class InputError(Exception):
    """A problem with one input, explained in one line."""


@dataclass(frozen=True)
class Source:
    """One decoded input and what is needed to write it back the same way.

    `encoding` is a codec without BOM handling and `bom` the mark the input
    started with, so an in-place rewrite keeps both (and the byte order).
    `fingerprint` is the file's identity when it was read, so a rewrite can
    refuse to clobber a file that changed in the meantime.
    """

    name: str
    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    fingerprint: Fingerprint | None = None

    @property
    def is_stdin(self) -> bool:
        return self.name == STDIN


def _sniff_bom(data: bytes) -> tuple[bytes, str] | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return bom, encoding
    return None


def decode(name: str, data: bytes, encoding: str | None = None, errors: str = "strict") -> Source:
    """Turn raw bytes into text, refusing binary data and naming bad bytes.

    Without `--encoding` a BOM decides (and is kept aside for writing back);
    otherwise UTF-8. An explicit encoding is used exactly as given.
    """
    bom, found = _choose_codec(data, encoding)
    if codecs_name(found) == "utf-8" and b"\x00" in data:
        offset = data.index(b"\x00")
        raise InputError(f"{name}: looks like a binary file (NUL byte at offset {offset})")
    try:
        text = data[len(bom) :].decode(found, errors=errors)
    except UnicodeDecodeError as exc:
        offset = exc.start + len(bom)
        raise InputError(
            f"{name}: not valid {found} (byte 0x{data[offset]:02x} at offset {offset});"
            " try --encoding or --errors replace"
        ) from None
    except LookupError:
        raise InputError(f"unknown encoding: {found}") from None
    return Source(name, text, found, bom)


def _choose_codec(data: bytes, encoding: str | None) -> tuple[bytes, str]:
    """(BOM, codec without BOM handling) so that writing back reproduces both.

    A BOM-aware `--encoding` (utf-16, utf-32, utf-8-sig) is pinned to the byte
    order the file actually has, and to "no BOM" when it has none.
    """
    sniffed = _sniff_bom(data)
    if encoding is None:
        return sniffed or (b"", "utf-8")
    family = codecs_name(encoding)
    if family not in _BOM_AWARE:
        return b"", encoding
    if sniffed and sniffed[1].startswith(_BOM_AWARE[family]):
        return sniffed
    if family == "utf-8-sig":
        return b"", "utf-8"
    return b"", f"{family}-{'le' if sys.byteorder == 'little' else 'be'}"


_BOM_AWARE = {"utf-16": "utf-16", "utf-32": "utf-32", "utf-8-sig": "utf-8"}


def codecs_name(encoding: str) -> str:
    """Canonical codec name ('UTF8' -> 'utf-8'), or the input when unknown."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding


def fingerprint(st: os.stat_result) -> Fingerprint:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _read_all(fh: BinaryIO) -> bytes:
    """Seam for tests that change a file while it is being read."""
    return fh.read()


def read_bytes(name: str) -> tuple[bytes, Fingerprint | None]:
    """Read a file or stdin, turning OS errors into one-line messages.

    A regular file whose size or mtime moves during the read is refused: the
    bytes may be half old, half new.
    """
    if name == STDIN:
        return sys.stdin.buffer.read(), None
    try:
        if os.path.isdir(name):
            raise IsADirectoryError
        with open(name, "rb") as fh:
            before = os.fstat(fh.fileno())
            data = _read_all(fh)
            after = os.fstat(fh.fileno())
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory (use -r to read the files in it)") from None
    except OSError as exc:
        raise InputError(f"{name}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(before.st_mode):
        return data, None
    if fingerprint(before) != fingerprint(after):
        raise InputError(f"{name}: changed while being read; not processed")
    return data, fingerprint(before)


def read_source(name: str, encoding: str | None = None, errors: str = "strict") -> Source:
    """Read and decode one input named on the command line (`-` is stdin)."""
    data, fp = read_bytes(name)
    source = decode(name, data, encoding, errors)
    return Source(source.name, source.text, source.encoding, source.bom, fp)


def encode(source: Source, text: str) -> bytes:
    """Encode text the way its source was encoded (BOM and byte order included)."""
    return source.bom + text.encode(source.encoding)


def write_atomic(
    path: str, data: bytes, must_exist: bool = True, expect: Fingerprint | None = None
) -> None:
    """Replace a file's contents all at once: temp file, fsync, rename.

    A symlink is followed so the link survives and its target is rewritten;
    the file's permission bits (and owner, when allowed) are kept. With
    `expect`, a file that changed since it was read is left alone. On any
    failure the original stays as it was and the temp file is removed; temp
    files of earlier runs that were killed are removed first.

    A target that exists but is not a regular file (a device such as
    /dev/null, a FIFO) cannot be replaced: `-o` writes into it directly and
    `--in-place` refuses it.
    """
    import tempfile
    from pathlib import Path

    target = Path(os.path.realpath(path))
    try:
        st = _stat_or_none(target, must_exist)
        if st is not None and not stat.S_ISREG(st.st_mode):
            if must_exist:
                raise InputError(f"{path}: not a regular file; cannot rewrite it in place")
            _write_direct(target, data)
            return
        remove_stale_temps(target)
        fd, tmp = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.{os.getpid()}.", suffix=TEMP_SUFFIX
        )
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        _fill_temp(fd, tmp, data, st)
        _check_unchanged(path, target, expect)
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None
        raise
    _fsync_dir(target.parent)


def _stat_or_none(target: Path, must_exist: bool) -> os.stat_result | None:
    try:
        return target.stat()
    except FileNotFoundError:
        if must_exist:
            raise
        return None


def _write_direct(target: Path, data: bytes) -> None:
    with open(target, "wb") as fh:
        fh.write(data)


def _fill_temp(fd: int, tmp: str, data: bytes, st: os.stat_result | None) -> None:
    """Write, fsync and give the temp file the old file's mode and owner."""
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    if st is None:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        return
    if (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
        with contextlib.suppress(OSError):
            os.chown(tmp, st.st_uid, st.st_gid)
    os.chmod(tmp, stat.S_IMODE(st.st_mode))


def _check_unchanged(path: str, target: Path, expect: Fingerprint | None) -> None:
    """Refuse to replace a file someone else wrote after we read it."""
    if expect is None:
        return
    try:
        now = fingerprint(target.stat())
    except FileNotFoundError:
        now = None
    if now != expect:
        raise InputError(f"{path}: changed since it was read; not rewritten")


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable; best effort (not every OS allows it)."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_stale_temps(target: Path) -> list[Path]:
    """Delete `.NAME.PID.*.dedupe-tmp` files left by runs that were killed.

    Only temp files of `target` whose process is gone are removed, so a
    concurrent run on the same file keeps its own.
    """
    from pathlib import Path

    prefix = f".{target.name}."
    removed = []
    with contextlib.suppress(OSError), os.scandir(target.parent) as entries:
        for entry in entries:
            name = entry.name
            if not (name.startswith(prefix) and name.endswith(TEMP_SUFFIX)):
                continue
            pid = name[len(prefix) :].split(".", 1)[0]
            if pid.isdigit() and not _alive(int(pid)):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
