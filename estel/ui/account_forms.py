"""The sidebar's sign-in forms: email + password (sign in, create an account), and a one-time
code sent by email. Each returns the new AuthSession once the candidate is signed in; every
failure is shown under the form (estel.auth words it) and nothing else on the page changes."""

from __future__ import annotations

import streamlit as st

from estel.auth import AuthFailure, AuthSession, SignUpResult, SupabaseAuth

EMAIL_KEY = "signin_email"
PASSWORD_KEY = "signin_password"
CODE_KEY = "signin_code"
CODE_EMAIL_KEY = "signin_code_email"


def sign_in_forms(auth: SupabaseAuth) -> AuthSession | None:
    """The password form, then the emailed-code form; the session if one of them signed in."""
    return _password_form(auth) or _code_form(auth)


def _password_form(auth: SupabaseAuth) -> AuthSession | None:
    with st.form("signin_form", border=False, enter_to_submit=True):
        email = st.text_input("Email", key=EMAIL_KEY, type="email", autocomplete="email")
        password = st.text_input("Password", key=PASSWORD_KEY, type="password",
                                 autocomplete="current-password")
        with st.container(horizontal=True):
            signing_in = st.form_submit_button("Sign in", key="signin_submit", type="primary",
                                               icon=":material/login:")
            signing_up = st.form_submit_button("Create account", key="signup_submit",
                                               type="tertiary")
    try:
        if signing_in:
            with st.spinner("Signing in…"):
                return auth.sign_in(email or "", password or "")
        if signing_up:
            with st.spinner("Creating your account…"):
                created: SignUpResult = auth.sign_up(email or "", password or "")
            if created.session is not None:
                return created.session
            st.success(created.message, icon=":material/mark_email_read:")
    except AuthFailure as error:
        st.error(error.message, icon=":material/error:")
    return None


def _code_form(auth: SupabaseAuth) -> AuthSession | None:
    with st.expander("No password? Sign in with a code sent by email",
                     icon=":material/mail:"):
        email = st.text_input("Email", key=CODE_EMAIL_KEY, type="email", autocomplete="email")
        code = st.text_input("Code from the email", key=CODE_KEY, max_chars=10)
        with st.container(horizontal=True):
            sending = st.button("Email me a code", key="code_send", type="secondary")
            checking = st.button("Sign in with the code", key="code_submit", type="primary")
        email = email or ""
        try:
            if sending:
                st.success(auth.send_code(email), icon=":material/mark_email_read:")
            if checking:
                return auth.verify_code(email, code or "")
        except AuthFailure as error:
            st.error(error.message, icon=":material/error:")
    return None
