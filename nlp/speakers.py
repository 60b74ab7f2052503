"""Who a source mention refers to, inside one document.

"Kremlin spokesman Dmitry Peskov" names Dmitry Peskov with a role; "Mr. Peskov"
and "Peskov" point back to the full name; "Lim" finds "Lim Soo-suk" (family
name first); "he" takes the most recent person who was speaking or acting;
"it" and "the statement" take the organisation that was speaking; "analysts"
stay unnamed. Across documents, names.py merges spelling variants.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache, cached_property

from spacy.tokens import Doc, Span, Token

from nlp.gender import person_genders, pronoun_gender, title_gender
from nlp.lexicon import Lexicon, read_table
from nlp.names import shares_surname

ORG_LABELS = ("ORG", "GPE", "NORP", "FAC")
HONORIFICS = frozenset(["mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame"])
CLAUSE_BEFORE = ("ccomp", "parataxis", "advcl")
DASHES = ("-", "—", "–", "--")


@dataclass
class Speaker:
    name: str | None
    kind: str | None  # person / organisation / unnamed
    role: str | None
    evidence: str
    confidence: float
    source: tuple[int, int] | None  # token range of the mention
    # "The ministry and the agency said": each source resolved in its own right
    # (set by _conjoined only); `name` joins them for readers of old records.
    members: list[Speaker] = field(default_factory=list)


@dataclass
class Mention:
    token: int
    name: str
    kind: str
    plural: bool = False


# Bodies a bare "the newspaper" refers back to by name (a news organisation's
# name carries one of nlp/data/media_words.txt). Not "the group" or "the
# company": any earlier organisation is a poor guess for them (on PolNeAR train
# the last company named was it 3 times in 5).
BACK_REFERENCE = frozenset("newspaper paper network station campaign".split())
BACK_REFERENCE_WINDOW = 60  # tokens before the mention's sentence: about three sentences


class SpeakerResolver:
    """Resolves source mentions in text order, remembering who spoke."""

    def __init__(self, doc: Doc, lex: Lexicon, quoted: frozenset[int] = frozenset()) -> None:
        self.doc = doc
        self.lex = lex
        # Tokens inside some quote's content: the people a quote talks about
        # ('“Obviously, Bernie is …,” she said') and inner speakers ("KCNA said
        # that Putin expressed ...") are poor antecedents for "he" or "it".
        self.quoted = quoted
        self.named_people = frozenset(
            _without_possessive(e.text) for e in doc.ents if e.label_ == "PERSON"
        )
        self.people = [self._clean_person(e) for e in doc.ents if e.label_ == "PERSON"]
        self.people = [(e, name) for e, name in self.people if name]
        self.spoken: list[Mention] = []  # speakers of earlier quotes
        self.labels: dict[str, Speaker] = {}  # transcript label -> its speaker

    @cached_property
    def _people_taken_for_bodies(self) -> frozenset[int]:
        """Where a person was taken for a body: 'Trump said', with Trump an
        organisation here and a person elsewhere in the article. Not a name
        with a body's word in it, nor one that only qualifies a noun ('the
        Sanders campaign', 'Sanders supporters'). Worked out once per article:
        every pronoun looks through all the entities for antecedents."""
        body_words = self.lex.org_nouns | self.lex.media_words
        return frozenset(
            ent.start
            for ent in self.doc.ents
            if ent.label_ in ORG_LABELS
            and _without_possessive(ent.text) in self.named_people
            and ent.root.dep_ not in ("compound", "poss", "amod", "nmod")
            and not ({t.lower_ for t in ent} | {t.lemma_.lower() for t in ent}) & body_words
        )

    def _person_taken_for_a_body(self, ent: Span) -> bool:
        """A person as a speaker, but not an antecedent for 'he' as a subject
        the article only talks about, where it would crowd out the one speaking."""
        return ent.start in self._people_taken_for_bodies

    def _clean_person(self, ent: Span) -> tuple[Span, str]:
        words = [t for t in _extend_name(ent) if not t.is_space and not t.is_quote]
        while words and words[-1].lower_ in ("’s", "'s", "'", "’"):
            words.pop()
        while words and words[0].lower_.rstrip(".") in self.lex.titles | HONORIFICS:
            words.pop(0)
        if not words or "\n" in self.doc[words[0].i : words[-1].i + 1].text:
            return ent, ""
        return ent, self.doc[words[0].i : words[-1].i + 1].text

    @cached_property
    def full_people(self) -> list[tuple[Span, str]]:
        """(mention, full name) for every person mention, worked out once: the
        pronoun and role look-ups go back over all of them each time."""
        return [(ent, self.full_name(name, ent.start)[0]) for ent, name in self.people]

    @cached_property
    def genders(self) -> dict[str, str]:
        """name -> male / female, worked out only when a pronoun or title asks."""
        return person_genders(self._named_for_sure())

    def _named_for_sure(self) -> list[tuple[Span, str]]:
        """(mention, full name) where the mention can be nobody else: a bare
        'Clinton' in an article about both Clintons names neither."""
        full_names = {n for _, n in self.people if _is_full_name(n)}
        named = []
        for ent, name in self.people:
            if name in full_names:
                named.append((ent, name))
                continue
            matches = {f for f in full_names if shares_surname(name, f)}
            if len(matches) == 1:
                named.append((ent, matches.pop()))
        return named

    # -- entry point ---------------------------------------------------------

    def resolve(self, head: Token, cue: int | None = None) -> Speaker:
        """The speaker a source mention names; the mention ends before its cue."""
        mention = self.mention_range(head, cue)
        # "Lim, who said …": the source is the local "who", the speaker Lim.
        named = _relative_antecedent(head) or head
        start, end = mention if named.i == head.i else self.mention_range(named)
        if named.i != head.i and _before_its_conjuncts(head, named):
            # "Ann Lee, who called it a tax, and Bob Ray": Lee alone.
            speaker = self._resolve_one(named, self._own_phrase(named))
        else:
            speaker = self._resolve_span(named, self.doc[start:end])
        if named.i != head.i and speaker.name:
            speaker.evidence = f"'{head.text}' -> {speaker.name}; {speaker.evidence}"
        if named.i != head.i and head.lower_ in ANTECEDENT_RELATIVES and start < head.i:
            # 'a slide show that predicted …': a bare "that" names nothing a
            # reader can check, so the mention runs from the noun it stands for.
            mention = (start, mention[1])
        speaker.source = mention
        if speaker.name and head.i not in self.quoted:
            self.spoken.append(
                Mention(head.i, speaker.name, speaker.kind or "person", _is_plural(named))
            )
        return speaker

    def label(self, start: int, end: int) -> Speaker:
        """A transcript's speaker label: 'FALLIN' -> Mary Fallin when the
        article names her, 'JAKE TAPPER' -> Jake Tapper, 'DR. SMITH' -> Smith;
        an interview's 'Q' and 'A' name nobody. The same label is the same
        speaker on every line."""
        words = [t for t in self.doc[start:end] if not (t.is_punct or t.is_space)]
        while words and words[0].lower_.rstrip(".") in self.lex.titles | HONORIFICS:
            words.pop(0)
        if not words:
            return Speaker(None, None, None, "no name in the label", 0.3, (start, end))
        mention = (words[0].i, words[-1].i + 1)
        key = " ".join(t.lower_ for t in words)
        if key not in self.labels:
            self.labels[key] = self._label_speaker(words)
        known = self.labels[key]
        if known.name:
            self.spoken.append(Mention(start, known.name, known.kind or "person"))
        return Speaker(known.name, known.kind, None, known.evidence, known.confidence, mention)

    def _label_speaker(self, words: list[Token]) -> Speaker:
        if len(words) == 1 and len(words[0].text) == 1:
            return Speaker(None, None, None, "interview label", 0.3, None)
        name = " ".join(t.text.title() if t.is_upper else t.text for t in words)
        full, evidence, confidence = self.full_name(name, words[0].i)
        if full == name and len(words) == 1 and words[0].ent_type_ == "ORG":
            return Speaker(words[0].text, "organisation", None, "transcript label", 0.7, None)
        return Speaker(full, "person", None, f"transcript label; {evidence}", confidence, None)

    def mention_range(self, head: Token, cue: int | None = None) -> tuple[int, int]:
        """The source mention: the subject phrase without relative clauses, and
        never the cue ('Nate Cole, the pollster …, tweeted' parsed as one phrase)."""
        left = head.i
        for child in reversed(list(head.lefts)):
            if child.dep_ in CLAUSE_BEFORE or child.is_quote:
                break  # '“…,” Nate Cole, the pollster …': the quotation is no name
            left = child.left_edge.i
        right = head.i + 1
        for child in head.rights:
            if child.dep_ in ("relcl", "acl", "advcl") or (
                child.dep_ == "prep" and child.lower_ != "of" and not _has_name(child)
            ):
                break
            if child.text == ":":
                break  # "Reid: “Never …”": what follows a colon is what was said
            right = child.right_edge.i + 1
        # A spaced dash only: "Son-hui" and "Jean-Luc" keep theirs.
        dashes = [t.i for t in self.doc[left : head.i] if t.text in DASHES and _spaced(t)]
        if dashes:
            left = dashes[-1] + 1  # "TURNOUT IN OTHER STATES - Michael P. McDonald: “…”"
        if cue is not None and head.i < cue < right:
            right = cue
        if cue is not None and left <= cue < head.i:
            left = cue + 1  # "Continued Stone: “…”"
        while right > left and (self.doc[right - 1].is_punct or self.doc[right - 1].is_space):
            right -= 1
        while left < right and (self.doc[left].is_punct or self.doc[left].is_space):
            left += 1
        return left, right

    def _resolve_span(self, head: Token, span: Span) -> Speaker:
        conj = [c for c in head.children if c.dep_ == "conj" and not _describes(head, c)]
        people = self._people_after_role(head)
        if people is not None:
            # "Clay's biographers, David and Jeanne Heidler,": the people the role names.
            return self._conjoined(*people)
        if conj and head.pos_ != "PRON":
            return self._conjoined(head, conj)
        return self._pair_on_noun(head) or self._resolve_one(head, span)

    def _pair_on_noun(self, head: Token) -> Speaker | None:
        """'the Kremlin and Pyongyang state media said': the parse hangs the pair
        on the noun, but the first is a body named in full, speaking for itself,
        and the noun goes with the last: two sources."""
        for first in head.lefts:
            conj = [c for c in first.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
            ends = first.i + 1 < len(self.doc) and self.doc[first.i + 1].ent_iob_ != "I"
            named = first.dep_ in ("nmod", "compound") and first.ent_type_ in ORG_LABELS
            if named and conj and ends:
                body = self._resolve_one(first, self.doc[first.left_edge.i : first.i + 1])
                last = self.doc[conj[-1].left_edge.i : head.i + 1]
                rest = Speaker(last.text, "organisation", None, "organisation noun", 0.75, None)
                rest.source, body = (last.start, last.end), replace(body, source=_alone(first))
                joined = f"{body.name} and {last.text}"
                both = [body, rest]
                return Speaker(joined, "organisation", None, "conjoined speakers", 0.8, None, both)
        return None

    def _resolve_one(self, head: Token, span: Span) -> Speaker:
        lower = head.lower_
        if head.pos_ == "PRON" or lower in self.lex.pronouns:
            return self._pronoun(head)
        person = self._person_in(span, head)
        if person is not None:
            return self._person(head, span, person)
        lemma = head.lemma_.lower()
        unnamed = lower in self.lex.unnamed_nouns or lemma in self.lex.unnamed_nouns
        if unnamed and head.tag_ == "NNS":
            # "US intelligence officials": unnamed, even when a country is named.
            return Speaker(_core_phrase(head), "unnamed", None, "unnamed source", 0.8, None)
        speech_noun = lemma in self.lex.speech_nouns or lower in self.lex.speech_nouns
        owned = any(c.dep_ == "poss" for c in head.children)  # "Schlafly's Final Column"
        if speech_noun and (head.ent_type_ != "ORG" or owned):  # not "The Washington Post"
            return self._document(head)
        known = self._known_surname(head)
        if known is not None:
            return known
        if _one_of_a_group(head):
            return Speaker(_core_phrase(head), "unnamed", None, "one of a group", 0.7, None)
        taken = self._person_taken_in(span, head)
        if taken is not None:
            return taken
        org = self._org_in(span, head)
        if org is not None and (owned := self._owned_org(org, head)) is not None:
            return owned
        if org is not None:
            outlet = self._outlet_in_full(org, head.i)
            if outlet is not None:
                evidence = f"'{org}' -> {outlet} named before"
                return Speaker(outlet, "organisation", None, evidence, 0.8, None)
            return Speaker(org, "organisation", None, "organisation named", 0.85, None)
        if lower in self.lex.unnamed_nouns or lemma in self.lex.unnamed_nouns:
            return Speaker(_core_phrase(head), "unnamed", None, "unnamed source", 0.8, None)
        if lemma in self.lex.org_nouns or lower in self.lex.org_nouns:  # "media" -> "medium"
            named = self._org_named_before(head) or self._owned_body(head)
            if named is not None:
                return named
            phrase = _core_phrase(head)
            return Speaker(phrase, "organisation", None, "organisation noun", 0.75, None)
        if lemma in self.lex.roles:
            named = self._role_holder(head, lemma)
            if named is not None:
                return named
            return Speaker(_core_phrase(head), "unnamed", None, "role without a name", 0.6, None)
        if head.pos_ == "PROPN":
            # A name the entity recogniser missed: acronyms are organisations.
            kind = "organisation" if head.is_upper else "person"
            return Speaker(_core_phrase(head), kind, None, "proper noun", 0.6, None)
        if any(_qualifies_a_noun(e) for e, _ in self.people if span.start <= e.start < span.end):
            # 'Some Clinton allies', 'the Rove ad': the name says whose, not who.
            evidence = "unnamed; the name in it says whose"
            return Speaker(_core_phrase(head), "unnamed", None, evidence, 0.6, None)
        return Speaker(None, None, None, "no name in the source mention", 0.3, None)

    # -- kinds of mention ----------------------------------------------------

    def _person_in(self, span: Span, head: Token) -> tuple[Span, str] | None:
        """The person the mention names: the one its head belongs to, else the
        first one that is not a possessor: "Hillary Clinton's campaign chairman
        John Podesta" is Podesta, "Hillary Clinton's spokesman" is not Clinton."""
        hits = [(e, n) for e, n in self.people if e.start < span.end and e.end > span.start]
        own = [(e, n) for e, n in hits if e.start <= head.i < e.end]
        if not own and self._unrecognised_name(head, hits):
            # "Chad Sweet, the Cruz campaign's chairman" with Sweet missed by the
            # recogniser: the name is Sweet's own, not the Cruz in his description.
            return None
        ranked = own + [(e, n) for e, n in hits if not _possessor(e) and not _qualifies_a_noun(e)]
        return ranked[0] if ranked else None

    def _unrecognised_name(self, head: Token, hits: list[tuple[Span, str]]) -> bool:
        """A proper noun, not a title ('Chairman Chuck Williams'), with every
        person the recogniser found in the mention in a description set off
        after it by a comma (not 'Supervisor of Elections Susan Bucher')."""
        title = head.lower_ in self.lex.roles or head.lower_ in self.lex.titles
        untagged = head.pos_ == "PROPN" and not head.ent_type_ and not title
        if not untagged or not hits:
            return False
        first = min(e.start for e, _ in hits)
        return first > head.i and any(t.text == "," for t in self.doc[head.i : first])

    def _person(self, head: Token, span: Span, person: tuple[Span, str]) -> Speaker:
        ent, name = person
        role = _role(span, ent, self.lex)
        full, evidence, confidence = self.full_name(name, ent.start)
        return Speaker(full, "person", role, evidence, confidence, None)

    def full_name(self, name: str, position: int) -> tuple[str, str, float]:
        """A one-word name (surname, or family name first) -> the full name in the text."""
        if _is_full_name(name):
            return name, "named in the source", 0.95
        named = [(e.start, full) for e, full in self.people if shares_surname(name, full)]
        if not named:
            return name, "surname only", 0.7
        full = self._likeliest(named, position)
        return full, f"'{name}' -> {full} named in the text", 0.9

    def _likeliest(self, named: list[tuple[int, str]], position: int) -> str:
        """Which of the people sharing a surname a bare 'Clinton' means: of the
        ones 'Mrs.' or 'Mr.' allows, the one named last before it, else the
        first named after it."""
        gender = title_gender(self.doc[max(position - 1, 0) : position + 1])
        fitting = [(s, f) for s, f in named if self._fits_gender(f, gender)] or named
        before = [full for start, full in fitting if start < position]
        after = [full for start, full in fitting if start > position]
        return (before[-1:] or after[:1] or [fitting[0][1]])[0]

    def _known_surname(self, head: Token) -> Speaker | None:
        """'Marin said', where the entity recogniser took Marin for a place or a
        company: a person named in full elsewhere in the article wins."""
        # A headline's "Sanders:" may come out as a common noun; capitalised will do.
        if not (head.pos_ == "PROPN" or head.is_title) or head.is_upper:
            return None  # acronyms are organisations
        if any(
            c.dep_ == "compound" and c.lower_.rstrip(".") not in HONORIFICS for c in head.children
        ):
            return None  # "Morgan Stanley": a longer name, not a surname
        full, evidence, confidence = self.full_name(head.text, head.i)
        if full == head.text:
            return None
        return Speaker(full, "person", None, evidence, confidence - 0.05, None)

    def _role_holder(self, head: Token, lemma: str) -> Speaker | None:
        """'the senator' after 'Senator Ann Lee', 'the spokesman' after 'Kremlin
        spokesman Dmitry Peskov': a definite role points back to the person
        last named with it. 'a senator' and 'senators' name nobody."""
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
        if not definite or head.tag_ != "NN" or any(c.dep_ == "poss" for c in head.children):
            return None
        # "the former president" is not "Vice President Joe Biden": every word
        # of the role must be in the title.
        role = {lemma} | {c.lemma_.lower() for c in head.children if c.dep_ in TITLE_DEPS}
        earlier = [(ent, full) for ent, full in self.full_people if ent.end <= head.i]
        titles: dict[str, set[str]] = {}
        for ent, full in earlier:
            titles.setdefault(full, set()).update(_role_words(ent))
        # Back through the people named before it: "Sen. Ann Lee …, Lee …, the
        # senator said" is Lee; a person with another role ("President
        # Vladimir Putin") is passed over; one with no known role may be the
        # one meant ("Rubio …, the senator from Florida"), so nobody is named.
        for _, full in reversed(earlier):
            if role <= titles[full] and _is_full_name(full):
                break
            if not titles[full] & self.lex.roles:
                return None
        else:
            return None
        role = head.doc[head.left_edge.i + 1 : head.i + 1].text
        return Speaker(full, "person", role, f"'{role}' -> {full} named with that role", 0.8, None)

    def _org_named_before(self, head: Token) -> Speaker | None:
        """'The Daily News, which backed the ban … “…,” the newspaper wrote': a
        bare "the newspaper" (or paper, network, station) is the news body named
        last, in its sentence or the few before; "the campaign" the last
        campaign named for its candidate."""
        lemma = head.lemma_.lower()
        plain = all(c.dep_ in ("det", "punct") for c in head.lefts)
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in head.lefts)
        if lemma not in BACK_REFERENCE or head.tag_ != "NN" or not (plain and definite):
            return None
        start = max(head.sent.start - BACK_REFERENCE_WINDOW, 0)
        if lemma == "campaign":
            name = self._campaign_before(start, head.i)
        else:
            name = self._outlet_before(start, head.i)
        if name is None:
            return None
        evidence = f"'the {head.text}' -> {name}, the last named before it"
        return Speaker(name, "organisation", None, evidence, 0.65, None)

    def _owned_body(self, head: Token) -> Speaker | None:
        """'Clinton's campaign', 'the Clinton campaign' and 'Mrs. Clinton's
        campaign' are one body, named for its owner in full: "Hillary
        Clinton's campaign", so it is one speaker across articles."""
        owner = next((c for c in head.children if c.dep_ in ("poss", "compound")), None)
        full = self._owner_name(owner) if owner is not None else None
        if full is None:
            return None
        start = owner.right_edge.i + 1
        start += self.doc[start].tag_ == "POS"  # the "'s" is written anew below
        name = f"{full}'s {self.doc[start : head.i + 1].text}"  # "re-election" stays whole
        evidence = f"'{self.doc[owner.left_edge.i : head.i + 1].text}' is {full}'s"
        return Speaker(name, "organisation", None, evidence, 0.75, None)

    def _owner_name(self, owner: Token) -> str | None:
        """The person a body's owner names, in full. Not 'his' or 'her': read
        on the train side, 'his campaign' went to the wrong person as often as
        to the right one, where its words alone mislead nobody."""
        if owner.lemma_.lower() in self.lex.roles:
            return self._titled_holder(owner)
        if owner.ent_type_ != "PERSON":
            # "the Sanders campaign" with Sanders taken for a body: a person
            # the article names in full will do.
            full = self.full_name(owner.text, owner.i)[0] if owner.pos_ == "PROPN" else None
            return full if full != owner.text else None
        titles = self.lex.titles | HONORIFICS
        words = [
            c
            for c in owner.lefts
            if c.dep_ in ("compound", "flat")
            and c.ent_type_ == "PERSON"
            and c.lower_.rstrip(".") not in titles
        ]
        return self.full_name(" ".join(t.text for t in [*words, owner]), owner.i)[0]

    def _titled_holder(self, role: Token) -> str | None:
        """'the Peruvian foreign minister's office', where the article names
        one person, before or after, with every word of that title ('Foreign
        Minister Ana Ruiz'); a country's word is no part of a title."""
        words = {role.lemma_.lower()} | {
            c.lemma_.lower()
            for c in role.children
            if c.dep_ in TITLE_DEPS and c.ent_type_ not in ("NORP", "GPE")
        }
        if len(words) < 2:
            return None  # "the minister's office": which minister is anybody's guess
        holders = {full for ent, full in self.full_people if words <= _role_words(ent)}
        holders = {full for full in holders if _is_full_name(full)}
        return holders.pop() if len(holders) == 1 else None

    def _outlet_in_full(self, name: str, before: int) -> str | None:
        """'the Post' after 'The Washington Post', 'the Journal' after 'The Wall
        Street Journal': an outlet's last word stands for its name, as a surname
        does for a person's. Only a news word: 'the Hill' is not Capitol Hill."""
        if " " in name or name.lower() not in self.lex.media_words:
            return None
        longer = [
            _strip_article(e.text)
            for e in self.doc.ents
            if e.label_ == "ORG" and e.end <= before and len(e) > 1
        ]
        longer = [n for n in longer if n.split()[-1] == name and n != name]
        return longer[-1] if longer else None

    def _outlet_before(self, start: int, end: int) -> str | None:
        """The last news organisation a clause was about, before the mention."""
        outlets = [
            e
            for e in self.doc.ents
            if start <= e.start
            and e.end <= end
            and e.label_ == "ORG"
            and e.start not in self.quoted
            and _topic_of_its_clause(e)
            and any(t.lower_ in self.lex.media_words for t in e)
        ]
        return _strip_article(outlets[-1].text) if outlets else None

    def _campaign_before(self, start: int, end: int) -> str | None:
        """The last "Sanders campaign" / "Clinton's campaign" before the mention,
        as it was resolved when it spoke."""
        spoke = {m.token: m.name for m in self.spoken}
        for token in reversed(self.doc[start:end]):
            if token.lemma_.lower() != "campaign" or token.i in self.quoted:
                continue
            owner = [c for c in token.lefts if c.dep_ in ("compound", "poss")]
            if owner and (owner[-1].ent_type_ == "PERSON" or owner[-1].pos_ == "PROPN"):
                phrase = self.doc[token.left_edge.i : token.i + 1]
                name = spoke.get(token.i) or self._resolve_one(token, phrase).name
                return name or _core_phrase(token)
        return None

    def _person_taken_in(self, span: Span, head: Token) -> Speaker | None:
        """The person the mention's head names, though taken for a body here."""
        for ent in span.ents:
            if ent.start <= head.i < ent.end and self._person_taken_for_a_body(ent):
                name = _without_possessive(ent.text)
                full, evidence, confidence = self.full_name(name, ent.start)
                evidence = f"'{name}' is a person elsewhere in the article; {evidence}"
                return Speaker(full, "person", None, evidence, confidence - 0.05, None)
        return None

    def _org_in(self, span: Span, head: Token) -> str | None:
        """An organisation entity that is the mention's head or modifies it, or
        names it in apposition ('the state official Korea Central News Agency')."""
        for ent in span.ents:
            if ent.label_ not in ORG_LABELS or self._person_taken_for_a_body(ent):
                continue
            apposed = ent.label_ == "ORG" and self._names_a_body(head, ent)
            if ent.start <= head.i < ent.end or apposed:
                return _strip_article(ent.text)
        return None

    def _owned_org(self, org: str, head: Token) -> Speaker | None:
        """'Ottawa's Foreign Ministry' is not Lima's: a body that goes by a
        common name keeps the place or body that owns it in its name, and a bare
        'the Foreign Ministry' in the same article is that one, when the
        article gives it one owner only."""
        if org.split()[-1].lower() not in self.lex.org_nouns:
            return None  # "Seoul's Yonhap News" has a name of its own
        owner = self._org_owner(head)
        if owner is not None:
            evidence = f"'{org}' is {owner}"
            return Speaker(f"{owner} {org}", "organisation", None, evidence, 0.85, None)
        owners = {
            self._org_owner(e.root)
            for e in self.doc.ents
            if e.label_ == "ORG" and _strip_article(e.text) == org
        }
        owners.discard(None)
        if len(owners) != 1:
            return None
        owner = owners.pop()
        evidence = f"'{org}' -> {owner} {org}, the one the article names"
        return Speaker(f"{owner} {org}", "organisation", None, evidence, 0.75, None)

    def _org_owner(self, head: Token) -> str | None:
        """The place or body a possessive before an organisation's name names:
        'Pyongyang's Foreign Ministry', "North Korea's Foreign Ministry"."""
        name_start = next((e.start for e in self.doc.ents if e.start <= head.i < e.end), head.i)
        for child in head.children:
            if child.dep_ != "poss" or child.i >= name_start:
                continue  # "Commentary’s Noah Rothman" is all one name
            if self._names_a_place_or_body(child):
                words = [t for t in child.subtree if t.dep_ != "det"]
                owner = "".join(t.text_with_ws for t in words).strip()
                return owner.replace("’", "'") if words[-1].tag_ == "POS" else None
        return None

    def _names_a_place_or_body(self, token: Token) -> bool:
        """A place or body, or a proper noun the recogniser left untagged that
        names no person of the article ("North Korea’s" can come out so)."""
        if token.ent_type_:
            return token.ent_type_ in ORG_LABELS
        person = self.full_name(token.text, token.i)[0] != token.text
        return token.pos_ == "PROPN" and not person and token.text not in self.named_people

    def _names_a_body(self, head: Token, ent: Span) -> bool:
        """'the state official Korea Central News Agency', 'one group, One
        Nation': a noun for a body, with the body's name in apposition."""
        lemma = head.lemma_.lower()
        body = lemma in self.lex.org_nouns or lemma in self.lex.unnamed_nouns
        return body and ent.root.dep_ == "appos" and ent.root.head.i == head.i

    def _pronoun(self, head: Token) -> Speaker:
        kind = self.lex.pronouns.get(head.lower_)
        if kind is None:
            return Speaker(None, "person", None, f"pronoun '{head.text}' unresolved", 0.3, None)
        antecedent = self._antecedent(head, kind)
        if antecedent is None:
            return Speaker(None, None, None, f"pronoun '{head.text}' unresolved", 0.3, None)
        evidence = f"pronoun '{head.text}' -> {antecedent.name}"
        return Speaker(antecedent.name, antecedent.kind, None, evidence, 0.75, None)

    def _antecedent(self, head: Token, kind: str) -> Mention | None:
        """Most recent fitting speaker or subject before the pronoun."""
        candidates = list(self.spoken) + self._subject_mentions(head.i)
        candidates = [m for m in candidates if m.token < head.i and m.token not in self.quoted]
        candidates.sort(key=lambda m: m.token)
        gender = pronoun_gender(head)
        for mention in reversed(candidates):
            if _fits(mention, kind) and self._fits_gender(mention.name, gender):
                return mention
        return None

    def _fits_gender(self, name: str, gender: str | None) -> bool:
        """'she' or 'Mrs.' passes over a man the article calls 'he' or 'Mr.';
        an unknown gender fits anyone."""
        return gender is None or self.genders.get(name, gender) == gender

    def _subject_mentions(self, before: int) -> list[Mention]:
        """People and organisations that were subjects of a clause (likely antecedents)."""
        found = []
        for ent, full in self.full_people:
            if ent.start < before and ent.root.dep_ in ("nsubj", "nsubjpass"):
                found.append(Mention(ent.root.i, full, "person"))
        for ent in self.doc.ents:
            is_body = ent.label_ in ORG_LABELS and not self._person_taken_for_a_body(ent)
            if ent.start < before and is_body and ent.root.dep_ == "nsubj":
                found.append(Mention(ent.root.i, _strip_article(ent.text), "organisation"))
        return found

    def _document(self, head: Token) -> Speaker:
        """'the statement said' -> the organisation (or person) that issued it."""
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is not None and owner.pos_ in ("PROPN", "NOUN"):
            found = self._resolve_one(owner, self.doc[owner.left_edge.i : owner.i + 1])
            if found.name:
                found.evidence = f"'{head.text}' of {found.name}"
                return found
        earlier = [m for m in self.spoken if m.token < head.sent.start]
        for wanted in ("organisation", None):
            for mention in reversed(earlier):
                if wanted is None or mention.kind == wanted:
                    evidence = f"'{head.text}' issued by {mention.name}"
                    return Speaker(mention.name, mention.kind, None, evidence, 0.7, None)
        return Speaker(None, None, None, f"'{head.text}' with no issuer", 0.3, None)

    def _conjoined(self, head: Token, conj: list[Token]) -> Speaker:
        """'Moscow and Pyongyang said': one quote, both speakers named in it."""
        parts = [self._resolve_one(t, self._own_phrase(t)) for t in [head, *conj]]
        for index, token in enumerate([head, *conj]):
            if self._misnamed(token, parts[index]):
                # "Edward-Isaac Dovere and Gabriel Debenedetti", with the first
                # taken for an organisation: a name is its own words, not the next one's.
                own = self.doc[min(c.i for c in _name_words(token)) : token.i + 1]
                parts[index] = self._resolve_one(token, own)
        family = self._family_name(conj[-1])
        for index, token in enumerate([head, *conj[:-1]]):
            if family and self._given_name_only(token):
                # "David and Jeanne Heidler", "Serena and Venus Williams": one family name.
                name = f"{token.text} {family}"
                parts[index] = Speaker(name, "person", None, "shares the family name", 0.85, None)
        names = [p.name or t.text for p, t in zip(parts, [head, *conj], strict=True)]
        names = list(dict.fromkeys(names))
        named = sum(_names_someone(self._own_phrase(t)) for t in [head, *conj])
        if len(names) == 1 and parts[0].name and named <= 1:
            # "Clinton's chief pollster and strategist Joel Benenson": one person.
            return parts[0]
        kinds = {p.kind for p in parts}
        kind = kinds.pop() if len(kinds) == 1 else "organisation"
        if all(t.ent_type_ in ORG_LABELS for t in [head, *conj]):
            kind = "organisation"
        members = {}
        for part, token in zip(parts, [head, *conj], strict=True):
            name = part.name or token.text
            members.setdefault(name, replace(part, name=name, source=_alone(token)))
        joined = " and ".join(names)
        return Speaker(joined, kind, None, "conjoined speakers", 0.8, None, [*members.values()])

    def _people_after_role(self, head: Token) -> tuple[Token, list[Token]] | None:
        """'biographers, David and Jeanne Heidler': a role noun, a comma, then
        two or more people, which the parse hangs on the noun as a conjunct
        or an apposition."""
        if head.pos_ != "NOUN" or head.i + 1 >= len(self.doc) or head.nbor(1).text != ",":
            return None
        for first in head.children:
            if first.dep_ in ("conj", "appos") and first.left_edge.i == head.i + 2:
                pair = [c for c in first.children if c.dep_ == "conj"]
                if pair and first.ent_type_ == "PERSON":
                    return first, pair
        return None

    def _misnamed(self, token: Token, part: Speaker) -> bool:
        """A proper-noun conjunct resolved to a name without its words; not a
        title ("former Pennsylvania Gov. and … Chairman Ed Rendell" is one man)."""
        word = token.lower_.rstrip(".")
        if token.pos_ != "PROPN" or word in self.lex.titles or word in self.lex.roles:
            return False
        return token.text not in (part.name or token.text).split()

    def _family_name(self, token: Token) -> str | None:
        """The last word of the full name a conjunct is: "Heidler" of "Jeanne Heidler"."""
        person = self._person_in(self._own_phrase(token), token)
        if person is None or not _is_full_name(person[1]) or not token.is_title:
            return None
        return token.text if person[1].split()[-1] == token.text else None

    def _given_name_only(self, token: Token) -> bool:
        """A one-word person the article shows to be a given name: "David" when
        it names a David Eisenhower, not "Sanders" or "Trump" in "… and Hillary
        Clinton", which are surnames used alone."""
        words = [c for c in token.children if c.dep_ in ("compound", "flat", "amod", "poss")]
        if token.ent_type_ != "PERSON" or words:
            return False
        given, family = self._name_ends
        return token.text in given and token.text not in family

    @cached_property
    def _name_ends(self) -> tuple[set[str], set[str]]:
        """The first and the last words of the full names in the article."""
        full = [name.split() for _, name in self.people if _is_full_name(name)]
        return {w[0] for w in full}, {w[-1] for w in full}

    def _own_phrase(self, token: Token) -> Span:
        """A conjunct's words without the other conjuncts."""
        words = [t for t in token.subtree if t.dep_ not in ("conj", "cc") or t.i == token.i]
        words = [t for t in words if token.i in (t.i, t.head.i, t.head.head.i)]
        return self.doc[min(t.i for t in words) : max(t.i for t in words) + 1]


