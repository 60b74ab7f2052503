"""Attribution frames on the parse: a cue (said, according to, believes) with its
source (the subject) and, when the syntax gives it, its content (the ccomp).

A frame is what the dependency tree says; linking frames to quotation marks
and resolving the source to a speaker happen later (quotes.py, speakers.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from nlp.lexicon import Lexicon, load_lexicon, read_table, read_words
from nlp.names import shares_surname

SUBJECT_DEPS = ("nsubj", "nsubjpass")
FINITE = ("VBD", "VBZ", "VBP")
# Participles and coordinated verbs borrow the subject of the verb they hang on:
# "..., KCNA said, citing ...", "Peskov gave no details but said ...".
INHERIT_DEPS = ("advcl", "conj", "xcomp", "pcomp", "acl")
# The subject walk also climbs an unlabelled "dep" ("gestured …, then leaned in and boomed").
WALK_DEPS = (*INHERIT_DEPS, "dep")
CONTENT_DEPS = ("ccomp",)


@dataclass(frozen=True)
class VerbFrames:
    """How particular cue verbs carry content (data/verb_frames.tsv)."""

    xcomp: frozenset[str]
    object: frozenset[str]
    framing: frozenset[str]
    # The parse may break a reported clause into an object ("said ending the
    # program … would hurt families"): see _said_as_object.
    broken_clause: frozenset[str]
    prep: dict[str, frozenset[str]]


@cache
def verb_frames() -> VerbFrames:
    rows = read_table("verb_frames.tsv")
    sets: dict[str, set[str]] = {k: set() for k in ("xcomp", "object", "framing", "broken_clause")}
    prep: dict[str, frozenset[str]] = {}
    for lemma, spec in ((r[0].strip(), r[1].strip()) for r in rows):
        for part in spec.split(","):
            if part.startswith("prep="):
                prep[lemma] = frozenset(part[5:].split("|"))
            else:
                sets[part].add(lemma)
    return VerbFrames(**{kind: frozenset(lemmas) for kind, lemmas in sets.items()}, prep=prep)


@dataclass
class Frame:
    cue: list[int]  # token indices of the cue words
    source: Token | None  # head token of the source mention
    content: list[tuple[int, int]] = field(default_factory=list)  # token [start, end) ranges
    belief: bool = False
    framing: bool = False
    according: bool = False
    # A transcript line's speaker label (token range): the content is that speaker's words.
    label: tuple[int, int] | None = None

    @property
    def anchor(self) -> int:
        return self.cue[0]


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


def _paragraphs(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the paragraphs, without the line breaks between them."""
    ranges, start = [], 0
    for token in doc:
        if "\n" in token.text:
            if token.i > start:
                ranges.append((start, token.i))
            start = token.i + 1
    if start < len(doc):
        ranges.append((start, len(doc)))
    return ranges


NAME_POS = ("PROPN", "NOUN", "DET", "ADJ", "PART", "PUNCT", "NUM", "CCONJ")
HEADLINE_NAME_TOKENS = 8


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


# Where a headline's report ends and the writer's framing starts: "… As
# Sanders Turns Up The Heat".
HEADLINE_BREAKS = ("as", "after", "while", "amid", "but", "before", "despite", "when", ";")
VERB_GROUP = ("AUX", "PART", "ADV")
IRREGULAR_SPEECH = {"said": "say", "says": "say", "told": "tell", "tells": "tell"}
IRREGULAR_SPEECH |= {"wrote": "write", "writes": "write"}


def _speech_verb_form(word: str, lex: Lexicon) -> str | None:
    """The speech verb a word is a form of ('Praises' -> praise, 'Said' ->
    say), read from its letters: title-case headlines defeat the tagger."""
    lower = word.lower()
    if lower in IRREGULAR_SPEECH:
        return IRREGULAR_SPEECH[lower]
    stems = [lower]
    if lower.endswith("s"):
        stems += [lower[:-1], lower[:-2], lower[:-3] + "y"]
    if lower.endswith("ed"):  # not "crowd" -> "crow"
        stems += [lower[:-1], lower[:-2], lower[:-3] + "y"]
    return next((stem for stem in stems if stem in lex.speech_verbs), None)


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
        stop = next((t.i for t in doc[start:end] if t.lower_ in HEADLINE_BREAKS), end)
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


def _names_a_speaker(head: Token, lex: Lexicon) -> bool:
    """A named party, a noun like 'poll' or 'report', or the surname of a
    person the article names ('Reid:' before 'Senator Harry Reid said')."""
    lemma = head.lemma_.lower()
    if head.ent_type_ in (*PARTY_ENTITIES, "NORP"):
        return True
    if lemma in lex.unnamed_nouns | lex.org_nouns | lex.speech_nouns:
        return True
    people = (e for e in head.doc.ents if e.label_ == "PERSON" and e.start > head.i)
    return any(shares_surname(head.text, e.text) for e in people)


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
    speaks = speaks or _raised_concern(token)
    if not speaks and not (include_beliefs and belief):
        return None
    cue = [token.i] + [c.i for c in token.children if c.dep_ == "prt"]
    if _put_to(token):
        # "Asked whether …, Trump said": the question is somebody unnamed's.
        return Frame(cue=cue, source=None, content=_content(token, lemma, token))
    if (aside := _inverted_aside(token, lex)) is not None:
        return Frame(cue=sorted(cue), source=aside[0], content=aside[1], belief=belief)
    source = speaker_subject(token, lex)
    if source is None:
        return None
    source = _poll_behind_share(token, source) or source
    if lemma == "raise" and not _somebody(source):
        return None
    if issued is not None:
        # "released the following statement:": the words follow, the noun is the cue.
        return Frame(cue=sorted([*cue, issued.i]), source=source)
    if lemma in NOUN_CUES:
        # "expressed concern over X": the object noun is part of the cue's meaning.
        cue += [
            c.i
            for c in token.children
            if c.dep_ == "dobj" and _has_words(token.doc, c.i + 1, c.right_edge.i + 1)
        ]
    if put_it is not None:
        # "As Dana Milbank puts it, “…”": the clause it hangs on is the content.
        return Frame([token.i, put_it.i], source, content=_minus(token.head, _subtree_range(token)))
    frame = Frame(cue=sorted(cue), source=source, belief=belief)
    frame.framing = lemma in verb_frames().framing
    content = _before_speaker(_content(token, lemma, source), token, source)
    content = _without_own_clause(content, token, source)
    content = _before_second_participle(token, content)
    content = _infinitive_before_past_clause(token.doc, content)
    frame.content = _across_dash_aside(token.doc, content)
    return frame


