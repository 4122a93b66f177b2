// Optional extensions of the seed's request (docs/contract.ts is the seed's contract.ts,
// unchanged). Each one is an optional field of `context`: a request without any of them is
// exactly the seed's InterviewRequest, and every response stays the seed's
// EstelInterviewEnvelope. tests/core/test_contract_typescript.py compiles real requests with
// extensions against ExtendedInterviewRequest, and seed-only requests against InterviewRequest.
// The Python side is estel/contract.py (length) and estel/extensions.py (profile); the JSON
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

/** Every optional extension of `context`. */
export type InterviewContextExtensions = {
  length?: AdaptiveLength;
  profile?: CandidateProfile;
};

export type ExtendedInterviewRequest = Omit<InterviewRequest, 'context'> & {
  context: InterviewRequest['context'] & InterviewContextExtensions;
};
