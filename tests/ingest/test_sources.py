"""Input readers: real files under tmp_path and a real HTTP server on 127.0.0.1 (no mocks)."""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitrep.errors import REJECTION_CODES
from sitrep.ingest.fetch import Fetcher, is_public_address
from sitrep.ingest.options import ReadOptions
from sitrep.ingest.sources import iter_inputs, iter_url
from sitrep.model import RawDoc, Rejection

SRC = Path(__file__).resolve().parents[2] / "src"
RUSSIAN = (
    "Москва, 21 ноября. Правительство России объявило о новых мерах поддержки экономики. "
    "Министр финансов заявил журналистам, что бюджет будет исполнен в полном объёме."
)
ARTICLE = "<html><body><p>Über den Fluss.</p></body></html>"
FRENCH = (
    "Le café de la gare était fermé. Les élèves ont mangé des crêpes à Noël, "
    "et le garçon a reçu un cadeau très apprécié."
)


def read(*args: str, **kwargs: Any) -> list[RawDoc | Rejection]:
    items = list(iter_inputs(list(args), **kwargs))
    for item in items:
        if isinstance(item, Rejection):
            assert item.code in REJECTION_CODES
            assert item.detail
    return items


def docs(items: list[RawDoc | Rejection]) -> list[RawDoc]:
    return [i for i in items if isinstance(i, RawDoc)]


def rejections(items: list[RawDoc | Rejection]) -> list[Rejection]:
    return [i for i in items if isinstance(i, Rejection)]


def only_rejection(items: Sequence[RawDoc | Rejection]) -> Rejection:
    assert len(items) == 1, items
    assert isinstance(items[0], Rejection), items
    return items[0]


def only_doc(items: list[RawDoc | Rejection]) -> RawDoc:
    assert len(items) == 1, items
    assert isinstance(items[0], RawDoc), items
    return items[0]


# --------------------------------------------------------------------------- files and folders


def test_text_file(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Officials said on Monday that the bridge would reopen.\n", encoding="utf-8")
    doc = only_doc(read(str(path)))
    assert (doc.source, doc.locator, doc.kind) == (str(path), "", "text")
    assert doc.text == "Officials said on Monday that the bridge would reopen.\n"
    assert doc.charset == "utf-8"


def test_folder_recursion_order_and_hidden_skip(tmp_path: Path) -> None:
    for rel in [
        "b.txt",
        "a/z.txt",
        "a/b/c.txt",
        "c.md",
        "a0.txt",
        ".hidden.txt",
        ".git/x.txt",
        "a/.secret/y.txt",
    ]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"contents of {rel}\n", encoding="utf-8")
    found = [Path(d.source).relative_to(tmp_path).as_posix() for d in docs(read(str(tmp_path)))]
    assert found == ["a/b/c.txt", "a/z.txt", "a0.txt", "b.txt", "c.md"]
    assert found == [Path(d.source).relative_to(tmp_path).as_posix() for d in docs(read(str(tmp_path)))]
    (tmp_path / "empty-folder").mkdir()
    assert only_rejection(read(str(tmp_path / "empty-folder"))).code == "empty"


def test_glob(tmp_path: Path) -> None:
    for rel in ["x/one.html", "x/deep/two.html", "x/deep/skip.txt", "x/three.htm"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"<html><body><p>" + rel.encode() + b"</p></body></html>")
    items = read(str(tmp_path / "x" / "**" / "*.html"))
    assert [Path(d.source).name for d in docs(items)] == ["two.html", "one.html"]
    assert all(d.kind == "html" for d in docs(items))
    missing = only_rejection(read(str(tmp_path / "nothing" / "*.html")))
    assert missing.code == "not_found"


