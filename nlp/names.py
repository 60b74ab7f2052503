"""One person, many spellings: comparison keys, merge suggestions, a canonical registry.

Romanised names vary in spacing, hyphens and vowels (Choe Son Hui / Choe Son-hui
/ Choe Sun-hui; Kim Jong Un / Kim Jong-un) but keep their consonants, while
different people who share a family name differ in consonants (Kim Jong Un /
Kim Jong Il / Kim Arin). So two names are merged when their keys match, or when
the family name matches and the rest differs only in vowels.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from rapidfuzz import fuzz, process

from nlp.lexicon import load_lexicon

VOWELS_RE = re.compile(r"[aeiouy]")


def _ascii_words(name: str) -> list[str]:
    """Lower-case, accent-free words; hyphens and apostrophes join syllables."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['’\-]", "", text)
    words = re.findall(r"[a-z0-9]+", text)
    honorifics = load_lexicon().honorifics
    while words and words[0] in honorifics:
        words.pop(0)
    return words


@cache
def name_key(name: str) -> str:
    """Normalised comparison key: 'Kim Jong-un' and 'Kim Jong Un' both give 'kim jongun'.

    The first word stays apart (family name for Korean names, given name for
    Western ones); the rest is joined, so spacing and hyphens do not matter.
    """
    words = _ascii_words(name)
    if len(words) <= 1:
        return "".join(words)
    return words[0] + " " + "".join(words[1:])


def shares_surname(name: str, full: str) -> bool:
    """'Peskov' and 'Dmitry Peskov'; 'Lim' and 'Lim Soo-suk' (family name first)."""
    parts = full.split()
    return len(parts) > 1 and name_key(name) in (name_key(parts[-1]), name_key(parts[0]))


def _skeleton(rest: str) -> str:
    return VOWELS_RE.sub("", rest)


# Known names at least this close (token_sort_ratio of the keys) are compared
# with a new one: a little below compare()'s 0.92, so none it would merge is missed.
FUZZY_CANDIDATE = 91

ACRONYM_RE = re.compile(r"[A-Z]{2,6}")


def _initials(name: str) -> str:
    small = load_lexicon().initials_small_words
    return "".join(w[0] for w in _ascii_words(name) if w not in small).upper()


def _acronym_of(short: str, full: str) -> bool:
    """'KCNA' and 'Korea Central News Agency'; 'NATO' and 'the North Atlantic
    Treaty Organization'."""
    return bool(ACRONYM_RE.fullmatch(short)) and len(full.split()) > 1 and _initials(full) == short


def compare(a: str, b: str) -> tuple[float, str] | None:
    """(score, evidence) when a and b are likely the same speaker, else None."""
    for short, full in ((a, b), (b, a)):
        if _acronym_of(short, full):
            # A suggestion, never an automatic merge: initials can stand for more than one name.
            return 0.7, f"'{short}' is the initials of '{full}'"
    key_a, key_b = name_key(a), name_key(b)
    if not key_a or not key_b:
        return None
    if key_a == key_b:
        return 1.0, f"'{a}' and '{b}' differ only in spacing, hyphens or case"
    first_a, _, rest_a = key_a.partition(" ")
    first_b, _, rest_b = key_b.partition(" ")
    if rest_a and rest_b and first_a == first_b and _skeleton(rest_a) == _skeleton(rest_b):
        score = fuzz.ratio(rest_a, rest_b) / 100
        if score >= 0.6:
            return 0.8 + 0.15 * score, f"'{a}' and '{b}' differ only in vowels (romanisation)"
    if bool(rest_a) != bool(rest_b):
        # A lone surname against a full name: a suggestion, never an automatic merge.
        single, full = (key_a, key_b) if not rest_a else (key_b, key_a)
        parts = _ascii_words(b if single == key_a else a)
        if single in (parts[0], parts[-1]):
            return 0.6, f"'{single}' could be short for the full name"
    if rest_a and rest_b:
        score = fuzz.token_sort_ratio(key_a, key_b) / 100
        if score >= 0.92:
            return score * 0.9, f"'{a}' and '{b}' are spelled almost alike"
    return None


def suggest_merges(names: list[str]) -> list[tuple[str, str, float, str]]:
    """Pairs of names that are likely one person, best first, with the evidence."""
    pairs = []
    unique = list(dict.fromkeys(n for n in names if n))
    for i, a in enumerate(unique):
        for b in unique[i + 1 :]:
            found = compare(a, b)
            if found is not None:
                pairs.append((a, b, round(found[0], 3), found[1]))
    pairs.sort(key=lambda p: -p[2])
    return pairs


AUTO_MERGE = 0.8  # below this a pair is only suggested to analysts


class Canonicals:
    """Canonical person names shared by all documents of one extract() call.

    A new name is compared only with the known names that can merge with it
    (same family name and consonants; or spelled almost alike, found by
    rapidfuzz over all of them at C speed), so registering a name stays fast
    with a hundred thousand names known. The first of those in order of
    registration wins, as if every known name were compared in turn.
    """

    def __init__(self, known: Iterable[str] = ()) -> None:
        self.names: list[str] = []
        self.by_key: dict[str, str] = {}
        self._romanised: dict[tuple[str, str], list[int]] = {}  # (first, skeleton) -> names
        # Each name's key with its words sorted (ratio on these is compare()'s
        # token_sort_ratio, without sorting every known name again), None for one word.
        self._keys: list[str | None] = []
        for name in known:
            self.canonical(name)

    def known(self, name: str) -> str | None:
        """The canonical name a person already seen goes by, without registering it."""
        return self.by_key.get(name_key(name))

    def canonical(self, name: str) -> tuple[str, str | None]:
        """(canonical name, merge evidence or None when name is itself canonical)."""
        key = name_key(name)
        if key in self.by_key:
            found = self.by_key[key]
            return found, None if found == name else compare(name, found)[1]
        if len(key.split()) > 1:
            for known in self._merge_candidates(key):
                match = compare(name, known)
                if match is not None and match[0] >= AUTO_MERGE:
                    self.by_key[key] = known
                    return known, match[1]
        self._register(name, key)
        return name, None

    def _merge_candidates(self, key: str) -> list[str]:
        """The known names compare() may merge `key` with (a superset), in order."""
        first, _, rest = key.partition(" ")
        positions = set(self._romanised.get((first, _skeleton(rest)), ()))
        close = process.extract(
            _sorted_words(key), self._keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CANDIDATE,
            limit=None,
        )  # fmt: skip
        positions.update(position for _, _, position in close)
        return [self.names[position] for position in sorted(positions)]

    def _register(self, name: str, key: str) -> None:
        first, _, rest = key.partition(" ")
        if rest:
            self._romanised.setdefault((first, _skeleton(rest)), []).append(len(self.names))
        self._keys.append(_sorted_words(key) if rest else None)
        self.names.append(name)
        self.by_key[key] = name


def _sorted_words(key: str) -> str:
    return " ".join(sorted(key.split()))
