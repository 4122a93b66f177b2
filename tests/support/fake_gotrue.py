"""A loopback stand-in for Supabase Auth (GoTrue), mounted at /auth/v1 of the PostgREST stand-in.

It answers what supabase-py's auth client sends: POST /signup, POST /token?grant_type=password
and ?grant_type=refresh_token, GET /user, POST /logout?scope=, POST /otp and POST /verify (an
emailed one-time code). Access tokens are real HS256 JWTs signed with the project's JWT secret,
with the claims Supabase puts in them (sub, role=authenticated, aud, email, exp, session_id), so
the PostgREST stand-in checks them and PostgreSQL's RLS sees `auth.uid()` = sub. Users live in
memory (email, password, confirmed) and in the database's auth.users (the sessions' foreign key).
Errors are GoTrue's: a status, {"code", "error_code", "msg"} and the API-version header that makes
supabase-py read the code. Refresh tokens are single-use, as Supabase's are.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import psycopg

API_VERSION = {"X-Supabase-Api-Version": "2024-01-01"}


def _b64(data: dict[str, Any] | bytes) -> str:
    raw = data if isinstance(data, bytes) else json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def mint(secret: str, role: str, sub: str | None = None, seconds: int = 3600,
         **claims: Any) -> str:
    """A Supabase-style access token: HS256 over the claims, with the project's JWT secret."""
    now = int(time.time())
    body = {"role": role, "aud": "authenticated", "iat": now, "exp": now + seconds,
            **({"sub": sub} if sub else {}), **claims}
    signed = f"{_b64({'alg': 'HS256', 'typ': 'JWT'})}.{_b64(body)}"
    return f"{signed}.{_b64(hmac.new(secret.encode(), signed.encode(), hashlib.sha256).digest())}"


def verified_claims(secret: str, token: str) -> dict[str, Any] | None:
    """The claims of a token signed with `secret` and not expired; None otherwise."""
    signed, _, signature = token.rpartition(".")
    expected = _b64(hmac.new(secret.encode(), signed.encode(), hashlib.sha256).digest())
    if not signed or not hmac.compare_digest(expected, signature):
        return None
    payload = signed.split(".")[-1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return claims if claims.get("exp", 0) > time.time() else None


class AuthError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@dataclass
class User:
    id: str
    email: str
    password: str
    confirmed: bool
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat())

    def json(self) -> dict[str, Any]:
        confirmed_at = self.created_at if self.confirmed else None
        return {"id": self.id, "aud": "authenticated", "role": "authenticated",
                "email": self.email, "email_confirmed_at": confirmed_at,
                "confirmed_at": confirmed_at, "created_at": self.created_at,
                "updated_at": self.created_at, "app_metadata": {"provider": "email"},
                "user_metadata": {}, "identities": [], "is_anonymous": False}


