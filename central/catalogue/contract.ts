/** Service catalogue of the central API. zod only: the kiosk imports this file. */
import { z } from 'zod';
import { localizedTextSchema as text } from '../../domain/localized-text';

export const regionCodeSchema = z
  .string()
  .regex(/^\d{12}$/)
  .describe('12-digit administrative division code: 6 county (GB/T 2260) + 3 street + 3 community');
export const regionLevelSchema = z.enum(['city', 'district', 'street', 'community']);
export const basicCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}\d{8}$/)
  .describe(
    'Basic code: item kind (XK licence, QR confirmation, JF benefit, GG public service, QT other) + 5-digit main item + 3-digit sub-item',
  );
export const itemKindSchema = z.enum(['XK', 'QR', 'JF', 'GG', 'QT']);
export const channelSchema = z.enum(['window', 'kiosk', 'pc', 'mobile']);
/** 四个一律取消: what became of a material. `kept` is the only one the citizen still hands in as before. */
export const cancellationRuleSchema = z.enum([
  'kept',
  'e-certificate',
  'commitment',
  'online-verification',
  'no-legal-basis',
]);
export const itemScopeSchema = z
  .enum(['city-wide', 'district-variant', 'local'])
  .describe('以上带下: defined once by the city; a district variant of a city item; or a purely local item');

export const regionSchema = z.object({
  regionCode: regionCodeSchema,
  level: regionLevelSchema,
  parentCode: regionCodeSchema.nullable(),
  name: text,
});

/** Short words and letter abbreviations people use for an entry (社保, YB), for search. */
const aliasesSchema = z.array(z.string().min(1).max(20)).max(20);

export const departmentSchema = z.object({
  departmentId: z.string(),
  name: text,
  regionCode: regionCodeSchema,
  aliases: aliasesSchema.optional(),
});

export const itemMaterialSchema = z.object({
  code: z.string(),
  name: text,
  form: z.enum(['original', 'copy', 'original-and-copy', 'electronic']),
  cancellation: z.object({
    rule: cancellationRuleSchema,
    /** The e-certificate, the online source or the legal note behind the rule. */
    basis: z.string().optional(),
    basisEn: z.string().optional(),
  }),
  /** What the citizen does: hand it in, sign a commitment, or nothing (fetched or dropped). */
  citizenAction: z.enum(['provide', 'sign-commitment', 'none']),
});

/** A fee; its English texts are absent where the catalogue has none (the kiosk then shows the Chinese, marked). */
export const feeSchema = z.object({
  name: z.string(),
  nameEn: z.string().optional(),
  amountFen: z.number().int().min(0),
  basis: z.string(),
  basisEn: z.string().optional(),
});

export const serviceItemSchema = z.object({
  itemCode: basicCodeSchema,
  implementingCode: z
    .string()
    .describe('Basic code + level digit (1 city, 2 district, 3 street, 4 community) + 12-digit region code'),
  name: text,
  kind: itemKindSchema,
  scope: itemScopeSchema,
  level: regionLevelSchema,
  regionCode: regionCodeSchema,
  departmentId: z.string(),
  departmentName: z.string(),
  queueCategory: z.string().regex(/^[A-Z]$/),
  /** 申请条件 in Chinese: the legal wording. */
  conditions: z.array(z.string()),
  /** The conditions in English, one for one; absent when any of them has no English yet. */
  conditionsEn: z.array(z.string()).optional(),
  aliases: aliasesSchema.optional(),
  materials: z.array(itemMaterialSchema),
  fees: z.array(feeSchema),
  promisedDays: z.number().int().min(0),
  legalDays: z.number().int().min(0),
  channels: z.array(channelSchema),
  /** 五减: materials listed before the reform against those the citizen still provides. */
  reduction: z.object({ materialsListed: z.number().int(), materialsToProvide: z.number().int() }),
  suspended: z.boolean(),
  /** 即办可打印: a certificate (证明) the kiosk prints on A4 at once instead of applying for a case. */
  printableAtOnce: z.boolean().optional(),
});

export const bundleMaterialSchema = itemMaterialSchema.extend({
  /** Items of the bundle that need this material; it is handed in once for all of them. */
  usedBy: z.array(basicCodeSchema),
});

