"""Answers written to check the aim of technical and general questions (estel.analysis.aim).

Same shape as `aim_answers.CASES` (one bank question in one role and level, answered three ways:
on-topic in the candidate's own words, a strong work story about something else, vague), for the
questions the first check left alone: technical questions (the generic family's, which every role
the bank does not name is asked, and a specialist one) and behavioural questions whose topic names
no competency. Written before the code that judges them, in roles the bank does not name; not tuned
against it. Used by tests/offline/test_aim_technical.py and bench/relevance.py.
"""

from __future__ import annotations

from aim_answers import AimCase

CASES: tuple[AimCase, ...] = (
    AimCase(
        "Air Traffic Controller", "Senior", "generic", "gen-tech-senior-03",
        on="When I moved from area control to the approach unit I knew the airspace on paper "
        "only. For the first two weeks I sat in on every position, read the letters of agreement "
        "with the two airports and kept a notebook of everything I did not understand. Each "
        "Friday I talked it through with the senior approach controller so she could correct me. "
        "My first real contribution was small: I rewrote the handover checklist for the "
        "combined sector, which the watch adopted, and after that people started asking my view "
        "on the new arrival routes.",
        wrong="A trainee of mine kept losing the picture under load. Instead of failing him on "
        "the next assessment I sat with him, we replayed two recordings and saw he was scanning "
        "strips instead of the radar. We built a scan routine together, reduced his traffic for "
        "a week, and he validated a month later. He is now one of the calmest controllers on the "
        "watch, and two of his own trainees have since validated first time.",
        wrong_subject="coaching a trainee",
        vague="I would just get stuck in and learn as much as I could as fast as possible. People "
        "respect someone who works hard and shows willing, so I would make sure I was visible "
        "and helpful, and I am confident it would come together quickly.",
    ),
    AimCase(
        "Ship Captain", "Lead", "generic", "gen-tech-lead-01",
        on="On the ferry we get far more asks from the office, the port and the crew than a "
        "season allows. I put them all on one list and sort them by what keeps the ship safe and "
        "certified first, then what the charterer pays for, then comfort. Anything that needs "
        "dry dock waits for dry dock. I show the superintendent what each new job would push "
        "back, so when I turn one down he knows why, and twice last year he took a job off us "
        "rather than delay the survey work.",
        wrong="Last year I needed a new second officer because ours was promoted. First I wrote "
        "down what the bridge team lacked, which was ECDIS experience, and asked the crewing "
        "agency for candidates with it. I interviewed four with the chief officer, using a "
        "passage-planning exercise, and we took on a young officer from a tanker company. She "
        "passed her familiarisation in two weeks and now trains the cadets on ECDIS.",
        wrong_subject="a hire",
        vague="I would look at everything and decide what matters most, and be honest with "
        "people about what we can and cannot do. Communication is key, and I think people "
        "accept a no if you explain it well.",
    ),
    AimCase(
        "Pastry Chef", "Junior", "generic", "gen-tech-entry-03",
        on="Our head chef once gave me a croquembouche for a wedding on the Saturday, and I had "
        "never made one. I watched two videos that evening, read the method in our old Roux "
        "book, and asked the sous chef which bit people get wrong: the caramel. I made a small "
        "practice tower on Thursday, timed each stage and wrote the timings down. On Friday she "
        "checked the choux and my caramel temperature before I built the real one. It held up "
        "through the speeches and the couple asked for our card.",
        wrong="During a Saturday service the front-of-house manager kept sending desserts back "
        "because they were going out too slowly, and it turned into a shouting match at the pass. "
        "After service I asked her to sit down with me, and we agreed that she would call the "
        "dessert order when mains were cleared instead of when guests asked. Tickets went out "
        "about six minutes faster and we have not argued at the pass since.",
        wrong_subject="a clash with front of house",
        vague="I am a fast learner and I like a challenge, so I would just throw myself into it. "
        "I always ask questions when I am not sure and I would make sure it was done properly.",
    ),
    AimCase(
        "Bus Driver", "Junior", "generic", "gen-tech-entry-02",
        on="Before I hand a bus back at the depot I walk round it with the defect sheet: tyres, "
        "lights, mirrors, the wheelchair ramp and the doors. I check my ticket machine total "
        "against the cash in the bag and the card count before I sign the waybill. Last month the "
        "totals were two pounds out, so I went back through the machine log, found a fare I had "
        "keyed twice, and wrote it up before the next driver took the bus.",
        wrong="A passenger got on shouting because the previous bus had not stopped for her and "
        "she was late for a hospital appointment. I let her finish, apologised, and said I would "
        "report it. I radioed control with the time and stop, and they found the bus had been "
        "full. I told her that at her stop and gave her the complaints number, and she thanked "
        "me when she got off.",
        wrong_subject="an upset passenger",
        vague="I am quite careful by nature and I always take pride in what I do. I make sure "
        "everything is right before it goes to someone else, because mistakes reflect badly on "
        "everyone.",
    ),
    AimCase(
        "Wedding Planner", "Mid-level", "generic", "gen-tech-mid-01",
        on="For a six-week job like moving a wedding to a new venue, I break it into the "
        "decisions that block others: the venue contract first, then caterer and licence, then "
        "the guest comms. Each gets a date and an owner in a shared sheet. Every Monday I send "
        "the couple and my manager three lines: done, next, and anything at risk, in red. When "
        "the licence slipped by a week last spring they saw it on the Monday, not on the day.",
        wrong="I once booked a string quartet for the wrong Saturday because I copied the date "
        "from an old enquiry. I found out ten days before when their invoice arrived. I rang the "
        "couple that afternoon, owned it, and found another quartet through a music college at "
        "the same price. Since then I confirm every booking back to the supplier in writing "
        "against the contract date.",
        wrong_subject="a mistake",
        vague="Planning is really important and I am a very organised person. I like to keep "
        "everyone in the loop and I always make sure things are on track.",
    ),
    AimCase(
        "Lift Engineer", "Mid-level", "generic", "gen-tech-mid-03",
        on="We had a lift in a hospital that kept stopping between floors, fixed three times by "
        "swapping the door operator. I went back through the fault log and saw it only tripped "
        "in the afternoons, when the plant room was hottest. I put a data logger on the controller "
        "for a week, found the drive overheating, and traced it to a blocked vent fan. We "
        "replaced the fan and added the vent to the service checklist; it has not stopped since "
        "March.",
        wrong="I had an apprentice who was nervous about working on the car roof. I paired him "
        "with me for a month, talked him through each isolation before we did it, and then let "
        "him lead while I watched. By the summer he was doing the monthly services on his own, "
        "and he passed his NVQ assessment first time.",
        wrong_subject="coaching an apprentice",
        vague="I would look into it properly and make sure it was fixed for good this time. I "
        "have a lot of experience with problems like that and I usually get to the bottom of "
        "them.",
    ),
    AimCase(
        "Archivist", "Senior", "generic", "gen-tech-senior-01",
        on="When a funder brought our digitisation deadline forward by half, I kept the things "
        "that cannot be redone: the scanning resolution, the conservation checks on fragile "
        "items and the catalogue fields researchers search on. I cut the nice-to-haves, like "
        "full transcriptions, to a later phase, and told the funder so in writing. We did a "
        "ten per cent quality sample each week instead of checking every file, and we delivered "
        "with two re-scans out of 4,000.",
        wrong="My manager decided to move the reading room to appointment-only without asking "
        "the staff who run it. I disagreed, because our regular researchers are mostly retired "
        "and book by phone. I asked for a month's trial, counted walk-ins and phone bookings, "
        "and took the numbers to her. She kept appointments for weekday mornings and left "
        "afternoons open, and complaints stopped.",
        wrong_subject="a disagreement with a manager",
        vague="Quality always matters to me, so I would find a way to keep standards high. I "
        "would work with the team and be flexible, and I am sure we would get there.",
    ),
    AimCase(
        "Harbour Pilot", "Senior", "generic", "gen-tech-senior-02",
        on="The port was keen to bring the new larger container ships in on a two-hour tide "
        "window, and everyone was excited about the business. I had run the numbers on the "
        "simulator and the underkeel clearance at the bend was too tight with a strong westerly. "
        "I wrote it up with the simulator runs, took it to the harbour master before the "
        "meeting, and proposed a wind limit rather than a no. They accepted it, and we have "
        "held two ships off since without any damage.",
        wrong="We were short of pilots, so I was asked to help recruit. I wrote the advert with "
        "the harbour master, shortlisted six masters from the applicants, and we ran a simulator "
        "assessment with a night approach. We appointed two; both finished their training trips "
        "within the year, and the roster has had no gaps since.",
        wrong_subject="recruiting",
        vague="I would always speak up if I thought something was wrong, even if it was not "
        "popular. Safety comes first, and I think people respect honesty in the end.",
    ),
    AimCase(
        "Head Gardener", "Lead", "generic", "gen-tech-lead-02",
        on="One of my gardeners was falling behind on his beds for months and the others were "
        "finishing his mowing. I took him aside, asked what was going on, and it came out that "
        "his back had got bad and he was hiding it. We moved him onto the glasshouse propagation, "
        "got the occupational health referral moving, and agreed weekly check-ins on a short "
        "list of jobs. I told the team the mowing was back on the rota, not on them. He is on "
        "top of his work now.",
        wrong="Our estate needed a new ride-on mower and the trustees had cut the budget. I "
        "priced three options, showed the hours we were losing to breakdowns, and set out the "
        "repair bills for two years against a lease. I presented it at the trustees' meeting "
        "with the head of finance, and they approved the lease, which saved us about £2,000 a "
        "year.",
        wrong_subject="a business case",
        vague="I would have a word with them and find out what is going on, and then take it "
        "from there. You have to be fair but firm with people.",
    ),
    AimCase(
        "Orchestra Manager", "Lead", "generic", "gen-beh-lead-01",
        on="Our principal second violin kept arriving late to rehearsals and was unprepared for "
        "two concerts running. I asked to see her after the Thursday rehearsal, gave her the two "
        "dates and what the conductor had noticed, and asked what was happening. She was "
        "teaching late every night to cover bills. It was an uncomfortable conversation, but we "
        "agreed she would take the earlier call time and I would share the parts a week sooner. "
        "She has been on time all season.",
        wrong="The night before a tour opening our van with the timpani broke down on the "
        "motorway. I rang three hire companies, found a van in Leeds, and drove it down myself "
        "with the porter overnight. The instruments were on stage by ten, the sound check ran to "
        "time, and afterwards I set up a standby hire agreement for every tour.",
        wrong_subject="a breakdown on tour",
        vague="Giving difficult feedback is never easy but it is part of the job. I try to be "
        "honest and kind at the same time and I think people appreciate that.",
    ),
    AimCase(
        "Dental Nurse", "Senior", "generic", "gen-beh-senior-02",
        on="Our decontamination room had three people doing it three ways. I wrote down one "
        "routine with the practice manager, taped the steps above the sink, and showed each "
        "nurse it during a quiet session. I started a weekly log with a spot check of one "
        "instrument tray, and I fed back the results at the monthly meeting. Six months later "
        "our infection control audit came back clean for the first time in three years.",
        wrong="I once put the wrong patient's X-rays up on the screen because two patients had "
        "the same surname. The dentist spotted it before anything happened. I told the practice "
        "manager the same day, and we added the date of birth check to our routine when "
        "calling patients in. It has not happened again.",
        wrong_subject="a mistake",
        vague="I have always had high standards and I like things done properly. I lead by "
        "example and people tend to follow.",
    ),
    AimCase(
        "Backend Engineer", "Junior", "backend_engineering", "be-tech-entry-02",
        on="I would run EXPLAIN ANALYZE first; on ten million rows at two seconds it is almost "
        "certainly a sequential scan and a sort. A composite index on customer_id and created_at "
        "descending lets the database read that customer's rows already in order and stop at "
        "the limit. I would build it concurrently so writes are not blocked, check the plan "
        "again afterwards, and keep an eye on insert latency, since every extra index costs "
        "writes.",
        wrong="On my first team two seniors disagreed about whether we should adopt a new ORM, "
        "and the standup turned tense. I suggested we spike both options for a day each on "
        "the same ticket and compare. I wrote up the results in a short doc, we went with the "
        "existing ORM, and both of them said the doc settled it.",
        wrong_subject="a disagreement",
        vague="I would look at the query and try to make it faster, maybe with an index or "
        "caching. Databases can be slow if they are not set up properly.",
    ),
)


