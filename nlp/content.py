"""Stage 3, content spans: what a cue verb reports, from its clause, object or
preposition (_content), with the edges cut where the report ends.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from nlp.content_clauses import (
    _before_trailing_aside,
    _clause_without_copula,
    _contrast_clause,
    _misplaced_that_clause,
    _own_subject,
    _reporting_conjunct,
    _said_as_object,
    _with_stranded_conjuncts,
)
from nlp.content_objects import CITING, _names_a_party, _reversed_content, object_range
from nlp.lexicon import Lexicon
from nlp.ranges import TokenRange, _has_words, _subtree_range, trim
from nlp.syntax import (
    CONTENT_DEPS,
    FINITE,
    NOUN_CUES,
    SUBJECT_DEPS,
    _has_subject,
    _speech_lemma,
    verb_frames,
)

Content = list[TokenRange]
# A content rule reads what a cue verb reports: a list of token ranges (empty:
# the verb reports nothing here, stop) or None (the rule does not apply).
ContentRule = Callable[[Token, str, Token, Lexicon], "Content | None"]


def _content(
    verb: Token, lemma: str, source: Token, lex: Lexicon, trail: list[str] | None = None
) -> Content:
    """What the verb reports: the first rule of CONTENT_RULES that applies."""
    for rule in CONTENT_RULES:
        content = rule(verb, lemma, source, lex)
        if content is not None:
            if trail is not None:
                trail.append(f"content:{rule.__name__}")
            return content
    return []


def asked_question(verb: Token, lemma: str, source: Token, lex: Lexicon) -> Content | None:
    """'asked if he was ever bullied': the question asked."""
    if lemma == "ask" and (question := _question(verb, lex)):
        return [question]
    return None


def that_clause(verb: Token, lemma: str, source: Token, lex: Lexicon) -> Content | None:
    """'He said that the talks had failed': the reported clause."""
    clause = _reported_clause(verb, source)
    if clause is None:
        return None
    start, end = _with_lost_subject(verb, clause, lex)
    start = _after_day_of_saying(verb, start, end)
    for other in verb.children:
        # 'told me he ’s had …': one clause the parse cut in two.
        if _continues_clause(verb.doc, other, end, lex):
            end = _clause_range(other, lex)[1]
    return [_with_stranded_conjuncts(verb, (start, end), lex)]


def xcomp_content(verb: Token, lemma: str, source: Token, lex: Lexicon) -> Content | None:
    """'He promised to cut taxes': the infinitive a verb like "promise" takes."""
    if lemma not in verb_frames().xcomp:
        return None
    for child in verb.children:
        if child.dep_ == "xcomp":
            return [_with_object_before(verb, child, lex)]
    return None


def object_content(verb: Token, lemma: str, source: Token, lex: Lexicon) -> Content | None:
    """'She denied the allegations': the object of a verb like "deny"."""
    if lemma not in verb_frames().object:
        return None
    for child in verb.children:
        if lemma in CITING and _names_a_party(child, lex):
            return []  # "KCNA said, citing the Foreign Ministry": a source, not words
        if child.dep_ in ("dobj", "oprd"):
            start, end = object_range(verb, child, lex)
            if lemma in NOUN_CUES and _has_words(verb.doc, child.i + 1, end):
                start = child.i + 1  # the cue already holds "concern"
            if child.pos_ == "PRON" and end == child.i + 1:
                continue  # "denied it": the words are elsewhere
            return [(start, end)]
    return None


def prep_content(verb: Token, lemma: str, source: Token, lex: Lexicon) -> Content | None:
    """'They called for a ceasefire': the object of the verb's own preposition."""
    preps = verb_frames().prep.get(lemma, ())
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
            if objects:
                return [_with_condition(verb, _subtree_range(objects[0]))]
        if child.dep_ == "advcl" and child.left_edge.lower_ in preps:
            # "called for the wage to be raised": the parse makes "for" a clause mark.
            return [trim(verb.doc, child.left_edge.i + 1, child.right_edge.i + 1)]
    return None


def said_as_object(verb: Token, lemma: str, source: Token, lex: Lexicon) -> Content | None:
    """'said ending the program would hurt families': a clause parsed as an object."""
    if lemma in verb_frames().broken_clause and (said := _said_as_object(verb, lex)):
        return [said]
    return None


def clause_without_copula(verb: Token, lemma: str, source: Token, lex: Lexicon) -> Content | None:
    """'Officials say visit planned for May': a headline clause without its copula."""
    if lemma not in lex.addressed_verbs and (said := _clause_without_copula(verb, lex)):
        return [said]
    return None


