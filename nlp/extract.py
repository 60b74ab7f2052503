"""The public entry point: articles in, one Extraction per article out, streaming."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from nlp.acronyms import OrganisationNames
from nlp.names import Canonicals
from nlp.outlets import find_outlet
from nlp.pipeline import load_nlp
from nlp.records import Alias, Article, Extraction, Quote


def extract(
    articles: Iterable[Article],
    jobs: int = 1,
    batch_size: int = 32,
    known_speakers: Iterable[str] = (),
    tagger: str | None = None,
    known_organisations: Iterable[str] = (),
) -> Iterator[Extraction]:
    """Find quotes, speakers and outlet for each article, in input order.

    Person names are made canonical across the whole call (and against the
    names already known, e.g. from the database), so "Choe Son-hui" in one
    article and "Choe Son Hui" in another become one speaker, with an Alias;
    an organisation goes by the initials an article vouches for ("Korean
    Central News Agency (KCNA)"), unless it is known as a speaker of its own.
    `tagger` adds a trained attribution tagger's finds to the rules' (load_nlp).
    """
    nlp = load_nlp(tagger)
    names = Names(Canonicals(known_speakers), OrganisationNames(known_organisations))
    pairs = ((same_length_spaces(a.text), a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=jobs):
        yield to_extraction(doc, article, names)


@dataclass
class Names:
    """The canonical-name registries one extract() call shares across articles."""

    people: Canonicals
    organisations: OrganisationNames


# Non-breaking and thin spaces glue words into one token ("agency\u00a0KCNA");
# each becomes a plain space, one character for one, so offsets still hold.
SPACES = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " "})


def same_length_spaces(text: str) -> str:
    return text.translate(SPACES)


def to_extraction(doc: Doc, article: Article, names: Names) -> Extraction:
    outlet, evidence = find_outlet(article.text, article.outlet)
    extraction = Extraction(article=article, outlet=outlet, outlet_evidence=evidence)
    seen_aliases: set[str] = set()
    for name in doc._.people or []:
        # Every named person, speaking or not, so variants merge across documents.
        canonical, why = names.people.canonical(name)
        if why and name not in seen_aliases:
            seen_aliases.add(name)
            extraction.aliases.append(Alias(name, canonical, why))
    quotes = [to_quote(raw) for raw in doc._.quotes or []]
    organisations = {q.speaker for q in quotes if q.speaker_type == "organisation" and q.speaker}
    names.organisations.learn(article.text, article.doc, sorted(organisations))
    for quote in quotes:
        canonical, why = _canonical_speaker(quote, names)
        if why and quote.speaker not in seen_aliases:
            seen_aliases.add(quote.speaker)
            extraction.aliases.append(Alias(quote.speaker, canonical, why, quote.speaker_type))
        if canonical != quote.speaker:
            quote.evidence += f"; '{quote.speaker}' merged into {canonical}"
            quote.speaker = canonical
        extraction.quotes.append(quote)
    return extraction


def _canonical_speaker(quote: Quote, names: Names) -> tuple[str | None, str | None]:
    if not quote.speaker:
        return quote.speaker, None
    if quote.speaker_type == "person":
        return names.people.canonical(quote.speaker)
    if quote.speaker_type == "organisation":
        canonical, why = names.organisations.canonical(quote.speaker)
        return (canonical, why) if why else _owner_canonical(quote.speaker, names.people)
    return quote.speaker, None


def _owner_canonical(name: str, people: Canonicals) -> tuple[str, str | None]:
    """A body named for a person goes by the person's canonical name, so
    "Choe Son-hui's assistant office" is "Choe Son Hui's" in every outlet."""
    owner, owned, rest = name.partition("'s ")
    known = people.known(owner) if owned else None
    if known is None or known == owner:
        return name, None
    return f"{known}'s {rest}", f"'{owner}' is {known}"


def to_quote(raw: dict) -> Quote:
    return Quote(
        content=[tuple(r) for r in raw["content"]],
        cue=[tuple(r) for r in raw["cue"]],
        source=[tuple(r) for r in raw["source"]],
        speaker=raw["speaker"],
        kind=raw["kind"],
        confidence=raw["confidence"],
        speaker_type=raw["speaker_type"],
        role=raw["role"],
        evidence=raw["evidence"],
        parent=raw["parent"],
    )
