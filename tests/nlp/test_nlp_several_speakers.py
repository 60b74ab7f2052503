"""A quote with several sources ("the ministry and the agency said") names each one."""

from tests.nlp.conftest import by_prefix


def members(extraction, prefix):
    (quote,) = by_prefix(extraction, prefix)
    text = extraction.article.text
    return quote, [(m["name"], text[slice(*m["source"][0])]) for m in quote.speakers or []]


def test_each_of_two_conjoined_sources_is_a_speaker_with_its_own_words(run):
    extraction = run(
        "Title\n\nThe ministry and the agency said the talks would resume in March.\n\n"
        "Ann Lee said the plan was late."
    )
    quote, sources = members(extraction, "the talks would resume")
    assert sources == [("ministry", "The ministry"), ("agency", "the agency")]
    assert quote.speaker == "ministry and agency"  # as before, for readers of old records
    assert quote.to_json()["speakers"][1]["type"] == "organisation"
    one, _ = members(extraction, "the plan was late")
    assert one.speakers is None and "speakers" not in one.to_json()


def test_a_body_and_another_s_state_media_hung_on_one_noun_are_two_sources(run):
    extraction = run(
        "Title\n\nPutin accepted an invitation to visit, the Kremlin and Pyongyang state media"
        " said on Thursday.\n\nDemocratic and Republican leaders said the bill would pass."
    )
    _, sources = members(extraction, "Putin accepted")
    assert sources == [("Kremlin", "Kremlin"), ("Pyongyang state media", "Pyongyang state media")]
    # Words that describe one group are not names of two.
    group, _ = members(extraction, "the bill would pass")
    assert group.speakers is None


def test_a_source_named_in_a_long_article_s_later_block_keeps_its_offsets(run):
    filler = "\n\n".join(f"Paragraph {n} says nothing of note at all." for n in range(2600))
    text = f"Title\n\n{filler}\n\nThe ministry and the agency said the talks would resume."
    extraction = run(text)
    _, sources = members(extraction, "the talks would resume")
    assert sources == [("ministry", "The ministry"), ("agency", "the agency")]


def test_each_source_merges_with_its_name_in_another_article(nlp):
    from nlp.extract import extract
    from nlp.records import Article

    first = "Title\n\nForeign Minister Choe Son Hui said the visit would go ahead."
    second = "Title\n\nThe ministry and Choe Son-hui said the talks would resume in March."
    found = list(extract([Article(doc="a", text=first), Article(doc="b", text=second)]))
    (quote,) = by_prefix(found[1], "the talks would resume")
    assert [m["name"] for m in quote.speakers] == ["ministry", "Choe Son Hui"]
    assert any(a.alias == "Choe Son-hui" for a in found[1].aliases)
    assert quote.speaker not in {a.speaker for a in found[1].aliases}  # no joined speaker
