"""Rules on invented sentences: marks, scare quotes, reported speech forms."""

import pytest

from tests.nlp.conftest import by_prefix, sources_by_content, words_at


def speakers_by_content(extraction, kind="direct", candidates=False):
    """First content range -> speaker; with `candidates`, the quotations kept
    with nobody named (candidates since nlp/candidates.py) too."""
    text = extraction.article.text
    found = extraction.quotes + (extraction.candidates if candidates else [])
    return {words_at(text, q.content)[0]: q.speaker for q in found if q.kind == kind}


def speakers_and_types(extraction):
    """Each quote's first content range -> (speaker, speaker type)."""
    text = extraction.article.text
    return {words_at(text, q.content)[0]: (q.speaker, q.speaker_type) for q in extraction.quotes}


def test_straight_curly_and_two_apostrophe_marks(run):
    text = (
        'Title\n\n"The plan works," Ann Lee said.\n\n'
        "“The plan fails,” Bob Ray said.\n\n"
        "''The plan is late,'' Cal Poe said.\n"
    )
    extraction = run(text)
    speakers = {extraction.article.text[slice(*q.content[0])]: q.speaker for q in extraction.quotes}
    assert speakers == {
        "The plan works": "Ann Lee",
        "The plan fails": "Bob Ray",
        "The plan is late": "Cal Poe",
    }


def test_multi_paragraph_quote_and_speaker_in_the_next_sentence(run):
    text = (
        "Title\n\n"
        "Governor Mia Cole spoke on Friday.\n\n"
        "“We will rebuild the school. It will take two years.\n\n"
        "“Nobody will be left behind,” she said.\n"
    )
    extraction = run(text)
    (quote,) = by_prefix(extraction, "We will rebuild the school")
    assert quote.kind == "direct"
    assert extraction.article.text[slice(*quote.content[-1])].endswith("left behind")
    assert quote.speaker == "Mia Cole"


def test_a_body_named_for_a_person_is_one_speaker_however_it_is_written(run):
    text = (
        "Race\n\n"
        "Hillary Clinton spoke in Iowa. Clinton's campaign said the polls were wrong. The"
        " Clinton campaign said it had raised $5 million. Mrs. Clinton's campaign said she"
        " would debate. The campaign said the ads worked.\n"
    )
    extraction = run(text)
    campaign = ("Hillary Clinton's campaign", "organisation")
    assert speakers_and_types(extraction) == {
        "the polls were wrong": campaign,
        "it had raised $5 million": campaign,
        "she would debate": campaign,
        "the ads worked": campaign,
    }


def test_a_mixed_quote_keeps_the_whole_quotation_it_opens(run):
    text = (
        "Debate\n\n"
        "Donald Trump attacked Rubio on Friday, saying he is "
        '"weak on illegal immigration, you know that. Weak like a baby."\n'
    )
    extraction = run(text)
    (mixed,) = by_prefix(extraction, "he is")
    assert mixed.kind == "mixed"
    assert text[slice(*mixed.content[-1])].endswith('Weak like a baby."')
    # Content that holds the opening mark keeps the closing one too.
    text = 'Talks\n\nThe ministry said the visit would come at an "early date."\n'
    (early,) = by_prefix(run(text), "the visit would come")
    assert text[slice(*early.content[-1])].endswith('"early date."')


def test_a_headline_label_the_parse_misreads_or_an_organisation_noun_still_speaks(run):
    # The tagger reads 'Issa' before a colon as an adjective.
    text = "Issa: Senator Lee’s ‘Honesty Is In Question.’\n\nRep. Nadia Issa spoke on Sunday.\n"
    (headline,) = run(text).quotes
    assert (headline.kind, words_at(text, headline.source)) == ("mixed", ["Issa"])
    assert headline.speaker == "Nadia Issa"
    text = "Okafor camp: Rival’s tax plan threatens jobs\n\nThe campaign spoke on Monday.\n"
    (headline,) = run(text).quotes
    assert words_at(text, headline.source) == ["Okafor camp"]
    assert headline.speaker_type == "organisation"


def test_cue_set_off_inside_its_content(run):
    text = (
        "Title\n\n"
        "Union leader Rosa Marin spoke after the vote.\n\n"
        "The new contract, Marin said, would protect every night-shift job at the plant.\n"
    )
    extraction = run(text)
    (quote,) = by_prefix(extraction, "The new contract")
    parts = words_at(extraction.article.text, quote.content)
    assert parts == ["The new contract", "would protect every night-shift job at the plant"]
    assert (quote.speaker, quote.kind) == ("Rosa Marin", "indirect")
    assert words_at(extraction.article.text, quote.cue) == ["said"]


def test_the_party_cited_is_a_source_not_words(run):
    text = (
        "Visit\n\n"
        "Putin thanked Kim for the invitation, the state news agency\u00a0KCNA said, "
        "citing the Foreign Ministry.\n"
    )
    extraction = run(text)
    (thanked,) = by_prefix(extraction, "Putin thanked Kim")
    # The non-breaking space no longer glues "agency KCNA" into one word ...
    assert (thanked.speaker, thanked.speaker_type) == ("KCNA", "organisation")
    assert text[slice(*thanked.source[0])].endswith("KCNA")
    # ... and "citing the Foreign Ministry" names who KCNA relies on, not what was said.
    assert by_prefix(extraction, "the Foreign Ministry") == []


