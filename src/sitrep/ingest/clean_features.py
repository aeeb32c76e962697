"""Single-line cues for :mod:`sitrep.ingest.clean` that need more than one whole-line pattern.

Each helper looks at one line (already stripped of its bullet) and the compiled :class:`Rules`:

* :func:`is_byline` and :func:`teaser_split`: ``By`` + capitalised names; a teaser prefix
  (``Read also``), with the offset of a real sentence glued after the teaser when there is one;
* :func:`search_reason`: call-to-action, legal and comment-widget phrases searched *inside* a short
  line ("Keep reading for $1 a week", "... lands in your inbox", "© 2021 Example GmbH");
* :func:`labelled_share`: a share row behind a label of its own ("Pass this on: X · WhatsApp");
* :func:`is_foreign_ui`: a short line written with the interface and function words of another
  language in Latin script ("Partager : Facebook", "Lee también") and no English function word;
* :func:`glued_seam`: a headline glued to the real first sentence without any teaser prefix
  ("Why sanctions seldom bite *policyThe* rouble lost ...": a lowercase word runs into a capital);
* :func:`is_list_header`: a short header built from list vocabulary ("Popular right now",
  "Chosen by our editors") that may open a list of other headlines;
* :func:`is_byline_names`: a bare byline of names with places ("Ann Lee in Paris and Bo Kim in Oslo").
"""

from __future__ import annotations

import re
import unicodedata

from sitrep.ingest._boilerplate import Rules

__all__ = [
    "CLAUSE_END",
    "END_WINDOW",
    "glued_seam",
    "is_byline",
    "is_byline_names",
    "is_foreign_ui",
    "is_list_header",
    "labelled_share",
    "pictograph_lead",
    "search_reason",
    "teaser_split",
    "words",
]

SEARCH_MAX_WORDS = 30  # phrases are only searched in lines up to this many words
FOREIGN_UI_MAX_WORDS = 8
LABEL_MAX_CHARS = 34  # 'Pass this on:' labels end within this many characters
FOREIGN_UI_MAX_CHARS = 100
LIST_HEADER_MAX_WORDS = 8
SEAM_TEASER_WORDS = (3, 20)  # a glued headline has this many words
SEAM_BODY_MIN_WORDS = 6
EMOJI_FROM = 0x1F000  # pictographs from here on are emoji (box-drawing and bullet signs come earlier)
SEAM_WINDOW = 220  # a glued seam is looked for in this many first characters

_GLUE = re.compile(r"(?<=[a-z0-9)”?!])(?=[A-Z“\"])")
_SEPARATOR = re.compile(r"\s*[:|–—-]\s*")
CLAUSE_END = re.compile(r"[.!?…;:,。！？][\"'”’»)\]」』]*$")
END_WINDOW = 8  # sentence-final punctuation is looked for in this many final characters
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_QUOTES = re.compile(r"[\"“”«»„]")
_LABEL = re.compile(r"^[^\W\d_][\w '’-]{0,30}?\s*:\s*")
_SEAM = re.compile(r"[a-z][A-Z“]")  # the seam is between the two characters
_INNER_STOP = re.compile(r"[.!?…](?:\s|$)")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_HEAD_START = re.compile(r"[A-Z0-9\"“‘'«]")
_NAME = r"[A-Z\u00c0-\u00de][\w'’.-]+(?: [A-Z\u00c0-\u00de][\w'’.-]+){1,3}"
_PLACE = r"[A-Z\u00c0-\u00de][\w'’.-]+(?: [A-Z\u00c0-\u00de][\w'’.-]+){0,2}"
_BYLINE_NAMES = re.compile(
    rf"{_NAME} in {_PLACE}(?:(?:,| and| &) {_NAME}(?: in {_PLACE})?)*"
    rf"|{_NAME}(?:(?:,| and| &) {_NAME})*(?:,| and| &) {_NAME} in {_PLACE}"
)


def words(text: str) -> list[str]:
    """Casefolded words (letters first; digits and punctuation-only tokens left out)."""
    return [w.casefold() for w in _WORD.findall(text)]


