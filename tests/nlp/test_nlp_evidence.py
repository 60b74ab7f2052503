"""A quote's evidence names the rules that made it, stage by stage, each by the
name of the function that holds it, so a developer can find the rule with grep."""

import re
from pathlib import Path

from tests.nlp.conftest import by_prefix

NLP_DIR = Path(__file__).resolve().parents[2] / "nlp"
# The stages whose tokens the quote finder writes (speaker: and canonical: come
# from the speaker resolver and the cross-article merge).
STAGES = ("mark", "cue", "content", "source", "link")
TOKEN = re.compile(r"(\w+):(\w+)(\([^)]*\))?")

TEXT = (
    "Talks stall\n\n"
    "Foreign Minister Ann Ortega said that the talks had failed.\n\n"
    "“We will not sign this deal,” said Ortega, who spoke in Lima.\n\n"
    "“There is nothing left to discuss.”\n"
)


def rule_tokens(evidence: str) -> list[tuple[str, str]]:
    """(stage, rule) for each of the quote finder's tokens, in order."""
    return [(m[1], m[2]) for m in TOKEN.finditer(evidence) if m[1] in STAGES]


def defined_functions() -> set[str]:
    source = "\n".join(p.read_text(encoding="utf-8") for p in NLP_DIR.glob("*.py"))
    return {name.lstrip("_") for name in re.findall(r"^\s*def (\w+)", source, re.M)}


def test_a_reported_clause_names_its_cue_content_source_and_link_rules(run):
    (said,) = by_prefix(run(TEXT), "that the talks had failed")
    tokens = said.evidence.split()
    assert "cue:verb_frame(said)" in tokens
    assert {"content:that_clause", "source:own_subject", "link:clause_content"} <= set(tokens)
    stages = [stage for stage, _ in rule_tokens(said.evidence)]
    assert stages[0] == "cue" and stages[-1] == "link"


def test_a_quotation_and_its_continuation_name_their_marks_and_links(run):
    extraction = run(TEXT)
    (sign,) = by_prefix(extraction, "We will not sign")
    assert sign.evidence.startswith("mark:close_double cue:verb_frame(said)")
    assert "link:quotation_beside_cue" in sign.evidence
    # The next paragraph's quotation goes on with the same speaker: one more range.
    assert len(sign.content) == 2
    assert "link:add_quotation" in sign.evidence


def test_every_rule_named_in_the_evidence_is_a_function_in_nlp(samples):
    functions = defined_functions()
    named = {
        (stage, rule)
        for extraction in samples.values()
        for quote in extraction.quotes
        for stage, rule in rule_tokens(quote.evidence)
    }
    assert {stage for stage, _ in named} == set(STAGES)
    missing = sorted(f"{stage}:{rule}" for stage, rule in named if rule not in functions)
    assert not missing