def test_a_quote_that_continues_keeps_the_mention_that_named_its_speaker(run):
    text = (
        "Rally\n\n"
        "Senator Ann Lee said on Monday that the state would vote for her.\n\n"
        '"Nobody can stop us now, and nobody will."\n'
    )
    extraction = run(text)
    (first,) = by_prefix(extraction, "that the state would vote")
    (later,) = by_prefix(extraction, "Nobody can stop us", candidates=True)
    assert later.speaker == first.speaker == "Ann Lee"
    assert later.source == first.source and text[slice(*later.source[0])].endswith("Ann Lee")


def test_a_quote_that_continues_follows_the_closest_speaker_of_any_kind(run):
    text = (
        "Sanctions\n\n"
        '"We cannot wait any longer," Senator Ann Lee said on Monday.\n\n'
        "Senator Bob Corker said that he and his partners had been careful with the bill. "
        '"If we were to touch the deal in any way, the administration would object."\n'
    )
    extraction = run(text)
    (reported,) = by_prefix(extraction, "that he and his partners")
    (later,) = by_prefix(extraction, "If we were to touch")
    # Not Ann Lee, whose direct quotation is the closest one before.
    assert later.speaker == reported.speaker == "Bob Corker"


def test_quoted_words_the_parse_hangs_on_the_cue_stay_the_quote(run):
    text = (
        "Debate\n\n"
        "Asked about the fees, Ms. Ray replied, “Well, maybe so. "
        "Maybe that is why I would not pay them.”\n"
    )
    (reply,) = by_prefix(run(text), "Well, maybe so")
    assert reply.speaker.endswith("Ray")
    assert "cue:verb_frame(replied)" in reply.evidence


def test_a_quotation_after_a_mixed_quote_and_its_cue_continues_that_quote(run):
    # Not the direct quote earlier in the paragraph: the mixed one just before.
    text = (
        "Donors\n\n"
        "“We check every donor,” said Dana Lake, a spokeswoman for the campaign. "
        "Gifts are vetted against the limits, Lake said, but “we do not ask about income.” "
        "Like most campaigns, “the process is to make sure that each gift is legal,” Lake said. "
        "“If we find out that one is not, we return it.”\n"
    )
    extraction = run(text)
    (first,) = by_prefix(extraction, "We check every donor")
    assert len(first.content) == 1
    (mixed,) = by_prefix(extraction, "Like most campaigns")
    assert words_at(text, mixed.content)[-1].startswith("“If we find out")


def test_a_quotation_on_its_own_goes_on_from_the_sentence_before_it(run):
    text = (
        "Unions\n\n"
        "Governor Dana Lake touted her record on the bill. "
        "“We need to support workers who want a union.”\n\n"
        "Mayor Omar Khan went on.\n\n"
        "“We will rebuild the bridge by May.”\n\n"
        "It is an open question. “Who will pay for the bridge?”\n"
    )
    extraction = run(text)
    (union,) = by_prefix(extraction, "We need to support workers")
    assert (union.speaker, words_at(text, union.cue)) == ("Dana Lake", ["touted"])
    # Past a paragraph break it does not.
    (bridge,) = by_prefix(extraction, "We will rebuild the bridge", candidates=True)
    assert bridge.source == []
    # "It is an open question" is a situation: nobody is credited.
    assert all(q.source == [] for q in by_prefix(extraction, "Who will pay", candidates=True))


def test_a_quoted_sentence_after_a_clause_and_a_comma_is_the_clause_subject_speaking(run):
    text = (
        "Refugees\n\n"
        "Maria Okafor, the agency chief, reacted coolly to the deal, “I am concerned "
        "about any return of whole families.” The deal was signed in May.\n\n"
        "Her office ends its letter with a slogan, “Safe Homes For All.”\n\n"
        "In 2012, she won the county by ten points, “a landslide.”\n"
    )
    extraction = run(text)
    (concerned,) = by_prefix(extraction, "I am concerned")
    assert concerned.kind == "direct"
    assert words_at(text, concerned.source) == ["Maria Okafor, the agency chief"]
    assert concerned.speaker == "Maria Okafor"
    assert by_prefix(extraction, "Safe Homes") == []  # a title, not words anyone said here
    assert all(q.kind != "direct" for q in by_prefix(extraction, "a landslide"))


def test_a_quotation_set_off_by_a_dash_is_its_trailing_cue_s_alone(run):
    text = (
        "Rally\n\n"
        "The senator suggested her rival had shown a fondness for brutal leaders like the "
        "old generals - ''He would have loved the old regime,'' the senator said.\n\n"
        '"I do not think the common view" -- that Lake is a city liberal -- '
        '"is going to last," her pollster says.\n'
    )
    extraction = run(text)
    (loved,) = by_prefix(extraction, "He would have loved")
    assert loved.kind == "direct"
    assert words_at(text, loved.content) == ["He would have loved the old regime"]
    assert words_at(text, loved.source) == ["the senator"]
    # A pair of dashes around an aside leaves the quotation in one piece.
    (view,) = [q for q in extraction.quotes if "common view" in text[slice(*q.content[0])]]
    assert any("is going to last" in part for part in words_at(text, view.content))


def test_what_a_speaker_calls_something_keeps_the_quoted_name_and_not_the_writer_s_words(run):
    text = (
        "Budget\n\n"
        "Lake took the stage in the old mill and called the county board “rotten to the core.”\n\n"
        'In another post, Lake called Ray Poe the "ultimate hypocrite," linking to a story '
        "about his expenses.\n"
    )
    extraction = run(text)
    assert sorted(words_at(text, q.content)[0] for q in extraction.quotes) == [
        'Ray Poe the "ultimate hypocrite,"',
        "the county board “rotten to the core.”",
    ]
    assert all(q.kind == "mixed" for q in extraction.quotes)