# Written after the code that judges the cases above, and not used to change it: a held-out check
# that the vocabularies were not fitted to the answers they were written beside.
HELD_OUT: tuple[AimCase, ...] = (
    AimCase(
        "Plumber", "Mid-level", "generic", "gen-tech-mid-03",
        on="A landlord had a ceiling stain come back three times after other firms re-sealed the "
        "shower tray. I ran the shower for twenty minutes with the tray taped off, then filled the "
        "waste only, and the stain grew only when the waste ran. Under the floor the trap nut had "
        "a hairline crack that opened when it was warm. I swapped the trap, tested it hot and "
        "cold, and left a note in the landlord's file; no call-back in the year since.",
        wrong="A customer rang furious that my quote for a new boiler was six hundred pounds more "
        "than a friend's. I went round, walked her through the flue extension and the gas pipe "
        "upgrade her house needed, and showed her the other quote left both out. She booked me "
        "the same week and has since sent me two neighbours.",
        wrong_subject="an upset customer",
        vague="I would take a good look at it and make sure I found what was really going on, "
        "rather than just patching it again. Experience tells you a lot in this trade.",
    ),
    AimCase(
        "Librarian", "Junior", "generic", "gen-tech-entry-01",
        on="In my first month I came in to four 'urgent' asks: a school visit pack, a display, a "
        "councillor's stats and shelving the returns trolley. The school group was arriving at "
        "eleven, so their pack went ahead of everything; the stats were due to the council that "
        "day, so they were next. I told the colleague with the display that it would be done "
        "Thursday, and asked the duty manager whether the trolley could go to the Saturday "
        "volunteer. Everyone knew by ten where their request stood.",
        wrong="I once shelved a whole trolley of large-print books in the wrong section because I "
        "misread the new spine labels. A regular reader told me she could not find anything. I "
        "owned up to my supervisor, spent the afternoon moving them, and asked for a ten-minute "
        "refresher on the labels, which we then gave every new starter.",
        wrong_subject="a mistake",
        vague="I would try to do everything as well as I could and not panic. I think staying "
        "calm and being organised is the main thing in a busy library.",
    ),
    AimCase(
        "Registered Nurse", "Senior", "nursing", "nur-beh-senior-01",
        on="A newly qualified nurse on our ward was staying two hours after every shift and "
        "crying in the sluice. I noticed her drug rounds were slow because she double-checked "
        "everything with anyone nearby. I took her for a coffee, we broke the round into a "
        "routine she could follow, and I worked alongside her for four shifts, then checked in at "
        "the end of each week. By her three-month review she was leaving on time and took her "
        "first charge shift in the spring.",
        wrong="On a night with two nurses off sick I had eleven patients. I saw the two with the "
        "highest early warning scores first, got the time-critical insulin and antibiotics done, "
        "and asked the healthcare assistant to do washes and turns. Paperwork waited until four. "
        "By handover every critical task was done and nobody had deteriorated unnoticed.",
        wrong_subject="a heavy shift",
        vague="New nurses need a lot of support and I always try to be approachable. I remember "
        "how hard it was when I started, so I make time for them.",
    ),
    AimCase(
        "IT Support", "Junior", "it_support", "its-beh-entry-01",
        on="A finance manager rang me shouting because her laptop would not connect to the VPN "
        "an hour before the month-end deadline. I let her vent, said I would stay on the line "
        "until it worked, and got her on a hotspot from her phone while I looked. Her password "
        "had expired overnight; I reset it, walked her through signing in, and she filed on "
        "time. She emailed my manager to thank me.",
        wrong="When we moved from our old ticketing tool to ServiceNow I had never used it. I did "
        "the vendor's online course over two evenings, shadowed a colleague on the pilot team, "
        "and kept a page of the shortcuts I kept forgetting. Within a month I was the one "
        "answering other people's questions on it, and I wrote our quick-start guide.",
        wrong_subject="learning a new tool",
        vague="I always stay calm with users and try to understand their frustration. Good "
        "customer service is really important in IT support.",
    ),
    AimCase(
        "Operations Manager", "Lead", "operations", "ops-tech-lead-02",
        on="I would start from the forecast by week and by site, turn it into labour hours and "
        "dock slots at our current pick rates, and see where we fall short. Agency staff need "
        "booking and training six weeks ahead, so I would agree volumes with two agencies early, "
        "add a twilight shift, and rent extra trailers for the busiest fortnight. I would run a "
        "dress rehearsal at 150% volume in September and set a weekly review against the "
        "forecast so we can flex.",
        wrong="One of my shift managers kept missing his productivity targets and blaming the "
        "agency staff. I sat him down with six weeks of data, asked what was getting in the way, "
        "and found he was covering two roles. We split the roles, set weekly targets with a "
        "review each Friday, and he hit target in five of the next six weeks.",
        wrong_subject="an underperforming manager",
        vague="Peak is always challenging, so I would make sure we had enough people and that "
        "everyone knew what was expected. Good planning is everything.",
    ),
    AimCase(
        "Software Engineer", "Junior", "software_engineering", "swe-tech-entry-01",
        on="I would read the CI log first for the exact assertion and compare the environment: "
        "Python version, timezone, locale and whether tests run in parallel there. Then I would "
        "try to reproduce it locally in the same container image and with the same random seed. "
        "If it depends on order, running that test alone and then with the whole suite tells me "
        "whether another test leaks state. I would fix the cause rather than add a retry.",
        wrong="At a hackathon my team wanted to build a chatbot, but I thought a small tool to "
        "track on-call swaps would actually get used. I mocked it up in an hour, showed the "
        "on-call lead, and the team agreed to switch. We won the internal prize and the tool "
        "is still used by three teams.",
        wrong_subject="persuading a team",
        vague="I would debug it carefully and look at what is different about CI. Usually it "
        "is something in the environment.",
    ),
    AimCase(
        "Farm Manager", "Senior", "generic", "gen-tech-senior-01",
        on="When the buyer brought our potato lift forward by two weeks, I kept the things that "
        "decide whether the crop sells: skin set, bruising checks at the grader and the store "
        "temperature. I cut the extra headland tidy-up and moved hedge work to winter. We ran "
        "the harvester longer days with a second driver, and I sampled ten boxes a day for "
        "bruising instead of the usual twenty, told the buyer, and we had no rejections.",
        wrong="Every summer we take on eight seasonal pickers. Two years ago half of them left in "
        "the first week, so I changed how we hire: a trial morning before anyone is offered the "
        "job, a clear rota in the advert, and a bonus for staying the full season. Last year "
        "seven of eight stayed to the end.",
        wrong_subject="hiring",
        vague="Quality is important but so is getting the job done, so you have to find a "
        "balance. I would talk to the team and we would work it out together.",
    ),
    AimCase(
        "QA Engineer", "Mid-level", "qa_testing", "qa-beh-mid-02",
        on="A currency-rounding defect reached production in a checkout change I had signed "
        "off: totals in yen were off by one. I had tested with pounds and euros only, because "
        "our test data had no zero-decimal currencies. I owned it in the incident review, added "
        "yen and Bahraini dinar to the fixtures, and wrote a property test for rounding. Since "
        "then I ask for the data's edge cases before I plan the tests, not after.",
        wrong="A junior tester on my team was nervous about automation. I paired with her for "
        "an hour a day for three weeks, starting with reading existing tests, then changing one, "
        "then writing her own. By the end of the quarter she had automated the login suite on "
        "her own and now runs our Playwright training for new starters.",
        wrong_subject="mentoring",
        vague="Bugs always get through sometimes, and the important thing is to learn from it. "
        "I always try to improve my testing after something like that.",
    ),
)


