"""`python -m estel eval`, in process: table, JSON, compare, save/list/show, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from estel.cli import main

FEW = ["--personas", "strong,average,weak,prompt-injector,gibberish", "--roles", "Data Scientist",
       "--questions", "4"]


def test_table_reports_metrics_scores_and_checks(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", *FEW]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^contract validity\s+100\.0%$", out, re.M)
    assert "PASS  strong > average > weak: Data Scientist:" in out
    assert re.search(r"^final overall\s+Data Scientist\s+mean$", out, re.M)
    assert out.rstrip().endswith("RESULT: PASS")


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "--json", *FEW]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["metrics"]["validity"] == 1.0
    assert doc["metrics"]["passed"] is True
    assert doc["config"]["personas"] == ["strong", "average", "weak", "prompt-injector",
                                         "gibberish"]
    assert len(doc["interviews"]) == 5
    assert all(i["finished"] for i in doc["interviews"])
    strong = doc["metrics"]["scores"]["strong"]["Data Scientist"]
    assert strong > doc["metrics"]["scores"]["weak"]["Data Scientist"]


def test_compare_two_brains_prints_a_diff_and_fails_on_the_worse(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "--compare", "offline", "scripted", *FEW]) == 1  # scripted: no order
    out = capsys.readouterr().out
    assert "A: offline" in out
    assert "B: scripted" in out
    assert "Δ (B − A)" in out
    row = next(line for line in out.splitlines() if line.startswith("check: strong > average"))
    assert row.split()[-3:] == ["PASS", "FAIL", "changed"]
    assert "RESULT: A PASS · B FAIL" in out


def test_compare_json(capsys: pytest.CaptureFixture[str]) -> None:
    main(["eval", "--json", "--compare", "offline", "scripted", *FEW])
    doc = json.loads(capsys.readouterr().out)
    assert doc["a"]["label"] == "offline"
    assert doc["b"]["label"] == "scripted"
    assert {"metric": "contract validity", "a": "100.0%", "b": "100.0%", "delta": "="} in doc[
        "diff"]


def test_compare_two_prompt_files_on_the_openai_brain(
        fake_openai, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_text("---\nversion: lab-a\n---\nYou are Estel. Be kind.\n")
    second.write_text("---\nversion: lab-b\n---\nYou are Estel. Be strict.\n")
    code = main(["eval", "--brain", "openai", "--json", "--compare", str(first), str(second),
                 "--personas", "average", "--roles", "Nurse", "--questions", "2"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0  # ordering checks are n/a with one persona; validity is 100%
    assert (doc["a"]["prompt_version"], doc["b"]["prompt_version"]) == ("lab-a", "lab-b")
    assert doc["a"]["metrics"]["mean_tokens"] == 150.0
    systems = {r["messages"][0]["content"] for r in fake_openai.requests}
    assert any("Be kind." in s for s in systems)
    assert any("Be strict." in s for s in systems)


def test_invalid_replies_make_the_run_fail(fake_openai,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    fake_openai.broken_questions = True
    code = main(["eval", "--brain", "openai", "--personas", "strong", "--roles", "Nurse",
                 "--questions", "3"])
    out = capsys.readouterr().out
    assert code == 1
    assert "FAIL  contract validity 100%: 1/2 envelopes valid" in out
    assert "errors (1)" in out
    assert "strong / Nurse: turn 2:" in out


def test_save_then_list_and_show(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["eval", "--save", *FEW]) == 0
    captured = capsys.readouterr()
    assert str(tmp_path / "estel-evals.db") in captured.err
    assert main(["eval", "--runs"]) == 0
    listing = capsys.readouterr().out
    run_id = listing.splitlines()[2].split()[0]
    assert "offline" in listing
    assert "PASS" in listing
    assert main(["eval", "--show", run_id]) == 0
    assert f"run {run_id}" in capsys.readouterr().out


@pytest.mark.parametrize(("argv", "message"), [
    (["--judge"], "--judge needs the openai brain"),
    (["--personas", "strong,nobody"], "Unknown persona(s): nobody"),
    (["--compare", "offline", "no-such-file.md"], "neither a brain"),
    (["--questions", "0"], "--questions must be between 1 and 20"),
    (["--show", "missing"], "no saved run 'missing'"),
])
def test_usage_errors_exit_2(argv: list[str], message: str,
                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", *argv]) == 2
    assert message in capsys.readouterr().err
