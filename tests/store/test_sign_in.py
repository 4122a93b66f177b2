"""estel.auth.SupabaseAuth through supabase-py's real auth client, over HTTP, against the Supabase
Auth stand-in (tests/support/fake_gotrue.py): the tokens it returns are HS256 JWTs that the
PostgREST stand-in and PostgreSQL's RLS accept, and every failure reads as something a candidate
can act on."""

from __future__ import annotations

import time
import uuid
from typing import Any

import pytest
from fake_gotrue import mint, verified_claims

from estel.auth import UNCONFIRMED, WRONG_PASSWORD, AuthFailure, AuthSession, SupabaseAuth

pytestmark = pytest.mark.postgres
SECRET = "super-secret-jwt-token-with-at-least-32-characters-long"  # conftest.JWT_SECRET


def email() -> str:
    return f"cand-{uuid.uuid4().hex[:8]}@example.com"


@pytest.fixture
def auth(supabase_project: Any) -> SupabaseAuth:
    return SupabaseAuth(supabase_project.url, mint(SECRET, "anon"), timeout=5)


def test_sign_in_returns_a_supabase_signed_token_for_the_user(
        supabase_project: Any, auth: SupabaseAuth) -> None:
    user = supabase_project.gotrue.add_user(email(), "correct horse")
    session = auth.sign_in(user.email, "correct horse")
    claims = verified_claims(SECRET, session.access_token)
    assert claims is not None
    assert (session.user_id, session.email) == (user.id, user.email)
    assert (claims["sub"], claims["role"]) == (user.id, "authenticated")
    assert session.expires_at > time.time() + 3000
    assert "POST token?grant_type=password" in supabase_project.gotrue.calls


@pytest.mark.parametrize("who", ["known", "unknown"])
def test_a_wrong_password_or_unknown_email_says_so_without_telling_which(
        supabase_project: Any, auth: SupabaseAuth, who: str) -> None:
    user = supabase_project.gotrue.add_user(email(), "correct horse")
    address = user.email if who == "known" else email()
    with pytest.raises(AuthFailure) as failure:
        auth.sign_in(address, "wrong horse")
    assert failure.value.message == WRONG_PASSWORD
    assert failure.value.code == "invalid_credentials"


def test_an_unconfirmed_email_is_told_to_confirm(supabase_project: Any,
                                                  auth: SupabaseAuth) -> None:
    user = supabase_project.gotrue.add_user(email(), "correct horse", confirmed=False)
    with pytest.raises(AuthFailure, match="not confirmed") as failure:
        auth.sign_in(user.email, "correct horse")
    assert failure.value.message == UNCONFIRMED


def test_an_unreachable_or_failing_auth_server_is_a_network_message(
        supabase_project: Any, auth: SupabaseAuth) -> None:
    user = supabase_project.gotrue.add_user(email(), "correct horse")
    supabase_project.mode = "error500"
    with pytest.raises(AuthFailure, match="cannot be reached right now"):
        auth.sign_in(user.email, "correct horse")
    supabase_project.mode = "ok"
    supabase_project.stop()
    with pytest.raises(AuthFailure, match=r"cannot be reached right now.*interview is not"):
        auth.sign_in(user.email, "correct horse")


def test_bad_input_is_refused_before_any_request(supabase_project: Any,
                                                 auth: SupabaseAuth) -> None:
    for address, password in [("", "x" * 8), ("not-an-email", "x" * 8), ("a@b.co", "")]:
        with pytest.raises(AuthFailure):
            auth.sign_in(address, password)
    with pytest.raises(AuthFailure, match="at least 6"):
        auth.sign_up(email(), "short")
    assert supabase_project.gotrue.calls == []


def test_sign_up_signs_in_at_once_or_asks_to_confirm(supabase_project: Any,
                                                     auth: SupabaseAuth) -> None:
    address = email()
    created = auth.sign_up(address, "a good password")
    assert created.session is not None
    assert created.session.user_id == supabase_project.gotrue.users[address].id
    with pytest.raises(AuthFailure, match="already exists"):
        auth.sign_up(address, "another password")
    supabase_project.gotrue.autoconfirm = False
    waiting = auth.sign_up(other := email(), "a good password")
    assert waiting.session is None
    assert other in waiting.message
    assert "confirmation link" in waiting.message
    with pytest.raises(AuthFailure, match="not confirmed"):
        auth.sign_in(other, "a good password")


def test_refresh_gives_a_new_token_and_the_old_refresh_token_is_spent(
        supabase_project: Any, auth: SupabaseAuth) -> None:
    user = supabase_project.gotrue.add_user(email(), "correct horse")
    first = auth.sign_in(user.email, "correct horse")
    second = auth.refresh(first)
    assert second.refresh_token != first.refresh_token
    assert verified_claims(SECRET, second.access_token)["sub"] == user.id
    with pytest.raises(AuthFailure) as failure:
        auth.refresh(first)
    assert failure.value.expired


def test_sign_out_revokes_the_session_on_the_server(supabase_project: Any,
                                                    auth: SupabaseAuth) -> None:
    user = supabase_project.gotrue.add_user(email(), "correct horse")
    session = auth.sign_in(user.email, "correct horse")
    auth.sign_out(session)
    assert {"GET user", "POST logout"} <= set(supabase_project.gotrue.calls)
    with pytest.raises(AuthFailure) as failure:
        auth.refresh(session)
    assert failure.value.expired
    auth.sign_out(session)  # twice: already signed out is not an error


def test_an_expiring_session_is_due_for_refresh() -> None:
    now = 1_000_000.0
    session = AuthSession("u", "a@b.co", "t", "r", expires_at=now + 3600)
    assert not session.expiring(now)
    assert session.expiring(now + 3600 - 30)


def test_sign_in_with_an_emailed_code(supabase_project: Any, auth: SupabaseAuth) -> None:
    user = supabase_project.gotrue.add_user(email(), "correct horse")
    assert user.email in auth.send_code(user.email)
    sent = supabase_project.gotrue.codes[user.email]
    wrong = f"{(int(sent) + 1) % 10**6:06d}"
    with pytest.raises(AuthFailure, match="wrong or has expired"):
        auth.verify_code(user.email, wrong)
    session = auth.verify_code(user.email, sent)
    assert session.user_id == user.id
    with pytest.raises(AuthFailure, match="wrong or has expired"):
        auth.verify_code(user.email, sent)  # used once


def test_no_code_is_sent_to_an_address_without_an_account(supabase_project: Any,
                                                         auth: SupabaseAuth) -> None:
    with pytest.raises(AuthFailure):
        auth.send_code(email())
    assert supabase_project.gotrue.codes == {}
