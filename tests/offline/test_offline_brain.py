"""The offline brain through the real Engine: plan, no repeats, follow-ups, same in = same out."""

from __future__ import annotations

import re

import pytest

from estel import session
from estel.brains.base import Brain
from estel.brains.offline.brain import OfflineBrain, display_role, fill_role, normalised
from estel.engine import Engine
from estel.handler import handle_request

ROLES = ("Senior Software Engineer", "BA", "Data Scientist", "Marine Biologist", "UX/UI Designer")
THIN = "I fixed the bug."


def alternating(personas):
    """Strong answers, with a thin one every third question: exercises adapting and follow-ups."""
    strong = personas["strong"]
    return lambda phase, n: THIN if n % 3 == 0 else strong(phase, n)


def asked(results):
    return [r.response.payload for r in results[:-1]]


def test_offline_brain_is_an_honest_brain():
    brain = OfflineBrain()
    assert isinstance(brain, Brain)
    assert brain.name == "offline"
    assert "offline" in brain.label.lower()
    assert "rule-based" in brain.label.lower()


@pytest.mark.parametrize("difficulty", ["easy", "standard", "hard"])
def test_every_length_follows_the_plan_without_repeating(engine, run, make_meta, personas,
                                                         difficulty):
    for total in range(1, 21):
        role = ROLES[total % len(ROLES)]  # every role meets short, medium and long interviews
        results = run(engine, make_meta(role, difficulty, total), alternating(personas))
        questions = asked(results)
        assert len(questions) == total
        assert tuple(q.phase for q in questions) == session.phase_plan(total)
        texts = [normalised(q.question) for q in questions]
        assert len(set(texts)) == total, f"repeat in {role}/{difficulty}/{total}"
        for q in questions:
            assert session.clamp_difficulty(q.difficulty, difficulty) == q.difficulty
            assert "{role}" not in q.question
            assert q.topic
            assert q.helper_hint
        # nothing answered yet: the first question is at the meta's difficulty
        assert questions[0].difficulty == session.base_difficulty(difficulty)
        final = results[-1]
        assert final.finished
        assert final.brain == "offline"
        assert final.trace is not None
        assert final.trace.prompt_version == "offline-v1"


@pytest.mark.parametrize("persona", ["strong", "vague"])
def test_twenty_questions_never_repeat_for_any_family(engine, run, make_meta, personas, bank,
                                                      persona):
    roles = [f.titles[0] for f in bank.values() if f.titles] + ["Zookeeper"]
    for role in roles:
        for difficulty in ("easy", "hard"):
            questions = asked(run(engine, make_meta(role, difficulty, 20), personas[persona]))
            assert len({normalised(q.question) for q in questions}) == 20


def test_a_thin_answer_gets_a_follow_up_that_quotes_it(engine, make_meta, personas):
    strong = personas["strong"]
    result = engine.start(make_meta("Software Engineer", total=8))
    result = engine.answer(result.state, strong("intro", 1))
    assert result.response.payload.phase == "behavioural"
    topic = result.response.payload.topic
    result = engine.answer(result.state, THIN)
    follow_up = result.response.payload
    assert follow_up.phase == "behavioural"
    assert "'fixed the bug'" in follow_up.question
    assert follow_up.topic == f"Follow-up: {topic}"
    assert follow_up.helper_hint
    assert result.assessment is not None
    assert result.assessment.content < 2
    # a second thin answer does not start a chain of follow-ups
    result = engine.answer(result.state, THIN)
    assert not result.response.payload.topic.startswith("Follow-up")


def test_no_follow_up_when_the_phase_changes(engine, make_meta, personas):
    strong = personas["strong"]
    result = engine.start(make_meta("Software Engineer", total=4))  # intro, beh, tech, wrap_up
    result = engine.answer(result.state, strong("intro", 1))
    result = engine.answer(result.state, THIN)  # last behavioural question
    assert result.response.payload.phase == "technical"
    assert not result.response.payload.topic.startswith("Follow-up")


def test_follow_up_names_the_topic_when_nothing_can_be_quoted(engine, make_meta, personas):
    result = engine.start(make_meta("Software Engineer", total=8))
    result = engine.answer(result.state, personas["strong"]("intro", 1))
    topic = result.response.payload.topic
    result = engine.answer(result.state, "Not sure, it depends.")
    follow_up = result.response.payload
    assert follow_up.topic == f"Follow-up: {topic}"
    assert topic.lower() in follow_up.question.lower()


