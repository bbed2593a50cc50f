import type { CentralDatabase } from '../db/database';
import type {
  Bundle,
  CancellationRule,
  CatalogueChange,
  Department,
  ItemMaterial,
  Region,
  RegionLevel,
  ServiceItem,
  UpdateItemRequest,
} from './contract';
import {
  CITY_REGION,
  type BundleSeed,
  type ItemSeed,
  type MaterialSeed,
  seedBundles,
  seedDepartments,
  seedHallRegions,
  seedItems,
  seedMaterials,
  seedRegions,
  seedVariants,
  type VariantSeed,
} from './seed-data';
import { bundleWithEnglish, departmentAliases, itemWithEnglish, variantWithEnglish } from './seed-english';

type EntryKind = CatalogueChange['kind'];
interface DepartmentDoc {
  departmentId: string;
  zh: string;
  en: string;
  regionCode: string;
  aliases?: string[];
}
interface MaterialDoc {
  code: string;
  zh: string;
  en: string;
}

interface Snapshot {
  version: number;
  departments: Map<string, DepartmentDoc>;
  materials: Map<string, MaterialDoc>;
  items: Map<string, ItemSeed>;
  /** itemCode → regionCode → variant */
  variants: Map<string, Map<string, VariantSeed>>;
  bundles: Map<string, BundleSeed>;
  resolved: Map<string, ServiceItem | null>;
}

/** How often a read re-checks the stored catalogue version (cheap, but not free on the hot path). */
const SNAPSHOT_RECHECK_MS = 200;

const LEVEL_DIGIT: Record<RegionLevel, number> = { city: 1, district: 2, street: 3, community: 4 };
/** When one material serves several items of a bundle, the most demanding fate wins. */
const RULE_STRENGTH: Record<CancellationRule, number> = {
  kept: 0,
  commitment: 1,
  'online-verification': 2,
  'e-certificate': 3,
  'no-legal-basis': 4,
};

function citizenAction(rule: CancellationRule): ItemMaterial['citizenAction'] {
  if (rule === 'kept') return 'provide';
  if (rule === 'commitment') return 'sign-commitment';
  return 'none';
}

export function implementingCode(itemCode: string, level: RegionLevel, regionCode: string): string {
  return `${itemCode}-${LEVEL_DIGIT[level]}-${regionCode}`;
}

/**
 * The service catalogue. Definitions live in `catalogue_entries` as JSON documents, each stamped
 * with the catalogue version of its last change; reads go through an in-memory snapshot rebuilt
 * when the version moves, and items are resolved per region ("以上带下") on demand.
 */
export class CatalogueStore {
  private readonly stmts;
  private snap: Snapshot | undefined;
  private snapCheckedAt = 0;
  private readonly regionsByCode = new Map<string, Region>();
  private readonly hallRegions = new Map<string, string>();

  constructor(private readonly db: CentralDatabase) {
    this.stmts = {
      version: db.prepare<[], { version: number }>('SELECT version FROM catalogue_state WHERE id = 1'),
      setVersion: db.prepare<[number]>(
        'INSERT INTO catalogue_state (id, version) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version',
      ),
      entries: db.prepare<[], { kind: EntryKind; entry_key: string; document: string }>(
        'SELECT kind, entry_key, document FROM catalogue_entries WHERE deleted = 0',
      ),
      upsert: db.prepare<[EntryKind, string, string, number]>(
        `INSERT INTO catalogue_entries (kind, entry_key, document, version, deleted) VALUES (?, ?, ?, ?, 0)
         ON CONFLICT (kind, entry_key) DO UPDATE SET document = excluded.document, version = excluded.version, deleted = 0`,
      ),
      since: db.prepare<
        [number],
        { kind: EntryKind; entry_key: string; document: string; version: number; deleted: number }
      >(
        'SELECT kind, entry_key, document, version, deleted FROM catalogue_entries WHERE version > ? ORDER BY version, kind, entry_key',
      ),
      regions: db.prepare<
        [],
        {
          region_code: string;
          level: RegionLevel;
          parent_code: string | null;
          name_zh: string;
          name_en: string;
        }
      >('SELECT region_code, level, parent_code, name_zh, name_en FROM regions ORDER BY region_code'),
      hallRegion: db.prepare<[string], { region_code: string | null }>(
        'SELECT r.region_code FROM halls h LEFT JOIN hall_regions r ON r.hall_id = h.hall_id WHERE h.hall_id = ?',
      ),
    };
  }

