"""Name keys, merge suggestions and the cross-document canonical registry."""

from nlp.names import Canonicals, name_key, suggest_merges


def test_name_key_ignores_spacing_hyphens_case_and_honorifics():
    assert name_key("Kim Jong-un") == name_key("Kim Jong Un") == name_key("kim jongun")
    assert name_key("Mr. Dmitry Peskov") == name_key("Dmitry Peskov")
    assert name_key("Kim Jong Il") != name_key("Kim Jong Un")


def test_suggest_merges_pairs_variants_and_keeps_different_people_apart():
    names = [
        "Choe Son Hui",
        "Choe Son-hui",
        "Choe Sun-hui",
        "Kim Jong Un",
        "Kim Jong Il",
        "Kim Arin",
    ]
    pairs = {(a, b): (score, why) for a, b, score, why in suggest_merges(names)}
    assert pairs[("Choe Son Hui", "Choe Son-hui")][0] == 1.0
    assert 0.8 <= pairs[("Choe Son Hui", "Choe Sun-hui")][0] < 1.0
    assert "vowels" in pairs[("Choe Son Hui", "Choe Sun-hui")][1]
    assert not any("Kim" in a and "Kim" in b for a, b in pairs)


def test_surname_is_only_a_suggestion():
    (pair,) = suggest_merges(["Peskov", "Dmitry Peskov"])
    assert pair[2] < 0.8
    registry = Canonicals()
    assert registry.canonical("Dmitry Peskov") == ("Dmitry Peskov", None)
    assert registry.canonical("Peskov")[0] == "Peskov"


def test_known_speakers_win_as_canonical():
    registry = Canonicals(["Kim Jong-un"])
    canonical, why = registry.canonical("Kim Jong Un")
    assert canonical == "Kim Jong-un" and why
    assert registry.canonical("Kim Jong Il") == ("Kim Jong Il", None)


def test_an_acronym_is_suggested_for_the_name_it_abbreviates():
    (pair,) = suggest_merges(["KCNA", "Korea Central News Agency", "Korea Herald"])
    assert set(pair[:2]) == {"KCNA", "Korea Central News Agency"}
    assert pair[2] < 0.8 and "initials" in pair[3]
    # Only suggested: each keeps its own canonical name until an analyst merges.
    registry = Canonicals(["KCNA"])
    assert registry.canonical("Korea Central News Agency")[0] == "Korea Central News Agency"
    assert suggest_merges(["US", "United Nations"]) == []
