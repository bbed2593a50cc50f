import { z } from 'zod';
import { defineEndpoints, endpointPath } from '../api/endpoint';

/**
 * The /api contract of scanned materials (高拍仪): the pages the citizen captures on the materials
 * step, kept for the card session that captured them. Pure zod: the renderer builds its client
 * from `materialScanEndpoints`.
 *
 * A refusal is the API's shared error body `{ ok: false, error: { code, reason } }`; the screen
 * shows `materialScans.errors.<reason>` (see `MaterialScanReason`).
 */

/** A material's code as the catalogue and the central's case contract write it. */
export const materialCodeSchema = z.string().regex(/^[A-Z0-9]{1,16}$/);
export const pageIdSchema = z.string().regex(/^pg-[0-9a-f]{32}$/);

/**
 * Names one scanned material of one card session (all of its pages) for the central: the apply
 * case's material carries it as `documentRef`, each uploaded page carries it too, and the central
 * joins them in whichever order they arrive. Random, so it tells nothing about the citizen.
 */
export const documentRefSchema = z.string().regex(/^scan-[0-9a-f]{32}$/);

/**
 * The still as the renderer grabbed it: base64 of a PNG or JPEG, or a data: URL of one. A 4096x3072
 * JPEG at the canvas's default quality is 2–5 MB; the bound keeps a PNG of that size within reach.
 */
export const MAX_STILL_BASE64_CHARS = 48 * 1024 * 1024;
/** The HTTP body limit of addPage: the still and a little JSON around it. */
export const ADD_PAGE_BODY_LIMIT_BYTES = MAX_STILL_BASE64_CHARS + 64 * 1024;

/**
 * Why a page was not kept; the renderer shows `materialScans.errors.<reason>`:
 * - budget-full: the kiosk's disk budget for pages is used up (pages already queued stay queued);
 * - black-frame / no-page-found / not-an-image / too-large: the still itself (page processing);
 * - no-session: nobody is identified (pages belong to a card session);
 * - unknown-page: no such page in this session (another session's page is unknown here too);
 * - too-many-pages: a material's page limit.
 */
export const materialScanReasonSchema = z.enum([
  'budget-full',
  'black-frame',
  'no-page-found',
  'not-an-image',
  'too-large',
  'no-session',
  'unknown-page',
  'too-many-pages',
]);
export type MaterialScanReason = z.infer<typeof materialScanReasonSchema>;

/** A material's page limit, so one material cannot take the whole budget by itself. */
export const MAX_PAGES_PER_MATERIAL = 20;

/** A kept page as the screen sees it: no image (that is `pageImage`). Level C: captured at a kiosk. */
export const scannedPageSchema = z.object({
  pageId: pageIdSchema,
  materialCode: materialCodeSchema,
  /** 1-based, in capture order within the material; renumbered when a page is removed. */
  index: z.number().int().min(1),
  bytes: z.number().int().min(1),
  width: z.number().int().min(1),
  height: z.number().int().min(1),
  level: z.literal('C'),
});
export type ScannedPage = z.infer<typeof scannedPageSchema>;

/** How much of the page budget is used, for the screen to warn before the citizen starts a material. */
export const pageBudgetSchema = z.object({
  usedBytes: z.number().int().min(0),
  limitBytes: z.number().int().min(1),
  /** Whether one more page of the largest size fits now. */
  roomForPage: z.boolean(),
});

export const addPageRequestSchema = z.strictObject({
  materialCode: materialCodeSchema,
  image: z.string().min(16).max(MAX_STILL_BASE64_CHARS),
});
export const addPageResponseSchema = scannedPageSchema.extend({ ok: z.literal(true) });
export const pageParamsSchema = z.strictObject({ pageId: pageIdSchema });
export const listPagesQuerySchema = z.strictObject({ materialCode: materialCodeSchema.optional() });
export const listPagesResponseSchema = z.object({
  ok: z.literal(true),
  pages: z.array(scannedPageSchema),
  budget: pageBudgetSchema,
});
export const removePageResponseSchema = z.object({ ok: z.literal(true), removed: z.literal(true) });

export const materialScanEndpoints = defineEndpoints({
  addPage: {
    method: 'POST',
    path: '/api/material-scans/pages',
    body: addPageRequestSchema,
    response: addPageResponseSchema,
  },
  listPages: {
    method: 'GET',
    path: '/api/material-scans/pages',
    query: listPagesQuerySchema,
    response: listPagesResponseSchema,
  },
  removePage: {
    method: 'DELETE',
    path: '/api/material-scans/pages/:pageId',
    params: pageParamsSchema,
    response: removePageResponseSchema,
  },
  /** The processed page as image/jpeg (the review thumbnail), this session's pages only; no `ok`. */
  pageImage: {
    method: 'GET',
    path: '/api/material-scans/pages/:pageId/image',
    params: pageParamsSchema,
    response: z.unknown(),
  },
});

/** Where the screen loads a kept page's image (an <img> cannot use the typed client): from the table. */
export const pageImagePath = (pageId: string): string =>
  endpointPath(materialScanEndpoints.pageImage.path, { pageId });
