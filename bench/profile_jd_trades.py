"""A fourth set of job descriptions for bench/profile_jd.py (`--set trades`): written for the
trades family (stop 22) before any interview with them was run, so the figures are not tuned to
them. Trades JDs name their work in certificates, kit and tasks (EICRs, unvented cylinders, VRF,
BS EN ISO 9606, trussed roofs) more than in tools; a backend JD in a different stack from the
first set's checks the general JD fixes.

Each entry: (role as typed, JD, the skills and tools the JD names, listed by hand as lower-case
stems a question would say; not the catalogue's terms).
"""

from __future__ import annotations

ROLES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Electrician",
     "Qualified Electrician - Domestic & Light Commercial\n\nWe're an NICEIC-registered "
     "contractor based in Leeds with 14 vans on the road.\n\nYou will:\n"
     "- Carry out rewires, consumer unit upgrades and new circuits to BS 7671 (18th Edition)\n"
     "- Inspect and test installations and complete EICRs, EICs and Minor Works certificates\n"
     "- Fault-find on lighting and power circuits\n"
     "- Install EV chargers and fire alarm systems\n"
     "- Keep van stock and job sheets up to date\n\nYou'll hold:\n"
     "- NVQ Level 3 and AM2\n- 18th Edition; 2391 Inspection & Testing desirable\n"
     "- Full UK driving licence and an ECS gold card\n",
     ("rewire", "consumer unit", "circuit", "bs 7671", "18th edition", "inspect", "test",
      "eicr", "certificat", "minor works", "fault", "ev charg", "fire alarm", "2391", "am2",
      "ecs", "niceic")),
    ("Plumbing and Heating Engineer",
     "Plumbing & Heating Engineer. Busy family firm covering Bristol and Bath. Install and "
     "service gas boilers, unvented hot water cylinders and heating systems; carry out bathroom "
     "installations and pipework in copper and plastic; diagnose and repair leaks, low pressure "
     "and heating faults; complete Benchmark and gas safety records; power-flush and balance "
     "systems. Gas Safe registered (CCN1, CENWAT) with the G3 unvented qualification. "
     "Customer-facing: tidy, reliable and happy to explain things to homeowners.",
     ("boiler", "unvented", "cylinder", "heating", "bathroom", "pipework", "copper", "leak",
      "pressure", "benchmark", "gas safe", "gas safety", "power-flush", "power flush",
      "balanc", "g3", "ccn1", "service")),
    ("HVAC Technician",
     "HVAC Service Technician (commercial, South East). Maintain and repair rooftop units, "
     "split systems and VRF air conditioning across our retail clients' sites. Carry out "
     "planned preventive maintenance, refrigerant leak checks and F-Gas record keeping; "
     "diagnose compressor, controls and airflow faults; commission new installs and complete "
     "service reports on the app. F-Gas Category 1 essential, own hand tools, happy to work at "
     "height (IPAF preferred).",
     ("rooftop", "split system", "vrf", "air conditioning", "preventive maintenance",
      "refrigerant", "leak", "f-gas", "compressor", "controls", "airflow", "commission",
      "service report", "work at height", "ipaf")),
    ("Welder Fabricator",
     "Welder Fabricator - structural steel shop, days, overtime available.\n"
     "* MIG and TIG welding of carbon and stainless steel to drawings\n"
     "* Fillet and butt welds to BS EN ISO 9606 coding\n"
     "* Read fabrication drawings and weld symbols\n"
     "* Set up and cut with plasma and bandsaw\n"
     "* Visual inspection and preparing work for NDT\n"
     "* Keep the workshop safe and tidy\n",
     ("mig", "tig", "stainless", "carbon steel", "fillet", "butt weld", "9606", "coded",
      "coding", "drawing", "weld symbol", "plasma", "inspection", "ndt", "fabricat")),
    ("Site Carpenter",
     "Site Carpenter - New Build Housing. First and second fix on timber-frame and traditional "
     "builds: cut and trussed roofs, floor joists, stud walls, staircases, doors, skirting and "
     "architrave, kitchens. You'll work from drawings, set out accurately and use power tools "
     "safely. CSCS card required; own tools.",
     ("first fix", "second fix", "timber", "roof", "truss", "joist", "stud", "stair", "door",
      "skirting", "architrave", "kitchen", "drawing", "set out", "setting out", "power tool",
      "cscs")),
    ("Maintenance Electrician",
     "Maintenance Electrician (4 on 4 off, food factory). Fault-find on PLC-controlled "
     "production lines, motors, inverters and three-phase distribution; carry out planned "
     "maintenance and thermographic surveys; apply safe isolation and lock-out/tag-out; work "
     "with the mechanical fitters to cut downtime. 18th Edition required; Siemens S7 "
     "experience desirable.",
     ("plc", "motor", "inverter", "three-phase", "distribution", "planned maintenance",
      "thermograph", "isolation", "lock-out", "downtime", "18th edition", "siemens", "s7",
      "fault")),
    ("Senior Backend Engineer",
     "Senior Backend Engineer - Logistics API. You'll build and scale the services behind our "
     "shipment-tracking API: Java and Kotlin with Spring Boot on AWS, PostgreSQL and DynamoDB, "
     "SQS and SNS for messaging. You'll design APIs (REST and gRPC), own observability "
     "(OpenTelemetry, Datadog), bring p95 latency down, and handle rate limiting and retries "
     "for third-party carrier integrations. Strong on testing: unit, contract and load tests.",
     ("java", "kotlin", "spring", "aws", "postgres", "dynamodb", "sqs", "sns", "messag",
      "queue", "api", "rest", "grpc", "observab", "opentelemetry", "datadog", "p95",
      "latency", "rate limit", "retr", "integration", "contract test", "load test", "testing")),
)
