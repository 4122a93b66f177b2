"""Unit tests of lab.variants: variant files, versions, diffs, run plans and saved comparisons."""

from __future__ import annotations

from pathlib import Path

import pytest

from estel.brains.openai.prompt import Prompt
from estel.config import load_settings
from estel.errors import BadInput
from estel.evals.runs_store import RunSummary
from estel.lab import variants as lab

SHIPPED_VERSION = Prompt.from_text(lab.shipped_text()).version


def test_shipped_prompt_is_the_packaged_file_with_a_version() -> None:
    assert lab.shipped_prompt_path().name == "interviewer.md"
    assert lab.front_matter_version(lab.shipped_text()) == SHIPPED_VERSION == "interviewer-v2"


def test_variants_dir_comes_from_the_setting_else_next_to_the_prompt(tmp_path: Path) -> None:
    assert lab.variants_dir(load_settings(environ={})) == \
        lab.shipped_prompt_path().parent / "variants"
    chosen = load_settings(environ={"ESTEL_PROMPT_VARIANTS_DIR": str(tmp_path / "v")})
    assert lab.variants_dir(chosen) == tmp_path / "v"


@pytest.mark.parametrize("name", ["short", "v2_terse", "a", "x" * 48, "short.md"])
def test_valid_variant_names(name: str) -> None:
    assert lab.validate_name(name) == name.removesuffix(".md")


@pytest.mark.parametrize("name", ["", "Short", "-x", "../evil", "a/b", "x" * 49, "with space",
                                  "shipped", "editor", "interviewer", "ümlaut"])
def test_invalid_or_reserved_variant_names_are_refused(name: str) -> None:
    with pytest.raises(BadInput):
        lab.validate_name(name)


def test_set_version_replaces_adds_or_creates_front_matter() -> None:
    assert lab.set_version("---\nversion: a\nauthor: me\n---\nBody\n", "b") == \
        "---\nversion: b\nauthor: me\n---\nBody\n"
    assert lab.set_version("---\nauthor: me\n---\nBody", "b") == \
        "---\nversion: b\nauthor: me\n---\nBody"
    assert lab.set_version("\n\nBody only", "b") == "---\nversion: b\n---\nBody only"
    assert lab.front_matter_version(lab.set_version("Body", "x-1")) == "x-1"
    assert lab.front_matter_version("Body") is None


def test_bump_version_counts_up_past_taken_ids() -> None:
    assert lab.bump_version("interviewer-v1", set()) == "interviewer-v2"
    assert lab.bump_version("interviewer-v1", {"interviewer-v2", "interviewer-v3"}) == \
        "interviewer-v4"
    assert lab.bump_version("draft", set()) == "draft-v2"
    assert lab.bump_version(None, {"variant-v2"}) == "variant-v3"


def test_save_variant_writes_a_versioned_file_and_lists_it(tmp_path: Path) -> None:
    folder = tmp_path / "variants"  # created on first save
    saved = lab.save_variant(folder, "terse", "Ask terse questions.", "terse-v1")
    assert saved.path == folder / "terse.md"
    assert saved.path.read_text(encoding="utf-8") == \
        "---\nversion: terse-v1\n---\nAsk terse questions.\n"
    assert saved.version == "terse-v1"
    assert [v.name for v in lab.list_variants(folder)] == ["terse"]
    assert lab.load_variant(folder, "terse") == saved
    assert lab.known_versions(folder) == {SHIPPED_VERSION, "terse-v1"}


def test_save_variant_never_overwrites_and_refuses_used_versions(tmp_path: Path) -> None:
    lab.save_variant(tmp_path, "one", "First text.", "one-v1")
    with pytest.raises(BadInput, match="already exists"):
        lab.save_variant(tmp_path, "one", "Second text.", "one-v2")
    assert "First text." in (tmp_path / "one.md").read_text(encoding="utf-8")
    with pytest.raises(BadInput, match="already used"):
        lab.save_variant(tmp_path, "two", "Other text.", "one-v1")
    with pytest.raises(BadInput, match="already used"):
        lab.save_variant(tmp_path, "three", "Other text.", SHIPPED_VERSION)
    with pytest.raises(BadInput, match="empty"):
        lab.save_variant(tmp_path, "four", "---\nversion: x\n---\n   \n", "four-v1")
    assert not (tmp_path / "two.md").exists()
    assert not (tmp_path / "four.md").exists()


def test_the_shipped_prompt_cannot_be_overwritten_even_from_its_own_folder() -> None:
    before = lab.shipped_text()
    folder = lab.shipped_prompt_path().parent
    with pytest.raises(BadInput, match="reserved"):
        lab.save_variant(folder, "interviewer", "Hijack.", "hijack-v1")
    assert lab.shipped_text() == before


