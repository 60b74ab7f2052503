"""The sample articles: direct quotes with the right speakers, offsets, name variants."""

import re
from pathlib import Path

from tests.nlp.conftest import by_prefix, words_at

NLP = Path(__file__).resolve().parents[2] / "nlp"
# "speaker:full_name(Lim→Lim Soo-suk)": the stage, the rule's function, what it saw.
RULE_TOKEN = re.compile(r"(?<![\w(])(speaker|canonical):([a-z_]+)(?:\(([^)]*)\))?")

FT = "003_1c2efdea2e879c8f"
REUTERS = "000_f96a94ac9a68771c"


def test_direct_quotes_of_kirby_peskov_and_lim(samples):
    ft = samples[FT]
    expected = {
        "No nation on the planet": "John Kirby",
        "During a one-on-one conversation": "Dmitry Peskov",
        "We express our deep concern": "Lim Soo-suk",
        "Any science and technology": "Lim Soo-suk",
    }
    for prefix, speaker in expected.items():
        quotes = by_prefix(ft, prefix)
        assert [q.kind for q in quotes] == ["direct"], prefix
        assert quotes[0].speaker == speaker, (prefix, quotes[0].evidence)
        assert quotes[0].speaker_type == "person"


def test_offsets_slice_back_to_quote_cue_and_source(samples):
    ft = samples[FT]
    text = ft.article.text
    (kirby,) = by_prefix(ft, "No nation on the planet")
    assert text[slice(*kirby.content[0])].endswith("kill innocent Ukrainians")
    assert words_at(text, kirby.cue) == ["told"]
    assert words_at(text, kirby.source) == ["Kirby"]
    for extraction in samples.values():
        for quote in extraction.quotes:
            for start, end in quote.content + quote.cue + quote.source:
                assert 0 <= start < end <= len(extraction.article.text)


def test_role_separated_from_name(samples):
    (peskov,) = by_prefix(samples[FT], "During a one-on-one conversation")
    assert peskov.role == "Kremlin spokesman"
    (lim,) = by_prefix(samples[FT], "We express our deep concern")
    assert lim.role == "South Korean foreign ministry spokesperson"


def test_interrupted_quote_is_one_record_with_two_ranges(samples):
    ft = samples[FT]
    (cheong,) = by_prefix(ft, "There is no way that the UN Security Council")
    assert len(cheong.content) == 2
    second = ft.article.text[slice(*cheong.content[1])]
    assert second.startswith("The US and South Korea can take unilateral measures")
    assert cheong.speaker == "Cheong Seong-chang"
    assert not by_prefix(ft, "The US and South Korea can take")  # not a second record


def test_surname_and_pronoun_resolution(samples):
    reuters = samples[REUTERS]
    (he,) = by_prefix(reuters, "no date had yet been agreed")
    assert he.speaker == "Dmitry Peskov"
    assert "speaker:pronoun_antecedent(he→Dmitry Peskov)" in he.evidence
    (mr,) = by_prefix(reuters, "The Russian president accepted")
    assert mr.speaker == "Dmitry Peskov"
    assert reuters.article.text[slice(*mr.source[0])] == "Mr. Peskov"
    (lim,) = by_prefix(samples[FT], "Any science and technology")
    assert "cue:verb_frame(told) source:own_subject" in lim.evidence
    assert "speaker:full_name(Lim→Lim Soo-suk)" in lim.evidence


def test_choe_variants_merge_and_kims_stay_apart(samples):
    aliases = [a for e in samples.values() for a in e.aliases if a.speaker_type == "person"]
    choe = {a.alias: a.speaker for a in aliases if a.alias.startswith("Choe")}
    assert set(choe) == {"Choe Son-hui", "Choe Sun-hui"}
    assert set(choe.values()) == {"Choe Son Hui"}
    kim = {a.alias: a.speaker for a in aliases if a.alias.startswith("Kim")}
    assert set(kim.values()) == {"Kim Jong Un"}  # Kim Jong-un only
    assert "Kim Jong Il" not in kim and "Kim Arin" not in kim


def test_an_agency_named_in_full_and_by_initials_is_one_speaker(samples):
    # The Korea Herald writes "Korea Central News Agency" once and "the KCNA" after.
    herald = samples["004_e88cf532e1811814"]
    (full,) = by_prefix(herald, "that Putin has expressed his willingness")
    assert full.speaker == "KCNA"
    assert "canonical:canonical_organisation(Korea Central News Agency→KCNA)" in full.evidence
    (alias,) = [a for a in herald.aliases if a.speaker == "KCNA"]
    assert (alias.alias, alias.speaker_type) == ("Korea Central News Agency", "organisation")


def test_a_body_named_for_a_person_goes_by_the_person_s_canonical_name(samples):
    # Yonhap writes "Choe's assistant office" after "Foreign Minister Choe
    # Son-hui"; Reuters, read first, named her "Choe Son Hui".
    yonhap = samples["001_d27c7cbd74673f90"]
    (noted,) = by_prefix(yonhap, "that Putin thanked North Korean leader")
    assert (noted.speaker, noted.speaker_type) == (
        "Choe Son Hui's assistant office",
        "organisation",
    )
    aliases = {a.alias: (a.speaker, a.speaker_type) for a in yonhap.aliases}
    assert aliases["Choe Son-hui's assistant office"] == (
        "Choe Son Hui's assistant office",
        "organisation",
    )


