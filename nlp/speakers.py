"""Who a source mention refers to, inside one document: the speaker stage.

A mention goes through RESOLVE_RULES in order; the first rule that names
someone (or decides nobody is named) wins. The rules live in modules named
for what they find: persons.py (names and roles), coreference.py (pronouns,
surnames, documents), bodies.py (organisations, outlets, campaigns, owned
bodies), unnamed.py (unnamed sources), conjoined.py ("X and Y said"); the
article's people and who spoke so far are one ArticlePeople state. Across
documents, names.py merges spelling variants.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from nlp import bodies, coreference, persons, unnamed
from nlp.article_people import (
    ArticlePeople,
    Mention,
    Speaker,
    is_full_name,
    joined,
    rule_token,
)
from nlp.conjoined import conjoined, describes, own_phrase, pair_on_noun, people_after_role
from nlp.lexicon import Lexicon

__all__ = ["Speaker", "SpeakerResolver", "people", "resolve_one"]

CLAUSE_BEFORE = ("ccomp", "parataxis", "advcl")
DASHES = ("-", "—", "–", "--")

Rule = Callable[[ArticlePeople, Token, Span], Speaker | None]

# One mention's head and phrase go through these in order; the first that
# returns a Speaker wins (no_name always does).
RESOLVE_RULES: tuple[Rule, ...] = (
    coreference.pronoun_antecedent,
    persons.named_person,
    unnamed.unnamed_group,
    coreference.issued_document,
    coreference.known_surname,
    unnamed.one_of_a_group,
    bodies.person_taken_for_a_body,
    bodies.owned_organisation,
    bodies.outlet_in_full,
    bodies.named_organisation,
    unnamed.unnamed_source,
    bodies.body_named_before,
    bodies.owned_body,
    bodies.organisation_noun,
    persons.role_holder,
    unnamed.role_without_a_name,
    unnamed.proper_noun,
    unnamed.name_says_whose,
    unnamed.no_name,
)


def resolve_one(article: ArticlePeople, head: Token, span: Span) -> Speaker:
    """The speaker one mention (no conjuncts) names: the first rule that finds one."""
    for rule in RESOLVE_RULES:
        speaker = rule(article, head, span)
        if speaker is not None:
            return speaker
    raise AssertionError("no_name always answers")


class SpeakerResolver:
    """Resolves source mentions in text order, remembering who spoke."""

    def __init__(self, doc: Doc, lex: Lexicon, quoted: frozenset[int] = frozenset()) -> None:
        self.article = ArticlePeople(doc, lex, quoted)
        self.doc = doc
        self.lex = lex

    @property
    def people(self) -> list[tuple[Span, str]]:
        return self.article.people

    def full_name(self, name: str, position: int) -> tuple[str, str, float]:
        """A one-word name (surname, or family name first) -> the full name in the text."""
        return self.article.full_name(name, position)

    def resolve(self, head: Token, cue: int | None = None) -> Speaker:
        """The speaker a source mention names; the mention ends before its cue."""
        mention = self.mention_range(head, cue)
        # "Lim, who said …": the source is the local "who", the speaker Lim.
        named = coreference.relative_antecedent(head) or head
        start, end = mention if named.i == head.i else self.mention_range(named)
        if named.i != head.i and coreference.before_its_conjuncts(head, named):
            # "Ann Lee, who called it a tax, and Bob Ray": Lee alone.
            speaker = resolve_one(self.article, named, own_phrase(self.article, named))
        else:
            speaker = self._resolve_span(named, self.doc[start:end])
        if named.i != head.i and speaker.name:
            relative = rule_token("relative_antecedent", head.text, speaker.name)
            speaker.evidence = joined(relative, speaker.evidence)
        relative = head.lower_ in coreference.ANTECEDENT_RELATIVES
        if named.i != head.i and relative and start < head.i:
            # 'a slide show that predicted …': a bare "that" names nothing a
            # reader can check, so the mention runs from the noun it stands for.
            mention = (start, mention[1])
        speaker.source = mention
        if speaker.name and head.i not in self.article.quoted:
            kind = speaker.kind or "person"
            self.article.spoken.append(Mention(head.i, speaker.name, kind, _is_plural(named)))
        return speaker

    def _resolve_span(self, head: Token, span: Span) -> Speaker:
        conj = [c for c in head.children if c.dep_ == "conj" and not describes(head, c)]
        people = people_after_role(self.article, head)
        if people is not None:
            # "Clay's biographers, David and Jeanne Heidler,": the people the role names.
            return conjoined(self.article, *people)
        if conj and head.pos_ != "PRON":
            return conjoined(self.article, head, conj)
        return pair_on_noun(self.article, head) or resolve_one(self.article, head, span)

    def label(self, start: int, end: int) -> Speaker:
        """A transcript's speaker label: 'FALLIN' -> Mary Fallin when the
        article names her, 'JAKE TAPPER' -> Jake Tapper, 'DR. SMITH' -> Smith;
        an interview's 'Q' and 'A' name nobody. The same label is the same
        speaker on every line."""
        words = [t for t in self.doc[start:end] if not (t.is_punct or t.is_space)]
        while words and words[0].lower_.rstrip(".") in self.lex.titles | self.lex.honorifics:
            words.pop(0)
        if not words:
            return Speaker(None, None, None, rule_token("label", "?"), 0.3, (start, end))
        mention = (words[0].i, words[-1].i + 1)
        key = " ".join(t.lower_ for t in words)
        labels = self.article.labels
        if key not in labels:
            labels[key] = self._label_speaker(words)
        known = labels[key]
        if known.name:
            self.article.spoken.append(Mention(start, known.name, known.kind or "person"))
        return Speaker(known.name, known.kind, None, known.evidence, known.confidence, mention)

    def _label_speaker(self, words: list[Token]) -> Speaker:
        if len(words) == 1 and len(words[0].text) == 1:
            return Speaker(None, None, None, rule_token("label_speaker", words[0].text), 0.3, None)
        name = " ".join(t.text.title() if t.is_upper else t.text for t in words)
        full, evidence, confidence = self.full_name(name, words[0].i)
        if full == name and len(words) == 1 and words[0].ent_type_ == "ORG":
            evidence = rule_token("label_speaker", name)
            return Speaker(words[0].text, "organisation", None, evidence, 0.7, None)
        evidence = joined(rule_token("label_speaker", name), evidence)
        return Speaker(full, "person", None, evidence, confidence, None)

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


def _spaced(token: Token) -> bool:
    return bool(token.whitespace_) and token.i > 0 and bool(token.doc[token.i - 1].whitespace_)


def _is_plural(head: Token) -> bool:
    return head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in head.children)


def _has_name(token: Token) -> bool:
    return any(t.ent_type_ == "PERSON" for t in token.subtree)


def people(doc: Doc, lex: Lexicon) -> list[str]:
    """Every multi-word person name in the text, once, in order of first mention."""
    names = [name for _, name in ArticlePeople(doc, lex).people if is_full_name(name)]
    return list(dict.fromkeys(names))
