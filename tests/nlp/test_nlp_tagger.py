"""The trained attribution tagger: training data, reading its spans, and a real
(tiny) training run through the command line, on invented articles."""

import json
import subprocess
import sys
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from spacy.tokens import Span

from nlp.evaluate import Attribution
from nlp.tagger import SPANS_KEY, tagged_attributions
from nlp.training import tagged_doc
from tui.cli import app

QUOTEDESK = str(Path(sys.executable).parent / "quotedesk")

TEXT = (
    "Talks stall\n\n"
    "The minister said the plan had failed. Costs had doubled since spring.\n\n"
    "KCNA said that Putin expressed support for the talks.\n"
)


def _at(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_training_doc_cuts_content_at_sentences_and_keeps_the_outer_attribution(nlp):
    doc = nlp(TEXT)
    two_sentences = (
        TEXT.index("the plan"),
        TEXT.index("spring.") + len("spring."),
    )
    gold = [
        Attribution([two_sentences], [_at(TEXT, "The minister")], [_at(TEXT, "said")]),
        Attribution(
            [_at(TEXT, "Putin expressed support for the talks")],
            [_at(TEXT, "KCNA")],
            [_at(TEXT, "said that")],
        ),
        # Nested inside KCNA's content: a tagger cannot hold both, the outer one wins.
        Attribution(
            [_at(TEXT, "support for the talks")],
            [_at(TEXT, "Putin")],
            [_at(TEXT, "expressed")],
        ),
    ]
    tagged = tagged_doc(doc, gold)
    contents = [e.text for e in tagged.ents if e.label_ == "CONTENT"]
    assert contents == [
        "the plan had failed.",
        "Costs had doubled since spring.",
        "Putin expressed support for the talks",
    ]
    assert [e.text for e in tagged.ents if e.label_ == "SOURCE"] == ["The minister", "KCNA"]
    for ent in tagged.ents:
        assert not ent[0].is_space and not ent[-1].is_space
        assert not any(t.is_sent_start for t in ent[1:]), ent.text


def test_tagger_spans_read_back_as_attributions(nlp):
    doc = nlp(TEXT)
    plan = doc.char_span(*_at(TEXT, "the plan had failed."), alignment_mode="expand")
    costs = doc.char_span(*_at(TEXT, "Costs had doubled since spring."), alignment_mode="expand")
    minister = doc.char_span(*_at(TEXT, "The minister"))
    said = [t for t in doc if t.text == "said"]
    talks = doc.char_span(*_at(TEXT, "Putin expressed support for the talks"))
    doc.spans[SPANS_KEY] = [
        Span(doc, minister.start, minister.end, "SOURCE"),
        Span(doc, said[0].i, said[0].i + 1, "CUE"),
        Span(doc, plan.start, plan.end, "CONTENT"),
        Span(doc, costs.start, costs.end, "CONTENT"),
        # No SOURCE span here: the cue's grammatical subject stands in.
        Span(doc, said[1].i, said[1].i + 1, "CUE"),
        Span(doc, talks.start, talks.end, "CONTENT"),
    ]
    first, second = tagged_attributions(doc)
    assert [doc[s:e].text for s, e in first.content] == [
        "the plan had failed. Costs had doubled since spring"
    ]
    assert first.cue == [said[0].i] and first.source.text == "minister"
    assert second.source.text == "KCNA"


def test_content_with_no_cue_is_not_an_attribution(nlp):
    doc = nlp(TEXT)
    plan = doc.char_span(*_at(TEXT, "the plan had failed."), alignment_mode="expand")
    doc.spans[SPANS_KEY] = [Span(doc, plan.start, plan.end, "CONTENT")]
    assert tagged_attributions(doc) == []


# -- a real training run, end to end ---------------------------------------------------

PEOPLE = ["Ana Silva", "Tom Reed", "Mei Chen", "Omar Haddad", "Lena Berg", "Raj Patel"]
CLAIMS = [
    "the budget would be cut next year",
    "the bridge was safe for traffic",
    "talks with the union had broken down",
    "prices would rise again in the autumn",
    "the council had ignored the warnings",
]


def _article(n: int) -> tuple[str, str]:
    """An invented article and its brat annotations (one indirect attribution each)."""
    person, claim = PEOPLE[n % len(PEOPLE)], CLAIMS[n % len(CLAIMS)]
    # "made the remark that" is no frame the rules know: only a trained tagger learns it.
    text = f"Report {n}\n\nOn Monday {person} made the remark that {claim}.\n"
    spans = [("Source", person), ("Cue", "made the remark that"), ("Content", claim)]
    lines = []
    for i, (label, words) in enumerate(spans, 1):
        start, end = _at(text, words)
        lines.append(f"T{i}\t{label} {start} {end}\t{words}")
    lines.append("E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1")
    return text, "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def trained(tmp_path_factory, runner):
    corpus = tmp_path_factory.mktemp("corpus")
    (corpus / "text").mkdir()
    (corpus / "attributions").mkdir()
    for n in range(30):
        text, ann = _article(n)
        (corpus / "text" / f"a{n}.txt").write_text(text, encoding="utf-8")
        (corpus / "attributions" / f"a{n}.ann").write_text(ann, encoding="utf-8")
    out = tmp_path_factory.mktemp("tagger")
    result = runner.invoke(app, ["train", str(corpus), "-o", str(out), "--epochs", "60"])
    assert result.exit_code == 0, result.output
    return corpus, out / "model-last"


def test_the_split_holds_some_articles_out_of_training(trained):
    corpus, _ = trained
    held = [
        p.stem for p in (corpus / "text").glob("*.txt") if zlib.crc32(p.stem.encode()) % 10 == 0
    ]
    assert held  # the invented corpus does exercise the held-out side
    assert (trained[1].parent / "corpus" / "held-out.spacy").exists()


def test_extract_with_a_trained_tagger_keeps_the_rules_and_the_names(trained, runner, tmp_path):
    _, tagger = trained
    article = tmp_path / "a.txt"
    article.write_text(
        "Port deal\n\n"
        '"We will sign this week," Port chief Ana Silva said on Monday.\n\n'
        "Tom Reed told reporters that the deal would bring jobs.\n\n"
        "On Friday Mei Chen made the remark that the harbour would stay open.\n",
        encoding="utf-8",
    )
    extract = ["extract", str(article), "--include-candidates"]
    plain = runner.invoke(app, extract)
    tagged = runner.invoke(app, [*extract, "--tagger", str(tagger)])
    assert plain.exit_code == 0 and tagged.exit_code == 0, tagged.output
    plain, tagged = json.loads(plain.stdout)["quotes"], json.loads(tagged.stdout)["quotes"]
    # The tagger adds no quote: the quotes, with their speakers, are the rules' alone.
    quotes = [q for q in plain if not q.get("candidate")]
    assert {q["speaker"] for q in quotes} == {"Ana Silva", "Tom Reed"}
    assert [q for q in tagged if not q.get("candidate")] == quotes
    # ... and the cue it learned from the training articles is offered as a candidate.
    (learned,) = [q for q in tagged if q not in plain]
    text = article.read_text(encoding="utf-8")
    assert text[slice(*learned["content"][0])] == "the harbour would stay open"
    assert learned["speaker"] == "Mei Chen" and learned["candidate"] is True


def test_eval_scores_the_held_out_side_with_the_tagger(trained, runner):
    corpus, tagger = trained
    result = runner.invoke(
        app, ["eval", str(corpus), "--split", "held-out", "--tagger", str(tagger)]
    )
    assert result.exit_code == 0, result.output
    held = sum(zlib.crc32(p.stem.encode()) % 10 == 0 for p in (corpus / "text").glob("*.txt"))
    assert f"articles: {held}" in result.stdout


def test_eval_and_train_refuse_bad_input_in_one_line(trained, tmp_path):
    corpus, _ = trained
    for args, message in (
        (["eval", str(corpus), "--split", "dev"], "unknown split 'dev'"),
        (["train", str(tmp_path), "-o", str(tmp_path / "out")], "expected text/ and attributions/"),
    ):
        result = subprocess.run([QUOTEDESK, *args], capture_output=True, text=True)
        assert result.returncode == 1
        assert result.stderr.count("\n") == 1 and message in result.stderr


def test_ingest_with_the_tagger_redoes_articles_and_records_which_tagger(trained, runner, tmp_path):
    import sqlite3

    _, tagger = trained
    article = tmp_path / "a.txt"
    article.write_text(
        "Harbour\n\nOn Friday Mei Chen made the remark that the harbour would stay open.\n",
        encoding="utf-8",
    )
    db = tmp_path / "data.db"
    runs = [
        runner.invoke(app, ["ingest", str(article), "--db", str(db)]),
        runner.invoke(app, ["ingest", str(article), "--db", str(db), "--tagger", str(tagger)]),
        runner.invoke(app, ["ingest", str(article), "--db", str(db), "--tagger", str(tagger)]),
    ]
    assert [r.exit_code for r in runs] == [0, 0, 0]
    assert "1 updated" in runs[1].output and "1 unchanged" in runs[2].output
    with sqlite3.connect(db) as conn:
        (version,) = conn.execute("select pipeline_version from articles").fetchone()
        speakers = [r[0] for r in conn.execute("select speaker from candidate_view")]
    assert version.startswith("rules-") and "+tagger-" in version
    assert speakers == ["Mei Chen"]  # the tagger's find, waiting in the Candidates queue


def test_tagged_words_credited_to_nobody_are_not_added(nlp):
    from nlp.lexicon import load_lexicon
    from nlp.quotes import Settings, find_quotes

    text = "Costs\n\nThe word on the street went that costs had doubled since spring.\n"
    doc = nlp(text)
    costs = doc.char_span(*_at(text, "costs had doubled since spring"))
    word = doc.char_span(*_at(text, "word"))
    street = doc.char_span(*_at(text, "the street"))
    spans = [Span(doc, costs.start, costs.end, "CONTENT"), Span(doc, word.start, word.end, "CUE")]

    def found(extra):
        doc.spans[SPANS_KEY] = spans + extra
        settings = Settings(include_beliefs=True, tagger_quotes=True)
        quotes = find_quotes(doc, load_lexicon(), settings)
        return [text[slice(*q["content"][0])] for q in quotes]

    assert "costs had doubled since spring" not in found([])
    assert "costs had doubled since spring" in found(
        [Span(doc, street.start, street.end, "SOURCE")]
    )


def test_the_folder_train_wrote_will_do_and_a_wrong_one_is_one_line(trained, tmp_path):
    corpus, tagger = trained
    article = corpus / "text" / "a1.txt"
    ok = subprocess.run(
        [QUOTEDESK, "extract", str(article), "--tagger", str(tagger.parent)],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stderr
    # The same tagger as its model-last folder: the same records, candidates included.
    same = [QUOTEDESK, "extract", str(article), "--include-candidates"]
    by_folder = subprocess.run([*same, "--tagger", str(tagger.parent)], capture_output=True)
    by_model = subprocess.run([*same, "--tagger", str(tagger)], capture_output=True)
    assert by_folder.returncode == 0 and by_folder.stdout == by_model.stdout
    bad = subprocess.run(
        [QUOTEDESK, "extract", str(article), "--tagger", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1
    assert bad.stderr.count("\n") == 1 and "not a trained attribution tagger" in bad.stderr


def _with_tagged_spans(nlp, text: str, attributions: list[tuple[str, str, str]]):
    """The quote finder run on `text` as if a tagger had marked (source, cue, content)."""
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name != "quote_finder":
            doc = component(doc)
    spans = []
    for source, cue, content in attributions:
        for label, words in (("SOURCE", source), ("CUE", cue), ("CONTENT", content)):
            span = doc.char_span(*_at(text, words), label=label, alignment_mode="expand")
            spans.append(span)
    doc.spans[SPANS_KEY] = spans
    finder = nlp.get_pipe("quote_finder")
    default = finder.settings
    finder.settings = replace(default, tagger_quotes=True)  # the rule under test
    try:
        doc = finder(doc)
    finally:
        finder.settings = default
    quotes = [q for q in doc._.quotes if not q.get("candidate")]
    return [" ".join(text[s:e] for s, e in q["content"]) for q in quotes]


def test_tagger_adds_only_what_it_reads_before_its_content_and_the_rules_lack(nlp):
    text = (
        "Budget talks\n\n"
        "On Monday the minister made the remark that the bridge was safe for traffic.\n\n"
        "Work on the roads goes on. "
        "The budget would be cut next year, the mayor offered as a remark.\n\n"
        "Ana Silva said talks had broken down. Nobody knew when they would start.\n"
    )
    contents = _with_tagged_spans(
        nlp,
        text,
        [
            ("the minister", "made the remark that", "the bridge was safe for traffic"),
            # A cue after its content is the rules' to read: on held-apart articles
            # the tagger's extra finds there were right about a third of the time.
            ("the mayor", "offered as a remark", "The budget would be cut next year"),
            # The same words as a quote the rules found would show twice.
            ("Ana Silva", "said", "talks had broken down. Nobody knew when they would start"),
        ],
    )
    assert "the bridge was safe for traffic" in contents
    assert not any("budget" in c for c in contents)
    assert sum("broken down" in c for c in contents) == 1
