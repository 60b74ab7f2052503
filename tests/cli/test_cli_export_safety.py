"""`quotedesk export -o PATH` writes the whole file or nothing; a failure is one line."""

import errno
import os

import pytest

import store.export
from tui.cli import app


def export(runner, db, out, *more):
    return runner.invoke(app, ["export", "--db", str(db), "-o", str(out), *more])


def assert_one_error_line(result, *words):
    assert result.exit_code == 1
    assert result.stderr.startswith("quotedesk: error: "), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    for word in words:
        assert word in result.stderr


def test_a_missing_folder_is_one_line_and_creates_nothing(runner, sample_db, tmp_path):
    result = export(runner, sample_db, tmp_path / "nowhere" / "quotes.csv")
    assert_one_error_line(result, "no folder", "nowhere")
    assert not (tmp_path / "nowhere").exists()


def test_a_folder_as_target_is_one_line_and_left_alone(runner, sample_db, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    result = export(runner, sample_db, folder)
    assert_one_error_line(result, "is a folder")
    assert list(folder.iterdir()) == []


class FullDisk:
    """A file that takes `room` characters, then fails as a full disk does."""

    def __init__(self, handle, room: int) -> None:
        self.handle, self.room = handle, room

    def write(self, text: str) -> int:
        if len(text) > self.room:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.room -= len(text)
        return self.handle.write(text)


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_a_full_disk_keeps_the_previous_export(runner, sample_db, tmp_path, monkeypatch, fmt):
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / f"quotes.{fmt}"
    assert export(runner, sample_db, out, "--format", fmt).exit_code == 0
    good = out.read_bytes()
    assert good.count(b"\n") > 50

    real = store.export.export_quotes

    def export_onto_a_full_disk(db, f, fmt, handle, excel_bom=False):
        return real(db, f, fmt, FullDisk(handle, room=len(good) // 2), excel_bom)

    monkeypatch.setattr(store.export, "export_quotes", export_onto_a_full_disk)
    result = export(runner, sample_db, out, "--format", fmt, "--include-rejected")
    assert_one_error_line(result, str(out), "No space left on device")
    assert out.read_bytes() == good
    assert [p.name for p in folder.iterdir()] == [out.name]  # no temporary file left


def test_a_new_export_replaces_the_old_one_whole(runner, sample_db, tmp_path):
    out = tmp_path / "quotes.csv"
    out.write_text("old,export\n" * 10_000, encoding="utf-8")  # longer than the new one
    result = export(runner, sample_db, out, "--speaker", "Dmitry Peskov")
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "old,export" not in text and "Dmitry Peskov" in text
    assert [p.name for p in tmp_path.iterdir()] == ["quotes.csv"]
