import { z } from 'zod';
import { defineEndpoints } from '../api/endpoint';

/**
 * Handwriting recognition's /api contract: the strokes a citizen drew on the keyboard's pad, in the
 * pad's own square box, and the characters they most likely meant. Pure zod: the renderer builds its
 * client from `handwritingEndpoints`. The strokes are not personal data by themselves, but the pad
 * may be used to write a name, so nothing of a request is logged or kept.
 */

/** The pad's square box: every coordinate lies in 0..BOX. */
export const HANDWRITING_BOX = 1024;
/** More strokes than any common character has (the most in 常用字 is around 30). */
export const MAX_STROKES = 40;
/** Points per stroke, after the pad's own thinning: a slow, long stroke stays well under this. */
export const MAX_POINTS_PER_STROKE = 400;
/** Points in all, so one request stays cheap whatever it holds. */
export const MAX_POINTS = 4000;
/** Candidates shown under the pad. */
export const MAX_CANDIDATES = 10;

const coordinate = z.number().finite().min(0).max(HANDWRITING_BOX);
export const handwritingPointSchema = z.tuple([coordinate, coordinate]);
export const handwritingStrokeSchema = z.array(handwritingPointSchema).min(1).max(MAX_POINTS_PER_STROKE);

// POST /api/handwriting/recognise
export const recogniseBodySchema = z
  .object({
    strokes: z.array(handwritingStrokeSchema).min(1).max(MAX_STROKES),
    limit: z.number().int().min(1).max(MAX_CANDIDATES).optional(),
  })
  .refine((b) => b.strokes.reduce((n, s) => n + s.length, 0) <= MAX_POINTS, {
    message: `at most ${MAX_POINTS} points in all`,
    path: ['strokes'],
  });
export type RecogniseBody = z.infer<typeof recogniseBodySchema>;

export const recogniseResponseSchema = z.object({
  ok: z.literal(true),
  /** Best first; empty when nothing in the vocabulary is close enough. */
  candidates: z.array(z.string()),
});

export const handwritingEndpoints = defineEndpoints({
  recognise: {
    method: 'POST',
    path: '/api/handwriting/recognise',
    body: recogniseBodySchema,
    response: recogniseResponseSchema,
  },
});
