"""The records that the reading stage adds to ``Article.layers``.

Every record points into ``article.text`` with character offsets (``start``
inclusive, ``end`` exclusive), so any answer can be traced to its exact
passage. Layer names and their record types:

=============  ===============  ==================================================
layer          record           what it holds
=============  ===============  ==================================================
``sentences``  :class:`Sentence`  sentence boundaries
``mentions``   :class:`Mention`   entity mentions (names, surnames, titles, metonyms)
``entities``   :class:`Entity`    one per person/organisation/place in the article
``roles``      :class:`Role`      who holds which office, for which country or body
``timexes``    :class:`Timex`     date expressions normalised against publication
``quotes``     :class:`Quote`     direct and indirect speech with speaker and cue
=============  ===============  ==================================================

Entity ids are local to one article (``"e1"``, ``"e2"``, ...). Countries are
ISO 3166 alpha-3 codes; international bodies use their short code (``NATO``,
``EU``, ``OSCE``, ``UN``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

LAYER_NAMES = ("sentences", "mentions", "entities", "roles", "timexes", "quotes")


@dataclass(slots=True, frozen=True)
class Sentence:
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True, frozen=True)
class Mention:
    """A span that refers to an entity.

    ``label`` is the entity type (PERSON, ORG, GPE, NORP, LOC, FAC, EVENT, and
    DATE, MONEY, CARDINAL, QUANTITY, PERCENT for value mentions). ``kind`` says
    how it refers: ``name`` (a full or partial proper name), ``surname``,
    ``title`` (a title alone: "the Pentagon chief"), ``metonym`` ("Moscow" for
    Russia's government), ``counterpart`` or ``pronoun``. ``entity`` is the id of
    the :class:`Entity` it was resolved to, or ``None``.
    """

    start: int
    end: int
    text: str
    label: str
    kind: str = "name"
    entity: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True, frozen=True)
class Entity:
    """One person, organisation or place as resolved within one article."""

    id: str
    name: str
    label: str
    country: str | None = None
    sector: str | None = None
    kb_id: str | None = None
    variants: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["variants"] = list(self.variants)
        return out


@dataclass(slots=True, frozen=True)
class Role:
    """Evidence that ``person`` held ``role`` for ``country``/``org`` at the article's time.

    ``start``/``end`` cover the evidence span (for "U.S. Defense Secretary Lloyd
    Austin" the whole phrase); ``role`` is the office in a normal form
    ("Secretary of Defense", "Defense Minister", "President");
    ``role_text`` is the words as written.
    """

    person: str
    role: str
    country: str | None
    org: str | None
    start: int
    end: int
    span: str
    entity: str | None = None
    role_text: str = ""
    source: str = "title"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True, frozen=True)
class Timex:
    """A date expression normalised against the article's publication date.

    ``value`` is ISO 8601 at the given ``precision``: ``2021-04-01`` (day),
    ``2021-W13`` (week), ``2021-03`` (month), ``2021`` (year). ``relation`` is
    ``point``, ``since``, ``until`` or ``interval``; an interval or a since/until
    range also sets ``end_value``. ``warning`` reports a problem that was not
    silently fixed, such as a weekday that disagrees with its date.
    """

    start: int
    end: int
    text: str
    value: str | None
    precision: str
    relation: str = "point"
    end_value: str | None = None
    warning: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True, frozen=True)
class Quote:
    """Reported speech: who said what, and the words that say so.

    ``start``/``end`` cover the content (the quoted words, or the reported
    clause of indirect speech); ``speaker`` is an :class:`Entity` id when the
    speaker was resolved, and ``speaker_text`` the words naming them as written.
    ``cue`` is the reporting phrase ("told a briefing", "said in a statement").
    """

    start: int
    end: int
    text: str
    direct: bool
    speaker: str | None
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Reading:
    """All reading layers of one article, as :func:`sitrep.nlp.read` returns them."""

    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
