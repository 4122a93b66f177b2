"""Bluff markers: what a fluent, confident answer without substance is made of. Pure patterns.

Three kinds, each of which costs what it fakes:
- absolutes and unsupported superlatives ("guarantees 100% uptime", "never fails", "always the
  best", "zero risk"): no real system or decision has them; they cost content and confidence.
- buzzwords ("synergy", "leverage", "cutting-edge", "game-changer"): dense jargon in place of plain
  words; a few are harmless, a density of them without substance costs content and clarity.
- claims with no mechanism ("this improves performance") with nothing saying how or why.
A sentence carrying an absolute or several buzzwords never counts as explaining a talking point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from estel.analysis import hinglish as _hi
from estel.analysis.language import split_sentences
from estel.analysis.lexicon import tokens

_IX = re.IGNORECASE | re.VERBOSE

ABSOLUTES = re.compile(
    r"""\bguarantee[sd]?\b[^.!?]{0,40}?(?:\b100\s*%|\bzero\b|\bno\b|\bevery\b|\balways\b|\bnever\b
        |\bperfect|\bcomplete|\btotal|\bfull)
    |\b100\s*%\s+(?:of\s+the\s+time|uptime|accura\w*|secure|safe\w*|reliab\w*|success\w*
        |satisf\w*|correct\w*|certain\w*|sure|guarantee\w*|bug[- ]free|effective\w*|of\s+(?:our|the)
        \s+(?:users|customers|clients|cases|bugs|issues|problems))
    |\bnever\s+(?:ever\s+)?(?:fails?|failed|breaks?|broke|goes\s+down|went\s+down|has\s+(?:any\s+)?bugs?
        |makes?\s+mistakes|made\s+(?:a\s+)?(?:single\s+)?mistakes?|miss(?:es|ed)?|loses?|lost\s+a
        |leaks?|leaked
        |had\s+(?:a\s+)?(?:single\s+)?(?:issue|problem|bug|incident|complaint|call-?back|mistake
        |error|failure|defect|accident|leak))
    |\balways\s+(?:works?|worked|the\s+(?:best|right|fastest)|right|perfect\w*|succeeds?|succeeded
        |wins?|won|delivers?|delivered\s+(?:early|on\s+time))
    |\bzero\s+(?:risk|bugs?|downtime|defects?|errors?|churn|failures?|issues|complaints|incidents)\b
    |\b(?:no|without\s+any)\s+(?:risks?|downsides?|trade-?offs?|drawbacks?|weakness\w*)\s+(?:at\s+all|whatsoever|whatever)?
    |\bcan(?:not|'t)\s+(?:possibly\s+)?(?:fail|go\s+wrong|be\s+(?:hacked|beaten|wrong|improved))
    |\b(?:completely|totally|entirely|fully)\s+(?:eliminat\w+|remov\w+|solv\w+|fix\w*)\s+(?:all|every|any)
    |\b(?:eliminat\w+|solv\w+|fix\w*|remov\w+)\s+(?:all|every)\s+(?:\w+\s+)?(?:bugs?|risks?|problems?
        |issues?|errors?|defects?|bottlenecks?)
    |\binfinitely\b|\bbullet-?proof\b|\bfool-?proof\b|\bflawless\w*|\bperfectly\s+(?:secure|scal\w+
        |accurate|reliable|optimi[sz]ed|every)
    |\b(?:the\s+)?(?:best|fastest|greatest|smartest)\s+(?:[\w']+\s+)?(?:in\s+the\s+(?:world|industry|market
        |company|county|country|city|region|firm)|ever|possible|on\s+the\s+market)
    |\b(?:best|fastest|greatest|smartest)\s+(?:[\w']+\s+){1,2}ever\s+(?:had|seen|met|worked)
    |\bevery\s+(?:single\s+)?(?:\w+\s+){1,3}(?:is|was|comes\s+out)\s+(?:perfect|flawless)
    |\b(?:already\s+)?know\s+(?:pretty\s+much\s+|basically\s+|just\s+about\s+)?everything\b
    |\bthe\s+only\s+(?:right\s+)?(?:way|solution|answer|option)\b
    |\b(?:everyone|everybody)\s+(?:agrees|knows|loved|loves|bought\s+in)
    |\bthe\s+most\s+\w+\s+(?:\w+\s+)?(?:(?:they|I|we|anyone|he|she)\s+(?:had\s+|have\s+)?ever|in\s+(?:the|our)
        \s+company's\s+history)|\bthrough\s+the\s+roof|\bhuge\s+success
    |\b(?:highest|best|top)[- ]performing\s+team\s+in\s+the\s+(?:company|organi[sz]ation|business)
    |\b(?:speaks?|speak)\s+for\s+(?:itself|themselves)|\bresults\s+simply\s+follow
    |\b(?:problems?|conflicts?|issues?)\s+(?:simply\s+)?never\s+(?:happen|come\s+up|arise)
    |\bguaranteed?\s+to\s+(?:be\s+right|work|succeed|deliver|pay\s+off)
    |\b(?:is|are)\s+always\s+(?:better|best|right|the\s+answer)
    |\bnever\s+need\s+to\s+(?:test|measure|check|worry)
    |\bevery\s+(?:\w+\s+){0,5}(?:has\s+been|was)\s+a\s+(?:huge\s+)?success
    |\bscal\w*\s+(?:infinitely|to\s+any\s+(?:size|load))|\b(?:instantly|automatically)\s+(?:fix|solv)\w*
    |\balways\s+(?:guarantees?|resolves?|fixes|solves|works\s+out|pays\s+off)
    |\b(?:is|are|was)\s+guaranteed\b|\buniversally\b
    |\b(?:solves?|works?|fixes|succeeds?)\s+(?:\w+\s+){0,3}every\s+(?:single\s+)?time\b
    |\bno\s+(?:incidents?|failures?|outages?|bugs?|errors?|problems?)\s+(?:ever|at\s+all|whatsoever)
    |\bno\s+failure\s+modes|\b(?:research|science|studies)\s+(?:proves?|has\s+proven)""",
    _IX,
)

BUZZWORDS = re.compile(
    r"""\b(?:synerg\w*|leverag\w*|paradigm\w*|cutting[- ]edge|bleeding[- ]edge|best[- ]in[- ]class
    |world[- ]class|game[- ]chang\w*|disrupt\w*|holistic\w*|seamless\w*|next[- ]gen\w*
    |revolutionar\w*|revolutioni[sz]\w*|transformational|transformative|mission[- ]critical
    |value[- ]add\w*|thought[- ]leader\w*|move\s+the\s+needle|low[- ]hanging\s+fruit|rock\s?stars?
    |ninjas?|10x|state[- ]of[- ]the[- ]art|visionary|cloud[- ]native|ai[- ](?:powered|driven|first)
    |hyper[- ]?(?:scal\w*|growth|automat\w*|personali[sz]\w*)|empower\w*|unlock\w*|supercharg\w*
    |turbocharg\w*|future[- ]proof\w*|innovative|strategically|spearhead\w*
    |north\s+star|growth[- ]hack\w*|blue[- ]sky|exponential\w*|frictionless|bleeding|impactful
    |agile\s+mindset|big[- ]picture|outside\s+the\s+box|moonshots?)\b""",
    _IX,
)

# Words that say how or why: a claim followed by one of these has a mechanism.
MECHANISM = re.compile(
    r"""\b(?:because|so\s+that|by\s+\w+ing|which\s+means|which\s+meant|in\s+order\s+to|since
    |otherwise|that\s+way|so\s+we|so\s+I|through|using|via|first|then|after\s+that|finally
    |step|instead\s+of|rather\s+than|trade-?offs?|unless|until|measur\w*|compar\w*|check\w*
    |test\w*)\b""",
    _IX,
)
CLAIM = re.compile(
    r"""\b(?:improv\w*|increas\w*|boost\w*|optimi[sz]\w*|ensur\w*|deliver\w*|driv\w*|maximi[sz]\w*
    |enhanc\w*|accelerat\w*|transform\w*|solv\w*|fix(?:es|ed|ing)?|eliminat\w*|revolutioni[sz]\w*|grow\w*
    |scal(?:e|es|ed|ing|able)|guarantee\w*|doubl\w*|tripl\w*)\b""",
    _IX,
)
# Hinglish reasons ("kyunki") and absolutes ("kabhi fail nahi hota"); the absolutes are read only
# in text with Hindi words (`_absolutes`), so English answers pay nothing for them
MECHANISM = _hi.joined(MECHANISM, _hi.REASON)
HINGLISH_ABSOLUTES = re.compile(_hi.ABSOLUTES, re.IGNORECASE)
BUZZ_SENTENCE = 2  # buzzwords that make one sentence jargon rather than an explanation
BUZZ_DENSE = 3  # buzzwords per 100 words past which jargon stands in for substance


@dataclass(frozen=True)
class Bluff:
    """The bluff markers of one answer."""

    absolutes: tuple[str, ...]  # "guarantees 100% uptime", "never fails"
    buzzwords: tuple[str, ...]  # "synergy", "cutting-edge"
    unsupported: int  # sentences that claim a benefit and say nothing of how or why
    words: int

    @property
    def buzz_density(self) -> float:
        """Buzzwords per 100 words."""
        return 100 * len(self.buzzwords) / max(1, self.words)

    @property
    def jargon(self) -> bool:
        """Buzzwords dense enough to stand in for the answer."""
        return len(self.buzzwords) >= 3 and self.buzz_density >= BUZZ_DENSE

    @property
    def any(self) -> bool:
        return bool(self.absolutes) or self.jargon or self.unsupported >= 2


def bluff_markers(text: str) -> Bluff:
    """Absolutes, buzzwords and mechanism-free claims in `text`."""
    absolutes = tuple(_said(m.group(0)) for m in _absolutes(text))
    buzz = tuple(_said(m.group(0)) for m in BUZZWORDS.finditer(text))
    unsupported = sum(1 for s in split_sentences(text)
                      if CLAIM.search(s) and not MECHANISM.search(s) and not re.search(r"\d", s))
    return Bluff(absolutes=absolutes, buzzwords=buzz, unsupported=unsupported,
                 words=len(tokens(text)))


def is_bluff_sentence(sentence: str) -> bool:
    """A sentence that overclaims or is mostly jargon: it explains nothing, whatever it names."""
    return any(_absolutes(sentence)) or len(BUZZWORDS.findall(sentence)) >= BUZZ_SENTENCE


def without_bluff(text: str) -> str:
    """The text with absolutes removed: '100% uptime' or '10x' is not a measured result."""
    text = ABSOLUTES.sub(" ", text)
    if _hi.hindi_words(text):
        text = HINGLISH_ABSOLUTES.sub(" ", text)
    return BUZZWORDS.sub(" ", text)


def _absolutes(text: str) -> list[re.Match[str]]:
    """The absolutes in `text`, English and (when it has Hindi words) Hinglish, less a team's
    track record over a stated scope (`is_track_record`)."""
    found = [m for m in ABSOLUTES.finditer(text) if not is_track_record(text, m)]
    if _hi.hindi_words(text):
        found.extend(HINGLISH_ABSOLUTES.finditer(text))
    return found


# A team's record, in the past tense, over a scope someone can check ("we never missed a curtain
# up in 212 performances", "the crew had zero incidents in 14 months"): a hiring manager asks
# about it rather than discounting it. Without a scope ("we never miss", "we never had a single
# complaint") it is a boast; about oneself ("I never made a mistake in ten years") it is
# self-perfection, which no period makes credible.
TEAM_SUBJECT = re.compile(
    r"""\b(?:we|our\s+(?:[\w-]+\s+){0,2}(?:team|crew|cast|company|shift|ward|site|unit|department
    |squad|side|store|kitchen|office|staff)|the\s+(?:[\w-]+\s+){0,2}(?:team|crew|cast|company
    |shift|ward|site|unit|department|squad|store|kitchen|office|staff))\s+(?:had\s+|has\s+had\s+)?$""",
    _IX,
)
PAST_RECORD = re.compile(r"^(?:never\s+(?:ever\s+)?(?:missed|lost|failed|broke|went|had|leaked)"
                         r"|zero\b|no\b)", re.IGNORECASE)
SCOPE = re.compile(
    r"""\b(?:in|over|across|during|for|throughout)\s+(?:the\s+|that\s+|those\s+|our\s+|all\s+|its\s+)?
    (?:whole\s+|entire\s+|first\s+|last\s+)?(?:\d[\d,]*|one|two|three|four|five|six|seven|eight
    |nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|a\s+hundred)?[\s-]*
    (?:[\w-]+\s+)?(?:performances?|shows?|nights?|shifts?|days?|weeks?|months?|years?|seasons?
    |runs?|tours?|sailings?|voyages?|flights?|deliveries|matches|games|projects?|contracts?
    |quarters?|terms?|sprints?|releases?|launches|events?|services)\b
    |\b\d[\d,]*[\s-]+(?:[\w-]+\s+)?(?:performances|shows|nights|shifts|days|weeks|months|years
    |seasons|sailings|voyages|flights|deliveries|events|services)\b""",
    _IX,
)
SELF = re.compile(r"\b(?:mistakes?|errors?)\b", re.IGNORECASE)


def is_track_record(text: str, match: re.Match[str]) -> bool:
    """True when the absolute `match` is a team's past record over a stated scope."""
    start = max(text.rfind(stop, 0, match.start()) for stop in ".!?\n") + 1
    ends = [i for i in (text.find(stop, match.end()) for stop in ".!?\n") if i >= 0]
    sentence = text[start:min(ends, default=len(text))]
    said = match.group(0)
    return bool(TEAM_SUBJECT.search(text[start:match.start()]) and PAST_RECORD.search(said)
                and SCOPE.search(sentence) and not SELF.search(said))


def _said(phrase: str) -> str:
    """A matched phrase as it is quoted back: lower case, single spaces, 'I' capital."""
    return re.sub(r"\bi\b", "I", " ".join(phrase.lower().split()))
