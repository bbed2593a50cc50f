import type { Bundle, Department, ItemMaterial, ServiceItem } from '../../../central/catalogue/contract';
import type { Clock } from '../../../domain/clock';
import type {
  CatalogueText,
  GuideBundle,
  GuideBundleSummary,
  GuideDepartmentSummary,
  GuideItem,
  GuideItemSummary,
  GuideMaterials,
} from './contract';
import type { LocalizedText } from '../api/contract';
import type { KioskLogger } from '../logging/logger';
import { storeWrite } from '../store/database';
import type { DownstreamCache } from '../store/downstream-cache';
import type { CentralOutcome } from '../central-connection/connection';
import type { CentralCatalogueClient } from './central';
import { indexEntry, rankEntries, type IndexedEntry } from './search';

/** The catalogue of one region as the kiosk keeps it: the central's lists plus the search index. */
export interface CachedCatalogue {
  version: number;
  regionCode: string;
  departments: Department[];
  items: ServiceItem[];
  bundles: Bundle[];
}

export type RefreshResult = 'updated' | 'unchanged' | 'failed';

export interface ServiceGuideOptions {
  central: Pick<CentralCatalogueClient, 'departments' | 'items' | 'bundles' | 'changesSince'>;
  cache: DownstreamCache;
  clock: Clock;
  logger: KioskLogger;
  regionCode: string;
  hallName: string;
}

/** Search results are for a touchscreen: a page of them, not the whole catalogue. */
export const SEARCH_LIMIT = 30;

const DEPT_FALLBACK = (name: string): LocalizedText => ({ zh: name, en: name });

/** A catalogue text for the screen: its English, or the Chinese marked as having none. */
export function catalogueText(zh: string, en: string | undefined): CatalogueText {
  return en ? { zh, en } : { zh, en: zh, enMissing: true };
}

function materials(list: readonly ItemMaterial[]): GuideMaterials {
  const out: GuideMaterials = { toBring: [], dropped: [] };
  for (const m of list) {
    const view = {
      code: m.code,
      name: m.name,
      form: m.form,
      ...(m.cancellation.basis ? { basis: catalogueText(m.cancellation.basis, m.cancellation.basisEn) } : {}),
    };
    if (m.cancellation.rule === 'kept') out.toBring.push(view);
    else out.dropped.push({ ...view, reason: m.cancellation.rule });
  }
  return out;
}

/**
 * The service guide's catalogue: fetched from the central (the whole catalogue of the kiosk's
 * region, or nothing when the changes since the cached version are empty), kept in the downstream
 * cache so the guide works offline and after a restart without network, and searched here.
 */
export class ServiceGuide {
  private catalogue: CachedCatalogue | null;
  private fetchedAt = 0;
  /** False until the central answered since this start: the screen says the copy may be old. */
  private fresh = false;
  private inFlight: Promise<RefreshResult> | null = null;
  private readonly resource: string;
  /** The search index of the catalogue being served, built when first searched. */
  private index: { of: CachedCatalogue; entries: Map<string, IndexedEntry> } | null = null;

  constructor(private readonly options: ServiceGuideOptions) {
    this.resource = `catalogue:${options.regionCode}`;
    const cached = options.cache.get<CachedCatalogue>(this.resource);
    this.catalogue = cached?.body ?? null;
    this.fetchedAt = cached?.fetchedAt ?? 0;
  }

  /** The catalogue being served, or null before the first successful fetch (and no cache). */
  current(): CachedCatalogue | null {
    return this.catalogue;
  }

  status(): { version: number; fetchedAt: string; fromCache: boolean } | null {
    if (!this.catalogue) return null;
    return {
      version: this.catalogue.version,
      fetchedAt: new Date(this.fetchedAt).toISOString(),
      fromCache: !this.fresh,
    };
  }