def test_objects_that_are_no_words_are_no_quotes(run):
    text = (
        "Campaign\n\n"
        "Clinton has repeatedly accused Donald Trump of lying about his taxes.\n\n"
        "Sanders praised the crowd and posted the clip online.\n\n"
        "Larry Wilmore is now host of “The Nightly Show” on cable.\n"
    )
    extraction = run(text)
    contents = [text[slice(*q.content[0])] for q in extraction.quotes]
    # accused X of Y: who is accused belongs to the claim, as PolNeAR marks it
    assert "Donald Trump of lying about his taxes" in contents
    for junk in ("Donald Trump", "the clip", "The Nightly Show"):
        assert not any(c.strip("“”") == junk for c in contents), junk


def test_titles_and_one_word_topics_are_no_quotes(run):
    text = (
        "Rally\n\n"
        "Ann Lee took the stage to “Eye of the Tiger” on Tuesday.\n\n"
        "Bob Ray criticized Ford on Monday.\n\n"
        "Cal Poe offered his “full support” to the mayor.\n"
    )
    extraction = run(text)
    contents = [text[slice(*q.content[0])] for q in extraction.quotes]
    assert not any("Eye of the Tiger" in c for c in contents)
    assert "Ford" not in contents
    (support,) = by_prefix(extraction, "his “full support”")
    assert support.speaker == "Cal Poe"


def test_a_pronoun_skips_the_people_a_quote_talks_about(run):
    text = (
        "Farm bill\n\n"
        "Senator Ruth Ames said Governor Paul Reed had vetoed the farm bill.\n\n"
        "“Obviously, Paul is making a mistake,” she said.\n\n"
        "She said Reed would lose the next election. “It will not end well,” she added.\n"
    )
    extraction = run(text)
    for prefix in ("Obviously, Paul", "It will not end well"):
        (quote,) = by_prefix(extraction, prefix)
        assert quote.speaker == "Ruth Ames", prefix


def test_the_speaker_between_a_quotation_and_its_cue(run):
    text = (
        "Primary\n\n"
        "“Yes, I support Ann Lee,” Tom Ray III, founder of the Lakes Institute, tells "
        "the Herald in an interview.\n\n"
        '"Nobody listens to us. We have no voice anymore. #Trade," tweeted a farmer from Iowa.\n\n'
        "“Lee needs a plan for rural voters,” Nate Cole, the pollster who founded "
        "pollsite.com tweeted on Wednesday.\n\n"
        "“We were wrong about the plan,” Ramos, 58, told the Herald.\n"
    )
    extraction = run(text)
    (wrong,) = by_prefix(extraction, "We were wrong")
    assert wrong.kind == "direct"
    assert words_at(extraction.article.text, wrong.content) == ["We were wrong about the plan"]
    source = {}
    for prefix in ("Yes, I support", "Nobody listens", "Lee needs a plan"):
        (quote,) = by_prefix(extraction, prefix)
        source[prefix] = words_at(extraction.article.text, quote.source)[0]
    assert source == {
        "Yes, I support": "Tom Ray III, founder of the Lakes Institute",
        "Nobody listens": "a farmer",
        "Lee needs a plan": "Nate Cole, the pollster who founded pollsite.com",
    }


def test_a_closing_description_of_the_last_noun_is_the_writers_aside(run):
    text = (
        "Title\n\n"
        "Mayor Dan Roe said the city would close the Elm Street depot, a bus garage that "
        "has stood empty since the spring.\n"
    )
    (said,) = run(text).quotes
    assert words_at(text, said.content) == ["the city would close the Elm Street depot"]
    text = (
        "Title\n\n"
        "Mayor Dan Roe has promised to close the Elm Street depot, a bus garage that has "
        "stood empty since the spring.\n"
    )
    (promised,) = run(text).quotes
    assert words_at(text, promised.content) == ["to close the Elm Street depot"]
    text = "Title\n\nMayor Dan Roe praised the new depot, a garage that opened in May.\n"
    (praised,) = run(text).quotes
    assert words_at(text, praised.content) == ["the new depot"]
    text = "Title\n\nLund said he had made a hard choice, one that few of his friends understood.\n"
    (said,) = run(text).quotes
    assert words_at(text, said.content) == ["he had made a hard choice"]


def test_transcript_lines_are_their_speakers_words(run):
    text = (
        "Fallin on the race\n\n"
        "Oklahoma Gov. Mary Fallin spoke to the network on Sunday.\n\n"
        "JAKE TAPPER: Do you think the nominee has campaigned as a healer?\n\n"
        "FALLIN: I think he is trying to campaign as a healer.\n\n"
        "Bottom line: the state will vote in March.\n"
    )
    extraction = run(text)
    lines = {q.speaker: q for q in extraction.quotes if q.kind == "direct"}
    assert set(lines) == {"Jake Tapper", "Mary Fallin"}
    answer = lines["Mary Fallin"]
    assert words_at(extraction.article.text, answer.content) == [
        "I think he is trying to campaign as a healer"
    ]
    assert words_at(extraction.article.text, answer.source) == ["FALLIN"]


