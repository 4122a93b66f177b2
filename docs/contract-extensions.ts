// Optional extensions of the seed's request (docs/contract.ts is the seed's contract.ts,
// unchanged). Each one is an optional field of `context`: a request without any of them is
// exactly the seed's InterviewRequest, and every response stays the seed's
// EstelInterviewEnvelope. tests/core/test_contract_typescript.py compiles real requests with
// extensions against ExtendedInterviewRequest, and seed-only requests against InterviewRequest.
// The Python side is estel/contract.py (length) and estel/extensions.py (profile, answer); the JSON
// Schema is printed by `python -m estel schema`.
//
// Add an extension: a type below and one optional field on InterviewContextExtensions.
import type { InterviewRequest } from "./contract";

/** `context.length`: "let the interviewer decide" how many questions (docs/adaptive-length.md).
 * The interview has between min_questions and meta.questions_target questions; the service
 * keeps the bounds from the first turn (a later turn may repeat them or leave them out). */
export type AdaptiveLength = {
  mode: 'adaptive';
  min_questions: number; // 4..20, and at most meta.questions_target
};

/** `context.profile`: the candidate's job description and résumé as text (docs/profile.md).
 * Read on the first turn and kept with the session; later turns may omit it. */
export type CandidateProfile = {
  job_description?: string; // at most 20,000 characters
  resume_text?: string; // at most 30,000 characters
};

/** `context.answer.spoken`: the recording of a spoken answer, as the client measured it. The
 * server counts the words, fillers and words per minute on the answer text itself. */
export type SpokenAnswer = {
  recording_seconds: number; // > 0, at most 3,600
  speaking_seconds?: number; // of which talking; at most recording_seconds
  long_pauses?: number[]; // seconds of each silence of 2 s or more; at most 100, summing to at most recording_seconds
};

/** `context.answer`: how the candidate gave this turn's answer (answer turns only). Kept with
 * the answer for the candidate's own report (time against the timer, spoken delivery); no score
 * reads it. */
export type AnswerDelivery = {
  seconds?: number; // from the question being shown to the answer sent, 0..86,400
  limit_seconds?: number; // the answer timer's limit, a whole number of seconds 1..86,400
  spoken?: SpokenAnswer; // present when the answer was spoken
};

/** Every optional extension of `context`. */
export type InterviewContextExtensions = {
  length?: AdaptiveLength;
  profile?: CandidateProfile;
  answer?: AnswerDelivery;
};

export type ExtendedInterviewRequest = Omit<InterviewRequest, 'context'> & {
  context: InterviewRequest['context'] & InterviewContextExtensions;
};
