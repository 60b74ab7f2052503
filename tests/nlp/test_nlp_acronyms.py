"""Organisations by their initials: what an article vouches for, and what it does not."""

from nlp.acronyms import OrganisationNames, defined_acronyms, initials


def test_an_article_that_spells_out_initials_defines_them():
    text = (
        "The Democratic People's Republic of Korea (DPRK) told the United Nations (UN) it"
        " would talk, a report by “Human Rights Watch (HRW) said. NEW YORK (AP) — In the"
        " Bronx (NY) a man …"
    )
    assert defined_acronyms(text) == {
        "Democratic People's Republic of Korea": "DPRK",
        "United Nations": "UN",
        "Human Rights Watch": "HRW",
    }


def test_initials_are_taken_word_by_word():
    assert initials("the Korean Central News Agency") == "KCNA"
    assert initials("U.S. Army") == "UA"  # not USA: "U.S." is one word


def test_a_body_named_in_full_and_by_its_initials_in_one_article_is_one_speaker():
    names = OrganisationNames()
    names.learn(
        "The Korea Central News Agency said … Later the KCNA added …",
        "herald",
        ["Korea Central News Agency", "KCNA"],
    )
    assert names.canonical("the Korea Central News Agency") == (
        "KCNA",
        "herald names it both 'Korea Central News Agency' and 'KCNA'",
    )
    # The initials of a name the article never uses merge nothing.
    names.learn("The U.S. Army said … USA Today reported …", "army", ["U.S. Army"])
    assert names.canonical("U.S. Army") == ("U.S. Army", None)


def test_what_one_article_defines_holds_for_the_next_and_spellings_share_it():
    names = OrganisationNames()
    names.learn("the state-run Korean Central News Agency (KCNA)", "yonhap", [])
    assert names.canonical("Korean Central News Agency") == (
        "KCNA",
        "yonhap writes 'Korean Central News Agency (KCNA)'",
    )
    names.learn(
        "The Korea Central News Agency said … the KCNA", "herald", ["Korea Central News Agency"]
    )
    assert names.canonical("Korea Central News Agency")[0] == "KCNA"


def test_initials_another_name_claimed_first_stay_a_suggestion():
    names = OrganisationNames()
    names.learn("the ruling People Power Party (PPP) said", "seoul", [])
    names.learn("the Pakistan Peoples Party (PPP) said", "karachi", [])
    assert names.canonical("People Power Party")[0] == "PPP"
    assert names.canonical("Pakistan Peoples Party") == ("Pakistan Peoples Party", None)


def test_a_name_that_is_a_speaker_of_its_own_keeps_it():
    # An analyst split it out, or earlier articles are filed under it.
    names = OrganisationNames(known=["Korea Central News Agency"])
    names.learn("The Korea Central News Agency … the KCNA", "herald", ["Korea Central News Agency"])
    assert names.canonical("Korea Central News Agency") == ("Korea Central News Agency", None)