TIME_MARKS = ("when", "as", "after", "while")


# Verbs whose object noun says what kind of speaking it was: "expressed concern over".
NOUN_CUES = ("express", "raise")
RAISED = ("concern", "question", "objection", "doubt", "alarm", "worry")


def _raised_concern(verb: Token) -> bool:
    """'Washington raised concerns about arms deals': raising a concern is
    voicing it; raising taxes is not. Only somebody voices it (see _somebody):
    'the documents raised questions about …' says what they made others ask
    (on PolNeAR train the annotators give such questions no source)."""
    if verb.lemma_.lower() != "raise":
        return False
    return any(c.dep_ == "dobj" and c.lemma_.lower() in RAISED for c in verb.children)


def _somebody(token: Token) -> bool:
    """A person, a body or a people, by name, pronoun or noun."""
    lex = load_lexicon()
    if token.pos_ == "PRON":
        return token.lower_ not in ("it", "that", "which", "this")
    if token.lemma_.lower() in lex.speech_nouns or token.lower_ in lex.speech_nouns:
        return False  # "Remarks that … raised questions": what was said, not who
    if token.ent_type_ in (*PARTY_ENTITIES, "NORP") or token.pos_ == "PROPN":
        return True
    return token.lemma_.lower() in lex.unnamed_nouns | lex.org_nouns | lex.roles


