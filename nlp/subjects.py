"""Source mentions from the subject: the verb's own subject, or the one it inherits as a
participle or conjunct, climbing the parse (_parsed_subject).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Token

from nlp.content_clauses import (
    _first_conjunct,
    _reporting_conjunct,
    _reporting_participle,
    _second_participle_of,
    _up_through_xcomp,
)
from nlp.content_objects import _as_mark
from nlp.lexicon import Lexicon
from nlp.syntax import (
    CLOSING,
    FINITE,
    INHERIT_DEPS,
    SPEAKER_POS,
    SUBJECT_DEPS,
    WALK_DEPS,
    _has_subject,
)

FLOATING = ("both", "all", "each")


@dataclass
class SubjectWalk:
    """Where the walk from a cue verb up the parse stands, and the rules that fired."""

    verb: Token  # the cue verb
    current: Token  # the verb the walk has climbed to
    lex: Lexicon
    trail: list[str] = field(default_factory=list)

    @property
    def at_verb(self) -> bool:
        return self.current.i == self.verb.i


@dataclass(frozen=True)
class Stop:
    """The walk ends with this subject (None: nobody)."""

    subject: Token | None


@dataclass(frozen=True)
class Climb:
    """The walk goes on from this verb."""

    to: Token


WalkRule = Callable[[SubjectWalk], "Stop | Climb | None"]


def _parsed_subject(verb: Token, lex: Lexicon, trail: list[str] | None = None) -> Token | None:
    """The verb's subject, or the subject it inherits as a participle/conjunct:
    the first rule of SUBJECT_WALK that stops or climbs decides, three climbs at most."""
    walk = SubjectWalk(verb, verb, lex)
    for _ in range(3):
        for rule in SUBJECT_WALK:
            outcome = rule(walk)
            if outcome is None:
                continue
            walk.trail.append(rule.__name__.lstrip("_"))
            if isinstance(outcome, Stop):
                if trail is not None:
                    trail.extend(f"source:{name}" for name in walk.trail)
                return outcome.subject
            walk.current = outcome.to
            break
    if trail is not None:
        trail.extend(f"source:{name}" for name in walk.trail)
    return None


def own_subject(walk: SubjectWalk) -> Stop | None:
    """'Lim, who said ...': the verb's own subject (the "who" reads as its antecedent)."""
    current = walk.current
    # '"The more people know him, …," Briggs said' can come out with two
    # subjects on "said", one inside the quotation: the speaker is the nearer.
    subjects = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
    # "Republican leaders, whose …, both suggested": "both" floats off its noun.
    subjects = [c for c in subjects if c.lower_ not in FLOATING] or subjects
    if not subjects:
        return None
    child = min(subjects, key=lambda c: abs(c.i - current.i))
    if child.dep_ != "nsubjpass" or _has_read_as_is(current):
        return Stop(child)
    if _conjunct_of(walk.verb, current):
        # "Trump was forced into damage control and said …", "officials
        # were angered by the deal and predicted …": the subject both share.
        return Stop(child)
    return Stop(_passive_agent(current))


def passive_agent(walk: SubjectWalk) -> Stop | None:
    """'It was announced by the ministry': the by-phrase of the verb itself."""
    if walk.at_verb and any(c.dep_ == "agent" for c in walk.verb.children):
        return Stop(_passive_agent(walk.verb))
    return None


def at_the_verb(finder: Callable[[Token], Token | None]) -> WalkRule:
    """A rule from a finder that reads the cue verb itself, before the walk climbs."""

    def rule(walk: SubjectWalk) -> Stop | None:
        if not walk.at_verb:
            return None
        found = finder(walk.verb)
        return Stop(found) if found is not None else None

    rule.__name__ = finder.__name__
    return rule


def cited_as_saying(walk: SubjectWalk) -> Stop | None:
    """'KCNA cited the ministry as saying ...': the cited party says it."""
    cited = _cited_as_saying(walk.current)
    return Stop(cited) if cited is not None else None


def second_participle(walk: SubjectWalk) -> Climb | None:
    """'urging voters to see it and promising to act': the urger promises."""
    outer = _second_participle_of(walk.verb, walk.lex) if walk.at_verb else None
    return Climb(outer) if outer is not None else None


def reporting_conjunct(walk: SubjectWalk) -> Climb | None:
    """'said X was wrong and criticized him', 'told them that X had failed,
    adding, “…”': the subject of "said" / "told"."""
    current = walk.current
    if _reporting_conjunct(current, walk.lex) or _reporting_participle(current, walk.lex):
        return Climb(_first_conjunct(_up_through_xcomp(current.head)).head)
    return None


def statement_saying(walk: SubjectWalk) -> Climb | None:
    """'issued a statement Tuesday saying, “…”': the one who issued it."""
    if _statement_saying(walk.current, walk.lex):
        return Climb(walk.current.head.head)
    return None


