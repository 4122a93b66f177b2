"""The sentences of the offline brain's final feedback, in English and in Hinglish.

`feedback` and `summary` decide *what* to say from the analyses; this module holds *how* it is
said, one template per message, with the same placeholders in both languages (a test checks the
mirror). The Hinglish is what a Bengaluru hiring manager would write to a candidate: romanised,
"aap" throughout, the interview's own terms (communication, content, STAR, trade-off) in English.
Rubric points, topics and quoted words are spliced in as they are.

The analysis's own phrases (its one-line advice and praise, estel.analysis.advice) are English;
`hinglish_phrase` renders the fixed ones in Hinglish for a Hinglish report.
"""

from __future__ import annotations

import re

from estel.analysis.advice import ASK, ASK_WHY, BREAK_UP, BRIEF, CONCRETE, EXPAND_STEPS, NUMBER
from estel.analysis.answer import FLAG_ADVICE, INJECTION_NOTE
from estel.analysis.wording import counted
from estel.languages import ENGLISH, HINGLISH, Language

EN: dict[str, str] = {
    "strength": "{cite}: {praise}.",
    "fluent": "Fluent delivery: {fillers} in {words} words across {answers}.",
    "owned": "You owned your work in {numbers}: clear 'I did/I decided' statements with no "
             "hedging.",
    "best": "{cite} was your best answer ({score}/10): {praise}.",
    "no_strength": "You answered all {questions}; the improvements below say what would lift "
                   "each score.",
    "praise_example": "a concrete example",
    "praise_numbers": "numbers that show the impact",
    "praise_ownership": "clear ownership of what you did",
    "praise_point": "you explained {point}",
    "praise_plain": "a clear answer that stayed on the question",
    "praise_join": " and ",
    "improvement": "{cite}: {fix}.",
    "fillers": "Filler words came up {count} times ({common}); pause instead.",
    "hedges": "You hedged {count} times ('{first}'...); state your decisions plainly.",
    "also_covers": "a strong answer also covers: {missed}",
    "not_covered": "{advice} (not yet covered: {missed})",
    "unscored": "Answer every question in your own words with a real example: {numbers} earned "
                "nothing.",
    "off_topic": "Before answering, repeat the question to yourself and name the example from "
                 "your work that fits it: {numbers} talked about something else.",
    "missed_ask": "Listen for what each question asks before you pick a story: {cites} told a good "
                  "story that answered a different question.",
    "missed_fix": "a good story, but it answers a different question; tell one that answers this "
                  "one, just as clearly",
    "no_result": "Rewrite your {cite} story in four sentences (situation, task, action, result) "
                 "and end with what changed.",
    "unreflective": "End your {cite} story with what you learned or would do differently next "
                    "time.",
    "step_intro": "Prepare a 60-second introduction for {cite}: what you do now, one achievement "
                  "that fits the {role} role, and why you want this job.",
    "step_technical": "Practise {cite} aloud, step by step: the goal and constraints, your "
                      "approach with one example, the trade-off you'd weigh and how you'd check "
                      "it worked.",
    "step_wrap_up": "Prepare your answer to {cite}: one specific goal or plan, why it matters to "
                    "you and how you'd know it was working.",
    "ask_step": "Prepare two specific questions for the interviewer (for example how success is "
                "measured in the first 90 days, or how the team works with others) and say why "
                "each matters to you; {cite} asked for your questions.",
    "numbers_step": "For three stories you tell often, write down one number each (time saved, "
                    "% change, people affected) and use it when you answer.",
    "coverage": "Prepare for '{topic}'. A strong answer covers: {points}.",
    "short": "Your answers averaged {average} words; aim for 120-200 words (one to two minutes) "
             "with an example and its outcome.",
    "long": "Your answers averaged {average} words; lead with the point in one sentence and keep "
            "each answer under two minutes.",
    "record": "Record yourself answering {cite} again and replace each filler word with a short "
              "pause.",
    "retell": "Retell {cite} using 'I decided', 'I built', 'I recommended' for your own actions, "
              "without 'I think' or 'maybe'.",
    "again": "Run another {role} mock interview in a few days and compare your scores question "
             "by question.",
}

