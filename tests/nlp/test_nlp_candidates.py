"""Candidates: what the pass is unsure of, kept apart from its quotes (real pipeline)."""

from nlp.candidates import score


def contents(extraction, candidate: bool) -> list[str]:
    text = extraction.article.text
    found = extraction.candidates if candidate else extraction.quotes
    return [" … ".join(text[s:e] for s, e in q.content) for q in found]


def test_a_quotation_nobody_is_named_for_is_a_candidate_not_a_quote(run):
    text = (
        "Town rally\n\nHundreds gathered in the square on Sunday.\n\n"
        "“We will never give up on this town, whatever they decide.”\n\n"
        "The rally ended at noon."
    )
    extraction = run(text)
    assert contents(extraction, candidate=False) == []
    assert contents(extraction, candidate=True) == [
        "We will never give up on this town, whatever they decide."
    ]
    (candidate,) = extraction.candidates
    assert candidate.speaker is None
    assert candidate.confidence == score("unattributed", "direct", False)


def test_a_belief_the_rules_leave_out_is_a_candidate_with_its_speaker(run):
    text = (
        "Farm tax\n\nSenator Jane Holt believes that the new tax will hurt small farmers.\n\n"
        "The vote is on Monday."
    )
    extraction = run(text)
    assert contents(extraction, candidate=False) == []
    found = extraction.candidates
    assert any("the new tax will hurt small farmers" in c for c in contents(extraction, True))
    belief = next(q for q in found if "hurt" in extraction.article.text[q.content[0][0] :][:60])
    assert belief.speaker == "Jane Holt"
    assert belief.kind == "belief"


def test_no_candidate_repeats_the_words_of_a_quote(samples):
    for extraction in samples.values():
        quoted = {(s, e) for q in extraction.quotes for s, e in q.content}
        assert not any(q.candidate for q in extraction.quotes)
        for q in extraction.candidates:
            for s, e in q.content:
                assert not any(qs <= s and e <= qe for qs, qe in quoted), q


def test_the_record_leaves_candidates_out_unless_asked(run):
    text = "Rally\n\nCrowds gathered.\n\n“We will never give up on this town, never.”\n"
    extraction = run(text)
    assert extraction.to_json()["quotes"] == []
    (record,) = extraction.to_json(include_candidates=True)["quotes"]
    assert record["candidate"] is True


def test_a_tagger_find_the_rules_leave_out_is_a_candidate(nlp):
    from nlp.tagger import SPANS_KEY

    text = (
        "Budget talks\n\n"
        "Work on the roads goes on. "
        "The budget would be cut next year, the mayor offered as a remark.\n"
    )
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name != "quote_finder":
            doc = component(doc)

    def span(words: str, label: str):
        start = text.index(words)
        return doc.char_span(start, start + len(words), label=label, alignment_mode="expand")

    # A cue after its content: the rules leave the tagger's find to themselves.
    doc.spans[SPANS_KEY] = [
        span("The budget would be cut next year", "CONTENT"),
        span("offered as a remark", "CUE"),
        span("the mayor", "SOURCE"),
    ]
    doc = nlp.get_pipe("quote_finder")(doc)
    quotes = [q for q in doc._.quotes if not q.get("candidate")]
    assert not any("budget" in text[s:e] for q in quotes for s, e in q["content"])
    (tagged,) = [q for q in doc._.quotes if "candidate (tagger)" in q["evidence"]]
    assert [text[s:e] for s, e in tagged["content"]] == ["The budget would be cut next year"]
    assert [text[s:e] for s, e in tagged["source"]] == ["the mayor"]
