"""What the recipient finder's parts share (:class:`RecipientBase`): the article's context, the coder's options and
the party reader; and a state as a party (:func:`government`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitrep.events.record import EventActor

if TYPE_CHECKING:
    from sitrep.events.coder.context import ArticleContext
    from sitrep.events.coder.parties import PartyReader
    from sitrep.kb import KnowledgeBase


class RecipientBase:
    """The state every part of :class:`sitrep.events.coder.recipients.RecipientFinder` reads."""

    def __init__(self, ctx: ArticleContext, parties: PartyReader) -> None:
        self.ctx = ctx
        self.opts = ctx.opts
        self.parties = parties


def government(kb: KnowledgeBase, code: str) -> EventActor:
    """A state as a party: its government (``code`` must be one of the knowledge base's countries)."""
    return EventActor(kb.countries[code].name, code, "GOV", None)