HI: dict[str, str] = {
    "strength": "{cite}: {praise}.",
    "fluent": "Delivery fluent thi: {answers} ke {words} words mein {fillers}.",
    "owned": "{numbers} mein aapne apne kaam ki ownership li: 'maine kiya / maine decide kiya' "
             "jaise clear statements, bina hedging ke.",
    "best": "{cite} aapka best answer tha ({score}/10): {praise}.",
    "no_strength": "Aapne saare {questions} ke jawaab diye; neeche ke improvements bataate hain "
                   "ki har score kaise badhega.",
    "praise_example": "ek concrete example",
    "praise_numbers": "impact dikhane wale numbers",
    "praise_ownership": "aapne kya kiya, iski clear ownership",
    "praise_point": "aapne yeh samjhaya: {point}",
    "praise_plain": "sawaal par tika hua ek clear answer",
    "praise_join": " aur ",
    "improvement": "{cite}: {fix}.",
    "fillers": "Filler words {count} baar aaye ({common}); unki jagah ek chhota pause lijiye.",
    "hedges": "Aapne {count} baar hedge kiya ('{first}'...); apne decisions seedhe bataiye.",
    "also_covers": "ek strong answer yeh bhi cover karta: {missed}",
    "not_covered": "{advice} (abhi cover nahi hua: {missed})",
    "unscored": "Har sawaal ka jawaab apne shabdon mein, ek real example ke saath dijiye: "
                "{numbers} ko koi score nahi mila.",
    "off_topic": "Jawaab dene se pehle sawaal ko mann mein dohraiye aur apne kaam ka woh example "
                 "chuniye jo us par fit ho: {numbers} mein kisi aur cheez ki baat hui.",
    "missed_ask": "Story chunne se pehle suniye ki sawaal kya pooch raha hai: {cites} mein achhi "
                  "story thi, lekin woh kisi aur sawaal ka jawaab thi.",
    "missed_fix": "achhi story, lekin yeh kisi aur sawaal ka jawaab hai; is sawaal ka jawaab "
                  "dene wali story utni hi saaf bataiye",
    "no_result": "Apni {cite} wali story ko chaar sentences mein dobara likhiye (situation, task, "
                 "action, result) aur end mein bataiye ki kya badla.",
    "unreflective": "Apni {cite} wali story ko is baat se khatam kijiye ki aapne kya seekha ya "
                    "agli baar kya alag karenge.",
    "step_intro": "{cite} ke liye 60 second ka introduction taiyaar kijiye: abhi aap kya karte "
                  "hain, {role} role se judi ek achievement, aur yeh job aap kyun chahte hain.",
    "step_technical": "{cite} ko bolkar, step by step practice kijiye: goal aur constraints, ek "
                      "example ke saath aapka approach, kaunsa trade-off tolenge aur kaise check "
                      "karenge ki kaam kiya.",
    "step_wrap_up": "{cite} ka jawaab taiyaar kijiye: ek specific goal ya plan, woh aapke liye "
                    "kyun matter karta hai, aur aapko kaise pata chalega ki woh kaam kar raha hai.",
    "ask_step": "Interviewer ke liye do specific sawaal taiyaar kijiye (jaise pehle 90 din mein "
                "success kaise measure hoti hai, ya team dusron ke saath kaise kaam karti hai) aur "
                "bataiye har ek aapke liye kyun zaroori hai; {cite} mein aapke sawaal maange gaye "
                "the.",
    "numbers_step": "Jo teen stories aap aksar sunate hain, har ek ke liye ek number likh lijiye "
                    "(bacha hua time, % change, kitne log affect hue) aur jawaab mein use use "
                    "kijiye.",
    "coverage": "'{topic}' ki taiyaari kijiye: ek strong answer yeh cover karta hai: {points}.",
    "short": "Aapke answers average {average} words ke the; 120-200 words ka target rakhiye (ek "
             "se do minute), ek example aur uske outcome ke saath.",
    "long": "Aapke answers average {average} words ke the; pehle sentence mein main point "
            "bataiye aur har answer do minute se kam rakhiye.",
    "record": "{cite} ka jawaab dobara record kijiye aur har filler word ki jagah ek chhota pause "
              "lijiye.",
    "retell": "{cite} ko dobara sunaiye, apne actions ke liye 'maine decide kiya', 'maine "
              "banaya', 'maine recommend kiya' bolkar, bina 'mujhe lagta hai' ya 'shayad' ke.",
    "again": "Kuch dinon mein ek aur {role} mock interview dijiye aur apne scores sawaal-dar-"
             "sawaal compare kijiye.",
}

