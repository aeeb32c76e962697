"""Input readers: turn command-line arguments into RawDocs (or Rejections).

:func:`iter_inputs` takes arguments as a user types them: files, folders
(walked recursively in sorted order, hidden entries skipped), glob patterns,
``-`` for standard input, and http(s) URLs. The format comes from the file
extension, else from sniffing the first bytes. Bad input never raises: every
unreadable file, record or URL becomes a :class:`~sitrep.model.Rejection`
naming it and the cause, and iteration goes on.

Memory stays bounded: a file over ``max_bytes`` is refused from its size
without being read, standard input and URLs are read at most ``max_bytes + 1``
bytes, and JSON Lines and WARC files (which may be far larger than one
article) are streamed record by record with the cap applied to each record.

The parts: :mod:`sitrep.ingest.formats` tells the format,
:mod:`sitrep.ingest.streams` reads a stream or in-memory input into documents,
:mod:`sitrep.ingest.documents` makes one HTML or text document,
:mod:`sitrep.ingest.options` holds :class:`~sitrep.ingest.options.ReadOptions`;
this module walks the arguments (files, folders, globs, stdin, URLs).
"""

from __future__ import annotations

import glob
import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, BinaryIO

from sitrep.errors import FetchError
from sitrep.ingest.documents import Item
from sitrep.ingest.formats import EXTENSIONS, STREAMED, format_for_content_type, format_for_name
from sitrep.ingest.options import ReadOptions
from sitrep.ingest.streams import docs_from_bytes, read_gzip, read_stream, too_large
from sitrep.model import RawDoc, Rejection

if TYPE_CHECKING:
    from sitrep.ingest.fetch import Fetcher

__all__ = ["iter_inputs", "iter_url", "walk_files"]

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")

_DEFAULT_OPTIONS = ReadOptions()


def iter_inputs(
    args: Sequence[str], *, options: ReadOptions = _DEFAULT_OPTIONS, stdin: BinaryIO | None = None
) -> Iterator[RawDoc | Rejection]:
    """Every document found in ``args``, in order; problems become Rejections, never exceptions."""
    fetcher: Fetcher | None = None
    try:
        for arg in args:
            if arg == "-":
                stream: IO[bytes] = stdin if stdin is not None else sys.stdin.buffer
                yield from read_stream("-", stream, None, None, options)
            elif _URL.match(arg):
                if arg.split(":", 1)[0].lower() not in ("http", "https"):
                    yield Rejection(arg, "", "unsupported", f"{arg}: only http and https URLs can be read")
                    continue
                if fetcher is None:
                    from sitrep.ingest.fetch import Fetcher  # httpx is only imported when a URL is given

                    fetcher = Fetcher(
                        timeout=options.timeout,
                        max_bytes=options.max_bytes,
                        allow_private=options.allow_private,
                    )
                yield from iter_url(arg, fetcher, options)
            else:
                yield from _iter_path_arg(arg, options)
    finally:
        if fetcher is not None:
            fetcher.close()


# --------------------------------------------------------------------------- paths


def _iter_path_arg(arg: str, options: ReadOptions) -> Iterator[Item]:
    try:
        st = Path(arg).stat()
    except FileNotFoundError:
        if any(char in arg for char in "*?["):
            yield from _iter_glob(arg, options)
        else:
            yield Rejection(arg, "", "not_found", f"{arg}: no such file or folder")
        return
    except PermissionError as exc:
        yield Rejection(arg, "", "permission", f"{arg}: permission denied ({exc.strerror})")
        return
    except OSError as exc:
        yield Rejection(arg, "", "not_found", f"{arg}: cannot be reached ({exc.strerror or exc})")
        return
    if stat.S_ISDIR(st.st_mode):
        yield from _iter_folder(arg, options)
    else:
        yield from _read_file(arg, st, options)


