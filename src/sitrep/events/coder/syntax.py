"""Reading the dependency parse around a trigger: dependency labels of both schemes, and helpers that find a
verb's subject, agent, objects and clause, whatever mistakes the parser typically makes.

Both dependency schemes are read: spaCy's ClearNLP labels (``dobj``, ``prep`` → ``pobj``, ``agent``) and
Universal Dependencies (``obj``, ``obl`` + ``case``, ``obl:agent``, ``nsubj:pass``), which the shipped reading
model uses. Every helper here is a plain function of spaCy tokens (and, for a few, of the coder's rules).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitrep.events.coder.rules import load_extract_rules

if TYPE_CHECKING:
    from spacy.tokens import Token as SpacyToken

    from sitrep.events.coder.rules import CodingRules, ExtractRules

# Dependency labels of both schemes our parsers may use: spaCy's ClearNLP-style labels and Universal
# Dependencies (the shipped reading model is trained on UD treebanks: obj, obl + case, nsubj:pass, ...).
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "nsubj:pass", "csubj:pass", "nsubj:outer"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "nsubj:pass", "csubj:pass"})
OBJECTS = frozenset({"dobj", "dative", "iobj", "obj"})
PASSIVE_AUX = frozenset({"auxpass", "aux:pass"})
_CLIMB = frozenset({"xcomp", "conj", "advcl", "pcomp", "parataxis"})
RELATIVE = frozenset({"relcl", "acl", "acl:relcl"})
NOUN_MODS = frozenset({"poss", "nmod:poss", "compound", "amod", "nmod", "npadvmod"})
UD_OBLIQUE = frozenset({"obl", "nmod", "obl:agent", "obl:unmarked", "nmod:unmarked"})
COORDINATED = frozenset({"conj", "parataxis"})
GOVERNED = frozenset({"xcomp", "advcl", "conj", "dobj", "obj"})  # a verb (or object) whose subject is its governor's
_CLAUSAL = frozenset({"ccomp", "advcl", "relcl", "acl", "acl:relcl", "conj", "parataxis", "csubj", "xcomp"})
VERB_POS = frozenset({"VERB", "AUX"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
_NONFINITE_TAGS = frozenset({"VBG", "VB"})
FUNCTION_POS = frozenset({"ADP", "DET", "AUX", "PART", "SCONJ", "CCONJ", "PRON"})
NAME_PARTS = frozenset({"flat", "flat:name", "compound"})
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom", "whose"})
PARTY_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})  # entity types that can name a party


def names_party(token: SpacyToken) -> bool:
    """Whether a word is a proper name or part of a person's, organisation's, state's or people's name."""
    return token.pos_ == "PROPN" or token.ent_type_ in PARTY_ENTITIES


def in_clause(token: SpacyToken, predicate: SpacyToken) -> bool:
    """Whether ``token`` belongs to the clause of ``predicate``: below it, with no other clause's verb between."""
    if token.i == predicate.i:
        return True
    for ancestor in token.ancestors:
        if ancestor.i == predicate.i:
            return True
        if ancestor.pos_ in VERB_POS and ancestor.dep_ in _CLAUSAL:
            return False
    return False


def names_given(verb: SpacyToken, *, rules: CodingRules) -> list[SpacyToken]:
    """The names a verb of naming (data: ``naming_verbs``) gives its object: a common noun or adjective after the
    object ("called Putin *a war criminal*", "branded the vote *illegal*", called Putin *"a terrorist"*; not "called
    Kuleba *to express* ..."). The
    parse may read a named object as the verb's complement and the name as its object ("called *Lukashenko* [xcomp]
    a *dictator* [obj]"): the proper noun is then the object."""
    if verb.lemma_.lower() not in rules.naming_verbs:
        return []
    objects = [
        c for c in verb.children if (c.dep_ in OBJECTS or (c.dep_ == "xcomp" and c.pos_ == "PROPN")) and c.i > verb.i
    ]
    if not objects:
        return []
    return [
        c
        for c in verb.children
        if c.i > objects[0].i
        and c.pos_ in ("NOUN", "ADJ")
        and (c.dep_ in OBJECTS | {"xcomp", "obl:npmod"} or c.dep_ in ("advmod", "amod") or _caseless_oblique(c))
    ]


