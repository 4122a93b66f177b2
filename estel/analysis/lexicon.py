"""Word lists and patterns behind `analysis.answer`: what counts as a filler, a hedge, a result...

Kept apart from the scoring so each list can be read (and argued about) on its own. All patterns
are English; they are applied to text whose curly apostrophes were straightened by `normalise`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from estel.analysis import hinglish as _hi
from estel.contract import Phase

WORD_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def _words(text: str) -> frozenset[str]:
    """A word list written as one string, for readability."""
    return frozenset(text.split())



# Word-count band of a well-sized spoken answer per phase: shorter loses, far longer rambles.
BANDS: dict[Phase, tuple[int, int]] = {
    "intro": (45, 200),
    "behavioural": (80, 300),
    "technical": (65, 300),
    "wrap_up": (25, 160),
}

STOPWORDS = _words(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing don't down during each
    few for from further had has have having he her here hers him his how i i'd i'll i'm i've
    if in into is it it's its itself just me more most my myself no nor not now of off on once
    only or other our ours out over own same she should so some such than that that's the their
    them then there these they this those through to too under until up very was we we're were
    what when where which while who whom why will with would you your yours yes ok okay really
    well get got make made thing things lot one time way"""
)

# Words that frame a question without saying what it is about ("Tell me about a time...").
QUESTION_FRAME = _words(
    """tell describe describing time times example examples walk talk through give share think
    explain happened happen situation moment recent recently specific particular most best kind
    sort know want wanted like need needed doing using making take took handle handled yourself
    someone something anything first next years year months month weeks week days today real
    exactly notice noticed noticing"""
)

# A question about the candidate's own past ("Tell me about a time you...", "Have you ever..."):
# its answer is an example. Any other technical question is a scenario ("What would you do?",
# "Your checkout is slow. How do you fix it?"), answered with steps, not with a story.
ASKS_PAST = re.compile(
    r"""\b(?:a|one)\s+time\s+(?:when|you|that)\b|\bhave\s+you\s+ever\b|\bdid\s+you\b
    |\btell\s+me\s+about\s+(?:a|an|one|the)\s+(?:\w+\s+){0,3}(?:you|that\s+you)
        \s+(?:\w+ed|built|led|ran|made|did|wrote|drove|took|had|won|shipped)\b""",
    re.IGNORECASE | re.VERBOSE,
)

# Everyday words that say nothing specific: an answer made of these and hedges is vague, not
# off-topic (it has no substance to be about something else).
PLAIN_WORDS = _words(
    """think probably guess sure maybe really depends depend situation someone something best
    help stuck try tried always never good great nice fine okay better different little much
    many lots everything anything nothing everyone people able want going come went said feel
    seems usually generally done sometimes often perhaps just kind sort whatever stuff else
    still actually honestly pretty quite bit ways"""
)

# Life outside work: food, sport, home, family, leisure, weather. Matched as whole words. An answer
# that shows nothing of the question and is about these is off-topic; one that shows nothing of
# the question in words we do not know (a trade's own jargon) is given the benefit of the doubt.
LEISURE_WORDS = _words(
    """cook cooking cooked recipe recipes dinner lunch breakfast restaurant restaurants noodles
    pizza pasta bread bake baking flour yeast oven fridge cake dessert soup lamb wine beer
    cocktail tomato tomatoes vegetables garden gardening balcony football soccer basketball
    tennis golf rugby cricket league striker goalkeeper cycling bike marathon gym yoga swimming
    hiking climbing skiing fishing surfing family wife husband girlfriend boyfriend brother
    sister cousin grandmother grandfather dog dogs cat cats puppy pet pets neighbours neighbors
    cottage weekend weekends holiday holidays vacation beach seaside camping festival birthday
    wedding party film films movie movies cinema netflix novel novels piano guitar song songs
    singing concert hobby hobbies weather rain rained raining sunshine sunny storm snow flight
    flights"""
)

