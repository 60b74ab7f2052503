"""The public entry point: articles in, one Extraction per article out, streaming.

Each article is read whole, or block by block when it is long (nlp.blocks);
the pieces go through the model in batches, in this process or in worker
processes (nlp.workers), and come back together per article in input order.
One article the pass fails on becomes that article's error, never the batch's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial

from nlp import blocks
from nlp.acronyms import OrganisationNames
from nlp.blocks import Block, cut_blocks
from nlp.cluster import Cluster, cluster_map
from nlp.names import Canonicals, shares_surname
from nlp.outlets import find_outlet
from nlp.records import (
    MAX_ARTICLE_CHARS,
    Alias,
    Article,
    Extraction,
    Quote,
    article_too_large,
)
from nlp.workers import ordered_map

# The blocks of a long article go to the model this many characters at a
# time at most (two blocks), so memory does not grow with the article.
BATCH_CHARS = 100_000
# Pieces per batch: one nlp.pipe call, one task for a worker process or a cluster.
BATCH_SIZE = 32


def extract(
    articles: Iterable[Article],
    jobs: int = 1,
    batch_size: int | None = None,
    known_speakers: Iterable[str] = (),
    tagger: str | None = None,
    known_organisations: Iterable[str] = (),
    block_chars: int | None = None,
    cluster: Cluster | None = None,
) -> Iterator[Extraction]:
    """Find quotes, speakers and outlet for each article, in input order.

    Person names are made canonical across the whole call (and against the
    names already known, e.g. from the database), so "Choe Son-hui" in one
    article and "Choe Son Hui" in another become one speaker, with an Alias;
    an organisation goes by the initials an article vouches for ("Korean
    Central News Agency (KCNA)"), unless it is known as a speaker of its own.
    `tagger` adds a trained attribution tagger's finds to the rules' (load_nlp).
    Articles longer than `block_chars` (default nlp.blocks.BLOCK_CHARS) are
    read in blocks. An article the pass fails on comes back with `error` set.
    With a `cluster` (nlp.cluster.connect) the model runs on its workers.
    """
    names = Names(Canonicals(known_speakers), OrganisationNames(known_organisations))
    found = find(articles, jobs, batch_size, tagger, block_chars, cluster)
    for article, finds in found:
        yield finish(article, finds, names)


def find(
    articles: Iterable[Article],
    jobs: int = 1,
    batch_size: int | None = None,
    tagger: str | None = None,
    block_chars: int | None = None,
    cluster: Cluster | None = None,
) -> Iterator[tuple[Article, Found]]:
    """What the model finds in each article, in input order, before names are
    made canonical across articles (finish); a failed article's Found has `error`."""
    if cluster is None:
        load_nlp(tagger)  # once, before any worker is forked, so they share it
    batch_size = batch_size or BATCH_SIZE
    open_articles: dict[int, Pending] = {}
    batches = _batches(articles, block_chars or blocks.BLOCK_CHARS, batch_size, open_articles)
    work = partial(find_in_batch, tagger=tagger, batch_size=batch_size)
    if cluster is not None:
        done = cluster_map(cluster, work, batches)
    else:
        done = ordered_map(work, batches, jobs)
    for batch, results in done:
        for (index, block_index, _), found in zip(batch, results, strict=True):
            open_articles[index].found[block_index] = found
        while open_articles and (first := next(iter(open_articles.values()))).done():
            del open_articles[first.index]
            yield first.article, _joined(first)
    for pending in open_articles.values():  # articles with no pieces, after the last batch
        yield pending.article, _joined(pending)


def load_nlp(tagger: str | None = None):
    """The pipeline (nlp.pipeline.load_nlp), spaCy imported only now: loading
    finds records (nlp.shards) at the desk needs these names, not the model."""
    from nlp.pipeline import load_nlp as load

    return load(tagger)


@dataclass
class Found:
    """What the pass found in one piece of text (a whole article or one block)."""

    quotes: list[dict] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass
class Pending:
    """An article whose pieces are on their way through the model."""

    index: int
    article: Article
    blocks: list[Block]
    found: list[Found | None]
    error: str | None = None

    def done(self) -> bool:
        return all(f is not None for f in self.found)


# One piece of work: (article index, block index, text of the block).
Piece = tuple[int, int, str]


def _batches(
    articles: Iterable[Article], block_chars: int, batch_size: int, open_articles: dict
) -> Iterator[list[Piece]]:
    """Pieces of consecutive articles, batch_size at a time as nlp.pipe would
    batch them, fewer for a long article's blocks (BATCH_CHARS); each article
    is registered in open_articles as it is cut."""
    batch: list[Piece] = []
    chars = 0
    for index, article in enumerate(articles):
        text = same_length_spaces(article.text)
        pending = _cut(index, article, text, block_chars)
        open_articles[index] = pending
        long = len(pending.blocks) > 1
        for block_index, block in enumerate(pending.blocks):
            piece_text = text[block.start : block.end]
            too_many = long and chars + len(piece_text) > BATCH_CHARS
            if batch and (len(batch) >= batch_size or too_many):
                yield batch
                batch, chars = [], 0
            batch.append((index, block_index, piece_text))
            chars += len(piece_text)
    if batch:
        yield batch


def _cut(index: int, article: Article, text: str, block_chars: int) -> Pending:
    if len(text) > MAX_ARTICLE_CHARS:
        return Pending(index, article, [], [], article_too_large(len(text)))
    try:
        cut = cut_blocks(text, block_chars)
    except Exception as exc:  # noqa: BLE001 - one article's trouble stays its own
        return Pending(index, article, [], [], failure(exc))
    return Pending(index, article, cut, [None] * len(cut))


def find_in_batch(batch: list[Piece], tagger: str | None, batch_size: int) -> list[Found]:
    """Run the model over the pieces' texts; if the batch fails, each text
    alone, so only the text that fails is lost."""
    nlp = load_nlp(tagger)
    texts = [text for _, _, text in batch]
    try:
        return [_found(doc) for doc in nlp.pipe(texts, batch_size=batch_size)]
    except Exception:  # noqa: BLE001 - retried one by one below
        pass
    found = []
    for text in texts:
        try:
            found.append(_found(nlp(text)))
        except Exception as exc:  # noqa: BLE001 - the article's error, not the batch's
            found.append(Found(error=failure(exc)))
    return found


def _found(doc) -> Found:
    return Found(list(doc._.quotes or []), list(doc._.people or []))


def failure(exc: Exception) -> str:
    """One line saying why the pass failed on an article."""
    message = " ".join(str(exc).split())[:200]
    return f"the NLP pass failed on this article ({type(exc).__name__}: {message})"


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


def _joined(pending: Pending) -> Found:
    """The article's finds from its pieces, or its one error."""
    error = pending.error or next((f.error for f in pending.found if f.error), None)
    if error is None:
        try:
            return join_blocks(pending.blocks, pending.found)
        except Exception as exc:  # noqa: BLE001 - one article's trouble stays its own
            error = failure(exc)
    return Found(error=error)


def finish(article: Article, found: Found, names: Names) -> Extraction:
    """The article's Extraction, its names made canonical with `names`; or its one error."""
    error = found.error
    if error is None:
        try:
            return to_extraction(found, article, names)
        except Exception as exc:  # noqa: BLE001 - one article's trouble stays its own
            error = failure(exc)
    return Extraction(article=article, outlet=article.outlet, outlet_evidence=None, error=error)


def join_blocks(cut: list[Block], found: list[Found]) -> Found:
    """One article's finds from its blocks: each block's own quotes, moved
    into the article's offsets, and its people in order of first mention."""
    if len(cut) == 1:
        return found[0]
    joined = Found()
    people: dict[str, int] = {}  # full name -> block it is first named in
    for block_index, (block, part) in enumerate(zip(cut, found, strict=True)):
        for name in part.people:
            people.setdefault(name, block_index)
        kept = [
            n
            for n, quote in enumerate(part.quotes)
            if block.own_start <= block.start + _first_char(quote) < block.own_end
        ]
        numbers = {n: len(joined.quotes) + i for i, n in enumerate(kept)}  # block's -> article's
        for n in kept:
            quote = _shifted(part.quotes[n], block.start, numbers)
            _name_from_earlier_blocks(quote, people, block_index)
            joined.quotes.append(quote)
    joined.people = list(people)
    return joined


def _first_char(quote: dict) -> int:
    return min(start for start, _ in quote["content"])


def _shifted(quote: dict, offset: int, numbers: dict[int, int]) -> dict:
    moved = dict(quote)
    for name in ("content", "cue", "source"):
        moved[name] = [[start + offset, end + offset] for start, end in quote[name]]
    if quote.get("speakers"):
        moved["speakers"] = [
            member | {"source": [[s + offset, e + offset] for s, e in member["source"]]}
            for member in quote["speakers"]
        ]
    # A nested quote's outer one sits in the same sentence, so in the same block.
    moved["parent"] = numbers.get(quote["parent"]) if quote["parent"] is not None else None
    return moved


def _name_from_earlier_blocks(quote: dict, people: dict[str, int], block_index: int) -> None:
    """'Mr. Peskov' in a block that never names him in full: the one person
    of that surname named earlier in the article (a block sees only its own
    paragraphs and a little context)."""
    name = quote["speaker"]
    if quote["speaker_type"] != "person" or not name or " " in name:
        return
    earlier = [full for full, first in people.items() if first < block_index]
    matches = [full for full in earlier if shares_surname(name, full)]
    if len(matches) == 1:
        quote["speaker"] = matches[0]
        quote["evidence"] += f" speaker:name_from_earlier_blocks({name}→{matches[0]})"


def to_extraction(found: Found, article: Article, names: Names) -> Extraction:
    outlet, evidence = find_outlet(article.text, article.outlet)
    extraction = Extraction(article=article, outlet=outlet, outlet_evidence=evidence)
    seen_aliases: set[str] = set()
    for name in found.people:
        # Every named person, speaking or not, so variants merge across documents.
        canonical, why = names.people.canonical(name)
        if why and name not in seen_aliases:
            seen_aliases.add(name)
            extraction.aliases.append(Alias(name, canonical, why))
    quotes = [to_quote(raw) for raw in found.quotes]
    # Each of several sources is a speaker to learn and merge; their joined name is none.
    speakers = [(m["name"], m["type"]) for q in quotes for m in q.speakers or []]
    speakers += [(q.speaker, q.speaker_type) for q in quotes if not q.speakers]
    organisations = {name for name, type_ in speakers if type_ == "organisation" and name}
    names.organisations.learn(article.text, article.doc, sorted(organisations))
    for quote in quotes:
        if quote.speakers:  # several sources: each merges below, not their joined name
            canonical, why, rule = quote.speaker, None, ""
        else:
            canonical, why, rule = _canonical_speaker(quote, names)
        if why and quote.speaker not in seen_aliases:
            seen_aliases.add(quote.speaker)
            extraction.aliases.append(Alias(quote.speaker, canonical, why, quote.speaker_type))
        if canonical != quote.speaker:
            # A rule token like the speaker stage's, for the cross-article stage.
            quote.evidence += f" canonical:{rule}({quote.speaker}→{canonical})"
            quote.speaker = canonical
        for member in quote.speakers or []:
            # Each source merges across articles like any speaker.
            name, why, _ = _canonical_name(member["name"], member["type"], names)
            if why and member["name"] not in seen_aliases:
                seen_aliases.add(member["name"])
                extraction.aliases.append(Alias(member["name"], name, why, member["type"]))
            member["name"] = name
    extraction.quotes, extraction.candidates = _apart(quotes)
    return extraction


def _apart(found: list[Quote]) -> tuple[list[Quote], list[Quote]]:
    """Quotes and candidates in two lists; a parent index follows its quote,
    and a candidate's parent (unsure itself) is dropped."""
    numbers = {}
    for n, quote in enumerate(found):
        if not quote.candidate:
            numbers[n] = len(numbers)
    for quote in found:
        if quote.parent is not None:
            quote.parent = None if quote.candidate else numbers.get(quote.parent)
    quotes = [q for q in found if not q.candidate]
    return quotes, [q for q in found if q.candidate]


def _canonical_speaker(quote: Quote, names: Names) -> tuple[str | None, str | None, str]:
    """(canonical name, why, the rule's name) for the quote's speaker."""
    return _canonical_name(quote.speaker, quote.speaker_type, names)


def _canonical_name(
    name: str | None, type_: str | None, names: Names
) -> tuple[str | None, str | None, str]:
    if not name:
        return name, None, ""
    if type_ == "person":
        return (*canonical_person(name, names), "canonical_person")
    if type_ == "organisation":
        canonical, why = canonical_organisation(name, names)
        if why:
            return canonical, why, "canonical_organisation"
        return (*owner_canonical(name, names.people), "owner_canonical")
    return name, None, ""


def canonical_person(name: str, names: Names) -> tuple[str, str | None]:
    """'Choe Son-hui' -> Choe Son Hui, the spelling met first (nlp.names.Canonicals)."""
    return names.people.canonical(name)


def canonical_organisation(name: str, names: Names) -> tuple[str, str | None]:
    """'Korea Central News Agency' -> KCNA, initials an article vouches for."""
    return names.organisations.canonical(name)


def owner_canonical(name: str, people: Canonicals) -> tuple[str, str | None]:
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
        speakers=raw.get("speakers"),
        candidate=bool(raw.get("candidate")),
    )