def test_a_name_and_a_colon_label_the_quotation_after_them(run):
    text = (
        "Containment\n\n"
        "Jane Ortiz and Paul Whitby, among others, reject the term containment.\n\n"
        'Ortiz: "Our goal is to defeat the group." Whitby: "The mission is to destroy it."\n\n'
        "TURNOUT RISES IN OTHER STATES - Ruth Keller: “Turnout has gone up in every state.”\n\n"
        "Ortiz met donors in Miami on Monday.\n\n"
        "Continued Whitby: “So I think it is a very real problem for the party.”\n"
    )
    extraction = run(text)
    said = {words_at(extraction.article.text, q.content)[0]: q for q in extraction.quotes}
    assert {content: q.speaker for content, q in said.items()} == {
        "Our goal is to defeat the group.": "Jane Ortiz",
        "The mission is to destroy it.": "Paul Whitby",
        "Turnout has gone up in every state.": "Ruth Keller",
        "So I think it is a very real problem for the party.": "Paul Whitby",
    }
    keller = said["Turnout has gone up in every state."]
    assert words_at(extraction.article.text, keller.source) == ["Ruth Keller"]
    whitby = said["So I think it is a very real problem for the party."]
    assert words_at(extraction.article.text, whitby.source) == ["Whitby"]


def test_a_quote_inside_a_quote_of_another_style_stays_inside_it(run):
    text = (
        "Lynch\n\n"
        "State Senator Kelli Ward called for the impeachment of the attorney general.\n\n"
        "Ms. Ward stated:\n\n"
        '"The department is not about “Equal Justice Under Law” anymore. '
        "It is about an extreme vision.\n\n"
        '"The latest example of this overreach is the lawsuit."\n\n'
        "The law took effect on March 23.\n"
    )
    extraction = run(text)
    (quote,) = by_prefix(extraction, "The department is not about")
    assert quote.speaker == "Kelli Ward"
    content = " ".join(words_at(extraction.article.text, quote.content))
    assert "“Equal Justice Under Law” anymore" in content
    assert content.rstrip(".").endswith("the lawsuit")


def test_a_quotation_a_cue_closes_is_that_cues_not_the_clause_before(run):
    text = (
        "Gala\n\n"
        "Maria Lopez spoke at the gala on Tuesday.\n\n"
        "Speaking to the crowd, Lopez declared the need for will and drive: "
        "“Change the world and then change it again,” she said.\n\n"
        "Later, Tom Hale was asked about the plan: “It will never work,” he claimed.\n"
        "“We will make it work,” an angry Lopez replied.\n"
    )
    extraction = run(text)
    text = extraction.article.text
    (change,) = by_prefix(extraction, "Change the world")
    assert change.kind == "direct"
    assert words_at(text, change.source) == ["she"]
    assert change.speaker == "Maria Lopez"
    (never,) = by_prefix(extraction, "It will never work")
    assert [text[s:e] for s, e in never.content] == ["It will never work"]
    assert never.speaker == "Tom Hale"
    (reply,) = by_prefix(extraction, "We will make it work")
    assert reply.speaker == "Maria Lopez"


def test_a_clause_ending_in_any_verb_before_a_comma_introduces_the_quotation(run):
    text = (
        "Debate\n\n"
        "After Governor Jerry Brown criticized her husband during a debate, Hillary Clinton "
        "shot back, “I suppose I could have stayed home, but I chose my profession.”\n\n"
        "Governor Terry McAuliffe spoke in Richmond.\n\n"
        '"I have no idea how these men and women voted," he said of people whose rights '
        'were restored, "But I do know that they made an investment in their community."\n'
    )
    extraction = run(text)
    (cookies,) = by_prefix(extraction, "I suppose")
    assert cookies.speaker == "Hillary Clinton"
    assert words_at(extraction.article.text, cookies.cue) == ["shot back"]
    (voted,) = by_prefix(extraction, "I have no idea")
    assert voted.speaker == "Terry McAuliffe"
    assert len(voted.content) == 2  # "But I do know …" is his too


def test_a_title_case_headline_with_a_speech_verb_reports_what_follows(run):
    body = "\n\nBen Carson spoke in Des Moines on Monday about the economy.\n"
    carson = run("Carson says cut regulations, national debt to reduce poverty." + body)
    (quote,) = by_prefix(carson, "cut regulations")
    assert quote.speaker == "Ben Carson"
    assert words_at(carson.article.text, quote.cue) == ["says"]
    fox = run("Hillary Clinton Says No To Fox News As Sanders Turns Up The Heat." + body)
    (quote,) = by_prefix(fox, "No To Fox News")
    # "As Sanders Turns Up The Heat" is the writer's framing, not what she said.
    assert fox.article.text[slice(*quote.content[0])] == "No To Fox News"
    assert quote.speaker == "Hillary Clinton"
    # A reaction ("Responded To") or a noun ("Nomination questions") reports nothing.
    for headline in (
        "CNN Just Responded To Trump’s Debate Demand.",
        "Nomination questions are likely to move to fore.",
        # "Crowd" is no past tense of "crow".
        "Protest Crowd Fills The Square Outside The Hall.",
    ):
        assert run(headline + body).quotes == []


def test_a_quotation_resuming_after_its_cue_clause_is_the_same_quote(run):
    text = (
        "Title\n\n"
        "“Few voters have decided yet,” Ann Lee wrote in a letter to members explaining "
        "why she is running, “but most of them want a change.”\n\n"
        '"The noise," Bob Ray said, as the hall emptied. "The crowds. The endless lines."\n'
    )
    extraction = run(text)
    (letter,) = by_prefix(extraction, "Few voters")
    assert words_at(text, letter.content)[1] == "but most of them want a change."
    assert letter.speaker == "Ann Lee"
    (noise,) = by_prefix(extraction, "The noise")
    assert words_at(text, noise.content) == ["The noise", "The crowds. The endless lines."]
    assert by_prefix(extraction, "The crowds") == []


