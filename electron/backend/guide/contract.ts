import { z } from 'zod';
import { localizedTextSchema } from '../api/contract';
import { defineEndpoints } from '../api/endpoint';

/**
 * The service guide's /api contract: browse by life event or department, search (pinyin initials
 * too), and an item's page with its materials after 四个一律取消. No identity needed. Pure zod: the
 * renderer builds its client from `guideEndpoints`.
 */

/**
 * A catalogue text in both languages. Where the catalogue has no English yet, `en` repeats the
 * Chinese and `enMissing` says so: an English screen shows it marked as Chinese rather than
 * hiding a condition or a fee.
 */
export const catalogueTextSchema = localizedTextSchema.extend({ enMissing: z.literal(true).optional() });
export type CatalogueText = z.infer<typeof catalogueTextSchema>;

/** 四个一律取消: why a material is no longer needed ('kept' ones are still brought). */
export const guideDropReasonSchema = z.enum([
  'no-legal-basis',
  'e-certificate',
  'commitment',
  'online-verification',
]);
export type GuideDropReason = z.infer<typeof guideDropReasonSchema>;

export const guideMaterialSchema = z.object({
  code: z.string(),
  name: localizedTextSchema,
  form: z.enum(['original', 'copy', 'original-and-copy', 'electronic']),
  /** The e-certificate, the online source or the legal note behind a drop. */
  basis: catalogueTextSchema.optional(),
});
export type GuideMaterial = z.infer<typeof guideMaterialSchema>;

export const guideMaterialsSchema = z.object({
  /** Still handed in on paper. */
  toBring: z.array(guideMaterialSchema),
  /** No longer needed: each with why (and a written commitment is signed instead of it). */
  dropped: z.array(guideMaterialSchema.extend({ reason: guideDropReasonSchema })),
});
export type GuideMaterials = z.infer<typeof guideMaterialsSchema>;

export const guideItemSummarySchema = z.object({
  itemCode: z.string(),
  name: localizedTextSchema,
  departmentName: localizedTextSchema,
  suspended: z.boolean(),
});
export type GuideItemSummary = z.infer<typeof guideItemSummarySchema>;

export const guideBundleSummarySchema = z.object({
  bundleCode: z.string(),
  name: localizedTextSchema,
  description: catalogueTextSchema,
  itemCount: z.number().int(),
});
export type GuideBundleSummary = z.infer<typeof guideBundleSummarySchema>;

export const guideDepartmentSummarySchema = z.object({
  departmentId: z.string(),
  name: localizedTextSchema,
  itemCount: z.number().int(),
});
export type GuideDepartmentSummary = z.infer<typeof guideDepartmentSummarySchema>;

/** Where the catalogue shown came from: fresh from the central, or the copy kept on this kiosk. */
export const guideCatalogueStatusSchema = z.object({
  version: z.number().int(),
  fetchedAt: z.string(),
  fromCache: z.boolean(),
});

// GET /api/guide/overview: life events ("一件事") and departments.
export const guideOverviewResponseSchema = z.object({
  ok: z.literal(true),
  catalogue: guideCatalogueStatusSchema,
  bundles: z.array(guideBundleSummarySchema),
  departments: z.array(guideDepartmentSummarySchema),
});

// GET /api/guide/search?q=: name (Chinese or English), alias (社保, SB), pinyin ("bdc", "budongchan") or code.
export const guideSearchQuerySchema = z.object({ q: z.string().trim().min(1).max(30) });
export const guideSearchResponseSchema = z.object({
  ok: z.literal(true),
  bundles: z.array(guideBundleSummarySchema),
  items: z.array(guideItemSummarySchema),
});

// GET /api/guide/departments/:departmentId
export const guideDepartmentResponseSchema = z.object({
  ok: z.literal(true),
  department: guideDepartmentSummarySchema,
  items: z.array(guideItemSummarySchema),
});

// GET /api/guide/bundles/:bundleCode: a life event with its merged material list.
export const guideBundleResponseSchema = z.object({
  ok: z.literal(true),
  bundle: guideBundleSummarySchema.extend({
    promisedDays: z.number().int(),
    items: z.array(guideItemSummarySchema),
    materials: guideMaterialsSchema,
  }),
});
export type GuideBundle = z.infer<typeof guideBundleResponseSchema>['bundle'];

// GET /api/guide/items/:itemCode: conditions, fees, time limit, where to go, materials.
export const guideItemSchema = z.object({
  itemCode: z.string(),
  implementingCode: z.string(),
  name: localizedTextSchema,
  departmentName: localizedTextSchema,
  suspended: z.boolean(),
  conditions: z.array(catalogueTextSchema),
  fees: z.array(
    z.object({ name: catalogueTextSchema, amountFen: z.number().int(), basis: catalogueTextSchema }),
  ),
  promisedDays: z.number().int(),
  legalDays: z.number().int(),
  /** Where to go: the hall, the queue category to take a number for, and the other channels. */
  hallName: z.string(),
  queueCategory: z.string(),
  channels: z.array(z.enum(['window', 'kiosk', 'pc', 'mobile'])),
  materials: guideMaterialsSchema,
  /** 五减: materials listed before the reform against those still brought now. */
  reduction: z.object({ materialsListed: z.number().int(), materialsToProvide: z.number().int() }),
});
export type GuideItem = z.infer<typeof guideItemSchema>;
export const guideItemResponseSchema = z.object({ ok: z.literal(true), item: guideItemSchema });

const departmentParams = z.object({ departmentId: z.string().min(1).max(64) });
const bundleParams = z.object({ bundleCode: z.string().regex(/^BD-[A-Z]{2,16}$/) });
const itemParams = z.object({ itemCode: z.string().regex(/^[A-Z]{2}\d{8}$/) });

export const guideEndpoints = defineEndpoints({
  overview: { method: 'GET', path: '/api/guide/overview', response: guideOverviewResponseSchema },
  search: {
    method: 'GET',
    path: '/api/guide/search',
    query: guideSearchQuerySchema,
    response: guideSearchResponseSchema,
  },
  department: {
    method: 'GET',
    path: '/api/guide/departments/:departmentId',
    params: departmentParams,
    response: guideDepartmentResponseSchema,
  },
  bundle: {
    method: 'GET',
    path: '/api/guide/bundles/:bundleCode',
    params: bundleParams,
    response: guideBundleResponseSchema,
  },
  item: {
    method: 'GET',
    path: '/api/guide/items/:itemCode',
    params: itemParams,
    response: guideItemResponseSchema,
  },
});
