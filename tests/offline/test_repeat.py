"""A canned answer pasted into every box: the copy answers nothing new (hiring-manager view)."""

from __future__ import annotations

from estel import session
from estel.analysis.repeat import repeated_from
from estel.brains.offline.reactions import REPEATED
from estel.contract import InterviewMeta
from estel.evals.contradictions import AnswerFacts, contradictions

STORY = ("At my last company I owned the on-call rotation for the payments platform, about 40 "
         "services on Kubernetes. I introduced SLOs with error budgets: we agreed 99.9% "
         "availability for checkout, measured from the load balancer logs, and when we burned "
         "more than half the monthly budget we froze feature releases. That cut paging "
         "incidents from about 30 a month to 9 in two quarters.")
OTHER = ("When a deploy broke the search service, I rolled it back within ten minutes, then "
         "wrote a test for the missing index migration and added a canary stage to the "
         "pipeline, so the next three releases went out with no customer-facing errors. I "
         "shared the postmortem with the team and we kept the canary for every service.")


def test_a_copy_is_found_even_reworded_at_the_start_and_end() -> None:
    assert repeated_from(STORY, [OTHER, STORY]) == 2
    dressed = ("Great question. " + STORY.replace("At my last company", "In my previous job")
               + " I am proud of it.")
    assert repeated_from(dressed, [STORY]) == 1


def test_new_detail_on_the_same_project_is_not_a_copy() -> None:
    more = ("On that payments platform, the hard part was agreeing the budget with product: "
            "they wanted 99.99%, I showed them the cost of the fourth nine in on-call hours and "
            "extra regions, and we settled on 99.9% with a quarterly review. I also wrote the "
            "runbook for freezing releases so that the freeze was not a personal decision.")
    assert repeated_from(more, [STORY]) is None
    assert repeated_from(OTHER, [STORY]) is None


def test_short_answers_are_left_to_the_other_checks() -> None:
    assert repeated_from("I don't know, maybe.", ["I don't know, maybe."]) is None


def test_an_interview_of_one_pasted_story_scores_the_copies_as_nothing(engine) -> None:
    meta = InterviewMeta(target_role="Site Reliability Engineer", experience_level="Senior",
                         difficulty="standard", questions_target=4)
    results = [engine.start(meta)]
    answers = [STORY, OTHER, STORY, STORY]
    for answer in answers:
        results.append(engine.answer(results[-1].state, answer))
    first, copy = results[1].assessment, results[3].assessment
    assert first.content > 3
    assert copy.content == 0
    assert "repeats your answer to Q1" in copy.note
    assert results[3].response.payload.question.startswith(REPEATED)
    feedback = results[-1].response.payload
    assert "of an earlier answer" in feedback.summary
    assert not [s for s in feedback.strengths if s.startswith(("Q3", "Q4"))]
    facts = [AnswerFacts(number=n, phase=results[n - 1].response.payload.phase,
                         answer=answers[n - 1], overall=session.overall(r.assessment.scores()))
             for n, r in enumerate(results[1:], start=1)]
    wire = feedback.model_dump(mode="json")
    assert contradictions(wire, facts, wire["scores"]) == []
    honest = [engine.start(meta)]
    for answer in [STORY, OTHER, OTHER.replace("search", "billing"), STORY]:
        honest.append(engine.answer(honest[-1].state, answer))
    assert results[-1].state.score_so_far.content < honest[-1].state.score_so_far.content + 0.01
