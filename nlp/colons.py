"""Cues that end in a colon: 'He said:', 'Smith:' and participles before a colon."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from nlp.adjacency import _sentence_like_span
from nlp.found import MarkTokens
from nlp.lexicon import Lexicon
from nlp.sources import speaker_subject
from nlp.syntax import Frame, _speaker_like, _with_particle, cue_rule


def _short_after_colon(doc: Doc, mark: MarkTokens, lex: Lexicon) -> Frame | None:
    """'saying: “The struggle continues”': a clause too short to stand alone as a
    quote is one when a speech verb introduces it with a colon."""
    before = mark.outer[0] - 1
    if before <= 0 or doc[before].text != ":" or not _sentence_like_span(doc[slice(*mark.inner)]):
        return None
    frame = _colon_frame(doc, before, lex)
    if frame is None or doc[frame.cue[0]].lemma_.lower() not in lex.speech_verbs:
        return None
    return frame


@cue_rule
def _colon_frame(doc: Doc, colon: int, lex: Lexicon) -> Frame | None:
    verb = doc[colon].head
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or verb.i > colon:
        # 'Mitt Romney, the nominee, tweeted in response:' can come out with the
        # colon hung on the quotation's verb: take the clause that ends at it.
        verb = _verb_ending_at(doc, colon)
        if verb is None:
            return _name_before_colon(doc, colon, lex)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and verb.i < subject.i < colon and verb.i == verb.sent.start:
        return Frame(cue=_with_particle(verb), source=subject)  # "Continued Stone: “…”"
    # 'Any decision would involve Lynch, who told Congress when asked: “…”': a
    # speech verb in the clause that ends at the colon beats the main clause.
    ending = _verb_ending_at(doc, colon)
    if ending is not None and ending.i != verb.i:
        for clause_verb in _verbs_up(ending, colon):
            if clause_verb.i == verb.i:
                break
            if clause_verb.tag_ == "VBN":
                continue  # "when asked …" is put to the speaker, not said
            subject = _colon_speaker(clause_verb, lex)
            if subject is not None and clause_verb.lemma_.lower() in lex.speech_verbs:
                return Frame(cue=_with_particle(clause_verb), source=subject)
    # 'Clinton has since apologized for what happened: “…”': the clause that ends
    # at the colon may be a subordinate one; the speaker is the main clause's.
    for clause_verb in _verbs_up(verb, colon):
        subject = _colon_speaker(clause_verb, lex)
        if subject is not None:
            return Frame(cue=_with_particle(clause_verb), source=subject)
    return None


def _verbs_up(verb: Token, colon: int) -> Iterator[Token]:
    """The verb, then the verbs that govern it before the colon."""
    yield verb
    token = verb
    for _ in range(3):
        if token.head.i == token.i or token.head.i > colon:
            return
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            yield token


def _colon_speaker(verb: Token, lex: Lexicon) -> Token | None:
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        subject = _participle_speaker(verb, lex)
    if subject is None:
        subject = speaker_subject(verb, lex)  # "leaned in and boomed: “…”"
    if subject is None or subject.i > verb.i or not _speaker_like(subject, lex):
        return None
    return subject


def _verb_ending_at(doc: Doc, colon: int) -> Token | None:
    start = doc[colon].sent.start
    verb = next((t for t in reversed(doc[start:colon]) if t.pos_ == "VERB"), None)
    if verb is None or any(t.i not in {d.i for d in verb.subtree} for t in doc[verb.i : colon]):
        return None
    return verb


LABEL_BOUNDARY = ("-", "—", "–", ".", ";")
LABEL_WINDOW = 8


@cue_rule
def _name_before_colon(doc: Doc, colon: int, lex: Lexicon) -> Frame | None:
    """'Jeffrey M. Jones: “Gallup’s analysis …”', 'Clinton: "…" Bush: "…"': a
    name with no verb of its own, set before a quotation with a colon, labels it.
    So does 'Continued Stone:', which the parse reads as a name with an adjective."""
    end = colon
    if doc[end - 1].text == ")":  # "Rep. Trey Gowdy (R-S.C.):"
        opening = next((i for i in range(end - 1, max(end - 8, 0), -1) if doc[i].text == "("), None)
        end = opening if opening is not None else end
    name = doc[end - 1] if end > 0 else None
    if name is None or not _label_name(name):
        return None
    start = end - 1
    while start > 0 and end - start < LABEL_WINDOW:
        token = doc[start - 1]
        if token.is_quote or token.text in LABEL_BOUNDARY or "\n" in token.text:
            break
        if token.pos_ in ("VERB", "AUX") or token.is_sent_end:
            if token.lemma_.lower() in lex.speech_verbs and _phrase_start(doc, token.i):
                return Frame(cue=[token.i], source=doc[token.i + 1 : end].root)
            return None
        start -= 1
    else:
        if start > 0:
            return None
    root = doc[start:end].root
    return Frame(cue=[colon], source=root) if _label_name(root) else None


def _label_name(token: Token) -> bool:
    """A person or organisation; a proper noun the entity tagger missed, or the
    surname of a person the article names, counts too."""
    if token.ent_type_ in ("PERSON", "ORG") or token.pos_ == "PROPN" and not token.ent_type_:
        return True
    return token.is_title and any(
        ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == token.text
        for ent in token.doc.ents
    )


def _phrase_start(doc: Doc, index: int) -> bool:
    before = doc[index - 1] if index > 0 else None
    return before is None or before.is_space or before.text in LABEL_BOUNDARY or before.is_quote


def _saying_participle(verb: Token, lex: Lexicon) -> bool:
    """'a voice-over saying:', and 'Mitt Romney, the nominee, tweeted in
    response:', which the parse reads as a reduced relative clause."""
    if verb.dep_ != "acl" or verb.head.i > verb.i:
        return False
    if verb.tag_ == "VBG":
        return verb.lemma_.lower() in lex.speech_verbs
    if verb.tag_ == "VBD" and verb.i == verb.head.i + 1:
        return True  # '…, a man yelled “Stay there!”': a past tense right after its noun
    return verb.tag_ in ("VBD", "VBN") and verb.head.ent_type_ in ("PERSON", "ORG")


def _participle_speaker(verb: Token, lex: Lexicon) -> Token | None:
    """For a 'saying' participle, the noun it hangs on, except one it was sent
    to: 'sent a text message to supporters saying: “…”' is the sender's
    ('replied to a reporter saying …' is still the reporter's)."""
    if not _saying_participle(verb, lex):
        return None
    noun = verb.head
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in lex.messaging_words:
        # "emailed supporters saying: “…”": the one emailed is not the one writing.
        return next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    if noun.dep_ != "pobj" or noun.head.lower_ != "to":
        return noun
    sender = noun.head.head
    if sender.pos_ == "NOUN":
        sender = sender.head  # "sent a message to supporters"
    if sender.lemma_.lower() not in lex.sending_verbs:
        return noun
    return next((c for c in sender.children if c.dep_ == "nsubj"), None)
