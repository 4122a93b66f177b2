"""Hinglish in the answer analysis: the romanised Hindi that says what the English lists say.

An answer in Hinglish ("Pehle maine logs check kiye, phir caching add ki, kyunki latency 40% badh
gayi thi") keeps its technical terms in English, so the rubric's keywords still find them; what
the English patterns miss is the grammar around them: "maine ... kiya" is "I did", "pehle /
phir" are steps, "kyunki / taaki" reasons, "shayad / lagta hai" hedges, "matlab /
yaani" fillers. Each pattern here is joined to its English list in `estel.analysis.lexicon`, so
every rule reads both; none of these words occurs in English, so English scoring is unchanged.

"actually" and "like" are fillers only in a Hinglish answer ("Actually, like, humne..."): in
English they often carry meaning, so they count only when the answer is Hinglish (`is_hinglish`).

Patterns contain no literal whitespace or '#', so they read the same with or without
re.VERBOSE (they are joined to English patterns compiled either way).
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Hindi function words: stop words for relevance, echo and gibberish checks ('main', 'use' and
# 'hi' are left out: they are English words too).
STOPWORDS = _words(
    """hai hain tha thi the ho hota hoti hote hun hoon ka ki ke ko se mein me pe aur ya bhi toh
    nahi nahin na kya kaise kyun kyon kab kahan jo jab tab yeh ye woh wo vo ek mera meri mere
    maine mujhe mujhse hum humne humein hamara hamari hamare humara humari humare aap aapka
    aapki aapke aapne apna apni apne unka unki unke unhe unhone uska uski uske usne isme
    usme isse usse iske uske phir pehle baad wala wali wale kar karna karne karte karta karti
    kiya kiye gaya gayi gaye raha rahi rahe hua hui hue sakta sakti sakte diya diye liya liye
    koi kuch sab bahut thoda ab agar lekin kyunki kyonki isliye taaki jaise waise ji haan
    kaafi wahan yahan sirf"""
)

# Hindi function words no English answer uses ('the', 'me', 'to', 'se', 'ko'... are left out):
# the Hinglish-only patterns (absolutes, the gloss for red flags) run only on text that has them
HINDI_ONLY = STOPWORDS - _words("the me ho na jo ab tab pe ye hun ji vo wo ko ke ki ka se ya kar "
                                "sab ek hum hue hua kab")
_WORD = re.compile(r"[^\W_]+")


def hindi_words(text: str) -> int:
    """How many distinct Hindi-only function words `text` has (0 for an English answer)."""
    return len(HINDI_ONLY.intersection(_WORD.findall(text.lower())))


# "matlab"/"yaani" are fillers as a sentence opener or before a pause or a pronoun ("Matlab,
# mujhe lagta hai"); mid-sentence before a noun they mean "that is" ("yaani target users")
_MEANING = r"(?:matlab|yaani|yani|yaane)"
FILLERS = (r"(?:^|(?<=[.!?]\s))" + _MEANING + r"\b|\b" + _MEANING
           + r"\b(?=\s*,|\s+(?:mujhe|main|hum|humne|maine|shayad|basically|actually|like|woh|wo"
           r"|kuch|pata)\b)"
           r"|\b(?:haan|achha|acha|toh|to)\s+basically\b"
           r"|\bwo(?:h)?\s+kya\s+(?:hai|tha)\b|\bkya\s+(?:bolte|kehte)\s+hain\b|\bhaan\s+toh\b")
# fillers of Hinglish speech that are words in English: counted only in a Hinglish answer
HINGLISH_ONLY_FILLERS = re.compile(
    r"\bactually\b|\blike\b(?!\s+(?:a|an|the|this|that|it|to|how|what|me|us|them|him|her|you)\b)",
    re.IGNORECASE)
# "(mujhe) pata nahi" is not one: like "I don't know" it says honestly where knowledge stops
# "lagta hai" is "I think" as "mujhe lagta hai", "lagta hai ki" or opening a clause; after an
# adjective ("mujhe yeh kaam accha lagta hai") it is "I like", which softens nothing
HEDGES = (r"\bshayad\b|\b(?:mujhe|humein|hume|aisa)\s+lagta\s+hai\b|\blagta\s+hai\s+(?:ki|ke)\b"
          r"|(?:^|(?<=[.,;!?]\s))lagta\s+hai\b|\bho\s+sakta\s+hai\b"
          r"|\bsure\s+nahi(?:n)?\b|\bkuch\s+had\s+tak\b|\bthoda\s+bahut\b"
          r"|\bmaybe\s+kabhi\b|\bsochta\s+hoon\b|\bsochti\s+hoon\b")
CONNECTORS = (r"\b(?:pehle|phir|fir|uske\s+baad|iske\s+baad|isliye|kyunki|kyonki|kyuki|taaki"
              r"|aakhir\s+mein|end\s+mein|lekin|isse|nateeja|natija)\b")
EXAMPLES = (r"\b(?:jaise\s+ki|jaise|ek\s+baar|udaharan)\b"
            r"|\bpichh?le\s+(?:saal|mahine|quarter|project|sprint|hafte|job|company|role)\b"
            r"|\b(?:mere|meri|hamare|hamari|humare|humari)\s+(?:pichh?l[ei]|last|previous|current"
            r"|pehl[ei]|purani|purane)\s+(?:project|job|role|company|team|internship)\b")
SITUATION = (r"\bjab\s+(?:main|hum)\b|\bus\s+(?:waqt|time|samay)\b|\bek\s+baar\b"
             r"|\b(?:hamari|humari|meri)\s+team\s+(?:mein|ke\s+paas)\b|\bpichh?le\s+saal\b"
             r"|\bsituation\s+(?:yeh|ye)\b")
TASK = (r"\b(?:mera|meri)\s+(?:kaam|goal|task|role|zimmedari|responsibility)\s+(?:tha|thi|hai)\b"
        r"|\b(?:mujhe|humein|hume)\s+(?:\w+\s+){0,4}?karna\s+(?:tha|hai|padha|pada)\b"
        r"|\b(?:challenge|problem|goal|deadline)\s+(?:yeh|ye)\s+(?:tha|thi|hai)\b")
RESULT = (r"\bresult\s+(?:yeh|ye|mein)\b|\bnateeja\b|\bnatija\b|\bisse\s+\w+"
          r"|\b(?:kam|badh|improve|reduce|increase|fix|solve|resolve|launch|ship)\s+(?:ho\s+)?"
          r"(?:gaya|gayi|gaye|hua|hui|hue)\b|\bend\s+mein\b|\baakhir\s+mein\b"
          r"|\bmaine\s+seekha\b|\btab\s+se\b")
REFLECTION = (r"\bmaine\s+seekha\b|\bseekh(?:ne)?\s+(?:ko\s+)?mila\b|\bseekh\s+li(?:ya)?\b"
              r"|\bagli\s+baar\b|\bpeechhe\s+dekh\w*|\balag\s+tareeke\s+se\b|\bsabak\b")
REASON = (r"\b(?:kyunki|kyonki|kyuki|isliye|taaki|warna|nahi\s+toh|is\s+wajah\s+se|depend\s+karta"
          r"|pehle|phir|uske\s+baad|check\s+kar\w*|measure\s+kar\w*|test\s+kar\w*)\b")
REASON_FIT = (r"\b(?:kyunki|kyonki|isliye|pasand|achha\s+lagta|interest|seekhna\s+chaht\w+"
              r"|grow\s+karna|mujhe\s+maza)\b")
# "maine X kiya": I did X; the weak verbs (thought, heard, tried) are not ownership
OWNERSHIP = (r"\b(?:maine|main\s+ne)\b(?!\s+(?:socha|suna|chaha|try|koshish|help\s+maangi)\b)"
             r"|\b(?:meri|mera)\s+(?:responsibility|zimmedari|decision|role|call)\b")
DECISIVE = (r"\bmain\s+(?:\w+\s+){0,7}?(?:karunga|karungi|karoonga|karoongi|lunga|lungi|dunga"
            r"|dungi|rakhunga|rakhungi|banaunga|banaungi|chalaunga|chalaungi)\b"
            r"|\bmera\s+plan\b|\bmujhe\s+(?:poora\s+)?confidence\s+hai\b"
            # "main ... rakhta hoon": what I do, present habitual (not want, think, can, seem)
            r"|\bmain\s+(?:\w+\s+){0,6}?(?!(?:chah|soch|sak|lag)t[ai]\b)\w+t[ai]\s+hoon\b")
ASKING = (r"\bjaan(?:na|ne)\s+chah(?:unga|ungi|ta|ti|enge)\b|\bkya\s+aap\b"
          r"|\baap\s+(?:log\s+)?(?:kaise|kya|kab|kitn\w+)\b|\bmera\s+(?:pehla\s+)?sawaal\b")
ASK_REASON = r"\b(?:kyunki|kyonki|isliye|zaroori|isse\s+mujhe)\b"
VAGUE = r"\bsab\s+kuch\b|\bwag(?:h)?air(?:ah|a)\b|\bvagaira\b|\baadi\b"
NUMBERS = (r"\b(?:do|teen|chaar|paanch|chhah|saat|aath|nau|das|gyarah|barah|pandrah|bees|tees"
           r"|chaalis|pachaas|sau|hazaar|lakh|crore)"
           r"\s+(?:din|hafte|hafton|mahine|mahino|saal|ghante|minute|minutes|log|logon|users"
           r"|customers|clients|teams|baar|releases|tickets|percent|attempts)\b"
           r"|\b(?:aadha|doguna|dugna)\b")
# Absolutes (joined to `estel.analysis.bluff.ABSOLUTES`): "kabhi slow nahi hoti" (never fails),
# "hamesha fast" (always works), "koi risk nahi" (no downside), "koi problem nahi hoti" (a
# habitual "never any problem"; a past "koi issue nahi aaya" reports one event and is not),
# "100 percent guaranteed", "ho hi nahi sakta" (cannot possibly), "saari problems khatam".
# "kabhi kabhi" is "sometimes"; "hamesha" with a habit ("hamesha test chalata hoon") is not one.
_FAILS = (r"(?:fail|slow|down|crash|break|galat|galti|problem|issue|bug|dikkat|error|outage"
          r"|incident|hang|leak|loss|lose)\w*")
_GOOD = (r"(?:fast|faster|tez|sahi|best|better|behtar|accha|achha|acchi|achhi|perfect|kaam\s+kar"
         r"|work\s+kar|success|jeet|fix|solve|improve|badh|pasand|safe|secure|accurate|correct"
         r"|scale\s+kar)")
_DOWNSIDES = (r"(?:risks?|downsides?|trade-?offs?|drawbacks?|nuksaan|nuksan|khatra|side[-]?effects?"
              r"|kami|weakness\w*|limitations?)")
_HABITUAL = r"(?:hot[aie]|aat[aie]|aayeg[aie]|hog[aie]|padt[aie])\b"
ABSOLUTES = (
    r"(?<!kabhi\s)\bkabhi\s+(?!kabhi\b)(?:bhi\s+)?(?:koi\s+)?(?:\w+\s+){0,3}?" + _FAILS
    + r"\s+(?:\w+\s+)?(?:nahi|nahin)\b"
    r"|\b" + _FAILS + r"\s+(?:\w+\s+)?kabhi\s+(?:bhi\s+)?(?:nahi|nahin)\b"
    r"|\b(?:hamesha|humesha|hamesa)\s+(?:hi\s+)?(?:\w+\s+){0,2}?" + _GOOD
    + r"|\bkoi\s+(?:bhi\s+)?" + _DOWNSIDES + r"\s+(?:hi\s+)?(?:nahi|nahin)\b"
    r"|\bkoi\s+(?:bhi\s+)?(?:problem|issue|dikkat|bug|error|pareshani|galti|failure)\w*\s+(?:\w+\s+)?"
    r"(?:nahi|nahin)\s+" + _HABITUAL
    + r"|\b(?:100|sau)\s*(?:%|percent|pratishat|feesadi)\s+(?:guarantee\w*|pakk\w+|sure|safe|sahi)"
    r"\s+(?:hai|hota|hoti|hoga|hogi|deta|deti|dete|hoon|hun)\b|\b100\s*%\s+(?:pakk\w+|sahi)\b"
    r"|\b(?:fail|galat|galti|down|crash|break|hack|miss|slow|leak)\w*\s+(?:ho\s+)?hi\s+(?:nahi|nahin)"
    r"\s+(?:ho\s+)?sakt[aie]\b"
    r"|\b(?:sab|saare|saari|sabhi|har)\s+(?:\w+\s+)?(?:bugs?|problems?|issues?|errors?|risks?"
    r"|dikkat\w*|pareshani\w*|galtiy\w*|bottlenecks?)\s+(?:\w+\s+){0,2}?(?:khatam|solve|fix|door"
    r"|gayab|theek|resolve)"
    r"|\b(?:duniya|industry|market|company|itihaas)\s+(?:ka|ki|ke|mein)\s+sabse\b"
    r"|\b(?:ek\s*hi|ekmatra|sirf\s+yahi|yahi\s+ek)\s+(?:sahi\s+)?(?:tareeka|tarika|solution|raasta"
    r"|rasta|option|jawab)\b"
    r"|\b(?:bilkul|ekdum|poori\s+tarah|puri\s+tarah)\s+(?:se\s+)?(?:safe|secure|bug-?free|perfect"
    r"|error-?free|fool-?proof|accurate)\b"
    r"|\b(?:test|check|measure|monitor|review)\w*\s+(?:karne\s+)?ki\s+(?:koi\s+)?(?:zaroorat|zarurat"
    r"|jarurat)\s+(?:hi\s+)?(?:nahi|nahin)\s+(?:padti|padta|hoti|hota)\b"
)
INJECTION = (r"\b(?:instructions?|rules|prompt)\s+(?:\w+\s+){0,2}(?:ignore|bhool|bhul)\w*"
             r"|\b(?:mujhe|is\s+answer\s+ko)\s+(?:\w+\s+){0,2}(?:10|poore|full)\s+(?:marks|number"
             r"|score)\b")
# Hindi words with one English reading that rubric keywords use ("asli sawaal": the real
# question): a Hinglish answer's words are read with these English ones added (`with_english`)
KEYWORDS = {
    "sawaal": "question", "sawal": "question", "faisla": "decision", "faisle": "decision",
    "maqsad": "goal", "lakshya": "goal", "uddeshya": "goal", "samasya": "problem",
    "dikkat": "problem", "pareshani": "problem", "nateeja": "result", "natija": "result",
    "parinaam": "result", "grahak": "customer", "khatra": "risk", "jokhim": "risk",
    "kharcha": "cost", "laagat": "cost", "lagat": "cost", "jaanch": "check", "badlav": "change",
    "sudhaar": "improvement", "sudhar": "improvement", "dheema": "slow", "dheemi": "slow",
    "galti": "mistake", "galtiyan": "mistake", "zimmedari": "responsibility",
    "prathmikta": "priority", "yojana": "plan", "anumaan": "estimate", "vikalp": "option",
    "samjhauta": "compromise", "bikri": "sales", "aamdani": "revenue", "kamai": "revenue",
    "maang": "demand", "suraksha": "security", "bharosa": "trust", "vishwas": "trust",
    "baatcheet": "conversation", "salah": "advice", "asli": "real", "seekh": "learn",
    "seekha": "learned", "pehle": "first", "phir": "then", "fir": "then", "banaya": "built",
    "badla": "changed", "badli": "changed", "likha": "wrote", "sudhara": "fixed",
    "shuru": "started", "khud": "myself", "maine": "i", "mera": "my", "meri": "my",
}


def with_english(words: list[str]) -> list[str]:
    """The words, then (when some have one) the words again with each Hindi word's English
    reading in its place, so two-word keywords read too ("mera role": "my role")."""
    if not any(w in KEYWORDS for w in words):
        return words
    return [*words, *(KEYWORDS.get(w, w) for w in words)]


# A clause with one of these denies or qualifies: Hindi puts "nahi" last ("kabhi galat nahi
# hoti"), so a quote cut short of it would say the opposite; no such clause is quoted back.
NEGATION = r"\b(?:nahi|nahin|kabhi|bina)\b"
# "maine/humne [what] [did]": what the candidate did, in their words, for a follow-up to quote
OWNED_FRAGMENT = re.compile(
    r"\b(?:maine|humne|hamne)\s+((?:[\w.+%-]+\s+){1,6}?(?:kiya|kiye|kari|(?:kar\s+)?(?:diya|diye|di"
    r"|liya|liye|li)|banaya|banayi|banaye|likha|likhi|chalaya|chalayi|lagaya|lagayi|lagaye|hataya"
    r"|hatayi|hataye|bheja|badla|badli|badle|sudhara|sudhari))\b", re.IGNORECASE)
# rubric: a sentence naming a point explains it with a reason, a step or "X kiya" (an action)
EXPLAINS = re.compile(
    REASON + r"|\b[a-z]{3,}\s+(?:kiya|kiye|kari|karenge|karunga|karungi|karte|karta|karti"
    r"|ki\s+(?:thi|hai|gayi)|kar\s+(?:diya|diye|di|liya|li|ke))\b",
    re.IGNORECASE)
# words that show an answer is in Hinglish, not English with one borrowed word
MARKERS = _words("hai hain tha thi maine humne mujhe humein kiya kiye kyunki isliye pehle "
                     "phir aur mein nahi matlab yaani shayad")
MIN_MARKERS = 3  # distinct marker words that make an answer Hinglish


def is_hinglish(words: list[str] | tuple[str, ...]) -> bool:
    """True for an answer written in Hinglish (several distinct Hindi function words)."""
    return len(MARKERS.intersection(words)) >= MIN_MARKERS


def hinglish_fillers(text: str, words: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """'actually' and 'like' used as fillers, when the answer is in Hinglish; else none."""
    if not is_hinglish(words):
        return ()
    return tuple(m.group(0).lower() for m in HINGLISH_ONLY_FILLERS.finditer(text))


def joined(english: re.Pattern[str], hinglish: str) -> re.Pattern[str]:
    """The English pattern or the Hinglish one (case-insensitive), with the English flags."""
    return re.compile(f"(?:{english.pattern})|(?i:{hinglish})", english.flags)
