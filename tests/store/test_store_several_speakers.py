"""A quote with several speakers ("the ministry and the agency said"): each one
is its own speaker, found, counted and exported for every quote it shares."""

from store_helpers import quote, record, span

from store import decisions
from store.ingest import save_extraction
from store.queries import QuoteFilter, count_quotes, list_quotes, list_speakers, overview

TEXT = (
    "Port talks resume\n\n"
    "The ministry and the agency said the talks would resume in March.\n\n"
    "The agency said the port would stay open."
)


def both(text=TEXT, first="ministry", second="agency", words=("The ministry", "the agency")):
    """The pass's record of 'The ministry and the agency said …': both sources named."""
    found = quote(
        text,
        "the talks would resume in March",
        "said",
        f"{words[0]} and {words[1]}",
        f"{first} and {second}",
        "indirect",
        speaker_type="organisation",
        evidence="source of 'said'; conjoined speakers",
    )
    found["speakers"] = [
        {"name": name, "type": "organisation", "role": None, "source": [span(text, said)]}
        for name, said in ((first, words[0]), (second, words[1]))
    ]
    return found


def port_record(**extra):
    alone = quote(
        TEXT, "the port would stay open", "said", "The agency", "agency", "indirect",
        speaker_type="organisation",
    )  # fmt: skip
    return record(TEXT, doc="talks", quotes=[both(), alone], **extra)


def ids(db, name) -> list[int]:
    return [q["id"] for q in list_quotes(db, QuoteFilter(speaker=name))]


def talks(db) -> dict:
    return db.execute(
        "select id, speaker, speakers from quote_view where quote like 'the talks%'"
    ).fetchone()


def speaker_counts(db) -> dict[str, int]:
    return {s["name"]: s["quotes"] for s in list_speakers(db) if s["quotes"]}


def recount(db) -> set[tuple]:
    """Speaker x outlet counts worked out from the layers, not from the tallies' tables."""
    counts: dict[tuple, int] = {}
    rows = db.execute(
        "select q.id, h.speaker_id, q.speaker_id, coalesce(h.outlet_id, a.outlet_id),"
        " coalesce(h.status, 'unreviewed') from quotes q join articles a on a.id = q.article_id"
        " left join human h on h.quote_key = q.quote_key"
    ).fetchall()
    canonical = dict(db.execute("select id, coalesce(merged_into, id) from speakers"))
    for qid, human, machine, outlet, status in rows:
        links = [r[0] for r in db.execute(
            "select speaker_id from quote_speakers where quote_id = ? order by position", [qid]
        )]  # fmt: skip
        members = [human] if human else links or ([machine] if machine else [])
        for sid in {canonical[m] for m in members}:
            if status != "rejected":
                counts[(sid, outlet or 0)] = counts.get((sid, outlet or 0), 0) + 1
    return {(sid, outlet, n) for (sid, outlet), n in counts.items()}


def tallied(db) -> set[tuple]:
    return set(db.execute("select * from speaker_tallies where n > 0"))


def test_each_speaker_is_its_own_row_and_no_joined_one_is_made(db):
    save_extraction(db, port_record(), "rules-1")
    names = {r[0] for r in db.execute("select name from speakers")}
    assert {"ministry", "agency"} <= names and "ministry and agency" not in names
    _, speaker, speakers = talks(db)
    assert (speaker, speakers) == ("ministry", "ministry; agency")
    per_member = db.execute(
        "select speaker from quote_speaker_view where quote like 'the talks%' order by position"
    ).fetchall()
    assert per_member == [("ministry",), ("agency",)]
    words = db.execute("select source_text from quote_speakers order by position").fetchall()
    assert words == [("The ministry",), ("the agency",)]


