"""How an answer was given, in the report's words: spoken delivery, time against the limit."""

from __future__ import annotations

import pytest

from estel.answer_facts import (
    AnswerFacts,
    SpokenDelivery,
    delivery_text,
    facts_line,
    still_spoken,
    summary_lines,
    table_rows,
    time_text,
)


def spoken(wpm: float = 148, fillers: tuple[str, ...] = ("um", "basically", "um"),
           pauses: tuple[float, ...] = (), words: int = 37, seconds: float = 15.0
           ) -> SpokenDelivery:
    return SpokenDelivery(words=words, recording_seconds=seconds, words_per_minute=wpm,
                          fillers=list(fillers), long_pauses=list(pauses))


def test_the_line_a_candidate_reads_for_a_spoken_answer_that_ran_over():
    line = facts_line(AnswerFacts(seconds=130.3, limit_seconds=120, spoken=spoken()))
    assert line == ("spoken, 148 words/min, 3 fillers (um ×2, basically); "
                    "2:10 of a 2:00 limit (0:10 over)")


@pytest.mark.parametrize(("facts", "line"), [
    (AnswerFacts(seconds=100, limit_seconds=120), "typed; 1:40 of a 2:00 limit"),
    (AnswerFacts(seconds=120.4, limit_seconds=120), "typed; 2:00 of a 2:00 limit"),  # not over
    (AnswerFacts(seconds=65), "typed; 1:05"),
    (AnswerFacts(), "typed"),
])
def test_typed_answers_say_their_time_against_the_limit(facts, line):
    assert facts_line(facts) == line
    assert facts_line(facts, any_spoken=False) == line.removeprefix("typed").lstrip("; ")


def test_pace_is_remarked_on_only_when_clearly_fast_or_slow():
    assert delivery_text(spoken(wpm=148, fillers=())) == "spoken, 148 words/min, no fillers"
    assert "fast: aim for about 120–160" in delivery_text(spoken(wpm=195))
    assert "slow: aim for about 120–160" in delivery_text(spoken(wpm=85))
    assert delivery_text(spoken(fillers=(), pauses=(2.5, 4.0))) == (
        "spoken, 148 words/min, no fillers, 2 long pauses (2.5 s, 4 s)")


def test_two_recordings_of_one_answer_add_up():
    first = spoken(words=30, seconds=12, fillers=("um",), pauses=(2.0,))
    both = first.then(spoken(words=20, seconds=8, fillers=("uh",)))
    assert (both.words, both.recording_seconds, both.words_per_minute) == (50, 20, 150)
    assert both.fillers == ["um", "uh"]
    assert both.long_pauses == [2.0]


def test_the_interview_summed_up():
    answers = {1: AnswerFacts(seconds=130, limit_seconds=120, spoken=spoken(words=40,
                                                                             seconds=20)),
               2: AnswerFacts(seconds=60, limit_seconds=120),
               3: AnswerFacts(seconds=150, limit_seconds=120, spoken=spoken(
                   words=20, seconds=10, fillers=("like",), pauses=(3.0,)))}
    assert summary_lines(answers) == [
        "Time: 5:40 in all, 2 of 3 timed answers over the 2:00 limit",
        "Spoken: 2 of 3 answers, 120 words/min on average, 4 fillers (um ×2, basically, like), "
        "1 long pause"]
    assert summary_lines({1: AnswerFacts(seconds=61)}) == ["Time: 1:01 in all"]
    assert summary_lines({}) == []


def test_table_rows_add_limit_and_delivery_columns_only_when_they_say_something():
    assert table_rows({1: AnswerFacts(seconds=61), 2: AnswerFacts()}) == [
        {"Question": 1, "Time taken": "1:01"}]
    rows = table_rows({2: AnswerFacts(seconds=130, limit_seconds=120, spoken=spoken()),
                       1: AnswerFacts(seconds=45.4, limit_seconds=120)})
    assert rows == [
        {"Question": 1, "Time taken": "0:45", "Limit": "2:00", "Over the limit": "no",
         "Given": "typed", "Words/min": "", "Fillers": "", "Long pauses": ""},
        {"Question": 2, "Time taken": "2:10", "Limit": "2:00", "Over the limit": "yes, by 0:10",
         "Given": "spoken", "Words/min": "148", "Fillers": "3 (um ×2, basically)",
         "Long pauses": "none"}]
    [fast] = table_rows({1: AnswerFacts(spoken=spoken(wpm=191, fillers=(), pauses=(2.4,)))})
    assert fast == {"Question": 1, "Time taken": "", "Given": "spoken", "Words/min": "191 (fast)",
                    "Fillers": "none", "Long pauses": "2.4 s"}


def test_time_text_without_a_time_is_empty():
    assert time_text(AnswerFacts(limit_seconds=60)) == ""


def test_an_answer_is_spoken_while_it_is_mostly_what_was_heard():
    heard = "I led the migration of our billing service and cut latency by half"
    assert still_spoken(heard, heard)
    assert still_spoken(heard, heard.replace("half", "fifty percent") + " It took a month.")
    assert not still_spoken(heard, "Let me type this instead: I ran the on-call rota.")
    assert not still_spoken("", "anything")


def test_rates_over_several_recordings_count_their_talking_not_their_silence():
    """A recording measured with its talking time (silence left out) is averaged over that;
    one kept before talking time was measured, over its length."""
    measured = spoken(words=60, seconds=40).model_copy(update={"speaking_seconds": 24.0})
    older = spoken(words=30, seconds=12)
    both = measured.then(older)
    assert (both.recording_seconds, both.speaking_seconds, both.words_per_minute) == (
        52, 36, 150)  # 90 words over 24 + 12 s of talking
    answers = {1: AnswerFacts(spoken=measured), 2: AnswerFacts(spoken=older)}
    assert "150 words/min on average" in summary_lines(answers)[0]
