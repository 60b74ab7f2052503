"""The one place that knows how review actions map onto store.decisions.

Screens say what the analyst did ("accept this quote as I saw it"); this
module turns that into the store call with the analyst's name and the value
the analyst saw as `expected`, and returns a one-line summary for the
notification. Runs on the database thread (see tui/db_thread.py).
"""

from __future__ import annotations

from typing import Any


def apply(db: Any, op: str, quote: dict[str, Any], *, analyst: str, **kw: Any) -> str:
    from store import decisions

    quote_id = quote["id"]
    if op == "accept":
        decisions.accept(db, quote_id, analyst=analyst, expected=quote.get("status"))
        return f"Accepted quote #{quote_id}"
    if op == "reject":
        decisions.reject(db, quote_id, analyst=analyst, expected=quote.get("status"))
        return f"Rejected quote #{quote_id}"
    if op == "set_stance":
        decisions.set_stance(
            db,
            quote_id,
            kw["label"],
            kw.get("target"),
            analyst=analyst,
            expected=(quote.get("stance"), quote.get("stance_target")),
        )
        return f"Stance of #{quote_id}: {kw['label']}"
    if op == "set_note":
        decisions.set_note(db, quote_id, kw["note"], analyst=analyst, expected=quote.get("note"))
        return f"Note on #{quote_id} saved"
    if op == "set_speaker":
        decisions.set_speaker(
            db,
            quote_id,
            speaker_id=kw.get("speaker_id"),
            name=kw["name"],
            speaker_type=kw.get("speaker_type"),
            role=kw.get("role"),
            analyst=analyst,
            expected=quote.get("speaker_id"),
        )
        return f"Speaker of #{quote_id}: {kw['name']}"
    if op == "confirm":
        decisions.confirm(
            db,
            quote_id,
            analyst=analyst,
            speaker_id=kw.get("speaker_id"),
            name=kw.get("name"),
            speaker_type=kw.get("speaker_type"),
            role=kw.get("role"),
        )
        who = kw.get("name") or quote.get("speaker") or "nobody named"
        return f"Confirmed #{quote_id} as a quote ({who})"
    if op == "dismiss":
        decisions.dismiss(db, quote_id, analyst=analyst)
        return f"Dismissed candidate #{quote_id}"
    if op == "set_outlet":
        decisions.set_outlet(
            db, quote["article_id"], kw["outlet"], analyst=analyst, expected=quote.get("outlet")
        )
        return f"Outlet of the article: {kw['outlet']}"
    raise ValueError(f"unknown review action {op!r}")


def apply_speaker(db: Any, op: str, speaker: dict[str, Any], *, analyst: str, **kw: Any) -> str:
    from store import decisions

    if op == "rename_speaker":
        decisions.rename_speaker(
            db, speaker["id"], kw["name"], analyst=analyst, expected=speaker["name"]
        )
        return f"Renamed {speaker['name']} to {kw['name']}"
    if op == "merge_speakers":
        # The picked variant folds into the selected speaker, whose name stays.
        decisions.merge_speakers(db, kw["other_id"], speaker["id"], analyst=analyst)
        return f"Merged {kw['other_name']} into {speaker['name']}"
    if op == "split_alias":
        decisions.split_alias(db, speaker["id"], kw["alias"], analyst=analyst)
        return f"Split {kw['alias']} out of {speaker['name']}"
    raise ValueError(f"unknown speaker action {op!r}")


def apply_statement(
    db: Any, op: str, statement_id: int, quote_ids: list[int], *, analyst: str, **kw: Any
) -> str:
    """Move quotes between statements, if they are still where the analyst saw them."""
    from store import decisions
    from store.errors import StaleEdit
    from store.statements import statement_of

    for quote_id in quote_ids:
        if statement_of(db, quote_id) != statement_id:
            raise StaleEdit(
                f"quote {quote_id} is no longer in statement {statement_id};"
                " someone regrouped it. Look again and decide"
            )
    if op == "join":
        decisions.join_statements(db, quote_ids, kw["into_quote_id"], analyst=analyst)
        what = f"quote #{quote_ids[0]}" if len(quote_ids) == 1 else f"statement {statement_id}"
        return f"Joined {what} into statement {kw['into_statement_id']}"
    if op == "leave":
        decisions.leave_statement(db, quote_ids[0], analyst=analyst)
        return f"Quote #{quote_ids[0]} is now a statement of its own"
    raise ValueError(f"unknown statement action {op!r}")


def add_quote(db: Any, article_id: int, choice: Any, *, analyst: str) -> tuple[str, int]:
    """Store a quote made by hand (a HandQuoteChoice); the summary and the new quote's id."""
    from store import decisions
    from store.hand_quotes import HandQuote

    speaker = choice.speaker
    quote_id = decisions.add_quote(
        db,
        HandQuote(article_id, choice.content, choice.cue, choice.source, choice.kind),
        speaker_id=speaker.speaker_id if speaker else None,
        speaker_name=speaker.name if speaker else None,
        speaker_type=speaker.speaker_type if speaker else None,
        role=speaker.role if speaker else None,
        analyst=analyst,
    )
    return f"Added quote #{quote_id} by hand", quote_id


def undo(db: Any, *, analyst: str) -> str | None:
    from store import decisions

    return decisions.undo(db, analyst=analyst)


def redo(db: Any, *, analyst: str) -> str | None:
    from store import decisions

    return decisions.redo(db, analyst=analyst)