def search_reason(bare: str, rules: Rules) -> str | None:
    """The reason of the first ``search_line`` phrase found in a short, unquoted line."""
    if len(bare.split()) > SEARCH_MAX_WORDS or _QUOTES.search(bare):
        return None
    low = bare.casefold()
    if not rules.search_triggers.search(low):
        return None
    m = rules.search_line.search(low)
    return m.lastgroup if m else None


def labelled_share(bare: str, rules: Rules) -> bool:
    """``Label: <share buttons>``, e.g. 'Pass this on: X · WhatsApp · Copy link'."""
    if ":" not in bare[:LABEL_MAX_CHARS]:
        return False
    m = _LABEL.match(bare)
    if not m or m.end() == len(bare):
        return False
    rest = rules.full_line.fullmatch(bare[m.end() :])
    return rest is not None and rest.lastgroup == "share"


def is_foreign_ui(bare: str, rules: Rules) -> bool:
    """A short line mostly made of one other language's UI/function words and no English ones."""
    if len(bare) > FOREIGN_UI_MAX_CHARS or bare.count(" ") >= 2 * FOREIGN_UI_MAX_WORDS:
        return False
    toks = words(bare)
    if not toks or len(toks) > FOREIGN_UI_MAX_WORDS or any(w in rules.english_words for w in toks):
        return False
    toks = [w for w in toks if w not in rules.neutral_words]
    if not toks:
        return False
    for _lang, vocab in rules.foreign_words:
        hits = [w for w in toks if w in vocab]
        if 2 * len(hits) >= len(toks) and any(len(w) >= 4 or not w.isascii() for w in hits):
            return True
    return False


def glued_seam(bare: str, rules: Rules) -> int | None:
    """Offset of a real sentence glued to a leading headline with no teaser prefix, or None.

    The seam is a lowercase word running into a capital ("…flood zoneIn Sinzig, …"); the left part
    must read as one headline (3–20 words, no sentence end inside), the right part as a sentence.
    Brand names (camel-case words) and capitalised left parts (McDonald, AstraZeneca) never count.
    """
    if not _HEAD_START.match(bare):
        return None
    for seam in _SEAM.finditer(bare, 0, SEAM_WINDOW):
        at = seam.start() + 1
        tok_start = bare.rfind(" ", 0, at) + 1
        left = bare[tok_start:at]
        if not re.fullmatch(r"[a-z]{2,}", left):
            continue
        tok_end = len(bare) if (e := bare.find(" ", at)) < 0 else e
        if re.sub(r"\W+", "", bare[tok_start:tok_end].lower()) in rules.camel_case_words:
            continue
        teaser, body = bare[:at], bare[at:]
        lo, hi = SEAM_TEASER_WORDS
        if (
            lo <= len(teaser.split()) <= hi
            and not _INNER_STOP.search(teaser)
            and not _QUOTES.search(teaser)
            and len(body.split()) >= SEAM_BODY_MIN_WORDS
            and _SENTENCE_END.search(body)
        ):
            return at
        return None
    return None


def is_list_header(bare: str, rules: Rules) -> bool:
    """A short line without final punctuation that uses list vocabulary ('Readers also liked')."""
    if bare.count(" ") >= LIST_HEADER_MAX_WORDS or bare[-1:] in ".;,":
        return False
    toks = words(bare)
    return 0 < len(toks) <= LIST_HEADER_MAX_WORDS and any(w in rules.list_header_words for w in toks)


def is_byline_names(bare: str) -> bool:
    return _BYLINE_NAMES.fullmatch(bare) is not None


def pictograph_lead(bare: str) -> bool:
    """Whether the line starts with an emoji pictograph (a promotion: '🎧 New episode …')."""
    return bool(bare) and ord(bare[0]) >= EMOJI_FROM and unicodedata.category(bare[0]) == "So"


def is_byline(bare: str, rules: Rules) -> bool:
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


def teaser_split(bare: str, rules: Rules) -> int | None:
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
        token = re.sub(r"[\W_]+", "", bare[tok_start:tok_end].lower())
        left = bare[tok_start:at]
        if (
            len(teaser.split()) >= 2
            and len(body.split()) >= 4
            and CLAUSE_END.search(body[-END_WINDOW:])
            and token not in rules.camel_case_words
            and not re.fullmatch(r"\W*(?:[A-Z][a-z]?|[a-z])", left)  # McDonald, iPhone, DeSantis
        ):
            return at
    return -1
