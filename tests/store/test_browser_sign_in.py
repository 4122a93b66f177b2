"""Sign-in in a real browser: `streamlit run app.py` on the Supabase stand-in (PostgREST + Supabase
Auth on real PostgreSQL), Chromium fills the sidebar's form, a wrong password is said, and once
signed in History lists only that candidate's interviews."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fake_gotrue import mint
from live_streamlit import chromium_browser, streamlit_server

from estel.auth import WRONG_PASSWORD, SupabaseAuth
from estel.config import load_settings
from estel.engine import TurnResult
from estel.store import open_user_store
from estel.ui import saving

pytestmark = [pytest.mark.postgres, pytest.mark.browser, pytest.mark.slow]
SECRET = "super-secret-jwt-token-with-at-least-32-characters-long"  # conftest.JWT_SECRET
PASSWORD = "correct horse"


def finished_interview(project: Any, tmp_path: Path, role: str,
                       interview: Callable[..., list[TurnResult]]) -> tuple[str, str]:
    """A new account with one finished interview at `role`, saved with its own token."""
    user = project.gotrue.add_user(f"cand-{uuid.uuid4().hex[:8]}@example.com", PASSWORD)
    settings = load_settings(environ={
        "SUPABASE_URL": project.url, "SUPABASE_KEY": mint(SECRET, "service_role"),
        "SUPABASE_ANON_KEY": mint(SECRET, "anon"), "ESTEL_DB_PATH": str(tmp_path / "seed.db")})
    session = SupabaseAuth(project.url, mint(SECRET, "anon")).sign_in(user.email, PASSWORD)
    store = open_user_store(settings, session.access_token, session.user_id)
    turns = interview(2, role=role)
    record, _ = saving.save_start(store, turns[0], language="en", user_id=user.id)
    assert record is not None
    _, receipt = saving.save_end(store, record, turns, language="en", user_id=user.id)
    assert receipt.saved
    return user.email, record.id


def test_sign_in_form_and_history_in_chromium(supabase_project: Any, tmp_path: Path,
                                              interview: Callable[..., list[TurnResult]]
                                              ) -> None:
    expect = pytest.importorskip("playwright.sync_api").expect
    a_email, a_id = finished_interview(supabase_project, tmp_path, "Data Scientist", interview)
    _, b_id = finished_interview(supabase_project, tmp_path, "Product Designer", interview)
    env = {"SUPABASE_URL": supabase_project.url, "SUPABASE_KEY": mint(SECRET, "service_role"),
           "SUPABASE_ANON_KEY": mint(SECRET, "anon"), "ESTEL_SUPABASE_TIMEOUT": "10"}
    with streamlit_server(tmp_path, **env) as url, chromium_browser() as browser:
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.set_default_timeout(30_000)
        page.goto(url)
        sidebar = page.get_by_test_id("stSidebar")
        sidebar.get_by_text("Optional: sign in").wait_for()
        page.get_by_text("Practice interview").wait_for()
        shoot(page, tmp_path, "signed-out")
        sidebar.locator(".st-key-signin_email input").fill(a_email)
        sidebar.locator(".st-key-signin_password input").fill("not the password")
        sidebar.locator(".st-key-signin_submit button").click()
        expect(sidebar.get_by_text(WRONG_PASSWORD)).to_be_visible()
        shoot(page, tmp_path, "wrong-password")
        sidebar.locator(".st-key-signin_password input").fill(PASSWORD)
        sidebar.locator(".st-key-signin_submit button").click()
        expect(sidebar.get_by_text("Signed in as")).to_contain_text(a_email)
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="History").click()
        expect(page.get_by_text("Your interviews (")).to_contain_text(a_email)
        page.get_by_text("1 finished interview, newest first.").wait_for()
        picker = page.get_by_role("combobox", name="Open an interview")
        picker.click()
        options = page.get_by_role("option").all_inner_texts()
        assert len(options) == 1
        assert options[0].endswith(a_id[:8])
        assert "Data Scientist" in options[0]
        page.keyboard.press("Escape")
        assert b_id[:8] not in page.content()
        assert "Product Designer" not in page.content()
        shoot(page, tmp_path, "history-signed-in")
        sidebar.locator(".st-key-signout button").click()
        expect(page.get_by_text("Signed out: interviews saved without an account")).to_be_visible()
        expect(page.get_by_text("No finished interviews yet")).to_be_visible()


def shoot(page: Any, tmp_path: Path, name: str) -> None:
    """A screenshot in tmp_path (copied to ESTEL_SCREENSHOTS, when set, to look at)."""
    path = tmp_path / f"sign-in-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 5_000
    if os.environ.get("ESTEL_SCREENSHOTS"):
        shutil.copy(path, Path(os.environ["ESTEL_SCREENSHOTS"]) / path.name)
