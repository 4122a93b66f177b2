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


@dataclass(frozen=True)
class Competency:
    name: str
    asks: re.Pattern[str]
    shows: re.Pattern[str]


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
               |training\s+a|supervis\w+\s+(a\s+)?(student|junior|trainee)|growing\s+\w+)\b"""),
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
               |mistakes?|complaints?|coach\w*|support\w*|sprint)\b""")),
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
               |broke|setback|lost|slipped|wrong)\b"""),
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
               _re(r"""\b(priorit\w*|deprioriti\w*|first|urgent\w*|urgency|order|triag\w*
               |most\s+important|critical|deadlines?|capacity|defer\w*|until|wait\w*|queue\w*
               |juggl\w*|lists?|rank\w*|sequence|pehle|baad\s+mein|important)\b""")),
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
)

# Every competency is checked only for bank questions; a question none of these name (a case
# study, "handling confidential information") is not judged on its aim at all. A decision under
# uncertainty is not among them: any story can be one, so no vocabulary tells it from another.


def asked_competencies(topic: str) -> tuple[Competency, ...]:
    """The competencies a bank question asks about, read from its topic: its wording's examples
    ('a crisis such as an equipment failure') name what may happen, not what is asked."""
    return tuple(c for c in COMPETENCIES if c.asks.search(topic))


def shows_any(competencies: tuple[Competency, ...], texts: tuple[str, ...]) -> bool:
    """True when any of `texts` (the answer, its Hinglish gloss) talks about one of them."""
    return any(c.shows.search(text) for c in competencies for text in texts)