def _caseless_oblique(token: SpacyToken) -> bool:
    """Whether a noun is an oblique with no preposition of its own: after a verb of naming and its object, the name
    given, however the parse labels it (called Putin *"a terrorist who talks with missiles"*: an ``obl``)."""
    return token.dep_ == "obl" and not any(c.dep_ == "case" for c in token.children)


def subject_children(token: SpacyToken) -> list[SpacyToken]:
    """The subjects of ``token``, less whitespace tokens: the parser often hangs the blank line before a
    paragraph on a verb as its ``nsubj``, which would hide the real subject or stand for one; when that is
    the only subject, the name hung on it stands for it ("\\n\\n" ← flat "Zelensky" thanked ...)."""
    out: list[SpacyToken] = []
    for child in token.children:
        if child.dep_ not in SUBJECTS:
            continue
        if child.is_space:
            named = [c for c in child.children if not c.is_space and c.dep_ in NAME_PARTS | {"appos"} and c.i < token.i]
            if named and not any(c.dep_ in SUBJECTS and not c.is_space for c in token.children):
                out.append(named[-1])
            continue
        out.append(child)
    return out


def subject_of(verb: SpacyToken) -> tuple[SpacyToken, bool] | None:
    """The subject of ``verb`` (up through the verbs it shares its subject with) and whether it is passive."""
    token = verb
    for _ in range(5):
        subjects = subject_children(token)
        if not subjects and token.i == verb.i:
            misread = reported_object_subject(verb)
            if misread is not None:
                return misread, False  # "said *a Ukrainian strike* ... killed four people"
            dropped = dropped_subject(verb)
            if dropped is not None:
                return dropped, False  # "..., and *Gen. Milley*, who chairs the Joint Chiefs, held calls"
        if len(subjects) > 1:  # "Crimea, *which* Russia seized" read with two subjects: the pronoun is the object
            subjects = [c for c in subjects if c.lower_ not in RELATIVE_PRONOUNS] or subjects
        for child in subjects:
            passive = child.dep_ in PASSIVE_SUBJECTS
            if passive and token != verb and (
                token.pos_ == "ADJ" or any(c.dep_ in OBJECTS for c in verb.children) or _demand_verb(verb)
            ):
                # "they were concerned ... and *called on* Moscow", "were arrested and *named* a lawyer": the
                # shared subject of a state, of a verb with an object of its own, or of a demand acts
                passive = any(c.dep_ in PASSIVE_AUX for c in verb.children)
            if child.lower_ in RELATIVE_PRONOUNS and token.dep_ in RELATIVE and token.head != token:
                return token.head, passive  # "Erdogan, *who* welcomed both delegations"
            return child, passive
        if _detached_participle(token):
            token = token.head.head  # "expelled ten diplomats*, accusing* Moscow of ...": the expeller accuses
            continue
        if token.dep_ in RELATIVE and token.head != token:
            return token.head, False
        if _joined_to_free_relative(token):
            # "condemned what it described as an escalation and *restated* support": the list's verb is joined to
            # the verb governing "what", not to the relative clause's own verb
            token = token.head.head.head
            continue
        if token.dep_ in _CLIMB and token.head != token:
            token = token.head
            continue
        break
    return None


def _demand_verb(verb: SpacyToken) -> bool:
    """Whether ``verb`` asks someone to act ("urged", "called on"; data: ``object_control_verbs``)."""
    verbs = load_extract_rules().object_control_verbs
    lemma = verb.lemma_.lower()
    after = [c for c in verb.children if c.i > verb.i]
    after += [p for c in after for p in c.children if p.dep_ == "case" and p.i > verb.i]  # "called *on* Moscow"
    return lemma in verbs or any(f"{lemma} {c.lower_}" in verbs for c in after)


_SENTENCE_ENDS = frozenset({".", "!", "?", "\"", "\u201d", "'", "\u2019", ":", ";"})


