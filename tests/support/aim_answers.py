"""Answers written to check whether a story answers the question asked (estel.analysis.aim).

Each case is one bank question in one role and level, answered three ways by the same candidate:
- `on`: a strong answer to that question, in the candidate's own words (trade words, synonyms,
  Hinglish) rather than the question's;
- `wrong`: an equally strong work story (STAR, numbers, ownership) that answers a *different*
  question, as a candidate does who prepared stories before seeing the questions;
- `vague`: a general answer with no example.
Written for this check, in roles the bank names and roles it does not; none was tuned against
the code. Used by tests/offline/test_aim.py and bench/relevance.py.
"""

from __future__ import annotations

from typing import NamedTuple


class AimCase(NamedTuple):
    role: str
    level: str
    family: str
    question_id: str
    on: str
    wrong: str
    wrong_subject: str  # what the wrong story is about, in a word or two
    vague: str


CASES: tuple[AimCase, ...] = (
    AimCase(
        "Ship Captain", "Lead", "generic", "gen-beh-lead-02",
        on="When my chief officer retired in 2022 I had to replace him on a 180-metre ro-ro with "
        "a crew of 24. The gap was clear: the junior officers were strong on navigation but weak "
        "on cargo stowage and stability, so I wanted someone who could teach that. With the "
        "company's marine HR we shortlisted six, and the chief engineer and I interviewed each "
        "with the same three scenarios, including a lashing failure in heavy weather, scored "
        "against a sheet we agreed beforehand. We took on a mate from a Norwegian operator. Two "
        "years on she runs our stability training and one of the juniors she coached has just "
        "passed his chief mate's ticket.",
        wrong="In 2021 we had an engine-room fire off Ushant at night. The alarm went at 02:10; I "
        "took the bridge, sent the fire party in breathing apparatus, shut down the fuel "
        "supply and released the fixed CO2 system after mustering all 24 crew. We kept steerage "
        "on the emergency generator and the fire was out within 40 minutes, with no injuries. "
        "Afterwards I rewrote our fire drill so every watch practises fuel shutdown monthly, and "
        "our drill times fell from nine minutes to four.",
        wrong_subject="fire",
        vague="Hiring is really about finding the right people with the right attitude. I always "
        "look for someone who fits in with the crew and works hard, and I trust my judgement "
        "about people, which has generally served me well over the years.",
    ),
    AimCase(
        "Stage Manager", "Senior", "generic", "gen-beh-senior-01",
        on="On a touring musical I took on a new ASM, Priya, straight out of drama school. She "
        "froze when cueing the fly crew, so rather than calling the cues for her I had her shadow "
        "me on the book for four shows, then call the second act while I sat beside her on "
        "cans. We went through each show's notes together afterwards. By the end of the tour she "
        "was running the prompt desk alone, and the company hired her as deputy on the next "
        "production.",
        wrong="During a matinee of a touring musical the revolve jammed halfway through act one "
        "with 900 people in the house. I held the show, made the announcement myself, and got "
        "the crew to push the revolve by hand into its next position while the MD vamped. We "
        "were back up in eleven minutes. I then worked with the production electrician to find "
        "a worn drive coupling, and we added a pre-show drive test that caught two more faults "
        "before they reached a performance.",
        wrong_subject="revolve",
        vague="I think helping people grow is one of the most important parts of the job. I "
        "always try to be supportive and approachable, and I believe people learn best when they "
        "feel comfortable asking questions and have someone to guide them.",
    ),
    AimCase(
        "Staff Nurse", "Mid-level", "nursing", "nur-beh-mid-01",
        on="On a night shift on a 28-bed respiratory ward we were two nurses down and I had ten "
        "patients. I did a quick safety round first, rechecked obs and NEWS2 scores, and put the "
        "man whose score had gone from 3 to 6 first: I escalated him to the registrar and got "
        "bloods and a gas done. I did the 22:00 meds round next because two patients had "
        "time-critical Parkinson's medication, asked the healthcare assistant to do the personal "
        "care and turns, and left the non-urgent paperwork until 4am. I told the night "
        "coordinator, and by morning every critical task was done and handover was on time.",
        wrong="A daughter came to the nurses' station very angry that her mother had been left in "
        "a wet bed and had not been given her lunch. I took her into the quiet room, listened "
        "without interrupting, and apologised for what had happened. I checked the care records "
        "with her, found the hourly rounding had been missed twice, and arranged a meeting with "
        "the ward manager the next day. She did not make a formal complaint and thanked us at "
        "discharge, and we moved rounding checks onto the electronic board.",
        wrong_subject="daughter",
        vague="On busy shifts I just stay calm and prioritise. I always focus on patient safety "
        "and make sure the most important things get done, and I work well as part of a team.",
    ),
    AimCase(
        "Software Engineer", "Lead", "software_engineering", "swe-beh-lead-02",
        on="One developer on my team had pull requests that kept bouncing back in review, and he "
        "had missed three sprint commitments running. In our one-to-one I showed him the "
        "pattern with specific PRs rather than opinions, and asked what was going on; it turned "
        "out he had never worked with our event-driven code and was too embarrassed to say. We "
        "agreed a six-week plan: pairing twice a week with a senior, smaller tickets, and a "
        "check-in every Friday. By week five his PRs were passing first review, and he later "
        "led the consumer rewrite.",
        wrong="Last March our payments service went down for 47 minutes on a Friday afternoon. I "
        "took incident command, split the team into one group rolling back and one checking the "
        "database, and posted updates in the status channel every ten minutes. The cause was a "
        "connection-pool setting changed in a config release. We restored service, and in the "
        "postmortem I pushed for config changes to go through canary deploys; we have had no "
        "config outage since.",
        wrong_subject="outage",
        vague="When someone is underperforming I think it is important to be supportive but "
        "also clear about expectations. Communication is key, and I always try to understand "
        "their side and help them improve.",
    ),
    AimCase(
        "Head Chef", "Mid-level", "hospitality_management", "hos-beh-mid-03",
        on="Our servers and the kitchen were at war over Saturday nights: the pass was shouting "
        "at the floor for taking tables too fast, and the floor said mains took 40 minutes. I "
        "got the sous and the restaurant manager together on a Monday, and we went through the "
        "ticket times. The real problem was that ten-tops were being seated at 8pm together. We "
        "agreed to stagger the big tables by fifteen minutes and put a runner on the pass, and I "
        "brought one server into the kitchen for a shift each week. Ticket times fell to 22 "
        "minutes and the shouting stopped.",
        wrong="A guest told the server her son had a severe nut allergy and asked if the pesto was "
        "safe. I came out myself, checked the supplier spec with her, and found the pesto did "
        "contain cashews. I made his pasta fresh in a cleaned pan with separate utensils and "
        "brought it out personally. Afterwards I rebuilt our allergen matrix for all 34 dishes "
        "and trained every server on it, and our environmental health inspection rated us five.",
        wrong_subject="allergy",
        vague="Conflict happens in every kitchen. I believe in good communication and respect "
        "between everyone, and I always try to keep a positive atmosphere so the team works "
        "together.",
    ),
    AimCase(
        "Account Executive", "Mid-level", "sales", "sal-beh-mid-01",
        on="I had a 90,000 renewal-plus-upsell with a logistics firm that I had in commit for Q3. "
        "Two days before signature their CFO froze all new spend. I had only ever talked to "
        "the ops director, so I had no relationship with the person who actually decided. I "
        "got the ops director to introduce me, rebuilt the business case around the cost of "
        "their late shipments, and we signed in Q4 at 70,000. Since then I map the economic buyer "
        "in the first two meetings on every deal over 50,000.",
        wrong="When Tom joined our team he was booking almost no meetings from cold calls. I "
        "listened to ten of his calls and saw he pitched the product in the first thirty "
        "seconds. We rewrote his opener around one question about their current process, and I "
        "did role-plays with him twice a week for a month. His meetings went from two to nine a "
        "month, and he hit his quarter for the first time.",
        wrong_subject="Tom",
        vague="Deals slip sometimes, that's just part of sales. I always stay positive, keep "
        "following up with the customer, and make sure I learn from every deal I work on.",
    ),
    AimCase(
        "Head of Science", "Lead", "teaching", "tea-beh-lead-01",
        on="Last spring I needed a physics specialist because our Year 10 physics was being "
        "taught by biologists and results were a grade lower. We advertised, shortlisted five, "
        "and each taught a 30-minute lesson to a real Year 9 group, did a marking task and had "
        "a panel interview with the deputy head and me, using the same questions and scoring "
        "sheet. The students' feedback went into the decision. The teacher we appointed "
        "has brought the physics paper up by half a grade this year, and I now always include "
        "the marking task.",
        wrong="Two years ago our science GCSE results dropped eight points in a year. I went "
        "through question-level analysis of the mocks and found we were losing most marks on "
        "six-mark extended answers. I rewrote the scheme of work to teach extended writing every "
        "fortnight, ran two department sessions on modelling answers, and introduced short "
        "retrieval quizzes. The following summer results recovered to 71% grade 4 and above.",
        wrong_subject="results",
        vague="Recruitment is really important in schools. I always look for teachers who are "
        "passionate about their subject and care about young people, and I trust my instinct "
        "in an interview.",
    ),
    AimCase(
        "Data Analyst", "Mid-level", "data_analytics", "da-beh-mid-01",
        on="Quarter end pe mere paas ek saath 14 requests aa gayi thi, aur sab log bol rahe the "
        "ki unka urgent hai. Maine ek list banayi aur har request ke saath likha ki kis decision "
        "ke liye chahiye aur kab tak. Jo board pack ke liye chahiye tha woh pehle kiya, do "
        "requests ek hi dashboard se ho gayi, aur teen logon ko bataya ki unka kaam agle hafte "
        "hoga. Manager ke saath yeh order agree kiya. Sab important cheezein time pe deliver "
        "hui, aur ab hum requests ek shared form se lete hain.",
        wrong="Last year I sent out a weekly sales report that double-counted returns, so revenue "
        "looked 6% higher than it was. I spotted it the next morning when the finance totals "
        "didn't match. I told my manager straight away, sent a corrected report with a short "
        "note explaining the error, and fixed the join in the SQL. I then added a reconciliation "
        "check against the finance ledger that runs before every report goes out.",
        wrong_subject="report",
        vague="When I have a lot of requests I just prioritise the most important ones and "
        "communicate with stakeholders. Time management is one of my strengths and I always "
        "deliver on time.",
    ),
    AimCase(
        "Beekeeper", "Junior", "generic", "gen-beh-entry-02",
        on="In my first season at the apiary I left a super on a weak colony over winter, thinking "
        "more space was better. By February they had dwindled to a handful of bees because they "
        "couldn't keep the cluster warm. I told the head beekeeper when I did the first spring "
        "inspection, and we combined what was left with a strong neighbouring colony. Now I check "
        "colony strength against a written list every October before I decide on space, and "
        "we've lost none of my hives since.",
        wrong="Last August two of the four of us were off sick right at the start of the honey "
        "harvest, with 60 hives to clear before the heather flow ended. I reorganised the week "
        "so we cleared the out-apiaries first and extracted at night, borrowed a second "
        "extractor from the local association, and got a volunteer in to jar. We took off 1.2 "
        "tonnes, our best year, within nine days.",
        wrong_subject="harvest",
        vague="Everyone makes mistakes when they start. I think the important thing is to learn "
        "from them and not make the same one again, and I'm always honest about things.",
    ),
    AimCase(
        "Probation Officer", "Senior", "generic", "gen-beh-senior-03",
        on="I had to recommend to the court whether a man on licence should be recalled to prison "
        "after he missed two appointments, and the police intelligence about where he was "
        "living was unconfirmed. I couldn't wait for the full picture, so I set out what I knew "
        "and what I didn't, did a home visit the same day, and spoke to his hostel keyworker. "
        "I chose an urgent warning with a tightened curfew rather than recall, with a review in "
        "seven days, and wrote down my reasoning. He kept every appointment after that, and my "
        "manager now uses my template for these decisions.",
        wrong="My line manager decided to move all my high-risk cases to video appointments to "
        "save time. I disagreed, because two of them had tested positive on their last drug "
        "tests and I needed to see them in person. I raised it with her privately and brought "
        "the test results and the risk assessments. She agreed to keep in-person reporting for "
        "those two, and the rest moved to video. One of them was later recalled after a home "
        "visit found breaches we'd never have seen on screen.",
        wrong_subject="video appointments",
        vague="Decisions are part of the job every day. I always weigh up the risks and use my "
        "professional judgement, and I'm comfortable making difficult decisions under pressure.",
    ),
    AimCase(
        "Vineyard Manager", "Lead", "generic", "gen-beh-lead-03",
        on="When the estate moved from hand-picking to a machine harvester in 2023, my pickers, "
        "some with twenty vintages behind them, saw it as the end of their jobs. I told them "
        "the real reason, a 40% rise in labour cost that threatened the whole estate, and what "
        "it meant for each of them. Three of the senior pickers helped choose which blocks stayed "
        "hand-picked for the sparkling wine, and two trained as harvester drivers. We kept eleven "
        "of fourteen seasonal staff, and at the end of the vintage the team asked to keep the "
        "mixed approach.",
        wrong="One spring we had a late frost forecast two nights before budburst on our most "
        "exposed block. I called in the whole team at midnight, we lit 300 bougies between the "
        "rows and ran the wind machines until dawn. The temperature on the block stayed at "
        "minus 0.5 while the valley floor hit minus 3. We lost under 5% of the buds there, "
        "against 60% at the neighbouring estate, and I wrote a frost protocol we now rehearse "
        "every March.",
        wrong_subject="frost",
        vague="Change is hard for people, so communication is key. I always try to bring the "
        "team with me and explain why things are happening, and I believe in leading by example.",
    ),
    AimCase(
        "Museum Curator", "Lead", "generic", "gen-tech-lead-03",
        on="I'd start from the visitor numbers and the backlog: we have 4,000 objects waiting "
        "to be catalogued, and at our current rate that's nine years. I'd put that next to what "
        "the trustees care about, the loan requests we have had to refuse because items aren't "
        "documented, and cost two options: two fixed-term cataloguers, or a collections "
        "database with volunteer digitisation. I'd show what each frees up, which loans and "
        "grants it opens, and what we would drop if the answer is only half of it, and I'd ask "
        "the chair of trustees to read the paper before the meeting.",
        wrong="Last year a visitor reported that a display case in our textiles gallery had "
        "condensation inside. I closed the gallery the same morning, moved the four most fragile "
        "pieces to the store under conservation supervision, and logged the humidity every hour. "
        "The case seal had failed. We replaced it, brought in a conservator to check every "
        "object, and only one sampler needed treatment. I set up monthly seal checks on all 60 "
        "cases since.",
        wrong_subject="condensation",
        vague="Making the case for resources is important. I always try to be persuasive and "
        "show the value of what we do, and I'm comfortable presenting to senior people.",
    ),
)


