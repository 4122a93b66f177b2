"""Reading a JD's requirements offline when the catalogue does not know them: tools, standards
and cued phrases in the JD's own spelling, one entry each, without titles, teams, places,
benefits or everyday words (estel/jd_terms.py, estel/requirements.py)."""

from __future__ import annotations

import pytest

from estel.brains.offline.bank import load_bank
from estel.requirements import jd_requirements, merged, requirement_coverage, suggestions


@pytest.fixture(scope="module")
def bank():
    return load_bank()


def lower(terms):
    return {t.lower() for t in terms}


RESEARCH_OPS = """Research Operations Specialist, Insights Team

About Brightwell
Brightwell builds booking software for 3,000 dental practices. Based in Bristol.

What you'll do
- Recruit participants through Ethnio and User Interviews, and manage incentives with Tremendous
- Keep our research repository in Dovetail tidy and searchable
- Run consent and data retention processes in line with UK GDPR
- Work with the Head of Design and the Sales team on customer panels

What we're looking for
- Experience with Airtable or a similar database tool
- Knowledge of accessibility research with screen reader users
- Familiarity with Qualtrics surveys

What we offer
Private Medical Insurance, a Cycle to Work scheme and 28 days' holiday.
"""


def test_tools_the_catalogue_does_not_know_are_read_in_the_jds_spelling(bank):
    found = jd_requirements(RESEARCH_OPS, bank["generic"])
    assert {"ethnio", "dovetail", "tremendous", "airtable", "uk gdpr"} <= lower(found)
    assert any(t.startswith("Qualtrics") for t in found)  # "Qualtrics surveys"
    assert "accessibility research" in lower(found)  # after "knowledge of"
    assert found.index("Dovetail") < found.index("Airtable")  # first mention first


def test_titles_teams_places_and_benefits_are_no_requirements(bank):
    found = lower(jd_requirements(RESEARCH_OPS, bank["generic"]))
    for noise in ("insights team", "brightwell", "bristol", "head of design", "head", "design",
                  "sales", "private medical insurance", "cycle to work", "uk",
                  "research operations specialist"):
        assert noise not in found, noise


def test_one_entry_per_requirement_with_the_longer_spelling(bank):
    jd = ("Platform Engineer. You will manage Terraform Cloud workspaces and review Terraform "
          "plans, define SLOs with product teams and alert on slos burning too fast, and run "
          "Kubernetes.")
    found = jd_requirements(jd, bank["devops_sre"])
    assert sum("terraform" in t.lower() for t in found) == 1
    assert "Terraform Cloud workspaces" in found or "Terraform Cloud" in found
    assert [t for t in found if t.lower() == "slos"] == ["SLOs"]
    assert "Kubernetes" in found


def test_catalogue_stems_match_the_words_a_jd_writes(bank):
    jd = ("Payroll and Finance Assistant. You will prepare bank reconciliations, process "
          "accruals at month end and keep invoices in Sage.")
    found = jd_requirements(jd, bank["finance_accounting"])
    # the catalogue's "reconcil"; the task list's object gives the JD's longer phrase
    assert "bank reconciliations" in found
    assert "Sage" in found


def test_a_task_verb_is_no_requirement_and_a_hyphenated_phrase_is_one(bank):
    jd = ("Property Paralegal. You will open files, order and review searches, and explain "
          "each step to clients.")
    found = jd_requirements(jd, bank["legal"])
    assert "review" not in lower(found)  # "order and review searches" is a task
    assert "clients" not in lower(found)  # the people the job serves name no skill
    finance = jd_requirements("Bookkeeper. You will forecast cash-flow for clients.",
                              bank["finance_accounting"])
    assert [t for t in finance if "cash" in t.lower()] == ["cash-flow"]


def test_a_jd_with_nothing_particular_has_no_requirements(bank):
    jd = "We are a friendly team. You will work hard, learn fast and help customers every day."
    assert jd_requirements(jd, bank["generic"]) == ()


def test_a_models_reading_comes_first_and_the_offline_one_adds_what_it_left_out():
    both = merged(["Tableau dashboards", "SQL window functions"],
                  ["SQL", "window functions", "Looker", "cohort"])
    assert both == ("Tableau dashboards", "SQL window functions", "Looker", "cohort")


def test_a_requirement_is_covered_by_its_own_name(bank):
    covered, missing = requirement_coverage(
        ["IIIF image servers", "ID checks", "BagIt", "Making Tax Digital"],
        ["We served scans over IIIF with Cantaloupe.", "I check the ID before exchange."],
        bank["generic"])
    assert covered == ["IIIF image servers", "ID checks"]
    assert missing == ["BagIt", "Making Tax Digital"]