def whole_sentence_root(token: SpacyToken) -> SpacyToken:
    """The root of the sentence ``token`` is in, across a break the parser made mid-sentence (a second root on a
    name after a comma: "spoke with his counterpart, Minister *Andrii* Taran, and pledged ..." starts no new
    sentence, so the list's verb shares the subject of "spoke")."""
    sent = token.sent
    for _ in range(3):
        before = sent.start - 1
        if before < 0 or sent.root.pos_ in VERB_POS:
            break
        previous = token.doc[before]
        if previous.is_space or previous.text in _SENTENCE_ENDS:
            break
        sent = previous.sent
    return sent.root


def clause_top(verb: SpacyToken) -> SpacyToken:
    """The first verb of the chain of coordinated or complement verbs ``verb`` belongs to ("called Putin and
    *proposed*": "called")."""
    token = verb
    for _ in range(5):
        if token.dep_ in ("conj", "xcomp") and token.head != token and token.head.pos_ in VERB_POS:
            token = token.head
            continue
        break
    return token


def misread_clause_verb(token: SpacyToken) -> bool:
    """Whether a verb with a subject of its own was read as a modifier of the noun after it ("said Russia had
    *massed* troops": "massed" an adjective of "troops", the object of "said"): it heads the clause the
    noun phrase stands for."""
    return (
        token.pos_ in VERB_POS
        and token.dep_ in ("amod", "acl")
        and token.head.i > token.i
        and token.head.dep_ in OBJECTS
        and any(c.i < token.i for c in subject_children(token))
    )


def _joined_to_free_relative(token: SpacyToken) -> bool:
    """Whether a coordinated verb was attached to the verb of a free relative clause ("condemned *what it
    described* as ... and restated"), whose "what" hangs on a verb before it."""
    relative = token.head
    what = relative.head
    return (
        token.dep_ == "conj"
        and relative.dep_ in RELATIVE
        and what.lower_ == "what"
        and what.head is not what
        and what.head.pos_ in VERB_POS
        and what.head.i < what.i
    )


def relative_pronoun_clause(verb: SpacyToken) -> bool:
    """Whether a verb heads a clause opened by a relative pronoun after a comma (", *which* Moscow annexed in
    2014"), whatever relation the parser gave it."""
    return any(
        c.lower_ in ("which", "who", "whom") and c.i < verb.i and c.i > 0 and verb.doc[c.i - 1].text == ","
        for c in verb.children
    )


def _detached_participle(token: SpacyToken) -> bool:
    """Whether a participle read as a clause of a verb's object is set off from it by a comma ("expelled ten
    Russian diplomats*, accusing* Moscow of meddling"): an adverbial clause of that verb, whose subject does it."""
    head = token.head
    return (
        token.dep_ == "acl"
        and token.tag_ == "VBG"
        and token.i > 0
        and token.doc[token.i - 1].text == ","
        and head.dep_ in OBJECTS
        and head.head.pos_ in VERB_POS
        and head.head != head
    )


def object_controller(verb: SpacyToken, *, rules: ExtractRules) -> SpacyToken | None:
    """The object of the verb that governs a subjectless clause introduced by "of" or "for", or by "to" after a
    verb of object control (data: ``object_control_verbs``): "urged Putin *to de-escalate*", "accused NATO *of
    preparing* to deploy", "thanked the allies *for standing* with Kyiv" — who does the clause's act. None
    when a clause on the way up has its own subject or no such verb with an object governs it ("called
    Kuleba *to express* support": the caller's purpose)."""
    continued = _continued_act_object(verb, rules=rules)
    if continued is not None:
        return continued
    token = verb
    for _ in range(5):
        if subject_children(token):
            return None
        head = token.head
        if token.dep_ not in _CLIMB or head == token:
            return None
        if token.dep_ == "conj" and token.tag_ in _FINITE_TAGS and head.tag_ in _NONFINITE_TAGS:
            return None  # "thanked Biden for signing it and *urged* partners": a finite verb joins the main clause
        markers = {c.lower_ for c in token.children if c.dep_ in ("mark", "aux", "case") and c.i < token.i}
        controlled = bool(markers & rules.control_markers) or (
            "to" in markers and head.lemma_.lower() in rules.object_control_verbs
        )
        if controlled and token.dep_ != "conj" and head.pos_ in VERB_POS:
            objects = [c for c in head.children if c.dep_ in OBJECTS and c.i < token.i]
            if objects:
                return objects[-1]
        token = head
    return None