def _alone(token: Token) -> tuple[int, int]:
    """A conjunct's own words as a token range: "the agency" of "the ministry
    and the agency", without the conjunctions and conjuncts hung on it."""

    def own(word: Token) -> bool:
        while word.i != token.i:
            if word.dep_ in ("conj", "cc", "punct"):
                return False
            word = word.head
        return True

    words = [t.i for t in token.subtree if own(t)]
    return min(words), max(words) + 1


def _topic_of_its_clause(ent: Span) -> bool:
    """'The Daily News was one of several papers sued by the NAACP …, the
    newspaper said': the body a later "the newspaper" means is what its clause
    is about, its subject ('the Daily News, which backed …' too), not one it mentions."""
    root = ent.root
    if root.dep_ in ("nsubj", "nsubjpass"):
        return True
    return any(c.dep_ == "relcl" for c in root.children)


def _name_words(token: Token) -> list[Token]:
    """The token and the name words before it that hang on it ("Edward", "Isaac")."""
    return [token, *(c for c in token.lefts if c.dep_ in ("compound", "flat", "punct"))]


def _is_full_name(name: str) -> bool:
    """More than one word; 'Soo-suk' counts as two."""
    return len(name.replace("-", " ").split()) > 1


def _extend_name(ent: Span) -> Span:
    """The recogniser sometimes stops early: 'Choe Son' Hui, 'Choe Sun'-hui."""
    doc, end = ent.doc, ent.end
    while end < len(doc):
        token, previous = doc[end], doc[end - 1]
        if previous.whitespace_ == "" and token.text in ("-", "‐") and end + 1 < len(doc):
            end += 2  # a hyphenated given name: Sun-hui
            continue
        if (
            token.is_title
            and token.pos_ == "PROPN"
            and not token.ent_type_
            and (previous.whitespace_ == " ")
        ):
            end += 1
            continue
        break
    return doc[ent.start : end]


