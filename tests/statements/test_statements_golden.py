"""Regrouping gives the statements the reference grouping gave (grouping_golden.json,
written by make_grouping_golden.py at commit 04d4a3f, before grouping streamed
over time): the same members, ids, scores and counts, for a full regroup of
ten weeks (streamed), for a two-week regroup after analysts' joins, leaves and
rejects (read at once), and for a regroup of every day's window after more
leaves (streamed within a window)."""

import json
from pathlib import Path

import pytest
from grouping_corpus import build

GOLDEN = json.loads((Path(__file__).parent / "grouping_golden.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    return build(tmp_path_factory.mktemp("golden") / "golden.db")


@pytest.mark.parametrize("step", list(GOLDEN))
def test_every_quote_is_in_the_statement_the_reference_put_it_in(made, step):
    assert made[step]["quote_statements"] == GOLDEN[step]["quote_statements"]


@pytest.mark.parametrize("step", list(GOLDEN))
def test_every_statement_row_is_the_reference_one(made, step):
    assert made[step]["statements"] == GOLDEN[step]["statements"]


def test_the_golden_desk_has_statements_to_get_wrong():
    """Thousands of quotes, hundreds of them grouped with others: a grouping
    that put every quote alone, or everything together, would differ."""
    members = GOLDEN["everything"]["quote_statements"]
    shared = {s for s in members if members.count(s) > 1}
    assert len(members) > 2_000 and len(shared) > 500
