"""Setup's "Tailor to a job" panel and the report's job-requirements section (issue 16).

Setup: an optional job description, a résumé uploaded (PDF, DOCX, TXT) or pasted, a "Find the
skills" step whose list the candidate can edit before Start, and the "keep my résumé with my
session" choice (unticked, the résumé text is never stored). A file that cannot be read says why
under the uploader; nothing else on the form changes.
"""

from __future__ import annotations

import streamlit as st

from estel.brains.offline.bank import load_bank
from estel.contract import InterviewMeta
from estel.engine import Engine
from estel.errors import EstelError
from estel.extensions import MAX_JOB_DESCRIPTION_CHARS, MAX_RESUME_CHARS, ProfileExtension
from estel.extensions import SessionProfile as SessionProfile
from estel.profile_files import FILE_TYPES, resume_text
from estel.requirements import requirement_coverage, suggestions
from estel.roles.titles import match_family
from estel.ui import resources

JD_KEY = "setup_job_description"
RESUME_KEY = "setup_resume_text"
UPLOAD_KEY = "setup_resume_file"
UPLOADED_KEY = "setup_resume_file_seen"  # the file id last read, so a rerun does not re-read
UPLOAD_ERROR_KEY = "setup_resume_file_error"
SKILLS_KEY = "setup_skills"
READ_KEY = "setup_profile_read"  # (wire digest, role, SessionProfile) of the last "Find"
FIND_KEY = "setup_find_skills"
KEEP_KEY = "setup_keep_resume"


def wire_profile() -> ProfileExtension | None:
    """What the candidate entered, as `context.profile`; None when both are empty."""
    jd = (st.session_state.get(JD_KEY) or "").strip()
    resume = (st.session_state.get(RESUME_KEY) or "").strip()
    given = {**({"job_description": jd} if jd else {}), **({"resume_text": resume} if resume
                                                          else {})}
    return ProfileExtension(**given) if given else None


def _read_upload() -> None:
    """Put an uploaded résumé's text in the paste box (before the box is drawn)."""
    upload = st.session_state.get(UPLOAD_KEY)
    if upload is None or st.session_state.get(UPLOADED_KEY) == upload.file_id:
        return
    st.session_state[UPLOADED_KEY] = upload.file_id
    try:
        st.session_state[RESUME_KEY] = resume_text(upload.name, upload.getvalue())
        st.session_state[UPLOAD_ERROR_KEY] = None
    except EstelError as error:
        st.session_state[UPLOAD_ERROR_KEY] = error.message


def _find(meta: InterviewMeta) -> None:
    """Read the JD and résumé (with the brain's model when it has one) for the skills list."""
    wire = wire_profile()
    slot = resources.brain_slot()
    if wire is None or slot.brain is None:
        return
    try:
        read, notes = Engine(slot.brain).read_profile(wire, meta)
    except EstelError as error:
        st.session_state[UPLOAD_ERROR_KEY] = error.message
        return
    st.session_state[READ_KEY] = (wire, meta.target_role, read)
    st.session_state[SKILLS_KEY] = list(read.requirements)
    for note in notes:
        st.toast(note)


def profile_panel(meta: InterviewMeta | None) -> None:
    """The optional "Tailor to a job" panel of the setup form."""
    if st.session_state.get(FIND_KEY) and meta is not None:
        _find(meta)
    _read_upload()
    with st.expander("Tailor to a job (optional): job description and résumé",
                     icon=":material/work:", expanded=bool(wire_profile())):
        st.text_area("Job description", key=JD_KEY, height=140,
                     max_chars=MAX_JOB_DESCRIPTION_CHARS,
                     placeholder="Paste the job ad: Estel prefers technical questions on the "
                     "skills it names.")
        st.file_uploader("Résumé file (PDF, DOCX or TXT; at most 2 MB and 10 pages)",
                         type=list(FILE_TYPES), key=UPLOAD_KEY)
        problem = st.session_state.get(UPLOAD_ERROR_KEY)
        if problem:
            st.error(problem, icon=":material/error:")
        st.text_area("Résumé text (read from the file, or paste it)", key=RESUME_KEY,
                     height=140, max_chars=MAX_RESUME_CHARS,
                     placeholder="One claim per line works best: “Led the migration to "
                     "Kubernetes, cutting deploys to 10 minutes.”")
        _skills(meta)
        st.checkbox("Keep my résumé with my session", key=KEEP_KEY,
                    help="Unticked, the résumé text is used for this interview and never "
                    "stored; only the job description, the skills and the résumé lines Estel "
                    "asks about are kept with the session.")


def _skills(meta: InterviewMeta | None) -> None:
    st.button("Find the skills", key=FIND_KEY, icon=":material/manage_search:",
              disabled=meta is None or wire_profile() is None,
              help="Reads the job description (and your résumé) for the skills to focus on; "
              "you can edit the list before you start.")
    read = _current_read(meta)
    if read is None:
        return
    family = match_family(meta.target_role, load_bank()) if meta is not None else None
    chosen = [*read.requirements, *st.session_state.get(SKILLS_KEY, [])]
    options = list(dict.fromkeys([*chosen, *(suggestions(chosen, family) if family else [])]))
    st.multiselect("Skills to focus on (from the job description: remove or add)", options,
                   key=SKILLS_KEY, accept_new_options=True, max_selections=15)
    if read.resume_items:
        st.caption("From your résumé, Estel may ask about: " + "; ".join(read.resume_items))


def _current_read(meta: InterviewMeta | None) -> SessionProfile | None:
    """The last "Find the skills" reading, if it is still of what the form holds."""
    found = st.session_state.get(READ_KEY)
    if found is None or meta is None:
        return None
    wire, role, read = found
    return read if wire == wire_profile() and role == meta.target_role else None


def session_profile(engine: Engine, meta: InterviewMeta) -> tuple[SessionProfile | None,
                                                                   tuple[str, ...]]:
    """The profile the interview starts with: the confirmed skills when the candidate found
    and edited them, else a fresh reading; the résumé text only when they chose to keep it."""
    wire = wire_profile()
    if wire is None:
        return None, ()
    keep = bool(st.session_state.get(KEEP_KEY))
    read = _current_read(meta)
    if read is None:
        return engine.read_profile(wire, meta, keep_resume=keep)
    skills = tuple(st.session_state.get(SKILLS_KEY) or ())
    return read.model_copy(update={
        "requirements": skills,
        "resume_text": wire.resume_text if keep and wire.resume_text else None}), ()


def requirements_section(profile: SessionProfile | None, answers: list[str],
                         target_role: str) -> None:
    """The report's list of the JD requirements the answers covered and did not."""
    if profile is None or not profile.requirements:
        return
    covered, missing = requirement_coverage(profile.requirements, answers,
                                            match_family(target_role, load_bank()))
    with st.container(border=True, key="jd_requirements"):
        st.markdown("**Job requirements**")
        left, right = st.columns(2)
        with left:
            st.markdown(f":material/check_circle: **Covered in your answers ({len(covered)})**")
            st.markdown("\n".join(f"- {c}" for c in covered) or "_None yet._")
        with right:
            st.markdown(f":material/radio_button_unchecked: **Not covered ({len(missing)})**")
            st.markdown("\n".join(f"- {m}" for m in missing) or "_You covered them all._")