def own_addressee(verb: SpacyToken, *, rules: ExtractRules) -> bool:
    """Whether a verb of object control names its own addressee ("*urged allies* to send air defence"): a
    party that addressee does not name is no party of the act, and none is inherited for it."""
    return verb.lemma_.lower() in rules.object_control_verbs and any(c.dep_ in OBJECTS for c in verb.children)


def _continued_act_object(verb: SpacyToken, *, rules: ExtractRules) -> SpacyToken | None:
    """"accused Russia of shelling the village, *wounding* two civilians": a bare participle hung on a verb whose
    object does the act of an "of"/"for" clause before it continues that act, so the object is its doer too."""
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or verb.head == verb:
        return None
    if subject_children(verb) or any(c.dep_ == "mark" for c in verb.children):
        return None
    head = verb.head
    objects = [c for c in head.children if c.dep_ in OBJECTS and c.i < verb.i]
    if not objects:
        return None
    obj = objects[-1]
    for clause in (*head.children, *obj.children):
        if clause.dep_ in ("advcl", "acl") and obj.i < clause.i < verb.i:
            markers = {c.lower_ for c in clause.children if c.dep_ in ("mark", "case") and c.i < clause.i}
            if markers & rules.control_markers:
                return obj
    return None


def agent_of(verb: SpacyToken) -> SpacyToken | None:
    """The ``by`` agent of a passive verb ("was hosted *by Wang Yi*"), in either dependency scheme."""
    for child in verb.children:
        if child.dep_ == "obl:agent":
            return child
        if child.dep_ == "obl" and any(c.dep_ == "case" and c.lower_ == "by" for c in child.children):
            return child
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def noun_agent(noun: SpacyToken) -> SpacyToken | None:
    """The "by" phrase of an event noun: its agent ("a renewed offensive *by Russia*", "the expulsion of ten
    diplomats *by Moscow*")."""
    for child in noun.children:
        if child.dep_ in UD_OBLIQUE and child.i > noun.i and any(
            c.dep_ == "case" and c.lower_ == "by" and c.i < child.i for c in child.children
        ):
            return child
    return None


def possessor_addressee(noun: SpacyToken) -> SpacyToken | None:
    """The object a possessive pronoun of an event noun stands for when the noun gives the reason for a verb's
    act on that object ("slammed *the United States* for its support", "thanked *Germany* for their help")."""
    if not any(c.dep_ in ("nmod:poss", "poss") and c.lower_ in ("its", "their") for c in noun.children):
        return None
    verb = noun.head
    if noun.dep_ not in UD_OBLIQUE or verb.pos_ not in VERB_POS or verb.i > noun.i:
        return None
    if not any(c.dep_ == "case" and c.lower_ == "for" for c in noun.children):
        return None
    return next((c for c in verb.children if c.dep_ in OBJECTS and c.i < noun.i), None)


def reporter_of(token: SpacyToken, trigger: SpacyToken, *, reporting: frozenset[str]) -> bool:
    """Whether ``token`` is the subject of a reporting verb (data: ``reporting_verbs``) whose report holds the
    trigger ("'... respecting the agreements,' *the Elysee Palace* said")."""
    verb = token.head
    return (
        token.dep_ in SUBJECTS
        and verb.lemma_.lower() in reporting
        and verb.i != trigger.i
        and any(a.i == verb.i for a in trigger.ancestors)
    )


def of_object(noun: SpacyToken) -> SpacyToken | None:
    """The "of" object of a noun ("the supply *of weapons*")."""
    return next((n for prep, n in prep_objects(noun) if prep.lower_ == "of" and n.i > noun.i), None)


def reported_object_subject(verb: SpacyToken) -> SpacyToken | None:
    """The subject of a finite verb the parser left with none, having read it as the object of the reporting verb
    before it ("officials said *a drone raid on the depot* wounded two guards"): an object of a reporting
    verb (data: ``reporting_verbs``; not "tell", whose object is the hearer) ending right before the verb."""
    if verb.pos_ != "VERB" or verb.tag_ not in _FINITE_TAGS or verb.i == 0:
        return None
    if any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    reporting = load_extract_rules().reporting_verbs - {"tell"}
    before = verb.doc[verb.i - 1]
    for node in (before, *before.ancestors):
        if node.i >= verb.i:
            return None
        if node.dep_ in OBJECTS:
            head = node.head
            if head.pos_ == "VERB" and head.i < node.i and head.lemma_.lower() in reporting:
                return node if node.right_edge.i == verb.i - 1 and node.pos_ in ("NOUN", "PROPN") else None
            return None
    return None


