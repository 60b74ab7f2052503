"""Team coding on the sample articles: two or more coders code a sample blind;
agreement matches the krippendorff package and Krippendorff's own worked examples;
codings stay apart from the desk until adjudicated."""

import math
import sqlite3

import krippendorff
import numpy as np
import pytest

from store import coding, decisions
from store.agreement import agreement, cohen_kappa
from store.db import open_db
from store.errors import StoreError
from store.queries import QuoteFilter
from tui.config import DEFAULT_STANCE_LABELS as LABELS

NAN = math.nan
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", C: four
# observers, twelve units, values 1-5, nominal alpha = 0.743.
FOUR_CODERS = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
    [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN],
]
# The same paper, A: two observers, ten units, binary data, alpha = 0.095.
TWO_CODERS = [[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]]


@pytest.fixture
def db(sample_db_copy):
    database = open_db(sample_db_copy)
    yield database
    database.conn.close()


def quote_ids(db, sample) -> list[int]:
    return [
        db.execute("select id from quotes where quote_key = ?", [key]).fetchone()[0]
        for key in sample.quote_keys
    ]


def field(report, name, outlet=None):
    return next(f for f in report.fields if f.field == name and f.outlet == outlet)


def test_four_coders_give_krippendorffs_worked_example(db):
    coders = ["a", "b", "c", "d"]
    sample = coding.create_sample(db, "c", 12, coders, QuoteFilter(), analyst="lead", seed=1)
    for coder, row in zip(coders, FOUR_CODERS, strict=True):
        for quote_id, value in zip(quote_ids(db, sample), row, strict=True):
            if not math.isnan(value):
                coding.code(
                    db,
                    sample,
                    quote_id,
                    {"stance": f"v{int(value)}"},
                    stance_labels=[f"v{n}" for n in range(1, 6)],
                    analyst=coder,
                )
    stance = field(agreement(db, sample), "stance")
    expected = krippendorff.alpha(np.array(FOUR_CODERS), level_of_measurement="nominal")
    assert round(expected, 3) == 0.743
    assert stance.alpha == pytest.approx(expected)
    # Units 2-9 are coded by all four; all four agree on 3, 4, 5, 7 and 9.
    assert stance.units == 8
    assert stance.percent == pytest.approx(62.5)
    assert stance.alpha_low <= stance.alpha <= stance.alpha_high
    assert len(stance.pairs) == 6


def test_two_coders_give_alpha_kappa_and_agreement_of_the_textbook(db):
    sample = coding.create_sample(db, "a", 10, ["ann", "bo"], QuoteFilter(), analyst="lead")
    for coder, row in zip(["ann", "bo"], TWO_CODERS, strict=True):
        for quote_id, value in zip(quote_ids(db, sample), row, strict=True):
            status = "rejected" if value else "accepted"
            coding.code(
                db, sample, quote_id, {"status": status}, stance_labels=LABELS, analyst=coder
            )
    status = field(agreement(db, sample), "status")
    assert round(status.alpha, 3) == 0.095
    assert status.alpha == pytest.approx(
        krippendorff.alpha(np.array(TWO_CODERS), level_of_measurement="nominal")
    )
    # By hand: p_o = 6/10; p_e = 0.2 * 0.4 + 0.8 * 0.6 = 0.56; (0.6 - 0.56) / 0.44.
    (pair,) = status.pairs
    assert pair.kappa == pytest.approx(0.04 / 0.44)
    assert status.percent == pytest.approx(60.0)
    assert status.units == 10
    assert pair.confusion == {
        "accepted": {"accepted": 5, "rejected": 3},
        "rejected": {"rejected": 1, "accepted": 1},
    }


def test_cohen_kappa_is_undefined_when_both_coders_use_one_value_only():
    assert cohen_kappa(["x", "x"], ["x", "x"]) is None
    assert cohen_kappa(["x", "y"], ["y", "x"]) == pytest.approx(-1.0)