# the summary paragraph (estel.brains.offline.summary)
EN.update({
    "sum_opening": "Your {role} mock interview ({questions}, scored by the offline "
                   "interviewer) comes to {overall}/10 overall.",
    "sum_all_low": " All three dimensions are below 5: communication {communication}, content "
                   "{content}, confidence {confidence}.",
    "sum_level": " All three dimensions are level at {value}.",
    "sum_spread": " Strongest dimension: {strongest} ({high}); weakest: {weakest} ({low}).",
    "sum_unscored": " {count} of {total} answers earned nothing (empty, not an answer, a copy of "
                    "the question or of an earlier answer, or instructions to the interviewer).",
    "sum_off_topic": " {count} of {total} answers did not address the question asked, so they "
                     "earned no content credit.",
    "sum_wrong": "correct the wrong claims ({cites}: \"{claim}\")",
    "sum_absolute": "replace absolute claims such as '{absolute}' with how it works and what you "
                    "checked ({cites})",
    "sum_named": "explain the points you only named: say how and why ({cites})",
    "sum_numberless": "give a number that shows the impact ({cites} had none)",
    "sum_bare": "tell one real example through to its result ({cites})",
    "sum_missed": "cover what each question asks ({cites} left points out)",
    "sum_content": "To lift your content",
    "sum_content_else": "keep the substance and add one measured example per answer",
    "sum_fillers": "replace filler words ('{filler}' came up {times}) with a short pause",
    "sum_jargon": "say it in plain words instead of buzzwords like '{buzzword}' ({cites})",
    "sum_short": "say more: {cites} stayed under 50 words",
    "sum_long": "lead with the point and cut the detours ({cites} ran past 300 words)",
    "sum_communication": "To communicate more clearly",
    "sum_communication_else": "give each answer a clear beginning, middle and end in one to two "
                              "minutes",
    "sum_hedges": "drop hedges such as '{hedge}' ({cites})",
    "sum_overclaimed": "claim only what you can back: guarantees and 'never fails' sound unsure "
                       "of the real risks ({cites})",
    "sum_unowned": "say what you did yourself ('I decided', 'I built') in {cites}",
    "sum_confidence": "To sound more confident",
    "sum_confidence_else": "commit to a recommendation and say what you decided",
    "sum_advice": "{lead}, {text}.",
    "sum_and": "{first}, and {second}",
    "sum_more": " and {more} more",
})
HI.update({
    "sum_opening": "Aapka {role} mock interview ({questions}, offline interviewer ne score "
                   "kiye) overall {overall}/10 par aata hai.",
    "sum_all_low": " Teeno dimensions 5 se neeche hain: communication {communication}, content "
                   "{content}, confidence {confidence}.",
    "sum_level": " Teeno dimensions barabar hain, {value} par.",
    "sum_spread": " Sabse strong dimension: {strongest} ({high}); sabse weak: {weakest} ({low}).",
    "sum_unscored": " {total} mein se {count} answers ko kuch nahi mila (khaali, answer nahi, "
                    "sawaal ki ya pehle ke kisi answer ki copy, ya interviewer ko instructions).",
    "sum_off_topic": " {total} mein se {count} answers ne poochhe gaye sawaal ki baat nahi ki, "
                     "isliye unhe content ka credit nahi mila.",
    "sum_wrong": "galat claims theek kijiye ({cites}: \"{claim}\")",
    "sum_absolute": "'{absolute}' jaise absolute claims ki jagah bataiye ki cheez kaise kaam "
                    "karti hai aur aapne kya check kiya ({cites})",
    "sum_named": "jin points ka sirf naam liya, unhe samjhaiye: kaise aur kyun ({cites})",
    "sum_numberless": "impact dikhane wala ek number dijiye ({cites} mein koi number nahi tha)",
    "sum_bare": "ek real example ko uske result tak le jaiye ({cites})",
    "sum_missed": "har sawaal jo poochhta hai woh cover kijiye ({cites} mein points chhoot gaye)",
    "sum_content": "Content badhane ke liye",
    "sum_content_else": "substance banaye rakhiye aur har answer mein ek measured example jodiye",
    "sum_fillers": "filler words ('{filler}' {times} aaya) ki jagah ek chhota pause lijiye",
    "sum_jargon": "'{buzzword}' jaise buzzwords ke bajaye seedhe shabdon mein kahiye ({cites})",
    "sum_short": "thoda aur bataiye: {cites} 50 words se kam rahe",
    "sum_long": "pehle main point bataiye aur idhar-udhar ki baatein kaatiye ({cites} 300 words "
                "se lambe the)",
    "sum_communication": "Aur clearly communicate karne ke liye",
    "sum_communication_else": "har answer ko ek se do minute mein clear shuruaat, beech aur end "
                              "dijiye",
    "sum_hedges": "'{hedge}' jaise hedges hataiye ({cites})",
    "sum_overclaimed": "utna hi claim kijiye jitna back kar sakein: guarantees aur 'kabhi fail "
                       "nahi hota' jaisi baatein real risks ke baare mein unsure lagti hain "
                       "({cites})",
    "sum_unowned": "{cites} mein bataiye ki aapne khud kya kiya ('maine decide kiya', 'maine "
                   "banaya')",
    "sum_confidence": "Aur confident lagne ke liye",
    "sum_confidence_else": "ek recommendation par commit kijiye aur bataiye aapne kya decide kiya",
    "sum_advice": "{lead}, {text}.",
    "sum_and": "{first}, aur {second}",
    "sum_more": " aur baaki {more}",
})

