"""The app with sign-in on (AppTest): the sidebar's form signs a candidate in through Supabase Auth
(the stand-in, over HTTP), their interview is saved under their user_id with their token,
History shows only their interviews (the database's RLS decides, on real PostgreSQL), a wrong
password is said plainly, and signing in or out never loses the interview on the page."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fake_gotrue import mint
from settings_env import offline_app_env
from streamlit.testing.v1 import AppTest

from estel.auth import WRONG_PASSWORD

pytestmark = pytest.mark.postgres
SECRET = "super-secret-jwt-token-with-at-least-32-characters-long"  # conftest.JWT_SECRET
ROOT = Path(__file__).resolve().parents[2]
ANSWER = ("I rebuilt our weekly revenue report in SQL and Python and automated its refresh, "
          "which cut the work from two days to two hours.")
PASSWORD = "correct horse"


@pytest.fixture
def project(supabase_project: Any, tmp_path: Path,
            monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    with offline_app_env(monkeypatch, tmp_path / "outbox.db"):
        monkeypatch.setenv("SUPABASE_URL", supabase_project.url)
        monkeypatch.setenv("SUPABASE_KEY", mint(SECRET, "service_role"))
        monkeypatch.setenv("SUPABASE_ANON_KEY", mint(SECRET, "anon"))
        yield supabase_project


def account(project: Any) -> Any:
    return project.gotrue.add_user(f"cand-{uuid.uuid4().hex[:8]}@example.com", PASSWORD)


def open_app(questions: int = 2) -> AppTest:
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30)
    at.session_state["setup_questions"] = questions
    return at.run()


def sign_in(at: AppTest, email: str, password: str = PASSWORD) -> AppTest:
    at.text_input(key="signin_email").input(email)
    at.text_input(key="signin_password").input(password)
    return at.button(key="signin_submit").click().run()


def sign_out(at: AppTest) -> AppTest:
    return at.button(key="signout").click().run()


def start(at: AppTest, role: str = "Data Analyst") -> AppTest:
    at.selectbox(key="setup_role").select(role)
    return at.button(key="setup_start").click().run()


def answer(at: AppTest, number: int) -> AppTest:
    assert f"Question {number} of" in at.get("progress")[0].proto.text
    at.text_area(key="answer").input(f"{ANSWER} ({number})")
    return at.button(key="send").click().run()


def sidebar_text(at: AppTest) -> str:
    return "\n".join(str(e.value) for kind in ("markdown", "caption", "error", "warning")
                     for e in at.sidebar.get(kind))


def history(at: AppTest) -> AppTest:
    at.switch_page("app_pages/history.py")
    return at.run()


def history_ids(at: AppTest) -> list[str]:
    if not at.selectbox:
        return []
    return [label.rsplit(" · ", 1)[1] for label in at.selectbox(key="history_pick").options]


def owners(pg: Any) -> dict[str, str | None]:
    rows = pg.execute("select id::text, user_id::text from public.interview_sessions").fetchall()
    return {row[0][:8]: row[1] for row in rows}


def test_signing_in_saves_under_the_user_and_history_shows_only_theirs(
        project: Any, pg: Any) -> None:
    a, b = account(project), account(project)
    at = open_app()
    anonymous = _finish_one(at, "Data Engineer")  # signed out: saved without an account
    at = sign_in(at, a.email)
    assert not at.exception
    assert f"Signed in as `{a.email}`" in sidebar_text(at)
    at.session_state["estel_run"] = None  # a new interview
    at = answer(start(at.run(), "Data Scientist"), 1)
    a_id = at.session_state["estel_run"].record.id
    assert owners(pg) == {anonymous[:8]: None, a_id[:8]: a.id}  # stored after the 1st answer
    at = answer(at, 2)
    at = history(sign_in(sign_out(at), b.email))
    assert "No finished interviews yet" in at.info[0].value
    assert b.email in at.caption[0].value
    at.switch_page("app_pages/interview.py")
    b_id = _finish_one(at.run(), "Data Analyst")
    assert owners(pg) == {anonymous[:8]: None, a_id[:8]: a.id, b_id[:8]: b.id}
    assert history_ids(history(at)) == [b_id[:8]]
    at.switch_page("app_pages/dashboard.py")
    assert {m.label: m.value for m in at.run().metric}["Sessions"] == "3"  # the service key
    assert history_ids(history(sign_in(sign_out(at), a.email))) == [a_id[:8]]
    signed_out = history(sign_out(at))
    assert history_ids(signed_out) == [anonymous[:8]]
    assert "without an account" in signed_out.caption[0].value


def _finish_one(at: AppTest, role: str) -> str:
    at.session_state["estel_run"] = None  # a new interview (a finished one leaves the page)
    at = answer(answer(start(at.run(), role), 1), 2)
    assert at.session_state["estel_run"].finished
    return str(at.session_state["estel_run"].record.id)


def test_a_wrong_password_is_said_and_nothing_else_changes(project: Any) -> None:
    a = account(project)
    at = sign_in(open_app(), a.email, "not the password")
    assert [e.value for e in at.sidebar.error] == [WRONG_PASSWORD]
    assert "Signed in as" not in sidebar_text(at)
    assert at.text_input(key="signin_email").value == a.email


def test_signing_in_mid_interview_keeps_the_interview(project: Any, pg: Any) -> None:
    a = account(project)
    at = answer(start(open_app(questions=3)), 1)
    run_id = at.session_state["estel_run"].record.id
    at = sign_in(at, a.email)
    assert "started before you signed in" in sidebar_text(at)
    at = answer(at, 2)  # still the same interview, still saved (as it started: no account)
    assert at.session_state["estel_run"].record.id == run_id
    assert not at.error
    at = answer(sign_out(at), 3)
    assert at.session_state["estel_run"].finished
    assert owners(pg) == {run_id[:8]: None}


def test_signing_out_mid_interview_keeps_it_under_the_account(project: Any, pg: Any) -> None:
    a = account(project)
    at = answer(start(sign_in(open_app(questions=3), a.email)), 1)
    run_id = at.session_state["estel_run"].record.id
    at = answer(answer(sign_out(at), 2), 3)  # finished through the service key
    assert at.session_state["estel_run"].finished
    assert not at.error
    row = pg.execute("select user_id::text, status from public.interview_sessions"
                     " where id = %s", [run_id]).fetchone()
    assert row == (a.id, "completed")


def test_without_the_anon_key_sign_in_is_hidden_with_a_reason(
        project: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SUPABASE_ANON_KEY")
    at = open_app()
    assert "Sign-in is off" in sidebar_text(at)
    assert "SUPABASE_ANON_KEY" in sidebar_text(at)
    assert not [w for w in at.text_input if w.key == "signin_email"]


def test_an_expiring_token_is_refreshed_and_a_revoked_one_signs_out(project: Any,
                                                                    pg: Any) -> None:
    project.gotrue.token_seconds = 30  # inside the refresh margin: every run refreshes it
    a = account(project)
    at = sign_in(open_app(), a.email)
    first = at.session_state["estel_auth_session"].refresh_token
    at = answer(start(at), 1)  # saved with a fresh token each time
    # refresh tokens are single-use and random (an access token refreshed within the same
    # second can be byte-identical: same claims, same iat)
    assert at.session_state["estel_auth_session"].refresh_token != first
    assert "POST token?grant_type=refresh_token" in project.gotrue.calls
    run_id = at.session_state["estel_run"].record.id
    assert owners(pg) == {run_id[:8]: a.id}
    project.gotrue.refresh_tokens.clear()  # revoked elsewhere (e.g. signed out everywhere)
    at = at.run()
    assert "Your sign-in has expired" in sidebar_text(at)
    assert "Signed in as" not in sidebar_text(at)
    at = answer(at, 2)  # the interview goes on, finished through the service key, still A's
    assert at.session_state["estel_run"].finished
    assert owners(pg) == {run_id[:8]: a.id}


def test_create_an_account_and_sign_in_with_an_emailed_code(project: Any) -> None:
    address = f"new-{uuid.uuid4().hex[:8]}@example.com"
    at = open_app()
    at.text_input(key="signin_email").input(address)
    at.text_input(key="signin_password").input(PASSWORD)
    at = at.button(key="signup_submit").click().run()
    assert f"Signed in as `{address}`" in sidebar_text(at)
    at = sign_out(at)
    at.text_input(key="signin_code_email").input(address)
    at = at.button(key="code_send").click().run()
    assert f"sent to {address}" in at.sidebar.success[0].value
    at.text_input(key="signin_code").input(project.gotrue.codes[address])
    at = at.button(key="code_submit").click().run()
    assert f"Signed in as `{address}`" in sidebar_text(at)