def test_a_closing_saying_or_telling_is_a_second_cue_not_more_content(run):
    text = (
        "Title\n\n"
        "Governor Ann Okafor said she had no reason to alter her plan, "
        "telling reporters that the vote had been fair.\n\n"
        "Ann Okafor said the county raised $2 million in May, bringing its total to $9 million.\n"
    )
    extraction = run(text)
    (plan,) = by_prefix(extraction, "she had no reason")
    assert words_at(text, plan.content) == ["she had no reason to alter her plan"]
    (told,) = by_prefix(extraction, "that the vote")
    assert told.speaker == "Ann Okafor"
    # Any other participle is what was said.
    (raised,) = by_prefix(extraction, "the county raised")
    assert words_at(text, raised.content)[0].endswith("bringing its total to $9 million")


def test_a_closing_quotation_mark_does_not_end_the_reported_clause(run):
    text = (
        "Title\n\n"
        'Okafor said her running mate is eager to "fight the county machine," fix the '
        "roads, hire more teachers, and cut the waiting lists for housing.\n"
    )
    extraction = run(text)
    (said,) = extraction.quotes
    assert said.kind == "mixed"
    assert words_at(text, said.content)[-1].endswith("cut the waiting lists for housing")


def test_a_question_put_to_a_speaker_is_recorded_without_a_source(run):
    text = (
        "Title\n\n"
        "Asked if she was ever tempted to quit, the mayor said no.\n\n"
        "“Nobody gets it right the first time,” Okafor said when asked about the new "
        "bus routes.\n\n"
        "In an interview on Monday, Ruiz was asked what he thought the county could do "
        "to win back the voters.\n"
    )
    extraction = run(text)
    found = extraction.quotes + extraction.candidates  # nobody credited: candidates
    contents = {words_at(text, q.content)[0]: q for q in found if q.kind == "indirect"}
    # The answer is the mayor's.
    assert contents.pop("no").speaker == "mayor"
    assert set(contents) == {
        "if she was ever tempted to quit",
        "the new bus routes",
        "what he thought the county could do to win back the voters",
    }
    # The asker is not named: nobody is credited with the question.
    assert all(q.speaker is None and q.source == [] for q in contents.values())
    (said,) = by_prefix(extraction, "Nobody gets it right")
    assert said.speaker == "Okafor"


# Sentences the parser misreads; each time the reported clause is still read whole.
MANGLED_CLAUSES = {
    # An opening participle made a second that-clause: the one after the cue
    # that opens with "that" is what was said.
    "two clauses": (
        'Speaking with WXYZ\'s "The Morning Hour" on Monday, during which she also raised '
        "the prospect of a running mate, Okafor remarked that she was pleased to be "
        "debating the budget in her contest with Ruiz.",
        "that she was pleased to be debating the budget in her contest with Ruiz",
    ),
    # The clause's subject hung on the cue.
    "lost subject": (
        "Okafor, the author of a book about mill towns, said the years when every valley "
        "had its own foundry are gone.",
        "the years when every valley had its own foundry are gone",
    ),
    # One clause cut in two ("’s" and "had" each a clause of the cue).
    "cut in two": (
        "Okafor — after a long pause — told me she’s had a fairly quiet year.",
        "she’s had a fairly quiet year",
    ),
}


@pytest.mark.parametrize("case", list(MANGLED_CLAUSES))
def test_a_reported_clause_the_parse_mangles_is_read_whole(run, case):
    sentence, content = MANGLED_CLAUSES[case]
    text = f"Title\n\n{sentence}\n"
    extraction = run(text)
    (reported,) = extraction.quotes
    assert words_at(text, reported.content) == [content]


def test_a_quoted_clause_ending_the_next_sentence_goes_on_quoting_the_speaker(run):
    text = (
        "Title\n\n"
        "''We were not happy at first,'' Ann Lee said. "
        "Now, ''most of the members think the deal is fine.''\n\n"
        "''It was a long night,'' Bob Ray said. The ''long night'' ended at dawn.\n"
    )
    extraction = run(text)
    (lee,) = by_prefix(extraction, "We were not happy")
    assert words_at(text, lee.content)[1] == "most of the members think the deal is fine."
    (ray,) = by_prefix(extraction, "It was a long night")
    assert len(ray.content) == 1  # two words, no clause: the writer's echo


def test_a_clause_the_parse_takes_for_the_object_of_say_is_what_was_said(run):
    text = (
        "Title\n\n"
        "Ray Tan said ending the program before the new funds arrive would hurt families.\n\n"
        "Dale Ortiz says the rise in rents that the council ignores also makes the city"
        " less livable.\n\n"
        "About 6 in 10 members said they liked the plan, and three-quarters said the same"
        " of the budget.\n\n"
        "At the service, Nora Quinn said a prayer that her mother had taught her.\n"
    )
    extraction = run(text)
    contents = sources_by_content(extraction)
    assert contents["ending the program before the new funds arrive would hurt families"] == [
        "Ray Tan"
    ]
    assert not any("prayer" in content for content in contents)  # an object, not words
    assert contents[
        "the rise in rents that the council ignores also makes the city less livable"
    ] == ["Dale Ortiz"]
    assert contents["the same of the budget"] == ["three-quarters"]


def test_a_line_break_ends_what_a_cue_can_claim(run):
    # Some outlets break paragraphs with a single newline.
    text = (
        "Title\n"
        "“It is a cause, not a campaign,” said Ann Cole. “We want everyone who joined us to"
        " have a chance to vote.”\n"
        "Cole did not concede the race, either.\n"
    )
    extraction = run(text)
    (quote,) = [q for q in extraction.quotes if q.kind == "direct"]
    assert words_at(text, quote.content) == [
        "It is a cause, not a campaign",
        "We want everyone who joined us to have a chance to vote.",
    ]
    assert words_at(text, quote.cue) == ["said"]


