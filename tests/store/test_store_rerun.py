"""Re-ingesting never loses or detaches an analyst's decision."""

from store_helpers import TEXT, quote, quote_id, record, view

from store import decisions
from store.ingest import save_extraction
from store.speakers import speaker as get_speaker


def review(db) -> dict:
    ids = {
        "day": quote_id(db, "a good day"),
        "sign": quote_id(db, "We will not sign"),
        "rushed": quote_id(db, "rushed"),
    }
    decisions.accept(db, ids["day"], analyst="maria")
    decisions.set_stance(db, ids["day"], "support", "port deal", analyst="maria")
    decisions.set_note(db, ids["sign"], "check the translation", analyst="li")
    decisions.set_speaker(db, ids["rushed"], "Thomas Baker", analyst="li")
    return ids


def test_same_article_again_is_stored_once_and_keeps_decisions(db):
    ids = review(db)
    result = save_extraction(db, record(), "rules-1")
    assert result.status == "unchanged"
    assert db.execute("select count(*) from articles").fetchone()[0] == 1
    assert view(db, ids["day"])["status"] == "accepted"
    assert view(db, ids["day"])["stance"] == "support"


def test_a_newer_pipeline_keeps_decisions_on_shifted_spans(db):
    ids = review(db)
    # The new pass trims the trailing comma and finds the 'sign' quote one word shorter.
    newer = record(
        quotes=[
            quote(TEXT, "a good day for the region", "said", "Ana Ruiz", "Ana Ruiz", "mixed"),
            quote(
                TEXT, "We will not sign anything that hurts fishermen", "told", "Ruiz", "Ana Ruiz"
            ),
            quote(TEXT, "the deal was rushed", "said", "Tom Baker", "Tom Baker", "indirect"),
        ]
    )
    assert save_extraction(db, newer, "rules-2").status == "updated"
    day = view(db, ids["day"])
    assert (day["status"], day["stance"], day["stance_target"]) == (
        "accepted",
        "support",
        "port deal",
    )
    assert day["quote"] == "a good day for the region"  # the machine text did update
    assert day["pipeline_version"] == "rules-2"
    assert view(db, ids["sign"])["note"] == "check the translation"
    assert view(db, ids["rushed"])["speaker"] == "Thomas Baker"
    assert db.execute("select count(*) from quotes").fetchone()[0] == 3


def test_a_reviewed_quote_the_new_pass_misses_is_kept_and_flagged(db):
    ids = review(db)
    only_one = record(quotes=[quote(TEXT, "the deal was rushed", "said", "Tom Baker", "Tom Baker")])
    save_extraction(db, only_one, "rules-2")
    day = view(db, ids["day"])
    assert day["status"] == "accepted" and day["machine_missing"] == 1
    assert view(db, ids["sign"])["machine_missing"] == 1
    assert view(db, ids["rushed"])["machine_missing"] == 0


def test_an_unreviewed_quote_the_new_pass_misses_goes(db):
    save_extraction(db, record(quotes=[]), "rules-2")
    assert db.execute("select count(*) from quotes").fetchone()[0] == 0


def test_merges_survive_a_rerun(db):
    other = "Baker hits back\n\n“It was rushed,” said Thomas Baker, the union leader."
    save_extraction(
        db,
        record(
            text=other,
            doc="baker",
            quotes=[quote(other, "It was rushed,", "said", "Thomas Baker", "Thomas Baker")],
        ),
        "rules-1",
    )
    decisions.merge_speakers(db, "Thomas Baker", "Tom Baker", analyst="maria")
    save_extraction(
        db,
        record(
            text=other,
            doc="baker",
            quotes=[quote(other, "It was rushed,", "said", "Thomas Baker", "Thomas Baker")],
        ),
        "rules-2",
    )
    speakers = {row[0] for row in db.execute("select distinct speaker from quote_view")}
    assert speakers == {"Ana Ruiz", "Tom Baker"}


def test_a_renamed_speaker_stays_renamed_after_a_rerun(db):
    ana = db.execute("select id from speakers where name = 'Ana Ruiz'").fetchone()[0]
    decisions.rename_speaker(db, ana, "Ana Ruiz Gómez", analyst="maria")
    save_extraction(db, record(), "rules-2")  # the pass still says "Ana Ruiz"
    speakers = {row[0] for row in db.execute("select distinct speaker from quote_view")}
    assert speakers == {"Ana Ruiz Gómez", "Tom Baker"}
    assert db.execute("select count(*) from speakers").fetchone()[0] == 2


def test_a_split_alias_is_not_merged_back_by_a_rerun(db):
    aliases = [{"alias": "A. Ruiz", "speaker": "Ana Ruiz", "evidence": "initial"}]
    save_extraction(db, record(aliases=aliases), "rules-2")
    ana = db.execute("select id from speakers where name = 'Ana Ruiz'").fetchone()[0]
    decisions.split_alias(db, ana, "A. Ruiz", analyst="maria")
    save_extraction(db, record(aliases=aliases), "rules-3")
    assert "A. Ruiz" not in get_speaker(db, ana)["aliases"]
    decisions.undo(db, analyst="maria")  # the analyst changes their mind: merged again
    assert "A. Ruiz" in get_speaker(db, ana)["aliases"]


def test_an_unreviewed_quote_keeps_its_id_when_its_span_shifts(db):
    before = quote_id(db, "We will not sign")
    newer = record(
        quotes=[
            quote(
                TEXT, "We will not sign anything that hurts fishermen", "told", "Ruiz", "Ana Ruiz"
            )
        ]
    )
    save_extraction(db, newer, "rules-2")
    assert quote_id(db, "We will not sign") == before
    assert view(db, before)["quote"] == "We will not sign anything that hurts fishermen"


def test_a_quote_reported_twice_by_the_pass_is_stored_once(db):
    twice = record(quotes=[record()["quotes"][0]] * 2)
    result = save_extraction(db, twice, "rules-2")
    assert result.quotes == 1
    assert db.execute("select count(*) from quotes").fetchone()[0] == 1


def test_a_flagged_quote_found_again_is_unflagged_with_its_decisions(db):
    ids = review(db)
    save_extraction(db, record(quotes=[]), "rules-2")  # the pass finds nothing
    assert view(db, ids["day"])["machine_missing"] == 1
    save_extraction(db, record(), "rules-3")  # ... and then finds them again
    day = view(db, ids["day"])
    assert (day["machine_missing"], day["status"], day["stance"]) == (0, "accepted", "support")
    assert db.execute("select count(*) from quotes").fetchone()[0] == 3
