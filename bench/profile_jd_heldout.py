"""A third set of job descriptions for bench/profile_jd.py (`--set heldout`): written by the
helper that changed the JD question choice in wave 5, before measuring them, and never tuned on
(the figures before and after that change are in its report). Industries and levels the other
two sets lack: logistics, HR, electrical trades, insurance claims, veterinary nursing, a lead
mobile engineer; layouts as ads are really pasted (a heading soup, "•" and "-" bullets, a
colon list, run-on sentences, stray capitals).

Each entry: (role as typed, JD, the skills and tools the JD names, listed by hand as lower-case
stems a question would say; not the catalogue's terms).
"""

from __future__ import annotations

ROLES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Warehouse Shift Manager",
     "WAREHOUSE SHIFT MANAGER – NIGHTS\nGrocery distribution centre, 420k sq ft, 90 "
     "colleagues per shift\n\nKey Responsibilities:\n• Deliver the shift plan for pick, "
     "pack and despatch against UPH and accuracy targets\n• Run the WMS (Manhattan SCALE) "
     "and resolve inventory discrepancies with the stock control team\n• Lead MHE safety: "
     "FLT and reach truck licensing, pre-use checks, near-miss reporting\n• Manage absence, "
     "return-to-work interviews and disciplinaries in line with policy\n• Chair the 5am "
     "handover and daily KPI huddle\n\nAbout You:\n• 3+ yrs managing a shift in a "
     "warehouse or DC\n• IOSH Managing Safely (or willing to obtain)\n• Lean / 5S an "
     "advantage\n",
     ("pick", "despatch", "uph", "units per hour", "accuracy", "wms", "manhattan", "inventory",
      "stock", "mhe", "flt", "forklift", "reach truck", "pre-use", "near-miss", "near miss",
      "absence", "return-to-work", "disciplinar", "handover", "kpi", "iosh", "lean", "5s")),
    ("HR Business Partner",
     "HR Business Partner (Operations, 1,200 employees) - hybrid\n"
     "You'll partner the Operations Director and her leadership team on organisation design, "
     "workforce planning and the annual pay review. Day to day you'll coach managers through "
     "employee relations casework - grievances, disciplinaries, capability and long-term "
     "sickness absence - and keep us on the right side of UK employment law. We're mid-way "
     "through a TUPE transfer of 80 people from an outsourced supplier, and you will lead "
     "the consultation. Workday experience a bonus. CIPD Level 7 (or working towards).",
     ("organisation design", "organizational design", "workforce plan", "pay review",
      "employee relations", "grievance", "disciplinar", "capability", "sickness absence",
      "absence", "employment law", "tupe", "consultation", "workday", "cipd", "coach")),
    ("Electrician",
     "Approved Electrician wanted - domestic & light commercial. Jobs across Leeds, own van "
     "provided. Work includes consumer unit upgrades, full and part rewires, EV charger "
     "installs (Zappi, Ohme), fault finding and testing & inspection with EICRs. Must hold "
     "18th Edition (BS 7671), 2391 Inspection and Testing, ECS gold card. Clean driving "
     "licence. NICEIC registered contractor so your paperwork needs to be spot on.",
     ("consumer unit", "rewire", "ev charg", "zappi", "ohme", "fault", "testing", "inspection",
      "eicr", "18th edition", "bs 7671", "2391", "ecs", "niceic", "certificat")),
    ("Claims Handler",
     "Claims Handler - Motor (Graduate entry considered)\n\nWhat you'll be doing:\n"
     "- handling a caseload of ~120 motor claims from FNOL to settlement\n"
     "- assessing liability using the Highway Code and dashcam evidence\n"
     "- setting and reviewing reserves; referring suspected fraud to the SIU\n"
     "- instructing engineers, hire and repair networks and keeping customers updated\n"
     "- treating customers fairly under Consumer Duty and spotting vulnerable customers\n\n"
     "What you'll need: excellent written communication; organised; able to use Guidewire "
     "ClaimCenter (training given).",
     ("caseload", "fnol", "first notification", "settlement", "liability", "highway code",
      "dashcam", "reserve", "fraud", "siu", "engineer", "repair", "consumer duty",
      "vulnerab", "guidewire", "claimcenter")),
    ("Registered Veterinary Nurse",
     "RVN - mixed practice, small animal focus. We're a busy 3-vet practice looking for an "
     "RCVS registered veterinary nurse. Monitoring anaesthesia (we use capnography and "
     "multiparameter monitors), induction prep, dental scale and polish, nurse clinics "
     "(weight, post-op checks, puppy/kitten), in-house lab work incl. haematology and "
     "urinalysis, radiography under the Ionising Radiation Regulations. Familiarity with "
     "RoboVet is useful. Out-of-hours rota 1 in 4.",
     ("anaesthe", "capnograph", "monitor", "induction", "dental", "scale and polish",
      "nurse clinic", "post-op", "lab", "haematology", "urinalysis", "radiograph",
      "ionising radiation", "robovet", "rcvs", "out-of-hours")),
    ("Lead iOS Engineer",
     "Lead iOS Engineer\nLondon / remote-first\n\nWe're looking for a Lead iOS Engineer to "
     "head up a squad of five building our health-tracking app (1.5m MAU). you will set "
     "technical direction for the iOS codebase: Swift, SwiftUI and Combine, a modular "
     "architecture with Swift Package Manager, and a CI pipeline on Bitrise. Crash-free "
     "sessions are at 99.1% and we want 99.8. HealthKit integration, offline sync with Core "
     "Data, and App Store release management are part of the job. You'll mentor engineers, "
     "run code review and hire.",
     ("swift", "swiftui", "combine", "modular", "package manager", "ci", "bitrise", "crash",
      "healthkit", "offline sync", "core data", "app store", "release", "mentor",
      "code review", "hiring", "hire")),
)