def test_a_message_to_supporters_saying_words_is_the_senders(run):
    text = (
        "Title\n\n"
        "Her office sent out a message to donors stating, “The senator will not run again"
        " next year.”\n\n"
        "The campaign sent a text message to supporters saying: “We won the state tonight!"
        " Reply GIVE to keep up the fight.”\n"
    )
    extraction = run(text)
    assert sorted(words_at(text, q.source)[0] for q in extraction.quotes) == [
        "Her office",
        "The campaign",
    ]


def test_a_quoted_name_is_still_its_own_source(run):
    text = 'Title\n\n"The Lincoln Project" responded on Twitter, calling the ad a lie.\n'
    extraction = run(text)
    assert {q.speaker for q in extraction.quotes} == {"Lincoln Project"}


def test_a_quotation_a_colon_introduces_ends_at_its_closing_mark(run):
    text = (
        "Title\n\n"
        "The senator emailed supporters saying: “The struggle continues” and vowing to compete"
        " next week.\n\n"
        "The mayor said: “We will not give up on the plan” but left soon after.\n"
    )
    extraction = run(text)
    # The one emailed is not the one writing; what follows "and" / "but" is narration.
    assert {words_at(text, q.content)[0]: (q.kind, q.speaker) for q in extraction.quotes} == {
        "The struggle continues": ("direct", "senator"),
        "We will not give up on the plan": ("direct", "mayor"),
    }


def test_a_phrase_before_a_cue_set_off_mid_sentence_is_part_of_what_was_said(run):
    text = (
        "Title\n\n"
        "At times last year, people close to the mayor said, the mere mention of her name"
        " could make him fume.\n\n"
        "In Chicago, organizers added 160 officers along the route, up from 90 last year,"
        " the paper reported.\n"
    )
    extraction = run(text)
    by_cue = {words_at(text, q.cue)[0]: words_at(text, q.content) for q in extraction.quotes}
    assert by_cue["said"] == [
        "At times last year",
        "the mere mention of her name could make him fume",
    ]
    # A verb with an object of its own ("added 160 officers") is no aside between
    # commas: the sentence around it is not its content.
    assert by_cue["reported"][0].startswith("In Chicago, organizers added 160 officers")
    assert by_cue.get("added", [""])[0] != "In Chicago"


def test_short_answers_to_say_are_what_was_said(run):
    text = (
        "Title\n\n"
        "In the poll, 46 percent of voters said yes. The mayor criticized Ford.\n\n"
        "Most of the voters said so in the earlier poll.\n\n"
        "Jeff Flake said he would.\n\n"
        "Ann Lee said the same.\n"
    )
    extraction = run(text)
    # "criticized Ford" names a target, not words: only "say" keeps contents this short.
    assert sorted(words_at(text, q.content)[0] for q in extraction.quotes) == [
        "he would",
        "so",
        "the same",
        "yes",
    ]


def test_report_and_recall_carry_their_object(run):
    text = (
        "Title\n\n"
        "In April, the bakery chain reported disappointingly flat sales and a wider loss.\n\n"
        "Mr. Dunn, the pastor, spoke at length, recalling a visit to his church by the bishop.\n\n"
        "The mill will close in June, reported the Daily Ledger.\n\n"
        "Mr. Vance reported having $2.4 million in the bank at the end of June.\n"
    )
    extraction = run(text)
    found = sources_by_content(extraction)
    assert found["having $2.4 million in the bank at the end of June"] == ["Mr. Vance"]
    assert found["disappointingly flat sales and a wider loss"] == ["the bakery chain"]
    assert found["a visit to his church"] == ["Mr. Dunn, the pastor"]
    # The object of 'reported' here is who reported it, not what.
    assert "the Daily Ledger" not in found


def test_a_name_the_tagger_reads_as_a_verb_or_a_modal_still_speaks(run):
    # "Trump" and "Will" straight after a quotation come out as a verb and a
    # modal; mid-sentence and capitalised there, they are the speaker.
    text = (
        "Title\n\n"
        '"Marco is nervous tonight," Trump shot back. "Let me finish."\n\n'
        "“The party needs new faces before the convention,” Will wrote.\n\n"
        "George Will is a columnist. Donald Trump is a candidate.\n"
    )
    extraction = run(text)
    found = {
        words_at(text, q.content)[0]: (q.speaker, words_at(text, q.cue)) for q in extraction.quotes
    }
    assert found["Marco is nervous tonight"] == ("Donald Trump", ["shot back"])
    assert found["The party needs new faces before the convention"] == ("George Will", ["wrote"])
    marco = next(q for q in extraction.quotes if q.speaker == "Donald Trump")
    assert words_at(text, marco.content) == ["Marco is nervous tonight", "Let me finish."]


def test_a_title_inside_the_speakers_description_is_not_part_of_the_quote(run):
    # NYT marks: the parse gives the speaker to the quoted verb, or to "As".
    text = (
        "Title\n\n"
        "As Lena Ortiz, professor of law at Yale and author of ''America's Quiet Border,'' put it,"
        " ''Senators should remember that a deal today may be far better than a fight tomorrow.''"
        "\n\n"
        "Lena Ortiz, author of ''The Quiet Border,'' said, "
        "''Senators should remember that a compromise is better.''\n"
    )
    extraction = run(text)
    found = {words_at(text, q.content)[0]: (q.speaker, len(q.content)) for q in extraction.quotes}
    assert found == {
        "Senators should remember that a deal today may be far better than a fight tomorrow.": (
            "Lena Ortiz",
            1,
        ),
        "Senators should remember that a compromise is better.": ("Lena Ortiz", 1),
    }


