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

from rapidfuzz import fuzz

VOWELS_RE = re.compile(r"[aeiouy]")
HONORIFICS = frozenset(["mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame"])


def _ascii_words(name: str) -> list[str]:
    """Lower-case, accent-free words; hyphens and apostrophes join syllables."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['’\-]", "", text)
    words = re.findall(r"[a-z0-9]+", text)
    while words and words[0] in HONORIFICS:
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


ACRONYM_RE = re.compile(r"[A-Z]{2,6}")
SMALL_WORDS = frozenset(["of", "the", "and", "for", "on", "in", "de"])


def _initials(name: str) -> str:
    return "".join(w[0] for w in _ascii_words(name) if w not in SMALL_WORDS).upper()


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

# "the state-run Korean Central News Agency (KCNA)": a name the text spells out
# before the initials it goes by. Two letters will do here ("United Nations
# (UN)"); an acronym the article merely uses must have three ("SC" is as often
# South Carolina as the Supreme Court).
DEFINITION_RE = re.compile(r"\(([A-Z]{2,6})\)")
USED_ACRONYM_RE = re.compile(r"\b[A-Z]{3,6}\b")
DEFINITION_WORDS = 8  # words to look back from "(KCNA)" for the name


def defined_acronyms(text: str) -> dict[str, str]:
    """{full name: acronym} for every 'Full Name (FN)' in the text."""
    found = {}
    for match in DEFINITION_RE.finditer(text):
        words = text[max(0, match.start() - 160) : match.start()].split()
        full = _name_ending(words[-DEFINITION_WORDS:], match.group(1))
        if full:
            found[full] = match.group(1)
    return found


def _name_ending(words: list[str], acronym: str) -> str | None:
    """The shortest run of capitalised (and small) words at the end of `words`
    whose initials are the acronym."""
    for size in range(2, len(words) + 1):
        run = words[-size:]
        if not all(_name_word(w) for w in run) or not run[0][0].isupper():
            continue
        if _initials(" ".join(run)) == acronym:
            return " ".join(run)
    return None


def _name_word(word: str) -> bool:
    return word.lower() in SMALL_WORDS or (word[0].isupper() and re.fullmatch(r"[\w'’.&-]+", word))


def used_acronyms(text: str) -> set[str]:
    return set(USED_ACRONYM_RE.findall(text))


def _org_key(name: str) -> str:
    """'the Korean Central News Agency' and 'Korean Central News Agency' alike."""
    words = name.split()
    return name_key(" ".join(words[1:] if words and words[0].lower() == "the" else words))


class Canonicals:
    """Canonical person names shared by all documents of one extract() call."""

    def __init__(self, known: Iterable[str] = ()) -> None:
        self.names: list[str] = []
        self.by_key: dict[str, str] = {}
        # An organisation's full name -> (the acronym it goes by, why we think so).
        self.acronyms: dict[str, tuple[str, str]] = {}
        for name in known:
            self.canonical(name)

    def canonical(self, name: str) -> tuple[str, str | None]:
        """(canonical name, merge evidence or None when name is itself canonical)."""
        key = name_key(name)
        if key in self.by_key:
            found = self.by_key[key]
            return found, None if found == name else compare(name, found)[1]
        if len(key.split()) > 1:
            for known in self.names:
                match = compare(name, known)
                if match is not None and match[0] >= AUTO_MERGE:
                    self.by_key[key] = known
                    return known, match[1]
        self.names.append(name)
        self.by_key[key] = name
        return name, None

    def learn_acronyms(self, text: str, doc: str, organisations: Iterable[str]) -> None:
        """Learn what an article says an organisation's initials are: it spells
        them out ('Korean Central News Agency (KCNA)'), or it names the
        organisation in full and also by its initials ('the KCNA'). Within one
        article that is the same body; across articles initials alone are only
        a suggestion (compare), but what one article taught holds for the rest."""
        for full, acronym in defined_acronyms(text).items():
            evidence = f"{doc} writes '{full} ({acronym})'"
            self.acronyms.setdefault(_org_key(full), (acronym, evidence))
        used = used_acronyms(text)
        for name in organisations:
            acronym = _initials(name)
            if acronym in used and len(_ascii_words(name)) > 1:
                evidence = f"{doc} names it both '{name}' and '{acronym}'"
                self.acronyms.setdefault(_org_key(name), (acronym, evidence))

    def organisation(self, name: str) -> tuple[str, str | None]:
        """(canonical name, merge evidence or None): the acronym an article
        taught for this full name, else the name itself."""
        found = self.acronyms.get(_org_key(name))
        return found if found else (name, None)
