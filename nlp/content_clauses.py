"""Content spans: where a reported clause ends (asides, participles, conjuncts) and the
clauses the parse misplaces.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from nlp.lexicon import Lexicon
from nlp.ranges import _has_words, _subtree_range, trim
from nlp.syntax import (
    CLOSING,
    CONTENT_DEPS,
    FINITE,
    SPEAKER_POS,
    SUBJECT_DEPS,
    _has_subject,
    _paragraphs,
    _speech_lemma,
    verb_frames,
)


def _with_stranded_conjuncts(
    verb: Token, content: tuple[int, int], lex: Lexicon
) -> tuple[int, int]:
    """'said polls could be "way off," and have been unreliable': a quotation's
    closing mark makes the parse join the rest of the clause to the cue."""
    doc = verb.doc
    start, end = content
    for child in verb.children:
        gap = doc[end : child.left_edge.i]
        if child.i < end or not all(t.is_punct or t.dep_ == "cc" for t in gap):
            continue
        if _second_that_clause(child):
            end = trim(doc, start, child.right_edge.i + 1)[1]
            continue
        bare_clause = child.dep_ == "advcl" and child.left_edge.i == child.i
        joined = child.dep_ in ("conj", "ccomp") or bare_clause
        unquoted = not any(t.is_quote for t in doc[end : child.right_edge.i + 1])
        if child.dep_ == "conj" and unquoted and _present_after_past(verb, child, lex):
            end = trim(doc, start, child.right_edge.i + 1)[1]
            continue
        if not joined or _speaks_for_itself(child, lex):
            continue
        closes = doc[end - 1].is_quote or any(t.is_quote for t in gap)
        if closes:
            end = trim(doc, start, child.right_edge.i + 1)[1]
    return start, end


PRESENT = ("VBZ", "VBP")


def _present_after_past(verb: Token, conjunct: Token, lex: Lexicon) -> bool:
    """'told a crowd that he expects to win and he is doing better …': a clause in
    the present joined to a cue in the past goes on with what was said; the
    writer's own narration would keep the past ('… and he left')."""
    if verb.tag_ != "VBD" or not _has_subject(conjunct) or _speech_lemma(conjunct, lex):
        return False
    tense = [conjunct, *(c for c in conjunct.children if c.dep_ in ("aux", "auxpass"))]
    return tense[-1].tag_ in PRESENT if len(tense) > 1 else conjunct.tag_ in PRESENT


def _second_that_clause(child: Token) -> bool:
    """'predicted that wages would fall, but that overtime would offset it': the
    parse joins the second that-clause to the cue, yet it is reported too."""
    marks = [c for c in child.children if c.dep_ == "mark"]
    return child.dep_ == "conj" and bool(marks) and marks[0].lower_ == "that"


def _speaks_for_itself(verb: Token, lex: Lexicon) -> bool:
    return _speech_lemma(verb, lex) or _has_subject(verb)


CONTRASTS = ("while", "whereas")


def _contrast_clause(token: Token) -> bool:
    return token.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in CONTRASTS for c in token.children
    )


def _own_subject(child: Token, verb: Token) -> bool:
    # Not 'and that said will …', where the parse reads "said" as a verb.
    return child.dep_ == "nsubj" and child.i < verb.i and child.tag_ != "DT"


def _before_trailing_aside(
    clause: Token, start: int, end: int, lex: Lexicon, relatives: bool = True
) -> int:
    """Where a reported clause stops before a closing ', which …' or ', who …',
    or a closing description of its last noun (', a bus garage that …'): the
    writer's aside, not the speaker's words (on PolNeAR train the annotators
    leave it out more often than not); or before ', telling reporters …', a
    second cue of the same speaker with content of its own."""
    doc = clause.doc
    for token in doc[start:end]:
        first = token.left_edge.i
        relative = relatives and token.dep_ == "relcl" and doc[first].lower_ in lex.relative_words
        participle = (
            token.dep_ == "advcl"
            and token.tag_ == "VBG"
            and (first == token.i or _while_after_cue(token))
            and _speech_lemma(token, lex)
        )
        apposition = token.dep_ == "appos" and doc[first].lower_ in ("a", "an", "one")
        if token.right_edge.i + 1 >= end and (cut := _telling_aside(token, start, lex)) is not None:
            return cut
        if not (relative or participle or apposition):
            continue
        if relative and _quotes_unattributed(doc[first : token.right_edge.i + 1], lex):
            continue  # '…, which “will help elect her”': quoted words are the speaker's
        if token.right_edge.i + 1 >= end and first > start and doc[first - 1].text == ",":
            return trim(doc, start, first - 1)[1]
        no_comma = participle and first < token.i and _reporting_participle(token, lex)
        if token.right_edge.i + 1 >= end and first > start and no_comma:
            return trim(doc, start, first)[1]  # '… premature while adding …': no comma
        if token.right_edge.i + 1 >= end and first > start + 1 and _closes_after_comma(doc, first):
            return first  # 'called the remarks “racist,” an extraordinary rebuke that …'
    return end