def test_suggestions_are_whole_words_not_already_read(bank):
    finance = bank["finance_accounting"]
    offered = suggestions(["reconciliations", "VAT returns"], finance)
    assert offered
    assert not {"reconcil", "vat", "reconciliation"} & set(offered)
    assert set(offered) <= set(finance.role_terms)  # curated skills, not rubric keywords


def test_short_jds_lists_and_bare_bullets_are_read(bank):
    analytics = bank["data_analytics"]
    # one short sentence is the whole JD, not a title to skip
    assert set(jd_requirements("We need someone with SQL, Tableau and Looker experience.",
                               analytics)) >= {"SQL", "Tableau", "Looker"}
    listed = jd_requirements("Must have: Looker, dbt, Snowflake\nNice to have: Hex", analytics)
    assert {"Looker", "dbt", "Snowflake", "Hex"} <= set(listed)
    bullets = jd_requirements("Analytics Engineer\nSkills:\n- dbt\n- Looker\n- Power BI",
                              analytics)
    assert {"dbt", "Looker", "Power BI"} <= set(bullets)  # "Looker", not "looker"
    assert jd_requirements("Experience with data and people required.", analytics) == ()


def test_a_unit_after_an_amount_is_no_requirement(bank):
    """"2.4m MAU", "£8M ARR", "40% YoY" measure the business; "3 AWS accounts" names a tool."""
    jd = ("Growth Marketing Manager. Our app has 2.4m MAU and £8M ARR (up 40% YoY). You will "
          "run paid social on Meta and TikTok, own our HubSpot lifecycle emails, report CAC and "
          "LTV weekly, and look after 3 AWS accounts.")
    read = lower(jd_requirements(jd, bank["marketing"]))
    assert {"meta", "tiktok", "hubspot", "cac", "ltv", "aws"} <= read
    assert not {"mau", "arr", "yoy"} & read


def test_a_trade_whose_work_has_no_names_is_read_by_its_tasks(bank):
    jd = ("Pastry Chef de Partie. Laminate croissant dough daily, temper chocolate, keep "
          "allergen records and HACCP logs, and cost new desserts to a 70% margin.")
    read = jd_requirements(jd, bank["hospitality_management"])
    assert {"laminating croissant dough", "tempering chocolate"} <= set(read)
    assert "HACCP logs" in read  # the name, not "keeping allergen records and HACCP logs"
    # a list of qualities is no list of tasks, and generic verbs name nothing
    assert not [r for r in jd_requirements(
        "Platform Engineer. Requirements: Strong Linux and networking fundamentals, calm "
        "under pressure. You will work with product teams and help them ship.",
        bank["devops_sre"]) if r.lower().startswith(("stronging", "calming", "working", "helping"))]


def test_after_a_verb_any_job_uses_the_object_is_the_requirement(bank):
    jd = ("Distribution Shift Manager (days). Plan each shift for goods-in, replenishment and "
          "despatch, hit pick rate targets, keep forklift licences current and run "
          "return-to-work interviews.")
    read = jd_requirements(jd, bank["operations_supply_chain"])
    assert {"pick rate targets", "forklift licences"} <= set(read), read


@pytest.mark.parametrize(("family", "jd", "wanted", "unwanted"), [
    # two duties joined by " and ": each is read
    ("hospitality_management",
     "Pastry Chef. Keep allergen records and cost new desserts each week.",
     {"allergen records", "costing new desserts"}, set()),
    ("operations_supply_chain",
     "Warehouse Supervisor. Keep forklift licences current and run return-to-work interviews.",
     {"forklift licences", "return-to-work interviews"}, set()),
    # two verbs of one duty: one task with both
    ("civil_engineering",
     "Site Engineer. Design and test soakaways for new estates, and log settlement on "
     "existing embankments.",
     {"designing and testing soakaways"}, {"designing", "testing soakaways"}),
    # a noun pair is one object, not a second task
    ("manufacturing",
     "Production Supervisor. Follow health and safety procedures on the shop floor, and "
     "monitor health and safety on night shifts.",
     {"health and safety procedures"}, {"safety procedures", "monitoring health"}),
    ("ml_engineering",
     "Research Scientist. Lead research and development of speech models for call centres.",
     {"research and development"}, {"developing speech models"}),
])
def test_duties_joined_by_and_are_split_where_a_verb_follows(bank, family, jd, wanted,
                                                             unwanted):
    read = {r.lower() for r in jd_requirements(jd, bank[family])}
    assert wanted <= read, read
    assert not unwanted & read, read