def _role(span: Span, ent: Span, lex: Lexicon) -> str | None:
    """Words around the name that say what the person is: 'Kremlin spokesman'."""
    before = [t for t in span if t.i < ent.start and not t.is_punct and not t.is_space]
    while before and (before[0].pos_ == "DET" or before[0].lower_.rstrip(".") in HONORIFICS):
        before.pop(0)
    while before and before[-1].lower_.rstrip(".") in HONORIFICS:
        before.pop()
    if before:
        return " ".join(span.doc[before[0].i : before[-1].i + 1].text.split())
    for token in ent.root.children:
        if token.dep_ == "appos" and token.i >= ent.end:
            words = [t for t in token.subtree if not (t.is_space)]
            while words and (words[0].pos_ == "DET" or words[0].is_punct):
                words.pop(0)
            while words and words[-1].is_punct:
                words.pop()
            if words:
                return span.doc[words[0].i : words[-1].i + 1].text
    return None


TITLE_DEPS = ("compound", "amod", "nmod")


@cache
def title_roles() -> dict[str, str]:
    """Titles written short before a name: "Gov. Chris Christie" is a governor."""
    return {row[0].strip(): row[1].strip() for row in read_table("title_roles.tsv")}


def _role_words(ent: Span) -> set[str]:
    """The words that give a person their role: the title run straight before
    the name ('Kremlin spokesman Dmitry Peskov', 'Vice President Joe Biden';
    not 'Trump's' in 'Trump's campaign manager Corey Lewandowski') or the
    apposition after it ('Dmitry Peskov, the Kremlin spokesman')."""
    doc = ent.doc
    words = list(ent)
    for token in reversed(doc[ent.sent.start : ent.start]):
        if token.dep_ not in TITLE_DEPS or not token.i < token.head.i < ent.end:
            break
        words.append(token)
    for appos in (c for c in ent.root.children if c.dep_ == "appos"):
        # Its head and title words only: not "allies of the candidate" in
        # "Rebekah Mercer, the conservative donors who have become allies of …".
        words += [appos, *(t for t in appos.children if t.dep_ in TITLE_DEPS)]
    found = set()
    for token in words:
        word = token.lower_.rstrip(".")
        found |= {word, token.lemma_.lower(), title_roles().get(word, word)}
    return found