def _telling_aside(token: Token, start: int, lex: Lexicon) -> int | None:
    """Where a reported clause stops before the writer's note on the telling
    that closes it: ', without going into details', ', but gave no details of
    …' (a verb with no subject of its own, joined to the clause's). The parse
    hangs either on the clause's verb; the speaker said neither."""
    doc = token.doc
    if token.dep_ == "prep" and token.lower_ == "without":
        joint = token.i
    elif token.dep_ == "conj" and token.pos_ == "VERB" and not _has_subject(token):
        joints = [c.i for c in token.head.children if c.dep_ == "cc" and c.i < token.i]
        if not joints:
            return None
        joint = joints[-1]
    else:
        return None
    speech = lex.speech_verbs
    telling = any(
        t.lower_ in lex.telling_words or t.lemma_.lower() in speech for t in token.subtree
    )
    if not telling or joint <= start + 1 or doc[joint - 1].text != ",":
        return None
    return trim(doc, start, joint - 1)[1]


def _quotes_unattributed(words: Span, lex: Lexicon) -> bool:
    """Quoted words in a phrase with no cue of their own ('which “will help”',
    not 'which he called “a disaster”')."""
    framing = verb_frames().framing
    own_cue = any(
        t.pos_ == "VERB" and (_speech_lemma(t, lex) or t.lemma_.lower() in framing) for t in words
    )
    return _has_quoted_words(words) and not own_cue


def _has_quoted_words(words: Span) -> bool:
    """Quotation marks around lower-case words: not only a name ('the "Safe
    Streets" program')."""
    inside = False
    for token in words:
        if token.is_quote:
            inside = not inside
        elif inside and token.is_alpha and token.is_lower:
            return True
    return False


def _while_after_cue(participle: Token) -> bool:
    """'said they would back him, while emphasizing …': the speaker's second cue.
    Not in a clause its cue follows ('… expressed concern, while agreeing to
    cooperate, the report said'): there the participle is what was reported."""
    clause = _up_through_xcomp(participle.head)
    first = participle.left_edge
    return (
        first.lower_ == "while"
        and first.i == participle.i - 1
        and clause.dep_ == "ccomp"
        and clause.head.i < clause.i
    )


def _closes_after_comma(doc: Doc, index: int) -> bool:
    return doc[index - 1].text in CLOSING and doc[index - 2].text == ","


def _reporting_participle(token: Token, lex: Lexicon) -> bool:
    """A speech participle set off by a comma (or a 'while') after a reported
    clause: the parse hangs "adding" on the clause, but the reporter is the one
    adding ('insisted it was premature, while adding “…”')."""
    speech = lex.speech_verbs
    head = _up_through_xcomp(token.head)
    return (
        token.tag_ == "VBG"
        and token.dep_ == "advcl"
        and (_after_comma(token) or _while_after_cue(token) and _set_off_or_empty(token, head))
        and token.lemma_.lower() in speech
        and token.lemma_.lower() not in lex.performed_verbs  # voices in a crowd
        and head.dep_ in CONTENT_DEPS
        and head.i < token.i
        and (head.lemma_.lower() not in speech or _reported_report(head))
        and head.head.i < head.i
        and head.head.lemma_.lower() in speech
        and not _has_subject(token)
    )


def _reported_report(clause: Token) -> bool:
    """'said the mayor had expressed her wish to visit, reporting …': a report
    inside a reported clause is what was said, and the participle after it is
    the sayer's, as after any reported clause. Not '“…,” Lee added, saying …',
    where the parse hangs the parenthetical cue on a verb before it."""
    subject = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS and c.i < clause.i), None)
    return subject is not None and not clause.doc[subject.left_edge.i - 1].is_punct