def dropped_subject(verb: SpacyToken) -> SpacyToken | None:
    """The subject of a finite verb the parser left with none, having joined it to the verb of the clause before
    as a coordinated word ("Blinken spoke with Kuleba, and *Gen. Mark Milley*, who chairs the Joint Chiefs of
    Staff, held calls with ..."): a name or noun read as a ``conj`` of an earlier verb (no noun is coordinated
    with a verb), opened by "and" or a comma, with nothing between it and the verb but its own name parts, an
    apposition or a relative clause set off by commas."""
    if verb.pos_ not in VERB_POS or verb.tag_ not in _FINITE_TAGS or verb.i < 2:
        return None
    if any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    doc = verb.doc
    for at in range(verb.i - 1, max(-1, verb.i - 30), -1):
        token = doc[at]
        if token.pos_ in ("PROPN", "NOUN") and token.dep_ == "conj" and token.head.pos_ in VERB_POS:
            if token.head.i > token.i or token.head.i == verb.i:
                return None
            before = token.left_edge.i - 1
            openers = [c for c in token.children if c.i < token.i and c.dep_ in ("cc", "punct")]
            if before >= 0:
                openers.append(doc[before])
            if not any(t.lower_ in ("and", ",") for t in openers):
                return None
            return token if _only_asides(token, verb) else None
        if token.text in _SENTENCE_ENDS and token.text not in ("\"", "\u201d", "'", "\u2019"):
            return None
    return None


def _only_asides(subject: SpacyToken, verb: SpacyToken) -> bool:
    """Whether every word between ``subject`` and ``verb`` is punctuation, a part of the subject's own phrase, or a
    word of a relative clause ("who chairs the Joint Chiefs of Staff") or apposition set off by commas."""
    doc = verb.doc
    own = {t.i for t in subject.subtree}
    asides: set[int] = set()
    for token in doc[subject.i + 1 : verb.i]:
        if token.lower_ in RELATIVE_PRONOUNS and token.head.pos_ in VERB_POS and doc[token.i - 1].text == ",":
            asides.update(t.i for t in token.head.subtree)
    return all(
        t.is_punct or t.i in own or t.i in asides or t.dep_ in NAME_PARTS for t in doc[subject.i + 1 : verb.i]
    )


def prep_objects(owner: SpacyToken) -> list[tuple[SpacyToken, SpacyToken]]:
    """(preposition, its noun) pairs attached to ``owner``: ``prep`` → ``pobj`` (ClearNLP) or ``obl``/``nmod`` with ``case`` (UD)."""
    out: list[tuple[SpacyToken, SpacyToken]] = []
    for child in owner.children:
        if child.dep_ == "prep":
            out.extend((child, grand) for grand in child.children if grand.dep_ in ("pobj", "pcomp"))
        elif child.dep_ in UD_OBLIQUE:
            out.extend((case, child) for case in child.children if case.dep_ == "case" and case.i < child.i)
    return out


def proper_name(token: SpacyToken) -> str:
    """The proper name a name token heads: it and its adjacent ``flat``/``compound`` name parts ("Vladimir Putin")."""
    parts = [token] + [c for c in token.children if c.dep_ in NAME_PARTS and c.pos_ == "PROPN"]
    parts.sort(key=lambda t: t.i)
    if parts[-1].i - parts[0].i + 1 != len(parts):
        return token.text
    return " ".join(t.text for t in parts)


def conjuncts(head: SpacyToken) -> list[SpacyToken]:
    out = [head]
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            if child.dep_ == "conj" and child not in out:
                out.append(child)
                stack.append(child)
    return out


def governs(token: SpacyToken, predicate: SpacyToken) -> bool:
    """Whether ``token`` hangs on ``predicate`` (is it or lies below it)."""
    return token.i == predicate.i or any(a.i == predicate.i for a in token.ancestors)