def test_an_adjective_of_manner_before_the_cue_keeps_its_speaker(run):
    text = (
        "Title\n\n"
        "Ms. Okafor was quick to point out that the clinic had never closed.\n\n"
        "Mr. Lund was eager to say that the bridge would open in May.\n\n"
        "Mr. Pratt is likely to say that the budget is too small.\n\n"
        "Shoppers were slightly more likely to say they preferred the old store to the new one.\n"
    )
    extraction = run(text)
    found = speakers_by_content(extraction, kind="indirect")
    assert found["that the clinic had never closed"] == "Okafor"
    assert found["that the bridge would open in May"] == "Lund"
    # A poll's answers: 'more likely to say' reports what they said.
    assert sources_by_content(extraction)["they preferred the old store to the new one"] == [
        "Shoppers"
    ]
    # A forecast of what someone will say is not something said.
    assert not any("budget" in content for content in found)


def test_a_cue_the_parse_hangs_on_an_auxiliary_still_reports(run):
    text = (
        "Title\n\nStill, he said, he’s learned enough about Dana Reyes to know he can’t"
        " trust her.\n"
    )
    extraction = run(text)
    found = {tuple(words_at(text, q.content)): words_at(text, q.source) for q in extraction.quotes}
    assert found == {
        ("Still", "he’s learned enough about Dana Reyes to know he can’t trust her"): ["he"],
    }


def test_a_report_conjoined_to_a_reported_clause_is_not_part_of_it(run):
    text = (
        "Title\n\n"
        "Inspectors soon noted that Ortiz may have been describing a hypothetical flood, and a"
        " memo cited by her office quoted a few engineers who have seen no sign of the cracks"
        " so far.\n\n"
        "Both Weber and the FDP argue that the ruling class does not respect the wishes of the"
        " voters and that said wishes (via ballots) should be the final judge of policy.\n"
    )
    found = sources_by_content(run(text), kind="indirect")
    assert found["that Ortiz may have been describing a hypothetical flood"] == ["Inspectors"]
    # 'said' before 'wishes' here is an adjective, not somebody else's report.
    assert any(content.endswith("the final judge of policy") for content in found)


def test_a_second_cue_after_while_is_not_part_of_the_first_report(run):
    text = (
        "Title\n\n"
        "Most of the nervous House Republicans have already said they would grudgingly"
        " support Ortiz, while stressing it’s not an endorsement.\n"
    )
    found = sources_by_content(run(text), kind="indirect")
    assert found["they would grudgingly support Ortiz"] == ["Most of the nervous House Republicans"]
    assert "it’s not an endorsement" in found


def test_a_sentence_quoted_before_a_colon_cue_goes_on_from_the_quote_before(run):
    text = (
        "Title\n\n"
        "''We are neighbours,'' Ms. Amari said. ''We are not enemies.'' Mr. Tovar said:"
        " ''The fire that happened today was the work of arsonists.''\n"
    )
    extraction = run(text)
    found = {tuple(words_at(text, q.content)): q.speaker for q in extraction.quotes}
    assert found == {
        ("We are neighbours", "We are not enemies."): "Amari",
        ("The fire that happened today was the work of arsonists.",): "Tovar",
    }


def test_a_verb_read_as_a_participle_after_an_aside_still_has_its_subject(run):
    text = (
        "Title\n\n"
        "Lund, speaking on KXL radio, called Trump a “windbag,” and said he was wrong.\n\n"
        "Clinton, called a liar by Trump, said the claim was false.\n"
    )
    found = sources_by_content(run(text))
    assert found["Trump a “windbag,”"] == ["Lund"]
    # Called by someone else: Lund did not say it.
    assert not any("liar" in content for content in found)


def test_according_to_after_a_cue_reports_the_whole_quotation(run):
    text = (
        "Title\n\n"
        "“I ask you as a favour to me not to stage any protest in the hall,” Ortiz said,"
        " according to CNN. “It matters that you explain this to your groups.”\n"
    )
    extraction = run(text)
    outer, inner = extraction.quotes
    assert words_at(text, outer.source) == ["CNN"]
    assert words_at(text, outer.content) == [
        "“I ask you as a favour to me not to stage any protest in the hall,” Ortiz said",
        "It matters that you explain this to your groups",
    ]
    assert (outer.kind, inner.kind) == ("mixed", "direct")
    assert words_at(text, inner.source) == ["Ortiz"]
    assert inner.parent == 0


def test_a_bare_verb_leaning_on_the_clauses_modal_stays_in_the_content(run):
    text = (
        "Title\n\n"
        "The senator says he would sit the minister down and tell him “no more delays” and"
        " tells the crowd he was the first to act.\n"
    )
    found = {
        words_at(text, q.content)[0]: words_at(text, q.source)
        for q in run(text).quotes
        if q.parent is None
    }
    assert found == {
        "he would sit the minister down and tell him “no more delays”": ["The senator"],
        "he was the first to act": ["The senator"],
    }


def test_the_grounds_of_a_criticism_reach_over_the_day_it_was_made(run):
    text = (
        "Title\n\n"
        "The mayor criticized the council on Tuesday for its vote on the budget.\n\n"
        "The senator criticized the new housing plan in a speech in Denver for its cost.\n\n"
        "The governor praised the firefighters on Sunday for hours.\n"
    )
    # Where it was said is not a day, and 'for hours' is no grounds: the
    # object stops before them (and two words are too short to report).
    found = {words_at(text, q.content)[0] for q in run(text).quotes}
    assert found == {"the council on Tuesday for its vote on the budget", "the new housing plan"}


