"""The off-topic ordering check: an answer about something else earns no more than a weak one."""

from __future__ import annotations

from estel.evals import EvalRun
from estel.evals.metrics import off_topic_check


def test_off_topic_check_passes_at_or_below_weak_and_names_the_failing_role() -> None:
    scores = {"weak": {"A": 2.0, "B": 1.5}, "off-topic": {"A": 2.0, "B": 3.6}}
    check = off_topic_check(scores)
    assert check.name == "off-topic ≤ weak"
    assert check.passed is False
    assert "A: 2.0 ≤ 2.0;" in check.detail  # equal is allowed
    assert "B: 3.6 ≤ 1.5 ✗" in check.detail
    assert off_topic_check({"weak": {"A": 2.0}, "off-topic": {"A": 1.0}}).passed is True


def test_off_topic_check_is_not_applicable_without_both_personas() -> None:
    assert off_topic_check({"weak": {"A": 2.0}}).passed is None
    assert off_topic_check({"off-topic": {"A": 2.0}}).passed is None


def test_offline_brain_keeps_off_topic_answers_at_or_below_weak(offline_run: EvalRun) -> None:
    checks = {c.name: c for c in offline_run.metrics.checks}
    assert checks["off-topic ≤ weak"].passed is True, checks["off-topic ≤ weak"].detail
    assert offline_run.metrics.passed