def answer(verb: Token, lemma: str, source: Token, lex: Lexicon) -> Content | None:
    """'46 percent said yes': the one word is what was said."""
    if lemma == "say" and (found := _answer(verb)) is not None:
        return [found]
    return None


def misplaced_that_clause(verb: Token, lemma: str, source: Token, lex: Lexicon) -> Content | None:
    """'said in a statement that X …': the that-clause the parse hung on the noun."""
    return _misplaced_that_clause(verb, lex) or None


def reversed_content(verb: Token, lemma: str, source: Token, lex: Lexicon) -> Content | None:
    """'The plan will fail, he said': the clause before the cue."""
    return _reversed_content(verb, source, lex) or None


def clause_before_comma(verb: Token, lemma: str, source: Token, lex: Lexicon) -> Content | None:
    """'A girl was pepper-sprayed by a bystander, police said.': the clause before the comma."""
    return _clause_before_comma(verb, source, lex) or None


def told_clause_hung_above(verb: Token, lemma: str, source: Token, lex: Lexicon) -> Content | None:
    """'after Trump told The Washington Post he was “not quite there yet”': the clause above."""
    return _told_clause_hung_above(verb, lemma, lex) or None


# What a cue verb reports, in order: the first rule that applies decides.
CONTENT_RULES: tuple[ContentRule, ...] = (
    asked_question,
    that_clause,
    xcomp_content,
    object_content,
    prep_content,
    said_as_object,
    clause_without_copula,
    answer,
    misplaced_that_clause,
    reversed_content,
    clause_before_comma,
    told_clause_hung_above,
)


CONDITIONS = ("if", "unless")


def _with_condition(verb: Token, content: tuple[int, int]) -> tuple[int, int]:
    """'warned of sanctions in case of new tests', '… if talks fail': the
    condition right after the words the cue governs is part of what was
    warned of, though the parse hangs it on the cue."""
    start, end = content
    for child in verb.children:
        if child.left_edge.i != end:
            continue
        in_case = child.lower_ == "in" and any(g.lower_ == "case" for g in child.children)
        if in_case or child.dep_ == "advcl" and child.left_edge.lower_ in CONDITIONS:
            return start, child.right_edge.i + 1
    return start, end


def _told_clause_hung_above(verb: Token, lemma: str, lex: Lexicon) -> list[tuple[int, int]]:
    """'… after Trump told The Washington Post he was “not quite there yet”': the
    parse may make the told clause the main one and hang "told" on it; what
    follows the one told, from the clause's subject on, is what was said."""
    clause = verb.head
    if lemma != "tell" or verb.dep_ != "advcl" or clause.i < verb.i:
        return []
    told = [c for c in verb.children if c.dep_ == "dobj"]
    subjects = [c for c in clause.children if c.dep_ == "nsubj"]
    if not told or not subjects or subjects[0].left_edge.i != told[-1].right_edge.i + 1:
        return []
    start, end = trim(verb.doc, subjects[0].left_edge.i, clause.right_edge.i + 1)
    return [(start, _before_trailing_aside(clause, start, end, lex))]


def _clause_before_comma(verb: Token, source: Token, lex: Lexicon) -> list[tuple[int, int]]:
    """'A girl was pepper-sprayed by a bystander, police said.': a sentence that
    ends in its cue has said the main clause before the comma, even when the
    parse hangs that clause on the cue as something else than its content (an
    adverbial clause, a loose noun phrase)."""
    doc, sent = verb.doc, verb.sent
    subject = source.left_edge.i
    if not _last_clause(verb) or not source.i < verb.i or subject < sent.start + 2:
        return []
    if doc[subject - 1].text != "," or not _ends_at_cue(verb):
        return []
    start, end = trim(doc, sent.start, subject - 1)
    clause = doc[start:end]
    if clause[0].is_quote or doc[subject - 2].is_quote:
        return []  # '“…,” he said.': a direct quote's, by its marks
    # 'After the growth cooled, the borrowing continued.' has no main clause there.
    return [(start, end)] if any(_main_clause_verb(t, lex) for t in clause) else []


def _last_clause(verb: Token) -> bool:
    """The sentence's root, or a clause the parse hangs on the root after it
    ('… and reach others, she said.' read as an adverbial clause of the root)."""
    if verb.dep_ == "ROOT":
        return True
    hung = verb.dep_ in ("advcl", "parataxis", "ccomp", "conj")
    bare = all(c.is_punct for c in verb.rights)  # not 'their smiles said a lot'
    return hung and bare and verb.head.dep_ == "ROOT" and verb.head.i < verb.i