def by_saying(walk: SubjectWalk) -> Climb | None:
    """'Husted continued by saying ...': the verb the preposition hangs on."""
    current = walk.current
    if current.dep_ == "pcomp" and current.head.lower_ in walk.lex.by_saying_preps:
        return Climb(current.head.head)
    return None


def parataxis_before(walk: SubjectWalk) -> Climb | None:
    """'Durbin, noting the size of his list, said, “…”': the parse may make the
    participle the root and hang "said" on it without a subject."""
    current = walk.current
    if current.dep_ == "parataxis" and current.head.i < current.i:
        return Climb(current.head)
    return None


def nearer_conjunct(walk: SubjectWalk) -> Climb | None:
    """'rabbis called for a boycott, and the League denounced it and said …': the
    parse hangs both verbs on the first; the nearer one speaks."""
    current = walk.current
    if current.dep_ == "conj" and (nearer := _nearer_conjunct_with_subject(current)):
        return Climb(nearer)
    return None


def walk_ends(walk: SubjectWalk) -> Stop | None:
    """'Asked about it, Smith ...': no dependency left to climb; a clause before may
    hold the subject."""
    current = walk.current
    if current.dep_ not in WALK_DEPS or current.head.i == current.i:
        return Stop(_leading_clause_subject(current))
    return None


def xcomp_controller(walk: SubjectWalk) -> Stop | None:
    """'The strike prompted Lee to say ...': the one the verb's object controls."""
    if walk.current.dep_ != "xcomp":
        return None
    controller = _controller(walk.current, walk.lex)
    return Stop(controller) if controller is not None else None


def copular_adjective(walk: SubjectWalk) -> Climb | None:
    """'Sexton was quick to point out that …': the one the adjective describes."""
    current = walk.current
    if current.dep_ == "xcomp" and _copular_adjective(current.head, walk.lex):
        return Climb(current.head.head)
    return None


def head_verb(walk: SubjectWalk) -> Climb:
    """'…, KCNA said, citing ...': a participle or conjunct borrows its head's subject."""
    return Climb(walk.current.head)


def _root_name_before(verb: Token) -> Token | None:
    return _name_before(verb) if verb.dep_ == "ROOT" else None


def _root_apposition_before(verb: Token) -> Token | None:
    return _apposition_before(verb) if verb.dep_ == "ROOT" else None


def _nearer_conjunct_with_subject(verb: Token) -> Token | None:
    """A verb conjoined to the same head between it and the verb, with a
    subject of its own."""
    between = [
        c
        for c in verb.head.children
        if c.dep_ == "conj" and verb.head.i < c.i < verb.i and _has_subject(c)
    ]
    return between[-1] if between else None


def _has_read_as_is(verb: Token) -> bool:
    """ "He's said he gets …": the parse may take the "'s" for "is" and make the
    verb passive; with a clause of its own after it, it is "has said"."""
    contracted = any(c.dep_ == "auxpass" and c.lower_ in ("'s", "’s") for c in verb.children)
    # "It's said he once owned three banks" is the passive: hearsay, nobody's.
    expletive = any(c.dep_ == "nsubjpass" and c.lower_ in ("it", "there") for c in verb.children)
    return (
        contracted
        and not expletive
        and any(c.dep_ == "ccomp" and _has_subject(c) for c in verb.children)
    )


def _share_read_as_number(verb: Token) -> Token | None:
    """'About 4 in 10 say they want …': the parse may hang the share on the verb
    as a number modifying it; it is the verb's subject."""
    return next(
        (
            c
            for c in verb.children
            if c.i < verb.i and c.dep_ in ("nummod", "npadvmod") and c.like_num
        ),
        None,
    )


def _conjunct_of(verb: Token, head: Token) -> bool:
    return verb.dep_ == "conj" and verb.head.i == head.i


def _controller(xcomp: Token, lex: Lexicon) -> Token | None:
    """'prompted the Atlas to state', 'was prompted to say': the one made to
    speak is the verb's object, or its passive subject, not its agent. An
    object that is a thing is a means: "used an expletive to describe"."""
    verb = xcomp.head
    lemma = verb.lemma_.lower().removesuffix("ed")  # the lemmatizer leaves "pressed"
    # After these the speaking happened ("was prompted to say", "is reported to
    # have called"); not after "urged Trump to say", "is expected to announce".
    prompting = lemma in lex.prompting_verbs
    if not prompting and lemma not in lex.reported_verbs:
        return None
    for child in verb.children:
        if child.i < xcomp.i and child.dep_ == "dobj":
            person = child.pos_ == "PROPN" or child.lower_ in lex.object_persons
            return child if person and prompting else None
    if any(c.dep_ in ("agent", "neg") for c in verb.children):
        return None  # "they were not authorized to reveal": nobody said it
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