def test_stdin() -> None:
    lines = b'{"text": "First story from a pipe.", "title": "One"}\n{"html": "<p>Second</p>"}\n'
    items = read("-", stdin=io.BytesIO(lines))
    assert [(d.source, d.locator, d.kind) for d in docs(items)] == [("-", "#1", "text"), ("-", "#2", "html")]
    assert docs(items)[0].meta["title"] == "One"
    plain = only_doc(read("-", stdin=io.BytesIO(b"Just some text, sniffed.")))
    assert plain.kind == "text" and plain.text == "Just some text, sniffed."


def test_html_file_with_meta_charset_windows_1251(tmp_path: Path) -> None:
    html = (
        f'<html><head><meta charset="windows-1251"><title>Новости</title></head>'
        f"<body><p>{RUSSIAN}</p></body></html>"
    )
    raw = html.encode("cp1251")
    path = tmp_path / "page.html"
    path.write_bytes(raw)
    doc = only_doc(read(str(path)))
    assert doc.kind == "html"
    assert doc.data == raw
    assert doc.charset == "cp1251"
    assert doc.data.decode(doc.charset) == html


def test_json_list(tmp_path: Path) -> None:
    records = [
        {
            "text": "Alpha story.",
            "url": "https://example.com/a",
            "date": "2024-05-01",
            "source": "Example Times",
        },
        {
            "html": "<p>Beta story.</p>",
            "title": "Beta",
            "published_at": "2024-05-02",
            "source": {"id": "x", "name": "X"},
            "site_name": "X News",
        },
    ]
    path = tmp_path / "batch.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    first, second = docs(read(str(path)))
    assert (first.locator, first.kind, first.text) == ("[0]", "text", "Alpha story.")
    assert first.meta == {
        "url": "https://example.com/a",
        "published": "2024-05-01",
        "outlet": "Example Times",
    }
    assert (second.locator, second.kind, second.text) == ("[1]", "html", "<p>Beta story.</p>")
    assert second.meta == {"title": "Beta", "published": "2024-05-02", "outlet": "X News"}
    assert second.extra == {"source": {"id": "x", "name": "X"}}


def test_jsonl_extra_fields_kept(tmp_path: Path) -> None:
    record = {
        "text": "Gamma story.",
        "author": "A. Writer",
        "outlet": "Daily",
        "lang_hint": "en",
        "tags": ["a", "b"],
        "score": 0.5,
        "nested": {"k": [1, 2]},
    }
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    doc = only_doc(read(str(path)))
    assert doc.locator == "#1"
    assert doc.meta == {"author": "A. Writer", "outlet": "Daily"}
    assert doc.extra == {"lang_hint": "en", "tags": ["a", "b"], "score": 0.5, "nested": {"k": [1, 2]}}


def test_jsonl_malformed_line_in_middle(tmp_path: Path) -> None:
    path = tmp_path / "batch.ndjson"
    path.write_text('{"text": "one"}\n{"text": "two", oops}\n\n{"text": "four"}\n', encoding="utf-8")
    items = read(str(path))
    assert [(type(i).__name__, i.locator) for i in items] == [
        ("RawDoc", "#1"),
        ("Rejection", "#2"),
        ("RawDoc", "#4"),
    ]
    bad = rejections(items)[0]
    assert bad.code == "malformed_json" and str(path) in bad.detail and "#2" in bad.detail
    assert [d.text for d in docs(items)] == ["one", "four"]


def test_record_without_text_or_html(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        '{"title": "No body", "url": "https://example.com"}\n[1, 2]\n{"text": "ok"}\n', encoding="utf-8"
    )
    items = read(str(path))
    assert [(type(i).__name__, getattr(i, "code", None)) for i in items] == [
        ("Rejection", "malformed_record"),
        ("Rejection", "malformed_record"),
        ("RawDoc", None),
    ]


# --------------------------------------------------------------------------- WARC


