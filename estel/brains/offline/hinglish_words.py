"""The offline interviewer's own words in Hinglish: reactions, follow-ups, the follow-up hint.

Each table mirrors an English one (estel.brains.offline.reactions, follow_ups, brain) with the
same keys, the same number of wordings and the same placeholders, so the code that picks a
wording by the session's seed works unchanged (tests/offline/test_hinglish_words.py checks the
mirror). Written as a Bengaluru office speaks it: romanised, "aap" throughout, English terms as
people say them ("result", "trade-off"), never a word-by-word translation. The rubric points and
corrections spliced in ({point}, {correction}) stay in the bank's English.
"""

from __future__ import annotations

FOLLOW_UP_HINT = ("Ek real example lijiye. Step by step bataiye aapne kya kiya, aur end mein aisa "
                  "result dijiye jo measure ho sake.")
LAST_RESORT = ("Question {number}: apne {role} ke kaam ka ek aur hissa bataiye jis par aapko garv "
               "hai: aapne kya kiya aur usse kya nikla.")

REACTIONS: dict[str, tuple[str, ...]] = {
    "not_an_answer": (
        "Yeh sawaal ka jawaab nahi tha, toh chaliye aage badhte hain.",
        "Ise answer ki tarah score nahi kiya ja sakta, toh agla sawaal try karte hain.",
        "Chaliye, ise yahin chhodte hain aur aage badhte hain.",
    ),
    "missed_ask": (
        "Aapne yeh achhe se bataya ('{told}'), lekin sawaal {topic} ke baare mein tha, toh yeh "
        "story us sawaal ka jawaab nahi deti.",
        "Story saaf thi ('{told}'), lekin main {topic} ke baare mein pooch raha tha, aur yeh "
        "story kisi aur baat ke baare mein hai.",
    ),
    "missed_ask_plain": (
        "Aapne yeh achhe se bataya, lekin sawaal {topic} ke baare mein tha, toh yeh story us "
        "sawaal ka jawaab nahi deti.",
    ),
    "off_topic": (
        "Yeh sawaal se alag kisi aur cheez ke baare mein tha, toh chaliye aage badhte hain.",
        "Isme woh baat nahi aayi jo maine poochhi thi; chaliye ek aur sawaal lete hain.",
    ),
    "repeated": (
        "Yeh wahi answer hai jo aap pehle de chuke hain, isse kuch naya pata nahi chala; chaliye "
        "aage badhte hain.",
        "Yeh answer is interview mein pehle aa chuka hai; chaliye ek naya try karte hain.",
    ),
    "injected": (
        "Us answer mein jo instructions thi, unhe side mein rakh diya hai; sirf answer hi count "
        "hota hai.",
    ),
    "wrong": (
        "Us answer se ek cheez check kar lijiye: {correction}.",
        "Pichhle answer par ek correction: {correction}.",
    ),
    "overclaim": (
        "Yeh kaafi bada claim hai ('{claim}'); isse behtar bataiye ki aapne actually kya kiya aur "
        "kaise pata chala ki kaam hua.",
        "'{claim}' ke peeche evidence chahiye: aapne actually kya kiya, aur kaise dikha ki kaam "
        "hua?",
    ),
    "praise_point": (
        "Badhiya, yeh aapne clearly samjhaya: {point}.",
        "Thank you, solid answer tha, khaaskar is point par: {point}.",
        "Yeh achha tha; is point ko aapne substance ke saath cover kiya: {point}.",
    ),
    "praise_numbers": (
        "Thank you, numbers se answer kaafi concrete ho gaya.",
        "Achha answer, aur numbers ne use aur strong bana diya.",
    ),
    "praise_result": (
        "Thank you, clear story thi aur result tak pahunchi.",
        "Badhiya, aap story ko poora result tak le gaye.",
    ),
    "praise_plain": (
        "Thank you, yeh clear answer tha.",
        "Badhiya, sawaal ka achha jawaab diya aapne.",
    ),
    "missing_point": (
        "Theek hai; ek strong answer mein yeh bhi hota: {point}.",
        "Achha. Ek point mujhe sunne ko nahi mila: {point}.",
        "Thank you; agli baar yeh bhi cover kijiye: {point}.",
    ),
    "named_point": (
        "Theek hai; aapne yeh mention kiya par kaise aur kyun nahi bataya: {point}.",
        "Achha. Aapne iska naam liya, par how aur why ke bina: {point}.",
    ),
    "missing_result": (
        "Theek hai; story ka end kya hua, woh sunne ko nahi mila, toh result yaad rakhiye.",
        "Achha. Story result se pehle ruk gayi; agli baar woh zaroor add kijiye.",
    ),
    "missing_example": (
        "Theek hai; answer general raha, ek concrete example se kaafi madad milti.",
        "Achha. Ek specific example se yeh answer aur strong hota.",
    ),
    "brief": (
        "Theek hai; answer chhota tha, toh is agle sawaal par aaram se detail mein bataiye.",
        "Achha. Woh short tha; is baar explain karne ke liye poora time lijiye.",
    ),
}

QUOTE_TEMPLATES: dict[str, tuple[str, ...]] = {
    "behavioural": (
        "Aapne kaha '{quote}'. Exactly aapne kya kiya, step by step, aur aapko kaise pata chala ki "
        "woh kaam kar gaya?",
        "'{quote}' par thoda aur deep chalte hain: us situation mein aapka apna part kya tha, aur "
        "uske result mein kya badla?",
        "Aapne bola '{quote}'. Ek specific moment par le chaliye: situation kya thi, aapne kya "
        "kiya, aur outcome kya raha?",
        "'{quote}' ke baare mein aur bataiye: sabse mushkil hissa kya tha, aur aapne use kaise "
        "handle kiya?",
        "'{quote}' wali baat par: aur kaun-kaun involved tha, aapne khud kya decide kiya, aur "
        "usse kya nikla?",
    ),
    "technical": (
        "Aapne kaha '{quote}'. Aap exactly yeh kaise karenge, aur kis trade-off par nazar "
        "rakhenge?",
        "'{quote}' par thoda aur deep chalte hain: steps bataiye, aur aap kaise check karenge ki "
        "yeh kaam kar gaya?",
        "Aapne bola '{quote}'. Is approach mein kya galat ho sakta hai, aur agar hua toh aap "
        "sabse pehle kya karenge?",
        "'{quote}' wali baat par: shuru karne se pehle aapko kya jaanna hoga, aur success ko aap "
        "kaise measure karenge?",
    ),
}
TOPIC_TEMPLATES: dict[str, tuple[str, ...]] = {
    "behavioural": (
        "{topic} par aapka answer thoda chhota tha. Ek concrete example dijiye: aapne kya kiya, "
        "aur uska result kya hua?",
        "Chaliye {topic} par thodi der aur rukte hain. Apne kaam se ek specific example bataiye, "
        "aur outcome kya raha?",
        "{topic} ke baare mein thoda aur sunte hain. Ek real situation lijiye: kya daav par "
        "tha, aapne kya kiya, aur end mein kya hua?",
    ),
    "technical": (
        "Chaliye {topic} par thodi der aur rukte hain. Aap ise step by step kaise approach "
        "karenge, aur kaise pata chalega ki yeh kaam kar gaya?",
        "{topic} ke baare mein thoda aur sunte hain. Aap sabse pehle kya karenge, aur kis "
        "trade-off ko sabse dhyaan se tolenge?",
        "{topic} par hi rehte hain: aap kaunsa approach lenge, wahi kyun, aur use check karne "
        "ke liye kya measure karenge?",
    ),
}