def _copular_adjective(head: Token, lex: Lexicon) -> bool:
    """Adjectives that say how someone spoke, not whether they will ("is likely to say")."""
    if head.dep_ != "acomp" or head.head.lemma_ != "be":
        return False
    # "Voters were more likely to say …" reports a poll's answers, not a forecast.
    compared = head.lower_ == "likely" and any(c.lower_ in lex.comparatives for c in head.children)
    return head.lower_ in lex.eager_adjectives or compared


def _leading_clause_subject(verb: Token) -> Token | None:
    """'Kasich offered the man a job, then says he'll …': the parse may hang the
    first verb on the second as its clause, leaving this one without a subject.
    An imperative has none to find ("The plan is bad, so tell your senator …")."""
    if verb.tag_ not in FINITE:
        return None
    for child in verb.children:
        if child.dep_ != "ccomp" or child.i > verb.i or any(t.is_quote for t in child.subtree):
            continue
        subjects = [c for c in child.children if c.dep_ == "nsubj" and c.i < child.i]
        if subjects and subjects[0].pos_ in SPEAKER_POS + ("PRON",):
            return subjects[0]
    return None


NOUN_PHRASE_POS = ("DET", "ADJ", "PROPN", "NUM", "PART")


def _subject_given_to_quotation(verb: Token) -> Token | None:
    """'Akhil Amar, author of ''Unwritten Constitution,'' said, ''Senate
    Republicans should …''': the parse may hang the verb on the quoted verb
    after it and give that one the speaker as a subject too. A subject before
    the cue cannot be the quoted verb's: it is the speaker."""
    head = verb.head
    if verb.dep_ != "parataxis" or head.i < verb.i:
        return None
    before = [c for c in head.children if c.dep_ in SUBJECT_DEPS and c.i < verb.i]
    return before[-1] if before else None


def _subject_given_to_as(verb: Token) -> Token | None:
    """'As Akhil Amar, author of …, put it': the parse may read "As" as a
    preposition and hang the speaker on it as its object."""
    mark = _as_mark(verb)
    if mark is None:
        return None
    return next((c for c in mark.children if c.dep_ == "pobj" and c.pos_ in SPEAKER_POS), None)


def _inverted_subject(verb: Token) -> Token | None:
    """'"…," added another New Hampshire Democrat': the parse makes the
    speaker an object when the verb comes first after the quotation."""
    if verb.i == 0 or verb.dep_ in INHERIT_DEPS or verb.doc[verb.i - 1].text not in CLOSING:
        return None
    # The parse may hang the speaker on the verb as an object, or on a later
    # verb altogether ('said the woman, who did not want to be named'): read
    # the noun phrase that follows instead.
    for token in verb.doc[verb.i + 1 : verb.i + 6]:
        if token.pos_ in SPEAKER_POS and token.dep_ != "compound":
            return token
        if token.i == verb.i + 1 and _untagged_name(token):
            return token  # '“…,” said Skelly, explaining': "Skelly" tagged as an adverb
        if token.pos_ not in NOUN_PHRASE_POS and token.dep_ not in ("compound", "amod"):
            return None  # "said retired neurosurgeon Ben Carson" goes on to the name
    return None


NAME_CHAIN = ("appos", "pobj", "prep", "compound")


def _name_before(verb: Token) -> Token | None:
    """'In a call on Dec. 2, Col. Steven Warren, a spokesman in Baghdad, said':
    the parse may hang the speaker on a word before as an apposition and
    leave the verb without a subject. The name closing the phrase before it,
    or the one that phrase is in apposition to, speaks."""
    token = verb.doc[_last_word_before(verb)]
    for _ in range(6):
        if token.ent_type_ == "PERSON" and token.pos_ == "PROPN" and token.dep_ != "compound":
            return token
        if token.dep_ not in NAME_CHAIN or token.head.i >= verb.i:
            return None
        token = token.head
    return None


def _verbless_root(verb: Token) -> Token | None:
    """'Beruff, a Scott ally, called the standards “strong.”': the parse may
    read the verb as a participle on a name that it makes the sentence's root,
    leaving the sentence no verb of its own. The name is the subject."""
    root = verb.sent.root
    if verb.dep_ not in ("acl", "relcl") or root.pos_ != "PROPN" or root.i > verb.i:
        return None
    # Hung on the name itself, or after an aside set off by a comma; not a
    # participle of another noun ("Sanders at a rally, with students chanting …").
    if verb.head.i != root.i and verb.doc[verb.i - 1].text != ",":
        return None
    return root


def _last_word_before(verb: Token) -> int:
    """The last word before the verb in its sentence, past any punctuation."""
    index = verb.i - 1
    while index > verb.sent.start and verb.doc[index].is_punct:
        index -= 1
    return index