# Further strong answers in their own words, written after the first version of the check; two
# of them (the air traffic controller, the sous chef) were wrongly flagged by it and led to fixes.
MORE_ON_TOPIC: tuple[tuple[str, str, str], ...] = (
    ('Air Traffic Controller', 'gen-beh-senior-03',
     'Two aircraft reported a possible bird strike on the same runway within a minute, and the '
     "airport fire service couldn't get eyes on the runway for at least ten minutes. I had a "
     'queue of six arrivals. I closed the runway straight away and sent arrivals to the '
     'parallel one, which cost us about eight minutes each, because a damaged surface would '
     'have been far worse. The inspection found debris, and the airport now gives controllers '
     'that authority in the local instructions.'),
    ('Lighthouse Keeper', 'gen-tech-entry-01',
     'On my first week at the station the radio link failed, the supply boat was due, and two '
     'lamps needed their weekly clean. The radio came before anything, because without it we '
     "can't report a vessel in trouble, so I spent the morning on it with the engineer on the "
     'phone. The boat crew helped me unload in half an hour, and the lamps got done that '
     'evening. I told the area manager at the end of the day what had slipped.'),
    ('Tattoo Artist', 'gen-beh-entry-02',
     "In my second year I stencilled a client's name with the letters reversed on her forearm, "
     'because I printed the transfer without flipping it. She spotted it in the mirror before '
     "I'd touched a needle. I apologised, redid the stencil, and gave her the session at half "
     'price. Since then I read every name transfer back to the client before it goes on the '
     "skin, and I've had no repeat in six years."),
    ('Dog Groomer', 'gen-beh-mid-01',
     'A regular customer came back furious that her poodle had been clipped far shorter than '
     'usual by a colleague while I was away. I let her say everything, looked up the notes and '
     "saw the usual length had never been written down. I apologised, didn't charge for the "
     'visit, and booked her next appointment with me. I added a photo and the blade number to '
     "every dog's record, and she's been back every six weeks since."),
    ('Beekeeper', 'gen-beh-lead-02',
     'When our bee farm grew to 400 hives I needed a second seasonal beekeeper who could work '
     'alone at out-apiaries. I wrote down what the job actually needed: a driving licence, '
     'comfort with stings, and enough experience to spot disease. Five people applied; each '
     'did a paid half-day with me at a live apiary, and I scored them on the same inspection '
     'checklist. The one I took on found a case of foulbrood in her first month.'),
    ('Sous Chef', 'gen-beh-senior-01',
     'Our new commis kept burning the sauces on the hot section because he was trying to run '
     "four pans at once. I didn't take the pans off him. I put him on two for a week, stood "
     'beside him on service and talked through timing out loud, then added a pan each week. By '
     'the end of the month he was running the section alone on a Tuesday, and he now runs the '
     'pass on Sundays.'),
    ('Court Clerk', 'gen-beh-mid-03',
     'My manager wanted us to stop reading out bail conditions in full to save time in the '
     "list. I thought defendants would breach conditions they hadn't understood, so I pulled "
     "the figures: seven breaches in a month where the conditions hadn't been read out. I "
     'showed her privately. She kept the shorter version for simple cases but agreed to full '
     'readings for anything with a curfew. Breaches in those cases fell the next quarter.'),
    ('Tour Guide', 'gen-beh-entry-01',
     'Half our guides went down with food poisoning on the busiest Saturday of the season, so '
     'four of us had eleven walking tours. I merged the small groups, reran the routes so two '
     'tours shared the cathedral slot, and called in a retired guide for the afternoon. Every '
     'tour ran, the longest wait was fifteen minutes, and we only had two refund requests.'),
    ('Park Ranger', 'gen-beh-lead-01',
     'One of my seasonal rangers kept leaving the visitor centre unlocked at close, three '
     'times in a fortnight. I took him aside at the start of his next shift, showed him the '
     "alarm log with the dates, and asked what was happening. He'd been covering the car park "
     'at the same time and rushing. We moved his car park round to before close, and I checked '
     "the log with him each Friday for a month. It hasn't happened since."),
    ('Funeral Director', 'gen-beh-lead-03',
     'When the company moved us onto a single booking system across three branches, my '
     'arrangers hated losing their paper diaries; some had used them for twenty years. I '
     'explained that two families had been double-booked for the same chapel, and let the '
     'arrangers choose which fields the new screen showed first. I kept one paper diary '
     'running alongside it for a month. After six weeks nobody opened the diary, and double '
     'bookings stopped.'),
    ('Pilot', 'gen-beh-entry-03',
     'On my first line flight as a new first officer the FMS rejected the route the dispatcher '
     'had sent, and I spent ten minutes trying to fix it myself during boarding. When I '
     "realised we'd miss our slot, I asked the captain. He showed me the airway had been "
     'closed by NOTAM that morning. We reloaded a revised route in two minutes and pushed on '
     'time. Now I check NOTAMs before I touch the route, and I ask at five minutes, not ten.'),
    ('Florist', 'gen-beh-mid-02',
     'Our wedding orders were tracked on sticky notes on the cooler door, and twice in one '
     'season a bridal bouquet was made with the wrong flowers. I set up one shared order sheet '
     'with a photo of the mood board and a checklist for each piece, and showed the team on a '
     "quiet Monday. The two part-timers resisted until it saved them a phone call. We haven't "
     'had a wrong bouquet in two seasons.'),
    ('Welder', 'gen-beh-entry-02',
     'On a stair fabrication job I welded the stringers before checking the rise against the '
     'site drawing, which had been revised. The stairs came out 40 mm short per flight. I told '
     'the foreman as soon as I saw it on the measure-up, and we cut and re-welded two flights '
     'over a weekend at our cost. Now I check the revision number on every drawing before I '
     'tack anything.'),
    ('Hotel Concierge', 'hos-beh-entry-01',
     'A guest came to the desk furious because her anniversary dinner booking had been lost by '
     'the restaurant. I listened, apologised, and rang three places while she waited; I got '
     'her a table at a better restaurant for 8.30 and arranged a car. She wrote to the manager '
     'to thank us, and I now confirm every booking by email the day before.'),
)