def test_codings_stay_apart_from_the_desk_until_adjudicated(db, sample_db_copy):
    sample = coding.create_sample(db, "s", 4, ["ann", "bo"], QuoteFilter(), analyst="lead")
    first = quote_ids(db, sample)[0]
    before = db.execute("select status, stance from quote_view where id = ?", [first]).fetchone()
    coding.code(
        db,
        sample,
        first,
        {"status": "accepted", "stance": "support"},
        stance_labels=LABELS,
        analyst="ann",
    )
    coding.code(
        db,
        sample,
        first,
        {"status": "accepted", "stance": "oppose"},
        stance_labels=LABELS,
        analyst="bo",
    )
    coding.code(db, sample, first, {"note": "ironic"}, stance_labels=LABELS, analyst="bo")
    desk = db.execute("select status, stance from quote_view where id = ?", [first]).fetchone()
    assert desk == before == ("unreviewed", None)
    with sqlite3.connect(sample_db_copy) as conn:
        rows = conn.execute(
            "select analyst, field, value from codings where quote_id = ? order by 1, 2", [first]
        ).fetchall()
    assert rows == [
        ("ann", "stance", "support"),
        ("ann", "status", "accepted"),
        ("bo", "note", "ironic"),
        ("bo", "stance", "oppose"),
        ("bo", "status", "accepted"),
    ]
    (unit,) = coding.disagreements(db, sample)
    assert (unit.quote_id, unit.field, unit.values) == (
        first,
        "stance",
        {"ann": "support", "bo": "oppose"},
    )
    assert unit.notes == {"ann": None, "bo": "ironic"}

    coding.adjudicate(db, sample, first, "stance", stance_labels=LABELS, analyst="lead", take="bo")
    desk = db.execute("select stance, decided_by from quote_view where id = ?", [first]).fetchone()
    assert desk == ("oppose", "lead")
    assert coding.disagreements(db, sample)[0].settled == "oppose"
    # Adjudication is a decision like any other: undo takes it back.
    assert decisions.undo(db, analyst="lead") == "undid adjudicate"
    assert db.execute("select stance from quote_view where id = ?", [first]).fetchone() == (None,)
    assert coding.disagreements(db, sample)[0].settled is None
    # A coder's undo takes back their own coding, and leaves the desk alone.
    assert decisions.undo(db, analyst="bo") == "undid note"
    assert coding.disagreements(db, sample)[0].notes["bo"] is None


def test_the_agreed_units_are_settled_in_one_undoable_step(db):
    sample = coding.create_sample(db, "s", 3, ["ann", "bo"], QuoteFilter(), analyst="lead")
    for quote_id in quote_ids(db, sample):
        for coder in ("ann", "bo"):
            coding.code(
                db, sample, quote_id, {"status": "accepted"}, stance_labels=LABELS, analyst=coder
            )
    # the status of each of the three quotes: nobody coded a speaker
    assert coding.settle_agreed(db, sample, analyst="lead") == 3
    statuses = db.execute(
        f"select status from quote_view where id in ({','.join('?' * 3)})", quote_ids(db, sample)
    ).fetchall()
    assert statuses == [("accepted",)] * 3
    decisions.undo(db, analyst="lead")
    assert db.execute("select count(*) from quote_view where status = 'accepted'").fetchone() == (
        0,
    )


def test_a_seed_draws_the_same_sample_and_strata_get_their_share(db):
    rows = db.execute("select outlet, count(*) from quote_view group by outlet").fetchall()
    total = sum(n for _, n in rows)
    one = coding.create_sample(db, "one", 20, ["a", "b"], QuoteFilter(), analyst="x", seed=5)
    two = coding.create_sample(db, "two", 20, ["a", "b"], QuoteFilter(), analyst="x", seed=5)
    assert one.quote_keys == two.quote_keys
    by_outlet = coding.create_sample(
        db, "three", 20, ["a", "b"], QuoteFilter(), analyst="x", seed=5, stratify="outlet"
    )
    drawn = dict(
        db.execute(
            "select v.outlet, count(*) from sample_quotes sq join quote_view v"
            " on v.quote_key = sq.quote_key where sq.sample_id = ? group by v.outlet",
            [by_outlet.id],
        ).fetchall()
    )
    for outlet, n in rows:
        assert abs(drawn.get(outlet, 0) - 20 * n / total) < 1


