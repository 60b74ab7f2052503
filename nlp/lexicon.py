"""Word lists the rules consult, kept as data files in nlp/data/ and loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


def read_words(name: str) -> frozenset[str]:
    """One lower-cased entry per line; blank lines and '#' comments ignored."""
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def read_table(name: str) -> list[list[str]]:
    """Tab-separated rows, comments skipped."""
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class Lexicon:
    speech_verbs: frozenset[str]
    belief_verbs: frozenset[str]
    speech_nouns: frozenset[str]
    titles: frozenset[str]
    roles: frozenset[str]
    org_nouns: frozenset[str]
    media_words: frozenset[str]
    unnamed_nouns: frozenset[str]
    pronouns: dict[str, str]
    issuing_verbs: frozenset[str]  # "issued a statement"
    prompting_verbs: frozenset[str]  # "was prompted to say"
    reported_verbs: frozenset[str]  # "is reported to have called"
    performed_verbs: frozenset[str]  # "chanting": voices in a crowd, not a reporter's aside
    headline_breaks: frozenset[str]  # "… As Sanders Turns Up The Heat"
    raised_nouns: frozenset[str]  # "raised concerns"
    share_words: frozenset[str]  # "38 percent of voters said"
    by_saying_preps: frozenset[str]  # "continued by saying"
    eager_adjectives: frozenset[str]  # "was quick to point out"
    object_persons: frozenset[str]  # "prompted him to say"
    messaging_words: frozenset[str]  # "texted supporters saying:"
    sending_verbs: frozenset[str]  # "sent a message saying:"
    honorifics: frozenset[str]
    back_reference_nouns: frozenset[str]
    one_of_determiners: frozenset[str]
    initials_small_words: frozenset[str]
    joining_words: frozenset[str]
    when_said_words: frozenset[str]
    person_pronouns: frozenset[str]
    speaking_pronouns: frozenset[str]
    subordinators: frozenset[str]
    question_words: frozenset[str]
    clause_marks: frozenset[str]
    relative_words: frozenset[str]
    perfect_auxiliaries: frozenset[str]
    predicate_preps: frozenset[str]
    addressed_verbs: frozenset[str]
    telling_words: frozenset[str]
    object_tail_preps: frozenset[str]
    durations: frozenset[str]
    when_or_where_words: frozenset[str]
    time_marks: frozenset[str]
    comparatives: frozenset[str]
    not_somebody_pronouns: frozenset[str]
    speaking_words: frozenset[str]
    title_small_words: frozenset[str]
    irregular_speech_forms: frozenset[str]
    cue_filler_words: frozenset[str]
    irregular_speech_verbs: dict[str, str]  # 'said' -> 'say'


@cache
def load_lexicon() -> Lexicon:
    speech = read_words("speech_verbs.txt")
    return Lexicon(
        speech_verbs=speech,
        # A verb in both lists counts as speech: the speech reading is the one analysts want.
        belief_verbs=read_words("belief_verbs.txt") - speech,
        speech_nouns=read_words("speech_nouns.txt"),
        titles=read_words("titles.txt"),
        roles=read_words("roles.txt"),
        org_nouns=read_words("org_nouns.txt"),
        media_words=read_words("media_words.txt"),
        unnamed_nouns=read_words("unnamed_nouns.txt"),
        pronouns={row[0].lower(): row[1] for row in read_table("pronouns.txt")},
        issuing_verbs=read_words("issuing_verbs.txt"),
        prompting_verbs=read_words("prompting_verbs.txt"),
        reported_verbs=read_words("reported_verbs.txt"),
        performed_verbs=read_words("performed_verbs.txt"),
        headline_breaks=read_words("headline_breaks.txt"),
        raised_nouns=read_words("raised_nouns.txt"),
        share_words=read_words("share_words.txt"),
        by_saying_preps=read_words("by_saying_preps.txt"),
        eager_adjectives=read_words("eager_adjectives.txt"),
        object_persons=read_words("object_persons.txt"),
        messaging_words=read_words("messaging_words.txt"),
        sending_verbs=read_words("sending_verbs.txt"),
        honorifics=read_words("honorifics.txt"),
        back_reference_nouns=read_words("back_reference_nouns.txt"),
        one_of_determiners=read_words("one_of_determiners.txt"),
        initials_small_words=read_words("initials_small_words.txt"),
        joining_words=read_words("joining_words.txt"),
        when_said_words=read_words("when_said_words.txt"),
        person_pronouns=read_words("person_pronouns.txt"),
        speaking_pronouns=read_words("speaking_pronouns.txt"),
        subordinators=read_words("subordinators.txt"),
        question_words=read_words("question_words.txt"),
        clause_marks=read_words("clause_marks.txt"),
        relative_words=read_words("relative_words.txt"),
        perfect_auxiliaries=read_words("perfect_auxiliaries.txt"),
        predicate_preps=read_words("predicate_preps.txt"),
        addressed_verbs=read_words("addressed_verbs.txt"),
        telling_words=read_words("telling_words.txt"),
        object_tail_preps=read_words("object_tail_preps.txt"),
        durations=read_words("durations.txt"),
        when_or_where_words=read_words("when_or_where_words.txt"),
        time_marks=read_words("time_marks.txt"),
        comparatives=read_words("comparatives.txt"),
        not_somebody_pronouns=read_words("not_somebody_pronouns.txt"),
        speaking_words=read_words("speaking_words.txt"),
        title_small_words=read_words("title_small_words.txt"),
        irregular_speech_forms=read_words("irregular_speech_forms.txt"),
        cue_filler_words=read_words("cue_filler_words.txt"),
        irregular_speech_verbs={row[0]: row[1] for row in read_table("irregular_speech_verbs.tsv")},
    )
