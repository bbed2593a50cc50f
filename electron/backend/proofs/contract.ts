import { z } from 'zod';
import { localizedTextSchema } from '../api/contract';
import { defineEndpoints } from '../api/endpoint';

/**
 * The /api contract of certificates printed at once (即办可打印 证明): the items this hall prints on
 * the spot, and printing one for the card holder on the A4 printer, with the job followed to the
 * end. Pure zod: the renderer builds its client from `proofEndpoints`.
 */

/** The A4 printer's states as the screen words them (`proofs.printer.<state>`). */
export const a4PrinterStateSchema = z.enum([
  'ready',
  'paper-near-end',
  'toner-low',
  'paper-out',
  'toner-out',
  'jam',
  'cover-open',
  'offline',
  'disconnected',
  'error',
  /** The terminal has no A4 printer configured. */
  'none',
]);
export type A4PrinterStateName = z.infer<typeof a4PrinterStateSchema>;

export const printableProofSchema = z.object({
  itemCode: z.string(),
  name: localizedTextSchema,
  departmentName: z.string(),
});
export type PrintableProof = z.infer<typeof printableProofSchema>;

export const proofItemsResponseSchema = z.object({
  ok: z.literal(true),
  items: z.array(printableProofSchema),
  /** Whether the printer can print now; the screen says what is wrong before the citizen chooses. */
  printer: a4PrinterStateSchema,
});

export const printProofRequestSchema = z.object({ itemCode: z.string().regex(/^[A-Z]{2}\d{8}$/) });

/** Where a print stands, for the screen's progress line. */
export const proofJobPhaseSchema = z.enum([
  /** Asking the central for the certificate. */
  'preparing',
  /** Sent to the printer, waiting for it to start. */
  'sent',
  'printing',
  'done',
  /** The printer stopped (jam, paper, toner, cover, offline): see `printer`. */
  'printer-fault',
  /** Not printed for another reason: see the error's reason. */
  'failed',
]);

export const proofJobSchema = z.object({
  itemCode: z.string(),
  itemName: localizedTextSchema,
  phase: proofJobPhaseSchema,
  printer: a4PrinterStateSchema,
  /** Printed pages so far, as the printer reports them. */
  pagesDone: z.number().int().min(0),
});
export type ProofJob = z.infer<typeof proofJobSchema>;

export const proofJobResponseSchema = z.object({ ok: z.literal(true), job: proofJobSchema.nullable() });

/** What the citizen takes away: the masked name and the code anyone can check the paper by. */
export const printedProofSchema = z.object({
  itemName: localizedTextSchema,
  holderMaskedName: z.string(),
  verificationCode: z.string(),
  pages: z.number().int().min(1),
  /** A second tap after it came out printed nothing more. */
  alreadyPrinted: z.boolean(),
});

export const printProofResponseSchema = z.object({
  ok: z.literal(true),
  /** Printed, or stopped by the printer (nothing more printed: a retry finishes the same job). */
  outcome: z.enum(['printed', 'printer-fault']),
  printer: a4PrinterStateSchema,
  proof: printedProofSchema.nullable(),
});
export type PrintProofResponse = z.infer<typeof printProofResponseSchema>;

/** Reasons of refusals (in `error.reason`): the renderer shows `proofs.errors.<reason>`. */
export const proofReasonSchema = z.enum([
  /** The central cannot be reached: a certificate cannot be issued offline. */
  'needs-network',
  /** Not (or no longer) printable at once here: apply for it as a case. */
  'not-printable',
  /** The central could not draw the certificate; nothing was printed. */
  'render-failed',
  /** A declared identity (typed number, app QR) names no one: a certificate needs the card. */
  'needs-card',
  /** The terminal has no A4 printer. */
  'no-printer',
]);
export type ProofReason = z.infer<typeof proofReasonSchema>;

/** Developer control of the simulated A4 printer (only while every device is simulated). */
export const devA4PrinterStateRequestSchema = z.object({
  state: z.enum([
    'ready',
    'paper-out',
    'toner-out',
    'jam',
    'cover-open',
    'offline',
    'toner-low',
    'paper-near-end',
  ]),
  /** Jam the next job once it has started printing (a jam mid-job). */
  jamNextJob: z.boolean().default(false),
});
export const devA4OutputResponseSchema = z.object({
  ok: z.literal(true),
  jobs: z.array(z.object({ jobName: z.string(), bytes: z.number().int() })),
});

export const proofEndpoints = defineEndpoints({
  items: { method: 'GET', path: '/api/proofs/items', response: proofItemsResponseSchema },
  print: {
    method: 'POST',
    path: '/api/proofs/print',
    body: printProofRequestSchema,
    response: printProofResponseSchema,
  },
  job: { method: 'GET', path: '/api/proofs/job', response: proofJobResponseSchema },
});

export const developerA4PrinterEndpoints = defineEndpoints({
  setA4PrinterState: {
    method: 'POST',
    path: '/api/dev/a4-printer/state',
    body: devA4PrinterStateRequestSchema,
    response: z.object({ ok: z.literal(true) }),
    developer: true,
  },
  a4Output: {
    method: 'GET',
    path: '/api/dev/a4-printer/output',
    response: devA4OutputResponseSchema,
    developer: true,
  },
});