def test_no_follow_up_for_gibberish_or_injection(engine, make_meta, personas):
    for persona in ("gibberish", "injection"):
        results = [engine.start(make_meta("Data Analyst", total=8))]
        for n in range(1, 5):
            answer = personas[persona]("behavioural", n)
            results.append(engine.answer(results[-1].state, answer))
        assert not any(r.response.payload.topic.startswith("Follow-up") for r in results)


def test_unknown_role_is_named_in_generic_questions_as_typed(engine, run, make_meta, personas):
    results = run(engine, make_meta("Marine Biologist", total=12), personas["strong"])
    for question in asked(results):
        assert "Marine Biologist" in question.question
        assert "marine biologist" not in question.question
    assert "Marine Biologist" in results[-1].response.payload.summary


def test_role_family_questions_come_from_the_bank(engine, run, make_meta, personas, bank):
    results = run(engine, make_meta("Senior BA", total=8), personas["strong"])
    own = {normalised(fill_role(q.question, "Senior BA"))
           for q in bank["business_analysis"].questions}
    # a later question opens with a reaction to the previous answer, then the bank's question
    assert all(any(normalised(q.question).endswith(text) for text in own)
               for q in asked(results))


def test_articles_agree_with_the_role():
    assert fill_role("How did you come to work as a {role}?", "operations manager") == (
        "How did you come to work as an operations manager?")
    assert fill_role("As a new {role} here?", "UX designer") == "As a new UX designer here?"
    assert fill_role("Working as a {role}?", "SDE") == "Working as an SDE?"
    assert fill_role("{role} work is hard?", "nurse") == "Nurse work is hard?"
    # the title capitalised as typed (issue 13), spacing tidied
    assert display_role("  Senior   Data Scientist ") == "Senior Data Scientist"
    assert display_role("Sr. BA") == "Sr. BA"


def test_abbreviations_typed_in_lower_case_read_as_abbreviations():
    # QA found "as a sre": a title typed all lower case keeps its words, but its
    # abbreviations (catalogue titles like 'sre', initialisms like 'ux') are written as such.
    assert fill_role("How did you come to work as a {role}?", display_role("sre")) == (
        "How did you come to work as an SRE?")
    assert display_role("senior sde") == "senior SDE"
    assert display_role("ux designer") == "UX designer"
    assert display_role("devops engineer") == "DevOps engineer"
    assert display_role("data scientist") == "data scientist"
    assert display_role("chef") == "chef"  # a word, not an abbreviation
    assert display_role("Sre Lead") == "Sre Lead"  # typed with capitals: kept as typed


def test_difficulty_moves_one_step_with_the_answers(engine, make_meta, personas):
    start = engine.start(make_meta("Software Engineer", "standard", 8))
    strong = engine.answer(start.state, personas["strong"]("intro", 1))
    vague = engine.answer(start.state, personas["vague"]("intro", 1))
    assert strong.response.payload.difficulty == "hard"
    assert vague.response.payload.difficulty == "easy"


def test_same_inputs_give_identical_envelopes(run, make_meta, personas):
    for role in ROLES:
        interview = make_meta(role, "hard", 9)
        first = run(Engine(OfflineBrain()), interview, alternating(personas))
        second = run(Engine(OfflineBrain()), interview, alternating(personas))
        assert [r.envelope().to_wire() for r in first] == [r.envelope().to_wire() for r in second]
        assert [r.assessment for r in first] == [r.assessment for r in second]


def test_different_answers_can_lead_to_different_questions(engine, run, make_meta, personas):
    interview = make_meta("Generalist", "standard", 10)
    strong = [q.question for q in asked(run(engine, interview, personas["strong"]))]
    average = [q.question for q in asked(run(engine, interview, personas["average"]))]
    assert strong != average


def test_feedback_cites_questions_and_names_role_and_dimensions(engine, run, make_meta, personas):
    results = run(engine, make_meta("Product Manager", total=8), alternating(personas))
    feedback = results[-1].response.payload
    topics = {item.topic for item in results[-1].state.transcript}
    assert "Product Manager" in feedback.summary
    assert re.search(r"Strongest dimension: (communication|content|confidence)", feedback.summary)
    assert re.search(r"weakest: (communication|content|confidence)", feedback.summary)
    lines = "\n".join(feedback.strengths + feedback.improvements)
    cited = re.findall(r"^Q(\d+) \(([^)]*)\)", lines, flags=re.MULTILINE)
    assert cited, "strengths/improvements must cite questions"
    for number, topic in cited:
        assert results[-1].state.transcript[int(number) - 1].topic == topic
    assert feedback.skill_gaps
    assert set(feedback.skill_gaps) <= {t.removeprefix("Follow-up: ")
                                                              for t in topics}
    assert 2 <= len(feedback.next_steps) <= 8
    scores = feedback.scores
    assert scores.overall == session.overall(results[-1].state.score_so_far)