  /** Writes the reference catalogue into an empty database as version 1. */
  seedIfEmpty(): void {
    this.db.transaction(() => {
      const insertRegion = this.db.prepare(
        'INSERT OR IGNORE INTO regions (region_code, level, parent_code, name_zh, name_en) VALUES (?, ?, ?, ?, ?)',
      );
      for (const r of seedRegions) insertRegion.run(r.code, r.level, r.parent, r.zh, r.en);
      const insertHallRegion = this.db.prepare(
        `INSERT OR IGNORE INTO hall_regions (hall_id, region_code)
         SELECT ?, ? WHERE EXISTS (SELECT 1 FROM halls WHERE hall_id = ?)`,
      );
      for (const h of seedHallRegions) insertHallRegion.run(h.hallId, h.regionCode, h.hallId);
      if (this.stmts.version.get()) {
        this.addEnglish();
        return;
      }
      const v = 1;
      for (const [departmentId, zh, en, regionCode] of seedDepartments) {
        this.stmts.upsert.run(
          'department',
          departmentId,
          JSON.stringify(departmentWithAliases({ departmentId, zh, en, regionCode })),
          v,
        );
      }
      for (const [code, zh, en] of seedMaterials) {
        this.stmts.upsert.run('material', code, JSON.stringify({ code, zh, en }), v);
      }
      for (const item of seedItems)
        this.stmts.upsert.run('item', item.itemCode, JSON.stringify(itemWithEnglish(item)), v);
      for (const variant of seedVariants) {
        this.stmts.upsert.run(
          'variant',
          `${variant.itemCode}@${variant.regionCode}`,
          JSON.stringify(variantWithEnglish(variant)),
          v,
        );
      }
      for (const bundle of seedBundles)
        this.stmts.upsert.run('bundle', bundle.bundleCode, JSON.stringify(bundleWithEnglish(bundle)), v);
      this.stmts.setVersion.run(v);
    })();
  }

  /**
   * A catalogue stored before it carried English and aliases gets them, as one new version (so
   * kiosks fetch it again): each definition gains the English of its own Chinese wording, never a
   * translation of other words. Nothing is written when nothing is missing. Call in a transaction.
   */
  private addEnglish(): void {
    const changed: { kind: EntryKind; key: string; doc: unknown }[] = [];
    for (const row of this.stmts.entries.all()) {
      const doc = JSON.parse(row.document) as unknown;
      const next =
        row.kind === 'item'
          ? itemWithEnglish(doc as ItemSeed)
          : row.kind === 'variant'
            ? variantWithEnglish(doc as VariantSeed)
            : row.kind === 'bundle'
              ? bundleWithEnglish(doc as BundleSeed)
              : row.kind === 'department'
                ? departmentWithAliases(doc as DepartmentDoc)
                : doc;
      if (JSON.stringify(next) !== row.document)
        changed.push({ kind: row.kind, key: row.entry_key, doc: next });
    }
    if (changed.length === 0) return;
    const version = this.storedVersion() + 1;
    for (const c of changed) this.stmts.upsert.run(c.kind, c.key, JSON.stringify(c.doc), version);
    this.stmts.setVersion.run(version);
    this.snap = undefined;
  }

  /** The version of what this store serves (so an ETag always matches the body it goes with). */
  version(): number {
    return this.snapshot().version;
  }

  private storedVersion(): number {
    return this.stmts.version.get()?.version ?? 0;
  }

  regions(): Region[] {
    this.loadRegions();
    return [...this.regionsByCode.values()];
  }

  region(code: string): Region | undefined {
    this.loadRegions();
    return this.regionsByCode.get(code);
  }

  /**
   * The region a hall serves (the city for a hall without one), or undefined for no such hall.
   * Cached for known halls: halls do not move.
   */
  hallRegion(hallId: string): string | undefined {
    let region = this.hallRegions.get(hallId);
    if (region === undefined) {
      const row = this.stmts.hallRegion.get(hallId);
      if (!row) return undefined;
      region = row.region_code ?? CITY_REGION;
      if (this.hallRegions.size < 10_000) this.hallRegions.set(hallId, region);
    }
    return region;
  }

  departments(): Department[] {
    return [...this.snapshot().departments.values()].map((d) => ({
      departmentId: d.departmentId,
      name: { zh: d.zh, en: d.en },
      regionCode: d.regionCode,
      ...(d.aliases ? { aliases: d.aliases } : {}),
    }));
  }

  department(id: string): Department | undefined {
    return this.departments().find((d) => d.departmentId === id);
  }

  /** Every item available in `regionCode`, each resolved to the variant that applies there. */
  items(regionCode: string): ServiceItem[] {
    const out: ServiceItem[] = [];
    for (const code of this.snapshot().items.keys()) {
      const item = this.item(code, regionCode);
      if (item) out.push(item);
    }
    return out;
  }