@dataclass
class GoTrue:
    dsn: str
    secret: str
    autoconfirm: bool = True  # a project with "Confirm email" off signs new accounts in at once
    token_seconds: int = 3600
    users: dict[str, User] = field(default_factory=dict)  # email -> user
    refresh_tokens: dict[str, tuple[str, str]] = field(default_factory=dict)  # token -> (user,
    # session id)
    codes: dict[str, str] = field(default_factory=dict)  # email -> the last code "emailed"
    calls: list[str] = field(default_factory=list)  # "POST token?grant_type=password", ...
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add_user(self, email: str, password: str, *, confirmed: bool = True,
                 user_id: str | None = None) -> User:
        user = User(user_id or str(uuid.uuid4()), email.lower(), password, confirmed)
        with psycopg.connect(self.dsn, autocommit=True) as conn:
            conn.execute("insert into auth.users (id, email) values (%s, %s)"
                         " on conflict (id) do nothing", [user.id, user.email])
        self.users[user.email] = user
        return user

    def handle(self, method: str, path: str, query: dict[str, str], headers: dict[str, str],
               body: Any) -> tuple[int, dict[str, str], bytes]:
        route = path.removeprefix("/auth/v1/")
        grant = f"?grant_type={query['grant_type']}" if "grant_type" in query else ""
        with self._lock:
            self.calls.append(f"{method} {route}{grant}")
        try:
            if "apikey" not in headers:
                raise AuthError(401, "no_authorization", "No API key found in request")
            status, answer = self._route(method, route, query, headers, body or {})
        except AuthError as error:
            status, answer = error.status, {"code": error.code, "error_code": error.code,
                                            "msg": error.message}
        payload = b"" if answer is None else json.dumps(answer).encode()
        return status, {"Content-Type": "application/json", **API_VERSION}, payload

    def _route(self, method: str, route: str, query: dict[str, str], headers: dict[str, str],
               body: dict[str, Any]) -> tuple[int, Any]:
        if (method, route) == ("POST", "signup"):
            return self._sign_up(body)
        if (method, route) == ("POST", "token") and query.get("grant_type") == "password":
            return 200, self._password(body)
        if (method, route) == ("POST", "token") and query.get("grant_type") == "refresh_token":
            return 200, self._refresh(str(body.get("refresh_token", "")))
        if (method, route) == ("GET", "user"):
            return 200, self._bearer_user(headers)[0].json()
        if (method, route) == ("POST", "logout"):
            return self._logout(headers, query.get("scope", "global"))
        if (method, route) == ("POST", "otp"):
            return 200, self._send_code(body)
        if (method, route) == ("POST", "verify"):
            return 200, self._verify(body)
        raise AuthError(404, "not_found", f"Unsupported {method} /auth/v1/{route}")

    def _sign_up(self, body: dict[str, Any]) -> tuple[int, Any]:
        email, password = str(body.get("email", "")).lower(), str(body.get("password", ""))
        if email in self.users:
            raise AuthError(422, "user_already_exists", "User already registered")
        if len(password) < 6:
            raise AuthError(422, "weak_password", "Password should be at least 6 characters.")
        user = self.add_user(email, password, confirmed=self.autoconfirm)
        if not self.autoconfirm:
            return 200, {**user.json(), "confirmation_sent_at": user.created_at}
        return 200, self._session(user)

    def _password(self, body: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(str(body.get("email", "")).lower())
        if user is None or not hmac.compare_digest(user.password, str(body.get("password"))):
            raise AuthError(400, "invalid_credentials", "Invalid login credentials")
        if not user.confirmed:
            raise AuthError(400, "email_not_confirmed", "Email not confirmed")
        return self._session(user)

    def _refresh(self, token: str) -> dict[str, Any]:
        with self._lock:
            found = self.refresh_tokens.pop(token, None)  # single use
        if found is None:
            raise AuthError(400, "refresh_token_not_found",
                            "Invalid Refresh Token: Refresh Token Not Found")
        user = next(u for u in self.users.values() if u.id == found[0])
        return self._session(user, found[1])

    def _bearer_user(self, headers: dict[str, str]) -> tuple[User, dict[str, Any]]:
        token = headers.get("authorization", "").removeprefix("Bearer ").strip()
        claims = verified_claims(self.secret, token)
        if claims is None or claims.get("role") != "authenticated":
            raise AuthError(403, "bad_jwt", "invalid JWT: unable to parse or verify signature")
        user = next((u for u in self.users.values() if u.id == claims.get("sub")), None)
        if user is None:
            raise AuthError(403, "user_not_found", "User from sub claim in JWT does not exist")
        return user, claims

    def _logout(self, headers: dict[str, str], scope: str) -> tuple[int, None]:
        user, claims = self._bearer_user(headers)
        with self._lock:
            for token, (owner, session_id) in list(self.refresh_tokens.items()):
                if owner == user.id and (scope == "global" or
                                         (scope == "local") == (session_id == claims.get(
                                             "session_id"))):
                    del self.refresh_tokens[token]
        return 204, None

    def _send_code(self, body: dict[str, Any]) -> dict[str, Any]:
        email = str(body.get("email", "")).lower()
        if email not in self.users and not body.get("create_user", True):
            raise AuthError(422, "otp_disabled", "Signups not allowed for otp")
        if email not in self.users:
            self.add_user(email, secrets.token_hex(16), confirmed=False)
        self.codes[email] = f"{secrets.randbelow(10**6):06d}"
        return {"message_id": None}

    def _verify(self, body: dict[str, Any]) -> dict[str, Any]:
        email = str(body.get("email", "")).lower()
        expected = self.codes.get(email)
        if body.get("type") != "email" or expected is None or body.get("token") != expected:
            raise AuthError(403, "otp_expired", "Token has expired or is invalid")
        del self.codes[email]
        user = self.users[email]
        user.confirmed = True  # an emailed code proves the address
        return self._session(user)

    def _session(self, user: User, session_id: str | None = None) -> dict[str, Any]:
        session_id = session_id or str(uuid.uuid4())
        refresh = secrets.token_urlsafe(24)
        with self._lock:
            self.refresh_tokens[refresh] = (user.id, session_id)
        token = mint(self.secret, "authenticated", user.id, self.token_seconds,
                     email=user.email, session_id=session_id)
        return {"access_token": token, "token_type": "bearer", "expires_in": self.token_seconds,
                "expires_at": int(time.time()) + self.token_seconds, "refresh_token": refresh,
                "user": user.json()}
