import type { z } from 'zod';
import type { Applicant, materialSubmissionSchema, SubmitCaseRequest } from '../../../central/cases/contract';
import type { CommitmentSignature } from '../../../central/cases/signature-contract';

/** Outbox kind of a case submission; its handler is case-submit-handler.ts. */
export const CASE_SUBMIT_KIND = 'case-submit';

export type MaterialSubmission = z.infer<typeof materialSubmissionSchema>;

/** What the outbox row carries in clear: the submission without the applicant, the citizen and the signature. */
export type CaseSubmitPayload = Omit<SubmitCaseRequest, 'applicant' | 'citizenRef' | 'signature'>;

/**
 * What it carries sealed (AES-256-GCM, bound to the row): the applicant's personal data and the
 * keyed digest of the ID number, which gives the ID number back (too little entropy to hide it).
 */
export interface CaseSubmitPersonal {
  applicant: Applicant;
  citizenRef: string;
  /** The drawn signature of the commitments with the wording it is bound to; purged with the rest. */
  signature?: CommitmentSignature;
}
