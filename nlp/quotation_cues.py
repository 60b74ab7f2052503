"""Cues found from a quotation: the clause before or after it that says who speaks."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from nlp.adjacency import SENTENCE_END, _same_paragraph, _sentence_like_span
from nlp.colons import _colon_frame, _participle_speaker
from nlp.content import noun_before
from nlp.content_objects import object_range
from nlp.found import NAMED, MarkTokens
from nlp.lexicon import Lexicon
from nlp.ranges import trim
from nlp.sources import speaker_subject
from nlp.syntax import (
    FINITE,
    QUOTE_END,
    SPEAKER_POS,
    Frame,
    _speaker_like,
    _with_particle,
    cue_rule,
)


def _exclaimed(doc: Doc, mark: MarkTokens, lex: Lexicon) -> Frame | None:
    """'She declared “What a night!”', 'She declared: “Stay there!”': a short
    quotation that ends the sentence right after a speech verb is all the
    verb says, though too short to pass for a sentence of its own."""
    before = mark.outer[0] - 1
    if before > 0 and doc[before].text == ":":
        before -= 1  # not after a comma: 'X, he said, “but Y.”' goes on X
    verb = doc[before] if before >= 0 else None
    if verb is None or verb.pos_ != "VERB" or verb.lemma_.lower() not in lex.speech_verbs:
        return None
    after = mark.outer[1]
    last = doc[mark.inner[1] - 1].text
    ends = after >= len(doc) or "\n" in doc[after].text or doc[after].text in SENTENCE_END
    if not (ends or last in SENTENCE_END):
        return None
    return _speech_verb_before(doc, mark.outer[0], lex)


@cue_rule
def _sentence_before_frame(doc: Doc, mark: MarkTokens, lex: Lexicon) -> Frame | None:
    """'Clinton touted her record on the bill. “We need to support workers …”':
    a quotation standing as its own sentence, with no cue of its own, goes on
    from the sentence just before it in its paragraph; that sentence's subject,
    when it is somebody, speaks."""
    start = mark.outer[0]
    end = start - 1
    while end > 0 and doc[end].is_space:
        end -= 1
    if end <= 0 or doc[end].text not in SENTENCE_END:
        return None
    sentence = doc[doc[end].sent.start : end + 1]
    if sentence.start == 0:
        return None  # the headline introduces nobody's words
    if any(t.is_quote or "\n" in t.text for t in sentence):
        return None  # a sentence with its own quotation is another rule's
    if not _same_paragraph(doc, end, start):
        # Past a paragraph break, narration names the speaker rarely: on
        # PolNeAR train, as often wrongly as rightly.
        return None
    verb = sentence.root
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if verb.pos_ not in ("VERB", "AUX") or subject is None or not _speaker_like(subject, lex):
        return None
    if subject.lower_ == "it":
        return None  # "it's an open question": a situation, not a speaker
    return Frame(cue=_with_particle(verb), source=subject)


@cue_rule
def _clause_frame(doc: Doc, mark: MarkTokens, lex: Lexicon) -> Frame | None:
    """The verb governing a quoted phrase, when its subject names somebody."""
    token = doc[mark.inner[0] : mark.inner[1]].root
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") and not (mark.inner[0] <= token.i < mark.inner[1]):
            break
        if token.head.i == token.i:
            return None
        token = token.head
    else:
        return None
    if token.lemma_ == "be":
        return None  # "He is now host of “The Nightly Show”": a title, not his words
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None or not (subject.ent_type_ in NAMED or subject.pos_ == "PRON"):
        return None
    if subject.pos_ == "PRON" and subject.lower_ not in ("he", "she", "they"):
        return None
    child = _mark_child(doc, token, mark)
    end = child.right_edge.i + 1
    if child.dep_ == "dobj":
        end = object_range(token, child, lex)[1]  # 'blamed the “fog of war” for the failure …'
    # 'slammed the proposal as “divisive”': the phrase is about the object before it.
    content = [trim(doc, noun_before(token, child.left_edge.i, ("dobj",)), end)]
    return Frame(cue=[token.i], source=subject, content=content)


TRAILING_GAP = ("ADV", "PUNCT", "SPACE")


def _trailing_frame(doc: Doc, mark: MarkTokens, lex: Lexicon) -> Frame | None:
    """'"France will always be France," an angry Hollande retaliated.': any verb
    right after a quotation, with a subject of its own, is its attribution.

    The speech lexicon misses such verbs, but the layout leaves no other reading.
    """
    end = mark.outer[1]
    if end >= len(doc) or "\n" in doc[end - 1 : min(end + 1, len(doc))].text:
        return None
    return (
        _trailing_by_parse(doc, mark, lex)
        or _trailing_by_layout(doc, mark, lex)
        or _trailing_by_words(doc, mark, lex)
    )


NOUN_RUN = ("DET", "ADJ", "NUM", "NOUN", "PROPN", "PART")
TRAILING_WORDS = 12


@cue_rule
def _trailing_by_words(doc: Doc, mark: MarkTokens, lex: Lexicon) -> Frame | None:
    """'“…?” the 43-year-old asked in the video', '"…," tweeted Rubio spokesman
    Alex Conant.', '“…,” a voice-over in the ad states.': the parse may read the
    speech verb as a noun or an adjective. The words still say it: a noun phrase
    and a speech verb, in either order, filling the clause after the quotation."""
    words = []
    for token in doc[mark.outer[1] : mark.outer[1] + TRAILING_WORDS]:
        if token.is_quote or token.text in (".", "?", "!", ";") or "\n" in token.text:
            break
        words.append(token)
    at = next((i for i, t in enumerate(words) if _speech_word(t, lex)), None)
    if at is None:
        return None
    if at == 0:
        run = _noun_run(words[1:])  # "tweeted Rubio spokesman Alex Conant"
    else:
        run = _noun_run(words[:at])  # "the Post's senior politics editor Steven Ginsberg"
        if len(run) != at and _misread_noun(words[:at]):
            run = [words[0], *_noun_run(words[1:at])]  # "screenwriter Cole Haddon wrote"
        after = words[at + 1] if at + 1 < len(words) else None
        if len(run) != at or after is not None and after.pos_ not in ("PUNCT", "ADP", "ADV"):
            return None
    head = next((i for i, t in enumerate(run) if t.pos_ == "ADP"), len(run))
    run = run[:head]  # "a voice-over in the ad": the head comes before "in"
    if not run or run[-1].pos_ not in (*SPEAKER_POS, "ADJ"):
        return None  # "the 43-year-old" ends in an adjective the parse made its head
    return Frame(cue=[words[at].i], source=run[-1])


def _misread_noun(words: list[Token]) -> bool:
    """'“…,” screenwriter Cole Haddon wrote': the parse may take the role word
    opening a name for a verb. Lower case, then a name, before the speech verb."""
    first = words[0]
    return len(words) > 1 and first.pos_ == "VERB" and first.is_lower and words[1].pos_ == "PROPN"


def _speech_word(token: Token, lex: Lexicon) -> bool:
    """A speech verb by its form, whatever the tagger made of it ('states')."""
    if not token.is_lower or token.lemma_.lower() not in lex.speech_verbs:
        return False
    if token.tag_ == "NN":
        # '“…,” the editorial read.': tagged a noun, but it follows one and ends the clause.
        after = token.nbor(1) if token.i + 1 < len(token.doc) else None
        return (
            token.i > 0
            and token.nbor(-1).pos_ in ("NOUN", "ADJ", "PROPN")
            and (after is None or after.text in (".", ",") or after.pos_ == "ADP")
        )
    return token.pos_ in ("VERB", "ADJ") or token.tag_ == "NNS"


def _noun_run(words: list[Token]) -> list[Token]:
    """The words opening the list that can make up a noun phrase."""
    run = []
    for token in words:
        joins = token.pos_ in NOUN_RUN or token.text in ("-", "'s", "’s")
        if not joins and (token.pos_ != "ADP" or not run):
            break  # a preposition may go on a phrase ("a voice-over in the ad"), not open one
        run.append(token)
    return run


def _leading_frame(doc: Doc, mark: MarkTokens, lex: Lexicon) -> Frame | None:
    """'Rubio fired back forcefully: “If they sue us …”': a clause that ends in a
    colon introduces the quotation after it, and its subject speaks. So does a
    speech verb right before a comma: 'He adopted a fake accent and joked, “…”'
    (when the parse did not make the quotation the verb's object)."""
    before = mark.outer[0] - 1
    while before > 0 and doc[before].is_space:
        before -= 1
    if before <= 0:
        return None
    if doc[before].text == ",":
        return _speech_verb_before(doc, before, lex) or _clause_before_sentence(
            doc, before, mark, lex
        )
    if not doc[before].is_punct and doc[before].sent.start == doc[mark.outer[0]].sent.start:
        # 'asked the crowd "If Hillary …"': the quotation is the verb's last word.
        return _speech_verb_before(doc, mark.outer[0], lex)
    return _colon_frame(doc, before, lex) if doc[before].text == ":" else None


def _verb_before(doc: Doc, comma: int) -> Token | None:
    """The last verb of the sentence before comma, when the words between are
    its own ("joked to reporters,")."""
    start = doc[comma].sent.start
    verb = next((t for t in reversed(doc[start:comma]) if t.pos_ == "VERB"), None)
    if verb is None or any(verb not in t.ancestors for t in doc[verb.i + 1 : comma]):
        return None
    return verb


@cue_rule
def _speech_verb_before(doc: Doc, comma: int, lex: Lexicon) -> Frame | None:
    verb = _verb_before(doc, comma)
    if verb is None:
        return None
    speech = verb.lemma_.lower() in lex.speech_verbs
    if not speech and not _ends_in_verb(doc, verb, comma):
        return None
    # "shared the news, writing “…”": a participle speaks with its verb's subject;
    # "held up a sign saying “…”": one that hangs on a noun, with the noun.
    subject = (
        _shared_subject(verb)
        or speaker_subject(verb, lex)
        or _participle_speaker(verb, lex)
        or _sentence_subject(verb)
    )
    if subject is None or subject.i > verb.i or not _speaker_like(subject, lex):
        return None
    cue = _with_particle(verb) if speech else list(range(verb.i, comma))  # "shot back"
    return Frame(cue=cue, source=subject)


@cue_rule
def _clause_before_sentence(doc: Doc, comma: int, mark: MarkTokens, lex: Lexicon) -> Frame | None:
    """'Grandi reacted skeptically to the deal, “I am concerned about …”': a
    whole quoted sentence that closes the sentence a clause opened, set off from
    it by a comma, is that clause's subject speaking, whatever the verb."""
    quoted = doc[mark.inner[0] : mark.inner[1]]
    if not _sentence_like_span(quoted) or all(t.is_title for t in quoted if t.is_alpha):
        return None  # "its podcast, “So, That Happened.”": a title
    if any(t.is_quote for t in doc[doc[comma].sent.start : comma]):
        return None  # 'telling the crowd, “A,” and, “B.”': the clause before is quoted
    if doc[mark.outer[1] - 2].text not in (".", "?", "!") or not _ends_sentence(doc, mark.outer[1]):
        return None
    verb = _verb_before(doc, comma)
    if verb is None or verb.dep_ not in ("ROOT", "conj") or verb.tag_ == "VBG":
        return None
    subject = _shared_subject(verb)
    if subject is None or subject.i > verb.i or not _speaker_like(subject, lex):
        return None
    return Frame(cue=_with_particle(verb), source=subject)


def _ends_sentence(doc: Doc, index: int) -> bool:
    """The paragraph ends at index, or a new sentence (or a bracketed credit) starts."""
    if index >= len(doc):
        return True
    token = doc[index]
    return token.is_space or token.is_sent_start or token.is_title or token.text in "(["


def _sentence_subject(verb: Token) -> Token | None:
    """'Flea shared the news on social media, writing “…”': the parse may hang
    the participle anywhere, but set off by a comma after the main clause it
    shares that clause's subject. Not after "and" ('watched the protesters,
    waving flags and shouting, “…”' is the protesters')."""
    root = verb.sent.root
    if verb.tag_ != "VBG" or verb.i == 0 or root.i >= verb.i or verb.nbor(-1).text != ",":
        return None
    return next((c for c in root.children if c.dep_ == "nsubj"), None)


def _ends_in_verb(doc: Doc, verb: Token, comma: int) -> bool:
    """'Hillary shot back, “I suppose …”': a clause that ends in its verb
    before a comma and a quotation introduces it, whatever the verb, as a
    colon does (the quotation reaches this point only when no cue took it)."""
    clause = doc[verb.left_edge.i : verb.i]
    if verb.dep_ in ("relcl", "acl") or any(t.tag_ in ("WP", "WP$", "WDT") for t in clause):
        return False  # '“A,” he said of people whose rights were restored, “B”'
    return all(t.dep_ in ("prt", "advmod") for t in doc[verb.i + 1 : comma])


def _shared_subject(verb: Token) -> Token | None:
    """The verb's subject, or for 'adopted an accent and joked' the first verb's
    (the parser may hang the second verb on the first one's object)."""
    token = verb
    for _ in range(3):
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
        if token.dep_ == "conj" or (token.i != verb.i and token.pos_ == "NOUN"):
            token = token.head
        else:
            return None
    return None


@cue_rule
def _trailing_by_parse(doc: Doc, mark: MarkTokens, lex: Lexicon) -> Frame | None:
    # The last quoted sentence is the one the verb governs.
    end = mark.outer[1]
    heads = [t.head for t in doc[mark.outer[0] : end] if t.head.i >= end]
    if not heads or heads[-1].pos_ != "VERB":
        return None
    verb = heads[-1]
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i < end or not _speaker_like(subject, lex):
        return None
    clause = {t.i for t in subject.subtree}
    between = doc[end : verb.i]
    if "\n" in between.text or not all(t.i in clause or t.pos_ in TRAILING_GAP for t in between):
        return None
    return Frame(cue=_with_particle(verb), source=subject)


def _ends_open(doc: Doc, mark: MarkTokens) -> bool:
    """The quotation ends '…,”' (or ? ! —), so the sentence goes on after it."""
    return mark.outer[1] - 2 >= mark.outer[0] and doc[mark.outer[1] - 2].text in QUOTE_END


@cue_rule
def _trailing_by_layout(doc: Doc, mark: MarkTokens, lex: Lexicon) -> Frame | None:
    """'"…, right?" Trump went on.' when the parse splits the two: a noun phrase
    and a finite verb straight after a quotation that ends open."""
    if not _ends_open(doc, mark):
        return None
    subject = None
    in_phrase = False  # "a staffer in the room wondered": the phrase after the noun is not it
    for token in doc[mark.outer[1] : mark.outer[1] + 9]:
        if subject is not None and (token.tag_ in FINITE or _after_misread_name(subject, token)):
            return Frame(cue=_with_particle(token), source=subject)
        if subject is None and token.i == mark.outer[1] and _misread_name(token):
            subject = token  # '“…,” Will wrote.', '"…," Trump shot back.'
            continue
        if subject is not None and subject.pos_ != "PRON" and token.pos_ == "ADP":
            in_phrase = True
        elif in_phrase:
            if token.pos_ not in ("DET", "ADJ", "NUM", "NOUN", "PROPN"):
                return None
        elif token.pos_ == "PRON" and subject is None:
            if not _speaker_like(token, lex):
                return None  # "“…,” this means": not a speaker
            subject = token
        elif token.pos_ in SPEAKER_POS and (subject is None or subject.pos_ != "PRON"):
            subject = token  # the last noun of "an angry Hollande"
        elif token.pos_ not in ("DET", "ADJ", "NUM", "PART", "ADV"):
            return None
    return None


def _misread_name(token: Token) -> bool:
    """A capitalised word the tagger read as a verb or a modal ("Trump",
    "Will") straight after a quotation that ends open: mid-sentence, only a
    name starts with a capital there."""
    return token.is_title and token.tag_ in ("VB", "VBP", "MD") and token.nbor(-1).is_quote


def _after_misread_name(subject: Token, token: Token) -> bool:
    """'Will wrote': after a name read as a modal, the tagger makes the verb a participle."""
    return subject.tag_ == "MD" and token.i == subject.i + 1 and token.tag_ in ("VBN", "VB")


def _mark_child(doc: Doc, verb: Token, mark: MarkTokens) -> Token:
    """The verb's dependent whose phrase holds the quotation."""
    inner = doc[mark.inner[0] : mark.inner[1]].root
    while inner.head.i != verb.i and inner.head.i != inner.i:
        inner = inner.head
    return inner
