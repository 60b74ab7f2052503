"""One organisation, its full name and its initials: KCNA is the Korean Central News Agency.

An article vouches for initials in two ways: it spells them out ("the state-run
Korean Central News Agency (KCNA)"), or it names the body in full and also by
its initials ("Korea Central News Agency" … "the KCNA"). Within one article
that is the same body, so the full name becomes an alias of the initials (the
initials, not the full name, because outlets spell the full name differently:
Korea / Korean Central News Agency). What one article taught holds for the
later ones, unless other words claimed the same initials first (People Power
Party and Pakistan Peoples Party are both PPP): a wrong merge hides an
organisation's quotes under another's name, a missed one is still suggested
to analysts (nlp.names.compare).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz

from nlp.lexicon import load_lexicon
from nlp.names import name_key

# Two letters will do in a definition ("United Nations (UN)"); initials an
# article merely uses need three ("SC" is as often South Carolina as the
# Supreme Court).
DEFINITION_RE = re.compile(r"\(([A-Z]{2,6})\)")
USED_RE = re.compile(r"\b[A-Z]{3,6}\b")
DEFINITION_WORDS = 8  # words to look back from "(KCNA)" for the name
LOOK_BACK = 160  # characters holding those words, however long they are
NAME_WORD_RE = re.compile(r"[\w'’.&-]+")
SAME_NAME = 90  # fuzz.ratio of two full names that are spellings of one name
OPENING = "“‘\"'([—–-"


def initials(name: str) -> str:
    """'Korean Central News Agency' -> KCNA; 'U.S. Army' -> UA, not USA: a word
    is what spaces set apart, so 'U.S.' is one."""
    words = [w.lstrip(OPENING) for w in name.split()]
    small = load_lexicon().initials_small_words
    return "".join(w[0] for w in words if w and w.lower() not in small).upper()


def defined_acronyms(text: str) -> dict[str, str]:
    """{full name: initials} for every 'Full Name (FN)' in the text."""
    found: dict[str, str] = {}
    for match in DEFINITION_RE.finditer(text):
        words = text[max(0, match.start() - LOOK_BACK) : match.start()].split()
        full = _name_ending(words[-DEFINITION_WORDS:], match.group(1))
        if full:
            found[full] = match.group(1)
    return found


def _name_ending(words: list[str], acronym: str) -> str | None:
    """The shortest run of capitalised (and small) words ending `words` whose
    initials are the acronym; the shortest, so no word before the name joins it."""
    for size in range(2, len(words) + 1):
        run = [w.lstrip(OPENING) for w in words[-size:]]
        name = " ".join(run)
        if run[0][:1].isupper() and all(map(_name_word, run)) and initials(name) == acronym:
            return name
    return None


def _name_word(word: str) -> bool:
    if word.lower() in load_lexicon().initials_small_words:
        return True
    return word[:1].isupper() and NAME_WORD_RE.fullmatch(word) is not None


def used_acronyms(text: str) -> set[str]:
    """Every run of three to six capitals: the initials an article goes by."""
    return set(USED_RE.findall(text))


def org_key(name: str) -> str:
    """'the Korean Central News Agency' and 'Korean Central News Agency' alike."""
    words = name.split()
    return name_key(" ".join(words[1:] if words[:1] and words[0].lower() == "the" else words))


class OrganisationNames:
    """Which initials each organisation goes by, learned article by article
    over one extract() call."""

    def __init__(self, known: Iterable[str] = ()) -> None:
        # A name that is a speaker of its own in the database stays one: an
        # analyst may have split it out, and earlier articles are filed under it.
        self.own = {org_key(name) for name in known}
        self.by_key: dict[str, tuple[str, str]] = {}  # full name -> (initials, why)
        self.claimed: dict[str, str] = {}  # initials -> the full name that claimed them

    def learn(self, text: str, doc_id: str, organisations: Iterable[str]) -> None:
        """Learn the initials an article vouches for, among its own speakers' names."""
        for full, acronym in defined_acronyms(text).items():
            self._claim(full, acronym, f"{doc_id} writes '{full} ({acronym})'")
        used = used_acronyms(text)
        for name in organisations:
            acronym = initials(name)
            if acronym in used and len(name.split()) > 1:
                self._claim(name, acronym, f"{doc_id} names it both '{name}' and '{acronym}'")

    def _claim(self, full: str, acronym: str, evidence: str) -> None:
        key = org_key(full)
        first = self.claimed.setdefault(acronym, key)
        if key not in self.by_key and fuzz.ratio(first, key) >= SAME_NAME:
            self.by_key[key] = (acronym, evidence)

    def canonical(self, name: str) -> tuple[str, str | None]:
        """(canonical name, merge evidence or None when the name stays as it is)."""
        key = org_key(name)
        if key in self.own or key not in self.by_key:
            return name, None
        return self.by_key[key]
