"""Which outlet published an article, from its text when metadata does not say.

Evidence, strongest first: a closing wire credit ("— Reuters", "(Yonhap)"), a
dateline credit ("SEOUL (Reuters) -"), a republication note ("originally
published by X"), a masthead line near the top that is just the outlet's name,
and, weakest, a photo credit ("Reuters-Yonhap", "(photo: DW)").
"""

from __future__ import annotations

import re
from functools import cache

from nlp.lexicon import read_table


@cache
def _variants() -> dict[str, str]:
    """variant spelling -> canonical outlet name (from data/outlets.tsv)."""
    table = {}
    for row in read_table("outlets.tsv"):
        for variant in row[1].split("|"):
            table[variant.strip()] = row[0].strip()
    return table


@cache
def _alternation() -> str:
    names = sorted(_variants(), key=len, reverse=True)
    return "|".join(re.escape(n) for n in names)


def _outlet(variant: str) -> str:
    return _variants()[variant]


def find_outlet(text: str, metadata_outlet: str | None = None) -> tuple[str | None, str | None]:
    """(outlet, evidence); (None, None) when the text does not say."""
    if metadata_outlet:
        return metadata_outlet, "metadata"
    for finder in (_closing_credit, _dateline, _republished, _masthead, _photo_credit):
        found = finder(text)
        if found:
            return found
    return None, None


def _closing_credit(text: str) -> tuple[str, str] | None:
    tail = text.rstrip()[-200:]
    names = _alternation()
    pattern = rf"(?:[—–-]\s*|\(\s*)({names})\s*\)?\s*$"
    match = re.search(pattern, tail)
    if match:
        return _outlet(match.group(1)), f"closing wire credit '{match.group(0).strip()}'"
    return None


def _dateline(text: str) -> tuple[str, str] | None:
    pattern = rf"^[A-Z][A-Z .,'-]+\(({_alternation()})\)\s*[—–-]"
    match = re.search(pattern, text[:3000], re.MULTILINE)
    if match:
        return _outlet(match.group(1)), f"dateline credit '{match.group(0).strip()}'"
    return None


def _republished(text: str) -> tuple[str, str] | None:
    pattern = (
        rf"(?:originally (?:appeared|published) (?:in|on|by)|first (?:appeared|published) "
        rf"(?:in|on|by)|republished (?:from|with permission of)|courtesy of)\s+({_alternation()})"
    )
    match = re.search(pattern, text, re.IGNORECASE)
    if match:
        name = _canonical_ignoring_case(match.group(1))
        if name:
            return name, f"republication note '{match.group(0)}'"
    return None


def _masthead(text: str) -> tuple[str, str] | None:
    """A short line near the top that is exactly an outlet name (byline block)."""
    lines = [line.strip() for line in text.splitlines()[:25] if line.strip()]
    for line in lines[1:]:
        if line in _variants() and len(line.split()) >= 2:
            return _outlet(line), f"masthead line '{line}'"
    return None


def _photo_credit(text: str) -> tuple[str, str] | None:
    names = _alternation()
    patterns = (
        rf"\(photo:\s*({names})\)",
        rf"(?:PHOTO|Photo):\s*({names})\b",
        rf"\b(?:{names})-({names})\s*$",
    )
    for pattern in patterns:
        match = re.search(pattern, text, re.MULTILINE)
        if match:
            return _outlet(match.group(1)), f"photo credit '{match.group(0).strip()}' (weak)"
    return None


def _canonical_ignoring_case(name: str) -> str | None:
    for variant, outlet in _variants().items():
        if variant.lower() == name.lower():
            return outlet
    return None
