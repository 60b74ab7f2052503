"""Usage errors and help read like the desk's own messages: one line, plain words."""

import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import app

QUOTEDESK = str(Path(sys.executable).parent / "quotedesk")


@pytest.mark.parametrize(
    ("args", "message", "command"),
    [
        (["quote", "accept"], "missing argument 'QUOTE_ID'", "quotedesk quote accept"),
        (["quote", "accept", "twelve"], "'QUOTE_ID': not a whole number", "quotedesk quote accept"),
        (["export", "--bogus"], "no such option: --bogus", "quotedesk export"),
        (["exprt"], "no such command 'exprt'. Did you mean 'export'?", "quotedesk"),
        (
            ["statements", "show", "x"],
            "'STATEMENT_ID': not a whole number",
            "quotedesk statements show",
        ),
        (
            ["ingest", "a.txt", "--jobs", "0"],
            "'--jobs' / '-j': should be at least 1",
            "quotedesk ingest",
        ),
        (["speakers", "merge", "A"], "missing argument 'INTO'", "quotedesk speakers merge"),
    ],
)
def test_a_usage_error_is_one_line_and_a_hint(runner, tmp_path, args, message, command):
    result = runner.invoke(app, [*args, "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("quotedesk: error: ") and message in lines[0], result.stderr
    assert lines[1:] == [f"Try '{command} --help'."]
    assert result.stdout == ""


def test_the_installed_command_prints_the_same(tmp_path):
    result = subprocess.run(
        [QUOTEDESK, "quote", "stance", "5"], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 2
    assert result.stderr == (
        "quotedesk: error: missing argument 'LABEL'\nTry 'quotedesk quote stance --help'.\n"
    )


@pytest.mark.parametrize(
    ("args", "usage"),
    [
        ([], "Usage: quotedesk [OPTIONS] COMMAND [ARGS]..."),
        (["ingest"], "Usage: quotedesk ingest [OPTIONS] [PATHS...]"),
        (["export"], "Usage: quotedesk export [OPTIONS]"),
        (["quote", "stance"], "Usage: quotedesk quote stance [OPTIONS] QUOTE_ID LABEL"),
        (["speakers", "merge"], "Usage: quotedesk speakers merge [OPTIONS] SOURCE INTO"),
        (["eval"], "Usage: quotedesk eval [OPTIONS] CORPUS"),
        (["log"], "Usage: quotedesk log [OPTIONS]"),
    ],
)
def test_help_names_values_in_words_not_types(runner, args, usage):
    result = runner.invoke(app, [*args, "--help"])
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith(usage + "\n"), text
    for oddity in ("<bool>", "<path>", "<str>", "<int", "{", "╭", "list["):
        assert oddity not in text, (oddity, text)
    if args == ["export"]:
        assert "--db FILE" in text and "--include-rejected " in text
        assert "--no-include-rejected" not in text