# The analysis's fixed phrases (estel.analysis.advice, answer.FLAG_ADVICE) in Hinglish, keyed by
# the English constants themselves so the two cannot drift apart; a phrase with a variable tail
# is matched by its opening words (PREFIXES), and praise, joined from parts, part by part.
PHRASES: dict[str, str] = {
    FLAG_ADVICE["empty"]: "koi answer nahi mila; ek chhota real example bhi score dilata hai",
    FLAG_ADVICE["gibberish"]: "yeh answer jaisa nahi lagta; ek real example par kuch poore "
                              "sentences likhiye",
    FLAG_ADVICE["echo"]: "yeh zyadatar sawaal ko hi dohrata hai; apne shabdon mein example ke "
                         "saath jawaab dijiye",
    FLAG_ADVICE["injection"]: "interviewer ko instructions dene se kuch nahi milta; sawaal ka hi "
                              "jawaab dijiye",
    FLAG_ADVICE["off_topic"]: "yeh sawaal ka jawaab nahi hai; jo poochha gaya us par, apne kaam "
                              "ke example ke saath baat kijiye",
    BRIEF["intro"]: "bahut chhota: bataiye abhi aap kya karte hain, is role se juda background, "
                    "aur yeh role aap kyun chahte hain",
    BRIEF["behavioural"]: "bahut chhota: ek concrete example dijiye ki aapne kya kiya aur kya hua",
    BRIEF["technical"]: "bahut chhota: apna approach step by step samjhaiye, kaunsa trade-off "
                        "tolenge aur kaise check karenge ki kaam kiya",
    BRIEF["wrap_up"]: "bahut chhota: ek specific jawaab dijiye, woh aapke liye kyun matter karta "
                      "hai, aur ek concrete step jo aap lenge",
    EXPAND_STEPS: "har step ko kholiye: yeh order kyun, kaunsa trade-off tolenge aur kaise check "
                  "karenge ki kaam kiya; apne kaam ka ek example madad karega",
    BREAK_UP["intro"]: "ise todiye: abhi aap kaun hain, ek highlight, phir yeh role kyun",
    BREAK_UP["behavioural"]: "ise todiye: ek sentence mein point, phir example, phir result",
    BREAK_UP["technical"]: "ise todiye: har sentence mein ek step, phir trade-off, phir aap kaise "
                           "check karenge",
    BREAK_UP["wrap_up"]: "ise todiye: har sentence mein ek point ya sawaal, phir woh aapke liye "
                         "kyun matter karta hai",
    CONCRETE["intro"]: "apne background se is role se judi ek highlight jodiye, ek number ke saath "
                       "(saal, team size ya result)",
    CONCRETE["behavioural"]: "ek concrete example jodiye, impact dikhane wale number ke saath",
    CONCRETE["technical"]: "ise ek example par tikaiye: yeh approach aapne kahan use kiya aur "
                           "usse kya badla",
    CONCRETE["wrap_up"]: "ise concrete banaiye: ek specific goal ya step, aur aapko kaise pata "
                         "chalega ki woh kaam kar raha hai",
    NUMBER["intro"]: "ek highlight par number lagaiye (saal, team size ya result)",
    NUMBER["behavioural"]: "impact par ek number lagaiye",
    NUMBER["technical"]: "jo result aap expect karte hain, ya jo aapko mila hai, us par ek number "
                         "lagaiye",
    NUMBER["wrap_up"]: "bataiye aapko kaise pata chalega ki sab theek ja raha hai",
    ASK: "team ya role ke baare mein ek-do specific sawaal poochhiye, aur bataiye woh aapke liye "
         "kyun zaroori hain",
    ASK_WHY: "bataiye aapka sawaal aapke liye kyun zaroori hai, ya ek doosra sawaal poochhiye "
             "(jaise is role mein success kaise measure hoti hai)",
    "tighten it: lead with the point and cut the detours":
        "ise tight kijiye: pehle main point, aur idhar-udhar ki baatein kaatiye",
    "finish the story with the result and what changed":
        "story ko result aur kya badla, us par khatam kijiye",
    "own it: say 'I decided' or 'I would' instead of hedging":
        "ownership lijiye: hedge karne ke bajaye 'maine decide kiya' ya 'main karunga' kahiye",
    "add what you learned or would do differently":
        "add kijiye ki aapne kya seekha ya agli baar kya alag karenge",
    "keep this shape for your other answers": "baaki answers mein bhi yahi shape rakhiye",
    "too brief: say what you did, step by step, and what happened":
        "bahut chhota: step by step bataiye aapne kya kiya, aur kya hua",
}
# the parts praise is joined from (estel.analysis.advice.praise), longest first when replaced
PRAISE_PARTS: dict[str, str] = {
    "Clear about your background and motivation": "background aur motivation par clear",
    "Asks the interviewer specific questions": "interviewer se specific sawaal poochhe",
    "Asks the interviewer a specific question": "interviewer se ek specific sawaal poochha",
    "A good outline of the steps": "steps ka achha outline",
    "Clear STAR structure": "clear STAR structure",
    "says why it matters": "bataya ki yeh kyun zaroori hai",
    "Covers the key points": "key points cover kiye",
    "covers the key points": "key points cover kiye",
    " with a measured result": ", measured result ke saath",
    "Backed by numbers": "numbers se backed answer",
    "Well-reasoned": "achhi reasoning",
    " and ": " aur ",  # joins the parts
}
_REPEATS = re.compile(r"this repeats your answer to (Q\d+);")
PREFIXES: tuple[tuple[str, str], ...] = (
    ("a strong answer also covers: ", "ek strong answer yeh bhi cover karta: "),
    ("cut filler words such as ", "filler words kaatiye, jaise "),
    ("check this claim: ", "yeh claim check kijiye: "),
)