def test_an_outsider_cannot_code_and_a_sample_nobody_coded_has_no_agreement(db):
    sample = coding.create_sample(db, "s", 2, ["ann", "bo"], QuoteFilter(), analyst="lead")
    with pytest.raises(StoreError, match="'zed' is not a coder of sample 's'"):
        coding.code(
            db,
            sample,
            quote_ids(db, sample)[0],
            {"stance": "x"},
            stance_labels=LABELS,
            analyst="zed",
        )
    with pytest.raises(StoreError, match="nobody has coded sample 's'"):
        agreement(db, sample)


def test_a_speaker_correction_is_a_coded_value_and_can_be_settled(db):
    sample = coding.create_sample(db, "s", 2, ["ann", "bo"], QuoteFilter(), analyst="lead")
    first, second = quote_ids(db, sample)
    machine = db.execute("select speaker from quote_view where id = ?", [first]).fetchone()[0]
    # Ann corrects the speaker to someone other than the machine's.
    other, other_name = db.execute(
        "select id, name from speakers where name != ? order by id limit 1", [machine]
    ).fetchone()
    coding.code(
        db,
        sample,
        first,
        {"status": "accepted", "speaker_id": other},
        stance_labels=LABELS,
        analyst="ann",
    )
    # Bo says the machine had it right, in so many words.
    machine_id = db.execute("select speaker_id from quote_view where id = ?", [first]).fetchone()
    coding.code(
        db, sample, first, {"speaker_id": machine_id[0]}, stance_labels=LABELS, analyst="bo"
    )
    coding.code(db, sample, second, {"status": "accepted"}, stance_labels=LABELS, analyst="bo")
    coding.code(db, sample, second, {"status": "accepted"}, stance_labels=LABELS, analyst="ann")
    speaker = [u for u in coding.units(db, sample) if u.field == "speaker"]
    assert speaker[0].values == {"ann": other_name, "bo": machine}
    # Accepting a quote is no vote on its speaker.
    assert speaker[1].values == {"ann": None, "bo": None}
    (pair,) = field(agreement(db, sample), "speaker").pairs
    assert pair.confusion[other_name] == {machine: 1}
    assert db.execute("select speaker from quote_view where id = ?", [first]).fetchone() == (
        machine,
    )
    assert (
        coding.adjudicate(
            db, sample, first, "speaker", stance_labels=LABELS, analyst="lead", take="ann"
        )
        == other_name
    )
    assert db.execute("select speaker from quote_view where id = ?", [first]).fetchone() == (
        other_name,
    )


def test_a_stance_alone_is_no_speaker_decision(db):
    """Coders who only tag a stance have not chosen the machine's speaker: no
    speaker unit, and settling what they agree on leaves the speaker the machine's."""
    sample = coding.create_sample(db, "s", 2, ["ann", "bo"], QuoteFilter(), analyst="lead")
    first = quote_ids(db, sample)[0]
    for coder in ("ann", "bo"):
        coding.code(db, sample, first, {"stance": "support"}, stance_labels=LABELS, analyst=coder)
    assert field(agreement(db, sample), "speaker").units == 0
    assert coding.settle_agreed(db, sample, analyst="lead") == 1
    logged = db.execute("select field, old, new from decisions where settles is not null")
    assert [row[0] for row in logged] == ["stance"]
    human = db.execute(
        "select h.speaker_id from human h join quotes q on q.quote_key = h.quote_key"
        " where q.id = ?",
        [first],
    ).fetchone()
    assert human == (None,)
    # Settling a value the desk already shows logs nothing.
    decisions.undo(db, analyst="lead")
    coding.adjudicate(
        db, sample, first, "status", stance_labels=LABELS, analyst="lead", value="accepted"
    )
    settles = "select count(*) from decisions where settles is not null"
    count = db.execute(settles).fetchone()
    coding.adjudicate(
        db, sample, first, "status", stance_labels=LABELS, analyst="lead", value="accepted"
    )
    assert db.execute(settles).fetchone() == count
