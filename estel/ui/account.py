"""Optional candidate sign-in (Supabase Auth) and the stores that follow from it.

Offered only when sessions go to Supabase and the project's anon key is set
(`SUPABASE_ANON_KEY`); otherwise the sidebar says why it is off. Signed in, the candidate's
interviews are written and read with their own token (`estel.store.open_user_store`), so the
database's row-level security keeps them to their own rows, in History too; the Dashboard stays
on the app's service key (`resources.store_slot`). Signing in or out never touches the interview
on the page: a run keeps writing through the store that owns its row (`run_store_slot`).

Keys: `estel_auth_session` (estel.auth.AuthSession | None: the signed-in candidate),
`estel_user_store` ((access token, SupabaseStore): their store, rebuilt when the token changes),
`estel_auth_notice` (str | None: why the candidate was signed out, shown once).
Widget keys (estel.ui.account_forms): `signin_email`, `signin_password`, `signin_code_email`,
`signin_code`, the buttons `signin_submit`, `signup_submit`, `code_send`, `code_submit`;
`signout`.
"""

from __future__ import annotations

import logging

import streamlit as st

from estel.auth import AuthFailure, AuthSession, SupabaseAuth
from estel.errors import EstelError
from estel.ui import resources, state
from estel.ui.account_forms import sign_in_forms
from estel.ui.resources import StoreSlot

log = logging.getLogger(__name__)

SESSION_KEY = "estel_auth_session"
USER_STORE_KEY = "estel_user_store"
NOTICE_KEY = "estel_auth_notice"
OFF_HINT = ("Sign-in is off. It needs sessions in Supabase (`SUPABASE_URL`, `SUPABASE_KEY`) and "
            "the project's anon key in `SUPABASE_ANON_KEY`.")
SIGNED_OUT_HINT = ("Optional: sign in to keep your interviews under your own account. History "
                   "then shows only yours.")
PAGE_KEYS = ("history_pick", "history_role")  # choices made among the previous user's rows


def auth_client() -> SupabaseAuth | None:
    """Supabase Auth for this project, or None when sign-in is not configured."""
    settings = resources.app_settings().settings
    if not settings.sign_in_configured:
        return None
    return SupabaseAuth(settings.supabase_url or "", settings.supabase_anon_key or "",
                        timeout=settings.supabase_timeout)


def current_session() -> AuthSession | None:
    """The signed-in candidate, their token refreshed when it is about to expire."""
    session: AuthSession | None = st.session_state.get(SESSION_KEY)
    auth = auth_client()
    if session is None or auth is None:
        return None
    if session.expiring():
        try:
            session = auth.refresh(session)
        except AuthFailure as error:
            if error.expired:
                forget(error.message)
                return None
            log.warning("token refresh failed, keeping the old token: %s", error.message)
            return session  # unreachable now: the writes wait in the outbox meanwhile
        st.session_state[SESSION_KEY] = session
    return session


def signed_in_user_id() -> str | None:
    session = current_session()
    return session.user_id if session is not None else None


def history_scope() -> str | None:
    """Whose interviews History lists, when sign-in is on (None when it is off)."""
    if auth_client() is None:
        return None
    session = current_session()
    if session is None:
        return ("Signed out: interviews saved without an account. Sign in (sidebar) to see "
                "your own.")
    return f"Your interviews (`{session.email}`); the database shows no one else's."


def candidate_store_slot() -> StoreSlot:
    """Where the candidate's own interviews live: theirs when signed in; signed out while
    sign-in is on, the app's store showing only interviews without an account; else the app's."""
    if state.override(state.STORE_KEY) is not None:
        return resources.store_slot()
    session = current_session()
    if session is not None:
        return _user_store(session)
    slot = resources.store_slot()
    if auth_client() is None:
        return slot
    from estel.store.supabase import AccountLessView, SupabaseStore  # sign-in on: Supabase

    if isinstance(slot.store, SupabaseStore):
        return StoreSlot(AccountLessView(slot.store), slot.problem)
    return slot


def run_store_slot(run: state.InterviewRun) -> StoreSlot:
    """The store that owns this run's row: the candidate's when it is theirs and they are signed
    in; otherwise the app's (the service key can finish any row and keeps its owner)."""
    if run.record is None:
        return candidate_store_slot()
    session = current_session()
    if (session is not None and run.record.user_id == session.user_id
            and state.override(state.STORE_KEY) is None):
        return _user_store(session)
    return resources.store_slot()


def _user_store(session: AuthSession) -> StoreSlot:
    cached = st.session_state.get(USER_STORE_KEY)
    if cached is not None and cached[0] == session.access_token:
        return StoreSlot(cached[1])
    try:
        from estel.store import open_user_store

        store = open_user_store(resources.app_settings().settings, session.access_token,
                                session.user_id)
    except EstelError as error:
        return StoreSlot(None, error.message)
    _close_user_store()
    st.session_state[USER_STORE_KEY] = (session.access_token, store)
    return StoreSlot(store)


def _close_user_store() -> None:
    cached = st.session_state.pop(USER_STORE_KEY, None)
    if cached is not None and callable(getattr(cached[1], "close", None)):
        cached[1].close()


def sign_in(session: AuthSession) -> None:
    forget()
    st.session_state[SESSION_KEY] = session


def forget(notice: str | None = None) -> None:
    """Sign out on this page (the interview on it stays)."""
    st.session_state.pop(SESSION_KEY, None)
    _close_user_store()
    for key in PAGE_KEYS:
        st.session_state.pop(key, None)
    if notice:
        st.session_state[NOTICE_KEY] = notice


def sign_out() -> None:
    """Revoke the session on the server when it can be reached, and forget it here anyway."""
    session: AuthSession | None = st.session_state.get(SESSION_KEY)
    auth = auth_client()
    if session is not None and auth is not None:
        try:
            auth.sign_out(session)
        except AuthFailure as error:
            log.warning("sign-out was not confirmed by Supabase: %s", error.message)
    forget()


def render_account() -> None:
    """The sidebar's Account section: who is signed in, or the sign-in form, or why it is off."""
    st.markdown("##### Account")
    auth = auth_client()
    if auth is None:
        st.caption(f":material/no_accounts: {OFF_HINT}")
        return
    session = current_session()  # may sign out (an expired session) and leave a notice
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.warning(notice, icon=":material/lock_clock:")
    if session is not None:
        _signed_in(session)
        return
    st.caption(SIGNED_OUT_HINT)
    new = sign_in_forms(auth)
    if new is not None:
        sign_in(new)
        st.rerun()


def _signed_in(session: AuthSession) -> None:
    # code style: markdown would turn the address into a mailto link
    st.markdown(f":material/account_circle: Signed in as `{session.email}`")
    st.caption("Your interviews are saved to your account; History shows only yours.")
    run = state.get_run()
    if run is not None and run.record is not None and run.record.user_id != session.user_id:
        st.caption("The interview on the page was started before you signed in, so it is "
                   "saved without your account.")
    if st.button("Sign out", key="signout", icon=":material/logout:"):
        sign_out()
        st.rerun()
