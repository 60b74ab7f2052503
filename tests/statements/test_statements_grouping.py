"""Grouping quotes that report one statement, on quotes written for the test."""

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from store.grouping import QuoteItem, content_words, group_quotes

DAY = date(2024, 1, 21)


def item(key, text, speaker_id=1, speaker_type="person", day=DAY, kind="indirect", **kw):
    return QuoteItem(
        key=key,
        article=kw.get("article", key),
        speaker_id=speaker_id,
        speaker_type=speaker_type,
        speaker=kw.get("speaker"),
        role=kw.get("role"),
        kind=kind,
        text=text,
        day=day,
    )


def groups_of(items) -> list[set[str]]:
    return sorted(({m.key for m in g.members} for g in group_quotes(items)), key=min)


def test_two_translations_of_one_statement_form_one_group():
    a = item(
        "a",
        "The DPRK government warmly welcomes President Putin to visit Pyongyang and is ready "
        "to greet the Korean people's closest friend with the greatest sincerity",
        speaker_id=7,
        speaker_type="organisation",
        kind="direct",
    )
    b = item(
        "b",
        "The Democratic People's Republic of Korea warmly welcomes the state visit of comrade "
        "president of Russia, Vladimir Putin. We are ready to receive the best friend of the "
        "Korean people with utmost respect",
        speaker_id=8,
        speaker_type="organisation",
        kind="direct",
    )
    other = item(
        "c",
        "The cooperation between Pyongyang and Moscow will be in line with the UN Charter",
        speaker_id=7,
        speaker_type="organisation",
    )
    assert groups_of([a, b, other]) == [{"a", "b"}, {"c"}]


def test_acronyms_meet_their_spelled_out_names():
    assert "dprk" in content_words("The Democratic People's Republic of Korea said")


def test_two_people_saying_similar_things_are_two_statements():
    a = item("a", "Sanctions on the regime will tighten further next month", speaker_id=1)
    b = item("b", "Sanctions on the regime will tighten further next month", speaker_id=2)
    assert groups_of([a, b]) == [{"a"}, {"b"}]


def test_a_spokesman_and_his_organisation_can_share_a_statement():
    a = item("a", "The summit will take place in the foreseeable future", role="Kremlin spokesman")
    b = item(
        "b",
        "the summit would take place in the foreseeable future",
        speaker_id=9,
        speaker_type="organisation",
        speaker="the Kremlin",
    )
    assert groups_of([a, b]) == [{"a", "b"}]


def test_the_same_words_months_apart_are_different_statements():
    a = item("a", "We will never accept the occupation of our islands", day=DAY)
    b = item("b", "We will never accept the occupation of our islands", day=DAY + timedelta(90))
    assert groups_of([a, b]) == [{"a"}, {"b"}]


def test_two_quotes_in_one_article_need_more_in_common_than_across_articles():
    first = "Exports of rice to the region will double by spring"
    second = "Exports of rice to the region collapsed last winter after floods"
    apart = [item("a", first, article=1), item("b", second, article=1)]
    assert groups_of(apart) == [{"a"}, {"b"}]
    across = [item("a", first, article=1), item("b", second, article=2)]
    assert groups_of(across) == [{"a", "b"}]


def test_a_vague_quote_does_not_chain_two_statements():
    a = item("a", "Putin will visit Pyongyang at an early date", speaker_type="organisation")
    b = item("b", "Putin thanked Pyongyang for its support in Ukraine", speaker_type="organisation")
    vague = item("c", "Putin Pyongyang", speaker_type="organisation")
    groups = groups_of([a, b, vague])
    assert {"a", "b"} not in groups and not any({"a", "b"} <= g for g in groups)


# Quotes sharing everyday words and a few of 3,000 numbered terms over 20 days:
# many equally similar groups to choose between.
TIES = """
import hashlib, random, sys
from datetime import date, timedelta
sys.path.insert(0, sys.argv[1])
from store.grouping import QuoteItem, group_quotes
rng = random.Random(42)
common = "government minister talks sanctions border trade deal visit summit missile".split()
items = []
for n in range(6000):
    words = " ".join(rng.choice(common) if rng.random() < 0.6 else f"term{rng.randrange(3000)}"
                     for _ in range(rng.randint(8, 16)))
    items.append(QuoteItem(f"q{n:05d}", f"a{n // 10}", rng.randrange(40),
                           rng.choice(["person", "organisation"]), None, None,
                           rng.choice(["direct", "indirect"]), words,
                           date(2024, 1, 1) + timedelta(days=rng.randrange(20))))
groups = sorted((sorted(m.key for m in g.members), round(g.score, 9)) for g in group_quotes(items))
print(hashlib.md5(repr(groups).encode()).hexdigest())
"""


def test_grouping_is_the_same_whatever_the_string_hashing():
    """Each Python process hashes strings differently; ties between equally
    similar groups once went by set order, so two runs could group differently
    (with seeds 1 and 3 this corpus gave 4,444 and 4,446 groups)."""
    root = str(Path(__file__).resolve().parents[2])
    runs = {
        subprocess.run(
            [sys.executable, "-c", TIES, root],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "3")
    }
    assert len(runs) == 1