# The ordinary words of working life, matched as word prefixes: an answer about a job uses some
# even in other words than the question's; one about cooking or football uses almost none.
# Words that sport and hobbies share ('team', 'goal', 'training', 'office') are left out.
WORK_TERMS = tuple(sorted(_words(
    """work job role career colleague coworker manager boss supervisor director client customer
    user stakeholder project deadline company employer business product service process
    workflow meeting report deliver launch release rollout roll-out migrat upgrade hire hiring
    recruit skill experience responsib task priorit metric data budget revenue sales invoice
    payroll feedback complain department organisation organization staff shift rota warehouse
    factory problem solution impact analys system tool code design feature requirement
    interview internship degree universit graduat developer engineer analyst designer
    consultant kpi okr roadmap onboard mentor promot salary vendor supplier contract patient
    ward clinic hospital student pupil lesson classroom curriculum ticket escalat compliance
    audit policy procedure regulat strategy market campaign quota spreadsheet presentation
    proposal"""
)))

_I = re.IGNORECASE
_IX = re.IGNORECASE | re.VERBOSE

# Each long alternation starts with a look-ahead on its possible first characters: the regex
# engine then skips most positions at C speed (several times faster on a typical answer).
FILLERS = re.compile(
    r"""(?=[uehyiblksaow,j])
    (?:\b(?:u+m+|u+h+|e+r+m+|uhm+|hmm+|er)\b
    |\byou\s+know\b(?!\s+(?:how|what|that|when|where|why|the|if|about|who|which|whether)\b)
    |\bI\s+mean\b|\bbasically\b|\bliterally\b|\bkind\s+of\b|\bsort\s+of\b|\bkinda\b|\bsorta\b
    |\band\s+stuff\b|\bor\s+whatever\b|\bor\s+something\b
    |,\s*like\b|\blike,
    |\b(?:was|were|is|it's|and|so|just|um|uh)\s+like\b
        (?!\s+(?:a|an|the|this|that|it|to|how|what|me|us|them|him|her|you)\b))""",
    _IX,
)

# Hedges soften a claim. "I don't know" or "I can't remember" is not one: it says honestly where
# knowledge stops (content already shows what is missing), so it costs no confidence and the coach
# and the summary do not tell the candidate to drop it.
HEDGES = re.compile(
    r"""(?=[mphsknif])\b(?:maybe|perhaps|probably|possibly|hopefully|somewhat|kinda|sorta|kind\s+of|sort\s+of
    |I\s+think|I\s+guess|I\s+suppose|I\s+believe|I\s+feel\s+like|I'd\s+say|I\s+would\s+say
    |not\s+(?:really\s+|totally\s+|very\s+|entirely\s+|100%\s+)?sure|not\s+certain
    |more\s+or\s+less|if\s+I\s+remember)\b""",
    _IX,
)

INJECTION = re.compile(
    r"""(?=[idfobgasrmpht1ynjw<\[\#])
    (?:\b(?:ignore|disregard|forget|override|bypass)\b[^.!?\n]{0,30}
        \b(?:instructions?|prompts?|rubric|programming
           |(?:your|previous|prior|above|earlier|scoring)\s+(?:rules|guidelines|criteria))\b
    |\b(?:give|award|grant|assign)\s+(?:me|this(?:\s+answer)?|my\s+answers?|it|the\s+candidate)
        \b[^.!?\n]{0,30}\b(?:10|ten|full|perfect|maximum|max|top|highest|100)\b
    |\b(?:score|rate|grade|mark)\s+(?:me|this\s+answer|my\s+answers?|the\s+candidate)\b
    |\brate\s+this\b|\bfull\s+marks\b|\bperfect\s+score\b|\bmaximum\s+score\b
    |\bhighest\s+(?:possible\s+)?score\b|\b10\s*/\s*10\b|\b10\s+out\s+of\s+10\b|\bten\s+out\s+of\s+ten\b
    |\byou\s+are\s+now\b|\byou're\s+now\b|\bfrom\s+now\s+on,?\s+you\b|\bnew\s+instructions\b
    |\bsystem\s+prompt\b|\bdeveloper\s+(?:message|mode)\b|\bas\s+an\s+ai\b
    |\bas\s+a\s+(?:large\s+)?language\s+model\b|\bjailbreak|\bprompt\s+injection\b
    |\b(?:act|behave)\s+as\s+(?:an?\s+|the\s+)?(?:ai|assistant|interviewer|grader|evaluator|system)\b
    |\bpretend\s+you\s+are\b|(?:^|\bplease\s+|\bnow\s+|\bjust\s+)pretend\s+to\s+be\b
    |\binterviewer\s+(?:must|should|will|has\s+to)\s+(?:give|score|rate|award|pass|mark)\b
    |^(?:system|assistant)\s*:|<\|[a-z_]+\|>|\[/?(?:system|inst)\]|\#\#\#\s*(?:instruction|system))""",
    _IX,
)

