"""Answers in Hinglish and English with the same substance, good and weak, for bank questions.

Written before the Hinglish lexicon was tuned, as candidates in an Indian office would answer:
technical terms in English, the grammar around them in romanised Hindi. Each case has a good and
a weak answer in each language; the good ones say the same things, the weak ones hedge and fill.
"""

from __future__ import annotations

CASES: dict[str, dict[str, str]] = {
    "swe-tech-mid-01": {
        "en_good": (
            "This is the N+1 pattern: the endpoint runs one query for the orders and then one "
            "query per order in a loop, because the customer relation is lazy loaded. First I "
            "would confirm it with the query log and a profiler. Then I would fetch the related "
            "rows in a single query, with a join or an eager prefetch using where id in the list "
            "of order ids. That takes it from 101 queries to 2. I would add a test that asserts "
            "the query count, so it cannot come back, and measure latency before and after. If "
            "it is still slow, I would check the index on the foreign key and add pagination "
            "with a limit."),
        "hi_good": (
            "Yeh N+1 pattern hai: endpoint pehle orders ke liye ek query chalata hai aur phir "
            "loop mein har order ke liye ek query, kyunki customer relation lazy load ho raha "
            "hai. Pehle main query log aur profiler se confirm karunga. Phir related rows ek "
            "single query mein laaunga, join ya eager prefetch se, where id in order ids ki list "
            "ke saath. Isse 101 queries se 2 ho jaati hain. Main ek test add karunga jo query "
            "count assert kare, taaki yeh wapas na aaye, aur latency before and after measure "
            "karunga. Agar phir bhi slow ho, toh foreign key par index check karunga aur limit "
            "ke saath pagination add karunga."),
        "en_weak": (
            "Um, I think maybe the database is slow? I guess I would probably add a cache or "
            "something, and maybe upgrade the database. I'm not really sure, it kind of depends."),
        "hi_weak": (
            "Matlab, mujhe lagta hai database slow hai shayad. Basically main cache add kar "
            "dunga ya kuch aisa, aur database upgrade kar denge. Pata nahi, actually depend "
            "karta hai."),
    },
    "swe-tech-mid-02": {
        "en_good": (
            "First I would set an explicit timeout of a few seconds, shorter than our own "
            "request deadline. Then I would retry with exponential backoff and jitter, capped at "
            "three max attempts. To avoid charging twice, every charge sends an idempotency key, "
            "and on a retry we send the same key so the provider dedups it and charges once. If "
            "the outcome is unknown after a timeout, the order stays pending and we query the "
            "status or wait for the webhook, and a nightly job reconciles our records with the "
            "provider. Finally a circuit breaker fails fast when the provider is down, so "
            "checkout threads do not pile up."),
        "hi_good": (
            "Pehle main explicit timeout set karunga, kuch seconds ka, jo hamare apne request "
            "deadline se shorter ho. Phir exponential backoff aur jitter ke saath retry "
            "karunga, teen max attempts par capped. Double charge se bachne ke liye har charge "
            "ke saath idempotency key jaati hai, aur retry par same key bhejte hain taaki "
            "provider dedup kare aur charge sirf once ho. Agar timeout ke baad outcome pata na "
            "ho, toh order pending rehta hai aur hum status query karte hain ya webhook ka wait "
            "karte hain, aur ek nightly job hamare records ko provider ke saath reconcile karti "
            "hai. Aakhir mein circuit breaker fail fast karta hai jab provider down ho, taaki "
            "checkout threads pile up na hon."),
        "en_weak": (
            "Basically I would just retry the payment until it succeeds, I guess. A timeout "
            "probably means the payment failed, so retrying is kind of fine. Maybe add logs."),
        "hi_weak": (
            "Basically main payment ko retry karunga jab tak chal na jaaye, shayad. Timeout ka "
            "matlab hai payment fail ho gaya, toh retry theek hai mujhe lagta hai. Yaani logs "
            "bhi add kar sakte hain."),
    },
    "gen-tech-entry-01": {
        "en_good": (
            "First I would look at the impact of each request: what happens if it waits a day, "
            "whether it blocks someone else, and which has a real deadline or a customer "
            "waiting. Then I would check with my manager to confirm the order, because in my "
            "first month I may not know what matters most. I would pick the two with the "
            "biggest consequence and finish those properly. For the other two, I would let "
            "them know today, say realistically when I can do it, for example by tomorrow "
            "noon, and ask if anything is needed sooner instead of staying silent."),
        "hi_good": (
            "Pehle main har request ka impact dekhunga: agar yeh ek din wait kare toh kya hoga, "
            "kya yeh kisi aur ko blocks karta hai, aur kiska real deadline hai ya customer wait "
            "kar raha hai. Phir main apne manager se check karke order confirm karunga, kyunki "
            "pehle mahine mein main abhi seekh raha hoon ki sabse zaroori kya hai. Jin do ka "
            "consequence sabse bada hai, unhe main properly finish karunga. Baaki do ke liye "
            "main unhe aaj hi let them know karunga, realistic time bataunga, jaise by tomorrow "
            "dopahar tak, aur poochhunga ki kuch jaldi chahiye toh, chup rehne ke bajaye."),
        "en_weak": (
            "I think I would kind of just do them all anyway by staying late, maybe. I'm not "
            "sure, whoever asked first I guess."),
        "hi_weak": (
            "Mujhe lagta hai main sab kar dunga, matlab late tak ruk ke shayad. Pata nahi, jisne "
            "pehle bola uska pehle, yaani basically aisa hi."),
    },
    "swe-beh-mid-03": {
        "en_good": (
            "Last year our checkout error rate jumped to 12% after a release, and I was paged "
            "within five minutes. I took the incident lead role: I opened a channel, assigned "
            "one engineer to investigate and one to communicate, and I decided to roll back "
            "first rather than debug in production. We rolled back in eight minutes and the "
            "error rate went back to normal. I posted a status update every fifteen minutes for "
            "the support team and stakeholders. Afterwards I ran a blameless postmortem; the "
            "root cause was a missing config flag, and we added a canary step and an action "
            "item for config validation, which I followed up until it shipped. I learned to "
            "keep roles clear from the first minute."),
        "hi_good": (
            "Pichhle saal ek release ke baad hamara checkout error rate 12% tak chala gaya, aur "
            "mujhe paanch minute mein paged kiya gaya. Maine incident lead ka role liya: maine "
            "ek channel khola, ek engineer ko investigate karne aur ek ko communicate karne ke "
            "liye assigned kiya, aur maine decide kiya ki production mein debug karne ke bajaye "
            "pehle roll back karenge. Humne aath minute mein rolled back kiya aur error rate "
            "normal ho gaya. Main har pandrah minute mein support team aur stakeholders ke liye "
            "status update posted karta raha. Uske baad maine blameless postmortem chalaya; "
            "root cause ek missing config flag tha, aur we added canary step aur config "
            "validation ka action item, jise maine ship hone tak followed up kiya. Maine seekha "
            "ki pehle minute se roles clear rakhne chahiye."),
        "en_weak": (
            "There was an incident once, I think. We kind of fixed it, I guess the team did most "
            "of it. I don't really remember what changed afterwards, maybe some alerts."),
        "hi_weak": (
            "Ek baar incident hua tha, mujhe lagta hai. Humne matlab kuch fix kiya, shayad team "
            "ne zyada kiya. Pata nahi baad mein kya change hua, yaani basically kuch alerts."),
    },
    "ds-tech-entry-01": {
        "en_good": (
            "That gap means the model is overfitting: it has memorised noise in the training "
            "data and doesn't generalise. First I would check the split is clean, with no "
            "leakage. Then I would regularise it, for example a lower max depth for trees or L2 "
            "for a linear model, or try a simpler model with fewer features. More examples or "
            "better feature work would help too. I would tune on a validation set with "
            "cross-validation and touch the test set only once at the end, because tuning on it "
            "makes the 71% optimistic."),
        "hi_good": (
            "Yeh gap dikhata hai ki model overfitting kar raha hai: usne training data ka noise "
            "memorised kar liya hai aur doesn't generalise. Pehle main check karunga ki split "
            "clean hai, koi leakage nahi. Phir main use regularise karunga, jaise trees ke liye "
            "kam max depth ya linear model ke liye L2, ya fewer features ke saath simpler model "
            "try karunga. More examples ya better feature kaam bhi help karega. Main validation "
            "set par cross-validation ke saath tune karunga aur test set ko end mein only once "
            "chhoonga, kyunki us par tune karne se 71% optimistic ho jaata hai."),
        "en_weak": (
            "I guess 98% training accuracy means the model is good, so it's probably fine. Maybe "
            "the test data is kind of weird. I would tune the model on the test set, I think."),
        "hi_weak": (
            "Matlab 98% training accuracy means the model is good, toh shayad theek hai. Test "
            "data thoda weird hai mujhe lagta hai. Basically main model ko test set par tune "
            "kar dunga, pata nahi."),
    },
}