def _infinitive_before_past_clause(
    doc: Doc, content: list[tuple[int, int]]
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
                if timed and closing and first.lower_ in TIME_MARKS:
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
SHARE_WORDS = ("percent", "%", "majority", "plurality", "half", "third", "quarter", "fifth")


def _poll_behind_share(verb: Token, source: Token) -> Token | None:
    """'In a CNN poll, 38 percent of voters said …', 'a poll found that 70
    percent said …': a share of respondents speaks through the poll, which
    is the source (PolNeAR marks it so); the share stays in the content's
    sentence for the analyst to read."""
    if not _is_share(source):
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


def _is_share(token: Token) -> bool:
    """'38 percent of voters', 'a majority', '6 in 10': a share of people, not a
    party ('Senate Majority Leader Mitch McConnell' is a person)."""
    if token.pos_ == "PROPN" or token.ent_type_ == "PERSON":
        return False
    return token.lower_ in SHARE_WORDS or token.like_num


DASH_ASIDE = ("—", "–", "--")
DASH_WINDOW = 16


def _across_dash_aside(doc: Doc, content: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """'pledged to ban all cars — thousands of them — from entering the city':
    the parse may end the clause at an aside set off by dashes; when a phrase of
    the clause resumes after the second dash, the content runs on through it."""
    if not content or content[-1][1] >= len(doc) or doc[content[-1][1]].text not in DASH_ASIDE:
        return content
    start, end = content[-1]
    sentence_end = doc[end].sent.end
    closing = next(
        (
            i
            for i in range(end + 1, min(end + DASH_WINDOW, sentence_end))
            if doc[i].text in DASH_ASIDE
        ),
        None,
    )
    if closing is None or closing + 1 >= sentence_end:
        return content
    aside, resumed = doc[end + 1 : closing], doc[closing + 1]
    if any(t.pos_ in ("VERB", "AUX") or t.is_quote for t in aside) or resumed.pos_ != "ADP":
        return content
    if resumed.left_edge.i != resumed.i:
        return content
    return [*content[:-1], trim(doc, start, resumed.right_edge.i + 1)]


def _inverted_aside(verb: Token, lex: Lexicon) -> tuple[Token, list[tuple[int, int]]] | None:
    """'The contrast with Trump, said Doyle and others, would be clear …': the
    parse may make the content's subject the cue's own, and the speaker the
    subject of the rest of the content. Returns the speaker and both parts.
    A subject that could speak is the speaker ("Biden, however, said Russia,
    not Ukraine, started it"), and its phrase must run up to the cue's comma."""
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].text != ",":
        return None
    front = next((c for c in verb.lefts if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
    clause = next((c for c in verb.rights if c.dep_ == "ccomp"), None)
    if front is None or clause is None or front.right_edge.i < verb.i - 2:
        return None
    if front.ent_type_ or front.lemma_.lower() in lex.roles or _names_a_speaker(front, lex):
        return None
    speaker = next(
        (c for c in clause.lefts if c.dep_ == "nsubj" and c.left_edge.i == verb.i + 1), None
    )
    if speaker is None or speaker.pos_ != "PROPN":
        return None
    comma = next(
        (i for i in (speaker.right_edge.i, speaker.right_edge.i + 1) if doc[i].text == ","), None
    )
    if comma is None:
        return None
    before = trim(doc, front.left_edge.i, verb.i)
    return speaker, [before, trim(doc, comma + 1, clause.right_edge.i + 1)]


def _before_speaker(
    content: list[tuple[int, int]], verb: Token, source: Token
) -> list[tuple[int, int]]:
    """'“We were wrong,” Ramos, 58, told AFP': the parse may make the
    quotation and the speaker after it one clause; the content ends with the
    quotation."""
    closing = _quotation_before(verb)
    if closing is None or source.i < closing:
        return content
    start = _introduced_quotation_start(verb.doc, closing)
    cut = [(s, closing + 1) if s <= closing < source.i < e else (s, e) for s, e in content]
    return [(start, e) if s < start < e else (s, e) for s, e in cut]


def _introduced_quotation_start(doc: Doc, closing: int) -> int:
    """'declared the need for drive: “Change the world,” she said', 'telling
    Mic in an interview, “But gosh …,” he said': the words before a colon or
    comma that opens the quotation are the writer's, not the speaker's.
    Returns where the content may start (0 when no such mark opens it)."""
    opening = next((i for i in range(closing - 1, -1, -1) if doc[i].is_quote), None)
    if opening is None or opening == 0 or doc[opening - 1].text not in (":", ","):
        return 0
    quoted = doc[opening + 1 : closing]
    clause = len(quoted) and quoted[0].is_title and any(t.pos_ in ("VERB", "AUX") for t in quoted)
    if doc[opening - 1].text == "," and not clause:
        # 'The party, "allows us to …," Coleman said': one sentence, all his;
        # 'on his show, “Generations with Kevin Swanson,” Right Wing Watch
        # reported': a title, not what was said.
        return 0
    return opening


def _put_to(verb: Token) -> bool:
    """'Asked whether he would run, Trump said …': a participle whose subject
    is the one asked, not the one asking (PolNeAR gives these no source)."""
    own = ("nsubj", "nsubjpass", "aux", "auxpass", "agent")
    if verb.lemma_.lower() != "ask" or verb.tag_ not in ("VBN", "VBD"):
        return False  # the tagger reads a clause-initial "Asked" as VBD
    if verb.dep_ == "advcl":
        return not any(c.dep_ in own for c in verb.children)
    # 'Trump was asked what he thought …': the one asked is the subject.
    return any(c.dep_ == "nsubjpass" for c in verb.children) and not any(
        c.dep_ == "agent" for c in verb.children
    )


def _as_put_it(verb: Token) -> Token | None:
    """'As X put it, …': a way of quoting somebody, whatever 'put' means
    elsewhere. Returns the 'it', part of the cue."""
    if verb.lemma_.lower() != "put" or not _as_clause(verb):
        return None
    return next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ == "it"), None)


ISSUING = ("issue", "release", "publish", "post", "put", "send", "give", "deliver")


def _issued_statement(verb: Token, lex: Lexicon) -> Token | None:
    """The speech noun a verb like 'issued' or 'released' takes as its object."""
    if verb.lemma_.lower() not in ISSUING:
        return None
    for child in verb.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in lex.speech_nouns:
            return child
    return None


def speaker_subject(verb: Token, lex: Lexicon) -> Token | None:
    """The verb's subject; after a quotation, the words between it and the verb."""
    found = _parsed_subject(verb, lex)
    closing = _quotation_before(verb)
    if closing is None or (found is not None and not _inside_quotation(found, closing)):
        return found  # "Ann Smith, who called it “a disaster,” said …" keeps Smith
    # '“We were wrong …,” Ramos, 58, told AFP': the parse may take a word inside
    # the quotation for the subject ("We"), or find none at all.
    return phrase_root(verb.doc, closing + 1, verb.i) or _inverted_subject(verb) or found


QUOTE_END = (",", "?", "!", "—", "–")  # a quotation that ends so wants its cue next
CUE_WINDOW = 24
SPEAKER_START = ("PROPN", "NOUN", "DET", "ADJ", "NUM", "PRON")


def _quotation_before(verb: Token) -> int | None:
    """The closing mark of a quotation ending '…,”' shortly before the verb,
    with only a speaker's name in between."""
    doc = verb.doc
    for i in range(verb.i - 1, max(verb.i - CUE_WINDOW - 1, 0), -1):
        token = doc[i]
        if "\n" in token.text or token.text in (".", ";"):
            return None
        if token.text in CLOSING and doc[i - 1].text in QUOTE_END:
            after = doc[i + 1] if i + 1 < verb.i else None
            return i if after is None or after.pos_ in SPEAKER_START else None
    return None


def _inside_quotation(token: Token, closing: int) -> bool:
    """The token lies between the closing mark and the mark that opened it."""
    doc = token.doc
    opening = next((i for i in range(closing - 1, -1, -1) if doc[i].is_quote), None)
    return opening is not None and opening < token.i < closing


def phrase_root(doc: Doc, start: int, end: int) -> Token | None:
    """The head of the noun phrase in [start, end): the first word whose head is outside."""
    for token in doc[start:end]:
        root = token.head.i == token.i or not start <= token.head.i < end
        if token.pos_ in SPEAKER_POS and root:
            return token
    return None


FLOATING = ("both", "all", "each")


def _parsed_subject(verb: Token, lex: Lexicon) -> Token | None:
    """The verb's subject, or the subject it inherits as a participle/conjunct."""
    current = verb
    for _ in range(3):
        # '"The more people know him, …," Briggs said' can come out with two
        # subjects on "said", one inside the quotation: the speaker is the nearer.
        subjects = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
        # "Republican leaders, whose …, both suggested": "both" floats off its noun.
        subjects = [c for c in subjects if c.lower_ not in FLOATING] or subjects
        if subjects:
            child = min(subjects, key=lambda c: abs(c.i - current.i))
            if child.dep_ == "nsubjpass":
                if _has_read_as_is(current):
                    return child
                if _conjunct_of(verb, current):
                    # "Trump was forced into damage control and said …", "officials
                    # were angered by the deal and predicted …": the subject both share.
                    return child
                return _passive_agent(current)
            # "Lim, who said ...": the source is the "who", which the speaker
            # resolver reads as its antecedent.
            return child
        if current.i == verb.i and any(c.dep_ == "agent" for c in verb.children):
            return _passive_agent(verb)
        if current.i == verb.i and (share := _share_read_as_number(verb)) is not None:
            return share
        if current.i == verb.i and (inverted := _inverted_subject(verb)) is not None:
            return inverted
        if current.i == verb.i and (taken := _subject_of_participle(verb)) is not None:
            return taken
        if current.i == verb.i and (named := _misread_participle_subject(verb)) is not None:
            return named
        if current.i == verb.i and (named := _name_read_as_modal(verb)) is not None:
            return named
        if current.i == verb.i and verb.dep_ == "ROOT" and (named := _name_before(verb)):
            return named
        if current.i == verb.i and verb.dep_ == "ROOT" and (noun := _apposition_before(verb)):
            return noun
        if current.i == verb.i and (root := _verbless_root(verb)) is not None:
            return root
        cited = _cited_as_saying(current)
        if cited is not None:
            return cited
        if current.i == verb.i and (outer := _second_participle_of(verb)) is not None:
            # "urging voters to see it and promising to act": the urger promises.
            current = outer
            continue
        if _reporting_conjunct(current) or _reporting_participle(current):
            # "said X was wrong and criticized him", "told them that X had failed,
            # adding, “…”": the subject of "said" / "told".
            current = _first_conjunct(_up_through_xcomp(current.head)).head
            continue
        if _statement_saying(current, lex):
            # "issued a statement Tuesday saying, “…”": the one who issued it.
            current = current.head.head
            continue
        if current.dep_ == "pcomp" and current.head.lower_ in BY_SAYING:
            # "Husted continued by saying ...": the verb the preposition hangs on.
            current = current.head.head
            continue
        if current.i == verb.i and (
            taken := _subject_given_to_quotation(verb) or _subject_given_to_as(verb)
        ):
            return taken
        if current.dep_ == "parataxis" and current.head.i < current.i:
            # "Durbin, noting the size of his list, said, “…”": the parse may make
            # the participle the root and hang "said" on it without a subject.
            current = current.head
            continue
        if current.dep_ == "conj" and (nearer := _nearer_conjunct_with_subject(current)):
            # "rabbis called for a boycott, and the League denounced it and said
            # …": the parse hangs both verbs on the first; the nearer one speaks.
            current = nearer
            continue
        if current.dep_ not in WALK_DEPS or current.head.i == current.i:
            return _leading_clause_subject(current)
        if current.dep_ == "xcomp" and (controller := _controller(current)) is not None:
            return controller
        if current.dep_ == "xcomp" and _copular_adjective(current.head):
            # "Sexton was quick to point out that …": the one the adjective describes.
            current = current.head.head
            continue
        current = current.head
    return None


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


OBJECT_PERSONS = ("him", "her", "them", "us", "me")


def _conjunct_of(verb: Token, head: Token) -> bool:
    return verb.dep_ == "conj" and verb.head.i == head.i


# Verbs after which the speaking happened ("was prompted to say", "is reported to have
# called"): not "urged Trump to say", "is expected to announce".
PROMPTING = ("prompt", "force", "compel", "lead", "move", "spur", "provoke", "press", "push")
REPORTED = ("report", "say", "quote", "hear")


def _controller(xcomp: Token) -> Token | None:
    """'prompted the Atlas to state', 'was prompted to say': the one made to
    speak is the verb's object, or its passive subject, not its agent. An
    object that is a thing is a means: "used an expletive to describe"."""
    verb = xcomp.head
    lemma = verb.lemma_.lower().removesuffix("ed")  # the lemmatizer leaves "pressed"
    if lemma not in PROMPTING + REPORTED:
        return None
    for child in verb.children:
        if child.i < xcomp.i and child.dep_ == "dobj":
            person = child.pos_ == "PROPN" or child.lower_ in OBJECT_PERSONS
            return child if person and lemma in PROMPTING else None
    if any(c.dep_ in ("agent", "neg") for c in verb.children):
        return None  # "they were not authorized to reveal": nobody said it
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


# Adjectives that say how someone spoke, not whether they will ("is likely to say").
EAGER = frozenset(
    "quick eager keen careful happy glad proud willing ready anxious reluctant "
    "hesitant loath loth swift fast first last".split()
)


COMPARED = ("more", "less", "most", "least")


def _copular_adjective(head: Token) -> bool:
    if head.dep_ != "acomp" or head.head.lemma_ != "be":
        return False
    # "Voters were more likely to say …" reports a poll's answers, not a forecast.
    compared = head.lower_ == "likely" and any(c.lower_ in COMPARED for c in head.children)
    return head.lower_ in EAGER or compared


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


# Not "for" or "of": "criticized him for saying", "accused of saying" are
# somebody else's words ("has taken to urging" is the subject's own).
BY_SAYING = ("by", "in", "after", "before", "while", "when", "without", "upon", "on", "to")
SPEAKER_POS = ("PROPN", "NOUN")
CLOSING = ("”", '"', "''", "’")
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


def _content(verb: Token, lemma: str, source: Token) -> list[tuple[int, int]]:
    if lemma == "ask" and (question := _question(verb)):
        return [question]
    clause = _reported_clause(verb, source)
    doc = verb.doc
    if clause is not None:
        start, end = _with_lost_subject(verb, clause)
        start = _after_day_of_saying(verb, start, end)
        for other in verb.children:
            # 'told me he ’s had …': one clause the parse cut in two.
            if _continues_clause(doc, other, end):
                end = _clause_range(other)[1]
        return [_with_stranded_conjuncts(verb, (start, end))]
    if lemma in verb_frames().xcomp:
        for child in verb.children:
            if child.dep_ == "xcomp":
                return [_with_object_before(verb, child)]
    if lemma in verb_frames().object:
        for child in verb.children:
            if lemma in CITING and _names_a_party(child):
                return []  # "KCNA said, citing the Foreign Ministry": a source, not words
            if child.dep_ in ("dobj", "oprd"):
                start, end = object_range(verb, child)
                if lemma in NOUN_CUES and _has_words(verb.doc, child.i + 1, end):
                    start = child.i + 1  # the cue already holds "concern"
                if child.pos_ == "PRON" and end == child.i + 1:
                    continue  # "denied it": the words are elsewhere
                return [(start, end)]
    preps = verb_frames().prep.get(lemma, ())
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
            if objects:
                return [_with_condition(verb, _subtree_range(objects[0]))]
        if child.dep_ == "advcl" and child.left_edge.lower_ in preps:
            # "called for the wage to be raised": the parse makes "for" a clause mark.
            return [trim(verb.doc, child.left_edge.i + 1, child.right_edge.i + 1)]
    if lemma in verb_frames().broken_clause and (said := _said_as_object(verb)):
        return [said]
    if lemma not in ADDRESSED and (said := _clause_without_copula(verb)):
        return [said]
    if lemma == "say" and (answer := _answer(verb)) is not None:
        return [answer]
    return (
        _misplaced_that_clause(verb)
        or _reversed_content(verb, source)
        or _clause_before_comma(verb, source)
        or _told_clause_hung_above(verb, lemma)
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


def _told_clause_hung_above(verb: Token, lemma: str) -> list[tuple[int, int]]:
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
    return [(start, _before_trailing_aside(clause, start, end))]


def _clause_before_comma(verb: Token, source: Token) -> list[tuple[int, int]]:
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
    return [(start, end)] if any(_main_clause_verb(t) for t in clause) else []


def _last_clause(verb: Token) -> bool:
    """The sentence's root, or a clause the parse hangs on the root after it
    ('… and reach others, she said.' read as an adverbial clause of the root)."""
    if verb.dep_ == "ROOT":
        return True
    hung = verb.dep_ in ("advcl", "parataxis", "ccomp", "conj")
    bare = all(c.is_punct for c in verb.rights)  # not 'their smiles said a lot'
    return hung and bare and verb.head.dep_ == "ROOT" and verb.head.i < verb.i


def _main_clause_verb(token: Token) -> bool:
    """A finite verb with a subject that no conjunction or relative subordinates."""
    if token.pos_ not in ("VERB", "AUX") or token.dep_ in SUBORDINATE:
        return False
    finite = token.tag_ in FINITE or any(
        c.dep_ in ("aux", "auxpass") and (c.tag_ in FINITE or c.tag_ == "MD")
        for c in token.children
    )
    # 'when' hangs on the verb as an adverb, 'After' at times as a preposition.
    opened = token.left_edge.lower_ in SUBORDINATORS or any(
        c.dep_ == "mark" or c.tag_ == "WRB" for c in token.children
    )
    return finite and _has_subject(token) and not opened


SUBORDINATE = ("relcl", "acl", "pcomp", "aux", "auxpass")
SUBORDINATORS = ("after", "before", "while", "although", "though", "because", "since", "until")


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


QUESTION_WORDS = ("if", "whether", "what", "why", "how", "who", "when", "where", "which")


def _question(verb: Token) -> tuple[int, int] | None:
    """What was asked: 'asked if he was ever bullied', 'asked about the plan',
    'was asked what he thought' (before any other clause the parse hangs on it)."""
    for child in verb.children:
        if child.dep_ in ("advcl", "ccomp") and child.left_edge.lower_ in QUESTION_WORDS:
            return _subtree_range(child)
        if child.dep_ == "prep" and child.lower_ == "about":
            objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
            if objects:
                return _subtree_range(objects[0])
    return None


def _with_object_before(verb: Token, xcomp: Token) -> tuple[int, int]:
    """'urged the candidate to dig in': who is urged belongs with what."""
    start, end = _subtree_range(xcomp)
    return noun_before(verb, start, ("dobj",)), _before_trailing_aside(xcomp, start, end)


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


def _continues_clause(doc: Doc, other: Token, end: int) -> bool:
    if other.left_edge.i != end or doc[end].is_punct:
        return False
    if other.dep_ == "advcl" and doc[end].lower_ in CLAUSE_MARKS:
        return True  # 'say he would look zippier if he ate …': the parse hangs the if on "say"
    return other.dep_ in CONTENT_DEPS and not _has_subject(other)


# Not "when", "before", "after": "said the city was safe when she spoke to reporters".
CLAUSE_MARKS = ("if", "unless", "because", "once", "until")


def _with_lost_subject(verb: Token, clause: Token) -> tuple[int, int]:
    """'said the days when … are gone': the parse hangs the clause's subject
    on the cue (as npadvmod), leaving the clause without one."""
    start, end = _clause_range(clause)
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


def _with_stranded_conjuncts(verb: Token, content: tuple[int, int]) -> tuple[int, int]:
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
        if child.dep_ == "conj" and unquoted and _present_after_past(verb, child):
            end = trim(doc, start, child.right_edge.i + 1)[1]
            continue
        if not joined or _speaks_for_itself(child):
            continue
        closes = doc[end - 1].is_quote or any(t.is_quote for t in gap)
        if closes:
            end = trim(doc, start, child.right_edge.i + 1)[1]
    return start, end


PRESENT = ("VBZ", "VBP")


def _present_after_past(verb: Token, conjunct: Token) -> bool:
    """'told a crowd that he expects to win and he is doing better …': a clause in
    the present joined to a cue in the past goes on with what was said; the
    writer's own narration would keep the past ('… and he left')."""
    if verb.tag_ != "VBD" or not _has_subject(conjunct) or _speech_lemma(conjunct):
        return False
    tense = [conjunct, *(c for c in conjunct.children if c.dep_ in ("aux", "auxpass"))]
    return tense[-1].tag_ in PRESENT if len(tense) > 1 else conjunct.tag_ in PRESENT


def _speech_lemma(token: Token) -> bool:
    return token.lemma_.lower() in load_lexicon().speech_verbs


def _second_that_clause(child: Token) -> bool:
    """'predicted that wages would fall, but that overtime would offset it': the
    parse joins the second that-clause to the cue, yet it is reported too."""
    marks = [c for c in child.children if c.dep_ == "mark"]
    return child.dep_ == "conj" and bool(marks) and marks[0].lower_ == "that"


def _speaks_for_itself(verb: Token) -> bool:
    return _speech_lemma(verb) or _has_subject(verb)


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS for c in token.children)


def _clause_range(clause: Token) -> tuple[int, int]:
    """A reported clause, up to a second cue of the same speaker conjoined to
    it: 'said it was too early but added, “…”' (the parse joins "added" to "was")."""
    start, end = _subtree_range(clause)
    for child in _children_and_conjuncts(clause):
        if _reporting_conjunct(child) or _another_report(child):
            joints = [c.i for c in child.head.children if c.dep_ == "cc" and c.i < child.i]
            return trim(clause.doc, start, max(joints, default=child.left_edge.i))
    return _without_dangling_joint(clause.doc, start, _before_trailing_aside(clause, start, end))


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


def _another_report(token: Token) -> bool:
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
        and _speech_lemma(token)
        and any(_own_subject(c, token) for c in token.children)
        and token.tag_ in FINITE
        and not any(t.is_quote for t in token.subtree)
    )


