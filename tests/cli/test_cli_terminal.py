"""The app needs a terminal: under cron or a pipe `tui` and `demo` refuse at once."""

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

QUOTEDESK = str(Path(sys.executable).parent / "quotedesk")


@pytest.mark.parametrize("command", ["tui", "demo"])
@pytest.mark.parametrize("not_a_terminal", ["stdin", "stdout"])
def test_no_terminal_is_one_line_and_a_quick_exit(sample_db_copy, command, not_a_terminal):
    # The other stream is a real terminal (a pty); the app used to spin forever like this.
    terminal, terminal_end = pty.openpty()
    try:
        result = subprocess.run(
            [QUOTEDESK, command, "--db", str(sample_db_copy)],
            stdin=subprocess.DEVNULL if not_a_terminal == "stdin" else terminal_end,
            stdout=subprocess.PIPE if not_a_terminal == "stdout" else terminal_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=30,
        )
    finally:
        os.close(terminal)
        os.close(terminal_end)
    assert result.returncode == 1
    assert result.stderr.startswith(f"quotedesk: error: `quotedesk {command}` needs a terminal")
    assert result.stderr.count("\n") == 1, result.stderr