# A whole software-engineering interview answered in Hinglish (eight questions), for the end to
# end runs: each answer has substance whatever question it meets.
INTERVIEW = [
    "Main pichhle chaar saal se backend engineer hoon, abhi ek fintech company mein payments "
    "team mein kaam karta hoon. Maine college mein C seekha, phir internship mein pehla real "
    "project banaya. Mujhe yeh kaam pasand hai kyunki systems ko reliable banana mujhe maza "
    "deta hai, aur yeh role mere next step ke liye sahi hai.",
    "Pichhle saal hamari team ke paas release ke baad ek bada incident aaya. Maine lead kiya: "
    "pehle maine rollback decide kiya, phir root cause dhoondha. Result yeh aaya ki error rate "
    "10 minute mein normal ho gaya aur humne ek canary step add kiya. Maine seekha ki roles "
    "pehle se clear hone chahiye.",
    "Ek baar ek teammate ek flaky test par atka hua tha. Maine uske saath pair kiya, pehle logs "
    "dekhe, phir race condition pakdi. Maine khud fix nahi kiya, use guide kiya. Isse woh do din "
    "mein unblock ho gaya aur baad mein usne team ke liye ek doc likha.",
    "Mere last project mein product manager ek date chahte the jo mujhe risky lagi. Maine do "
    "options rakhe: scope kam karna ya do hafte aur. Maine data ke saath case banaya kyunki "
    "tests ke bina release karna risky tha. End mein humne scope kam kiya aur on time ship kiya.",
    "Pehle main problem ko reproduce karunga aur metrics dekhunga, phir hypothesis banaunga. "
    "Uske baad main ek fix try karunga, test karunga, aur before and after latency measure "
    "karunga. Trade-off yeh hai ki jaldi fix aur sahi fix mein balance rakhna padta hai.",
    "Main pehle requirements clear karunga, phir design ke do options compare karunga, kyunki "
    "har option ka cost alag hota hai. Main ek chhota prototype banaunga, load test karunga, "
    "aur monitoring add karunga taaki production mein pata chale ki kaam kar raha hai.",
    "Pehle main current system ko measure karunga, phir sabse bada bottleneck fix karunga. "
    "Main tests add karunga taaki regression na ho, aur rollout dheere-dheere karunga. Agar "
    "error rate badhta hai toh rollback karunga.",
    "Main jaanna chahunga ki aapki team code review kaise karti hai aur on-call kaise chalta hai, "
    "kyunki isse mujhe samajh aayega ki pehle 90 din mein main kaise contribute kar sakta hoon.",
]