_AT_COMPANY = (
    r"\b[Aa]t\s+(?!(?:The|This|That|First|Least|Last|Once|All|Times?|Some|One|My|Our|A|An|Any"
    r"|End|Work|Home|Night|Scale|Risk|I)\b)[A-Z][A-Za-z0-9&]+"
)
EXAMPLES = re.compile(
    r"""(?i:\bfor\s+(?:example|instance)\b|\be\.g\.|\bwhen\s+I\b|\bonce,?\s+(?:I|we)\b
    |\bin\s+my\s+(?:previous|last|current|first|old|former|recent)
        \s+(?:role|job|position|team|company|internship|project)\b
    |\bat\s+my\s+(?:previous|last|current|old|former|first)
        \s+(?:job|company|role|employer|team|internship)\b
    |\blast\s+(?:year|quarter|month|week|summer|spring|autumn|fall|winter|sprint)\b
    |\b(?:one|a)\s+time\s+(?:when|that|I|we)\b|\bin\s+(?:19|20)\d\d\b|\brecently\b
    |\bon\s+(?:a|one|my|our)\s+(?:recent\s+|previous\s+|last\s+)?project\b)|"""
    + _AT_COMPANY,
    re.VERBOSE,
)

_NUMBER = re.compile(
    r"""(?<![\w.])[$£€]?\d+(?:[.,]\d+)*(?:\s?(?:%|percent|k|m|bn|x|ms))?(?!\w)
    |\b(?:doubled|tripled|quadrupled|halved|twice|tenfold)\b
    |\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty
       |forty|fifty|hundreds?|thousands?|millions?)\s+(?:percent|days|weeks|months|hours|minutes
       |people|engineers|users|customers|clients|teams|times|releases|tickets|accounts|deals
       |stakeholders|sprints|years|countries|markets|products)\b""",
    _IX,
)
_YEAR = re.compile(r"(?:19|20)\d\d")

CONNECTORS = re.compile(
    r"""\b(?:first(?:ly)?|second(?:ly)?|then|next|after\s+that|afterwards|finally|lastly|because
    |so\s+that|as\s+a\s+result|therefore|which\s+meant|however|in\s+the\s+end|overall|in\s+short
    |to\s+summari[sz]e|meanwhile)\b""",
    _IX,
)

