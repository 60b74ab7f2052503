"""The desk's proposal for words an analyst marks as a quote by hand (real pipeline)."""

from nlp.extract import extract
from nlp.proposal import enclosed, propose
from nlp.records import Article


def selected(text: str, *words: str) -> list[tuple[int, int]]:
    return [(text.index(w), text.index(w) + len(w)) for w in words]


def words(text: str, ranges) -> list[str]:
    return [text[s:e] for s, e in ranges]


def test_a_quote_the_pass_found_lends_its_cue_source_and_speaker(nlp):
    text = (
        "Port deal\n\nThe deal is done and fishermen will be paid, Ana Ruiz insists.\n\n"
        "Tom Baker disagreed."
    )
    proposal = propose(text, selected(text, "fishermen will be paid"))
    assert proposal.speaker == "Ana Ruiz" and proposal.kind == "indirect"
    assert words(text, proposal.cue) == ["insists"]
    assert words(text, proposal.source) == ["Ana Ruiz"]


def test_words_the_pass_missed_are_read_again_inside_quotation_marks(nlp):
    text = (
        "Port deal\n\nAna Ruiz spoke to reporters in Lisbon. The deal is done, she told them,"
        " and nobody will lose a job.\n\nTom Baker disagreed."
    )
    (found,) = extract([Article(doc="t", text=text)])
    missed = selected(text, "nobody will lose a job")
    assert not any(q.content[0][0] <= missed[0][0] < q.content[-1][1] for q in found.quotes)
    proposal = propose(text, missed)
    assert words(text, proposal.cue) == ["told"] and words(text, proposal.source) == ["she"]
    assert proposal.kind == "indirect" and proposal.content == missed


def test_quotation_marks_around_the_selection_make_it_direct(nlp):
    text = "Port deal\n\n“A day of shame,” Baker wrote, “for every fisherman.”\n\nRuiz disagreed."
    parts = selected(text, "A day of shame", "for every fisherman")
    assert all(enclosed(text, s, e) for s, e in parts)
    proposal = propose(text, parts)
    assert proposal.kind == "direct" and proposal.content == parts
    assert words(text, proposal.cue) == ["wrote"]


def test_nothing_found_leaves_the_speaker_unknown(nlp):
    text = "Port deal\n\nTom Baker on the port deal: a day of shame for fishermen.\n\nRuiz agreed."
    proposal = propose(text, selected(text, "a day of shame for fishermen"))
    assert proposal.speaker is None and proposal.cue == [] and proposal.kind == "indirect"
    assert not enclosed(text, *selected(text, "a day of shame")[0])