def _set_off_or_empty(participle: Token, clause: Token) -> bool:
    """', while adding …' is the reporter's; without the comma only after an
    empty subject (see _expletive_subject)."""
    before = participle.left_edge.i - 1
    return before >= 0 and participle.doc[before].text == "," or _expletive_subject(clause)


def _expletive_subject(clause: Token) -> bool:
    """'insisted it was premature while adding …': with no comma, a 'while'
    participle is the clause subject's doing ('said the defendant lied while
    claiming …'), unless that subject is an empty 'it' or 'there'."""
    return any(c.dep_ in SUBJECT_DEPS and c.lower_ in ("it", "there") for c in clause.children)


def _up_through_xcomp(token: Token) -> Token:
    """The clause an infinitive belongs to: 'it was too early to judge it, while
    adding …' can hang the participle on "judge" rather than on "was"."""
    while token.dep_ == "xcomp" and token.head.i != token.i:
        token = token.head
    return token


def _second_participle_of(token: Token, lex: Lexicon) -> Token | None:
    """The participle cue whose words a speech participle is conjoined into:
    'urging voters to see the picture and promising to act', 'mentioning the
    need for a wall and adding, “…”'. The parse joins the second participle to
    the first one's object; it is the same speaker's next cue."""
    if token.tag_ != "VBG" or token.dep_ != "conj" or not _speech_lemma(token, lex):
        return None
    if _has_subject(token) or _first_conjunct(token).tag_ == "VBG":
        return None  # 'for ignoring the warnings and saying nothing': one gerund phrase
    current = token.head
    for _ in range(5):
        if current.tag_ == "VBG" and current.dep_ == "advcl" and _speech_lemma(current, lex):
            return current
        if _has_subject(current) or current.head.i == current.i:
            return None  # a clause of its own: 'said officials were seeing it and adding …'
        current = current.head
    return None


def _before_second_participle(
    verb: Token, content: list[tuple[int, int]], lex: Lexicon
) -> list[tuple[int, int]]:
    """The participle cue's words stop before its conjoined second cue ('… and
    promising to act'), whose words are a report of their own."""
    doc = verb.doc
    for start, end in content:
        for token in doc[start:end]:
            outer = _second_participle_of(token, lex)
            if outer is not None and outer.i == verb.i:
                cut = token.i
                while cut > start and doc[cut - 1].dep_ in ("cc", "punct"):
                    cut -= 1  # the 'and' hangs on the first conjunct
                kept = [(s, min(e, cut)) for s, e in content if s < cut]
                return [trim(doc, s, e) for s, e in kept if _has_words(doc, s, e)]
    return content


def _after_comma(token: Token) -> bool:
    """A comma just before the token, or before the closing mark just before it."""
    i = token.i
    return i > 0 and (token.nbor(-1).text == "," or i > 1 and _closes_after_comma(token.doc, i))


def _reporting_conjunct(token: Token, lex: Lexicon) -> bool:
    """A speech verb with no subject of its own, conjoined to a reported clause
    (or to a verb conjoined to it)."""
    first = _first_conjunct(token.head)
    if first.i != token.head.i and token.tag_ not in FINITE:
        return False  # 'had her staff field them and tell Clinton …': one clause
    return (
        token.dep_ == "conj"
        and _speech_lemma(token, lex)
        and first.dep_ in CONTENT_DEPS
        and not _has_subject(token)
        and not _shares_perfect(token, lex)
    )


def _first_conjunct(token: Token) -> Token:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _shares_perfect(token: Token, lex: Lexicon) -> bool:
    """'said he has not held dinners and never called a donor': a participle that
    leans on the clause's own 'has' (or a bare verb on its modal) belongs to the
    clause, not to the cue ('had not seen it, and when asked, said' has a clause
    of its own)."""
    if token.tag_ not in ("VBN", "VB"):
        return False
    own_clause = ("aux", "auxpass", "mark")
    if any(c.i < token.i and (c.dep_ in own_clause or c.tag_ == "WRB") for c in token.children):
        return False
    if token.tag_ == "VB":
        # 'says he would sit the minister down and tell him …': a bare verb
        # leans on the clause's modal; the speaker's own cue has a tense.
        return any(c.dep_ == "aux" and c.tag_ == "MD" for c in token.head.children)
    return any(c.dep_ == "aux" and c.lower_ in lex.perfect_auxiliaries for c in token.head.children)