_ACTION = (
    r"(?:so\s+I|I\s+then|then\s+I|first,?\s+I|I\s+started\s+by|my\s+approach|I\s+began\s+by"
    r"|next,?\s+I|I\s+decided)"
)
STAR: dict[str, re.Pattern[str]] = {
    "situation": re.compile(
        r"""\b(?:when\s+I\s+was|while\s+I\s+was|we\s+were|we\s+had\s+an?|there\s+was|there\s+were|the\s+situation
        |the\s+context|background|(?:our|the|my)\s+team\s+(?:was|had)|at\s+the\s+time
        |(?:at|in)\s+my\s+(?:previous|last|current|first|old|former)|last\s+(?:year|quarter|month)
        |a\s+few\s+(?:weeks|months|years)\s+ago|an?\s+(?:client|customer|stakeholder|colleague)
        \s+(?:was|had|wanted|asked))\b""",
        _IX,
    ),
    "task": re.compile(
        r"""\b(?:my\s+(?:task|goal|job|role|responsibility|objective|brief)\s+(?:was|is)
        |I\s+was\s+(?:asked|tasked|responsible|expected|hired|brought\s+in)
        |(?:I|we)\s+(?:needed|had)\s+to|the\s+(?:goal|aim|objective|challenge|problem|issue|task
        |deadline)\s+(?:was|is)|in\s+charge\s+of)\b""",
        _IX,
    ),
    "action": re.compile(r"\b" + _ACTION + r"\b", re.IGNORECASE),
    "result": re.compile(
        r"""\b(?:as\s+a\s+result|the\s+result|resulted\s+in|the\s+outcome|in\s+the\s+end
        |ultimately|which\s+(?:led|meant|reduced|increased|cut|saved|improved|helped)
        |(?:we|it|this|that)\s+(?:reduced|increased|cut|saved|improved|grew|delivered|shipped
        |launched|hit|achieved|met|won|doubled|halved)
        |(?:reduced|increased|cut|improved|grew|dropped|rose|fell|went)\s+(?:by|from|to)
        |(?:it|things|everything)\s+(?:worked|was\s+fixed|was\s+resolved|went\s+back)
        |since\s+then|I\s+learn(?:ed|t)|lesson)\b""",
        _IX,
    ),
}
REFLECTION = re.compile(
    r"""\b(?:I\s+learn(?:ed|t)|lessons?|looking\s+back|next\s+time|in\s+hindsight|differently
    |taught\s+me|I\s+would\s+now|I'd\s+now)\b""",
    _IX,
)

_REASON_TECH = (
    r"because|so\s+that|trade-?offs?|it\s+depends|depending\s+on|instead|alternatives?|risks?"
    r"|first(?:ly)?|then|finally|measur\w*|monitor\w*|test\w*|edge\s+cases?|constraints?"
    r"|priorit\w+|assum\w+|validat\w+|which\s+means|the\s+reason|scal\w+|requirements?|approach"
)
_REASON_FIT = (
    r"because|enjoy\w*|love|excit\w+|interest\w*|passion\w*|motivat\w+|strengths?|good\s+at"
    r"|goals?|want\s+to|I'd\s+like\s+to|grow\w*|learn\w*|experience|background|currently"
    r"|focus\w*|which\s+is\s+why|curious|impact"
)
REASONING: dict[Phase, re.Pattern[str]] = {
    "technical": re.compile(rf"\b(?:{_REASON_TECH})\b", re.IGNORECASE),
    "intro": re.compile(rf"\b(?:{_REASON_FIT})\b", re.IGNORECASE),
    "wrap_up": re.compile(rf"\b(?:{_REASON_FIT}|first|then|plan\w*|priorit\w+)\b", re.IGNORECASE),
    "behavioural": re.compile(rf"\b(?:{_REASON_TECH})\b", re.IGNORECASE),
}

# Wrap-up: the candidate asking the interviewer something ("I'd like to know how...", "How do
# you...?"), and a wrap-up question that invites such questions rather than a plan or a goal.
ASKING = re.compile(
    r"""\?\s*$|^\s*(?:so\s+|and\s+|also\s+)?(?:how|what|which|who|when|where|why|is|are|do|does
    |could|can|would|will)\b[^.!]*\byou\b
    |\bI(?:'d|\s+would)\s+(?:really\s+)?(?:like|love|want)\s+to\s+(?:know|hear|understand|learn\s+about|ask)
    |\bI'm\s+(?:curious|interested\s+to\s+(?:know|hear))|\bI\s+(?:am\s+curious|wonder|was\s+wondering)
    |\b(?:could|can)\s+you\s+(?:tell|explain|describe|share)|\bmy\s+(?:first\s+)?question\b""",
    _IX,
)
ASK_REASON = re.compile(
    r"\b(?:because|so\s+that|matters?|important|the\s+reason|which\s+is\s+why|I\s+ask|I'm\s+asking)\b",
    _I,
)
# A wrap-up that invites the candidate's own questions ("any questions for us?", "what would you
# want to know about our school before accepting?"); one asking for the candidate's plan ("what
# would you want to understand in your first month?") does not, so questions back earn nothing.
INVITES_QUESTIONS = re.compile(
    r"""\b(?:questions?\s+(?:do\s+you\s+have|for\s+(?:us|me))|any\s+questions|want\s+to\s+ask
    |(?:would|do)\s+you\s+(?:like|want|need)\s+to\s+(?:ask|know|understand|find\s+out|hear|see)
    \b(?!\s+(?:in\s+your|first|during))
    )""",
    _IX,
)