def _core_phrase(head: Token) -> str:
    """'US intelligence officials' from 'US intelligence officials earlier this month'."""
    words = [t for t in head.lefts if t.dep_ in ("compound", "amod", "nmod", "poss", "case")]
    words = [t for w in words for t in w.subtree] + [head]
    words.sort(key=lambda t: t.i)
    text = head.doc[words[0].i : head.i + 1].text
    if words[0].pos_ == "PROPN" or words[0].ent_type_:  # "North Korean state media"
        return text
    return text[0].lower() + text[1:]  # "Officials" opening a sentence


def _spaced(token: Token) -> bool:
    return bool(token.whitespace_) and token.i > 0 and bool(token.doc[token.i - 1].whitespace_)


def _without_possessive(name: str) -> str:
    for suffix in ("’s", "'s"):
        if name.endswith(suffix):
            return name[: -len(suffix)].rstrip()
    return name


def _strip_article(name: str) -> str:
    name = _without_possessive(name.strip())
    return name[4:] if name.lower().startswith("the ") else name


ONE_OF = ("a", "an", "another", "one", "each")


def _one_of_a_group(head: Token) -> bool:
    """'another New Hampshire Democrat', 'a Republican': one unnamed member of a
    group the entity recogniser labels like a party or a nation."""
    return head.ent_type_ == "NORP" and any(
        c.dep_ == "det" and c.lower_ in ONE_OF for c in head.children
    )


