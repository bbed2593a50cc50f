import { z } from 'zod';
import { okResponseSchema } from '../api/contract';
import { defineEndpoints } from '../api/endpoint';

/**
 * Declared identity's /api contract: an ID number typed on the on-screen keyboard (the app's QR
 * code arrives through the scanner instead). Pure zod: the renderer builds its client from
 * `identityEndpoints`.
 */

// POST /api/identity/declared
export const declareIdentityRequestSchema = z.object({ idNumber: z.string().max(40) });

// POST /api/dev/scan (developer): the simulated scanner reads this text.
export const devScanRequestSchema = z.object({ text: z.string().min(1).max(512) });

export const identityEndpoints = defineEndpoints({
  declare: {
    method: 'POST',
    path: '/api/identity/declared',
    body: declareIdentityRequestSchema,
    response: okResponseSchema,
  },
});

/**
 * Developer control of the simulated scanner, in a table of its own: the renderer's production
 * build imports `identityEndpoints` only, so no developer path reaches a real terminal's screen.
 */
export const identityDeveloperEndpoints = defineEndpoints({
  devScan: {
    method: 'POST',
    path: '/api/dev/scan',
    body: devScanRequestSchema,
    response: okResponseSchema,
    developer: true,
  },
});
