"""Content spans carried as an object ('criticized X as Y'), reversed ('X, he said')
or resumed after the cue.
"""

from __future__ import annotations

from spacy.tokens import Token

from nlp.content_clauses import _before_trailing_aside
from nlp.lexicon import Lexicon
from nlp.ranges import _has_words, _subtree_range, trim
from nlp.syntax import FINITE, SPEAKER_POS, SUBJECT_DEPS, _has_subject, verb_frames

# What follows a reported object and belongs with it: "called the plan “a
# disaster”", "criticized Ford for …", "defended himself against …"
# (and lex.object_tail_preps).
OBJECT_TAIL_DEPS = ("oprd", "xcomp", "acomp")


def object_range(verb: Token, obj: Token, lex: Lexicon) -> tuple[int, int]:
    start, end = _subtree_range(obj)
    framed_as = _framed_as(verb, end)
    # 'called the system “rotten to the core”': the mark hangs on the verb.
    children = [c for c in verb.children if c.i >= end and not c.is_quote]
    for index, child in enumerate(children):
        if child.i < end:
            continue
        if _time_before_tail(child, children[index + 1 :], lex):
            # 'blasted Trump on Monday over his stance': the grounds reach over the day.
            end = _subtree_range(child)[1]
            continue
        if framed_as is not None and child.i <= framed_as.i and child.dep_ in INTERVENING:
            # 'described the DLC during an interview as "a remnant …"': the
            # description reaches over the modifiers between it and its "as".
            end = _subtree_range(child)[1]
            continue
        tail = (
            child.dep_ in OBJECT_TAIL_DEPS
            or (child.dep_ == "prep" and child.lower_ in lex.object_tail_preps)
            # 'described the country as beset by …': the parse makes "as" a clause
            # mark; not a clause of its own ('… integrity" as he promised to …')
            or (
                child.dep_ == "advcl"
                and child.left_edge.lower_ == "as"
                and child.tag_ not in FINITE
            )
            or _infinitive_after_object(verb, obj, child)
        )
        if not tail or _has_words(verb.doc, end, child.left_edge.i):
            break
        end = _subtree_range(child)[1]
        # 'called Cruz the "ultimate hypocrite," linking to a story': the
        # participle after the comma is the writer's, not part of the name.
        for grand in child.children:
            set_off = any(t.text == "," for t in verb.doc[child.i : grand.i])
            if grand.dep_ == "acl" and grand.tag_ == "VBG" and grand.i > child.i and set_off:
                end = min(end, grand.left_edge.i)
    # An object keeps its ', who …' (on PolNeAR train the annotators mostly keep
    # it there), but not a closing description: 'the depot, a garage that …'.
    return start, _before_trailing_aside(obj, start, end, lex, relatives=False)


INTERVENING = ("prep", "npadvmod", "advmod")
GROUNDS_PREPS = ("over", "for")


def _time_before_tail(child: Token, after: list[Token], lex: Lexicon) -> bool:
    """A when-phrase ('on Monday', 'Tuesday') right before an object's 'over …'
    or 'for …' that the parse hangs on the verb."""
    if child.dep_ not in ("prep", "npadvmod") or not after:
        return False
    following = after[0]
    words = child.doc[child.left_edge.i : child.right_edge.i + 1]
    when = all(t.ent_type_ in ("DATE", "TIME") or t.dep_ == "prep" for t in words)
    grounds = following.dep_ == "prep" and following.lower_ in GROUNDS_PREPS
    # 'praised them on Sunday for hours', '… for the first time': no grounds.
    how_long = any(
        t.ent_type_ in ("DATE", "TIME", "ORDINAL") or t.lemma_ in lex.durations
        for t in following.subtree
    )
    return when and grounds and not how_long and following.i == child.right_edge.i + 1


def _framed_as(verb: Token, end: int) -> Token | None:
    """The "as" that a framing verb's description ends with, after its object."""
    if verb.lemma_.lower() not in verb_frames().framing:
        return None
    for token in verb.doc[end : verb.sent.end]:
        if token.dep_ == "prep" and token.lower_ == "as" and _hangs_on_via_phrases(token, verb):
            return token
    return None


