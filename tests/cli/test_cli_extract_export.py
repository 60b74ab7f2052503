"""`quotedesk extract` honours the record contract; `export` round-trips through CSV."""

import csv
import json
import sqlite3

from tui.cli import app, samples_dir

KINDS = {"direct", "mixed", "indirect", "belief"}


def extract_samples(runner) -> list[dict]:
    result = runner.invoke(app, ["extract", str(samples_dir())])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_extract_prints_one_valid_record_per_article(runner):
    records = extract_samples(runner)
    assert [r["doc"] for r in records] == sorted(p.stem for p in samples_dir().glob("*.txt"))
    for record in records:
        assert set(record) >= {"doc", "outlet", "quotes"}
        text = (samples_dir() / f"{record['doc']}.txt").open(encoding="utf-8", newline="").read()
        assert record["quotes"], record["doc"]
        for quote in record["quotes"]:
            assert quote["kind"] in KINDS
            assert quote["speaker"] is None or isinstance(quote["speaker"], str)
            for field in ("content", "cue", "source"):
                for start, end in quote[field]:
                    assert 0 <= start < end <= len(text)
            assert quote["content"], quote
            if quote["kind"] == "direct":
                # Direct content sits inside quotation marks, so the marks bracket it.
                start, end = quote["content"][0]
                around = text[max(0, start - 1) : end + 1]
                assert any(mark in around for mark in "\"“”'‘’"), around


def test_extract_offsets_slice_back_to_the_quote_text(runner):
    records = {r["doc"]: r for r in extract_samples(runner)}
    record = records["003_1c2efdea2e879c8f"]
    text = (samples_dir() / "003_1c2efdea2e879c8f.txt").open(encoding="utf-8", newline="").read()
    spans = [text[s:e] for q in record["quotes"] for s, e in q["content"]]
    assert any(span.startswith("No nation on the planet") for span in spans), spans
    sources = [text[s:e] for q in record["quotes"] for s, e in q["source"]]
    assert "Kirby" in sources and "Lim" in sources


def test_export_csv_reads_back_with_ids_the_quote_commands_take(sample_db, runner, tmp_path):
    out = tmp_path / "quotes.csv"
    result = runner.invoke(app, ["export", "--db", str(sample_db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with sqlite3.connect(sample_db) as conn:
        expected = conn.execute("select count(*) from quote_view where status != 'rejected'")
        assert len(rows) == expected.fetchone()[0]
    assert list(rows[0])[0] == "id"
    kirby = [r for r in rows if r["speaker"] == "John Kirby"]
    assert kirby and all(r["outlet"] == "Financial Times" for r in kirby)


def test_export_filters_by_speaker_as_jsonl(sample_db, runner):
    result = runner.invoke(
        app, ["export", "--db", str(sample_db), "--format", "jsonl", "--speaker", "Dmitry Peskov"]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and {r["speaker"] for r in rows} == {"Dmitry Peskov"}
