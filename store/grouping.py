"""Which quotes report the same real-world statement: similarity and clustering.

Pure functions over plain rows, so the rules can be read and tested without a
database. Candidate pairs come from an inverted index of rare content words
inside a sliding time window, so the work grows with the corpus, not with its
square.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

WINDOW_DAYS = 7
THRESHOLD = 0.45
SAME_SPEAKER_DISCOUNT = 0.8
MIN_SHARED = 4
SAME_ARTICLE_BAR = 0.7
# Fewer content words than this ("the Foreign Ministry") cannot tell statements apart.
MIN_WORDS = 3
# A word seen in more than this share of quotes (and more than MIN_FREQUENT
# of them) says little about which statement a quote reports ("North", "Korea"
# in a Korea corpus), and would make its posting list long.
MAX_WORD_SHARE = 0.01
MIN_FREQUENT = 50
MAX_POSTINGS = 300  # per word, newest first: the time window cuts most earlier
MAX_CANDIDATES = 100
COMMON_WORD_WEIGHT = 0.3

STOPWORDS = frozenset(
    line.strip()
    for line in (Path(__file__).parent / "data" / "stopwords.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d+")
CAPITALISED_RUN = re.compile(r"(?:[A-Z][a-z]+(?:['’]s)?\s+(?:of\s+|the\s+)*){2,}[A-Z][a-z]+")


@dataclass
class QuoteItem:
    """What grouping needs to know of one quote."""

    key: str  # the stable quote key
    article: int | str | None
    speaker_id: int | None
    speaker_type: str | None  # person / organisation / unnamed
    speaker: str | None
    role: str | None
    kind: str
    text: str
    day: date | None
    words: frozenset[str] = field(default_factory=frozenset)
    # Every speaker of the quote ("the ministry and the agency said" has two).
    speaker_ids: frozenset[int] = field(default_factory=frozenset)


@dataclass
class Group:
    members: list[QuoteItem]
    score: float  # the weakest link that joined a member


def content_words(text: str) -> frozenset[str]:
    """Crude stems of the content words, plus acronyms of capitalised names.

    Stems are word prefixes, so "willing" and "willingness", "visit" and
    "visits" meet; acronyms let "DPRK" meet "Democratic People's Republic of Korea".
    """
    words = set(map(_content_stem, WORD.findall(text)))
    for run in CAPITALISED_RUN.findall(text):
        initials = "".join(w[0] for w in run.split() if w.lower() not in STOPWORDS)
        words.add(initials.lower())
    words.discard("")
    return frozenset(words)


@lru_cache(maxsize=200_000)
def _content_stem(word: str) -> str:
    """The word's stem, or "" for a stopword; cached: news repeats its words."""
    return "" if word.lower() in STOPWORDS else _stem(word)


def _stem(word: str) -> str:
    word = word.lower().replace("’", "'").removesuffix("'s")
    return word[:6]


def speakers_compatible(a: QuoteItem, b: QuoteItem) -> bool:
    """Same person; or organisations and the unnamed; or a person speaking for an organisation."""
    if a.speaker_id is not None and a.speaker_id == b.speaker_id:
        return True
    if a.speaker_ids & b.speaker_ids:  # one of several speakers is the other's
        return True
    people = [q for q in (a, b) if q.speaker_type == "person"]
    if not people:
        return True
    if len(people) == 2:
        return False
    person, other = people[0], (b if people[0] is a else a)
    return _role_names(person.role, other.speaker)


def _role_names(role: str | None, organisation: str | None) -> bool:
    """Does a role like "Kremlin spokesman" name the organisation "the Kremlin"?"""
    if not role or not organisation:
        return False
    role_words = {w.lower() for w in WORD.findall(role)}
    org_words = {w.lower() for w in WORD.findall(organisation)} - STOPWORDS
    return bool(org_words) and org_words <= role_words


