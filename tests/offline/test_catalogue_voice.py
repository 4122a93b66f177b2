"""What the candidate reads from the bank addresses them: topics and talking-point names are
shown as question tags, coach panels and feedback, so they say 'you', never 'they' for the
candidate (QA found 'Systems they have shaped', 'Their part', 'who they told')."""

from __future__ import annotations

import re

import pytest

from estel.brains.offline.bank import load_bank

# third person about the candidate: the forms the bank used before ('they have owned', 'their
# part'); 'their' about someone else (a patient's medicines, a client's goals) stays allowed
CANDIDATE_THIRD_PERSON = re.compile(
    r"\bthey (have|had|built|led|found|want|would|are proud|run|changed|learned|enjoy|"
    r"started|made|handled|improved|defended|drove|set|saw|noticed|prioritised)\b"
    r"|\btheir (part|own|role|approach|ownership|influence|specific|design|leadership|process)\b",
    re.IGNORECASE)


def test_topics_and_point_names_address_the_candidate():
    offending = [
        (family.family, text)
        for family in load_bank().values()
        for q in family.questions
        for text in (q.topic, *(p.point for p in q.talking_points))
        if CANDIDATE_THIRD_PERSON.search(text)
    ]
    assert offending == []


@pytest.mark.parametrize("role", ["Ship Captain", "Stage Manager", "Beekeeper", "Sommelier"])
def test_generic_questions_read_naturally_for_an_unusual_title(role):
    """'a team doing Ship Captain work' is stiff: the generic family names the role as a person
    ('as a Ship Captain'), never as a kind of work."""
    from estel.brains.offline.selection import fill_role
    for q in load_bank()["generic"].questions:
        text = fill_role(q.question, role)
        assert f"{role} work" not in text, text
