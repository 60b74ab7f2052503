"""Ingest: a 1.5-million-character article goes in; a failing article does not stop
the batch; worker processes do not outlive a killed ingest."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from nlp import pipeline
from tui.cli import app, samples_dir

QUOTEDESK = str(Path(sys.executable).parent / "quotedesk")


def sample_texts() -> list[str]:
    paths = sorted(samples_dir().glob("*.txt"))
    return [p.open(encoding="utf-8", newline="").read() for p in paths]


def long_article(chars: int) -> str:
    """The sample articles spread over `chars` characters, between lines of an
    embedded image's data (page junk that costs the parser little)."""
    texts = sample_texts()
    junk = "data:image/png;base64," + "iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB" * 300 + "\n\n"
    spacing = (chars - sum(map(len, texts))) // len(texts) // len(junk)
    return "".join(junk * spacing + text.strip() + "\n\n" for text in texts)


def stored_quotes(db) -> list[tuple[str, str, str, int, str | None]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "select a.text, q.text, q.content_spans, q.content_end, s.name from quotes q"
            " join articles a on a.id = q.article_id left join speakers s on s.id = q.speaker_id"
        ).fetchall()


def test_an_article_of_one_and_a_half_million_characters_is_stored_with_its_quotes(
    tmp_path, runner, sample_db
):
    text = long_article(1_500_000)
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "data.db"

    result = runner.invoke(app, ["ingest", str(tmp_path / "long.txt"), "--db", str(db)])

    assert result.exit_code == 0, result.output
    assert 1_400_000 < len(text) <= 1_500_000
    stored = stored_quotes(db)
    for article, quote, spans, _, _ in stored:  # the text at the offsets is the quote
        assert " … ".join(article[s:e] for s, e in json.loads(spans)) == quote
    # The same quotes, by the same speakers, as the sample articles ingested alone.
    speakers = {(q, s) for _, q, _, _, s in stored_quotes(sample_db)}
    assert {(q, s) for _, q, _, _, s in stored} == speakers
    assert max(end for _, _, _, end, _ in stored) > 1_000_000


def test_an_article_the_pass_fails_on_is_skipped_and_the_rest_stored(
    tmp_path, runner, monkeypatch
):
    real = pipeline.find_quotes

    def failing(doc, *args):
        if "BOOM" in doc.text:
            raise RuntimeError("rule tripped")
        return real(doc, *args)

    monkeypatch.setattr(pipeline, "find_quotes", failing)
    folder = tmp_path / "batch"
    folder.mkdir()
    for n, text in enumerate(sample_texts()):
        (folder / f"{n}.txt").write_text(text, encoding="utf-8")
    (folder / "2.txt").write_text("BOOM\n\n" + sample_texts()[2], encoding="utf-8")
    db = tmp_path / "data.db"

    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db)])

    assert result.exit_code == 1
    skipped = [line for line in result.output.splitlines() if "skipped" in line]
    assert skipped[0].startswith("quotedesk: skipped 2: the NLP pass failed on this article")
    assert "4 new" in result.output and "1 skipped" in result.output
    with sqlite3.connect(db) as conn:
        docs = [row[0] for row in conn.execute("select doc from articles order by doc")]
    assert docs == ["0", "1", "3", "4"]


def children(pid: int) -> list[int]:
    """Live processes whose parent is pid, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and alive(int(entry.name)) and parent_of(int(entry.name)) == pid:
            found.append(int(entry.name))
    return found


def parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


def alive(pid: int) -> bool:
    """Running, not gone and not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_workers_exit_when_a_parallel_ingest_is_killed(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(200):
        text = sample_texts()[n % 5]
        (folder / f"{n:03}.txt").write_text(f"{text}\nEdition {n}.\n", encoding="utf-8")
    ingest = subprocess.Popen(
        [QUOTEDESK, "ingest", str(folder), "--db", str(tmp_path / "data.db"), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while len(workers := children(ingest.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(workers) >= 2, "the ingest never started its workers"
        time.sleep(1)  # at work
        os.kill(ingest.pid, signal.SIGKILL)
        ingest.wait()
        deadline = time.monotonic() + 5
        while any(map(alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in workers if alive(pid)]
    finally:
        for pid in [ingest.pid, *workers]:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