RELATIVE_PRONOUNS = ("who", "which", "that")


ANTECEDENT_RELATIVES = ("that",)  # "who" is what PolNeAR marks, nine times in ten


def _relative_antecedent(token: Token) -> Token | None:
    """The noun a relative pronoun stands for: 'Lim, who said' -> Lim."""
    if token.lower_ not in RELATIVE_PRONOUNS or token.head.dep_ != "relcl":
        return None
    noun = token.head.head
    while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN") and _plural_verb(token.head):
        noun = noun.head  # "Washington and its allies who have …": all of them
    return _described_by(noun) or noun


def _before_its_conjuncts(relative: Token, noun: Token) -> bool:
    conjuncts = [c.i for c in noun.children if c.dep_ == "conj"]
    return bool(conjuncts) and relative.i < min(conjuncts)


def _plural_verb(verb: Token) -> bool:
    """'who say', 'who have said': a verb that agrees with more than one. 'and
    Sanders, who says' is Sanders alone; a past tense does not tell."""
    return any(t.tag_ == "VBP" for t in [verb, *(c for c in verb.children if c.dep_ == "aux")])


def _described_by(noun: Token) -> Token | None:
    """'Trump is a serial liar, … and birther who has pledged …': the person a
    predicate noun describes. Only a named person, in a statement: "One such
    critic was Ann Cole, who …" keeps Cole, "The loudest critic of Garcia is
    a neighbor who says …" the neighbor, "Garcia is not the senator who …"
    and "Is Ortega a leader who …?" the senator and the leader."""
    while noun.dep_ == "conj":
        noun = noun.head
    if noun.dep_ != "attr" or noun.ent_type_:
        return None
    verb = noun.head
    if any(c.dep_ == "neg" for c in verb.children):
        return None
    while verb.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in verb.children):
        verb = verb.head  # "… incites violence and is a serial liar …"
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.ent_type_ != "PERSON" or noun.head.i < subject.i:
        return None
    return subject


