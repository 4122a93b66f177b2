"""Candidate sign-in with Supabase Auth, through supabase-py's auth client.

Email + password (sign up, sign in), or a one-time code sent by email (`sign_in_with_otp`, then
`verify_otp`: the code is typed into the app, so no redirect back to it is needed), token refresh
and sign-out. Stateless: every call builds a client on the project's anon key; the signed-in
session comes back as an `AuthSession` that the caller keeps (the app: `st.session_state`). Every
failure is an `AuthFailure` whose message a candidate can act on.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx
from pydantic import SecretStr

from estel.errors import BadInput

if TYPE_CHECKING:
    from supabase import Client

log = logging.getLogger(__name__)

REFRESH_MARGIN_S = 60  # refresh a token this long before it expires, so no request carries a
# token that dies on the way

WRONG_PASSWORD = "Wrong email or password."
UNCONFIRMED = ("This email is not confirmed yet: open the confirmation link Supabase sent to it, "
               "then sign in.")
UNREACHABLE = ("The sign-in service cannot be reached right now ({detail}). Your interview is "
               "not affected; try again in a moment.")
EXPIRED = "Your sign-in has expired. Sign in again."
# GoTrue error codes -> what the candidate reads
_MESSAGES = {
    "invalid_credentials": WRONG_PASSWORD,
    "email_not_confirmed": UNCONFIRMED,
    "user_already_exists": "An account with this email already exists: sign in instead.",
    "email_exists": "An account with this email already exists: sign in instead.",
    "otp_expired": "That code is wrong or has expired. Ask for a new one.",
    "signup_disabled": "New accounts are turned off for this project.",
    "email_provider_disabled": "Email sign-in is turned off for this project.",
    "over_email_send_rate_limit": "Too many emails were sent; wait a minute and try again.",
    "over_request_rate_limit": "Too many attempts; wait a minute and try again.",
    "user_not_found": "No account has this email.",
    "validation_failed": "Enter a valid email address.",
}
_EXPIRED_CODES = {"refresh_token_not_found", "refresh_token_already_used", "session_not_found",
                  "session_expired", "bad_jwt", "user_not_found"}


class AuthFailure(BadInput):
    """Signing in, up, out or refreshing failed; `expired` means the session is gone."""

    def __init__(self, message: str, *, code: str | None = None, expired: bool = False) -> None:
        super().__init__(message)
        self.code = code
        self.expired = expired


@dataclass(frozen=True)
class AuthSession:
    """A signed-in candidate: who, and the tokens their requests carry."""

    user_id: str
    email: str
    access_token: str
    refresh_token: str
    expires_at: float  # epoch seconds

    def expiring(self, now: float | None = None) -> bool:
        return (now if now is not None else time.time()) >= self.expires_at - REFRESH_MARGIN_S


@dataclass(frozen=True)
class SignUpResult:
    """A new account: signed in at once, or waiting for its email to be confirmed."""

    session: AuthSession | None
    message: str


class SupabaseAuth:
    """Supabase Auth (GoTrue) for one project: `url` and its anon (public) key."""

    def __init__(self, url: str, anon_key: str | SecretStr, timeout: float = 10.0) -> None:
        self.url = url
        self._key = anon_key.get_secret_value() if isinstance(anon_key, SecretStr) else anon_key
        if not self._key:
            raise BadInput("SUPABASE_ANON_KEY is empty.")
        self.timeout = timeout

    def sign_in(self, email: str, password: str) -> AuthSession:
        email = _checked_email(email)
        if not password:
            raise AuthFailure("Enter your password.")
        response = self._call(lambda auth: auth.sign_in_with_password(
            {"email": email, "password": password}))
        return _session(response.session, email)

    def sign_up(self, email: str, password: str) -> SignUpResult:
        email = _checked_email(email)
        if len(password) < 6:  # GoTrue's own minimum; a project may ask for more
            raise AuthFailure("Choose a password of at least 6 characters.")
        response = self._call(lambda auth: auth.sign_up({"email": email, "password": password}))
        if response.session is not None:
            return SignUpResult(_session(response.session, email), "Account created; signed in.")
        return SignUpResult(None, f"Account created. Open the confirmation link sent to {email}, "
                                  "then sign in here.")

    def send_code(self, email: str) -> str:
        """Email a one-time sign-in code (and link) to an existing account."""
        email = _checked_email(email)
        self._call(lambda auth: auth.sign_in_with_otp(
            {"email": email, "options": {"should_create_user": False}}))
        return f"A sign-in code was sent to {email}. Type it below."

    def verify_code(self, email: str, code: str) -> AuthSession:
        email, code = _checked_email(email), code.strip()
        if not code:
            raise AuthFailure("Type the code from the email.")
        response = self._call(lambda auth: auth.verify_otp(
            {"email": email, "token": code, "type": "email"}))
        return _session(response.session, email)

    def refresh(self, session: AuthSession) -> AuthSession:
        """A new access token from the refresh token (which is single-use: keep the new one)."""
        response = self._call(lambda auth: auth.refresh_session(session.refresh_token))
        return _session(response.session, session.email)

    def sign_out(self, session: AuthSession) -> None:
        """Revoke the session on the server (the caller forgets it whatever happens here)."""
        def revoke(auth: Any) -> None:
            auth.set_session(session.access_token, session.refresh_token)  # GET /user
            auth.sign_out({"scope": "local"})  # POST /logout?scope=local

        try:
            self._call(revoke)
        except AuthFailure as error:
            if not error.expired:  # an expired session is signed out already
                raise

    def _call(self, action: Any) -> Any:
        from supabase_auth.errors import AuthApiError, AuthError, AuthRetryableError

        http = httpx.Client(timeout=self.timeout)
        try:
            return action(self._client(http).auth)
        except AuthRetryableError as error:
            raise AuthFailure(UNREACHABLE.format(detail=_short(error.message))) from error
        except AuthApiError as error:
            raise _failure(error.code, error.message, error.status) from error
        except AuthError as error:
            raise _failure(error.code, error.message, None) from error
        except httpx.HTTPError as error:  # not every path wraps the transport's errors
            raise AuthFailure(UNREACHABLE.format(detail=type(error).__name__)) from error
        finally:
            http.close()

    def _client(self, http: httpx.Client) -> Client:
        from supabase import ClientOptions, SupabaseException, create_client

        options = ClientOptions(httpx_client=http, postgrest_client_retry=False,
                                auto_refresh_token=False, persist_session=False)
        try:
            return create_client(self.url, self._key, options=options)
        except SupabaseException as error:
            raise BadInput(f"Invalid Supabase settings: {error.message}") from error


def _failure(code: str | None, message: str, status: int | None) -> AuthFailure:
    if code in _MESSAGES:
        return AuthFailure(_MESSAGES[code], code=code, expired=code in _EXPIRED_CODES)
    if code in _EXPIRED_CODES:  # not any 401: a wrong anon key is one too (Invalid API key)
        return AuthFailure(EXPIRED, code=code, expired=True)
    if code == "weak_password":
        return AuthFailure(f"That password is too weak: {_short(message)}", code=code)
    if status is not None and status >= 500:
        return AuthFailure(UNREACHABLE.format(detail=f"HTTP {status}"), code=code)
    return AuthFailure(f"Sign-in failed: {_short(message)}", code=code)


def _session(session: Any, email: str) -> AuthSession:
    if session is None:  # e.g. a sign-in that needs a further step this app does not offer
        raise AuthFailure("Supabase did not start a session for this account.")
    return AuthSession(user_id=str(session.user.id), email=session.user.email or email,
                       access_token=session.access_token, refresh_token=session.refresh_token,
                       expires_at=float(session.expires_at or time.time() + session.expires_in))


def _checked_email(email: str) -> str:
    email = (email or "").strip()
    local, at, domain = email.partition("@")
    if not (local and at and "." in domain) or any(c.isspace() for c in email):
        raise AuthFailure("Enter a valid email address.")
    return email


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