def test_a_noun_pair_the_bank_writes_opens_no_task():
    """'and test results': 'test' is a verb elsewhere, but the pair is a noun here."""
    from estel.jd_tasks import task_terms

    verbs = frozenset({"record", "test", "cost"})
    found = [f.term for f in task_terms(
        "Technician. Record meter readings and test results daily, and cost new parts.",
        verbs, frozenset({"new", "parts"}), actions=verbs, compounds=frozenset({"test result"}))]
    assert "recording meter readings" in found, found
    assert not [t for t in found if t.startswith("testing")], found
    found = [f.term for f in task_terms(
        "Technician. Record meter readings and test results daily.", verbs, frozenset(),
        actions=verbs, compounds=frozenset())]
    assert "testing results" in found  # without the pair known, the split is what it reads


def test_a_noun_phrase_ending_in_an_ing_noun_opens_no_task():
    from estel.jd_tasks import task_terms

    verbs = frozenset({"lead", "heat", "order"})
    found = [f.term for f in task_terms(
        "Supervisor. Lead yard safety: FLT and heat pump servicing; order spares and heat "
        "spare rooms.", verbs, frozenset(), actions=verbs, compounds=frozenset())]
    assert not [t for t in found if t.startswith("heating pump")], found
    assert {"ordering spares", "heating spare rooms"} <= set(found), found


def test_places_a_firm_covers_and_its_self_description_are_no_requirements(bank):
    jd = ("Gas Engineer. We're an NHBC-registered housebuilder's service arm, based in "
          "Cardiff and covering Newport, Bridgend and Barry. Service and repair Worcester "
          "Bosch boilers and unvented cylinders; we use Gas Safe's online notification and "
          "ServiceM8 for job sheets.")
    read = lower(jd_requirements(jd, bank["generic"]))
    assert not {"cardiff", "newport", "bridgend", "barry", "nhbc-registered", "nhbc"} & read, read
    assert {"worcester bosch", "servicem8"} <= read, read


def test_an_ordinal_stays_with_the_name_it_numbers(bank):
    jd = ("Approved Electrician. You must hold the 18th Edition and the 2391, and have "
          "completed the AM2.")
    read = lower(jd_requirements(jd, bank["generic"]))
    assert "18th edition" in read, read
    assert "edition" not in read, read


def test_a_verbs_particle_and_an_adverb_are_no_object(bank):
    jd = ("Site Carpenter. Set out accurately from drawings, set up and level door frames, "
          "and hang intumescent fire doors safely.")
    read = lower(jd_requirements(jd, bank["generic"]))
    assert not [r for r in read if r.startswith(("out ", "up ", "up and"))
                or r.endswith(("accurately", "safely"))], read
    assert "hanging intumescent fire doors" in read, read


def test_an_acronym_keeps_the_noun_that_says_what_it_is(bank):
    jd = ("Solar and EV Installer. Fit PV arrays and EV charger points for homeowners; PAT "
          "testing of tools; an ECS gold card is essential. We use SQS for messaging.")
    read = lower(jd_requirements(jd, bank["generic"]))
    assert {"ev charger points", "pat testing", "ecs gold card"} <= read, read
    assert not [r for r in read if r.startswith("sqs ")], read


def test_a_colon_opens_the_items_of_the_duty_before_it(bank):
    jd = ("Repairs Plumber. Attend emergency call-outs: bursts, blocked wastes and overflowing "
          "cisterns; and renew galvanised pipework.")
    read = lower(jd_requirements(jd, bank["generic"]))
    assert "emergency call-outs" in read, read
    assert not [r for r in read if "call-outs bursts" in r], read


def test_a_tools_short_name_finds_the_questions_on_its_long_one(bank):
    """'Postgres schemas' is on a bank question that says 'PostgreSQL'."""
    from estel.requirements import addressed, selection_terms

    family = bank["backend_engineering"]
    on = [q for q in family.questions if q.phase == "technical"
          and addressed(q, selection_terms(("Postgres schemas",), family))]
    assert any("postgresql" in q.question.lower() for q in on), [q.topic for q in on]
    read = lower(jd_requirements("Backend Engineer. Keep our queries fast and our builds "
                                 "green on Postgres.", family))
    assert not [r for r in read if r.endswith(("fast", "green"))], read


def test_tools_listed_after_across_are_no_places(bank):
    read = lower(jd_requirements("Platform Engineer. Run our services across AWS, GCP and "
                                 "Azure; we are based in Leeds, York and Hull.",
                                 bank["devops_sre"]))
    assert {"aws", "gcp", "azure"} <= read, read
    assert not {"leeds", "york", "hull"} & read, read
