"""A second set of job descriptions for bench/profile_jd.py (`--set fresh`): written later, by
someone else than the first set's author, to check that changes made while looking at the first
set generalise. Unusual roles on purpose (a marine ecologist, a sous chef, a trials coordinator),
mixed layouts (headings and bullets, "*" lists, one long paragraph), and tools the question bank
does not know (dbt, Looker, Xero, Figma, Terraform Cloud, Thirdfort, REDCap, Nory...).

Each entry: (role as typed, JD, the skills and tools the JD names, listed by hand as lower-case
stems a question would say; not the catalogue's terms).
"""

from __future__ import annotations

ROLES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Analytics Engineer",
     "Analytics Engineer - Marketplace Data\n\nAbout the role\nOur analysts spend too long "
     "cleaning data. You'll build the models they trust.\n\nWhat you'll do\n"
     "- Build and maintain dbt models on Snowflake, with tests and documentation\n"
     "- Own our Looker instance: LookML views, explores and permissions\n"
     "- Orchestrate pipelines in Airflow and monitor data freshness\n"
     "- Partner with finance on revenue reporting\n\nWhat we're looking for\n"
     "- 2+ years writing production SQL\n"
     "- Experience with dbt (incremental models, snapshots)\n"
     "- Familiarity with Git-based workflows and code review\n"
     "- Nice to have: Fivetran, Python\n",
     ("dbt", "snowflake", "looker", "lookml", "airflow", "freshness", "sql", "incremental",
      "snapshot", "git", "code review", "fivetran", "python", "data model", "revenue report")),
    ("Bookkeeper",
     "Bookkeeper (part-time, 3 days). We're a small accountancy practice looking after 60 sole "
     "traders and small limited companies. You'll keep clients' books in Xero and QuickBooks, "
     "post bank feeds and chase missing receipts through Dext, complete bank and supplier "
     "reconciliations, prepare quarterly VAT returns under Making Tax Digital, and run monthly "
     "payroll for a handful of clients using BrightPay. AAT Level 3 or equivalent experience "
     "required; you're comfortable explaining a cash-flow problem to a client who isn't a "
     "numbers person.",
     ("xero", "quickbooks", "bank feed", "dext", "receipt", "reconcil", "vat", "making tax "
      "digital", "payroll", "brightpay", "aat", "cash flow", "cash-flow")),
    ("Senior Product Designer",
     "Senior Product Designer, Mobile Banking\n\nYou'll lead end-to-end design for our savings "
     "features on iOS and Android. That means running usability testing sessions (we use Maze "
     "and Lookback), turning research into journeys and wireframes, prototyping interactions "
     "in Figma, and contributing components back to our design system, Kite. You care about "
     "accessibility and can defend a design decision with evidence to product and "
     "engineering. Experience with motion design (Principle or Rive) is a plus.",
     ("usability", "maze", "lookback", "user research", "journey", "wireframe", "prototyp",
      "figma", "design system", "kite", "accessib", "motion design", "rive", "ios",
      "android")),
    ("Platform Engineer",
     "Platform Engineer\nWe run 140 microservices on AWS. The platform team gives product "
     "engineers a paved road.\nResponsibilities:\n"
     "* Manage our infrastructure with Terraform Cloud, including Sentinel policies and module "
     "versioning\n* Run EKS clusters and deploy with ArgoCD (GitOps)\n"
     "* Manage secrets with HashiCorp Vault\n"
     "* Improve observability in Datadog: dashboards, monitors, SLOs\n"
     "* Be part of the on-call rotation\nRequirements:\n"
     "* Strong Linux and networking fundamentals\n* Proficiency in Go or Python for tooling\n"
     "* Experience with Helm and Kustomize\n",
     ("aws", "terraform", "sentinel", "module", "eks", "kubernetes", "argocd", "gitops",
      "vault", "secret", "datadog", "observab", "monitor", "slo", "on-call", "linux",
      "network", "python", "helm", "kustomize", "microservice")),
    ("Marine Field Ecologist",
     "Marine Field Ecologist (fixed-term, 18 months). Join our coastal monitoring programme "
     "surveying seagrass meadows and reef fish along 200 km of coastline. You will plan and "
     "lead boat-based and diving surveys (HSE Professional SCUBA certificate required), "
     "collect and process eDNA samples, identify species to the standards of the national "
     "monitoring protocol, manage survey data in QGIS and analyse it in R (mixed-effects "
     "models, power analysis), and write reports for the regulator. A full driving licence and "
     "experience handling small boats (RYA Powerboat Level 2) are essential.",
     ("seagrass", "reef", "survey", "diving", "scuba", "edna", "species", "monitoring "
      "protocol", "qgis", "gis", "mixed-effects", "power analysis", "regulator", "boat",
      "rya", "powerboat", "driving licence")),
    ("Sous Chef",
     "Sous Chef - 120-cover brasserie. Run the pass when the Head Chef is off, lead a brigade "
     "of eight, and keep us at our five-star food hygiene rating. You'll manage HACCP records "
     "and allergen matrices (Natasha's Law labelling for our grab-and-go counter), cost new "
     "dishes to hit a 28% GP target, order and rotate stock, write the weekly rota and train "
     "commis chefs. Experience with Nory or a similar kitchen management system is useful.",
     ("the pass", "brigade", "food hygiene", "haccp", "allergen", "natasha", "labelling",
      "costing", "cost new", "gross profit", "gp ", "stock", "rota", "commis", "nory",
      "kitchen management")),
    ("Conveyancing Paralegal",
     "Conveyancing Paralegal. Our residential property team handles 400 sales and purchases a "
     "year. You will open files and run AML and ID checks through Thirdfort, raise "
     "pre-contract enquiries, order and review searches, prepare SDLT returns and register "
     "completions with HM Land Registry (portal and e-DS1). We work paperless in LEAP, so "
     "you'll need to be organised and confident with case management software. CQS experience "
     "helpful.",
     ("conveyanc", "aml", "anti-money", "id check", "thirdfort", "enquir", "search", "sdlt",
      "stamp duty", "land registry", "completion", "leap", "case management", "cqs")),
    ("Customer Success Manager",
     "Customer Success Manager, Mid-Market (EMEA). You will own a book of 45 accounts worth "
     "£3M ARR: onboarding new customers, running QBRs, spotting churn risk early from product "
     "usage and health scores in Gainsight, and working renewals and expansion with Sales. Our "
     "CRM is Salesforce; we track NPS and time-to-value. You'll write success plans and run "
     "adoption campaigns with Marketing.",
     ("onboarding", "qbr", "business review", "churn", "usage", "health score", "gainsight",
      "renewal", "expansion", "upsell", "salesforce", "crm", "nps", "time-to-value",
      "success plan", "adoption")),
    ("Clinical Research Coordinator",
     "Clinical Research Coordinator, Oncology Trials Unit. Coordinate phase II and III trials "
     "from site set-up to close-out. Screen and consent patients in line with ICH-GCP, "
     "schedule study visits, collect and enter data into Medidata Rave and REDCap, report "
     "serious adverse events within 24 hours, track protocol deviations and prepare for "
     "sponsor monitoring visits and MHRA inspections. Phlebotomy and sample processing "
     "(centrifuge, -80 storage, IATA shipping) experience desirable.",
     ("trial", "site set-up", "close-out", "screen", "consent", "gcp", "study visit",
      "medidata", "rave", "redcap", "adverse event", "protocol deviation", "monitoring visit",
      "mhra", "inspection", "phlebotomy", "sample", "centrifuge", "iata")),
)
