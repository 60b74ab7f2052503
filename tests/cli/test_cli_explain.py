"""`quotedesk explain FILE`: each quote with its kind, speaker, words and rule trail."""

import subprocess
import sys
from pathlib import Path

from tui.cli import app

QUOTEDESK = str(Path(sys.executable).parent / "quotedesk")

ARTICLE = (
    "Talks stall\n\n"
    "Foreign Minister Ann Ortega said that the talks had failed.\n\n"
    "“We will not sign this deal,” said Ortega, who spoke in Lima.\n"
)


def test_explain_prints_each_quote_with_its_rules_by_stage(tmp_path, runner):
    article = tmp_path / "talks.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["explain", str(article)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("talks: 2 quotes")
    first, second = out.split("\n\n")[1:3]
    assert first.startswith("1. indirect · Ann Ortega (person)")
    assert "“that the talks had failed”" in first
    lines = first.splitlines()
    # One line per stage, in the order the stages run; rules by their function names.
    stages = [line.split()[0] for line in lines[3:]]
    assert stages[:4] == ["cue", "content", "source", "link"]
    assert "verb_frame(said)" in lines[3] and "that_clause" in lines[4]
    assert second.startswith("2. direct · Ann Ortega (person)")
    assert any(line.split()[:2] == ["mark", "close_double"] for line in second.splitlines())
    assert "quotation_beside_cue" in second


def test_explain_of_a_file_that_is_not_there_is_one_error_line(tmp_path):
    missing = tmp_path / "missing.txt"
    result = subprocess.run(
        [QUOTEDESK, "explain", str(missing)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("quotedesk: error: ")
    assert "missing.txt" in lines[0]
