"""How often an interview's technical questions are on the job description (issue 16).

For several roles, a realistic job description written for this benchmark (not taken from the
tests or the catalogue) and, by hand, the specific skills it names. Each role is interviewed
with the JD (and a short résumé) as `context.profile`, at three levels; a technical question
counts as "on the JD" when the text the candidate sees (question and topic) names one of those
hand-listed skills. The hand lists are independent of the catalogue terms the offline rules
match, so the figure is not the selection rule measuring itself. A baseline without the profile
shows what the JD changed.

    python3 bench/profile_jd.py              # offline and through the fake OpenAI server
    python3 bench/profile_jd.py --offline    # offline only
    python3 bench/profile_jd.py --set fresh  # the second set of JDs (bench/profile_jd_fresh.py)
    python3 bench/profile_jd.py --set heldout  # the third (bench/profile_jd_heldout.py)
    python3 bench/profile_jd.py --set trades   # the fourth (bench/profile_jd_trades.py)
    python3 bench/profile_jd.py --show       # also each technical question asked, hit or miss

Prints one line per role and path (with how many of the hand-listed skills the requirements
read from the JD name, and how many requirements name none of them), then the totals; exits 1
when a path is below 60%.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "support"))

from estel.brains.offline.brain import OfflineBrain
from estel.contract import InterviewMeta
from estel.engine import Engine
from estel.extensions import ProfileExtension

TARGET = 0.6
LEVELS = ("Junior", "Mid-level", "Senior")
ANSWER = ("First I checked what the data said, then I changed the process step by step, "
          "measured the result for a month and reported it; it improved by about 20%.")
RESUME = ("- Led a project that cut turnaround time by 30% in 2023.\n"
          "- Built a weekly report used by 25 managers.")

# (role, JD, the skills the JD names, as lower-case stems a question would say them)
ROLES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Data Analyst",
     "Data Analyst, Subscriptions. Reporting to the Head of Growth, you will own our churn and "
     "retention reporting. Day to day you will write SQL (window functions, CTEs) against "
     "BigQuery, build and maintain Tableau dashboards for the commercial team, run cohort and "
     "funnel analyses, and help product managers design and read A/B tests. You can explain a "
     "statistical result to a non-technical audience.",
     ("window function", "cte", "sql", "bigquery", "tableau", "dashboard", "cohort", "funnel",
      "a/b test", "experiment", "churn", "retention")),
    ("Backend Engineer",
     "Backend Engineer, Payments Platform. You will design and operate the REST APIs that move "
     "money for 2M customers. We run Python and Go services on PostgreSQL, with Redis caching "
     "and Kafka for events. You care about idempotency, database indexing and query "
     "performance, and keeping p99 latency low under load. On-call one week in six.",
     ("rest", "python", "postgres", "redis", "cach", "kafka", "event", "idempot", "index",
      "query", "p99", "latency")),  # "python" added at stop 22: the JD names it
    ("Site Reliability Engineer",
     "Site Reliability Engineer. Join the team that keeps our platform up. You will define SLOs "
     "and error budgets with product teams, run incident response and blameless postmortems, "
     "build monitoring and alerting (Prometheus, Grafana), automate deployments through CI/CD "
     "pipelines, and manage infrastructure as code with Terraform on Kubernetes.",
     ("slo", "error budget", "incident", "postmortem", "prometheus", "grafana", "alert",
      "monitor", "ci/cd", "pipeline", "deploy", "terraform", "infrastructure as code",
      "kubernetes")),
    ("Registered Nurse",
     "Registered Nurse, Acute Medical Unit. Band 5. You will assess and monitor deteriorating "
     "patients using NEWS2, escalate with SBAR, administer medication safely including IV "
     "drugs, keep accurate care plans and handovers, and support infection prevention and "
     "control on a busy 28-bed ward.",
     ("news2", "early warning", "deteriorat", "escalat", "sbar", "medication", "iv ",
      "intravenous", "care plan", "handover", "infection")),
    ("Accountant",
     "Management Accountant. You will run the month-end close for three entities, prepare "
     "balance sheet reconciliations and accruals, produce the monthly management accounts and "
     "variance analysis against budget and forecast, and support the annual audit. IFRS "
     "knowledge and strong Excel essential.",
     ("month-end", "close", "reconcil", "accrual", "management accounts", "variance",
      "budget", "forecast", "audit", "ifrs", "excel")),
    ("Frontend Developer",
     "Frontend Developer. Build our customer dashboard in React and TypeScript. You will own "
     "accessibility (WCAG 2.2 AA), web performance (Core Web Vitals, bundle size), state "
     "management, and component testing. You work closely with design on our design system.",
     ("react", "typescript", "accessib", "wcag", "web performance", "web vitals", "bundle",
      "state management", "component", "design system")),
    ("Teacher",
     "Secondary Maths Teacher. Teach Key Stage 3 and 4 mathematics. Plan differentiated "
     "lessons, use formative assessment to check understanding, manage behaviour with a "
     "consistent routine, support pupils with SEND, and prepare classes for GCSE.",
     ("differentiat", "formative", "assessment", "behaviour", "send", "gcse", "lesson")),
    ("Product Manager",
     "Product Manager, Onboarding. Own the onboarding funnel for our B2B app: run discovery "
     "interviews, write clear PRDs, prioritise the roadmap with RICE, define success metrics "
     "and OKRs, and run experiments with engineering and design.",
     ("discovery", "prd", "roadmap", "priorit", "rice", "success metric", "okr",
      "experiment", "funnel", "onboarding")),
)


def on_jd(text: str, skills: tuple[str, ...]) -> bool:
    low = text.lower()
    return any(re.search(rf"(?<![a-z0-9]){re.escape(s)}", low) for s in skills)


def interview(engine: Engine, role: str, level: str,
              jd: str | None) -> tuple[tuple[str, ...], list[str]]:
    """(the requirements read from the JD, the technical questions asked with it)."""
    meta = InterviewMeta(target_role=role, experience_level=level, difficulty="standard",
                         questions_target=8)
    kept = None
    if jd is not None:
        kept, _ = engine.read_profile(ProfileExtension(job_description=jd, resume_text=RESUME),
                                      meta)
    result = engine.start(meta, profile=kept)
    asked = []
    while not result.finished:
        payload = result.response.payload
        if payload.phase == "technical":
            asked.append(f"{payload.question} {payload.topic}")
        result = engine.answer(result.state, ANSWER, profile=kept)
    return (kept.requirements if kept else ()), asked


def reading(requirements: tuple[str, ...], skills: tuple[str, ...]) -> str:
    """How many hand-listed skills the requirements name, and how many name none of them."""
    named = sum(any(on_jd(r, (s,)) for r in requirements) for s in skills)
    noise = [r for r in requirements if not on_jd(r, skills)]
    return f"skills read {named:2}/{len(skills):2}, {len(noise)}/{len(requirements)} other"


def measure(name: str, make_engine, roles, show: bool = False) -> float:
    hits = total = base_hits = base_total = 0
    for role, jd, skills in roles:
        r_hits = r_total = 0
        for level in LEVELS:
            requirements, with_jd = interview(make_engine(), role, level, jd)
            _, plain = interview(make_engine(), role, level, None)
            r_hits += sum(on_jd(q, skills) for q in with_jd)
            r_total += len(with_jd)
            base_hits += sum(on_jd(q, skills) for q in plain)
            base_total += len(plain)
            if show:
                if level == LEVELS[0]:
                    print(f"  {role}: requirements {requirements}")
                for q in with_jd:
                    print(f"    {level[:3]} {'hit ' if on_jd(q, skills) else 'MISS'} {q[-230:]}")
        hits, total = hits + r_hits, total + r_total
        print(f"{name:8} {role:30} {r_hits:2}/{r_total:2} technical questions on the JD "
              f"({r_hits / r_total:4.0%}); {reading(requirements, skills)}")
    share = hits / total
    print(f"{name:8} TOTAL {hits}/{total} = {share:.1%} on the JD with the profile; "
          f"without it {base_hits}/{base_total} = {base_hits / base_total:.1%}")
    return share


def fake_engines():
    from fake_openai import FakeOpenAI

    from estel.brains.openai.brain import OpenAIBrain, make_client, reset_server_quirks
    from estel.config import load_settings

    server = FakeOpenAI()
    server.follow_bank = True  # a model that asks the question the prompt gives it
    server.__enter__()
    reset_server_quirks()
    settings = load_settings(environ={}, openai_base_url=server.base_url,
                             openai_api_key="sk-bench", openai_model="fake-model",
                             openai_max_retries=0)
    return server, lambda: Engine(OpenAIBrain(make_client(settings), settings))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offline", action="store_true", help="the offline brain only")
    parser.add_argument("--set", choices=("bench", "fresh", "heldout", "trades"),
                        default="bench",
                        help="which JDs: this file's, or bench/profile_jd_<set>.py's")
    parser.add_argument("--show", action="store_true", help="print every technical question")
    args = parser.parse_args()
    if args.set == "fresh":
        from profile_jd_fresh import ROLES as roles
    elif args.set == "heldout":
        from profile_jd_heldout import ROLES as roles
    elif args.set == "trades":
        from profile_jd_trades import ROLES as roles
    else:
        roles = ROLES
    shares = {"offline": measure("offline", lambda: Engine(OfflineBrain()), roles, args.show)}
    if not args.offline:
        server, make = fake_engines()
        try:
            shares["fake-llm"] = measure("fake-llm", make, roles, args.show)
        finally:
            server.__exit__()
    return 0 if all(share >= TARGET for share in shares.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