CONTRASTS = ("while", "whereas")


def _contrast_clause(token: Token) -> bool:
    return token.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in CONTRASTS for c in token.children
    )


def _own_subject(child: Token, verb: Token) -> bool:
    # Not 'and that said will …', where the parse reads "said" as a verb.
    return child.dep_ == "nsubj" and child.i < verb.i and child.tag_ != "DT"


RELATIVE_WORDS = ("which", "who", "whom", "whose")


def _before_trailing_aside(clause: Token, start: int, end: int, relatives: bool = True) -> int:
    """Where a reported clause stops before a closing ', which …' or ', who …',
    or a closing description of its last noun (', a bus garage that …'): the
    writer's aside, not the speaker's words (on PolNeAR train the annotators
    leave it out more often than not); or before ', telling reporters …', a
    second cue of the same speaker with content of its own."""
    doc = clause.doc
    for token in doc[start:end]:
        first = token.left_edge.i
        relative = relatives and token.dep_ == "relcl" and doc[first].lower_ in RELATIVE_WORDS
        participle = (
            token.dep_ == "advcl"
            and token.tag_ == "VBG"
            and (first == token.i or _while_after_cue(token))
            and _speech_lemma(token)
        )
        apposition = token.dep_ == "appos" and doc[first].lower_ in ("a", "an", "one")
        if token.right_edge.i + 1 >= end and (cut := _telling_aside(token, start)) is not None:
            return cut
        if not (relative or participle or apposition):
            continue
        if relative and _quotes_unattributed(doc[first : token.right_edge.i + 1]):
            continue  # '…, which “will help elect her”': quoted words are the speaker's
        if token.right_edge.i + 1 >= end and first > start and doc[first - 1].text == ",":
            return trim(doc, start, first - 1)[1]
        no_comma = participle and first < token.i and _reporting_participle(token)
        if token.right_edge.i + 1 >= end and first > start and no_comma:
            return trim(doc, start, first)[1]  # '… premature while adding …': no comma
        if token.right_edge.i + 1 >= end and first > start + 1 and _closes_after_comma(doc, first):
            return first  # 'called the remarks “racist,” an extraordinary rebuke that …'
    return end


