"""Remove page boilerplate from already-extracted article text, line by line.

Scrapers hand us plain text in which each paragraph is one line, but navigation, teasers, captions,
promotions and headline lists from the page are still there. :func:`clean_text` labels every non-blank
raw line ``keep``, ``title``, ``drop`` or ``split`` (a teaser glued to the next real sentence) with a
few explainable passes:

1. **Line rules** (one line at a time): whole-line phrase patterns from
   ``sitrep/data/boilerplate_lines.json`` (navigation, reading time, comments, share, ads, legal,
   metadata, credits), bylines (``By`` + capitalised name), teaser prefixes (``Read also``, ``Related``;
   a glued teaser is split at the camel-case seam where the real sentence starts), caption markers
   (``/ Photo: Reuters``, ``(file photo)``), rows of menu items and lines in another script.
2. **Header**: in the lines before the first prose line, the last headline-shaped line is the title;
   headline-shaped lines before it (masthead, kicker, ticker) are navigation, a name-shaped line after
   it is a byline; later copies of the title are ``title_repeat``.
3. **Repeats**: two identical consecutive lines are a caption shown twice; both go.
4. **Blocks**: a list marker line (``Explore``, ``Related``, ``More from ...``) swallows the run of
   headline-shaped lines after it; the text after an end-of-article credit (``With reporting by``,
   ``SOURCE:``) or a comments/subscribe widget near the end is promotion or legal boilerplate; a run
   of 3+ headline-shaped lines closing the text is a list of unrelated headlines.

Bylines and credits are dropped from the body but reported in ``removed`` (reasons ``byline`` and
``credit``) for metadata inference. Kept lines are stripped of surrounding whitespace (a bullet keeps
its ``•`` marker, without the indentation) and joined by blank lines. Offsets in :class:`Removal` point
into the raw input; ``keep_from`` in ``line_labels`` is relative to the start of the raw line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.ingest._boilerplate import Rules, load_rules

__all__ = ["CleanedText", "Removal", "clean_text", "iter_lines"]


@dataclass(slots=True, frozen=True)
class Removal:
    start: int  # char offset in the RAW input text
    end: int
    text: str
    reason: str


@dataclass(slots=True, frozen=True)
class CleanedText:
    text: str  # kept body lines joined by "\n\n"
    title: str | None
    removed: tuple[Removal, ...]
    line_labels: tuple[tuple[int, str, int], ...]  # (1-based raw line, keep|title|drop|split, keep_from)


@dataclass(slots=True, frozen=True)
class _Line:
    n: int  # 1-based raw line number
    offset: int  # offset of the raw line in the input
    lead: int  # leading whitespace before the content
    text: str  # content, stripped
    bare: str  # content without a leading bullet marker

    @property
    def start(self) -> int:
        return self.offset + self.lead


_SPACE = " \t\r\n\f\v\xa0\u2028\u2029\u202f\u205f\u3000\ufeff" + "".join(map(chr, range(0x2000, 0x200E)))
_BULLET = re.compile(r"^[•·▪◦●\-*–]\s*")
_SENTENCE_END = re.compile(r"[.!?…;:,。！？][\"'”’»)\]」』]*$")
_STOP_END = re.compile(r"[.;:,。][\"'”’»)\]」』]*$")
_GLUE = re.compile(r"(?<=[a-z0-9)”?!])(?=[A-Z“\"])")
_HEAD_START = re.compile(r"[A-Z0-9\"“‘'«]")
_SEPARATOR = re.compile(r"\s*[:|–—-]\s*")
_MENU_SEP = re.compile(r"\s*\|\s*|\s{2,}")
_NAME_LINE = re.compile(r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3}(?:,\s*[^.,]{1,40})?")
_NORM = re.compile(r"[\W_]+")
_NON_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u2000-\u206f\u20a0-\u20cf\u2100-\u2bff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_SCRIPTS = (
    ("cyrillic", re.compile(r"[\u0400-\u052f]")),
    ("greek", re.compile(r"[\u0370-\u03ff]")),
    ("arabic", re.compile(r"[\u0600-\u06ff\u0750-\u077f]")),
    ("hebrew", re.compile(r"[\u0590-\u05ff]")),
    ("devanagari", re.compile(r"[\u0900-\u097f]")),
    ("cjk", re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")),
)
CAPTION_TAIL = 100  # caption credits are looked for in this many final characters
MAX_PATTERN_LINE = 300  # whole-line phrase patterns are only tried on lines up to this length
END_WINDOW = 8  # sentence-final punctuation is looked for in this many final characters
HEADLINE_MAX_WORDS = 25
HEADLINE_MAX_CHARS = 160
FOREIGN_MAX_WORDS = 20
TAIL_MAX_SHARE = 0.35  # text after an end credit or widget may be at most this share of the dump
TRAILING_RUN_MIN = 3
PROSE_MIN_WORDS = 5  # a line this long ending like a sentence is article prose (ends the header zone)
PROSE_MIN_CHARS = 60  # the same for scripts written without spaces
DEK_MIN_WORDS = 15  # a last header candidate this long after another one is a dek, not the title
TAIL_TRIGGERS = ("comments", "subscribe")  # widgets that, near the end, mark the end of the article


def iter_lines(raw: str) -> list[tuple[int, int, str]]:
    """``(1-based line number, offset, line)`` for every line, split on ``\\n`` only (like ``cat -n``)."""
    out: list[tuple[int, int, str]] = []
    offset = 0
    for n, line in enumerate(raw.split("\n"), start=1):
        out.append((n, offset, line))
        offset += len(line) + 1
    return out


def _lines(raw: str) -> list[_Line]:
    out = []
    for n, offset, line in iter_lines(raw):
        text = line.strip(_SPACE)
        if text:
            bare = _BULLET.sub("", text, count=1) if _BULLET.match(text) else text
            out.append(_Line(n, offset, len(line) - len(line.lstrip(_SPACE)), text, bare))
    return out


def _script(text: str) -> str:
    if not _NON_LATIN.search(text):
        return "latin"
    counts = {name: len(rx.findall(text)) for name, rx in _SCRIPTS}
    counts["latin"] = len(_LATIN.findall(text))
    return max(counts, key=lambda k: counts[k])


def _norm(text: str) -> str:
    return _NORM.sub(" ", text.casefold()).strip()


def _headline_like(text: str) -> bool:
    """Short and not ending like a prose sentence ('?' and '!' allowed, headlines use them)."""
    return (
        len(text) <= HEADLINE_MAX_CHARS
        and len(text.split()) <= HEADLINE_MAX_WORDS
        and not _STOP_END.search(text[-END_WINDOW:])
    )


def _is_prose(text: str) -> bool:
    long = len(text.split()) >= PROSE_MIN_WORDS or len(text) >= PROSE_MIN_CHARS
    return long and bool(_SENTENCE_END.search(text[-END_WINDOW:]))


def _is_headline(text: str) -> bool:
    return len(text.split()) >= 3 and not text.isupper() and _headline_like(text)


def _is_menu(bare: str) -> bool:
    """A row of short interface items: 'Home | World | Europe', 'News   Politics   Video'."""
    if len(bare) > MAX_PATTERN_LINE or ("|" not in bare and "  " not in bare):
        return False
    parts = _MENU_SEP.split(bare)
    return len(parts) >= (2 if "|" in bare else 3) and all(
        0 < len(p.split()) <= 3 and not _STOP_END.search(p) for p in parts
    )


def _is_byline(bare: str, rules: Rules) -> bool:
    m = rules.byline_prefix.match(bare)
    if not m:
        return False
    rest = bare[m.end() :]
    if not rest or not 1 <= len(rest.split()) <= 10 or re.search(r"[a-z]{2}[.!?]$", rest):
        return False
    name = re.split(r"[,|/–—(]", rest, maxsplit=1)[0].split()
    return (
        bool(name)
        and name[0][:1].isupper()
        and all(w[:1].isupper() or not w[:1].isalpha() or w.lower() in rules.byline_connectors for w in name)
    )


def _teaser_split(bare: str, rules: Rules) -> int | None:
    """-1 if ``bare`` is a teaser line, the offset of the real sentence glued after it, or None."""
    m = rules.teaser.match(bare)
    if not m:
        return None
    rest = m.end()
    if rest == len(bare):
        return -1
    sep = _SEPARATOR.match(bare, rest)
    if sep and sep.end() > rest and (sep.group().strip() or m.group("strong")):
        head = sep.end()
    elif not bare[rest].isspace():  # glued: "Read alsoKuleba, ..."
        head = rest
    else:
        return None
    if head >= len(bare) or not _HEAD_START.match(bare, head):
        return None
    for seam in _GLUE.finditer(bare, head):
        at = seam.start()
        teaser, body = bare[head:at], bare[at:]
        tok_start = bare.rfind(" ", 0, at) + 1
        tok_end = len(bare) if (e := bare.find(" ", at)) < 0 else e
        token = _NORM.sub("", bare[tok_start:tok_end].lower())
        left = bare[tok_start:at]
        if (
            len(teaser.split()) >= 2
            and len(body.split()) >= 4
            and _SENTENCE_END.search(body[-END_WINDOW:])
            and token not in rules.camel_case_words
            and not re.fullmatch(r"\W*(?:[A-Z][a-z]?|[a-z])", left)  # McDonald, iPhone, DeSantis
        ):
            return at
    return -1


class _Labeller:
    """Holds the per-line verdicts while the passes run."""

    def __init__(self, lines: list[_Line], rules: Rules) -> None:
        self.lines = lines
        self.rules = rules
        self.reason: list[str | None] = [None] * len(lines)
        self.split: dict[int, int] = {}  # line index -> offset of the kept part within line.bare
        self.title: int | None = None

    def kept(self, i: int) -> bool:
        return self.reason[i] is None

    def line_rules(self) -> None:
        rules, lines = self.rules, self.lines
        weights: dict[str, int] = {}
        scripts = []
        for line in lines:
            script = _script(line.bare)
            scripts.append(script)
            weights[script] = weights.get(script, 0) + len(line.bare)
        article_script = max(weights, key=lambda k: weights[k]) if weights else "latin"
        for i, line in enumerate(lines):
            bare = line.bare
            m = rules.full_line.fullmatch(bare) if len(bare) <= MAX_PATTERN_LINE else None
            if m:
                self.reason[i] = m.lastgroup
            elif scripts[i] != article_script and len(bare.split()) <= FOREIGN_MAX_WORDS:
                self.reason[i] = "foreign_ui"
            elif _is_menu(bare):
                self.reason[i] = "navigation"
            elif _is_byline(bare, rules):
                self.reason[i] = "byline"
            elif (at := _teaser_split(bare, rules)) is not None:
                if at < 0:
                    self.reason[i] = "teaser"
                else:
                    self.split[i] = at
            elif rules.caption_prefix.match(bare) or rules.caption_suffix.search(bare[-CAPTION_TAIL:]):
                self.reason[i] = "caption"

    def header(self) -> None:
        """Title, masthead and byline in the header zone (the lines before the first prose line).

        The title is the last headline-shaped line of the zone (mastheads, kickers and breaking-news
        tickers come before it; a name-shaped line is a byline, not a candidate, when there is another)
        unless that line is long and follows another candidate (a dek);
        headline-shaped lines before the title are page furniture; a name-shaped line after it is a
        byline. Later copies of the title are ``title_repeat``.
        """
        rules, lines = self.rules, self.lines
        zone: list[int] = []
        for i, line in enumerate(lines):
            if _is_prose(line.text) or i in self.split:
                break
            if self.kept(i) and not rules.date_line.fullmatch(line.bare):
                zone.append(i)
        heads = [i for i in zone if _is_headline(self._headline(i))]
        heads = [i for i in heads if not _NAME_LINE.fullmatch(lines[i].bare)] or heads
        if not heads:
            return
        title = heads[-1]
        if len(heads) > 1 and len(self._headline(title).split()) >= DEK_MIN_WORDS:
            title = heads[-2]
        key = _norm(self._headline(title))
        self.title = next(i for i in zone if _norm(self._headline(i)) == key)
        for i in zone:
            if i < self.title and _headline_like(lines[i].bare):
                self.reason[i] = "navigation"
            elif i > self.title and _NAME_LINE.fullmatch(lines[i].bare) and _norm(lines[i].bare) != key:
                self.reason[i] = "byline"
        for j in range(self.title + 1, len(lines)):
            if not self.kept(j) or len(lines[j].bare) > len(lines[self.title].bare) + 60:
                continue
            other = _norm(self._headline(j))
            if other == key or (other.startswith(key) and len(other) - len(key) <= 40):
                self.reason[j] = "title_repeat"

    def _headline(self, i: int) -> str:
        return self.rules.title_prefix.sub("", self.lines[i].bare, count=1)

    def repeats(self) -> None:
        lines = self.lines
        for i in range(1, len(lines)):
            if lines[i].text == lines[i - 1].text and i - 1 != self.title:
                for j in (i - 1, i):
                    if self.reason[j] in (None, "caption"):
                        self.reason[j] = "caption_repeat"

    def lists_after_markers(self) -> None:
        """A list marker swallows the headline-shaped lines after it.

        The list keeps the separator style of its marker: if no blank line follows the marker, the
        list ends at the first blank line (so a subheading after a one-item teaser box survives).
        """
        lines, rules = self.lines, self.rules
        i = 0
        while i < len(lines):
            if i == self.title or not rules.list_marker.fullmatch(lines[i].bare):
                i += 1
                continue
            spaced = i + 1 < len(lines) and self._gap(i + 1)
            j = i + 1
            while j < len(lines) and (spaced or not self._gap(j)):
                if self.kept(j) and not _headline_like(lines[j].bare):
                    break
                if self.reason[j] in (None, "byline", "navigation"):
                    self.reason[j] = "related_list"
                self.split.pop(j, None)
                j += 1
            self.reason[i] = "related_list" if j > i + 1 else "teaser"
            i = j

    def _gap(self, i: int) -> bool:
        """Whether a blank line separates line ``i`` from the line before it."""
        return self.lines[i].n - self.lines[i - 1].n > 1

    def tail(self) -> None:
        """Everything after an end-of-article credit or a comments/subscribe widget near the end."""
        lines, rules = self.lines, self.rules
        total = sum(len(line.bare) for line in lines)
        after, start = 0, None
        for i in range(len(lines) - 1, 0, -1):
            if after > TAIL_MAX_SHARE * total:
                break
            if self.reason[i] in (None, "credit") and rules.end_credit.fullmatch(lines[i].bare):
                self.reason[i] = "credit"
                start = i
            elif self.reason[i] in TAIL_TRIGGERS:
                start = i
            after += len(lines[i].bare)
        if start is not None:
            for j in range(start + 1, len(lines)):
                if self.kept(j):
                    self.reason[j] = self._tail_reason(lines[j].bare)
                    self.split.pop(j, None)

    def _tail_reason(self, bare: str) -> str:
        for reason, rx in self.rules.tail_phrases:
            if rx.search(bare):
                return reason
        return "promo"

    def trailing_headlines(self) -> None:
        run: list[int] = []
        for i in range(len(self.lines) - 1, -1, -1):
            if not self.kept(i) or i in self.split:
                continue
            bare = self.lines[i].bare
            if i == self.title or bare != self.lines[i].text or not _headline_like(bare):
                break
            if self.rules.date_line.fullmatch(bare):
                break
            run.append(i)
        if len(run) >= TRAILING_RUN_MIN:
            for i in run:
                self.reason[i] = "related_list"


def clean_text(raw: str) -> CleanedText:
    """Label every non-blank line of ``raw`` and return the kept body, title and removals."""
    lines = _lines(raw)
    lab = _Labeller(lines, load_rules())
    lab.line_rules()
    lab.header()
    lab.repeats()
    lab.lists_after_markers()
    lab.tail()
    lab.trailing_headlines()

    body: list[str] = []
    removed: list[Removal] = []
    labels: list[tuple[int, str, int]] = []
    title: str | None = None
    for i, line in enumerate(lines):
        reason = lab.reason[i]
        bullet = len(line.text) - len(line.bare)  # bullet marker + its spaces before bare
        if reason is not None:
            removed.append(Removal(line.start, line.start + len(line.text), line.text, reason))
            labels.append((line.n, "drop", 0))
        elif i == lab.title:
            title = load_rules().title_prefix.sub("", line.bare, count=1)
            labels.append((line.n, "title", 0))
        elif i in lab.split:
            at = lab.split[i] + bullet
            teaser = line.text[:at].rstrip()
            removed.append(Removal(line.start, line.start + len(teaser), teaser, "teaser"))
            body.append(line.text[at:])
            labels.append((line.n, "split", line.lead + at))
        else:
            body.append(line.text)
            labels.append((line.n, "keep", 0))
    return CleanedText("\n\n".join(body), title, tuple(removed), tuple(labels))