# Further strong stories given to a question they do not answer.
MORE_WRONG: tuple[tuple[str, str, str], ...] = (
    ('Park Ranger', 'gen-beh-lead-02',
     'Last summer a wildfire started near the northern trailhead on a busy Sunday. I closed '
     'the trail, got 120 visitors back to the car park, and coordinated with the fire service '
     'on the radio until the crews arrived. Nobody was hurt and the fire was contained to four '
     'hectares. We now run an evacuation drill every June.'),
    ('Florist', 'gen-beh-senior-01',
     'For a 300-guest wedding the roses arrived from the wholesaler wilted two days before the '
     'event. I rang four suppliers, got 400 stems from a grower in Lincolnshire, drove to '
     'collect them myself and conditioned them overnight. Every arrangement went out on time '
     "and the couple booked us for their daughter's christening."),
    ('Welder', 'gen-beh-mid-03',
     'We had a pipe spool job where the X-ray tests kept failing on porosity. I traced it to '
     'damp rods being left out overnight, set up a rod oven and a log, and the repair rate '
     'fell from 12% to under 2% within a month.'),
    ('Pilot', 'gen-beh-mid-01',
     'On a night approach into Bergen we had a hydraulic failure warning at 3,000 feet. I ran '
     'the checklist, declared a PAN, and we landed with the alternate gear extension. The '
     'engineers found a cracked line; I wrote up the handling for our recurrent training.'),
)
