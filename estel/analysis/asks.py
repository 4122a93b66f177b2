"""What a behavioural question asks about, and whether an answer talks about it at all.

A question's competency ("a hire you made", "a mistake", "more to do than time allowed") is named
by its topic and wording; an answer to it talks about that subject, in the candidate's words. Each
competency below has the words that show a question asks it (`asks`, matched on the bank's topic
and wording, never on the candidate's role: a "Recruitment Consultant" is not asked about hiring
by every question) and the many ways an answer on it talks about it (`shows`): 'shortlisted',
'took on a new mate' and 'interview liya' all talk about a hire. `shows` is generous on purpose:
it only has to tell a story *about the subject* from a story about something else, and a good
answer in unexpected words must never be taken for a story about something else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Competency:
    name: str
    asks: re.Pattern[str]
    shows: re.Pattern[str]
    # asked only by a main question: an opening or closing one on quality or a plan invites a view
    main_only: bool = False


def _re(text: str) -> re.Pattern[str]:
    return re.compile(text, re.IGNORECASE | re.VERBOSE)


COMPETENCIES: tuple[Competency, ...] = (
    Competency("hiring", _re(r"""\b(hir(e|es|ed|ing)|recruit\w*|appointment|appointing
               |new\s+hires?)\b"""),
               _re(r"""\b(hir(e|es|ed|ing)|recruit\w*|appoint\w*|candidates?|applicants?|applied
               |interview\w*|shortlist\w*|vacanc\w+|cvs?|r[eé]sum[eé]s?|job\s+ads?|advert\w*
               |took\s+on|taken\s+on|brought\s+(on|in)|bring\s+in|onboard\w*|new\s+starters?
               |joined|join\s+us|offer(ed)?|probation|references?|headhunt\w*|replac\w+
               |portfolio|assessment\s+(day|centre)|trial\s+shift|selection|hiring)\b""")),
    Competency("developing", _re(r"""\b(mentor\w*|coach\w*|develop(ed|ing)?\s+(a|an|the|your)\b
               |helped?\s+(\w+\s+){0,3}grow|grew|less\s+experienced|train(ed|ing)?\s+(a|an)\s+new
               |training\s+a|supervis\w+\s+(a\s+)?(student|junior|trainee)|growing\s+\w+
               |support(ed|ing)?\s+(a|an)\s+(new|newly|trainee|junior|student)\w*
               |newly\s+qualified|trainee\s+in\s+difficulty)\b"""),
               _re(r"""\b(mentor\w*|coach\w*|taught|teach\w*|train\w*|show(ed|n)?\s+(him|her|them)|shadow\w*
               |pair\w*|develop\w*|gr[eo]w\w*|confiden\w*|juniors?|apprentic\w*|trainees?
               |new\s+starters?|feedback|practi[cs]\w*|guid\w*|supervis\w*|sat\s+with
               |walked\s+(him|her|them)|skills?|sikha\w*|new\s+[\w-]+|less\s+experience\w*
               |(beside|alongside)\s+(him|her|them)|talk\w*\s+((him|her|them)\s+)?through
               |alone|on\s+(his|her|their)\s+own|independen\w*|took\s+over\s+from\s+me)\b""")),
    Competency("performance", _re(r"""\b(underperform\w*|not\s+performing|performance
               |missing\s+(quota|targets?)|missed\s+targets?|not\s+(good\s+)?enough
               |below\s+(the\s+)?standard|falling\s+below|failing\s+checks|failed\s+review
               |kept\s+making\s+errors|not\s+at\s+the\s+level|not\s+meeting\s+the\s+standard)\b"""),
               _re(r"""\b(perform\w*|underperform\w*|targets?|quota|standards?|expectations?
               |plan|one-to-ones?|1:1s?|reviews?|improv\w*|missed|miss\w*|feedback
               |conversation|pip|capability|warning|behind|struggl\w*|bouncing|errors?
               |mistakes?|complaints?|coach\w*|support\w*|sprint
               |kept\s+\w+ing|took\s+(\w+\s+){1,2}aside|sat\s+(\w+\s+){1,2}down|had\s+a\s+word
               |(happening|going\s+on)|(hasn'?t|has\s+not|never)\s+happened\s+since)\b""")),
    Competency("conflict", _re(r"""\b(disagree\w*|conflict\w*|friction|push(ing)?\s+back
               |pushback|did\s+not\s+share\s+your\s+concern|didn'?t\s+take\s+you\s+seriously
               |clash\w*|challeng(e|ed|ing)\s+(a|an|the|your|their|leadership)
               |confront\w*|saying\s+no|say\s+no
               |did\s+not\s+want\s+to\s+hear|unwelcome|tension)\b"""),
               _re(r"""\b(disagree\w*|conflict\w*|argu\w*|push(ed)?\s+back|pushback|challeng\w*
               |object\w*|clash\w*|tension\w*|concerns?|raised|at\s+war|shout\w*|friction
               |convinc\w*|persua\w*|compromis\w*|overrul\w*|refus\w*|resist\w*|said\s+no
               |didn'?t\s+agree|agreed|unhappy|upset|angry|wanted|insist\w*|complain\w*
               |frustrat\w*|nahi\s+mana\w*|baat\s+ki)\b""")),
    Competency("mistake", _re(r"""\b(mistakes?|errors?|got\s+wrong|went\s+wrong|near\s+miss
               |fail\w*|did\s+not\s+go\s+to\s+plan|didn'?t\s+go\s+to\s+plan|did\s+not\s+deliver
               |broke|setback|lost|slipped|wrong|defects?|bugs?\s+that|escaped|you\s+shipped
               |harmed|went\s+badly|flopped|disappointed)\b"""),
               _re(r"""\b(mistakes?|errors?|wrong|fault|forg[eo]t\w*|missed|overlook\w*
               |mis\w{3,}|should\s+have|shouldn'?t\s+have|didn'?t\s+(check|notice|realise|realize)
               |slip\w*|fail\w*|near\s+miss|broke\w*|apologi\w*|owned\s+up|lost|los(e|ing)
               |realis\w*|realiz\w*|assum\w*|lesson\w*|blame|oversight|bug|incorrect\w*
               |froze|dwindl\w*|died|damag\w*|spotted|noticed|galti|galat
               |re-?(did|do|done|work\w*|ran|run|made|weld\w*|print\w*|cut|test\w*)
               |at\s+(my|our)\s+(own\s+)?cost|(before|without)\s+(checking|I\s+checked|confirming)
               |came\s+out\s+(short|wrong|too|off))\b""")),
    Competency("priorities", _re(r"""\b(priorit\w*|too\s+many|more\s+to\s+do\s+than
               |more\s+requests\s+than|more\s+\w+\s+than\s+(time|capacity)|at\s+once|competing
               |juggl\w*|capacity|what\s+came\s+first|what\s+to\s+do\s+first|heavy\s+shift
               |overload\w*|workload)\b"""),
               # choosing between demands, not the words of any story's order: 'First I wrote
               # down what we lacked' is a step in a hire, 'dealt with the radio first' a choice
               _re(r"""\b(priorit\w*|deprioriti\w*|urgent\w*|urgency|triag\w*|critical
               |deadlines?|capacity|defer\w*|queue\w*|juggl\w*|rank\w*|backlog|trade-?offs?
               |on\s+hold|postpon\w*|push(ed)?\s+back|park(ed)?|sequenc\w*|one\s+list
               |(came|comes|come|go|goes|went|put|do|did|done|handled|tackled|dealt\s+with)
                 \s+(\w+\s+){0,6}(first|before\s+anything|last)
               |first\s+(priority|call)|most\s+(urgent|pressing)|(more|less)\s+important
               |important\s+than|in\s+order\s+of|order\s+of\s+(importance|urgency)
               |to-?do\s+lists?|lists?\s+of\s+(jobs|tasks|requests)
               |(turn|turned|say|said|saying)\s+(\w+\s+)?(no|down)
               |(can|could|would|had\s+to)\s+wait|waits?\s+(until|for|till)
               |pehle|baad\s+mein)\b""")),
    Competency("change", _re(r"""\b(chang(e|es|ing)|resist\w*|rollout|rolling\s+out
               |introduc\w*|adopt\w*|restructur\w*|migrat\w*|new\s+system|transformation)\b"""),
               _re(r"""\b(chang\w*|new|introduc\w*|roll\w*|adopt\w*|resist\w*|moved?|switch\w*
               |migrat\w*|restructur\w*|pilot\w*|trial\w*|replac\w*|on\s+board|convinc\w*
               |persuad\w*|train\w*|reorganis\w*|reorganiz\w*|redesign\w*|naya|badla\w*)\b""")),
    Competency("incident", _re(r"""\b(incidents?|outages?|crisis|crises|emergenc\w+|near\s+miss
               |power\s+cut|breach\w*|postmortem|page[ds]?|alerts?|went\s+down)\b"""),
               _re(r"""\b(incidents?|outages?|crisis|emergenc\w+|alarms?|alerts?|down|fail\w*
               |broke\w*|fires?|flood\w*|injur\w*|evacuat\w*|paged|restor\w*|recover\w*
               |outbreak|breach\w*|collaps\w*|leak\w*|near\s+miss|stopp\w*|safe\w*|accident\w*
               |urgent\w*|went\s+wrong|postmortem|root\s+cause|rollback|rolled\s+back)\b""")),
    Competency("influence", _re(r"""\b(influenc\w*|persuad\w*|convinc\w*|invest\w*|funding
               |budget|business\s+case|winning|bids?|pitch\w*|negotiat\w*|making\s+the\s+case
               |make\s+the\s+case|buy-in|sponsor\w*)\b"""),
               _re(r"""\b(influenc\w*|persuad\w*|convinc\w*|invest\w*|fund\w*|budgets?|costs?
               |business\s+case|the\s+case\s+for|proposals?|propos\w*|pitch\w*|bids?
               |negotiat\w*|present\w*|argu\w*
               |evidence|data|approv\w*|sign-?off|signed|agreed|won|win|buy-in|sponsor\w*
               |board|executives?|savings?|roi)\b""")),
    Competency("feedback_received", _re(r"""\b(feedback\s+(from|on|you)|code\s+review
               |quality\s+review|criticis\w*|critique)\b"""),
               _re(r"""\b(feedback|reviews?|reviewer|comments?|criticis\w*|told\s+me
               |pointed\s+out|marked|observer|suggest\w*|notes?|critique|said\s+(my|that\s+my))\b""")),
    Competency("help", _re(r"""\b(ask(ing)?\s+for\s+help|stuck|unstuck|blocked)\b"""),
               _re(r"""\b(help\w*|ask\w*|stuck|block\w*|tried|senior|colleague\w*|mentor\w*
               |googl\w*|docs|documentation|pair\w*|reached\s+out|manager|supervisor)\b""")),
    Competency("upset_person", _re(r"""\b(complain\w*|upset|angry|rude|unhappy|difficult\s+
               (caller|customer|client|stakeholder|guest|contact|visitor|patient|relative|parent)
               |bad\s+(online\s+)?review|did\s+not\s+want\s+to\s+hear|escalation)\b"""),
               _re(r"""\b(complain\w*|upset|angry|rude|unhappy|frustrat\w*|apologi\w*|listen\w*
               |calm\w*|shout\w*|annoy\w*|disappoint\w*|furious|bad\s+news|review|escalat\w*
               |gussa|naraz)\b""")),
    # What technical and general questions ask: learning something new, checking work, planning
    # it, finding a cause, raising a risk, setting a standard.
    Competency("learning", _re(r"""\b(unfamiliar|never\s+done|know\s+little|up\s+to\s+speed
               |learn(ing)?\s+(a|an|the|your|on|from|it)|new\s+(codebase|framework|domain|area
               |field|technology|tool|system|language|specialty|library|site|subject)
               |out\s+of\s+your\s+depth|(didn'?t|did\s+not)\s+(fully\s+)?(know|understand))\b"""),
               _re(r"""\b(learn\w*|read\w*|stud(y|ied|ying)|courses?|research\w*|ask\w*
               |questions?|talk\w*\s+(it\s+)?(to|with|through)|spoke\s+(to|with)|met|meet\w*
               |interview\w*|shadow\w*|s[ai]t\s+in|sitting\s+in|watched|videos?|listen\w*
               |understand\w*|understood|documents?|documentation|manuals?|notes?|notebook
               |experts?|specialists?|up\s+to\s+speed|quick\s+wins?|credib\w*|pick(ed)?\s+up
               |practi[cs]\w*|tutorials?|taught\s+myself|play(ed)?\s+(it\s+)?back|summar\w*
               |never\s+(done|made|used|seen|worked)|new\s+to|unfamiliar|samajh\w*|seekh\w*
               |padh\w*)\b"""), main_only=True),
    Competency("checking", _re(r"""\b(check\w*|quality|accura\w*|verif\w*|proof-?read\w*
               |is\s+right|are\s+right|result\s+is\s+sound)\b"""),
               _re(r"""\b(check\w*|verif\w*|review\w*|test\w*|proof-?read\w*|compar\w*
               |against|reconcil\w*|sampl\w*|audit\w*|walk\s*round|look(ed)?\s+(it\s+)?over
               |(went|go|going)\s+(back\s+)?(through|over)|second\s+pair|sign(ed)?\s+off
               |mistakes?|errors?|quality|standards?|accura\w*|inspect\w*|checklists?
               |defects?|wrong|right|correct\w*|jaanch\w*)\b"""), main_only=True),
    Competency("planning", _re(r"""\b(plan|plans|planning|schedul\w*|know\s+where\s+it\s+stands
               |mobilis\w*|mobiliz\w*)\b"""),
               _re(r"""\b(plan\w*|schedul\w*|timelines?|milestones?|phases?|stages?
               |break\w*\s+(it\s+)?(down|into)|deadlines?|owners?|dependen\w*|block\w*\s+others
               |gantt|tracker|shared\s+(sheet|doc|board|calendar)|critical\s+path|at\s+risk
               |buffer|contingenc\w*|estimat\w*|forecast\w*|where\s+(it|things|each)\s+stands?
               |status\s+(update|report)s?|(weekly|monthly|daily)\s+(update|report)s?
               |book\w*\s+(\w+\s+){0,3}ahead|in\s+advance|rehears\w*)\b"""), main_only=True),
    Competency("diagnosis", _re(r"""\b(diagnos\w*|root\s+cause|recurring|keeps?\s+(coming\s+back
               |happening|failing|recurring|returning)|returns\s+each\s+time|bottom\s+of
               |find\s+the\s+cause|troubleshoot\w*|debug\w*|investigat\w*)\b"""),
               _re(r"""\b(diagnos\w*|causes?|caus(ed|ing)|root|logs?|logger|patterns?|trac(e|ed
               |ing)|narrow\w*|reproduc\w*|rul(e|ed)\s+out|hypothes\w*|symptoms?|fault\w*
               |turned\s+out|came\s+out|only\s+(when|happened|in|on|at)|every\s+time|whenever
               |investigat\w*|measur\w*|data|tested|debug\w*|why)\b"""), main_only=True),
    Competency("risk", _re(r"""\b(risks?|speak(ing)?\s+up|spoke\s+up|whistle\w*|unsafe
               |safety\s+concern)\b"""),
               _re(r"""\b(risk\w*|concern\w*|danger\w*|unsafe|safe\w*|hazard\w*|worr\w*
               |raised|rais(e|ing)\s+it|flag\w*|warn\w*|spoke\s+up|speak\s+up|escalat\w*
               |objection|too\s+tight|too\s+(high|much|close)|could\s+(go\s+wrong|fail|cause)
               |might\s+(fail|go\s+wrong)|what\s+if|mitigat\w*|limits?|margin\w*|clearance
               |khatra)\b"""), main_only=True),
    Competency("standard", _re(r"""\b(standards?|consisten\w*|best\s+practice|same\s+way
               |how\s+work\s+is\s+done)\b"""),
               _re(r"""\b(standard\w*|consisten\w*|one\s+(routine|way|process|method)
               |same\s+way|procedures?|checklists?|audit\w*|spot\s+checks?|templates?
               |guidelines?|rules?|polic(y|ies)|expectations?|bar|sops?|every\s+(time|shift
               |nurse|one|job)|stick|stuck|adopt\w*|roll\w*\s+out
               # a standard is how work is done from then on: a changed plan or routine is one
               |since\s+then|from\s+then\s+on|(now|today)\s+(every|all|each|we|the)
               |chang\w*\s+(the|our)\s+(\w+\s+){0,2}(plan|procedure|process|rules?|way|routine
               |checklist|rota|system)|triggers?|routines?)\b"""), main_only=True),
)

# Every competency is checked only for bank questions; a question none of these name (a case
# study, "handling confidential information") is not judged on its aim at all. A decision under
# uncertainty is not among them: any story can be one, so no vocabulary tells it from another.


@cache  # a bank question's competencies never change; an answer is judged on every turn
def asked_competencies(topic: str, question: str = "", *, phase: str = "behavioural"
                       ) -> tuple[Competency, ...]:
    """The competencies a bank question asks about, read from its topic; when the topic names
    none ('Giving difficult feedback'), from its wording ('was not performing well enough').
    The wording's examples are not read ('a crisis such as an equipment failure' names what may
    happen, not what is asked), nor a technical question's scene ('a workload processes uploaded
    images'): only its last sentence. An opening or closing question is read from its topic only,
    as its wording invites anything ('what would you like to learn here')."""
    main = phase in ("behavioural", "technical")
    found = tuple(c for c in COMPETENCIES if c.asks.search(topic) and (main or not c.main_only))
    if found or not main:
        return found
    if phase == "technical":
        question = SENTENCE_END.split(question.strip())[-1]
    return tuple(c for c in COMPETENCIES if c.asks.search(EXAMPLES.sub("", question)))


SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
# An example in a question's wording: ', such as a hidden charge', 'for example who owns models',
# '(a referral, a letter)'.
EXAMPLES = re.compile(r",?\s*\b(?:such\s+as|for\s+example|for\s+instance|e\.g\.)[^.?;:]*"
                      r"|\([^)]*\)", re.IGNORECASE)


def shows_any(competencies: tuple[Competency, ...], texts: tuple[str, ...]) -> bool:
    """True when any of `texts` (the answer, its Hinglish gloss) talks about one of them."""
    return any(c.shows.search(text) for c in competencies for text in texts)
