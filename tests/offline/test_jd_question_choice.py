"""Which technical questions a JD steers to, read as a hiring manager would (written for the
JD roles under 60% in bench/profile_jd.py, on JDs of this file's own):

- a bank question chosen for a requirement its text does not name says which one it is on, so
  the candidate sees why it is asked;
- a requirement one bank question was chosen for is spent: the next technical turn goes to
  another requirement (a bank question on it, or a question of its own), not to a second bank
  question that only shares a rubric keyword with the first;
- a question of its own goes first to a requirement the offline reading of the JD agrees is a
  skill, not to a word only a model read ("B2B", "EMEA").
"""

from __future__ import annotations

from jd_interview import play_with_jd

from estel.brains.offline.bank import load_bank
from estel.brains.offline.requirement_questions import requirement_of
from estel.brains.offline.selection import unknown_requirements
from estel.requirements import mentions, merged, selection_terms
from estel.roles.titles import match_family

ANSWER = ("First I checked what the numbers said, then I changed the process step by step, "
          "measured the result for a month and reported it; it improved by about a fifth.")
# Three JDs of this file's own: a practice bookkeeper, a data platform role, a pastry kitchen.
BOOKKEEPER = ("Senior Bookkeeper, 3 days a week. Look after 40 small-business clients: keep "
              "their books in Sage and FreeAgent, manage their cash flow and chase late "
              "invoices, file CIS returns for our builders and run payroll in Moneysoft.")
DATA = ("Data Platform Engineer\n- Own our dbt project and the Snowflake warehouse behind it\n"
        "- Schedule loads in Dagster; keep Monte Carlo alerts quiet\n"
        "- Help analysts write better SQL\n")
PASTRY = ("Pastry Chef de Partie. Laminate croissant dough daily, temper chocolate, keep "
          "allergen records and HACCP logs, and cost new desserts to a 70% margin.")


def interview(role: str, jd: str, level: str):
    """The profile kept, and the technical questions asked."""
    kept, asked, _ = play_with_jd(role, jd, level, ANSWER)
    return kept, [payload for payload in asked if payload.phase == "technical"]


def test_every_technical_question_with_a_jd_names_a_requirement_it_is_on():
    for role, jd in (("Bookkeeper", BOOKKEEPER), ("Data Engineer", DATA),
                     ("Pastry Chef", PASTRY)):
        family = match_family(role, load_bank())
        for level in ("Junior", "Senior"):
            kept, asked = interview(role, jd, level)
            assert len(asked) == 3
            for q in asked:
                seen = f"{q.question} {q.topic}"
                assert any(mentions(seen, t) for t in selection_terms(kept.requirements,
                                                                       family)), (level, seen)


def test_a_requirement_a_bank_question_was_chosen_for_is_not_asked_again():
    """A second bank question only on the same requirement never beats an unasked one."""
    for level in ("Junior", "Mid-level", "Senior"):
        kept, asked = interview("Bookkeeper", BOOKKEEPER, level)
        family = match_family("Bookkeeper", load_bank())
        on = []
        for q in asked:
            own = requirement_of(q.topic)
            if own is not None:
                on.append({own})
                continue
            bank_q = next(b for b in family.questions if b.topic == q.topic)
            text = " ".join([bank_q.question, bank_q.topic,
                             *(k for p in bank_q.talking_points for k in p.keywords)])
            on.append({r for r in kept.requirements
                       if any(mentions(text, t) for t in selection_terms((r,), family))})
        for i, later in enumerate(on[1:], 1):
            assert later - set().union(*on[:i]), (level, [q.topic for q in asked])


def test_a_models_word_inside_a_phrase_the_jd_writes_gives_way_to_the_phrase():
    both = merged(["Natasha's", "Law", "Nory", "Making", "Tax", "Digital"],
                  ["HACCP records", "Natasha's Law", "Making Tax Digital"])
    assert both == ("Natasha's Law", "Nory", "Making Tax Digital", "HACCP records")


def test_a_question_of_its_own_goes_first_to_what_the_offline_reading_agrees_on():
    family = match_family("Customer Success Manager", load_bank())
    jd = ("Customer Success Manager, EMEA. Own renewals for 40 accounts, run QBRs and keep "
          "health scores current in Gainsight.")
    from estel.brains.offline.selection import ordered_unknown
    order = ordered_unknown(("EMEA", "Gainsight", "QBRs"), family, jd)
    assert order.index("Gainsight") < order.index("EMEA")
    assert set(order) == set(unknown_requirements(("EMEA", "Gainsight", "QBRs"), family))


def test_a_word_of_the_jobs_own_title_is_never_named_as_the_reason_for_a_question():
    jd = ("Distribution Shift Manager (days). Plan each shift for goods-in, replenishment and "
          "despatch, hit pick rate targets, keep forklift licences current and run "
          "return-to-work interviews.")
    for level in ("Junior", "Senior"):
        _, asked = interview("Distribution Shift Manager", jd, level)
        assert not [q for q in asked if "job description mentions shift" in q.question]


def test_a_bank_question_names_the_jds_tool_it_was_chosen_for_that_its_words_do_not():
    """A caching question chosen for a JD's 'Memcached' and 'HTTP APIs' says 'API' but not the
    tool: the lead-in names the tool, and never an everyday word such as 'latency'."""
    from estel.brains.offline.selection import _lead_in

    family = load_bank()["backend_engineering"]
    caching = next(q for q in family.questions if q.topic == "Caching a read-heavy endpoint")
    text = caching.question
    lead = _lead_in(("HTTP APIs", "Memcached", "latency", "database"), caching, family, text,
                    "Backend Engineer", "en")
    assert "Memcached" in lead, lead
    assert "latency" not in lead, lead
    # a question whose words name every requirement it is on needs no lead-in
    assert _lead_in(("database",), caching, family, text, "Backend Engineer", "en") == ""
