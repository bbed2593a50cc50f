import { z } from 'zod';
import { cardTypeSchema, okResponseSchema } from '../api/contract';
import { defineEndpoints } from '../api/endpoint';

/**
 * Developer control of the simulated card reader and printer: offered only while every device is
 * simulated, so a terminal with real hardware has no such routes at all. Pure zod: the dev panel
 * builds its client from `developerDeviceEndpoints`.
 */

/** Place a card with these identity fields (defaults fill the rest; a valid ID number is made up). */
export const devPlaceCardRequestSchema = z.object({
  name: z.string().min(1).max(15).default('张三'),
  idNumber: z
    .string()
    .regex(/^\d{17}[\dX]$/, '18 characters, the last a digit or X')
    .optional(),
  gender: z.enum(['male', 'female']).default('male'),
  birthDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .default('1980-01-01'),
  address: z.string().max(35).default('浙江省杭州市上城区解放路1号'),
  cardType: cardTypeSchema.default('resident'),
});
export type DevPlaceCardRequest = z.input<typeof devPlaceCardRequestSchema>;

/** The states the simulated printer can be put in (its faults as a real one reports them). */
export const devPrinterStateRequestSchema = z.object({
  state: z.enum(['ready', 'paper-near-end', 'paper-out', 'cover-open', 'offline']),
});
export type DevPrinterState = z.infer<typeof devPrinterStateRequestSchema>['state'];

/** The paper printed so far, decoded back to text lines. */
export const devPaperResponseSchema = z.object({ ok: z.literal(true), lines: z.array(z.string()) });
/** The paper as an SVG data URL (QR codes drawn), for the panel; null before anything printed. */
export const devPaperPreviewResponseSchema = z.object({ ok: z.literal(true), image: z.string().nullable() });

export const developerDeviceEndpoints = defineEndpoints({
  placeCard: {
    method: 'POST',
    path: '/api/dev/card',
    body: devPlaceCardRequestSchema,
    response: okResponseSchema,
    developer: true,
  },
  removeCard: { method: 'DELETE', path: '/api/dev/card', response: okResponseSchema, developer: true },
  setPrinterState: {
    method: 'POST',
    path: '/api/dev/printer/state',
    body: devPrinterStateRequestSchema,
    response: okResponseSchema,
    developer: true,
  },
  paper: { method: 'GET', path: '/api/dev/printer/paper', response: devPaperResponseSchema, developer: true },
  tearPaper: {
    method: 'DELETE',
    path: '/api/dev/printer/paper',
    response: okResponseSchema,
    developer: true,
  },
  paperPreview: {
    method: 'GET',
    path: '/api/dev/printer/preview',
    response: devPaperPreviewResponseSchema,
    developer: true,
  },
});
