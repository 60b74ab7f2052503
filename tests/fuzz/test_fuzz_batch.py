"""One bad item in a batch of good ones: the good ones are stored, the bad one named."""

import json
import sqlite3
import tempfile
from pathlib import Path

from fuzz_helpers import article_texts, assert_clean_exit, budget, encode, integrity, run_cli, texts
from hypothesis import given
from hypothesis import strategies as st

# Each bad item: how to write it under a folder, and the words its "skipped" line names.
BAD_LINES = [
    "{not json",
    "[1, 2]",
    '{"title": "no text"}',
    '{"text": 42}',
    '{"text": "   "}',
    '{"text": "A \\ud800 lone half"}',
    '{"text": "ok", "title": "\\udfff"}',
]


def _bad_bytes(name: str, content: bytes):
    def write(folder: Path) -> tuple[Path, str]:
        (folder / name).write_bytes(content)
        return folder / name, name

    return write


def _bad_jsonl(line: str):
    def write(folder: Path) -> tuple[Path, str]:
        (folder / "feed.jsonl").write_text(line + "\n", encoding="utf-8")
        return folder / "feed.jsonl", "feed.jsonl:1"

    return write


def _missing(folder: Path) -> tuple[Path, str]:
    return folder / "gone" / "missing.txt", "missing.txt"


def _empty_folder(folder: Path) -> tuple[Path, str]:
    (folder / "nothing").mkdir()
    return folder / "nothing", "nothing"


bad_items = st.one_of(
    st.binary(max_size=50).map(lambda b: _bad_bytes("binary.txt", b + b"\x00" + b)),
    texts.map(lambda t: _bad_bytes("latin1.txt", encode(t) + b"\xe9 caf\xe9")),
    st.sampled_from(["", " ", "\r\n\t \n", "\u2028\u3000"]).map(
        lambda t: _bad_bytes("blank.txt", t.encode("utf-8"))
    ),
    st.sampled_from(BAD_LINES).map(_bad_jsonl),
    st.just(_missing),
    st.just(_empty_folder),
)


def stored_texts(db: Path) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        return {row[0] for row in conn.execute("select text from articles")}
    finally:
        conn.close()


@budget(10)
@given(
    good=st.lists(article_texts, min_size=1, max_size=3),
    bad=bad_items,
    as_jsonl=st.booleans(),
    position=st.integers(0, 3),
)
def test_one_bad_item_never_stops_the_batch(good, bad, as_jsonl, position):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "in").mkdir()
        # One headline each, so no two good articles are the same text.
        good = [f"Story {n}\n{text}" for n, text in enumerate(good)]
        paths = []
        for n, text in enumerate(good):
            if as_jsonl:
                path = tmp / "in" / f"good{n}.jsonl"
                path.write_text(json.dumps({"text": text, "outlet": "Wire"}) + "\n", "utf-8")
            else:
                path = tmp / "in" / f"good{n}.txt"
                path.write_bytes(text.encode("utf-8"))
            paths.append(str(path))
        bad_path, named = bad(tmp)
        paths.insert(min(position, len(paths)), str(bad_path))
        db = tmp / "data.db"
        args = ["ingest", *paths, "--db", str(db)]
        outcome = run_cli(args)
        assert_clean_exit(outcome, args)
        assert outcome.code == 1, outcome.stderr
        skipped = [line for line in outcome.stderr.splitlines() if "skipped" in line]
        assert any(named in line for line in skipped), (named, outcome.stderr)
        assert stored_texts(db) == set(good), outcome.stderr
        assert integrity(db) == "ok"
