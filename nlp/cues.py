"""Stage 2, cues: speech verbs, speech nouns, "according to", headlines and transcript
labels, each read off the parse as a Frame (cue, source, content when the syntax gives it).

A frame is what the dependency tree says; linking frames to quotation marks
and resolving the source to a speaker happen later (linking.py, speakers.py).
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Token

from nlp.content import _content
from nlp.content_clauses import _before_second_participle
from nlp.content_objects import PARTY_ENTITIES, _minus
from nlp.lexicon import Lexicon, read_words
from nlp.ranges import _has_words, _subtree_range, trim
from nlp.sources import (
    _across_dash_aside,
    _as_put_it,
    _before_speaker,
    _inverted_aside,
    _issued_statement,
    _names_a_speaker,
    _put_to,
    speaker_subject,
)
from nlp.syntax import (
    NOUN_CUES,
    SPEAKER_POS,
    Frame,
    _has_subject,
    _paragraphs,
    cue_rule,
    verb_frames,
)


def find_frames(doc: Doc, lex: Lexicon, include_beliefs: bool = True) -> list[Frame]:
    """Every cue the parse supports, in text order."""
    frames = []
    for token in doc:
        frame = _verb_frame(token, lex, include_beliefs) or _according_frame(token)
        if frame is not None:
            frames.append(frame)
    headline = _headline_frame(doc, lex) or _headline_says_frame(doc, lex, frames)
    if headline is not None:
        frames = [f for f in frames if f.anchor != headline.anchor]
    extra = ([headline] if headline is not None else []) + _transcript_frames(doc)
    return sorted([*extra, *frames], key=lambda f: f.anchor)


LABEL_TOKENS = 4


@cache
def not_speaker_labels() -> frozenset[str]:
    return read_words("not_speaker_labels.txt")


NOUN_OPENERS = ("DT", "PDT", "CD", "PRP$", "POS")


def _attributive(token: Token) -> bool:
    """'60 pledged delegates', 'enough pledged delegates', 'her reported
    earnings': a participle between a determiner and its noun describes the
    noun; the parse can still read it as a verb with the noun for its object."""
    if token.tag_ not in ("VBN", "VBD") or token.i == 0 or token.i + 1 >= len(token.doc):
        return False
    before, after = token.nbor(-1), token.nbor(1)
    opens = before.tag_ in NOUN_OPENERS or before.lower_ in ("enough", "both")
    return opens and after.pos_ == "NOUN"


@cue_rule
def _transcript_frames(doc: Doc) -> list[Frame]:
    """'TAPPER: Do you think …', 'Chris Matthews: Seriously …', 'Q: …' / 'A: …':
    a speaker's label opening a paragraph. One such line could be a label like
    'Bottom line:', so an article needs two before any counts."""
    frames = []
    for start, end in _paragraphs(doc)[1:]:  # the headline is _headline_frame's
        colon = next((t.i for t in doc[start : start + LABEL_TOKENS + 1] if t.text == ":"), start)
        label = doc[start:colon]
        if not label or not all(_label_word(t) for t in label):
            continue
        content = trim(doc, colon + 1, end)
        words = [t for t in doc[content[0] : content[1]] if not t.is_punct]
        if len(words) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in words):
            continue  # "Iowa: Tim Albrecht, Brad Anderson, …" lists, not lines
        frames.append(Frame([colon], label[-1], [content], label=(start, colon)))
    return frames if len(frames) >= 2 else []


PLACE_ENTITIES = ("GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "EVENT", "WORK_OF_ART")


def _label_word(token: Token) -> bool:
    if token.lower_ in not_speaker_labels() or token.ent_type_ in PLACE_ENTITIES:
        return False
    # The tagger reads a bare surname as a noun at times ("Matthews: Well, …").
    name = token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.is_title)
    return name or (token.is_alpha and token.is_upper) or token.text in (".", "-")


NAME_POS = ("PROPN", "NOUN", "DET", "ADJ", "PART", "PUNCT", "NUM", "CCONJ")
HEADLINE_NAME_TOKENS = 8


@cue_rule
def _headline_frame(doc: Doc, lex: Lexicon) -> Frame | None:
    """'Reid: “Never underestimate Trump.”', 'Poll: Clinton leads in Ohio': a
    headline that opens with a speaker and a colon (on PolNeAR train, 71 of
    the 116 headlines with a colon carry an attribution this way). Labels like
    'The Latest:' or 'BUSTED:' name nobody, and a question ('Ted Cruz: career
    politician?') asks rather than reports."""
    end = next((t.i for t in doc if "\n" in t.text), len(doc))
    colon = next((t.i for t in doc[: min(end, HEADLINE_NAME_TOKENS)] if t.text == ":"), 0)
    if colon == 0 or any(t.pos_ not in NAME_POS for t in doc[:colon]):
        return None
    # 'Issa:' can come out as an adjective; the name check below still holds it.
    nouns = [t for t in doc[:colon] if t.pos_ in SPEAKER_POS or t.is_title and t.pos_ == "ADJ"]
    if not nouns or not _names_a_speaker(nouns[-1], lex):
        return None
    start, stop = trim(doc, colon + 1, end)
    words = [t for t in doc[start:stop] if not (t.is_punct or t.is_space)]
    if len(words) < 3 or "?" in doc[stop - 1 : stop + 1].text:
        return None
    return Frame(cue=[colon], source=nouns[-1], content=[(start, stop)])


VERB_GROUP = ("AUX", "PART", "ADV")


def _speech_verb_form(word: str, lex: Lexicon) -> str | None:
    """The speech verb a word is a form of ('Praises' -> praise, 'Said' ->
    say), read from its letters: title-case headlines defeat the tagger."""
    lower = word.lower()
    if lower in lex.irregular_speech_verbs:
        return lex.irregular_speech_verbs[lower]
    stems = [lower]
    if lower.endswith("s"):
        stems += [lower[:-1], lower[:-2], lower[:-3] + "y"]
    if lower.endswith("ed"):  # not "crowd" -> "crow"
        stems += [lower[:-1], lower[:-2], lower[:-3] + "y"]
    return next((stem for stem in stems if stem in lex.speech_verbs), None)


@cue_rule
def _headline_says_frame(doc: Doc, lex: Lexicon, frames: list[Frame]) -> Frame | None:
    """'Hillary Clinton Says No To Fox News', 'Carson says cut regulations …',
    'Jeb Bush Super PAC Chief Praises …': a headline that opens with a name
    and a speech verb reports what follows. Title case leaves the parse
    guessing, so the words decide; a verb the parse did find keeps its frame."""
    end = next((t.i for t in doc if "\n" in t.text), len(doc))
    parsed = {f.anchor for f in frames if f.anchor < end and f.content}
    for verb in doc[1 : min(end, HEADLINE_NAME_TOKENS + 1)]:
        if verb.i in parsed:
            return None
        lemma = _speech_verb_form(verb.text, lex)
        if lemma is None or (verb.lower_ == lemma and verb.pos_ != "VERB"):
            continue  # not a speech verb, or a bare form read as a noun: "Trump's Call For …"
        # "Trump Just Announced", "Trump May Not Have Suggested": the verb's
        # own adverbs and auxiliaries stand between it and the name.
        stop = verb.i
        while stop > 0 and doc[stop - 1].pos_ in VERB_GROUP:
            stop -= 1
        name = doc[:stop]
        if not all(t.pos_ in NAME_POS or t.is_title for t in name):
            return None
        heads = [t for t in name if t.pos_ in SPEAKER_POS or (t.is_title and t.is_alpha)]
        if not heads:
            return None
        start = verb.i + 1
        if start < end and doc[start].lower_ in ("that", "for", "on"):
            start += 1  # "Mike Pence Calls for Special Prosecutor"
        stop = next((t.i for t in doc[start:end] if t.lower_ in lex.headline_breaks), end)
        start, stop = trim(doc, start, stop)
        if sum(1 for t in doc[start:stop] if not t.is_punct) < 2:
            return None
        if doc[start].pos_ in ("ADP", "AUX", "PART"):
            # "CNN Just Responded To …", "Latinos Said In 2015 …": a reaction
            # or a time, not words; "Nomination questions are likely …": a noun.
            return None
        cue = list(range(name.end, verb.i + 1))  # "May Not Have Suggested"
        return Frame(cue=cue, source=heads[-1], content=[(start, stop)])
    return None


@cue_rule
def _verb_frame(token: Token, lex: Lexicon, include_beliefs: bool) -> Frame | None:
    if not token.tag_.startswith("VB") or token.dep_ in ("amod", "compound", "aux", "auxpass"):
        return None
    if _attributive(token):
        return None
    lemma = token.lemma_.lower()
    belief = lemma in lex.belief_verbs
    issued = _issued_statement(token, lex)
    put_it = _as_put_it(token)
    speaks = lemma in lex.speech_verbs or issued is not None or put_it is not None
    speaks = speaks or _raised_concern(token, lex)
    if not speaks and not (include_beliefs and belief):
        return None
    cue = [token.i] + [c.i for c in token.children if c.dep_ == "prt"]
    if _put_to(token):
        # "Asked whether …, Trump said": the question is somebody unnamed's.
        asked: list[str] = []
        content = _content(token, lemma, token, lex, asked)
        return Frame(cue=cue, source=None, content=content, trail=asked)
    if (aside := _inverted_aside(token, lex)) is not None:
        return Frame(cue=sorted(cue), source=aside[0], content=aside[1], belief=belief)
    trail: list[str] = []
    source = speaker_subject(token, lex, trail)
    if source is None:
        return None
    source = _poll_behind_share(token, source, lex) or source
    if lemma == "raise" and not _somebody(source, lex):
        return None
    if issued is not None:
        # "released the following statement:": the words follow, the noun is the cue.
        return Frame(cue=sorted([*cue, issued.i]), source=source, trail=trail)
    if lemma in NOUN_CUES:
        # "expressed concern over X": the object noun is part of the cue's meaning.
        cue += [
            c.i
            for c in token.children
            if c.dep_ == "dobj" and _has_words(token.doc, c.i + 1, c.right_edge.i + 1)
        ]
    if put_it is not None:
        # "As Dana Milbank puts it, “…”": the clause it hangs on is the content.
        content = _minus(token.head, _subtree_range(token))
        return Frame([token.i, put_it.i], source, content=content, trail=trail)
    frame = Frame(cue=sorted(cue), source=source, belief=belief)
    frame.framing = lemma in verb_frames().framing
    frame.trail = trail
    content = _before_speaker(_content(token, lemma, source, lex, trail), token, source)
    content = _without_own_clause(content, token, source)
    content = _before_second_participle(token, content, lex)
    content = _infinitive_before_past_clause(token.doc, content, lex)
    frame.content = _across_dash_aside(token.doc, content)
    return frame


def _raised_concern(verb: Token, lex: Lexicon) -> bool:
    """'Washington raised concerns about arms deals': raising a concern is
    voicing it; raising taxes is not. Only somebody voices it (see _somebody):
    'the documents raised questions about …' says what they made others ask
    (on PolNeAR train the annotators give such questions no source)."""
    if verb.lemma_.lower() != "raise":
        return False
    return any(c.dep_ == "dobj" and c.lemma_.lower() in lex.raised_nouns for c in verb.children)


def _somebody(token: Token, lex: Lexicon) -> bool:
    """A person, a body or a people, by name, pronoun or noun."""
    if token.pos_ == "PRON":
        return token.lower_ not in lex.not_somebody_pronouns
    if token.lemma_.lower() in lex.speech_nouns or token.lower_ in lex.speech_nouns:
        return False  # "Remarks that … raised questions": what was said, not who
    if token.ent_type_ in (*PARTY_ENTITIES, "NORP") or token.pos_ == "PROPN":
        return True
    return token.lemma_.lower() in lex.unnamed_nouns | lex.org_nouns | lex.roles


def _infinitive_before_past_clause(
    doc: Doc, content: list[tuple[int, int]], lex: Lexicon
) -> list[tuple[int, int]]:
    """'expressed her willingness to visit Lima soon when she met the governor
    last week': what is yet to be done ends before a clause in the past that
    closes it; that clause says when the cue happened."""
    out = []
    for start, end in content:
        if doc[start].tag_ == "TO":
            for token in doc[start:end]:
                first = token.left_edge
                timed = token.dep_ == "advcl" and token.tag_ == "VBD" and _has_subject(token)
                closing = first.i > start and token.right_edge.i + 1 >= end
                if timed and closing and first.lower_ in lex.time_marks:
                    end = trim(doc, start, first.i)[1]
                    break
        out.append((start, end))
    return out


def _without_own_clause(
    content: list[tuple[int, int]], verb: Token, source: Token
) -> list[tuple[int, int]]:
    """'which he said the government should pay for': the relative word opens
    the reported words, but the speaker and cue inside them are not said."""
    start_own = source.left_edge.i
    end_own = verb.i + 1
    if not start_own < end_own:
        return content
    out = []
    for start, end in content:
        if start < start_own and end_own < end:
            out += [(start, start_own), (end_own, end)]
        else:
            out.append((start, end))
    return [trim(verb.doc, s, e) for s, e in out if _has_words(verb.doc, s, e)]


POLLS = ("poll", "survey")


def _poll_behind_share(verb: Token, source: Token, lex: Lexicon) -> Token | None:
    """'In a CNN poll, 38 percent of voters said …', 'a poll found that 70
    percent said …': a share of respondents speaks through the poll, which
    is the source (PolNeAR marks it so); the share stays in the content's
    sentence for the analyst to read."""
    if not _is_share(source, lex):
        return None
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "in":
            poll = next((g for g in child.children if g.dep_ == "pobj"), None)
            if poll is not None and poll.lemma_.lower() in POLLS:
                return poll
    head = verb.head
    if verb.dep_ == "ccomp" and head.lemma_.lower() in ("find", "show"):
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lemma_.lower() in POLLS:
            return subject
    return None


def _is_share(token: Token, lex: Lexicon) -> bool:
    """'38 percent of voters', 'a majority', '6 in 10': a share of people, not a
    party ('Senate Majority Leader Mitch McConnell' is a person)."""
    if token.pos_ == "PROPN" or token.ent_type_ == "PERSON":
        return False
    return token.lower_ in lex.share_words or token.like_num


@cue_rule
def _according_frame(token: Token) -> Frame | None:
    """'according to X, ...': X is the source, the rest of the clause the content."""
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None or token.i + 1 >= len(token.doc) or token.doc[token.i + 1].lower_ != "to":
        return None
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    frame = Frame(cue=[token.i, token.i + 1], source=objects[0], according=True)
    phrase_start, phrase_end = _subtree_range(token)
    sent = token.sent
    frame.content = [
        trim(token.doc, s, e)
        for s, e in ((sent.start, phrase_start), (phrase_end, sent.end))
        if _has_words(token.doc, s, e)
    ]
    return frame
