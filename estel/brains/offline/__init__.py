"""The offline interviewer: a question bank, role matching, follow-ups and rule-based feedback."""
