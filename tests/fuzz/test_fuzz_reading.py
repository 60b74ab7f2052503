"""Any file through the real reader: an article, or one line naming the file. Never a traceback."""

import tempfile
from pathlib import Path

from fuzz_helpers import budget, file_bytes, jsonl_bytes, texts
from hypothesis import given
from hypothesis import strategies as st

from intake.files import InputError
from intake.sources import read_inputs
from nlp.records import Article

SUFFIXES = [".txt", ".jsonl", ".md", ""]


def read_all(paths: list[Path]) -> list:
    return list(read_inputs(paths))


def check_items(items: list, folder: Path) -> None:
    for item in items:
        assert isinstance(item, Article | InputError), item
        if isinstance(item, InputError):
            line = str(item)
            assert "\n" not in line and "\r" not in line, line
            assert line.startswith(str(folder)), line  # names the file
            continue
        # An article the rest of the pass can tokenise, hash and store as it is.
        for value in (item.text, item.title, item.outlet, item.url, item.published, item.doc):
            assert value is None or isinstance(value, str), item
            if value is not None:
                value.encode("utf-8")
        assert item.text.strip()


@budget(150)
@given(content=file_bytes, suffix=st.sampled_from(SUFFIXES))
def test_any_file_becomes_articles_or_one_line_errors(content, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"article{suffix}"
        path.write_bytes(content)
        check_items(read_all([path]), Path(tmp))


@budget(100)
@given(content=jsonl_bytes)
def test_any_jsonl_becomes_articles_or_one_line_errors(content):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "feed.jsonl"
        path.write_bytes(content)
        check_items(read_all([path]), Path(tmp))


@budget(60)
@given(
    files=st.lists(st.tuples(st.sampled_from(SUFFIXES), file_bytes), max_size=4),
    metadata=st.none() | file_bytes | texts.map(lambda t: "filename\ttitle\toutlet\n" + t),
)
def test_any_folder_with_any_metadata_reads_every_good_file(files, metadata):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n, (suffix, content) in enumerate(files):
            (folder / f"a{n}{suffix}").write_bytes(content)
        if metadata is not None:
            raw = (
                metadata
                if isinstance(metadata, bytes)
                else metadata.encode("utf-8", "surrogatepass")
            )
            (folder / "metadata.tsv").write_bytes(raw)
        items = read_all([folder])
        check_items(items, folder)
        # Every file the reader takes on its own is still read beside a broken metadata.tsv.
        read_alone = {
            a.path
            for n, (suffix, _) in enumerate(files)
            for a in read_all([folder / f"a{n}{suffix}"])
            if isinstance(a, Article)
            if suffix in (".txt", ".jsonl")
        }
        assert read_alone <= {a.path for a in items if isinstance(a, Article)}


@budget(30)
@given(name=st.text(min_size=1, max_size=20).filter(lambda n: "/" not in n and "\x00" not in n))
def test_missing_paths_are_named(name):
    with tempfile.TemporaryDirectory() as tmp:
        check_items(read_all([Path(tmp) / name / "x.txt"]), Path(tmp))
