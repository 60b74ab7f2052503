"""Helpers shared by the app's tests (a plain module: tests/ has no packages)."""

from __future__ import annotations

from contextlib import suppress

from textual.worker import WorkerCancelled


async def settle(pilot) -> None:
    """Wait until the workers are done and the screen has caught up.

    Workers in the "dialog" group wait for the analyst (an open picker), so
    they are left alone, as Harlequin's tests filter their background loader.
    """
    for _ in range(3):
        await pilot.pause()
        busy = [w for w in pilot.app.workers if w.group != "dialog"]
        if busy:
            # An exclusive worker replaced by a newer one: the next round waits for that.
            with suppress(WorkerCancelled):
                await pilot.app.workers.wait_for_complete(busy)
    await pilot.pause()
