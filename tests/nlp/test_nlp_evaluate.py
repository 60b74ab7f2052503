"""evaluate() on a tiny invented brat corpus, against numbers computed by hand."""

import pytest

from nlp.evaluate import evaluate, format_report, read_ann

TEXT = (
    "Bridge to reopen\n\n"
    "Mayor Jane Doe said the bridge will reopen in May.\n\n"
    '"We are proud of the crews," Doe told reporters.\n\n'
    "The council approved the budget on Monday.\n"
)


def _ann() -> str:
    def at(s: str, after: int = 0) -> str:
        start = TEXT.index(s, after)
        return f"{start} {start + len(s)}\t{s}"

    told = TEXT.index("told")
    lines = [
        f"T1\tSource {at('Mayor Jane Doe')}",
        f"T2\tCue {at('said')}",
        f"T3\tContent {at('the bridge will reopen in May')}",
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
        f"T4\tSource {at('Doe', told - 5)}",
        f"T5\tCue {at('told')}",
        f"T6\tContent {at(chr(34) + 'We are proud of the crews,' + chr(34))}",
        "E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4",
        f"T7\tSource {at('The council')}",
        f"T8\tCue {at('approved')}",
        f"T9\tContent {at('the budget')}",
        "E3\tAttribution:T8 Content:T9 Cue:T8 Source:T7",
    ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "town.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "town_ab12.ann").write_text(_ann(), encoding="utf-8")
    return tmp_path


def test_read_ann_handles_discontinuous_spans():
    (attribution,) = read_ann(
        "T1\tContent 0 4;10 12\tab cd\nT2\tCue 5 9\tsaid\nE1\tContent:T1 Cue:T2\n"
    )
    assert attribution.content == [(0, 4), (10, 12)]
    assert attribution.source == []


def test_evaluate_counts_by_hand(corpus, nlp):
    report = evaluate(corpus)
    assert report.articles == 1
    # Gold: 3 attributions; we find the mayor's (indirect) and Doe's (direct), not the
    # council's "approved" (no speech cue). Both found ones have the right source.
    assert (report.quotes.tp_gold, report.quotes.gold) == (2, 3)
    assert (report.quotes.tp_pred, report.quotes.pred) == (2, 2)
    assert report.attributed.recall == pytest.approx(2 / 3)
    assert report.attributed.precision == 1.0
    # Content tokens: gold 6 + 6 + 2 = 14 words, predicted 6 + 6 = 12, all correct.
    assert (report.overlap["content"].gold, report.overlap["content"].pred) == (14, 12)
    assert report.overlap["content"].recall == pytest.approx(12 / 14)
    assert report.overlap["content"].precision == 1.0
    # Source tokens: gold 3 + 1 + 2, predicted 3 + 1.
    assert report.overlap["source"].recall == pytest.approx(4 / 6)
    # Exact content: the direct quote matches once its marks and comma are stripped.
    assert report.exact["content"].recall == pytest.approx(2 / 3)
    assert report.by_group["direct"].recall == 1.0
    assert report.by_group["indirect"].recall == 0.5
    assert report.by_group["speech"].recall == 1.0
    assert report.by_group["belief"].recall == 0.0
    text = format_report(report)
    assert "attributed quote" in text and "0.667" in text


def test_a_quote_with_several_speakers_is_attributed_when_gold_names_one_of_them():
    from nlp.evaluate import Attribution, Report, score_document
    from nlp.records import Quote

    text = "Title\n\nThe agency said the talks would resume, the ministry added."

    def at(words: str) -> tuple[int, int]:
        return (text.index(words), text.index(words) + len(words))

    gold = [Attribution(content=[at("the talks would resume")], source=[at("the ministry")],
                        cue=[at("said")])]  # fmt: skip
    members = [{"name": n, "type": "organisation", "role": None, "source": [list(at(w))]}
               for n, w in (("agency", "The agency"), ("ministry", "the ministry"))]  # fmt: skip
    several = Quote(
        content=[at("the talks would resume")], cue=[at("said")], source=[at("The agency")],
        speaker="agency and ministry", kind="indirect", speakers=members,
    )  # fmt: skip
    alone = Quote(**{**vars(several), "speakers": None, "speaker": "agency"})
    for quote, attributed in ((several, 1), (alone, 0)):
        report = Report()
        score_document(text, gold, [quote], report)
        assert report.attributed.tp_gold == attributed