VAGUE = re.compile(
    r"""\b(?:team\s+player|hard[-\s]?work\w*|passionate|detail[-\s]oriented|people\s+person
    |go-getter|outside\s+the\s+box|perfectionist|I\s+always|I\s+usually|I\s+generally|I\s+just
    |and\s+stuff|things\s+like\s+that|etc|and\s+so\s+on|whatever|110\s*%)""",
    _IX,
)

_ADVERB = (
    r"(?:(?:personally|then|also|first|quickly|eventually|finally|immediately|just|really)\s+)?"
)
OWNERSHIP_VERB = re.compile(r"\bI\s+" + _ADVERB + r"([A-Za-z]+)\b", re.IGNORECASE)
OWNERSHIP_PHRASES = re.compile(
    r"""(?=[mi])\b(?:my\s+role|my\s+responsibility|my\s+decision|I\s+own|I'm\s+responsible
    |I\s+was\s+responsible|I\s+take\s+ownership|I\s+took\s+ownership|I\s+made\s+the\s+call
    |I\s+made\s+sure|I\s+lead|I\s+run|I\s+manage)\b""",
    _IX,
)
FRAGMENT = re.compile(
    r"\b(?:I|we)(?:'d|'ll|\s+would|\s+will)?\s+" + _ADVERB + r"(?:[a-z]+ly\s+)?([A-Za-z]+)"
    r"((?:\s+[A-Za-z0-9'%$-]+){0,7})",
    re.IGNORECASE,
)
DECISIVE = re.compile(
    r"""\bI(?:'d|'ll|\s+would|\s+will)\s+
        (?!(?:probably|maybe|perhaps|try|guess|think|say|hope|like|love|need|want|not|have)\b)
        [a-z]+
    |\bI\s+(?:start|begin|use|check|write|build|design|measure|test|ask|prioriti[sz]e|focus
        |make\s+sure|recommend)\b
    |\bI\s+can\s+(?!not\b|only\b|try\b)[a-z]+|\bmy\s+plan\b|\bI(?:'m|\s+am)\s+confident\b""",
    _IX,
)

JOINERS = _words("and but then so because which while")  # where a quoted phrase stops

_OWNED_IRREGULAR = _words(
    """led built ran wrote made took drove set chose found brought gave spoke sold won cut
    rebuilt rewrote sent taught kept held put began shipped own met hit"""
)
_WEAK_ED = _words(
    """tried wanted hoped guessed needed seemed supposed wished liked loved assumed used believed
    learned joined helped enjoyed noticed realised realized worried struggled waited panicked
    agreed preferred missed failed expected considered imagined followed watched listened stayed
    worked called asked received attended watched observed"""
)
PRESENT_ACTIONS = _words(
    """use build add write check ask talk fix start create design test measure set run split
    cache profile monitor review prioritise prioritize map interview analyse analyze escalate
    document automate refactor deploy roll plan schedule track call meet explain show present
    compare validate sketch prototype define break move change reduce increase improve focus
    pick choose lead own manage"""
)

