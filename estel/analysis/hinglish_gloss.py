"""A Hinglish answer read as rough English, so the rubric's red flags (English regexes over the
answer, `estel.brains.offline.bank.RedFlag`) can hear a wrong claim said in Hinglish. Pure.

A Hinglish answer keeps its technical words in English and puts Hindi grammar around them:
"main failing test ko disable kar dunga" is "I will disable the failing test", "reviewer galat
tha" is "the reviewer was wrong", "customers ko pata nahi hota ki unhe kya chahiye" is
"customers don't know what they want". The gloss undoes the constructions that differ, in order:
1. phrases whose English is fixed ("ka matlab hai" means, "X karne ki zaroorat nahi" don't need to
   X, "ko pata nahi" don't know, "kabhi ... nahi" never), then Hindi words with one English
   reading (hamesha always, bas just, galat wrong, saari all, maine I, nahi not);
2. the object-verb order of Hindi's "kar" verbs: "[object] (ko) [English verb] (nahi) kar
   diya/dunga/lenge" becomes "(not) [verb, past or plain] [object]"; the object may carry
   postpositions after their nouns ("hyperparameters test set pe tune kar lenge" is "tune
   hyperparameters on test set", "data ko database se delete karenge" is "delete data from
   database"), and "karna padega/hoga" is "have to";
3. the clause-final copula: "[subject] [word] hai/tha" becomes "[subject] is/was [word]".
Hindi has no articles, so a red flag's "the" and "a" are optional when it reads a gloss
(`relax_articles`). English answers are never glossed (`flag_raised` reads only Hinglish ones),
so English scoring is unchanged. The gloss is for matching, never shown to anyone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from estel.analysis.hinglish import STOPWORDS, hindi_words
from estel.analysis.lexicon import normalise

# two Hindi-only words make an answer worth glossing (a one-line wrong claim in Hinglish has too
# few for `is_hinglish`, which decides whether 'like' is a filler)
MIN_HINDI = 2
_NOT = r"(?:nahi|nahin|na|mat)"
_KNOW = r"(?:pata|maloom|malum)"
_PHRASES: tuple[tuple[str, str], ...] = (
    (r"\s+(?:ko|ke\s+paas)\s+(?:khud\s+)?(?:bhi\s+)?(?:" + _KNOW + r"\s+(?:hi\s+)?" + _NOT
     + r"|" + _NOT + r"\s+" + _KNOW + r")(?:\s+(?:hota|hoti|hote|hai|hain|tha|thi|the))?\b",
     " don't know"),
    (r"\b(?:mujhe|maine)\s+(?:bhi\s+)?" + _KNOW + r"\s+(?:hi\s+)?" + _NOT + r"\b", "i don't know"),
    (r"\b(?:mujhe\s+)?" + _NOT + r"\s+" + _KNOW + r"\b", "i don't know"),
    (r"\b(?:ki\s+)?(?:unhe|unko|inhe|inko|use|usko)\s+kya\s+chahiye\b", "what they want"),
    (r"\b(mujhe|humein|hume|hamein)\s+((?:\w+\s+){0,3}?)(\w+)\s+karne\s+ki\s+(?:koi\s+)?"
     r"(?:zaroorat|zarurat|jarurat)\s+(?:hi\s+)?" + _NOT
     + r"(?:\s+(?:padti|padta|hai|hoti|hota|thi|tha))?\b", r"\1 don't need to \3 \2"),
    (r"\s+(?:ka|ki|ke)\s+matlab\s+(?:hai|hota\s+hai)(?:\s+ki)?\b", " means"),
    (r"\s+(?:ka|ki|ke)\s+matlab\s+tha(?:\s+ki)?\b", " meant"),
    (r"(?<!kabhi\s)\bkabhi\s+(?!kabhi\b)(?:bhi\s+)?((?:\w+\s+){0,3}?)" + _NOT + r"\b", r"never \1"),
    (r"\bkisi\s+ko\s+(?:bhi\s+)?pata\s+(?:bhi\s+)?" + _NOT + r"\s+chala\b", "nobody noticed"),
    (r"\b(?:sab\s+(?:kuch\s+)?)?(?:theek|thik)\s+(?:raha|rahaa|tha|ho\s+gaya)\b", "it was fine"),
    (r"\b(?:ke|ki)\s+(?:bajaye|bajay|jagah)\b", "instead of"),
    # "jab tak chal na jaaye": until it works; the negative is Hindi grammar, not a negation
    (r"\bjab\s+tak\b", "until"),
    (r"\b(?:chal|kaam\s+kar)\s+(?:na|nahi)\s+(?:jaaye|jaye|jaata|jaati|le|kare|jaate)\b",
     "it works"),
    (r"\b(pass|succeed|work)\s+(?:na|nahi)\s+(?:ho|kare|ho\s+jaaye|ho\s+jaye|hota|hoti|jaaye)\b",
     r"it \1s"),
    (r"\bsab\s+kuch\b", "everything"),
    # "koi cost nahi (hota)": no cost; the "nahi" is the "no", not a negated verb
    (r"\bkoi\s+(?:bhi\s+)?([a-z][\w-]*)\s+(?:hi\s+)?(?:nahi|nahin)\b", r"no \1"),
    (r"\b(?:main|mai)\s+ne\b", "i"),
    # Hindi verbs made with "de/le" ("laga denge": will add) read as their English verb + "kar"
    (r"\b(laga|hata|daal|bana|bhej|likh|badal|chhod|rok)\s+(?=(?:diya|diye|di|dunga|dungi|denge|do"
     r"|dena|liya|liye|li|lunga|lungi|lenge|lo|deta|dete|leta|lete)\b)", r"\1 kar "),
)
_WORDS = {
    "hamesha": "always", "humesha": "always", "bas": "just", "sirf": "only", "galat": "wrong",
    "sahi": "right", "accha": "good", "achha": "good", "acha": "good", "bahut": "very",
    "saara": "all", "saare": "all", "saari": "all", "sab": "all", "sabhi": "all", "har": "every",
    "maine": "i", "main": "i", "mai": "i", "mujhe": "i", "humne": "we", "hamne": "we", "hum": "we",
    "humein": "we", "usne": "they", "unhone": "they", "woh": "they", "wo": "they", "vo": "they",
    "mera": "my", "meri": "my", "mere": "my", "hamara": "our", "hamari": "our", "hamare": "our",
    "humara": "our", "humari": "our", "humare": "our", "unka": "their", "unki": "their",
    "unke": "their", "uska": "their", "uski": "their", "uske": "their", "nahi": "not",
    "nahin": "not", "mat": "not", "pehle": "first", "phir": "then", "fir": "then", "aur": "and",
    "ya": "or", "toh": "so", "kyunki": "because", "kyonki": "because", "isliye": "so",
    "taaki": "so that", "lekin": "but", "bina": "without", "dobara": "again",
    "turant": "immediately", "fauran": "immediately", "seedha": "straight", "jaldi": "quickly",
    "theek": "fix", "laga": "add", "hata": "remove", "daal": "put", "bana": "build",
    "bhej": "send", "likh": "write", "badal": "change", "chhod": "skip", "rok": "stop",
    "shuru": "start", "khatam": "finish", "istemaal": "use", "istemal": "use",
}
# "main" before a noun and its postposition is English ("main database se"); "main database
# ko upgrade kar dunga" is Hindi's "I" (the object marker follows the pronoun's object)
_MAIN_ADJECTIVE = re.compile(r"\bmain(?=\s+[a-z][\w-]*\s+(?:pe|par|mein|se)\b)")
_PHRASE_RES = tuple((re.compile(pattern), english) for pattern, english in _PHRASES)
# nouns that make a verb with "kar" ("kaam kiya": worked, "koshish ki": tried); left unglossed
_KAR_NOUNS = STOPWORDS | {"kaam", "baat", "koshish", "intezaar", "dhyan", "madad", "bharosa",
                          "vishwas", "pasand", "yaad", "samajh", "chinta"}
_WORD = re.compile(r"\b(?:" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")\b")
# what may not be part of a verb's object: Hindi function words, pronouns, connectives
_NOT_OBJECT = sorted((STOPWORDS | {"i", "we", "they", "you", "he", "she", "it", "just", "so",
                                   "then", "and", "or", "not", "never", "always", "because",
                                   "first", "also", "only", "mai", "is", "was", "are"}),
                     key=len, reverse=True)
_OBJECT_WORD = r"(?!(?:" + "|".join(_NOT_OBJECT) + r")\b)[\w+%.'-]+\s+"
# postpositions after their noun ("test set pe": on the test set), and what they mean in English
_POSTPOSITIONS = {"pe": "on", "par": "on", "mein": "in", "me": "in", "se": "from",
                  "ke liye": "for", "ke saath": "with", "ke sath": "with", "ke upar": "on",
                  "ke andar": "in"}
_PP = r"(?:" + "|".join(p.replace(" ", r"\s+") for p in sorted(_POSTPOSITIONS, key=len,
                                                                 reverse=True)) + r")"
# an object word, then its postposition, the object marker "ko" or an emphatic "hi"/"bhi"
_OBJECT_PART = _OBJECT_WORD + r"(?:(?:" + _PP + r"|ko|hi|bhi)\s+)*"
_PAST_LIGHT = (r"(?:kiya|kiye|kari|(?<=not\s)ki\b"
               r"|kar\s+(?:diya|diye|di|liya|liye|li|chuka|chuki|chuke))")
_SHOULD = r"(?:kar(?:na|ni|ne)|kar\s+(?:dena|deni|lena|leni))\s+(?:hi\s+)?chahiye"
_MUST = (r"(?:kar(?:na|ni|ne)|kar\s+(?:dena|deni|lena|leni))\s+(?:hi\s+)?"
         r"(?:padega|padegi|padenge|padta|padti|padte|pada|padi|hoga|hogi|honge)")
_LIGHT = (r"(?:" + _PAST_LIGHT + r"|" + _SHOULD + r"|" + _MUST
          + r"|kar(?:\s+(?:dunga|dungi|denge|doonga|do|dena"
          r"|lunga|lungi|lenge|lo|leta|lete|leti|deta|dete|deti|sakta|sakte|sakti|raha|rahe|rahi))?|karunga"
          r"|karungi|karenge|karta|karti|karte|karo|karke|(?<=not\s)ki)\b)"
          r"(?:\s+(?:hai|hain|hoon|hun|tha|thi|the|ho)\b)?")
_KAR_VERB = re.compile(r"(?<![\w'-])(?P<obj>(?:" + _OBJECT_PART + r"){0,5}?)"
                       r"\b(?P<verb>[a-z][a-z-]+)"
                       r"\s+(?P<neg>(?:nahi|nahin|not|na|mat)\s+)?(?P<light>" + _LIGHT)
# "payment fail ho gaya": the payment failed (an English verb made intransitive with "ho gaya")
_BECAME = re.compile(r"(?<![\w'-])([a-z][a-z-]+)\s+ho\s+(?:gaya|gayi|gaye|chuka|chuki|chuke)\b")
_COPULA = re.compile(r"\b(\w+)\s+((?:not\s+|very\s+)?[\w-]+)\s+(hai|hain|tha|thi|the)"
                     r"(?=\s*(?:[,.;:!?]|$|\s+(?:and|so|but|because|aur|toh|lekin)\b))")
_BE = {"hai": "is", "hain": "are", "tha": "was", "thi": "was", "the": "were"}
_IRREGULAR = {"build": "built", "run": "ran", "rerun": "reran", "write": "wrote", "make": "made",
              "take": "took", "put": "put", "cut": "cut", "set": "set", "send": "sent",
              "tell": "told", "get": "got", "buy": "bought", "sell": "sold", "give": "gave",
              "do": "did", "go": "went", "rewrite": "rewrote", "rebuild": "rebuilt"}


@lru_cache(maxsize=2048)
def gloss(text: str) -> str:
    """The answer in rough English word order and words, lower case (for matching only)."""
    text = normalise(text).lower()
    for pattern, english in _PHRASE_RES:
        text = pattern.sub(english, text)
    text = _MAIN_ADJECTIVE.sub("main_", text)  # "main database se": English "main", not "I"
    text = _WORD.sub(lambda m: _WORDS[m.group(0)], text).replace("main_", "main")
    text = _KAR_VERB.sub(_reorder, text)
    text = _BECAME.sub(lambda m: m.group(0) if m.group(1) in _KAR_NOUNS else _past(m.group(1)),
                       text)
    text = _COPULA.sub(lambda m: f"{m.group(1)} {_BE[m.group(3)]} {m.group(2)}", text)
    return re.sub(r"[ \t]+", " ", text)


def flag_raised(patterns: Iterable[str], text: str) -> bool:
    """True when a Hinglish answer's gloss matches one of a red flag's English patterns."""
    if hindi_words(text) < MIN_HINDI:
        return False
    read = gloss(text)
    return any(relaxed(pattern).search(read) for pattern in patterns)


@lru_cache(maxsize=4096)
def relaxed(pattern: str) -> re.Pattern[str]:
    """The pattern with its articles optional ('the (failing )?test' also reads 'failing test')."""
    return re.compile(re.sub(r"(?:(?<=[\s(|])|^)(the|an|a) ", r"(?:\1 )?", pattern), re.IGNORECASE)


def _reorder(m: re.Match[str]) -> str:
    verb = m.group("verb")
    if verb in _KAR_NOUNS:  # "kaam kar", "baat kar": a Hindi noun, left as it is
        return m.group(0)
    light = m.group("light")
    done = _past(verb) if re.match(_PAST_LIGHT, light) else verb
    mood = ("should " if re.match(_SHOULD, light) else
            "have to " if re.match(_MUST, light) else "")
    neg = mood + ("not " if m.group("neg") else "")
    obj = _english_object(m.group("obj"))
    return f"{neg}{done} {obj} " if obj else f"{neg}{done} "


# English adverbs said before a Hindi verb that English says right after it
_ADVERBS = frozenset(("forever", "permanently", "directly", "straight", "immediately",
                      "quickly", "manually", "automatically", "again", "once", "twice"))
_PP_SPLIT = re.compile(r"\s+(" + _PP + r"|ko|hi|bhi)(?=\s|$)")


def _english_object(span: str) -> str:
    """'hyperparameters test set pe' -> 'hyperparameters on test set'; 'data ko main database
    se' -> 'data from main database': the direct object first, then each postposition's phrase
    as an English preposition before its noun. Words before a last postposition are all its
    noun ("test set pe"), unless there are three or more: then its last two ("hyperparameters
    test set pe"), Hindi putting the object before the place."""
    adverbs = [w for w in span.split() if w in _ADVERBS]  # "forever cache": cache forever
    span = " ".join(w for w in span.split() if w not in _ADVERBS)
    parts = _PP_SPLIT.split(" " + span)
    direct: list[str] = []
    phrases: list[str] = []
    words = parts[0].split()
    pairs = list(zip(parts[1::2], parts[2::2], strict=True))
    for index, (marker, rest) in enumerate(pairs):
        key = " ".join(marker.split())
        if key in _POSTPOSITIONS:
            last = index == len(pairs) - 1 and not rest.strip()
            split = len(words) - 2 if last and not phrases and len(words) >= 3 else 0
            direct += words[:split] if split > 0 else []
            noun = words[split:] if split > 0 else words
            if noun:
                phrases.append(f"{_POSTPOSITIONS[key]} {' '.join(noun)}")
        else:  # "ko" marks the direct object; "hi", "bhi" are emphasis
            direct += words
        words = rest.split()
    direct += words
    return " ".join([*adverbs, *direct, *phrases])


def _past(verb: str) -> str:
    """'drop' -> 'dropped', 'delete' -> 'deleted', 'build' -> 'built' (regular rules + a few)."""
    if verb in _IRREGULAR:
        return _IRREGULAR[verb]
    if verb.endswith("e"):
        return verb + "d"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ied"
    if re.search(r"(?:^|[^aeiou])[aeiou][bdgmnprt]$", verb) and len(verb) <= 4:
        return verb + verb[-1] + "ed"
    return verb + "ed"