export const bundleSchema = z.object({
  bundleCode: z.string(),
  name: text,
  description: z.string(),
  descriptionEn: z.string().optional(),
  aliases: aliasesSchema.optional(),
  leadDepartmentId: z.string(),
  items: z.array(
    z.object({
      itemCode: basicCodeSchema,
      implementingCode: z.string(),
      name: text,
      departmentId: z.string(),
    }),
  ),
  materials: z.array(bundleMaterialSchema),
  promisedDays: z.number().int().min(0),
});

export const catalogueRegionQuerySchema = z.object({
  regionCode: regionCodeSchema.optional().describe('Region to resolve variants for; the city when omitted'),
});
export const listItemsQuerySchema = catalogueRegionQuerySchema.extend({
  category: z
    .string()
    .regex(/^[A-Z]$/)
    .optional(),
  departmentId: z.string().max(64).optional(),
  q: z.string().min(1).max(50).optional().describe('Part of the Chinese or English name'),
});
export const itemParamsSchema = z.object({ itemCode: basicCodeSchema });
export const bundleParamsSchema = z.object({ bundleCode: z.string().regex(/^BD-[A-Z]{2,16}$/) });

export const listRegionsResponseSchema = z.object({
  version: z.number().int(),
  regions: z.array(regionSchema),
});
export const listDepartmentsResponseSchema = z.object({
  version: z.number().int(),
  departments: z.array(departmentSchema),
});
export const listItemsResponseSchema = z.object({
  version: z.number().int(),
  regionCode: regionCodeSchema,
  items: z.array(serviceItemSchema),
});
export const itemResponseSchema = z.object({ version: z.number().int(), item: serviceItemSchema });
export const listBundlesResponseSchema = z.object({
  version: z.number().int(),
  regionCode: regionCodeSchema,
  bundles: z.array(bundleSchema),
});
export const bundleResponseSchema = z.object({ version: z.number().int(), bundle: bundleSchema });

export const catalogueChangesQuerySchema = z.object({
  since: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
export const catalogueChangeSchema = z.object({
  version: z.number().int(),
  kind: z.enum(['department', 'material', 'item', 'variant', 'bundle']),
  key: z.string(),
  op: z.enum(['upsert', 'delete']),
  /** The stored definition after the change (absent for a delete). */
  document: z.record(z.string(), z.unknown()).optional(),
});
export const catalogueChangesResponseSchema = z.object({
  since: z.number().int(),
  version: z.number().int(),
  changes: z.array(catalogueChangeSchema),
});

/** Manager edit of a city-wide item definition; each edit is a new catalogue version. */
export const updateItemRequestSchema = z
  .object({
    promisedDays: z.number().int().min(0).max(365).optional(),
    channels: z.array(channelSchema).min(1).max(4).optional(),
    suspended: z.boolean().optional(),
    conditions: z.array(z.string().min(1).max(200)).max(30).optional(),
    /** The new conditions in English, one for one; without it a condition change leaves no English. */
    conditionsEn: z.array(z.string().min(1).max(300)).max(30).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'Change at least one field' })
  .refine((v) => v.conditionsEn === undefined || v.conditions?.length === v.conditionsEn.length, {
    message: 'conditionsEn translates conditions one for one: send both, of the same length',
    path: ['conditionsEn'],
  });

export type RegionLevel = z.infer<typeof regionLevelSchema>;
export type CancellationRule = z.infer<typeof cancellationRuleSchema>;
export type Channel = z.infer<typeof channelSchema>;
export type ItemKind = z.infer<typeof itemKindSchema>;
export type ServiceItem = z.infer<typeof serviceItemSchema>;
export type ItemMaterial = z.infer<typeof itemMaterialSchema>;
export type Bundle = z.infer<typeof bundleSchema>;
export type Department = z.infer<typeof departmentSchema>;
export type Region = z.infer<typeof regionSchema>;
export type CatalogueChange = z.infer<typeof catalogueChangeSchema>;
export type UpdateItemRequest = z.infer<typeof updateItemRequestSchema>;