_KEYBOARD_RUNS = tuple(
    row[i : i + 4]
    for row in ("qwertyuiop", "asdfghjkl", "zxcvbnm", "poiuytrewq", "lkjhgfdsa", "mnbvcxz")
    for i in range(len(row) - 3)
    if row[i : i + 4] not in ("erty", "trew")
)
_LOREM = _words("lorem ipsum dolor amet consectetur adipiscing elit sed eiusmod")


# Hinglish: each list also reads its romanised-Hindi counterpart (estel.analysis.hinglish).
STOPWORDS = STOPWORDS | _hi.STOPWORDS
FILLERS = _hi.joined(FILLERS, _hi.FILLERS)
HEDGES = _hi.joined(HEDGES, _hi.HEDGES)
INJECTION = _hi.joined(INJECTION, _hi.INJECTION)
EXAMPLES = _hi.joined(EXAMPLES, _hi.EXAMPLES)
_NUMBER = _hi.joined(_NUMBER, _hi.NUMBERS)
CONNECTORS = _hi.joined(CONNECTORS, _hi.CONNECTORS)
STAR = {part: _hi.joined(STAR[part], extra) for part, extra in (
    ("situation", _hi.SITUATION), ("task", _hi.TASK), ("action", _hi.OWNERSHIP),
    ("result", _hi.RESULT))}
REFLECTION = _hi.joined(REFLECTION, _hi.REFLECTION)
REASONING = {phase: _hi.joined(pattern, _hi.REASON if phase in ("technical", "behavioural")
                               else _hi.REASON_FIT) for phase, pattern in REASONING.items()}
ASKING = _hi.joined(ASKING, _hi.ASKING)
ASK_REASON = _hi.joined(ASK_REASON, _hi.ASK_REASON)
VAGUE = _hi.joined(VAGUE, _hi.VAGUE)
OWNERSHIP_PHRASES = _hi.joined(OWNERSHIP_PHRASES, _hi.OWNERSHIP)
DECISIVE = _hi.joined(DECISIVE, _hi.DECISIVE)


def normalise(text: str) -> str:
    """Straight apostrophes, so "don’t" matches the patterns."""
    return text.replace("\u2019", "'").replace("\u2018", "'")


def tokens(text: str) -> list[str]:
    """Lower-case words (letters/digits, inner apostrophes kept)."""
    return WORD_RE.findall(normalise(text).lower())


def count_numbers(text: str) -> int:
    """Numbers and measured changes in the text; bare years are not metrics."""
    return sum(1 for m in _NUMBER.finditer(text) if not _YEAR.fullmatch(m.group(0).strip()))


def is_owned_verb(verb: str) -> bool:
    """True for an active past-tense verb that shows ownership ('led', 'migrated')."""
    verb = verb.lower()
    if verb in _OWNED_IRREGULAR:
        return True
    return len(verb) > 4 and verb.endswith("ed") and verb not in _WEAK_ED


@lru_cache(maxsize=8192)
def _implausible(word: str) -> bool:
    if not word.isascii() or word.isdigit() or word in STOPWORDS:
        return False
    if re.search(r"([a-z])\1\1", word) or re.search(r"[^aeiouy\d']{6,}", word):
        return True
    if len(word) >= 5 and not re.search(r"[aeiouy]", word):
        return True
    if len(word) >= 4 and re.fullmatch(r"(.{1,4})\1+", word):
        return True
    return any(run in word for run in _KEYBOARD_RUNS)


def is_gibberish(words: Sequence[str]) -> bool:
    """Keyboard mash, lorem ipsum or one word repeated: not an attempt at an answer."""
    n = len(words)
    odd = sum(1 for w in words if _implausible(w)) / n
    if odd >= 0.5:
        return True
    stop = sum(1 for w in words if w in STOPWORDS) / n
    if n >= 6 and stop < 0.08 and odd >= 0.25:
        return True
    if n >= 8 and len(set(words)) / n < 0.25:
        return True
    return n >= 4 and sum(1 for w in words if w in _LOREM) / n >= 0.3
