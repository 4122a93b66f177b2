"""Ranking sanity: across roles, final scores order strong > average > vague >= off-topic, and
gibberish/injection below vague.

Run with `-s` to see the table of final scores.
"""

from __future__ import annotations

ROLES = ("Software Engineer", "Business Analyst", "Data Scientist", "Product Manager",
         "UX Designer", "Account Executive", "Customer Support Specialist", "Nurse")
ORDER = ("strong", "average", "vague", "off_topic", "gibberish", "injection")


def final_scores(engine, run, make_meta, persona, role):
    results = run(engine, make_meta(role, "standard", 8), persona)
    return results[-1].response.payload.scores


def test_final_scores_rank_personas(engine, run, make_meta, personas):
    table = {name: {role: final_scores(engine, run, make_meta, personas[name], role)
                    for role in ROLES} for name in ORDER}
    print("\nfinal overall (comm/content/conf) for an 8-question interview, standard difficulty")
    for name in ORDER:
        cells = [f"{s.overall:4.1f} ({s.communication}/{s.content}/{s.confidence})"
                 for s in table[name].values()]
        mean = sum(s.overall for s in table[name].values()) / len(ROLES)
        print(f"{name:10} mean {mean:4.1f} | " + " | ".join(cells))
    for role in ROLES:
        strong, average, vague = (table[n][role] for n in ("strong", "average", "vague"))
        assert strong.overall - vague.overall >= 3, role
        assert strong.overall > average.overall > vague.overall, role
        off_topic = table["off_topic"][role]
        assert off_topic.content == 0, role  # fluent, but about something else
        assert vague.overall >= off_topic.overall, role
        for junk in ("gibberish", "injection"):
            scores = table[junk][role]
            assert scores.content == 0, (junk, role)
            assert scores.overall <= 1.0, (junk, role)
            assert vague.overall > scores.overall, (junk, role)