# A confident Hinglish bluffer (absolutes, wrong claims said as facts) and a plain correct answer
# to the same bank question, for four families (tests/offline/test_hinglish_judgement.py and
# bench/hinglish.py): the plain answer must score clearly higher.
BLUFF_VS_PLAIN = {
    "swe-tech-mid-01": (
        "Simple hai, database slow hai toh bas redis cache laga denge, cache se response hamesha "
        "fast hota hai, phir kabhi slow nahi hoga. Zarurat padi toh database ko upgrade kar "
        "denge, yeh 100% guaranteed fix hai, isme koi risk nahi hai.",
        "101 queries ka matlab hai ki har order ke liye alag se customer ki query chal rahi hai, "
        "yeh N+1 problem hai. Main pehle query log se confirm karunga. Phir orders aur customers "
        "ek join ya prefetch se ek saath laaunga, taaki do queries mein kaam ho jaaye. Uske baad "
        "query count aur latency dobara measure karunga."),
    "ds-tech-entry-01": (
        "98% training accuracy ka matlab hai model bahut accha hai. Test set pe hyperparameters "
        "tune kar lenge, deep learning se accuracy hamesha badh jaati hai, isme koi risk nahi "
        "hai aur model kabhi fail nahi hoga.",
        "Training pe 98 aur test pe 71 ka gap overfitting dikhata hai, model training data yaad "
        "kar raha hai. Main pehle cross-validation aur ek simple baseline se check karunga. Phir "
        "regularisation badhaunga ya tree depth kam karunga, aur ho sake toh zyada data "
        "laaunga. Test set sirf end mein ek baar use karunga."),
    "pm-tech-mid-02": (
        "Sabse bada customer hai toh jo woh maange hum hamesha build karte hain, isme koi "
        "trade-off nahi hota. Roadmap change karna koi problem nahi hai, aur customer hamesha "
        "sahi hota hai, yeh 100% guaranteed strategy hai.",
        "Pehle main customer se baat karke samjhunga ki unki asli zaroorat kya hai. Phir "
        "dekhunga ki kya yeh doosre customers ke kaam aayega. Do options banaunga: ek general "
        "version jo roadmap mein fit ho, ya ek chhota workaround. Leadership ke saath revenue "
        "risk aur roadmap cost compare karke decide karenge."),
    "gen-tech-entry-02": (
        "Mujhe apna kaam check karne ki zaroorat nahi padti, mere kaam mein kabhi galti nahi "
        "hoti. Main hamesha perfect kaam deta hoon, yeh 100 percent guaranteed hai.",
        "Main requirement ko ek checklist bana ke har point match karta hoon. Phir ek sample pe "
        "test karta hoon ya kisi colleague se second look karwata hoon. Pichhle mahine isi check "
        "se ek invoice mein galat total pakda, jo client tak jaane se pehle theek ho gaya."),
}