def similarity(a: QuoteItem, b: QuoteItem, weights: dict[str, float]) -> float:
    """0..1: weighted share of the shorter quote's content words found in the other."""
    shared = a.words & b.words
    if not shared:
        return 0.0
    smaller = a.words if len(a.words) <= len(b.words) else b.words
    weight = sum(weights.get(w, 1.0) for w in shared) / sum(weights.get(w, 1.0) for w in smaller)
    # Short fragments ("to visit Pyongyang") match anything on little evidence;
    # demand several shared words before trusting the share.
    weight *= min(1.0, len(shared) / MIN_SHARED)
    if a.kind == b.kind == "direct":
        weight = max(weight, fuzz.token_set_ratio(a.text, b.text) / 100 - 0.2)
    return weight


def group_quotes(items: list[QuoteItem], threshold: float = THRESHOLD) -> list[Group]:
    """Cluster quotes, earliest first; each joins the group it is most similar to.

    A quote joins a group on its average similarity to the group's members
    (average link), not its best single match, so one vague quote cannot chain
    two different statements together.
    """
    for item in items:
        item.words = content_words(item.text)
    # Within a day the fullest quotes go first, so a group is seeded by a full
    # quote, not by a four-word headline that would match too much.
    items = sorted(items, key=lambda q: (q.day or date.min, -len(q.words), q.key))
    counts = _word_counts(items)
    most = max(MIN_FREQUENT, MAX_WORD_SHARE * len(items))
    rare = {w for w, c in counts.items() if c <= most}
    # Common words still count, a little, so long quotes of one statement that
    # share mostly everyday words are not torn apart.
    weights = {w: 1.0 if w in rare else COMMON_WORD_WEIGHT for w in counts}
    index: dict[str, list[int]] = defaultdict(list)
    group_of: list[int] = []
    groups: list[Group] = []
    for position, item in enumerate(items):
        near = set()
        if len(item.words) >= MIN_WORDS:
            near = {group_of[o] for o in _candidates(item, position, items, index, rare)}
        best, best_score = None, 0.0
        for candidate in near:
            score = _group_score(item, groups[candidate], weights, threshold)
            if score > best_score:
                best, best_score = candidate, score
        if best is None:
            group_of.append(len(groups))
            groups.append(Group([item], 1.0))
        else:
            group_of.append(best)
            groups[best].members.append(item)
            groups[best].score = min(groups[best].score, best_score)
        if len(item.words) >= MIN_WORDS:
            for word in item.words & rare:
                index[word].append(position)
    return groups


def _group_score(
    item: QuoteItem, group: Group, weights: dict[str, float], threshold: float
) -> float:
    """Average similarity to the members, or 0 when any member is incompatible or too far."""
    scores = []
    for member in group.members:
        if not speakers_compatible(item, member):
            return 0.0
        score = similarity(item, member, weights)
        # Within one article two quotes are two statements, unless one
        # repeats the other (a headline over its first paragraph).
        if member.article == item.article and score < SAME_ARTICLE_BAR:
            return 0.0
        scores.append(score)
    average = sum(scores) / len(scores)
    same_speaker = all(m.speaker_id == item.speaker_id for m in group.members)
    # One person's words a day apart need less overlap than two organisations'.
    bar = threshold * (SAME_SPEAKER_DISCOUNT if same_speaker and item.speaker_id else 1.0)
    return average if average >= bar else 0.0


def _candidates(item, position, items, index, rare) -> list[int]:
    """Earlier quotes sharing a rare word with this one, within the time window."""
    seen: dict[int, int] = defaultdict(int)
    for word in item.words & rare:
        for other in reversed(index[word][-MAX_POSTINGS:]):
            if not _close_in_time(item.day, items[other].day):
                break  # the index is in date order: everything earlier is older still
            seen[other] += 1
    ranked = sorted(seen, key=seen.__getitem__, reverse=True)
    return ranked[:MAX_CANDIDATES]


def _close_in_time(a: date | None, b: date | None) -> bool:
    return a is None or b is None or abs((a - b).days) <= WINDOW_DAYS


def _word_counts(items: list[QuoteItem]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for item in items:
        for word in item.words:
            counts[word] += 1
    return counts