def _apposition_before(verb: Token) -> Token | None:
    """'Although there is no such overlap with his team, a White House official
    who spoke anonymously said …': the parse may make the speaker an
    apposition of a noun before and leave the verb without a subject. The
    apposition whose phrase ends right before the verb is the speaker."""
    index = _last_word_before(verb)
    aside = _participle_aside_before(verb)
    if aside is not None:
        # 'On Tuesday, Ohio, leading a group of states, asked …': the
        # apposition ends before the aside.
        index = aside.i - 2
    for token in verb.doc[verb.sent.start : index + 1]:
        if token.dep_ == "appos" and token.pos_ in SPEAKER_POS and token.right_edge.i == index:
            return token
    return None


def _participle_aside_before(verb: Token) -> Token | None:
    """A participle phrase set off by commas right before the verb (the parse
    may hang the words before it on the participle too)."""
    doc = verb.doc
    for child in verb.lefts:
        opened = child.i - 1
        if (
            child.dep_ == "advcl"
            and child.tag_ == "VBG"
            and opened > verb.sent.start
            and doc[opened].text == ","
            and child.right_edge.i + 2 == verb.i
            and doc[verb.i - 1].text == ","
        ):
            return child
    return None


def _statement_saying(verb: Token, lex: Lexicon) -> bool:
    noun = verb.head
    return (
        verb.dep_ == "acl"
        and noun.lemma_.lower() in lex.speech_nouns
        and noun.dep_ == "dobj"
        and noun.head.i < noun.i
    )


def _name_read_as_modal(verb: Token) -> Token | None:
    """'In particular, Will wrote, Christie can …': a capitalised "modal"
    mid-sentence before a verb in the past is a name (a modal takes no past)."""
    if verb.tag_ != "VBD":
        return None
    for child in verb.lefts:
        mid_sentence = child.i > child.sent.start and not child.nbor(-1).is_sent_end
        if child.dep_ == "aux" and child.tag_ == "MD" and child.is_title and mid_sentence:
            return child
    return None


def _misread_participle_subject(verb: Token) -> Token | None:
    """'De Blasio, speaking on WOR710, called Trump a “blowhard,”': after an
    aside the parse may read the verb as a participle describing the name; with
    an object and no agent ('called a liar by …'), the name is its subject."""
    head = verb.head
    if verb.dep_ != "acl" or verb.tag_ not in ("VBN", "VBD") or head.pos_ != "PROPN":
        return None
    if any(c.dep_ == "agent" for c in verb.children):
        return None
    has_object = any(c.dep_ in ("dobj", "oprd", "ccomp") for c in verb.children)
    doc = verb.doc  # an aside between commas, not 'Bannon, who Beck … called'
    set_off = head.i + 2 < verb.i and doc[head.i + 1].text == "," and doc[verb.i - 1].text == ","
    return head if has_object and set_off else None


def _subject_of_participle(verb: Token) -> Token | None:
    """'Durbin, noting the size of the list, said': the parse may give the
    subject to the participle set off before the verb."""
    for child in verb.lefts:
        if child.tag_ == "VBG" and child.dep_ in ("ccomp", "advcl", "csubj"):
            subject = next((c for c in child.lefts if c.dep_ == "nsubj"), None)
            if subject is not None and subject.pos_ in SPEAKER_POS:
                return subject
    return None


def _untagged_name(token: Token) -> bool:
    after = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return (
        token.is_title
        and token.pos_ in ("ADV", "ADJ", "VERB", "X")
        and not token.ent_type_
        and (after is None or after.is_punct)
    )


def _cited_as_saying(verb: Token) -> Token | None:
    """'KCNA cited the ministry as saying ...': the cited party says it."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ != "as" or prep.head.lemma_ not in ("cite", "quote"):
        return None
    return next((c for c in prep.head.children if c.dep_ == "dobj"), None)


def _passive_agent(verb: Token) -> Token | None:
    """'It was announced by the ministry': the by-phrase is the source."""
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


# The subject walk, in order: the first rule that stops or climbs decides.
SUBJECT_WALK: tuple[WalkRule, ...] = (
    own_subject,
    passive_agent,
    at_the_verb(_share_read_as_number),
    at_the_verb(_inverted_subject),
    at_the_verb(_subject_of_participle),
    at_the_verb(_misread_participle_subject),
    at_the_verb(_name_read_as_modal),
    at_the_verb(_root_name_before),
    at_the_verb(_root_apposition_before),
    at_the_verb(_verbless_root),
    cited_as_saying,
    second_participle,
    reporting_conjunct,
    statement_saying,
    by_saying,
    at_the_verb(_subject_given_to_quotation),
    at_the_verb(_subject_given_to_as),
    parataxis_before,
    nearer_conjunct,
    walk_ends,
    xcomp_controller,
    copular_adjective,
    head_verb,
)
