"""The pure pieces behind the report: ReportView, Markdown, charts, setup rules, receipts."""

from __future__ import annotations

from dataclasses import replace

import pytest

from estel.brains.scripted import ScriptedBrain
from estel.contract import MAX_ANSWER_CHARS, InterviewMeta
from estel.dashboard.charts import per_question_figure, radar_figure
from estel.engine import Engine
from estel.report import ReportView, entry_score, markdown_report, report_file_stem
from estel.store.base import SaveReceipt
from estel.store.records import completed_record, new_record
from estel.ui.forms import SetupChoice, answer_problem, meta_from, setup_problems
from estel.ui.saving import receipt_text, save_end, save_start

META = InterviewMeta(target_role="Data Analyst", experience_level="Junior",
                     difficulty="standard", questions_target=3)


@pytest.fixture
def turns():
    engine = Engine(ScriptedBrain())
    result = [engine.start(META)]
    for number in range(1, 4):
        result.append(engine.answer(result[-1].state, f"Answer *{number}*\n# not a heading"))
    return result


def test_report_from_turns_matches_report_from_the_stored_record(turns):
    live = ReportView.from_turns(turns)
    record = completed_record(new_record(turns[0]), turns)
    stored = ReportView.from_record(record)
    assert stored.entries == live.entries
    assert stored.scores == live.scores
    assert (stored.summary, stored.skill_gaps) == (live.summary, live.skill_gaps)
    assert [e.phase for e in live.entries] == ["intro", "behavioural", "wrap_up"]
    assert [entry_score(e) for e in live.entries] == [6.0, 6.0, 6.0]  # scripted 6/5/7


def test_report_needs_a_finished_interview(turns):
    with pytest.raises(ValueError, match="finished"):
        ReportView.from_turns(turns[:2])


def test_markdown_report_has_every_section_and_quotes_answers(turns):
    text = markdown_report(ReportView.from_turns(turns), saved_note="Saved to SQLite: x.db.")
    for heading in ("## Summary", "## Scores", "## Strengths", "## Improvements",
                    "## Skill gaps", "## Next steps", "## Transcript"):
        assert heading in text
    assert "> # not a heading" in text  # an answer cannot inject a heading
    assert "### Q3 · Wrap-up ·" in text
    assert text.rstrip().endswith("Saved to SQLite: x.db.")


def test_download_file_names_are_safe(turns):
    view = replace(ReportView.from_turns(turns), target_role="C++ / Rust Engineer!!")
    assert report_file_stem(view) == "estel-c-rust-engineer"


def test_radar_closes_the_polygon_on_a_0_to_10_axis():
    fig = radar_figure({"communication": 7.5, "content": 4, "confidence": 6.2})
    trace = fig.data[0]
    assert list(trace.r) == [7.5, 4.0, 6.2, 7.5]
    assert list(trace.theta) == ["Communication 7.5", "Content 4.0", "Confidence 6.2",
                                 "Communication 7.5"]  # the score in the label, not on a point
    assert tuple(fig.layout.polar.radialaxis.range) == (0, 10)


def test_per_question_chart_has_three_series_and_skips_unscored_entries(turns):
    entries = list(ReportView.from_turns(turns).entries)
    unscored = entries[0].model_copy(update={"communication": None, "question_id": "q9"})
    fig = per_question_figure([*entries, unscored])
    assert [t.name for t in fig.data] == ["Communication", "Content", "Confidence"]
    assert list(fig.data[0].x) == ["Q1", "Q2", "Q3"]
    assert list(fig.data[1].y) == [5.0, 5.0, 5.0]


def test_setup_rules():
    good = SetupChoice("Data Analyst", "Junior", "hard", 20, "en")
    assert setup_problems(good) == {}
    assert meta_from(good).questions_target == 20
    bad = SetupChoice("  ", "", "extreme", 21, "fr")
    assert set(setup_problems(bad)) == {"role", "level", "difficulty", "questions", "language"}
    assert "role" in setup_problems(SetupChoice("x" * 121, "Junior", "easy", 1, "en"))


def test_answer_limit_is_enforced_before_sending():
    assert answer_problem("ok") is None
    assert answer_problem("a" * MAX_ANSWER_CHARS) is None
    assert "8,001 characters" in answer_problem("a" * (MAX_ANSWER_CHARS + 1))
    assert answer_problem(" \n ") == "Write an answer before sending."


def test_saving_without_a_store_still_builds_the_record(turns):
    record, receipt = save_start(None, turns[0], language="en", problem="Store down.")
    assert record is not None
    assert not receipt.saved
    assert receipt.message == "Store down."
    done, receipt = save_end(None, None, turns, language="en")
    assert done is not None
    assert done.status == "completed"
    assert not receipt.saved


def test_receipt_lines():
    assert receipt_text(SaveReceipt(True, "SQLite: a.db", message="x")) == "Saved to SQLite: a.db."
    assert receipt_text(SaveReceipt(False, "", message="No.")) == "Not saved: No."
    assert receipt_text(None) == "Not saved yet."


def test_cached_brain_is_rebuilt_after_a_hot_reload():
    """Streamlit re-imports every estel module on a source change; old cached objects must go."""
    import importlib

    from estel.ui import resources

    resources.reload_resources()
    first = resources.brain_slot().brain
    assert resources.brain_slot().brain is first  # cached across reruns
    importlib.reload(resources)
    assert resources.brain_slot().brain is not first


def test_markdown_helpers_keep_text_literal():
    from estel.ui.components import badges_markdown, escape_markdown, prose

    assert prose("a $100k budget and $5") == r"a \$100k budget and \$5"
    assert escape_markdown("# Title *bold* :red[x]") == r"\# Title \*bold\* \:red\[x\]"
    assert badges_markdown("technical", "SQL [joins]", "hard") == (
        ":orange-badge[Technical] :gray-badge[:material/sell: SQL joins] :red-badge[hard]")