def _write_warc(path: Path, *, gz: bool) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        pages = [
            ("http://example.com/one", "text/html; charset=utf-8", b"<html><body><p>One</p></body></html>"),
            ("http://example.com/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(200)),
            ("http://example.com/two", "application/xhtml+xml", b"<html><body><p>Two</p></body></html>"),
        ]
        for uri, content_type, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            )
        writer.write_record(
            writer.create_warc_record(
                "http://example.com/one", "request", payload=io.BytesIO(b"GET /one HTTP/1.1\r\n\r\n")
            )
        )


def test_warc_html_responses(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _write_warc(path, gz=True)
    items = read(str(path))
    assert not rejections(items)
    one, two = docs(items)
    assert (one.kind, one.meta["url"], one.data, one.charset) == (
        "html",
        "http://example.com/one",
        b"<html><body><p>One</p></body></html>",
        "utf-8",
    )
    assert two.meta["url"] == "http://example.com/two"
    assert one.locator == "@0" and two.locator.startswith("@") and int(two.locator[1:]) > 0


def test_truncated_warc(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc"
    _write_warc(whole, gz=False)
    data = whole.read_bytes()
    third = data.index(b"WARC/1", data.index(b"http://example.com/two") - 400)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: third + 250])  # cut inside the third response record
    items = read(str(path))
    assert [d.meta["url"] for d in docs(items)] == ["http://example.com/one"]
    bad = only_rejection(rejections(items))
    assert bad.code == "malformed_warc" and "truncated" in bad.detail
    assert items[-1] is bad


