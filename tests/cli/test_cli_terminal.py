"""The app needs a terminal: under cron or a pipe `tui` and `demo` refuse at once."""

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

QUOTEDESK = str(Path(sys.executable).parent / "quotedesk")


@pytest.mark.parametrize("command", ["tui", "demo"])
@pytest.mark.parametrize("not_a_terminal", ["stdin", "stdout", "stderr"])
def test_no_terminal_is_one_line_and_a_quick_exit(sample_db_copy, command, not_a_terminal):
    # The other streams are a real terminal (a pty); the app used to spin forever like this.
    terminal, terminal_end = pty.openpty()
    streams = {name: terminal_end for name in ("stdin", "stdout", "stderr")}
    streams[not_a_terminal] = subprocess.PIPE if not_a_terminal != "stdin" else subprocess.DEVNULL
    try:
        result = subprocess.run(
            [QUOTEDESK, command, "--db", str(sample_db_copy)], **streams, text=True, timeout=30
        )
        # The error line goes to stderr: to the pipe, or else to the terminal.
        said = result.stderr if not_a_terminal == "stderr" else _read(terminal)
    finally:
        os.close(terminal)
        os.close(terminal_end)
    assert result.returncode == 1
    needs = f"`quotedesk {command}` needs a terminal, and {not_a_terminal} is not one;"
    assert said.startswith(f"quotedesk: error: {needs}"), said
    assert said.count("\n") == 1, said


def _read(terminal: int) -> str:
    return os.read(terminal, 10_000).decode().replace("\r\n", "\n")
