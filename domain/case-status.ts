import { z } from 'zod';

/**
 * Where a case (办件) stands, from submission to pickup, and the staff actions that move it. The
 * central decides the transitions; the kiosk shows them to the citizen in plain words.
 */
export const caseStatuses = [
  'submitted',
  'pre-review-returned',
  'pre-review-passed',
  'accepted',
  'needs-correction',
  'not-accepted',
  'routed',
  'approved',
  'rejected',
  'ready-for-pickup',
  'handed-out',
  'withdrawn',
  'terminated',
] as const;
export const caseStatusSchema = z.enum(caseStatuses);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

export const caseActions = [
  'pre-review-pass',
  'pre-review-return',
  'take-in',
  'request-correction',
  'not-accept',
  'route',
  'approve',
  'reject',
  'mark-ready',
  'hand-out',
  'withdraw',
  'terminate',
] as const;
export const caseActionSchema = z.enum(caseActions);
export type CaseAction = z.infer<typeof caseActionSchema>;

/** Timeline entries also record the submission and the automatic routing after intake. */
export const caseTimelineActionSchema = z.enum(['submit', 'auto-route', ...caseActions]);
export type CaseTimelineAction = z.infer<typeof caseTimelineActionSchema>;