def test_corrupted_warc_gz(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    _write_warc(whole, gz=True)
    data = bytearray(whole.read_bytes())
    data[-300:-250] = bytes(50)  # damage the later gzip members
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(bytes(data))
    items = read(str(path))
    assert docs(items) and docs(items)[0].meta["url"] == "http://example.com/one"
    assert items[-1].code == "malformed_warc"  # type: ignore[union-attr]
    not_warc = tmp_path / "plain.warc"
    not_warc.write_text("hello, this is not a WARC file\n" * 5, encoding="utf-8")
    assert only_rejection(read(str(not_warc))).code == "malformed_warc"


# --------------------------------------------------------------------------- feeds

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour Gazette</title><link>https://gazette.example/</link>
<item><title>Port reopens</title><link>https://gazette.example/port</link>
<pubDate>Tue, 05 Mar 2024 09:30:00 GMT</pubDate><description>Short summary.</description>
<content:encoded><![CDATA[<p>The <b>port</b> reopened on Tuesday.</p>]]></content:encoded></item>
<item><title>Storm</title><link>https://gazette.example/storm</link>
<description>&lt;p&gt;Only a summary here.&lt;/p&gt;</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Wire</title><id>urn:x</id>
<updated>2024-03-06T10:00:00Z</updated>
<entry><title>Dam inspected</title><link href="https://wire.example/dam"/><id>urn:x:1</id>
<updated>2024-03-06T10:00:00Z</updated><author><name>R. Reporter</name></author>
<content type="html">&lt;p&gt;Engineers inspected the dam.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_with_content_encoded(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(RSS, encoding="utf-8")
    first, second = docs(read(str(path)))
    assert first.kind == "html" and first.locator == "[0]"
    assert "<b>port</b> reopened" in (first.text or "")
    assert first.meta == {
        "url": "https://gazette.example/port",
        "title": "Port reopens",
        "published": "Tue, 05 Mar 2024 09:30:00 GMT",
        "outlet": "Harbour Gazette",
    }
    assert "Only a summary here." in (second.text or "")


def test_atom_feed(tmp_path: Path) -> None:
    path = tmp_path / "wire.atom"
    path.write_text(ATOM, encoding="utf-8")
    doc = only_doc(read(str(path)))
    assert "Engineers inspected the dam." in (doc.text or "")
    assert doc.meta == {
        "url": "https://wire.example/dam",
        "title": "Dam inspected",
        "published": "2024-03-06T10:00:00Z",
        "outlet": "Valley Wire",
        "author": "R. Reporter",
    }
    sniffed = tmp_path / "wire.dat"
    sniffed.write_text(ATOM, encoding="utf-8")
    assert only_doc(read(str(sniffed))).meta["title"] == "Dam inspected"


def test_malformed_feed(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>&&& <<<', encoding="utf-8"
    )
    bad = only_rejection(read(str(path)))
    assert bad.code == "malformed_feed" and str(path) in bad.detail


# --------------------------------------------------------------------------- decoding


def test_random_bytes_rejected(tmp_path: Path) -> None:
    rng = random.Random(20240521)
    for index in range(40):
        data = rng.randbytes(rng.choice([64, 512, 4096, 65536]))
        if index % 2:  # no NUL or control bytes at all: only the charset checks can catch it
            data = bytes(b for b in data if b >= 0x80 or (0x20 <= b < 0x7F and index % 4 == 1))
        path = tmp_path / f"noise{index}{'.txt' if index % 3 else '.bin'}"
        path.write_bytes(data)
        bad = only_rejection(read(str(path)))
        assert bad.code in ("binary", "undecodable", "unsupported"), (index, bad)


def test_cp1251_text(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_bytes(RUSSIAN.encode("cp1251"))
    doc = only_doc(read(str(path)))
    assert doc.text == RUSSIAN and doc.charset == "cp1251"


def test_latin1_text(tmp_path: Path) -> None:
    path = tmp_path / "fr.txt"
    path.write_bytes(FRENCH.encode("latin-1"))
    doc = only_doc(read(str(path)))
    assert doc.text == FRENCH
    german = "Die Regierung hat am Montag neue Maßnahmen beschlossen. Der Minister äußerte sich zufrieden."
    path.write_bytes(german.encode("latin-1"))
    assert only_doc(read(str(path))).text == german


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes("\ufeff".encode("utf-16-le") + RUSSIAN.encode("utf-16-le"))
    doc = only_doc(read(str(path)))
    assert doc.text == RUSSIAN and doc.charset == "utf-16-le"


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert only_rejection(read(str(path))).code == "empty"
    html = tmp_path / "empty.html"
    html.write_bytes(b"")
    assert only_rejection(read(str(html))).code == "empty"


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b" \n\t\r\n   \n")
    assert only_rejection(read(str(path))).code == "empty"
    u16 = tmp_path / "blank16.txt"
    u16.write_bytes(b"\xff\xfe" + "  \n ".encode("utf-16-le"))
    assert only_rejection(read(str(u16))).code == "empty"


# --------------------------------------------------------------------------- size and memory


def test_file_over_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("word " * 300, encoding="utf-8")
    bad = only_rejection(read(str(path), options=ReadOptions(max_bytes=1000)))
    assert bad.code == "too_large" and "1,500 bytes" in bad.detail
    assert only_doc(read(str(path), options=ReadOptions(max_bytes=1500))).kind == "text"
    stdin_bad = only_rejection(read("-", options=ReadOptions(max_bytes=1000), stdin=io.BytesIO(b"x" * 1001)))
    assert stdin_bad.code == "too_large"


def test_huge_file_rejected_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.write(b"start of a huge file\n")
        fh.truncate(200_000_000)  # sparse: 200 MB on paper
        fh.seek(-20, os.SEEK_END)
        fh.write(b"end of the huge file")
    assert path.stat().st_size == 200_000_000
    tracemalloc.start()
    try:
        bad = only_rejection(read(str(path)))  # default cap: 20 MB
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert bad.code == "too_large" and "200,000,000 bytes" in bad.detail
    assert peak < 1_000_000


def test_large_jsonl_streamed_with_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    filler = "lorem ipsum dolor sit amet " * 150  # ~4 KB a record
    lines = 50_000
    with path.open("w", encoding="utf-8") as fh:
        for n in range(lines):
            fh.write(json.dumps({"text": f"{n} {filler}", "n": n}) + "\n")
    assert path.stat().st_size > 190_000_000
    count = rejected = 0
    started = time.monotonic()
    tracemalloc.start()
    try:
        for item in iter_inputs([str(path)], options=ReadOptions(max_bytes=16_384)):
            if isinstance(item, RawDoc):
                count += 1
            else:
                rejected += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (count, rejected) == (lines, 0)
    assert peak < 4_000_000, peak
    assert time.monotonic() - started < 60


def test_jsonl_overlong_line_skipped_with_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "one-huge-line.jsonl"
    with path.open("wb") as fh:
        fh.write(b'{"text": "before"}\n{"text": "')
        chunk = b"x" * 1_000_000
        for _ in range(50):  # a 50 MB line
            fh.write(chunk)
        fh.write(b'"}\n{"text": "after"}\n')
    tracemalloc.start()
    try:
        items = read(str(path), options=ReadOptions(max_bytes=100_000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [(type(i).__name__, i.locator) for i in items] == [
        ("RawDoc", "#1"),
        ("Rejection", "#2"),
        ("RawDoc", "#3"),
    ]
    assert rejections(items)[0].code == "too_large"
    assert docs(items)[1].text == "after"
    assert peak < 2_000_000, peak


def test_gzipped_text_is_sniffed_and_capped(tmp_path: Path) -> None:
    path = tmp_path / "story.gz"
    path.write_bytes(gzip.compress(RUSSIAN.encode("utf-8")))
    assert only_doc(read(str(path))).text == RUSSIAN
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a" * 5_000_000))
    assert only_rejection(read(str(bomb), options=ReadOptions(max_bytes=100_000))).code == "too_large"


# --------------------------------------------------------------------------- permissions and missing paths

_LIST_SCRIPT = """
import json, os, sys
from sitrep.ingest.sources import iter_inputs
if os.geteuid() == 0:  # drop root after the imports (the interpreter may live under /root)
    os.setgroups([])
    os.setgid(65534)
    os.setuid(65534)
print(json.dumps([[type(i).__name__, i.source, getattr(i, "code", None)] for i in iter_inputs(sys.argv[1:])]))
"""


def _list_as_unprivileged(*args: str) -> list[list[Any]]:
    """Read ``args`` in a process that permissions really apply to: it becomes ``nobody`` when run as
    root (root reads through chmod 000), so the check really runs in CI, which runs as root."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", _LIST_SCRIPT, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: list[list[Any]] = json.loads(done.stdout)
    return result


@pytest.fixture
def shared_tree() -> Iterator[Path]:
    """A folder the unprivileged reader can reach (pytest's tmp_path is private to root)."""
    top = Path(tempfile.mkdtemp(prefix="sitrep-perm-"))
    top.chmod(0o755)
    try:
        yield top
    finally:
        for path in [top, *top.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        for path in sorted(top.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
        top.rmdir()


def test_folder_without_permission(shared_tree: Path) -> None:
    (shared_tree / "a.txt").write_text("first readable story\n", encoding="utf-8")
    locked = shared_tree / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text("cannot be reached\n", encoding="utf-8")
    (shared_tree / "z.txt").write_text("last readable story\n", encoding="utf-8")
    locked.chmod(0o000)
    result = _list_as_unprivileged(str(shared_tree))
    assert result == [
        ["RawDoc", str(shared_tree / "a.txt"), None],
        ["Rejection", str(locked), "permission"],
        ["RawDoc", str(shared_tree / "z.txt"), None],
    ]


def test_file_without_permission(shared_tree: Path) -> None:
    secret = shared_tree / "secret.txt"
    secret.write_text("private\n", encoding="utf-8")
    secret.chmod(0o000)
    (shared_tree / "open.txt").write_text("public story\n", encoding="utf-8")
    result = _list_as_unprivileged(str(secret), str(shared_tree / "open.txt"))
    assert result == [
        ["Rejection", str(secret), "permission"],
        ["RawDoc", str(shared_tree / "open.txt"), None],
    ]


def test_missing_path(tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-file.txt")
    bad = only_rejection(read(missing))
    assert bad.code == "not_found" and missing in bad.detail
    (tmp_path / "present.txt").write_text("A story that is there.", encoding="utf-8")
    items = read(missing, str(tmp_path))  # the batch goes on after a missing path
    assert [type(i).__name__ for i in items] == ["Rejection", "RawDoc"]


# --------------------------------------------------------------------------- URLs


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _send(self, status: int, content_type: str, body: bytes, *, length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the reader may stop early
            self.wfile.write(body)

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        if parts.path == "/article.html":
            self._send(200, "text/html; charset=utf-8", ARTICLE.encode())
        elif parts.path == "/plain.txt":
            self._send(200, "text/plain; charset=windows-1251", RUSSIAN.encode("cp1251"))
        elif parts.path == "/big":
            self._send(200, "text/html", b"<p>" + b"x" * 300_000 + b"</p>", length="nolength" not in query)
        elif parts.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", query["to"][0])
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self._send(404, "text/plain", b"not here")


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = _QuietServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


LOCAL = ReadOptions(allow_private=True, timeout=5.0)


def test_url_html_and_plain_text(server: str) -> None:
    page, plain, redirected = read(
        f"{server}/article.html", f"{server}/plain.txt", f"{server}/redirect?to=/article.html", options=LOCAL
    )
    assert isinstance(page, RawDoc) and isinstance(plain, RawDoc) and isinstance(redirected, RawDoc)
    assert (page.kind, page.charset, page.meta["url"]) == ("html", "utf-8", f"{server}/article.html")
    assert page.data == ARTICLE.encode()
    assert (plain.kind, plain.text, plain.charset) == ("text", RUSSIAN, "cp1251")
    assert redirected.source == f"{server}/redirect?to=/article.html"
    assert redirected.meta["url"] == f"{server}/article.html"


def test_url_refused_without_allow_private(server: str) -> None:
    bad = only_rejection(read(f"{server}/article.html"))
    assert bad.code == "private_address" and "127.0.0.1" in bad.detail
    assert only_rejection(read("http://localhost:9/")).code == "private_address"
    assert only_rejection(read("ftp://example.com/file.txt")).code == "unsupported"


def test_url_unreachable() -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    bad = only_rejection(read(f"http://127.0.0.1:{port}/", options=LOCAL))
    assert bad.code == "unreachable"


def test_url_http_404(server: str) -> None:
    bad = only_rejection(read(f"{server}/missing", options=LOCAL))
    assert bad.code == "http_error" and "404" in bad.detail


def test_url_response_over_max_bytes(server: str) -> None:
    options = ReadOptions(allow_private=True, timeout=5.0, max_bytes=100_000)
    assert only_rejection(read(f"{server}/big", options=options)).code == "too_large"
    streamed = only_rejection(read(f"{server}/big?nolength=1", options=options))
    assert streamed.code == "too_large"


def test_redirect_to_private_address_refused(server: str) -> None:
    # Only the test server's own address is allowed, as if it were a public site.
    def allowed(ip: Any) -> bool:
        return str(ip) == "127.0.0.1" or is_public_address(ip)

    with Fetcher(timeout=5.0, address_allowed=allowed) as fetcher:
        good = list(iter_url(f"{server}/article.html", fetcher, ReadOptions()))
        assert isinstance(only_doc(good), RawDoc)
        for target in ("http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/", "http://[::1]:80/"):
            bad = only_rejection(list(iter_url(f"{server}/redirect?to={target}", fetcher, ReadOptions())))
            assert bad.code == "private_address", (target, bad)
            assert urlsplit(target).hostname in bad.detail  # type: ignore[operator]