def _hangs_on_via_phrases(token: Token, verb: Token) -> bool:
    """'during an interview as …': the parse may hang the "as" on the noun of
    the phrase between; it still belongs to the verb."""
    head = token.head
    while head.i != verb.i:
        if head.dep_ not in ("prep", "pobj", "npadvmod") or head.head.i == head.i:
            return False
        head = head.head
    return True


# 'called her lawyer to discuss the case', 'cited the report to justify the
# cuts': after these verbs the infinitive says why, not what was said.
PURPOSE_VERBS = ("call", "cite", "quote")


def _infinitive_after_object(verb: Token, obj: Token, child: Token) -> bool:
    """'defended his call to raise the wage': the parse hangs the infinitive on
    the verb, but right after the object it completes the noun. Not after a
    person ('urged Cole to act' is an xcomp; 'phoned Cole to ask' a purpose)."""
    first = child.left_edge
    person = obj.pos_ in ("PRON", "PROPN") or obj.ent_type_ == "PERSON"
    return (
        verb.lemma_.lower() not in PURPOSE_VERBS
        and not person
        and first.i > 0
        and child.dep_ == "advcl"
        and child.tag_ == "VB"
        and first.tag_ == "TO"
        and not child.doc[first.i - 1].is_punct  # ', to describe …' is the writer's aside
    )


# "…, reported the Washington Examiner": the object is who reported it.
CITING = ("cite", "quote", "report")
# Not NORP: "citing the many Americans who had given up" gives a reason.
PARTY_ENTITIES = ("PERSON", "ORG", "GPE")


def _names_a_party(obj: Token, lex: Lexicon) -> bool:
    """The object of 'citing' is someone who speaks, not what was said."""
    if obj.dep_ != "dobj":
        return False
    lemma = obj.lemma_.lower()
    return (
        obj.ent_type_ in PARTY_ENTITIES
        or (obj.pos_ == "PROPN" and not obj.ent_type_)
        or lemma in lex.org_nouns
        or lemma in lex.roles
        or lemma in lex.unnamed_nouns
    )


def _reversed_content(verb: Token, source: Token, lex: Lexicon) -> list[tuple[int, int]]:
    """'Content, X said.' parsed with said as a dependent of the content's verb."""
    if verb.dep_ in ("parataxis", "advcl", "conj", "ccomp") and verb.i > verb.head.i:
        first = verb.left_edge.i
        if verb.doc[first].text in SET_OFF and not verb.doc[first + 1].is_punct:
            first += 1  # the comma is the cue's own: "…, federal officials said, …"
        before = verb.doc[verb.head.left_edge.i : first]
        if before and before[-1].text in (",", ":", "—", "–") and source.i > verb.head.i:
            return _minus(verb.head, _subtree_range(verb)) + _clause_resumed(verb)
    if _as_noted(verb, lex) and verb.i < verb.head.i:
        # "As the paper noted, it is surprising …": the clause it opens is the content
        # ("But as …": not the conjunction before it).
        ranges = _minus(verb.head, _subtree_range(verb))
        doc = verb.doc
        if ranges and doc[ranges[0][0]].dep_ == "cc":
            start, end = trim(doc, ranges[0][0] + 1, ranges[0][1])
            ranges = ([(start, end)] if _has_words(doc, start, end) else []) + ranges[1:]
        return ranges
    if (fronted := _fronted_subject(verb, source)) is not None:
        # '"Global exposure … gets them nervous, said Ann Cole': the parse may
        # make the content's subject the verb's own, beside the speaker after it.
        return [trim(verb.doc, fronted.left_edge.i, verb.i)]
    if verb.dep_ in ("parataxis", "ccomp") and verb.i < verb.head.i and _set_off(verb, source, lex):
        # "Greensboro, Sexton said, made him question ...": the cue interrupts
        # its content, which is the whole clause around it.
        return _minus(_clause_of(verb.head), (_own_start(verb, source, lex), verb.right_edge.i + 1))
    return []


