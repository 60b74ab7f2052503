"""The running tallies behind counts, Speakers and Overview stay equal to a recount."""

from store_helpers import TEXT, quote, quote_id, record

from store import decisions
from store.ingest import save_extraction
from store.queries import QuoteFilter, count_quotes, list_speakers, overview


def tallies(db) -> set[tuple]:
    return set(db.execute("select * from tallies where n > 0")) | {
        ("speaker",) + row for row in db.execute("select * from speaker_tallies where n > 0")
    }


def recount(db) -> set[tuple]:
    return set(
        db.execute(
            "select ifnull(outlet_id, 0), kind, status, ifnull(stance, ''), count(*)"
            " from current group by 1, 2, 3, 4"
        )
    ) | {
        ("speaker",) + row
        for row in db.execute(
            "select speaker_id, ifnull(outlet_id, 0), count(*) from current"
            " where speaker_id is not null and status != 'rejected' group by 1, 2"
        )
    }


def test_tallies_follow_ingest_decisions_merges_undo_and_reruns(db):
    other = "Baker hits back\n\n“It was rushed,” said Thomas Baker, the union leader."
    baker = record(
        text=other,
        doc="baker",
        outlet="Daily",
        quotes=[quote(other, "It was rushed,", "said", "Thomas Baker", "Thomas Baker")],
    )
    save_extraction(db, baker, "rules-1")
    assert tallies(db) == recount(db)
    day, rushed = quote_id(db, "a good day"), quote_id(db, "rushed")
    decisions.accept(db, day, analyst="maria")
    decisions.set_stance(db, day, "support", analyst="maria")
    decisions.reject(db, rushed, analyst="maria")
    decisions.set_speaker(db, quote_id(db, "We will not"), "Tom Baker", analyst="li")
    decisions.merge_speakers(db, "Thomas Baker", "Tom Baker", analyst="li")
    article = db.execute("select article_id from quote_view where id = ?", [day]).fetchone()[0]
    decisions.set_outlet(db, article, "Daily", analyst="li")
    assert tallies(db) == recount(db)
    decisions.undo(db, analyst="li")
    decisions.undo(db, analyst="maria")
    assert tallies(db) == recount(db)
    newer = record(quotes=[quote(TEXT, "the deal was rushed", "said", "Tom Baker", "Tom Baker")])
    save_extraction(db, newer, "rules-2")  # drops unreviewed quotes, flags reviewed ones
    save_extraction(db, record(quotes=[]), "rules-3")
    assert tallies(db) == recount(db)


def test_counts_speakers_and_overview_agree_with_the_rows(db):
    decisions.reject(db, quote_id(db, "rushed"), analyst="maria")
    decisions.set_stance(db, quote_id(db, "a good day"), "oppose", analyst="maria")
    for f in (
        QuoteFilter(),
        QuoteFilter(include_rejected=True),
        QuoteFilter(status="rejected"),
        QuoteFilter(kind="mixed", outlet="Wire"),
        QuoteFilter(stance="oppose"),
    ):
        condition = ["status != 'rejected'"] if not f.include_rejected else []
        rows = [
            r
            for r in db.execute("select kind, status, stance, outlet from quote_view")
            if (f.kind in (None, r[0]))
            and (f.status in (None, r[1]))
            and (f.stance in (None, r[2]))
            and (f.outlet in (None, r[3]))
            and (f.status == "rejected" or not condition or r[1] != "rejected")
        ]
        assert count_quotes(db, f) == len(rows), f
    speakers = {s["name"]: s["quotes"] for s in list_speakers(db)}
    assert speakers == {"Ana Ruiz": 2, "Tom Baker": 0}
    summary = overview(db)
    assert summary["review"] == {"unreviewed": 2, "rejected": 1}
    assert summary["kinds"] == {"mixed": 1, "direct": 1}
    assert summary["stance_outlet"]["stances"] == [None, "oppose"]
    assert summary["speaker_outlet"]["speakers"] == ["Ana Ruiz"]