def _qualifies_a_noun(ent: Span) -> bool:
    """'Clinton supporters', 'one Clinton aide', 'the Obama administration': a
    name that only says whose the noun is. The supporters speak, not Clinton."""
    root = ent.root
    while root.dep_ == "conj":  # 'the Clinton and Sanders campaigns'
        root = root.head
    return root.dep_ in ("compound", "nmod", "amod") and root.head.pos_ == "NOUN"


def _possessor(ent: Span) -> bool:
    # The recogniser sometimes keeps the "’s" inside the entity.
    doc = ent.doc
    return ent[-1].tag_ == "POS" or (ent.end < len(doc) and doc[ent.end].tag_ == "POS")


def _is_plural(head: Token) -> bool:
    return head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in head.children)


def _has_name(token: Token) -> bool:
    return any(t.ent_type_ == "PERSON" for t in token.subtree)


def _fits(mention: Mention, kind: str) -> bool:
    """Pronoun agreement: he/she -> one person, it -> organisation, they -> group."""
    if kind == "person":
        return mention.kind == "person" and not mention.plural
    if kind == "organisation":
        return mention.kind == "organisation"
    return mention.plural or mention.kind in ("organisation", "unnamed")


def people(doc: Doc, lex: Lexicon) -> list[str]:
    """Every multi-word person name in the text, once, in order of first mention."""
    resolver = SpeakerResolver(doc, lex)
    names = [name for _, name in resolver.people if _is_full_name(name)]
    return list(dict.fromkeys(names))


