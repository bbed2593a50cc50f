import { z } from 'zod';
import { localizedTextSchema } from '../api/contract';
import { defineEndpoints } from '../api/endpoint';

/**
 * The central's region codes as the kiosk offers them for a postal address: the citizen picks the
 * district and the street (街道) from this list, then types the rest. Pure zod: the renderer builds
 * its client from `regionEndpoints`.
 */

export const kioskRegionSchema = z.object({
  regionCode: z.string().regex(/^\d{12}$/),
  level: z.enum(['city', 'district', 'street', 'community']),
  parentCode: z
    .string()
    .regex(/^\d{12}$/)
    .nullable(),
  name: localizedTextSchema,
});
export type KioskRegion = z.infer<typeof kioskRegionSchema>;

// GET /api/regions
export const regionsResponseSchema = z.object({
  ok: z.literal(true),
  /** The city the hall is in, at the top of an address. */
  cityCode: z.string(),
  regions: z.array(kioskRegionSchema),
});

export const regionEndpoints = defineEndpoints({
  list: { method: 'GET', path: '/api/regions', response: regionsResponseSchema },
});