def test_framed_quote_is_mixed_and_attributed_to_the_framer(samples):
    (framed,) = [
        q
        for q in samples[FT].quotes
        if "“epoch-making”" in samples[FT].article.text[slice(*q.content[0])]
        and q.kind == "mixed"
        and samples[FT].article.text[slice(*q.cue[0])] == "called"
    ]
    assert framed.speaker == "KCNA"


def test_unnamed_sources_stay_unnamed(samples):
    (analysts,) = by_prefix(samples[FT], "it would be difficult for the US")
    assert analysts.speaker_type == "unnamed"
    assert analysts.speaker == "analysts"


def test_organisations_and_statements_as_speakers(samples):
    yonhap = samples["001_d27c7cbd74673f90"]
    (kcna,) = by_prefix(yonhap, "President Putin expressed deep thanks")
    assert (kcna.speaker, kcna.speaker_type, kcna.kind) == ("KCNA", "organisation", "direct")
    (added,) = by_prefix(samples[REUTERS], "The cooperation between Pyongyang and Moscow")
    assert added.speaker == "KCNA"  # "it added" -> the report -> KCNA


def test_nested_reporting_links_inner_to_outer(samples):
    reuters = samples[REUTERS]
    text = reuters.article.text
    (inner,) = [
        q for q in reuters.quotes if text[slice(*q.source[0])] == "Russian President Vladimir Putin"
    ]
    assert inner.parent is not None
    outer = reuters.quotes[inner.parent]
    assert outer.speaker == "KCNA"


def test_page_junk_gives_no_quotes(samples):
    ft = samples[FT]
    junk_start = ft.article.text.index("Read the full article here")
    assert all(q.content[0][0] < junk_start for q in ft.quotes)


def test_outlets_from_the_text():
    from nlp.outlets import find_outlet
    from tests.nlp.conftest import SAMPLES, read_article

    expected = {"000": "Reuters", "001": "Yonhap", "004": "The Korea Herald"}
    for path in sorted(SAMPLES.glob("*.txt")):
        prefix = path.name[:3]
        if prefix in expected:
            outlet, evidence = find_outlet(read_article(path).text)
            assert outlet == expected[prefix], (path.name, evidence)
            assert evidence
    outlet, evidence = find_outlet("Nothing here names a publisher.\n\nJust text.")
    assert (outlet, evidence) == (None, None)
    assert find_outlet("Text — Reuters", "DW") == ("DW", "metadata")


def test_closing_credit_beats_photo_credit():
    from nlp.outlets import find_outlet

    text = "Headline\n\nA caption, 2023. Reuters-Yonhap\n\nBody text said things. (Yonhap)\n"
    outlet, evidence = find_outlet(text)
    assert outlet == "Yonhap" and "closing" in evidence
    outlet, evidence = find_outlet("Headline\n\nA caption, 2023. Reuters-Yonhap\n\nBody.\n")
    assert outlet == "Yonhap" and "weak" in evidence


def test_a_country_opening_a_paragraph_is_one_speaker(samples):
    # After a photo-credit line the parser used to start a sentence at "Korea"
    # in "North Korea said Sunday that ...", leaving the speaker "Korea".
    (quote,) = by_prefix(samples["001_d27c7cbd74673f90"], "that Russian President Vladimir Putin")
    assert quote.speaker == "North Korea"


def test_no_sentence_starts_right_after_a_word_within_a_line(nlp):
    doc = nlp("Headline here\n\nNorth Korea said Sunday it was ready. Officials agreed\nlater.")
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["Headline", "North", "Officials", "later"]


def test_slips_from_the_hardening_issue_stay_mended(samples):
    # The rules behind each are tested on invented sentences in test_nlp_rules.py.
    yonhap = samples["001_d27c7cbd74673f90"]
    offices = {q.speaker for q in yonhap.quotes if "office" in (q.speaker or "")}
    assert offices == {"Choe Son Hui's assistant office"}
    dw = samples["002_20379b740d9881d4"]
    assert "Foreign Ministry" not in {q.speaker for q in dw.quotes}
    (trip,) = by_prefix(dw, "a trip in the works")  # the subhead that drops its "is"
    assert (trip.speaker, trip.kind) == ("Russia", "indirect")
    (gratefully,) = [q for q in samples[FT].quotes if q.content[0][1] < 80]
    assert gratefully.speaker == "Dmitry Peskov"
    assert not by_prefix(samples[REUTERS], "attention and coordinated action")
    herald = samples["004_e88cf532e1811814"]
    (appreciation,) = by_prefix(herald, "Russia expressed “deep appreciation")
    assert appreciation.kind == "mixed"


def test_every_speaker_names_the_rules_that_found_it_by_their_functions(samples):
    source = "\n".join(p.read_text(encoding="utf-8") for p in NLP.glob("*.py"))
    functions = set(re.findall(r"^\s*def _?([a-z_]+)\(", source, re.MULTILINE))
    rules = []
    for extraction in samples.values():
        by_source: dict[tuple, list[str]] = {}
        for quote in extraction.quotes:
            tokens = RULE_TOKEN.findall(quote.evidence)
            assert all(" " not in rule for _, rule, _ in tokens)
            rules += [rule for _, rule, _ in tokens]
            stages = by_source.setdefault(tuple(quote.source), [])
            stages += [stage for stage, _, _ in tokens]
        # A quote that goes on from another shares its source mention and its speaker.
        for source, stages in by_source.items():
            assert not source or "speaker" in stages, source
    assert set(rules) <= functions
    # The samples exercise names, surnames, pronouns, documents and merges.
    assert {"named_person", "full_name", "pronoun_antecedent", "issued_document"} <= set(rules)
    assert {"canonical_organisation", "owner_canonical"} <= set(rules)