def _iter_glob(pattern: str, options: ReadOptions) -> Iterator[Item]:
    matches = sorted(glob.glob(pattern, recursive=True))  # noqa: PTH207  (Path.glob takes no absolute patterns)
    if not matches:
        yield Rejection(pattern, "", "not_found", f"{pattern}: no file matches the pattern")
        return
    seen: set[str] = set()
    for match in matches:
        path = Path(match)
        if path.is_dir():
            yield from _iter_folder(match, options, seen)
        elif match not in seen:
            seen.add(match)
            yield from _iter_path_arg(match, options)


def _list_folder(folder: str) -> list[os.DirEntry[str]] | Rejection:
    try:
        with os.scandir(folder) as it:
            return sorted(it, key=lambda e: e.name)
    except PermissionError as exc:
        return Rejection(folder, "", "permission", f"{folder}: folder cannot be read ({exc.strerror})")
    except OSError as exc:
        return Rejection(folder, "", "not_found", f"{folder}: folder cannot be read ({exc.strerror or exc})")


def walk_files(top: str) -> Iterator[str | Rejection]:
    """Files under ``top``, depth-first in name order (a folder's contents come where its name sorts),
    skipping hidden entries and not following symlinked folders. A folder that cannot be listed
    becomes a Rejection and the walk goes on."""
    listed = _list_folder(top)
    if isinstance(listed, Rejection):
        yield listed
        return
    stack = [iter(listed)]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if not is_dir:
            yield entry.path
            continue
        listed = _list_folder(entry.path)
        if isinstance(listed, Rejection):
            yield listed
        else:
            stack.append(iter(listed))


def _iter_folder(top: str, options: ReadOptions, seen: set[str] | None = None) -> Iterator[Item]:
    anything = False
    for found in walk_files(top):
        anything = True
        if isinstance(found, Rejection):
            yield found
        elif seen is None or found not in seen:
            if seen is not None:
                seen.add(found)
            yield from _iter_path_arg(found, options)
    if not anything and seen is None:
        yield Rejection(top, "", "empty", f"{top}: the folder has no (non-hidden) files")


def _read_file(source: str, st: os.stat_result, options: ReadOptions) -> Iterator[Item]:
    fmt = format_for_name(source)
    regular = stat.S_ISREG(st.st_mode)
    if regular and fmt is not None and fmt not in STREAMED and st.st_size > options.max_bytes:
        yield too_large(source, "", st.st_size, options)
        return
    try:
        handle = Path(source).open("rb")  # noqa: SIM115  (closed in the finally below)
    except PermissionError as exc:
        yield Rejection(source, "", "permission", f"{source}: permission denied ({exc.strerror})")
        return
    except OSError as exc:
        yield Rejection(source, "", "not_found", f"{source}: cannot be opened ({exc.strerror or exc})")
        return
    try:
        if fmt == "gzip":
            inner = EXTENSIONS.get(Path(source[: -len(".gz")]).suffix.lower())
            yield from read_gzip(source, handle, inner, options)
        else:
            yield from read_stream(source, handle, fmt, st.st_size if regular else None, options)
    except OSError as exc:  # an I/O error in the middle of a read
        yield Rejection(source, "", "unsupported", f"{source}: read error ({exc.strerror or exc})")
    finally:
        handle.close()


# --------------------------------------------------------------------------- URLs


def iter_url(url: str, fetcher: Fetcher, options: ReadOptions) -> Iterator[Item]:
    """Documents at an http(s) URL: one page (html or text/plain), or the records of a feed or JSON."""
    try:
        fetched = fetcher.fetch(url)
    except FetchError as exc:
        yield Rejection(url, "", exc.code, exc.detail)
        return
    fmt = format_for_content_type(fetched.content_type, fetched.body)
    if fmt.startswith("unsupported:"):
        yield Rejection(url, "", "unsupported", f"{url}: {fmt.split(':', 1)[1]} is not supported")
        return
    yield from docs_from_bytes(
        fetched.body,
        fmt,
        url,
        options,
        declared=fetched.charset,
        url=fetched.url,
        content_type=fetched.content_type,
    )