def test_every_speaker_finds_counts_and_charts_the_quote(db):
    save_extraction(db, port_record(), "rules-1")
    talks_id = talks(db)[0]
    assert talks_id in ids(db, "agency") and talks_id in ids(db, "ministry")
    assert count_quotes(db, QuoteFilter(speaker="agency")) == 2
    assert talks_id in [q["id"] for q in list_quotes(db, QuoteFilter(search="agency"))]
    assert speaker_counts(db)["agency"] == 2 and speaker_counts(db)["ministry"] == 1
    chart = overview(db)["speaker_outlet"]
    assert {"agency", "ministry"} <= set(chart["speakers"])
    assert tallied(db) == recount(db)


def test_set_speaker_replaces_every_speaker_and_undo_brings_them_back(db):
    save_extraction(db, port_record(), "rules-1")
    talks_id = talks(db)[0]
    decisions.set_speaker(db, talks_id, "Ann Lee", analyst="maria")
    assert talks(db)[1:] == ("Ann Lee", "Ann Lee")
    assert talks_id not in ids(db, "agency") and "ministry" not in speaker_counts(db)
    assert tallied(db) == recount(db)
    decisions.undo(db, analyst="maria")
    assert talks(db)[1:] == ("ministry", "ministry; agency")
    assert talks_id in ids(db, "agency")
    assert tallied(db) == recount(db)
    decisions.redo(db, analyst="maria")
    assert talks(db)[1:] == ("Ann Lee", "Ann Lee")
    # Setting the first of the pass's speakers is a decision too: it drops the others.
    decisions.undo(db, analyst="maria")
    decisions.set_speaker(db, talks_id, "ministry", analyst="maria")
    assert talks(db)[1:] == ("ministry", "ministry")


def test_merge_rename_and_reject_keep_every_speaker_counted(db):
    save_extraction(db, port_record(), "rules-1")
    talks_id = talks(db)[0]
    decisions.merge_speakers(db, "agency", "ministry", analyst="li")
    assert talks(db)[2] == "ministry"  # one speaker twice is one speaker
    assert speaker_counts(db)["ministry"] == 2  # the talks once, the port once
    assert tallied(db) == recount(db)
    decisions.undo(db, analyst="li")
    agency = db.execute("select id from speakers where name = 'agency'").fetchone()[0]
    decisions.rename_speaker(db, agency, "Port Agency", analyst="li")
    assert talks(db)[2] == "ministry; Port Agency" and talks_id in ids(db, "Port Agency")
    decisions.reject(db, talks_id, analyst="li")
    counts = speaker_counts(db)
    assert counts["Port Agency"] == 1 and "ministry" not in counts
    assert tallied(db) == recount(db)


def test_a_split_alias_takes_only_its_own_mention_of_a_quote(db):
    text = "Talks\n\nMinistry officials and Choe Son-hui said the talks would resume in March."
    found = both(text, "Ministry officials", "Choe Son Hui", ("Ministry officials", "Choe Son-hui"))
    alias = {"alias": "Choe Son-hui", "speaker": "Choe Son Hui", "evidence": "romanisation"}
    save_extraction(db, record(text, doc="choe", quotes=[found], aliases=[alias]), "rules-1")
    choe = db.execute("select id from speakers where name = 'Choe Son Hui'").fetchone()[0]
    decisions.split_alias(db, choe, "Choe Son-hui", analyst="li")
    assert talks(db)[2] == "Ministry officials; Choe Son-hui"
    decisions.undo(db, analyst="li")
    assert talks(db)[2] == "Ministry officials; Choe Son Hui"
    assert tallied(db) == recount(db)


def test_a_rerun_relinks_without_doubling_and_keeps_the_analyst_s_speaker(db):
    save_extraction(db, port_record(), "rules-1")
    decisions.set_speaker(db, talks(db)[0], "Ann Lee", analyst="maria")
    save_extraction(db, port_record(), "rules-2")
    assert talks(db)[2] == "Ann Lee"
    decisions.undo(db, analyst="maria")
    assert talks(db)[2] == "ministry; agency"
    assert db.execute("select count(*) from quote_speakers").fetchone()[0] == 2
    assert tallied(db) == recount(db)