def _describes(head: Token, conjunct: Token) -> bool:
    """An "and" that goes on describing the one speaker: after an apposition
    ('Trump, the frontrunner nationally and current polling leader'; "Steve
    Bell, senior director …, and a Republican who …"), or two roles under one
    article, the second with words of its own ('the front-runner and former
    secretary of state'). Two speakers stay two: "Sen. Bernie Sanders (Vt.)
    and … Martin O'Malley", "Dana Ward, the spokesperson, and the district
    attorney", "X, the lead author, and colleagues", "the book and the
    movie", "the husband and wife"."""
    if conjunct.ent_type_ in ("PERSON", "ORG") or conjunct.tag_ not in ("NN", "NNP"):
        return False
    apposition = any(
        c.dep_ == "appos" and c.i < conjunct.i and c.doc[max(c.left_edge.i - 1, 0)].text != "("
        for c in head.children
    )
    if apposition:
        comma = conjunct.doc[max(conjunct.left_edge.i - 2, 0)].text == ","
        return not comma or _determiner(conjunct) in ("a", "an")
    modified = any(c.dep_ in ("amod", "compound", "nmod", "nummod") for c in conjunct.children)
    return (
        head.tag_ == conjunct.tag_ == "NN"
        and bool(_determiner(head))
        and modified
        and not _determiner(conjunct)
    )


def _determiner(noun: Token) -> str:
    """The noun's article or possessor, lower-cased ("" if none)."""
    found = next((c for c in noun.children if c.dep_ in ("det", "poss")), None)
    return found.lower_ if found is not None else ""


def _names_someone(phrase: Span) -> bool:
    """A person's name of its own, not a possessor's ("Clinton's chief pollster")."""
    return any(t.ent_type_ == "PERSON" and "poss" not in (t.dep_, t.head.dep_) for t in phrase)