def test_list_variants_skips_unusable_files(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text("---\nversion: g1\n---\nGood.\n", encoding="utf-8")
    (tmp_path / "empty.md").write_text("---\nversion: e1\n---\n\n", encoding="utf-8")
    (tmp_path / "Bad Name.md").write_text("Text.", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "hashed.md").write_text("No front matter.", encoding="utf-8")
    listed = {v.name: v.version for v in lab.list_variants(tmp_path)}
    assert listed.keys() == {"good", "hashed"}
    assert listed["good"] == "g1"
    assert listed["hashed"].startswith("sha256-")
    assert lab.list_variants(tmp_path / "missing") == []
    with pytest.raises(BadInput, match="no prompt variant"):
        lab.load_variant(tmp_path, "absent")


def test_unified_diff_and_stats() -> None:
    before, after = "a\nb\nc\n", "a\nB\nc\nd\n"
    diff = lab.unified_diff(before, after, "old.md", "new.md")
    assert diff.splitlines()[:2] == ["--- old.md", "+++ new.md"]
    assert "-b" in diff.splitlines()
    assert {"+B", "+d"} <= set(diff.splitlines())
    assert lab.diff_stats(before, after) == (2, 1)
    assert lab.unified_diff(before, before, "x", "y") == ""
    assert lab.diff_stats(before, before) == (0, 0)


def test_side_by_side_rows_mark_changes_with_context() -> None:
    before = "\n".join(f"line {i}" for i in range(10))
    after = before.replace("line 2", "LINE 2").replace("line 8", "line 8\nnew line")
    rows = lab.side_by_side(before, after)
    assert ("changed", "line 2", "LINE 2") in rows
    assert ("added", "", "new line") in rows
    assert ("", "line 1", "line 1") in rows  # one line of context
    assert ("…", "…", "…") in rows  # the gap between the two hunks
    assert ("", "line 5", "line 5") not in rows


def test_size_problem_caps_turns_per_side_by_brain() -> None:
    common = lab.CommonSpec(tuple("abcdefghi"), ("r1", "r2"), 20)  # 9 × 2 × 21 = 378 turns
    assert lab.turns_per_side(common) == 378
    assert lab.size_problem(["offline", "scripted"], common) is None
    problem = lab.size_problem(["offline", "openai"], common)
    assert problem is not None
    assert "378 turns per side" in problem
    assert "caps openai runs at 300" in problem
    assert "python -m estel eval" in problem
    assert lab.size_problem(["offline"], lab.CommonSpec((), ("r",))) == \
        "Choose at least one persona and one role."
    assert "between 1 and 20" in lab.size_problem(["offline"], lab.CommonSpec(("a",), ("r",), 0))


def test_side_config_for_local_brains_ignores_model_and_prompt(tmp_path: Path) -> None:
    settings = load_settings(environ={})
    common = lab.CommonSpec(("strong",), ("Data Scientist",), 3, "hard", "Senior")
    config = lab.side_config("A", lab.SideSpec("offline", "ignored", "editor"), common,
                             settings, tmp_path, "Editor text")
    assert config.label == "A · offline"
    assert config.prompt is None
    assert config.workers == 1
    assert (config.questions_target, config.difficulty, config.experience_level) == \
        (3, "hard", "Senior")
    assert config.settings is settings


def test_side_config_for_openai_sets_model_prompt_and_label(tmp_path: Path) -> None:
    settings = load_settings(environ={"OPENAI_API_KEY": "sk-x"})
    common = lab.CommonSpec(("strong",), ("Data Scientist",))
    lab.save_variant(tmp_path, "terse", "Ask terse questions.", "terse-v1")
    shipped = lab.side_config("A", lab.SideSpec("openai", " "), common, settings, tmp_path, "")
    assert shipped.label == f"A · openai {settings.openai_model} · {SHIPPED_VERSION}"
    assert shipped.prompt == lab.shipped_prompt_path()
    variant = lab.side_config("B", lab.SideSpec("openai", "m2", "terse"), common, settings,
                              tmp_path, "")
    assert variant.label == "B · openai m2 · terse-v1"
    assert variant.prompt == tmp_path / "terse.md"
    assert variant.settings.openai_model == "m2"
    assert settings.openai_model != "m2"  # the app's settings are not changed
    assert variant.workers == lab.WORKERS["openai"]
    editor = lab.side_config("B", lab.SideSpec("openai", "m2", "editor"), common, settings,
                             tmp_path, "---\nversion: draft-7\n---\nDraft.")
    assert editor.prompt == "---\nversion: draft-7\n---\nDraft."
    assert editor.label.endswith("· draft-7")
    with pytest.raises(BadInput):
        lab.side_config("B", lab.SideSpec("openai", "m", "editor"), common, settings, tmp_path,
                        "   ")


def _summary(run_id: str, label: str, created: str, comparison: str | None) -> RunSummary:
    return RunSummary(run_id, created, label, "offline", None, None, comparison, True, 1.0)


def test_group_past_pairs_a_and_b_newest_first() -> None:
    summaries = [
        _summary("b1", "B · scripted", "2026-01-02T10:00:00+00:00", "c1"),
        _summary("a1", "A · offline", "2026-01-02T10:00:00+00:00", "c1"),
        _summary("solo", "offline", "2026-01-03T09:00:00+00:00", None),
        _summary("a0", "A · offline", "2026-01-01T08:00:00+00:00", "c0"),
    ]
    past = lab.group_past(summaries)
    assert [p.key for p in past] == ["run:solo", "c1", "c0"]
    assert [r.id for r in past[1].runs] == ["a1", "b1"]
    assert past[1].title == "2026-01-02 10:00 UTC · A · offline vs B · scripted"
    assert past[0].title == "2026-01-03 09:00 UTC · offline"
