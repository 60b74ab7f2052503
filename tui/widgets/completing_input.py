"""A text field over a list of known names: Tab completes, a partial name resolves.

Used for the speaker and outlet of the filter form. A filter on a name the
database does not have shows no quotes and says nothing, so a typed name is
taken when it is a name, or the start of exactly one name (or of a word in
one: "Pesk" is Dmitry Peskov); otherwise the form stays open and offers the
closest names.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process, utils
from textual.actions import SkipAction
from textual.binding import Binding
from textual.suggester import SuggestFromList
from textual.widgets import Input

# Spelled alike enough to offer, rapidfuzz WRatio case folded: "Tomas Nowac" scores 87
# against "Tomasz Nowak", "Korea Harold" 71 against "The Korea Herald"; at 60 a
# three-letter typo ("Tab") already offered "North Korean state media".
CLOSE_ENOUGH = 70


def starts(typed: str, name: str) -> bool:
    """The name, or one of its words, starts with what was typed (case folded)."""
    typed = typed.casefold()
    folded = name.casefold()
    return folded.startswith(typed) or any(word.startswith(typed) for word in folded.split())


def closest(typed: str, names: list[str], limit: int = 3) -> list[str]:
    """Names the analyst may have meant, best first: names starting with what was
    typed, then names with a word starting with it; only when there are none,
    names spelled alike."""
    typed = typed.strip()
    if not typed:
        return []
    found = [n for n in names if n.casefold().startswith(typed.casefold())]
    found += [n for n in names if n not in found and starts(typed, n)]
    if not found:
        alike = process.extract(
            typed,
            names,
            scorer=fuzz.WRatio,
            processor=utils.default_process,
            limit=limit,
            score_cutoff=CLOSE_ENOUGH,
        )
        found += [name for name, _, _ in alike if name not in found]
    return found[:limit]


def resolve(typed: str, names: list[str]) -> tuple[str | None, list[str]]:
    """(the name meant, or None when unclear; the closest names when unclear)."""
    typed = typed.strip()
    exact = next((n for n in names if n.casefold() == typed.casefold()), None)
    if exact is not None:
        return exact, []
    partial = [n for n in names if starts(typed, n)]
    if len(partial) == 1:
        return partial[0], []
    return None, closest(typed, names)


class CompletingInput(Input):
    """Tab completes to the closest known name; with nothing to complete, focus moves on."""

    BINDINGS = [Binding("tab", "complete", "Complete", show=False)]

    def __init__(self, names: list[str], **kwargs) -> None:
        super().__init__(suggester=SuggestFromList(names, case_sensitive=False), **kwargs)
        self.names = names

    def completion(self) -> str | None:
        """What Tab would put in the field now, or None."""
        found = closest(self.value, self.names, limit=1)
        return found[0] if found and found[0] != self.value else None

    def action_complete(self) -> None:
        done = self.completion()
        if done is None:
            raise SkipAction()  # the screen's Tab: next field
        self.value = done
        self.cursor_position = len(done)
