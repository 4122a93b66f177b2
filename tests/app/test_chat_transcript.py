"""The chat in a running interview: answered exchanges as one transcript, then the open question."""

from __future__ import annotations

from estel.contract import InterviewQuestionPayload
from estel.ui.components import exchanges_markdown

TRICKY = "# Not a heading\n\n*not bold* :red[not red] $5 <b>x</b>\n- not a list"


def _question(text: str, phase: str = "behavioural") -> InterviewQuestionPayload:
    return InterviewQuestionPayload(
        kind="question", end_of_interview=False, question_id="q", phase=phase, topic="Ownership",
        question=text, difficulty="medium", helper_hint="Use STAR.",
    )


def test_transcript_numbers_exchanges_and_quotes_answers_literally():
    text = exchanges_markdown([
        (1, _question("Tell me about yourself.", "intro"), "I analyse sales data."),
        (2, _question("A time you cut $10k of cost?"), TRICKY),
    ])
    first, second = text.split("\n\n---\n\n")
    assert "**Estel · Q1** :blue-badge[Intro]" in first
    assert "I analyse sales data" in first
    assert "**Estel · Q2** :violet-badge[Behavioural]" in second
    assert r"A time you cut \$10k of cost?" in second  # money, not LaTeX
    quoted = second.split("**You**\n\n", 1)[1].splitlines()
    assert all(line.startswith(">") for line in quoted)  # blank lines stay inside the quote
    assert r"> \# Not a heading" in quoted
    assert r"> \*not bold\* \:red\[not red\] \$5 \<b\>x\</b\>" in quoted
    assert r"> \- not a list" in quoted


def test_answered_exchanges_move_into_one_transcript_above_the_open_question(driver):
    at = driver.start(driver.open(questions=3))
    first_question = at.session_state["estel_run"].current.response.payload.question
    driver.answer(at, 1, TRICKY)
    assert not at.exception

    transcripts = [m.value for m in at.main.markdown if "**Estel · Q1**" in m.value]
    assert len(transcripts) == 1  # one element for the whole answered part
    assert first_question.replace("$", r"\$") in transcripts[0]
    assert r"> \# Not a heading" in transcripts[0]
    hints = [e for e in at.main.expander if e.label == "Need a hint?"]
    assert len(hints) == 1  # only the open question offers its hint
    assert at.text_area(key="answer").value == ""  # emptied for question 2

    driver.answer(at, 2)
    transcripts = [m.value for m in at.main.markdown if "**Estel · Q1**" in m.value]
    assert len(transcripts) == 1
    assert "**Estel · Q2**" in transcripts[0]


def test_after_restart_the_next_interview_starts_with_an_empty_box(driver):
    at = driver.start(driver.open(questions=2))
    at.text_area(key="answer").input("A draft I never sent")
    at.button(key="restart").click().run()
    at.button(key="restart_yes").click().run()
    assert "estel_run" not in at.session_state
    driver.start(at)
    assert not at.exception
    assert at.text_area(key="answer").value == ""