def _main_clause_verb(token: Token, lex: Lexicon) -> bool:
    """A finite verb with a subject that no conjunction or relative subordinates."""
    if token.pos_ not in ("VERB", "AUX") or token.dep_ in SUBORDINATE:
        return False
    finite = token.tag_ in FINITE or any(
        c.dep_ in ("aux", "auxpass") and (c.tag_ in FINITE or c.tag_ == "MD")
        for c in token.children
    )
    # 'when' hangs on the verb as an adverb, 'After' at times as a preposition.
    opened = token.left_edge.lower_ in lex.subordinators or any(
        c.dep_ == "mark" or c.tag_ == "WRB" for c in token.children
    )
    return finite and _has_subject(token) and not opened


SUBORDINATE = ("relcl", "acl", "pcomp", "aux", "auxpass")


def _ends_at_cue(verb: Token) -> bool:
    """The sentence ends with the cue, or with where or when it was said."""
    after = [c for c in verb.rights if not c.is_punct]
    if not all(c.dep_ in ("prep", "npadvmod", "advmod") for c in after):
        return False
    doc, last = verb.doc, verb.right_edge.i
    while last > verb.i and doc[last].is_space:
        last -= 1
    if any(t.is_quote for t in doc[verb.i : last + 1]):
        return False  # 'Trump yelled, “Out!”': the words follow
    ends = (".", "!", "?")
    return doc[last].text in ends or last + 1 >= len(doc) or doc[last + 1].text in ends


ANSWERS = ("yes", "no", "so")


def _answer(verb: Token) -> tuple[int, int] | None:
    """'46 percent said yes', 'half said so': the one word is what was said."""
    after = verb.i + 1
    if after >= len(verb.doc) or verb.doc[after].lower_ not in ANSWERS:
        return None
    word = verb.doc[after]
    return (
        (after, after + 1)
        if word.head.i == verb.i and word.dep_ in ("intj", "advmod", "dobj")
        else None
    )


def _question(verb: Token, lex: Lexicon) -> tuple[int, int] | None:
    """What was asked: 'asked if he was ever bullied', 'asked about the plan',
    'was asked what he thought' (before any other clause the parse hangs on it)."""
    for child in verb.children:
        if child.dep_ in ("advcl", "ccomp") and child.left_edge.lower_ in lex.question_words:
            return _subtree_range(child)
        if child.dep_ == "prep" and child.lower_ == "about":
            objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
            if objects:
                return _subtree_range(objects[0])
    return None


def _with_object_before(verb: Token, xcomp: Token, lex: Lexicon) -> tuple[int, int]:
    """'urged the candidate to dig in': who is urged belongs with what."""
    start, end = _subtree_range(xcomp)
    return noun_before(verb, start, ("dobj",)), _before_trailing_aside(xcomp, start, end, lex)


def noun_before(verb: Token, start: int, deps: tuple[str, ...]) -> int:
    """Where content starts once the verb's noun between it and the content joins it."""
    for child in verb.children:
        if child.dep_ in deps and verb.i < child.i and child.right_edge.i < start:
            return child.left_edge.i
    return start


def _reported_clause(verb: Token, source: Token) -> Token | None:
    """The verb's that-clause, never one whose subject is the speaker; of two,
    the one after it that opens with 'that' ('Sitting down with …, during
    which she touched on …, Clinton remarked that she was …': the parse makes
    the opening clause a ccomp too)."""
    clauses = [
        c
        for c in verb.children
        if (c.dep_ in CONTENT_DEPS or _that_advcl(c)) and not _speakers_own_clause(c, verb, source)
    ]
    if len(clauses) > 1:
        after = [c for c in clauses if c.i > verb.i]
        marked = [c for c in after if c.left_edge.lower_ == "that"]
        if marked:
            return marked[0]
        if after and _before_subject(verb, clauses[0]):
            # "six in 10 said …; 46 percent said they were …": the first
            # clause is another verb's, the parse hung it on this one.
            return after[0]
        return clauses[0]
    return clauses[0] if clauses else None


def _that_advcl(clause: Token) -> bool:
    """'recalled in 2008 that before Iowa, Obama was …': the parse may make a
    that-clause after the verb an adverbial one."""
    if clause.dep_ != "advcl" or clause.i < clause.head.i:
        return False
    # 'saying only that he was …': an adverb may stand before the "that".
    doc = clause.doc
    first = clause.left_edge.i
    while doc[first].pos_ == "ADV" and first < clause.i:
        first += 1
    return doc[first].lower_ == "that"


def _speakers_own_clause(clause: Token, verb: Token, source: Token) -> bool:
    """The clause before the verb has the source for its subject: what the
    speaker did, not what they said (see _leading_clause_subject)."""
    return clause.i < verb.i and source.head.i == clause.i and source.dep_ == "nsubj"