def _clause_resumed(verb: Token) -> list[tuple[int, int]]:
    """'He had no known affiliations, the airline added, and had passed all
    checks': after a set-off cue, a subjectless conjunct the parse hangs on the
    cue goes on with the clause the cue interrupts."""
    doc = verb.doc
    if verb.tag_ not in FINITE:
        return []  # 'the candidates most often described as …, took …'
    for child in verb.rights:
        after_comma = any(t.text == "," for t in doc[verb.i : child.left_edge.i])
        if child.dep_ == "conj" and after_comma and not _has_subject(child):
            joints = [c.i for c in verb.children if c.dep_ == "cc" and verb.i < c.i < child.i]
            start = min(joints, default=child.left_edge.i)
            return [trim(doc, start, child.right_edge.i + 1)]
    return []


def _clause_of(head: Token) -> Token:
    """'Even then, he said, he's learned …': the parse may hang the cue on an
    auxiliary; the clause is the verb the auxiliary serves."""
    return head.head if head.dep_ in ("aux", "auxpass") else head


def _fronted_subject(verb: Token, source: Token) -> Token | None:
    """A subject of the verb's own before it, set off by a comma, when the speaker follows."""
    if source.i < verb.i or verb.i == 0 or verb.doc[verb.i - 1].text not in SET_OFF:
        return None
    return next((c for c in verb.lefts if c.dep_ in SUBJECT_DEPS and c.pos_ in SPEAKER_POS), None)


def _own_start(verb: Token, source: Token, lex: Lexicon) -> int:
    """Where the cue's own words start: 'If the demands are not met, Taylor
    warned, …' hangs the if-clause on the cue, but it belongs to what was said."""
    leading = [
        c
        for c in verb.children
        if c.right_edge.i < source.left_edge.i
        and (
            c.dep_ == "advcl"
            and any(g.dep_ == "mark" for g in c.children)
            # not 'Dashing into …, she called'
            or _leading_phrase(c, source, lex)
        )
    ]
    if not leading:
        return verb.left_edge.i
    return max(c.right_edge.i for c in leading) + 1


def _leading_phrase(child: Token, source: Token, lex: Lexicon) -> bool:
    """'At times last year, people close to him said, …': a phrase that opens the
    sentence before the cue, set off by a comma, starts what was said; not
    'In a statement, …', which tells where it was said."""
    doc = child.doc
    after = child.right_edge.i + 1
    if child.dep_ not in ("prep", "npadvmod", "advmod") or child.left_edge.i != child.sent.start:
        return False
    if after >= source.left_edge.i or doc[after].text != ",":
        return False
    return not any(t.lemma_.lower() in lex.speech_nouns for t in child.subtree)


SET_OFF = (",", "—", "–")
OWN_WORDS = ("dobj", "ccomp", "xcomp", "prep")


def _as_noted(verb: Token, lex: Lexicon) -> bool:
    """'As X noted, …' with nothing said of its own ('As he announced his run'
    tells when, not what; 'As the paper noted on Monday' only when)."""
    return _as_clause(verb) and not any(
        c.dep_ in OWN_WORDS and c.lower_ not in lex.when_or_where_words for c in verb.children
    )


def _as_clause(verb: Token) -> bool:
    """'As X put it, …', 'As the paper noted, …'."""
    return verb.dep_ == "advcl" and _as_mark(verb) is not None


def _as_mark(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == "as"), None)


def _set_off(verb: Token, source: Token, lex: Lexicon) -> bool:
    """The cue and its source stand between commas (or dashes) inside the clause."""
    doc = verb.doc
    start, end = _own_start(verb, source, lex), verb.right_edge.i
    opens = doc[start].text in SET_OFF or (start > 0 and doc[start - 1].text in SET_OFF)
    closes = doc[end].text in SET_OFF or (end + 1 < len(doc) and doc[end + 1].text in SET_OFF)
    inside = start <= source.i <= end
    # "organizers added 160 officers, …, the paper reported" is no aside: it has an object.
    bare = not any(
        c.dep_ in ("ccomp", "xcomp") or c.dep_ == "dobj" and c.pos_ != "PRON"  # "told them"
        for c in verb.children
    )
    leading = _clause_of(verb.head).left_edge.i
    return opens and closes and inside and bare and _has_words(doc, leading, start)


def _minus(head: Token, cut: tuple[int, int]) -> list[tuple[int, int]]:
    """head's subtree without the cut range, as up to two ranges."""
    start, end = _subtree_range(head)
    ranges = [(start, cut[0]), (cut[1], end)]
    return [trim(head.doc, s, e) for s, e in ranges if _has_words(head.doc, s, e)]
