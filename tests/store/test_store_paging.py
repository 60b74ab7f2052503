"""Paging and search over many quotes: every match once, in id order, same as a scan."""

from store_helpers import record

from store import decisions
from store.ingest import save_extraction
from store.queries import QuoteFilter, count_quotes, list_quotes


def story(n: int) -> dict:
    speaker = ["Ana Ruiz", "Harbour Board", "Tom Baker"][n % 3]
    topic = "harbour dues" if n % 4 == 0 else "fish prices"
    text = f"Story {n}\n\n“We discussed {topic} today,” {speaker} said."
    start = text.index("We")
    end = text.index(" today") + 6
    said = text.index(" said") + 1
    who = text.index(speaker)
    quote = {
        "content": [[start, end]],
        "cue": [[said, said + 4]],
        "source": [[who, who + len(speaker)]],
        "speaker": speaker,
        "kind": "direct",
        "confidence": 0.9,
        "speaker_type": "organisation" if speaker == "Harbour Board" else "person",
        "role": None,
        "evidence": "",
        "parent": None,
    }
    return record(text=text, doc=f"s{n}", outlet=f"Outlet {n % 2}", quotes=[quote])


def test_search_pages_match_a_full_scan(db):
    for n in range(60):
        save_extraction(db, story(n), "rules-1")
    decisions.reject(db, list_quotes(db, QuoteFilter(search="harbour"))[0]["id"], analyst="m")
    for f in (
        QuoteFilter(search="harbour"),  # text matches and speaker-name matches, merged
        QuoteFilter(search="harbour", outlet="Outlet 1"),
        QuoteFilter(search="harb", include_rejected=True),
        QuoteFilter(outlet="Outlet 0"),
        QuoteFilter(speaker="Tom Baker"),
    ):
        everything = list_quotes(db, f, 0, 1000)
        paged = [row for offset in range(0, 70, 7) for row in list_quotes(db, f, offset, 7)]
        assert [r["id"] for r in paged] == [r["id"] for r in everything], f
        assert [r["id"] for r in pages_after(db, f, 7)] == [r["id"] for r in everything], f
        assert count_quotes(db, f) == len(everything), f
        scan = [
            r[0]
            for r in db.execute("select id, quote, speaker, outlet, status from quote_view")
            if (not f.search or f.search in (r[1] + r[2]).lower())
            and (not f.outlet or r[3] == f.outlet)
            and (not f.speaker or r[2] == f.speaker)
            and (f.include_rejected or r[4] != "rejected")
        ]
        assert sorted(scan) == [r["id"] for r in everything], f


def pages_after(db, f: QuoteFilter, size: int) -> list[dict]:
    """Every page, each asked for as the rows after the last id of the one before."""
    rows: list[dict] = []
    while page := list_quotes(db, f, limit=size, after=rows[-1]["id"] if rows else None):
        rows += page
    return rows


def test_a_page_after_an_id_starts_past_it_even_when_the_rows_before_change(db):
    for n in range(30):
        save_extraction(db, story(n), "rules-1")
    f = QuoteFilter(search="harbour")  # the hits 1, 4, 7, ... by text, and Harbour Board's
    first = list_quotes(db, f, limit=4)
    # Someone rejects a quote of the first page: an offset would now skip a row.
    decisions.reject(db, first[0]["id"], analyst="m")
    after = list_quotes(db, f, limit=4, after=first[-1]["id"])
    skipped_by_offset = list_quotes(db, f, offset=4, limit=4)
    rest = [r["id"] for r in list_quotes(db, f, 0, 1000) if r["id"] > first[-1]["id"]]
    assert [r["id"] for r in after] == rest[:4]
    assert [r["id"] for r in skipped_by_offset] != rest[:4]
