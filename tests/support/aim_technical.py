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