  /** One item as it applies in `regionCode`, or undefined where it is not offered. */
  item(itemCode: string, regionCode: string): ServiceItem | undefined {
    const snap = this.snapshot();
    const key = `${itemCode}@${regionCode}`;
    if (!snap.resolved.has(key)) snap.resolved.set(key, this.resolve(snap, itemCode, regionCode) ?? null);
    return snap.resolved.get(key) ?? undefined;
  }

  bundles(regionCode: string): Bundle[] {
    return [...this.snapshot().bundles.keys()].flatMap((code) => this.bundle(code, regionCode) ?? []);
  }

  /** A bundle with its items resolved in `regionCode` and one merged, de-duplicated material list. */
  bundle(bundleCode: string, regionCode: string): Bundle | undefined {
    const def = this.snapshot().bundles.get(bundleCode);
    if (!def) return undefined;
    const items = def.items.map((code) => this.item(code, regionCode));
    if (items.some((i) => i === undefined)) return undefined;
    const merged = new Map<string, Bundle['materials'][number]>();
    for (const item of items as ServiceItem[]) {
      for (const m of item.materials) {
        const seen = merged.get(m.code);
        if (!seen) {
          merged.set(m.code, { ...m, usedBy: [item.itemCode] });
          continue;
        }
        seen.usedBy.push(item.itemCode);
        if (RULE_STRENGTH[m.cancellation.rule] < RULE_STRENGTH[seen.cancellation.rule]) {
          merged.set(m.code, { ...m, usedBy: seen.usedBy });
        }
      }
    }
    return {
      bundleCode: def.bundleCode,
      name: { zh: def.zh, en: def.en },
      description: def.description,
      ...(def.descriptionEn ? { descriptionEn: def.descriptionEn } : {}),
      ...(def.aliases ? { aliases: def.aliases } : {}),
      leadDepartmentId: def.leadDepartmentId,
      items: (items as ServiceItem[]).map((i) => ({
        itemCode: i.itemCode,
        implementingCode: i.implementingCode,
        name: i.name,
        departmentId: i.departmentId,
      })),
      materials: [...merged.values()],
      promisedDays: def.promisedDays,
    };
  }

  changesSince(since: number): CatalogueChange[] {
    return this.stmts.since.all(since).map((r) => ({
      version: r.version,
      kind: r.kind,
      key: r.entry_key,
      op: r.deleted ? 'delete' : 'upsert',
      ...(r.deleted ? {} : { document: JSON.parse(r.document) as Record<string, unknown> }),
    }));
  }

  /**
   * Changes a city-wide or local item definition as a new catalogue version. Call inside a
   * transaction (with the catalogue.changed event). Returns the new version, or undefined if
   * there is no such item.
   */
  updateItem(itemCode: string, patch: UpdateItemRequest): number | undefined {
    const current = this.snapshot().items.get(itemCode);
    if (!current) return undefined;
    const next: ItemSeed = {
      ...current,
      ...(patch.promisedDays !== undefined ? { promisedDays: patch.promisedDays } : {}),
      ...(patch.channels ? { channels: [...new Set(patch.channels)] } : {}),
      ...(patch.suspended !== undefined ? { suspended: patch.suspended } : {}),
      ...(patch.conditions ? { conditions: patch.conditions } : {}),
    };
    // New wording makes the old English untrue: it is replaced, or dropped (the kiosk then shows
    // the Chinese, marked as such).
    if (patch.conditions) {
      if (patch.conditionsEn) next.conditionsEn = patch.conditionsEn;
      else delete next.conditionsEn;
    }
    const version = this.storedVersion() + 1;
    this.stmts.upsert.run('item', itemCode, JSON.stringify(next), version);
    this.stmts.setVersion.run(version);
    this.snap = undefined;
    return version;
  }

  private loadRegions(): void {
    if (this.regionsByCode.size > 0) return;
    for (const r of this.stmts.regions.all()) {
      this.regionsByCode.set(r.region_code, {
        regionCode: r.region_code,
        level: r.level,
        parentCode: r.parent_code,
        name: { zh: r.name_zh, en: r.name_en },
      });
    }
  }

  /** `code` and its ancestors, nearest first. */
  private lineage(code: string): string[] {
    this.loadRegions();
    const out: string[] = [];
    let cur = this.regionsByCode.get(code);
    while (cur && out.length < 8) {
      out.push(cur.regionCode);
      cur = cur.parentCode ? this.regionsByCode.get(cur.parentCode) : undefined;
    }
    return out;
  }