def _before_subject(verb: Token, clause: Token) -> bool:
    """The clause comes before the verb's subject and is no quotation (which
    "…, he said" would introduce)."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and clause.i < c.i < verb.i]
    if not subjects:
        return False
    between = verb.doc[clause.right_edge.i + 1 : subjects[0].left_edge.i]
    return not clause.right_edge.is_quote and not any(t.is_quote for t in between)


def _continues_clause(doc: Doc, other: Token, end: int, lex: Lexicon) -> bool:
    if other.left_edge.i != end or doc[end].is_punct:
        return False
    if other.dep_ == "advcl" and doc[end].lower_ in lex.clause_marks:
        return True  # 'say he would look zippier if he ate …': the parse hangs the if on "say"
    return other.dep_ in CONTENT_DEPS and not _has_subject(other)


def _with_lost_subject(verb: Token, clause: Token, lex: Lexicon) -> tuple[int, int]:
    """'said the days when … are gone': the parse hangs the clause's subject
    on the cue (as npadvmod), leaving the clause without one."""
    start, end = _clause_range(clause, lex)
    if _has_subject(clause) or clause.i < verb.i:
        return start, end
    return noun_before(verb, start, ("npadvmod", "dobj")), end


def _after_day_of_saying(verb: Token, start: int, end: int) -> int:
    """'said on Wednesday Russia could help': a day right after the cue, with
    no 'that' after it, is when it was said. The parse may open the reported
    clause with it, or take the clause's subject into it ('on Tuesday Peru')."""
    doc = verb.doc
    after = verb.i + 1
    while after < end and doc[after].pos_ == "ADP":
        after += 1  # "on", "late on"
    if after == verb.i + 1 or after >= end or doc[after].ent_iob_ != "B":
        return start  # "said Thursday's speeches …", "said 2016 has seen …": no "on"
    if not _is_day(doc[after]):
        return start
    day_end = after + 1
    while day_end < end and (_is_day(doc[day_end]) or _heads_day(doc, after, day_end)):
        day_end += 1  # "on Tuesday night"
    if doc[start].lower_ == "that" or doc[day_end].lower_ == "that" or day_end >= end:
        return start
    return day_end if verb.i < start <= day_end + 1 else start


def _is_day(token: Token) -> bool:
    return token.ent_type_ in ("DATE", "TIME")


def _heads_day(doc: Doc, start: int, end: int) -> bool:
    """'night' in 'on Tuesday night': a plain word the day's words hang on.
    Not 'Peru' in 'on Tuesday Peru could', a name the parse joined to the day."""
    token = doc[end]
    return not token.ent_type_ and any(t.head.i == end for t in doc[start:end])


def _clause_range(clause: Token, lex: Lexicon) -> tuple[int, int]:
    """A reported clause, up to a second cue of the same speaker conjoined to
    it: 'said it was too early but added, “…”' (the parse joins "added" to "was")."""
    start, end = _subtree_range(clause)
    for child in _children_and_conjuncts(clause):
        if _reporting_conjunct(child, lex) or _another_report(child, lex):
            joints = [c.i for c in child.head.children if c.dep_ == "cc" and c.i < child.i]
            return trim(clause.doc, start, max(joints, default=child.left_edge.i))
    return _without_dangling_joint(
        clause.doc, start, _before_trailing_aside(clause, start, end, lex)
    )


def _without_dangling_joint(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """'said they were worried, and more than 4 in 10 said …': when the parse
    hangs the second report on the first cue, the first clause keeps the
    "and" that joined them."""
    while end > start and doc[end - 1].dep_ == "cc":
        start, end = trim(doc, start, end - 1)
    return start, end


def _children_and_conjuncts(clause: Token) -> list[Token]:
    """The clause's children, and those of its conjuncts down the chain ('sit
    him down and tell him “…” and tells the crowd …' chains "tells" on "tell")."""
    found = list(clause.children)
    for child in found:
        if child.dep_ == "conj":
            found.extend(child.children)
    return found


def _another_report(token: Token, lex: Lexicon) -> bool:
    """'noted that X was wrong, and an article cited by her campaign quoted …': a
    speech verb with a subject of its own, conjoined to the reported clause, is
    someone else's report, not more of this one. Not when it quotes: 'noted that
    Putin thanked Kim, and the Russian leader "expressed his willingness …"' is
    still what was noted. A contrast reads the same way: 'said prices would
    fall, while one in five said they would rise' (the parse hangs the
    "while" clause on "fall")."""
    return (
        (token.dep_ == "conj" or _contrast_clause(token))
        and token.i > token.head.i
        and _speech_lemma(token, lex)
        and any(_own_subject(c, token) for c in token.children)
        and token.tag_ in FINITE
        and not any(t.is_quote for t in token.subtree)
    )
