import { z } from 'zod';
import { defineEndpoints } from '../api/endpoint';

/**
 * The pinyin input's /api contract: the on-screen keyboard sends the letters typed so far and gets
 * a page of phrase candidates. The dictionary (megabytes) stays in the backend; the renderer builds
 * its client from `pinyinEndpoints`. What is typed may be a name: it is never logged.
 */

/**
 * The longest run of letters looked up at once. A name or one part of an address is far shorter;
 * past it the citizen picks a candidate first (what is left stays typed), as with any input method.
 */
export const MAX_PINYIN_INPUT = 32;
/** Candidates a page: one row of large keys on the kiosk's screen. */
export const DEFAULT_CANDIDATE_PAGE = 8;
export const MAX_CANDIDATE_PAGE = 20;
/** Pages a citizen can turn: past the 50th no one is still looking. */
export const MAX_CANDIDATE_PAGES = 50;

export const pinyinInputSchema = z
  .string()
  .min(1, 'type at least one letter')
  .max(MAX_PINYIN_INPUT, `at most ${MAX_PINYIN_INPUT} letters at once: pick a candidate first`)
  .regex(/^[a-z][a-z']*$/, "lower-case pinyin letters a-z (ü as v) and ' between syllables only");

// POST /api/pinyin/candidates
export const candidatesRequestSchema = z.object({
  input: pinyinInputSchema,
  page: z
    .number()
    .int()
    .min(0)
    .max(MAX_CANDIDATE_PAGES - 1)
    .default(0),
  pageSize: z.number().int().min(1).max(MAX_CANDIDATE_PAGE).default(DEFAULT_CANDIDATE_PAGE),
});
export type CandidatesRequest = z.input<typeof candidatesRequestSchema>;

export const pinyinCandidateSchema = z.object({
  text: z.string(),
  /** How many of the typed characters the candidate stands for: the rest stays typed. */
  consumed: z.number().int().min(1),
});
export type PinyinCandidate = z.infer<typeof pinyinCandidateSchema>;

export const candidatesResponseSchema = z.object({
  ok: z.literal(true),
  page: z.number().int(),
  candidates: z.array(pinyinCandidateSchema),
  hasMore: z.boolean(),
});

export const pinyinEndpoints = defineEndpoints({
  /**
   * A keyboard with a pinyin tab opened: read the dictionary now, so it is ready by the first
   * letter. Answers at once; reading goes on after.
   */
  warm: { method: 'POST', path: '/api/pinyin/warm', response: z.object({ ok: z.literal(true) }) },
  candidates: {
    method: 'POST',
    path: '/api/pinyin/candidates',
    body: candidatesRequestSchema,
    response: candidatesResponseSchema,
  },
});