def test_a_contrasting_report_by_someone_else_is_its_own_quote(run):
    # The parse hangs the 'while' clause on the first report's verb ("ignored").
    text = (
        "Title\n\n"
        "Several teachers said the district had ignored them, while other parents said they"
        " had not heard anything about the plan.\n"
    )
    extraction = run(text)
    assert sources_by_content(extraction) == {
        "the district had ignored them": ["Several teachers"],
        "they had not heard anything about the plan": ["other parents"],
    }
    assert [q.parent for q in extraction.quotes] == [None, None]  # side by side, not nested


def test_a_report_does_not_end_on_the_and_that_joined_the_next(run):
    # The parse hangs the second 'said' on the first and leaves the "and" behind.
    text = (
        "Title\n\n"
        "Three-quarters of the workers said they were very worried about the plant, and more"
        " than 4 in 10 said the mayor would be best at handling it.\n"
    )
    assert "they were very worried about the plant" in sources_by_content(run(text))


def contents_by_cue(extraction):
    """Each quote's cue words -> the words of its content ranges."""
    text = extraction.article.text
    return {" ".join(words_at(text, q.cue)): words_at(text, q.content) for q in extraction.quotes}


def test_a_participle_after_a_report_inside_a_reported_clause_is_the_sayers(run):
    text = (
        "Title\n\n"
        "The agency said that the mayor has expressed her willingness to visit the town,"
        " reporting the results of its finance chief's recent trip.\n"
    )
    reporting = by_prefix(run(text), "the results of its finance chief")
    assert [q.speaker for q in reporting] == ["agency"]


def test_quoted_words_after_a_reported_subject_and_verb_are_a_mixed_quote(run):
    # The two words outside the marks are few beside the quotation, but they are
    # a clause of their own: the ministry reports what Canada expressed.
    text = (
        "Title\n\n"
        "In the Monday bulletin, the ministry said Canada expressed “deep appreciation for the"
        " full support that the EU has shown to the Canadian government and its farmers"
        " regarding the trade talks in Geneva.”\n"
    )
    quotes = run(text).quotes
    (quote,) = [q for q in quotes if q.speaker == "ministry"]
    assert quote.kind == "mixed"
    assert words_at(text, quote.content)[0].startswith("Canada expressed “deep appreciation")
    # Canada is the inner speaker, its report nested in the ministry's.
    (inner,) = [q for q in quotes if q.speaker == "Canada"]
    assert quotes[inner.parent] is quote
    assert "for the full support that the EU has shown" in words_at(text, inner.content)[0]


def test_a_body_owned_by_a_role_is_named_for_the_one_person_with_that_title(run):
    text = (
        "Title\n\n"
        "Foreign Minister Ana Ruiz returned from Lima on Friday. The Peruvian foreign minister's"
        " assistant office said the two sides reached a consensus on trade. Ruiz's assistant"
        " office said the visit was a success.\n"
    )
    assert [q.speaker for q in run(text).quotes] == ["Ana Ruiz's assistant office"] * 2


def test_a_word_quoted_from_a_quotation_is_that_quotations_speakers(run):
    text = (
        "Ann Lee ‘gladly’ accepts invitation to Peru\n\n"
        "“During the talks, the president invited Lee to visit. Lee gladly accepted this"
        " invitation, and the dates will follow,” spokesman Bob Ray told reporters on Monday.\n"
    )
    extraction = run(text)
    mixed = [q for q in extraction.quotes if q.kind == "mixed"]
    assert [(q.speaker, words_at(text, q.content)) for q in mixed] == [("Bob Ray", ["gladly"])]


def test_words_quoted_from_the_subjects_own_quotation_keep_their_clause(run):
    text = (
        "Title\n\n"
        "Nora Quinn backed the “bold new plan” at the meeting. “It is a bold new plan for the"
        " city,” Quinn said on Friday.\n"
    )
    (mixed,) = [q for q in run(text).quotes if q.kind == "mixed"]
    assert (mixed.speaker, words_at(text, mixed.source), words_at(text, mixed.cue)) == (
        "Nora Quinn",
        ["Nora Quinn"],
        ["backed"],
    )


def test_what_is_yet_to_be_done_ends_before_a_past_clause_that_closes_it(run):
    text = (
        "Title\n\n"
        "The agency reported the mayor expressed her willingness to visit Lima soon when she"
        " met the governor in Peru last week.\n"
    )
    contents = contents_by_cue(run(text))
    assert contents["expressed willingness"] == ["to visit Lima soon"]
    assert contents["reported"] == [
        "the mayor expressed her willingness to visit Lima soon when she met the governor in"
        " Peru last week"
    ]


def test_raising_concerns_is_voicing_them(run):
    # Taxes are not voiced, and documents raise questions others ask.
    text = (
        "Title\n\n"
        "Washington and its allies have repeatedly raised concerns about arms deals between"
        " the two countries.\n\n"
        "The council raised taxes on fuel and food last year.\n\n"
        "The documents raised questions about whether the fund rewarded its donors.\n"
    )
    assert contents_by_cue(run(text)) == {
        "raised concerns": ["about arms deals between the two countries"]
    }


def test_a_direct_quote_ends_before_the_comma_that_joins_it_to_its_cue(run):
    text = (
        "Title\n\n"
        "“All further arrangements will go through diplomatic channels,” Ann Lee said.\n\n"
        "“Will it work?” Bob Ray asked. “We will see.”\n"
    )
    assert list(sources_by_content(run(text), kind="direct")) == [
        "All further arrangements will go through diplomatic channels",
        "Will it work?",
    ]