# Written blind, after the code was settled: eight questions the change newly judges, drawn at
# random (seed 2026) from the bank, answered before any of them was scored.
BLIND: tuple[AimCase, ...] = (
    AimCase(
        "Civil Engineer", "Senior", "civil_engineering", "civ-tech-senior-01",
        on="For a footbridge I would set the category from the consequence and novelty: a "
        "standard steel span over a road is usually Category 2, a cable-stayed or unusual "
        "structure over a railway Category 3, with a checker from a different firm. The checker "
        "needs the design basis, loads, the vibration criteria for pedestrians, the codes and "
        "the drawings, but not our calculations at first, so their model is independent. I "
        "would agree the approval in principle with the highway authority before we start.",
        wrong="On my last project the client wanted to cut the site team by two engineers to "
        "save money. I pulled together the hours we had spent on temporary works checks and "
        "the near misses those checks had caught, and presented it at the monthly board. They "
        "kept one of the two posts and agreed to review after the piling finished.",
        wrong_subject="making a case to a client",
        vague="Checking is very important on any bridge, and I would make sure it was done by "
        "someone competent. Safety always comes first in civil engineering.",
    ),
    AimCase(
        "Accountant", "Junior", "finance_accounting", "fin-beh-entry-02",
        on="At month end I needed the marketing accruals and the budget holder had not replied "
        "to two emails. I walked over, explained the close was on Thursday and that without "
        "his numbers I would have to accrue from last month's run rate. I sent him a one-line "
        "template with the three figures I needed. He filled it in that afternoon, and since "
        "then I send the template on day one of the close.",
        wrong="In my first audit season I found our fixed asset register did not match the "
        "ledger by forty thousand pounds. I went line by line through the additions and found "
        "a laptop batch posted twice. I corrected it with a journal, showed my manager, and we "
        "added a monthly reconciliation of the register to the close checklist.",
        wrong_subject="finding an error",
        vague="I would keep chasing them politely and escalate if I needed to. Good "
        "relationships with other departments make month end much easier.",
    ),
    AimCase(
        "Manufacturing Engineer", "Mid-level", "manufacturing", "mfg-beh-mid-01",
        on="On our moulding line nights produced twice the scrap of days. I spent two nights "
        "on the line and saw the night crew changed tools without the warm-up cycle because "
        "the setter went home at ten. We wrote a one-page changeover card with the warm-up "
        "step and photos, trained both crews on it, and moved one setter's hours later. Within "
        "a month night scrap was within a point of days.",
        wrong="We bought a second-hand press from a company that had closed, and I ran the "
        "installation. I planned the foundation, the power supply and the guarding with our "
        "maintenance lead, booked the riggers for a weekend, and had it producing good parts "
        "on the Tuesday, three days ahead of plan and under budget.",
        wrong_subject="installing a machine",
        vague="Every shift is different and you have to bring everyone together. I think "
        "communication between shifts is usually the answer.",
    ),
    AimCase(
        "Plant Manager", "Lead", "manufacturing", "mfg-beh-lead-02",
        on="We needed to move from three eight-hour shifts to two twelves to cover a new "
        "contract, and the union rep said no on the first day. I shared the order book and "
        "the overtime we were paying, asked the stewards to design the rota with us, and we "
        "trialled it on one line for eight weeks with a guaranteed return if it failed. "
        "Absence fell, the ballot passed with 78%, and the rota is still running.",
        wrong="A forklift clipped a racking leg on a night shift. I stopped the aisle, had the "
        "racking inspected before anything was moved, and offloaded the bay. We found the "
        "driver had been on a double shift, so I capped shifts at twelve hours and added a "
        "racking guard on every end leg. There has not been a strike on racking since.",
        wrong_subject="a safety incident",
        vague="Working with unions is all about trust and being open. If you treat people "
        "with respect, they will usually come with you on change.",
    ),
    AimCase(
        "Product Manager", "Junior", "product_management", "pm-beh-entry-02",
        on="My first feature touched our payments retry logic, which I did not really "
        "understand. I asked the tech lead for a whiteboard session, wrote up what I thought "
        "the states were and had her correct it, and I asked the engineers to give me the "
        "trade-offs as options rather than answers. We chose the simpler retry schedule "
        "because I could explain its risk to finance, and failed payments fell by a fifth.",
        wrong="Our sales team kept promising customers features we had not planned. I set up "
        "a monthly call with the sales leads, shared the roadmap with confidence levels, and "
        "made a simple form for requests. Promises of unplanned features dropped sharply, "
        "and two requests from the form made it onto the roadmap.",
        wrong_subject="managing sales",
        vague="I am not afraid to ask questions, and I trust the engineers to guide me on "
        "the technical side. Collaboration is the key to good decisions.",
    ),
    AimCase(
        "Civil Engineer", "Junior", "civil_engineering", "civ-beh-entry-02",
        on="On my first site visit to a drainage job I watched the gang trying to lay a pipe "
        "I had detailed at a junction with four other services in the way. They had to hand "
        "dig around them for two days. Since then I ask for the utility survey before I fix "
        "levels, and I walk the route if I can. On my next scheme I moved a manhole a metre and "
        "it saved the contractor a week.",
        wrong="At university our group design project fell behind because one member stopped "
        "turning up. I split his tasks between the rest of us, set weekly deadlines in a shared "
        "tracker, and told our supervisor early. We submitted on time and got a first.",
        wrong_subject="a group project",
        vague="Site visits are really valuable for a designer. You learn so much from seeing "
        "how things are actually built.",
    ),
    AimCase(
        "Data Scientist", "Mid-level", "data_science", "ds-beh-mid-02",
        on="Our churn model's precision fell from 0.62 to 0.41 over two months after launch. "
        "The drift dashboard showed the tenure feature had shifted: a new pricing plan had "
        "brought in lots of annual customers the model had never seen. I retrained on the "
        "recent six months with plan type as a feature, validated on the last month, and set a "
        "monthly alert on feature drift. Precision came back to 0.58.",
        wrong="The marketing director wanted a lookalike audience built in a week. I pushed back "
        "on the timeline, explained that our consent flags were not reliable, and proposed a "
        "two-week version using only consented customers. She agreed, and the campaign "
        "converted at twice the usual rate.",
        wrong_subject="pushing back on a director",
        vague="Models always degrade over time, so monitoring is important. I would look at "
        "the data and retrain it if needed.",
    ),
    AimCase(
        "Machine Learning Engineer", "Mid-level", "ml_engineering", "mle-tech-mid-03",
        on="First I would log the retrieved passages with each answer, and label a sample of "
        "bad answers: did retrieval miss the right article, or did the model ignore it? If "
        "retrieval misses, I would look at chunking and try hybrid search with keyword "
        "matching. If the model ignores good context, I would tighten the prompt to answer only "
        "from the passages and to say when it cannot, and add a groundedness check before the "
        "answer is shown.",
        wrong="Our team had three people who each deployed models their own way. I wrote a "
        "small template repository with the serving code, tests and a CI pipeline, ran a "
        "lunch session on it, and helped each person move one model. Within a quarter every "
        "new model used the template and deploys took an hour instead of a day.",
        wrong_subject="standardising deployment",
        vague="Hallucinations are a known problem with LLMs. I would improve the prompt and "
        "maybe use a better model.",
    ),
)
