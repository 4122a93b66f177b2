"""Who the candidate interviews as: the experience band, and the family of a free-text title.

Pure and shared by every brain: `bands` maps an experience level (and title seniority words) to
entry/mid/senior/lead; `titles` resolves a typed title to a question-bank family with a
confidence. The offline brain picks and phrases questions from them; the OpenAI prompt quotes
them.
"""
