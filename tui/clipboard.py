"""Copying text out of the app, and saying truthfully where it went.

Textual copies with OSC 52, an escape sequence the terminal may honour or
drop without a word; the app cannot know which. tmux drops it by default
(`set-clipboard external`), so under tmux the text also goes into tmux's
paste buffer with `tmux load-buffer`, which answers whether it worked.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

TMUX_TIMEOUT = 3.0

OSC52 = "sent to the terminal's clipboard (OSC 52; some terminals ignore it)"


async def copy_text(app: Any, text: str) -> tuple[str, bool]:
    """Copy `text` every way that may work here; (what to tell the analyst, known to work)."""
    app.copy_to_clipboard(text)
    if not os.environ.get("TMUX"):
        return f"Quote {OSC52}", False
    error = await tmux_load_buffer(text)
    if error is None:
        return "Copied into tmux's paste buffer (prefix ] pastes it)", True
    return f"tmux load-buffer failed ({error}); quote only {OSC52}", False


async def tmux_load_buffer(text: str) -> str | None:
    """Put `text` into tmux's paste buffer; None when it worked, else why not.

    `-w` also hands it to the outer terminal's clipboard where tmux allows
    (tmux 3.2 and later); an older tmux refuses the flag, so try without.
    """
    error = "tmux did not answer"
    for args in (["load-buffer", "-w", "-"], ["load-buffer", "-"]):
        try:
            process = await asyncio.create_subprocess_exec(
                "tmux",
                *args,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.PIPE,
            )
        except OSError as exc:
            return f"cannot run tmux: {exc.strerror or exc}"
        try:
            _, stderr = await asyncio.wait_for(
                process.communicate(text.encode("utf-8")), TMUX_TIMEOUT
            )
        except TimeoutError:
            process.kill()
            return error
        if process.returncode == 0:
            return None
        lines = stderr.decode("utf-8", "replace").strip().splitlines()
        error = lines[0] if lines else f"exit status {process.returncode}"
    return error