def test_feedback_names_the_worst_topics_as_skill_gaps(engine, make_meta, personas):
    result = engine.start(make_meta("Software Engineer", total=5))
    answers = [personas["strong"]("intro", 1), personas["strong"]("behavioural", 2),
               personas["vague"]("behavioural", 3), personas["strong"]("technical", 4),
               personas["strong"]("wrap_up", 5)]
    for answer in answers:
        result = engine.answer(result.state, answer)
    weak_topic = result.state.transcript[2].topic.removeprefix("Follow-up: ")
    assert result.response.payload.skill_gaps[0] == weak_topic
    assert any(line.startswith("Q3 (") for line in result.response.payload.improvements)


def test_a_full_interview_through_handle_request(make_meta, personas):
    engine = Engine(OfflineBrain())
    request = {"message": "", "language": "en", "context": {
        "context": "interview_session", "meta": make_meta("BA").model_dump(),
        "session_state": None}}
    envelope = handle_request(request, engine)
    for n in range(1, 9):
        assert envelope["status"] == "success", envelope
        state = envelope["payload"]["session_state"]
        phase = envelope["payload"]["payload"]["phase"]
        request = {**request, "message": personas["average"](phase, n),
                   "context": {**request["context"], "session_state": state}}
        envelope = handle_request(request, engine)
    assert envelope["status"] == "success"
    assert envelope["payload"]["payload"]["kind"] == "feedback"


def test_an_interview_of_injections_scores_zero_and_says_why(engine, run, make_meta, personas):
    results = run(engine, make_meta("Chef", total=6), personas["injection"])
    feedback = results[-1].response.payload
    assert feedback.scores.overall == 0
    assert "All three dimensions are below 5" in feedback.summary
    assert "Strongest" not in feedback.summary
    assert "6 of 6 answers earned nothing" in feedback.summary
    assert feedback.next_steps[0].startswith("Answer every question in your own words")
    assert all("instructions to the interviewer" in line for line in feedback.improvements)


def test_a_one_question_interview_is_worded_in_the_singular(engine, run, make_meta, personas):
    # QA found "1 questions" in the summary of a one-question interview.
    feedback = run(engine, make_meta("Product Manager", "standard", 1), personas["average"])
    text = feedback[-1].response.payload.summary
    assert "(1 question," in text, text
    assert "1 questions" not in text


def test_counted_agrees_with_the_count():
    from estel.analysis.wording import counted

    assert [counted(n, "session") for n in (0, 1, 2, 1200)] == [
        "0 sessions", "1 session", "2 sessions", "1,200 sessions"]
    assert counted(1, "filler word") == "1 filler word"
    assert counted(3, "person", "people") == "3 people"


def test_the_final_turn_reuses_each_answers_analysis(monkeypatch, run, make_meta, personas):
    """Each answer is analysed once per process: the final turn finds the analyses its own
    turns made (it used to analyse all of them again, ~45% of the brain's CPU)."""
    import estel.brains.offline.brain as offline

    calls: list[str] = []
    analyse = offline.analyse_answer

    def counting(answer, *args, **kwargs):
        calls.append(answer)
        return analyse(answer, *args, **kwargs)

    monkeypatch.setattr(offline, "analyse_answer", counting)
    results = run(Engine(OfflineBrain()), make_meta("Data Scientist", total=8),
                  alternating(personas))
    assert results[-1].finished
    answers = [item.answer for item in results[-1].state.transcript]
    assert sorted(calls) == sorted(answers)  # one analysis per answer, the final one included


def test_a_final_turn_without_the_earlier_turns_gives_the_same_feedback(run, make_meta,
                                                                        personas):
    """What is reused is what would be computed: a fresh brain (another worker process, a
    restart) answering only the last turn gives the same envelope."""
    for role in ROLES[:3]:
        results = run(Engine(OfflineBrain()), make_meta(role, "standard", 8),
                      alternating(personas))
        last_state, last_answer = results[-2].state, results[-1].state.transcript[-1].answer
        fresh = Engine(OfflineBrain()).answer(last_state, last_answer)
        assert fresh.envelope().to_wire() == results[-1].envelope().to_wire()
        assert fresh.assessment == results[-1].assessment