# Hindi nouns of counts (the rest stay English in Hinglish too: '8 answers', '0 filler words')
HINDI_NOUNS = {"question": "sawaal", "time": "baar"}


def count_of(count: int, noun: str, language: Language) -> str:
    """'1 question' / '8 questions'; in Hinglish '8 sawaal', '3 baar', else as in English."""
    if language == HINGLISH and noun in HINDI_NOUNS:
        return f"{count:,} {HINDI_NOUNS[noun]}"
    return counted(count, noun)


def words(language: Language) -> dict[str, str]:
    """The feedback templates for `language` (English for anything but Hinglish)."""
    return HI if language == HINGLISH else EN


def language_of(table: dict[str, str]) -> Language:
    """The language of a template table `words` returned."""
    return HINGLISH if table is HI else ENGLISH


_MISSED = re.compile(r"answer the question that was asked, about (.+), with an example of that;")


def hinglish_phrase(text: str, language: Language) -> str:
    """An analysis phrase (advice, praise) in the report's language; as is when no rendering
    is known (it then stays English, like the rubric points)."""
    if language != HINGLISH:
        return text
    if text in PHRASES:
        return PHRASES[text]
    if missed := _MISSED.match(text):  # estel.analysis.answer's advice for a story that missed
        return (f"jo sawaal poochha gaya tha ({missed.group(1)}) uska jawaab usi ke example se "
                "dijiye; yeh story achhi thi, lekin kisi aur sawaal ka jawaab hai")
    if copied := _REPEATS.match(text):  # estel.analysis.repeat's advice, naming the answer
        return (f"yeh aapke {copied.group(1)} wale answer ko hi dohraata hai; is sawaal ka "
                "jawaab us example se dijiye jo is par fit ho")
    for english, hinglish in PREFIXES:
        if text.startswith(english):
            return hinglish + text[len(english):]
    if text.startswith("replace '"):  # the absolute it made, quoted
        return text.replace("replace ", "", 1).replace(
            " with how it works and how you would check it: no real approach guarantees that",
            " ki jagah bataiye ki yeh kaise kaam karta hai aur aap kaise check karenge: koi "
            "real approach iski guarantee nahi deta")
    for english, hinglish in sorted(PRAISE_PARTS.items(), key=lambda kv: -len(kv[0])):
        text = text.replace(english, hinglish)
    return text


INJECTION_NOTE_HI = ("Interviewer ke liye di gayi instructions ignore ki gayi; sirf answer hi "
                     "score hota hai.")


def note_in(language: Language, note: str, praise: str, advice: str) -> str:
    """The one-answer note (coach mode) in `language`: rebuilt from its praise and advice."""
    if language != HINGLISH:
        return note
    said = hinglish_phrase(advice, language)
    if praise:
        text = f"{hinglish_phrase(praise, language)}; {said}."
    else:
        text = f"{said[:1].upper()}{said[1:]}."
    return f"{INJECTION_NOTE_HI} {text}" if note.startswith(INJECTION_NOTE) else text
