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
from datetime import date, timedelta
from itertools import islice
from math import fsum
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
SWEEP_AFTER = 200_000  # index entries added before old ones are let go of
COMMON_WORD_WEIGHT = 0.3

STOPWORDS = frozenset(
    line.strip()
    for line in (Path(__file__).parent / "data" / "stopwords.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d+")
CAPITALISED_RUN = re.compile(r"(?:[A-Z][a-z]+(?:['’]s)?\s+(?:of\s+|the\s+)*){2,}[A-Z][a-z]+")


@dataclass(eq=False, slots=True)
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
    group: int = -1  # the number of the Group it joined
    # Where regroup found it: quotes.id and its statement before regrouping.
    quote_id: int | None = None
    statement_id: int | None = None


@dataclass(eq=False, slots=True)
class Group:
    members: list[QuoteItem]
    score: float  # the weakest link that joined a member
    number: int = 0  # in the order groups were made
    last_day: date | None = None  # of the newest member


def content_words(text: str) -> frozenset[str]:
    """Crude stems of the content words, plus acronyms of capitalised names.

    Stems are word prefixes, so "willing" and "willingness", "visit" and
    "visits" meet; acronyms let "DPRK" meet "Democratic People's Republic of Korea".
    """
    if len(_STEMS) > MAX_STEMS:
        _STEMS.clear()
    words = set(map(_STEMS.__getitem__, WORD.findall(text)))
    for run in CAPITALISED_RUN.findall(text):
        initials = "".join(w[0] for w in run.split() if w.lower() not in STOPWORDS)
        words.add(initials.lower())
    words.discard("")
    return frozenset(words)


class _StemCache(dict):
    """Word -> its stem, or "" for a stopword; a dict looked up from C, because
    news repeats its words and content_words runs for every quote stored."""

    def __missing__(self, word: str) -> str:
        stem = self[word] = "" if word.lower() in STOPWORDS else _stem(word)
        return stem


_STEMS = _StemCache()
MAX_STEMS = 500_000


def _stem(word: str) -> str:
    word = word.lower().replace("’", "'").removesuffix("'s")
    return word[:6]


def speakers_compatible(a: QuoteItem, b: QuoteItem) -> bool:
    """Same person; or organisations and the unnamed; or a person speaking for an organisation."""
    if a.speaker_id is not None and a.speaker_id == b.speaker_id:
        return True
    if not a.speaker_ids.isdisjoint(b.speaker_ids):  # one of several speakers is the other's
        return True
    a_person, b_person = a.speaker_type == "person", b.speaker_type == "person"
    if a_person and b_person:
        return False
    if not (a_person or b_person):
        return True
    person, other = (a, b) if a_person else (b, a)
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
    # fsum: the same total whatever order the set gives its words in (which
    # changes with the interpreter's string hashing from run to run).
    weight = fsum(weights.get(w, 1.0) for w in shared) / fsum(weights.get(w, 1.0) for w in smaller)
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
    grouper = Grouper(_word_counts(items), len(items), threshold)
    for item in sorted(items, key=order_key):
        grouper.add(item)
    return grouper.groups_so_far()


def order_key(item: QuoteItem) -> tuple:
    """The order grouping takes quotes in: by day, and within a day the fullest
    first, so a group is seeded by a full quote, not by a four-word headline
    that would match too much."""
    return (item.day or date.min, -len(item.words), item.key)


class Grouper:
    """group_quotes one quote at a time, in order_key order, keeping only what a
    later quote can still reach: quotes and groups more than WINDOW_DAYS older
    than the newest quote are let go (`retire`), so grouping a year of quotes
    needs the memory of a fortnight of them.

    `counts` are the number of quotes each content word is in, over every
    quote that will be added (`total` of them): they decide which words are rare.
    """

    def __init__(self, counts: dict[str, int], total: int, threshold: float = THRESHOLD) -> None:
        most = max(MIN_FREQUENT, MAX_WORD_SHARE * total)
        self.rare = {w for w, c in counts.items() if c <= most}
        # Common words still count, a little, so long quotes of one statement that
        # share mostly everyday words are not torn apart.
        self.weights = {w: 1.0 if w in self.rare else COMMON_WORD_WEIGHT for w in counts}
        self.threshold = threshold
        self.index: dict[str, list[QuoteItem]] = {}
        self.groups: dict[int, Group] = {}  # by number, in the order they were made
        self.made = 0
        self.undated_groups: set[int] = set()  # never out of reach of a later quote
        # Group numbers by the day of their newest member, oldest day first (a
        # group whose newest member changed since is also under its later day).
        self.by_last_day: dict[date, list[int]] = {}
        self.swept: date | None = None
        # Index entries added since the last sweep, and left after it: sweeping
        # once the index has doubled costs a constant time per entry.
        self.added, self.kept = 0, 0

    def add(self, item: QuoteItem) -> None:
        """Put the quote in the group it is most similar to, or in a new one."""
        rare = item.words & self.rare if len(item.words) >= MIN_WORDS else ()
        best, best_score = None, 0.0
        if rare:
            groups, weights, threshold = self.groups, self.weights, self.threshold
            # Equally similar groups: the earliest made wins, in every run (a
            # set's order changes with the interpreter's string hashing).
            for candidate in sorted({o.group for o in _candidates(item, rare, self.index)}):
                score = _group_score(item, groups[candidate], weights, threshold)
                if score > best_score:
                    best, best_score = candidate, score
        day = item.day
        if best is None:
            item.group = best = self.made
            self.groups[best] = Group([item], 1.0, best, day)
            self.made += 1
        else:
            group = self.groups[best]
            item.group = best
            group.members.append(item)
            group.score = min(group.score, best_score)
            group.last_day = day
        if day is None:
            self.undated_groups.add(best)
        elif day in self.by_last_day:
            self.by_last_day[day].append(best)
        else:
            self.by_last_day[day] = [best]
        index = self.index
        for word in rare:
            if word in index:
                index[word].append(item)
            else:
                index[word] = [item]
        self.added += len(rare)

    def retire(self, day: date) -> list[Group]:
        """The groups no quote of `day` or later can join, let go of (in the order made)."""
        edge = _window_start(day)
        done = []
        while self.by_last_day:
            last_day = next(iter(self.by_last_day))
            if last_day >= edge:
                break
            for number in self.by_last_day.pop(last_day):
                group = self.groups.get(number)
                if group and group.last_day == last_day and number not in self.undated_groups:
                    done.append(self.groups.pop(number))
        if self.added > max(SWEEP_AFTER, self.kept) and (
            self.swept is None or (day - self.swept).days > WINDOW_DAYS
        ):
            self.kept = self._sweep(edge)
            self.swept, self.added = day, 0
        return sorted(done, key=lambda g: g.number)

    def groups_so_far(self) -> list[Group]:
        """Every group not yet retired, in the order made."""
        return list(self.groups.values())

    def _sweep(self, edge: date) -> int:
        """Drop index entries older than `edge` (no later quote finds them); how many are left."""
        left = 0
        for word in list(self.index):
            postings = self.index[word]
            left += len(postings)
            undated = 0
            while undated < len(postings) and postings[undated].day is None:
                undated += 1
            cut = undated
            while cut < len(postings) and postings[cut].day < edge:
                cut += 1
            if cut == undated:
                continue
            left -= cut - undated
            # A search walks back from the newest and stops at the first quote out
            # of reach; the undated ones before it must stay out of its reach too.
            kept = postings[:undated] + [OUT_OF_REACH] if undated else []
            kept += postings[cut:]
            if kept:
                self.index[word] = kept
            else:
                del self.index[word]
        return left


# Stands in an index for the quotes let go of: out of reach of every dated quote.
OUT_OF_REACH = QuoteItem("", None, None, None, None, None, "", "", date.min)


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


def _candidates(item, rare, index) -> list[QuoteItem]:
    """Earlier quotes sharing a rare word with this one, within the time window."""
    seen: dict[QuoteItem, int] = {}
    count = seen.get
    # Every quote in the index is of the same day or earlier: within the window
    # is not before `edge`. An undated quote is near every other.
    edge = _window_start(item.day)
    for word in rare:
        postings = index.get(word)
        if not postings:
            continue
        for other in islice(reversed(postings), MAX_POSTINGS):
            if edge is not None and other.day is not None and other.day < edge:
                break  # the index is in date order: everything earlier is older still
            seen[other] = count(other, 0) + 1
    if len(seen) <= MAX_CANDIDATES:
        return list(seen)
    # The most shared words first; among equals the latest group's, so the
    # same ones are cut in every run, whatever order the set of words is in.
    return sorted(seen, key=lambda o: (seen[o], o.group), reverse=True)[:MAX_CANDIDATES]


def _window_start(day: date | None) -> date | None:
    if day is None or day.toordinal() <= WINDOW_DAYS:
        return None if day is None else date.min
    return day - timedelta(days=WINDOW_DAYS)


def _word_counts(items: list[QuoteItem]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for item in items:
        for word in item.words:
            counts[word] += 1
    return counts
