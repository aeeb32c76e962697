"""Remove page boilerplate from already-extracted article text, line by line.

Scrapers hand us plain text in which each paragraph is one line, but navigation, teasers, captions,
promotions and headline lists from the page are still there. :func:`clean_text` labels every non-blank
raw line ``keep``, ``title``, ``drop`` or ``split`` (a teaser glued to the next real sentence) with a
few explainable passes:

1. **Line rules** (one line at a time): whole-line phrase patterns from
   ``sitrep/data/boilerplate_lines.json`` (navigation, reading time, comments, share, ads, legal,
   metadata, credits), bylines (``By`` + capitalised name), teaser prefixes (``Read also``, ``Related``;
   a glued teaser is split at the camel-case seam where the real sentence starts), caption markers
   (``/ Photo: Reuters``, ``(file photo)``), rows of menu items and lines in another script; then
   the cues of :mod:`sitrep.ingest.clean_features`: call-to-action, legal and comment phrases found
   inside a short line, labelled share rows, labelled dates (``Posted: ...``), interface lines in
   another Latin-script language, emoji-led promotions and a headline glued to a sentence with no
   teaser prefix.
2. **Header**: in the lines before the first kept prose line, the last headline-shaped line (not a
   name or a name-with-place byline) is the title;
   headline-shaped lines before it (masthead, kicker, ticker) are navigation, a name-shaped line after
   it is a byline; later copies of the title are ``title_repeat``.
3. **Repeats**: two identical consecutive lines are a caption shown twice; both go.
4. **Blocks**: a list marker line (``Explore``, ``Related``, ``More from ...``) swallows the run of
   headline-shaped lines after it; the text after an end-of-article credit (``With reporting by``,
   ``SOURCE:``) or a comments/subscribe widget near the end is promotion or legal boilerplate; a run
   of 3+ headline-shaped lines closing the text is a list of unrelated headlines. A header in list
   vocabulary (``Popular right now``) over 2+ glued headline-shaped lines is a list too; boxes glued
   to a recognised line (ad text under its label, a caption above its bare credit, a newsletter
   box's title and button) go with it; an author biography near the end is dropped.

Bylines and credits are dropped from the body but reported in ``removed`` (reasons ``byline`` and
``credit``) for metadata inference. Kept lines are stripped of surrounding whitespace (a bullet keeps
its ``•`` marker, without the indentation) and joined by blank lines. Offsets in :class:`Removal` point
into the raw input; ``keep_from`` in ``line_labels`` is relative to the start of the raw line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.ingest._boilerplate import Rules, load_rules
from sitrep.ingest.clean_features import (
    CLAUSE_END,
    END_WINDOW,
    glued_seam,
    is_byline,
    is_byline_names,
    is_foreign_ui,
    is_list_header,
    labelled_share,
    pictograph_lead,
    search_reason,
    teaser_split,
)

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
_STOP_END = re.compile(r"[.;:,。][\"'”’»)\]」』]*$")
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
HEADLINE_MAX_WORDS = 25
HEADLINE_MAX_CHARS = 160
FOREIGN_MAX_WORDS = 20
TAIL_MAX_SHARE = 0.35  # text after an end credit or widget may be at most this share of the dump
TRAILING_RUN_MIN = 3
PROSE_MIN_WORDS = 5  # a line this long ending like a sentence is article prose (ends the header zone)
PROSE_MIN_CHARS = 60  # the same for scripts written without spaces
DEK_MIN_WORDS = 15  # a last header candidate this long after another one is a dek, not the title
TAIL_TRIGGERS = ("comments", "subscribe")  # widgets that, near the end, mark the end of the article
SPACED_SHARE = 0.5  # a dump whose lines are mostly separated by blank lines sets boxes apart by them
BOX_MAX_WORDS = 25  # the text of an ad or caption box directly under its label or above its credit
BOX_HEADER_MAX_WORDS = 6  # 'Stay in the loop' directly above a newsletter box
BOX_BUTTON_MAX_WORDS = 4  # 'Sign me up' directly under a newsletter form line
CREDIT_MAX_WORDS = 8  # a caption line this short is a bare photo credit ('Photo: A. Name / Agency')
BIO_ZONE = 0.6  # author biographies are looked for after this share of the lines
LIST_ITEM_MAX_WORDS = 20
LIST_MIN_ITEMS = 2


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
    return long and bool(CLAUSE_END.search(text[-END_WINDOW:]))


def _is_headline(text: str) -> bool:
    return len(text.split()) >= 3 and not text.isupper() and _headline_like(text)


def _name_line(bare: str) -> bool:
    return _NAME_LINE.fullmatch(bare) is not None or is_byline_names(bare)


def _is_menu(bare: str) -> bool:
    """A row of short interface items: 'Home | World | Europe', 'News   Politics   Video'."""
    if len(bare) > MAX_PATTERN_LINE or ("|" not in bare and "  " not in bare):
        return False
    parts = _MENU_SEP.split(bare)
    return len(parts) >= (2 if "|" in bare else 3) and all(
        0 < len(p.split()) <= 3 and not _STOP_END.search(p) for p in parts
    )


class _Labeller:
    """Holds the per-line verdicts while the passes run."""

    def __init__(self, lines: list[_Line], rules: Rules) -> None:
        self.lines = lines
        self.rules = rules
        self.reason: list[str | None] = [None] * len(lines)
        self.split: dict[int, int] = {}  # line index -> offset of the kept part within line.bare
        self.title: int | None = None
        self.searched: set[int] = set()  # dropped for a phrase found inside the line (not a widget)
        gaps = sum(self._gap(i) for i in range(1, len(lines)))
        self.spaced = len(lines) > 1 and gaps >= SPACED_SHARE * (len(lines) - 1)

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
            elif is_byline(bare, rules):
                self.reason[i] = "byline"
            elif _is_menu(bare):
                self.reason[i] = "navigation"
            elif (at := teaser_split(bare, rules)) is not None:
                if at < 0:
                    self.reason[i] = "teaser"
                else:
                    self.split[i] = at
            elif rules.caption_prefix.match(bare) or rules.caption_suffix.search(bare[-CAPTION_TAIL:]):
                self.reason[i] = "caption"
            elif rules.labelled_date.match(bare) and rules.date_line.fullmatch(bare):
                self.reason[i] = "metadata"
            elif reason := search_reason(bare, rules):
                self.reason[i] = reason
                self.searched.add(i)
            elif labelled_share(bare, rules):
                self.reason[i] = "share"
            elif is_foreign_ui(bare, rules):
                self.reason[i] = "foreign_ui"
            elif pictograph_lead(bare) and not _is_prose(bare):
                self.reason[i] = "promo"
            elif (at := glued_seam(bare, rules)) is not None:
                self.split[i] = at

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
            if (_is_prose(line.text) and self.kept(i)) or i in self.split:
                break
            if self.kept(i) and not rules.date_line.fullmatch(line.bare):
                zone.append(i)
        heads = [i for i in zone if _is_headline(self._headline(i))]
        heads = [i for i in heads if not _name_line(lines[i].bare)] or heads
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
            elif i > self.title and _name_line(lines[i].bare) and _norm(lines[i].bare) != key:
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
            elif self.reason[i] in TAIL_TRIGGERS and i not in self.searched:
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

    def boxes(self) -> None:
        """Text boxes set apart by blank lines around a recognised label, credit or form line.

        A short line glued (no blank line) under an ad label is the ad's text (in a dump without
        blank lines between paragraphs only if it uses commercial wording: compare, offers, buy). In a dump whose
        paragraphs are separated by blank lines, a short line glued above a bare photo credit is the
        caption, a headline-shaped line glued above a newsletter/promo line is the box title and a
        very short one glued under a newsletter line is its button.
        """
        lines = self.lines
        for i in range(1, len(lines)):
            if self._gap(i):
                continue
            above, below = i - 1, i
            if self.reason[above] == "ad" and len(lines[above].bare.split()) <= 3:
                if self.spaced or self.rules.ad_copy.search(lines[below].bare):
                    self._box(below, "ad", BOX_MAX_WORDS)
            elif not self.spaced:
                continue
            elif self.reason[below] == "caption" and len(lines[below].bare.split()) <= CREDIT_MAX_WORDS:
                self._box(above, "caption", BOX_MAX_WORDS)
            elif self.reason[below] in ("subscribe", "promo") and _headline_like(lines[above].bare):
                self._box(above, self.reason[below] or "promo", BOX_HEADER_MAX_WORDS)
            elif self.reason[above] == "subscribe" and _headline_like(lines[below].bare):
                self._box(below, "subscribe", BOX_BUTTON_MAX_WORDS)

    def _box(self, i: int, reason: str, max_words: int) -> None:
        bare = self.lines[i].bare
        if (
            self.kept(i)
            and i != self.title
            and i not in self.split
            and len(bare.split()) <= max_words
            and not re.search(r"[\"“”«»]", bare)
        ):
            self.reason[i] = reason
            self.searched.add(i)

    def list_headers(self) -> None:
        """A header in list vocabulary ('Popular right now') over 2+ glued headline-shaped lines."""
        lines, rules = self.lines, self.rules
        for i, line in enumerate(lines):
            if not self.kept(i) or i == self.title or not is_list_header(line.bare, rules):
                continue
            j = i + 1
            while j < len(lines) and not self._gap(j) and self._list_item(j):
                j += 1
            if j - i - 1 >= LIST_MIN_ITEMS:
                for k in range(i, j):
                    self.reason[k] = "related_list"
                    self.split.pop(k, None)

    def _list_item(self, j: int) -> bool:
        line = self.lines[j]
        return (
            j != self.title
            and line.text == line.bare  # bulleted lists belong to the article
            and _is_headline(line.bare)
            and len(line.bare.split()) <= LIST_ITEM_MAX_WORDS
        )

    def bios(self) -> None:
        """An author's biography ('Jane Roe covers energy for the Post') near the end."""
        start = int(len(self.lines) * BIO_ZONE)
        for i in range(start, len(self.lines)):
            if self.kept(i) and i not in self.split and self.rules.author_bio.fullmatch(self.lines[i].bare):
                self.reason[i] = "promo"


def clean_text(raw: str) -> CleanedText:
    """Label every non-blank line of ``raw`` and return the kept body, title and removals."""
    lines = _lines(raw)
    lab = _Labeller(lines, load_rules())
    lab.line_rules()
    lab.header()
    lab.repeats()
    lab.lists_after_markers()
    lab.list_headers()
    lab.boxes()
    lab.bios()
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
