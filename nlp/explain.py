"""`quotedesk explain FILE`: each quote of an article with the rules that made it,
laid out for a terminal (the evidence trail read stage by stage)."""

from __future__ import annotations

import re
import textwrap

from nlp.records import Extraction, Quote

# 'cue:verb_frame(said)': a stage, a rule (its function's name) and a detail.
RULE_TOKEN = re.compile(r"(\w+):(\w+(?:\([^)]*\))?)")
STAGE_ORDER = ("mark", "cue", "content", "source", "link", "speaker", "canonical")
CONTENT_CHARS = 300  # longer quoted words are cut, the rules are what matters here


def explain_extraction(extraction: Extraction, width: int = 100) -> str:
    """Every quote of the article, numbered, with kind, speaker, words and rules."""
    quotes = extraction.quotes
    head = f"{extraction.article.doc}: {len(quotes)} quote{'' if len(quotes) == 1 else 's'}"
    blocks = [explain_quote(extraction, n, q, width) for n, q in enumerate(quotes, 1)]
    return "\n\n".join([head, *blocks]) + "\n"


def explain_quote(extraction: Extraction, number: int, quote: Quote, width: int) -> str:
    """'3. direct · Dmitry Peskov (person)', its words, cue and source, then its rules."""
    text = extraction.article.text
    speaker = quote.speaker or "nobody named"
    if quote.speaker_type:
        speaker += f" ({quote.speaker_type})"
    words = " … ".join(text[start:end] for start, end in quote.content)
    if len(words) > CONTENT_CHARS:
        words = words[: CONTENT_CHARS - 1] + "…"
    lines = [f"{number}. {quote.kind} · {speaker}"]
    lines += textwrap.wrap(f"“{words}”", width, initial_indent="   ", subsequent_indent="    ")
    cue = " ".join(text[start:end] for start, end in quote.cue) or "-"
    source = " ".join(text[start:end] for start, end in quote.source) or "-"
    lines.append(f"   cue words: {cue} · source words: {source}")
    for stage, rules in rules_by_stage(quote.evidence):
        lines += textwrap.wrap(
            ", ".join(rules),
            width,
            initial_indent=f"   {stage:<9} ",
            subsequent_indent=" " * 13,
            break_on_hyphens=False,
        )
    return "\n".join(lines)


def rules_by_stage(evidence: str) -> list[tuple[str, list[str]]]:
    """The trail grouped by stage, in pipeline order; words that are no rule token
    (older records) go under 'notes'."""
    grouped: dict[str, list[str]] = {}
    for match in RULE_TOKEN.finditer(evidence):
        grouped.setdefault(match[1], []).append(match[2])
    rest = RULE_TOKEN.sub(" ", evidence).strip(" ;")
    if rest:
        grouped.setdefault("notes", []).append(" ".join(rest.split()))
    order = {stage: i for i, stage in enumerate(STAGE_ORDER)}
    return sorted(grouped.items(), key=lambda item: order.get(item[0], len(order)))