# Words that say how much a speaker told, not what: "gave no details", "without elaborating".
TELLING = frozenset("detail details specifics elaborate elaborating evidence".split())


def _telling_aside(token: Token, start: int) -> int | None:
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
    speech = load_lexicon().speech_verbs
    telling = any(t.lower_ in TELLING or t.lemma_.lower() in speech for t in token.subtree)
    if not telling or joint <= start + 1 or doc[joint - 1].text != ",":
        return None
    return trim(doc, start, joint - 1)[1]


def _quotes_unattributed(words: Span) -> bool:
    """Quoted words in a phrase with no cue of their own ('which “will help”',
    not 'which he called “a disaster”')."""
    framing = verb_frames().framing
    own_cue = any(
        t.pos_ == "VERB" and (_speech_lemma(t) or t.lemma_.lower() in framing) for t in words
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


# Voices in a crowd: "said protesters marched, chanting “…”" is the protesters'.
PERFORMED = ("chant", "shout", "yell", "scream", "sing", "cheer", "cry", "holler", "boo")


def _reporting_participle(token: Token) -> bool:
    """A speech participle set off by a comma (or a 'while') after a reported
    clause: the parse hangs "adding" on the clause, but the reporter is the one
    adding ('insisted it was premature, while adding “…”')."""
    speech = load_lexicon().speech_verbs
    head = _up_through_xcomp(token.head)
    return (
        token.tag_ == "VBG"
        and token.dep_ == "advcl"
        and (_after_comma(token) or _while_after_cue(token) and _set_off_or_empty(token, head))
        and token.lemma_.lower() in speech
        and token.lemma_.lower() not in PERFORMED
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


def _second_participle_of(token: Token) -> Token | None:
    """The participle cue whose words a speech participle is conjoined into:
    'urging voters to see the picture and promising to act', 'mentioning the
    need for a wall and adding, “…”'. The parse joins the second participle to
    the first one's object; it is the same speaker's next cue."""
    if token.tag_ != "VBG" or token.dep_ != "conj" or not _speech_lemma(token):
        return None
    if _has_subject(token) or _first_conjunct(token).tag_ == "VBG":
        return None  # 'for ignoring the warnings and saying nothing': one gerund phrase
    current = token.head
    for _ in range(5):
        if current.tag_ == "VBG" and current.dep_ == "advcl" and _speech_lemma(current):
            return current
        if _has_subject(current) or current.head.i == current.i:
            return None  # a clause of its own: 'said officials were seeing it and adding …'
        current = current.head
    return None


def _before_second_participle(verb: Token, content: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The participle cue's words stop before its conjoined second cue ('… and
    promising to act'), whose words are a report of their own."""
    doc = verb.doc
    for start, end in content:
        for token in doc[start:end]:
            outer = _second_participle_of(token)
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


def _reporting_conjunct(token: Token) -> bool:
    """A speech verb with no subject of its own, conjoined to a reported clause
    (or to a verb conjoined to it)."""
    first = _first_conjunct(token.head)
    if first.i != token.head.i and token.tag_ not in FINITE:
        return False  # 'had her staff field them and tell Clinton …': one clause
    return (
        token.dep_ == "conj"
        and _speech_lemma(token)
        and first.dep_ in CONTENT_DEPS
        and not _has_subject(token)
        and not _shares_perfect(token)
    )


def _first_conjunct(token: Token) -> Token:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


PERFECT = ("has", "have", "had", "'s", "'ve", "'d")


def _shares_perfect(token: Token) -> bool:
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
    return any(c.dep_ == "aux" and c.lower_ in PERFECT for c in token.head.children)


def _said_as_object(verb: Token) -> tuple[int, int] | None:
    """'said seeing so many officers was a welcome sight', 'says the increase …
    also makes his election less likely': the parse takes the clause's subject
    for the verb's object and hangs the clause's verb under it; 'said the same
    of Sanders' is what a poll's share said. 'Said a prayer that her mother
    taught her' is only an object: its verb is a true relative clause."""
    for child in verb.children:
        if child.dep_ not in ("xcomp", "dobj") or child.i < verb.i or child.pos_ == "PRON":
            continue
        if child.lower_ == "same" or any(_lost_clause(t) for t in child.subtree):
            return _subtree_range(child)
        clause_verb = any(t.dep_ == "acl" and t.pos_ == "VERB" for t in child.children)
        if clause_verb and verb.nbor(1).text == ",":
            # 'Eric Trump said, those donations paid for …': no object follows a comma.
            return _subtree_range(child)
    return None


# What a headline's object can be said to be once the copula is gone: "in the
# works", "on track", "at risk", "under way", "off the table", "within reach".
PREDICATE_PREPS = ("in", "on", "at", "under", "off", "within", "behind", "ahead", "near", "out")
# Verbs whose object is whom they speak to ('tells the families on the list').
ADDRESSED = ("tell", "ask", "warn", "order", "advise", "remind", "inform", "assure", "brief")
HEADLINE_LINE_WORDS = 16
SENTENCE_ENDS = (".", "?", "!")


def _clause_without_copula(verb: Token) -> tuple[int, int] | None:
    """'Russia said a trip in the works', 'Officials say visit planned for May':
    headlines and subheads drop the copula, so the parse takes the reported
    clause's subject for the verb's object and its predicate (a place-like
    phrase, a participle, an adjective) for the noun's modifier. Only on a
    headline-like line, and only when the predicate closes it; a verb that
    takes an addressee (ADDRESSED) is not asked."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None or obj.pos_ not in SPEAKER_POS:
        return None
    if not any(_predicate_of(child) for child in obj.children if child.i > obj.i):
        return None
    line = _headline_line(verb)
    start, end = _subtree_range(obj)
    if line is None or trim(verb.doc, end, line[1]) != (line[1], line[1]):
        return None
    return start, end


def _predicate_of(child: Token) -> bool:
    """A phrase after a noun that can say what the noun is: 'in the works',
    'planned for May', 'ready'."""
    if child.dep_ == "prep":
        return child.lower_ in PREDICATE_PREPS
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


def _lost_clause(token: Token) -> bool:
    """A finite verb that is no true relative clause ("that" only marks it):
    the rest of a reported clause the parse broke up ("the rise in rents that
    the council ignores also makes …" comes out with "makes" under "rise")."""
    finite = token.tag_ in FINITE or any(c.dep_ == "aux" and c.tag_ == "MD" for c in token.children)
    if not finite or token.dep_ in ("aux", "auxpass"):
        return False
    relative = (*RELATIVE_WORDS, "that")
    return not any(c.lower_ in relative and c.dep_ != "mark" for c in token.children)


def _misplaced_that_clause(verb: Token) -> list[tuple[int, int]]:
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
            return [_with_stranded_conjuncts(verb, content)]
    return []


# What follows a reported object and belongs with it: "called the plan “a
# disaster”", "criticized Ford for …", "defended himself against …".
OBJECT_TAIL_DEPS = ("oprd", "xcomp", "acomp")
OBJECT_TAIL_PREPS = ("for", "against", "of", "as", "over")


def object_range(verb: Token, obj: Token) -> tuple[int, int]:
    start, end = _subtree_range(obj)
    framed_as = _framed_as(verb, end)
    # 'called the system “rotten to the core”': the mark hangs on the verb.
    children = [c for c in verb.children if c.i >= end and not c.is_quote]
    for index, child in enumerate(children):
        if child.i < end:
            continue
        if _time_before_tail(child, children[index + 1 :]):
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
            or (child.dep_ == "prep" and child.lower_ in OBJECT_TAIL_PREPS)
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
    return start, _before_trailing_aside(obj, start, end, relatives=False)


INTERVENING = ("prep", "npadvmod", "advmod")


GROUNDS_PREPS = ("over", "for")
DURATIONS = ("time", "minute", "hour", "day", "week", "month", "year", "decade")


def _time_before_tail(child: Token, after: list[Token]) -> bool:
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
        t.ent_type_ in ("DATE", "TIME", "ORDINAL") or t.lemma_ in DURATIONS
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


def _names_a_party(obj: Token) -> bool:
    """The object of 'citing' is someone who speaks, not what was said."""
    if obj.dep_ != "dobj":
        return False
    lex = load_lexicon()
    lemma = obj.lemma_.lower()
    return (
        obj.ent_type_ in PARTY_ENTITIES
        or (obj.pos_ == "PROPN" and not obj.ent_type_)
        or lemma in lex.org_nouns
        or lemma in lex.roles
        or lemma in lex.unnamed_nouns
    )


def _reversed_content(verb: Token, source: Token) -> list[tuple[int, int]]:
    """'Content, X said.' parsed with said as a dependent of the content's verb."""
    if verb.dep_ in ("parataxis", "advcl", "conj", "ccomp") and verb.i > verb.head.i:
        first = verb.left_edge.i
        if verb.doc[first].text in SET_OFF and not verb.doc[first + 1].is_punct:
            first += 1  # the comma is the cue's own: "…, federal officials said, …"
        before = verb.doc[verb.head.left_edge.i : first]
        if before and before[-1].text in (",", ":", "—", "–") and source.i > verb.head.i:
            return _minus(verb.head, _subtree_range(verb)) + _clause_resumed(verb)
    if _as_noted(verb) and verb.i < verb.head.i:
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
    if verb.dep_ in ("parataxis", "ccomp") and verb.i < verb.head.i and _set_off(verb, source):
        # "Greensboro, Sexton said, made him question ...": the cue interrupts
        # its content, which is the whole clause around it.
        return _minus(_clause_of(verb.head), (_own_start(verb, source), verb.right_edge.i + 1))
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


def _own_start(verb: Token, source: Token) -> int:
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
            or _leading_phrase(c, source)
        )
    ]
    if not leading:
        return verb.left_edge.i
    return max(c.right_edge.i for c in leading) + 1


def _leading_phrase(child: Token, source: Token) -> bool:
    """'At times last year, people close to him said, …': a phrase that opens the
    sentence before the cue, set off by a comma, starts what was said; not
    'In a statement, …', which tells where it was said."""
    doc = child.doc
    after = child.right_edge.i + 1
    if child.dep_ not in ("prep", "npadvmod", "advmod") or child.left_edge.i != child.sent.start:
        return False
    if after >= source.left_edge.i or doc[after].text != ",":
        return False
    lex = load_lexicon()
    return not any(t.lemma_.lower() in lex.speech_nouns for t in child.subtree)


SET_OFF = (",", "—", "–")
OWN_WORDS = ("dobj", "ccomp", "xcomp", "prep")


def _as_noted(verb: Token) -> bool:
    """'As X noted, …' with nothing said of its own ('As he announced his run'
    tells when, not what; 'As the paper noted on Monday' only when)."""
    return _as_clause(verb) and not any(
        c.dep_ in OWN_WORDS and c.lower_ not in WHEN_OR_WHERE for c in verb.children
    )


WHEN_OR_WHERE = ("in", "on", "at", "during", "after", "before", "last", "over", "via")


def _as_clause(verb: Token) -> bool:
    """'As X put it, …', 'As the paper noted, …'."""
    return verb.dep_ == "advcl" and _as_mark(verb) is not None


def _as_mark(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == "as"), None)


def _set_off(verb: Token, source: Token) -> bool:
    """The cue and its source stand between commas (or dashes) inside the clause."""
    doc = verb.doc
    start, end = _own_start(verb, source), verb.right_edge.i
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


def _subtree_range(token: Token) -> tuple[int, int]:
    return trim(token.doc, token.left_edge.i, token.right_edge.i + 1)


def _has_words(doc: Doc, start: int, end: int) -> bool:
    return any(not t.is_punct and not t.is_space for t in doc[start:end])


STRIP_EDGE = {",", ";", ":", "—", "–", "-", "(", ")", "."}


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop spaces and separating punctuation at both ends (quote marks are kept)."""
    while start < end and (doc[start].is_space or doc[start].text in STRIP_EDGE):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in STRIP_EDGE):
        end -= 1
    return start, end
