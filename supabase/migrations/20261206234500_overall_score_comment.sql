-- The overall score is a weighted mean (estel.session.OVERALL_WEIGHTS), not the plain mean of
-- the three dimensions that the first migration's comment said. Comment only: no data changes.
comment on column public.interview_sessions.overall_score is
  'Final overall score, 0-10: weighted mean of the three scores (content 0.5, communication 0.25, confidence 0.25; estel.session.OVERALL_WEIGHTS).';