def _said_as_object(verb: Token, lex: Lexicon) -> tuple[int, int] | None:
    """'said seeing so many officers was a welcome sight', 'says the increase …
    also makes his election less likely': the parse takes the clause's subject
    for the verb's object and hangs the clause's verb under it; 'said the same
    of Sanders' is what a poll's share said. 'Said a prayer that her mother
    taught her' is only an object: its verb is a true relative clause."""
    for child in verb.children:
        if child.dep_ not in ("xcomp", "dobj") or child.i < verb.i or child.pos_ == "PRON":
            continue
        if child.lower_ == "same" or any(_lost_clause(t, lex) for t in child.subtree):
            return _subtree_range(child)
        clause_verb = any(t.dep_ == "acl" and t.pos_ == "VERB" for t in child.children)
        if clause_verb and verb.nbor(1).text == ",":
            # 'Eric Trump said, those donations paid for …': no object follows a comma.
            return _subtree_range(child)
    return None


HEADLINE_LINE_WORDS = 16
SENTENCE_ENDS = (".", "?", "!")


def _clause_without_copula(verb: Token, lex: Lexicon) -> tuple[int, int] | None:
    """'Russia said a trip in the works', 'Officials say visit planned for May':
    headlines and subheads drop the copula, so the parse takes the reported
    clause's subject for the verb's object and its predicate (a place-like
    phrase, a participle, an adjective) for the noun's modifier. Only on a
    headline-like line, and only when the predicate closes it; a verb that
    takes an addressee (lex.addressed_verbs) is not asked."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None or obj.pos_ not in SPEAKER_POS:
        return None
    if not any(_predicate_of(child, lex) for child in obj.children if child.i > obj.i):
        return None
    line = _headline_line(verb)
    start, end = _subtree_range(obj)
    if line is None or trim(verb.doc, end, line[1]) != (line[1], line[1]):
        return None
    return start, end


def _predicate_of(child: Token, lex: Lexicon) -> bool:
    """A phrase after a noun that can say what the noun is: 'in the works',
    'planned for May', 'ready'."""
    if child.dep_ == "prep":
        return child.lower_ in lex.predicate_preps
    return child.dep_ in ("acl", "amod") and child.tag_ in ("VBN", "VBG", "JJ")


def _headline_line(token: Token) -> tuple[int, int] | None:
    """The paragraph holding the token when it is headline-like: short, a line
    of its own, with no full stop (or question or exclamation mark) at its end."""
    doc = token.doc
    start, end = next(p for p in _paragraphs(doc) if p[0] <= token.i < p[1])
    words = [t for t in doc[start:end] if not (t.is_punct or t.is_space)]
    last = next((t for t in reversed(doc[start:end]) if not (t.is_quote or t.is_space)), None)
    if len(words) > HEADLINE_LINE_WORDS or last is None or last.text in SENTENCE_ENDS:
        return None
    return trim(doc, start, end)


def _lost_clause(token: Token, lex: Lexicon) -> bool:
    """A finite verb that is no true relative clause ("that" only marks it):
    the rest of a reported clause the parse broke up ("the rise in rents that
    the council ignores also makes …" comes out with "makes" under "rise")."""
    finite = token.tag_ in FINITE or any(c.dep_ == "aux" and c.tag_ == "MD" for c in token.children)
    if not finite or token.dep_ in ("aux", "auxpass"):
        return False
    relative = lex.relative_words | {"that"}
    return not any(c.lower_ in relative and c.dep_ != "mark" for c in token.children)


def _misplaced_that_clause(verb: Token, lex: Lexicon) -> list[tuple[int, int]]:
    """'said for the first time that X …', 'said in a statement that X …': the
    parse hangs the that-clause on the noun, though "that" is not its subject."""
    for token in verb.subtree:
        that = token.left_edge
        if (
            token.dep_ not in ("relcl", "acl")
            or that.lower_ != "that"
            or that.dep_ not in ("mark", "advmod")
        ):
            continue
        has_subject = _has_subject(token)
        prep = token.head.head
        if has_subject and prep.dep_ == "prep" and prep.head.i == verb.i:
            content = trim(verb.doc, that.i, token.right_edge.i + 1)
            return [_with_stranded_conjuncts(verb, content, lex)]
    return []
