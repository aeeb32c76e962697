"""RawDoc -> Article | Rejection: extract or clean, infer metadata, identify the language."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from sitrep.ingest.clean import clean_text
from sitrep.ingest.html import decode_html, extract_html
from sitrep.ingest.language import detect_language
from sitrep.ingest.metadata import credit_lines, infer_metadata
from sitrep.model import Article, RawDoc, Rejection, Removal, article_id


@dataclass(slots=True, frozen=True)
class BuildOptions:
    """Limits applied to each article after extraction."""

    max_chars: int = 2_000_000
    min_chars: int = 1


def raw_sha256(raw: RawDoc) -> str:
    """Hash of the input exactly as read (bytes, or the decoded text)."""
    payload = raw.data if raw.data is not None else (raw.text or "").encode("utf-8")
    return hashlib.sha256(payload).hexdigest()


def build_article(raw: RawDoc, *, options: BuildOptions | None = None) -> Article | Rejection:
    """Turn one input into an article, or say why it cannot be one."""
    opts = options or BuildOptions()
    meta = raw.meta
    removed: tuple[Removal, ...] = ()
    if raw.kind == "html":
        # decoded once here, for the extractor and for the credit-line scan
        payload = decode_html(raw.data) if raw.data is not None else (raw.text or "")
        try:
            page = extract_html(payload, url=meta.get("url"))
        except ValueError as e:
            return Rejection(raw.source, raw.locator, "no_text", f"no article text found in the HTML: {e}")
        text = page.text
        title = meta.get("title") or page.title
        given = {
            "published": meta.get("published") or page.published,
            "title": title,
            "outlet": meta.get("outlet") or page.outlet,
            "author": meta.get("author") or page.author,
        }
        url = meta.get("url") or page.canonical_url
        # extraction drops credit lines with the page furniture; metadata still wants them
        removed = tuple(Removal(-1, -1, line, "credit") for line in page_credit_lines(payload))
    else:
        cleaned = clean_text(raw.text or "")
        text = cleaned.text
        title = meta.get("title") or cleaned.title
        removed = tuple(Removal(r.start, r.end, r.text, r.reason) for r in cleaned.removed)
        given = {key: meta.get(key) for key in ("published", "title", "outlet", "author")}
        given["title"] = title
        url = meta.get("url")
    text = text.strip()
    if len(text) < opts.min_chars:
        return Rejection(raw.source, raw.locator, "no_text", "nothing was left after removing page junk")
    if len(text) > opts.max_chars:
        return Rejection(
            raw.source,
            raw.locator,
            "too_large",
            f"the article text has {len(text):,} characters, over the cap of {opts.max_chars:,}",
        )
    inferred = infer_metadata(
        text,
        title=title,
        removed=[(r.text, r.reason) for r in removed],
        given={k: v for k, v in given.items() if v},
        url=url,
    )
    language, _ = detect_language(text)
    return Article(
        id=article_id(text),
        source=raw.source,
        locator=raw.locator,
        kind=raw.kind,
        text=text,
        url=url,
        outlet=inferred.outlet,
        title=inferred.title or title,
        published=inferred.published,
        published_from=inferred.published_from,
        byline=inferred.byline,
        language=language,
        wire_credits=tuple(inferred.wire_credits),
        raw_sha256=raw_sha256(raw),
        removed=tuple(r for r in removed if r.start >= 0),
        warnings=tuple(inferred.warnings),
        extra=dict(raw.extra),
    )


_TAG_OR_SCRIPT = re.compile(r"(?is)<(script|style|noscript)\b.*?</\1\s*>|<[^>]+>")


def page_credit_lines(html: str) -> list[str]:
    """Wire-credit lines anywhere in an HTML page's visible text."""
    if "reporting" not in html.lower() and "source" not in html.lower():
        return []
    text = _TAG_OR_SCRIPT.sub("\n", html)
    return credit_lines(line for line in text.splitlines() if 0 < len(line.strip()) <= 200)
