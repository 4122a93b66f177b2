"""Hinglish answers in Hindi word order (verb last, postpositions after their nouns, the light
verbs "kar lenge", "karenge", "kiya", "karna padega"), written for the wave-5 gloss work: per
bank question, a confidently wrong answer whose wrong claim is said that way, and a plain
correct answer in the same word order. bench/hinglish.py measures the gap; the wrong claims
are those the rubric's red flags name, the right ones what its talking points ask for.
"""

from __future__ import annotations

# question id -> (confident wrong answer, plain correct answer)
WORD_ORDER_BLUFF_VS_PLAIN: dict[str, tuple[str, str]] = {
    "ds-tech-entry-01": (
        "Yeh toh simple overfitting hai. Hum hyperparameters ko test set pe tune kar lenge, "
        "jab tak test accuracy 90 ke upar na aaye. Mere models hamesha aise hi theek ho jaate "
        "hain, koi risk nahi.",
        "Yeh overfitting lag raha hai: training pe 98 aur test pe 71. Pehle tree depth kam "
        "karenge aur regularisation add karenge, phir hyperparameters cross-validation se "
        "tune karenge. Test set ko sirf end mein ek baar use karenge, aur split mein leakage "
        "bhi check karenge."),
    "ds-tech-entry-02": (
        "99.5% accuracy bahut badiya hai. Phir bhi safe rehne ke liye test set ko bhi SMOTE se "
        "balance kar denge, taaki fraud cases zyada dikhe. Model kabhi fail nahi hoga.",
        "Accuracy yahan kuch nahi batati, kyunki sab ko not-fraud bolne wala model bhi 99.5 "
        "pe hoga. Main precision, recall aur PR-AUC dekhunga, threshold business cost ke hisaab "
        "se set karunga, aur resampling sirf training data pe karunga, test set real "
        "distribution pe rahega."),
    "be-tech-entry-02": (
        "Index ka koi cost nahi hota, toh hum har column pe index laga denge. Query hamesha "
        "fast chalegi, guaranteed.",
        "Pehle EXPLAIN se query plan dekhenge. Customer_id aur created_at pe ek composite "
        "index banayenge, kyunki filter aur sort dono usi order mein hain. Phir time dobara "
        "measure karenge; writes pe thoda cost aata hai, woh bhi check karenge."),
    "ba-tech-senior-01": (
        "Isme kuch complex nahi hai. Request aayi toh bas data ko main database se delete kar "
        "denge, legal ko involve karne ki zaroorat nahi padti.",
        "Pehle legal aur compliance ke saath regulation padhenge. Phir har system mein "
        "customer ka data map karenge: main database, backups, analytics warehouse aur "
        "third-party tools. Har jagah ke liye delete ya anonymise ka process likhenge aur "
        "30 din ki deadline track karenge."),
    "swe-tech-entry-01": (
        "CI mein aisa hota rehta hai. Main failing test ko pipeline mein disable kar dunga aur "
        "PR merge kar dunga, baad mein dekh lenge.",
        "Pehle CI ka log padhunga aur test ko local pe CI wale environment mein chalaunga. Phir "
        "differences dhundhunga: timezone, environment variables, test order aur shared state. "
        "Cause milne pe fix karunga aur test ko ek baar aur CI pe chala ke confirm karunga."),
    "be-tech-mid-02": (
        "Prices kam badalte hain, toh hum product details ko Redis mein forever cache kar "
        "denge. Cache hamesha up to date rahega, koi problem nahi.",
        "Redis mein product details ko short TTL ke saath cache karenge, jaise 60 second. "
        "Price change hone pe us product ki key ko invalidate karenge. Cache stampede se "
        "bachne ke liye request coalescing lagayenge, aur hit rate aur database load "
        "measure karenge."),
}