  private snapshot(): Snapshot {
    // Edits through this store drop the snapshot at once; an edit by another process (another
    // worker on the same file) is noticed within SNAPSHOT_RECHECK_MS.
    const now = performance.now();
    if (this.snap && now - this.snapCheckedAt < SNAPSHOT_RECHECK_MS) return this.snap;
    this.snapCheckedAt = now;
    const version = this.storedVersion();
    if (this.snap?.version === version) return this.snap;
    const snap: Snapshot = {
      version,
      departments: new Map(),
      materials: new Map(),
      items: new Map(),
      variants: new Map(),
      bundles: new Map(),
      resolved: new Map(),
    };
    for (const row of this.stmts.entries.all()) {
      const doc = JSON.parse(row.document);
      switch (row.kind) {
        case 'department':
          snap.departments.set(row.entry_key, doc as DepartmentDoc);
          break;
        case 'material':
          snap.materials.set(row.entry_key, doc as MaterialDoc);
          break;
        case 'item':
          snap.items.set(row.entry_key, doc as ItemSeed);
          break;
        case 'variant': {
          const v = doc as VariantSeed;
          const byRegion = snap.variants.get(v.itemCode) ?? new Map<string, VariantSeed>();
          byRegion.set(v.regionCode, v);
          snap.variants.set(v.itemCode, byRegion);
          break;
        }
        case 'bundle':
          snap.bundles.set(row.entry_key, doc as BundleSeed);
          break;
      }
    }
    this.snap = snap;
    return snap;
  }

  private resolve(snap: Snapshot, itemCode: string, regionCode: string): ServiceItem | undefined {
    const base = snap.items.get(itemCode);
    const lineage = this.lineage(regionCode);
    if (!base || lineage.length === 0) return undefined;
    // A local item exists only inside its own district; a city item everywhere in the city.
    if (!lineage.includes(base.regionCode)) return undefined;
    const variants = snap.variants.get(itemCode);
    const variantRegion =
      base.scope === 'city-wide' ? lineage.find((code) => variants?.has(code)) : undefined;
    const variant = variantRegion ? variants?.get(variantRegion) : undefined;
    const implRegion = variant?.regionCode ?? base.regionCode;
    const level = this.regionsByCode.get(implRegion)?.level ?? 'city';
    const departmentId = variant?.departmentId ?? base.departmentId;
    const materials = (variant?.materials ?? base.materials).map((m) => this.material(snap, m));
    const conditionsEn = variant ? variant.conditionsEn : base.conditionsEn;
    return {
      itemCode: base.itemCode,
      implementingCode: implementingCode(base.itemCode, level, implRegion),
      name: { zh: base.zh, en: base.en },
      kind: base.kind,
      scope: variant ? 'district-variant' : base.scope,
      level,
      regionCode: implRegion,
      departmentId,
      departmentName: snap.departments.get(departmentId)?.zh ?? departmentId,
      queueCategory: base.queueCategory,
      conditions: variant?.conditions ?? base.conditions,
      ...(conditionsEn ? { conditionsEn } : {}),
      ...(base.aliases ? { aliases: base.aliases } : {}),
      materials,
      fees: variant?.fees ?? base.fees,
      promisedDays: variant?.promisedDays ?? base.promisedDays,
      legalDays: base.legalDays,
      channels: base.channels,
      reduction: {
        materialsListed: materials.length,
        materialsToProvide: materials.filter((m) => m.citizenAction === 'provide').length,
      },
      suspended: base.suspended,
      ...(base.printableAtOnce ? { printableAtOnce: true } : {}),
    };
  }

  private material(snap: Snapshot, m: MaterialSeed): ItemMaterial {
    const dict = snap.materials.get(m.code);
    return {
      code: m.code,
      name: { zh: dict?.zh ?? m.code, en: dict?.en ?? m.code },
      form: m.form,
      cancellation: {
        rule: m.rule,
        ...(m.basis ? { basis: m.basis } : {}),
        ...(m.basisEn ? { basisEn: m.basisEn } : {}),
      },
      citizenAction: citizenAction(m.rule),
    };
  }
}

function departmentWithAliases(d: DepartmentDoc): DepartmentDoc {
  const aliases = d.aliases ?? departmentAliases[d.departmentId];
  return aliases ? { ...d, aliases: [...aliases] } : d;
}

/**
 * Seeds regions, hall regions and (into an empty catalogue) the reference catalogue; a catalogue
 * stored before it carried English and aliases gets them.
 */
export function seedCatalogue(db: CentralDatabase): void {
  new CatalogueStore(db).seedIfEmpty();
}