  /** Brings the copy up to date; one refresh at a time (callers during one share its result). */
  refresh(): Promise<RefreshResult> {
    this.inFlight ??= this.doRefresh().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** Resolves when no refresh is running (for shutdown). */
  async idle(): Promise<void> {
    await this.inFlight?.catch(() => undefined);
  }

  private fail(step: string, outcome: Exclude<CentralOutcome<unknown>, { kind: 'ok' }>): RefreshResult {
    const reason =
      outcome.kind === 'rejected'
        ? `HTTP ${outcome.status} ${outcome.code}`
        : `${outcome.kind}: ${outcome.reason}`;
    this.fresh = false;
    this.options.logger.warn('catalogue.sync-failed', {
      step,
      reason,
      cachedVersion: this.catalogue?.version ?? null,
    });
    return 'failed';
  }

  private async doRefresh(): Promise<RefreshResult> {
    const { central, regionCode, logger, clock } = this.options;
    if (this.catalogue) {
      const changes = await central.changesSince(this.catalogue.version);
      if (changes.kind !== 'ok') return this.fail('changes', changes);
      if (changes.body.changes.length === 0 && changes.body.version <= this.catalogue.version) {
        this.fresh = true;
        logger.info('catalogue.synced', { version: this.catalogue.version, changed: false });
        return 'unchanged';
      }
    }
    const [departments, items, bundles] = await Promise.all([
      central.departments(),
      central.items(regionCode),
      central.bundles(regionCode),
    ]);
    if (departments.kind !== 'ok') return this.fail('departments', departments);
    if (items.kind !== 'ok') return this.fail('items', items);
    if (bundles.kind !== 'ok') return this.fail('bundles', bundles);
    // The three lists may straddle an edit; the oldest version makes the next check fetch again.
    const version = Math.min(departments.body.version, items.body.version, bundles.body.version);
    const next: CachedCatalogue = {
      version,
      regionCode,
      departments: departments.body.departments,
      items: items.body.items,
      bundles: bundles.body.bundles,
    };
    const now = clock.now();
    this.catalogue = next;
    this.fetchedAt = now;
    this.fresh = true;
    try {
      storeWrite(() => this.options.cache.put(this.resource, next, String(version), now));
    } catch (err) {
      // Served from memory for now; the next start fetches again.
      logger.error('store.unavailable', { detail: (err as Error).message });
    }
    logger.info('catalogue.synced', { version, changed: true, items: next.items.length });
    return 'updated';
  }

  // ---- Views for the /api routes (null: nothing cached and the central unreachable) ----

  private departmentName(item: ServiceItem): LocalizedText {
    const d = this.catalogue?.departments.find((x) => x.departmentId === item.departmentId);
    return d?.name ?? DEPT_FALLBACK(item.departmentName);
  }

  private itemSummary(item: ServiceItem): GuideItemSummary {
    return {
      itemCode: item.itemCode,
      name: item.name,
      departmentName: this.departmentName(item),
      suspended: item.suspended,
    };
  }

  private bundleSummary(b: Bundle): GuideBundleSummary {
    return {
      bundleCode: b.bundleCode,
      name: b.name,
      description: catalogueText(b.description, b.descriptionEn),
      itemCount: b.items.length,
    };
  }

  overview(): { bundles: GuideBundleSummary[]; departments: GuideDepartmentSummary[] } | null {
    const c = this.catalogue;
    if (!c) return null;
    const counts = new Map<string, number>();
    for (const i of c.items) counts.set(i.departmentId, (counts.get(i.departmentId) ?? 0) + 1);
    return {
      bundles: c.bundles.map((b) => this.bundleSummary(b)),
      departments: c.departments
        .filter((d) => counts.has(d.departmentId))
        .map((d) => ({ departmentId: d.departmentId, name: d.name, itemCount: counts.get(d.departmentId)! })),
    };
  }

  department(departmentId: string): { department: GuideDepartmentSummary; items: GuideItemSummary[] } | null {
    const c = this.catalogue;
    const d = c?.departments.find((x) => x.departmentId === departmentId);
    if (!c || !d) return null;
    const items = c.items.filter((i) => i.departmentId === departmentId);
    return {
      department: { departmentId, name: d.name, itemCount: items.length },
      items: items.map((i) => this.itemSummary(i)),
    };
  }

  bundle(bundleCode: string): GuideBundle | null {
    const c = this.catalogue;
    const b = c?.bundles.find((x) => x.bundleCode === bundleCode);
    if (!c || !b) return null;
    return {
      ...this.bundleSummary(b),
      promisedDays: b.promisedDays,
      items: b.items.map((bi) => {
        const item = c.items.find((i) => i.itemCode === bi.itemCode);
        return item
          ? this.itemSummary(item)
          : { itemCode: bi.itemCode, name: bi.name, departmentName: DEPT_FALLBACK(''), suspended: false };
      }),
      materials: materials(b.materials),
    };
  }

  item(itemCode: string): GuideItem | null {
    const item = this.catalogue?.items.find((i) => i.itemCode === itemCode);
    if (!item) return null;
    return {
      itemCode: item.itemCode,
      implementingCode: item.implementingCode,
      name: item.name,
      departmentName: this.departmentName(item),
      suspended: item.suspended,
      conditions: item.conditions.map((c, i) => catalogueText(c, item.conditionsEn?.[i])),
      fees: item.fees.map((f) => ({
        name: catalogueText(f.name, f.nameEn),
        amountFen: f.amountFen,
        basis: catalogueText(f.basis, f.basisEn),
      })),
      promisedDays: item.promisedDays,
      legalDays: item.legalDays,
      hallName: this.options.hallName,
      queueCategory: item.queueCategory,
      channels: item.channels,
      materials: materials(item.materials),
      reduction: item.reduction,
    };
  }

  private searchIndex(c: CachedCatalogue): Map<string, IndexedEntry> {
    if (this.index?.of === c) return this.index.entries;
    const deptAliases = new Map(c.departments.map((d) => [d.departmentId, d.aliases ?? []]));
    const entries = new Map<string, IndexedEntry>();
    for (const i of c.items) {
      entries.set(
        `item:${i.itemCode}`,
        indexEntry({
          code: i.itemCode,
          name: i.name,
          aliases: i.aliases ?? [],
          departmentAliases: deptAliases.get(i.departmentId) ?? [],
        }),
      );
    }
    for (const b of c.bundles) {
      entries.set(
        `bundle:${b.bundleCode}`,
        indexEntry({ code: b.bundleCode, name: b.name, aliases: b.aliases ?? [] }),
      );
    }
    this.index = { of: c, entries };
    return entries;
  }

  /**
   * Items and life events as people ask for them (see search.ts): the exact name first, then
   * the entry's aliases (社保, SB), its department's (医保局), its pinyin initials (bdc), its full
   * pinyin (budongchan), and last a part of the name (Chinese or English) or the start of the code.
   */
  search(rawQuery: string): { bundles: GuideBundleSummary[]; items: GuideItemSummary[] } | null {
    const c = this.catalogue;
    if (!c) return null;
    const index = this.searchIndex(c);
    return {
      bundles: rankEntries(c.bundles, (b) => index.get(`bundle:${b.bundleCode}`)!, rawQuery)
        .slice(0, SEARCH_LIMIT)
        .map((b) => this.bundleSummary(b)),
      items: rankEntries(c.items, (i) => index.get(`item:${i.itemCode}`)!, rawQuery)
        .slice(0, SEARCH_LIMIT)
        .map((i) => this.itemSummary(i)),
    };
  }
}
