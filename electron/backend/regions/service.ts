import type { Clock } from '../../../domain/clock';
import type { KioskLogger } from '../logging/logger';
import type { DownstreamCache } from '../store/downstream-cache';
import type { CentralRegionsClient } from './central';
import type { KioskRegion } from './contract';

const RESOURCE = 'catalogue:regions';

interface CachedRegions {
  version: number;
  regions: KioskRegion[];
}

export interface RegionDirectoryOptions {
  central: Pick<CentralRegionsClient, 'regions'>;
  cache: DownstreamCache;
  clock: Clock;
  logger: KioskLogger;
  /** The hall's region (kiosk configuration): its city heads every address. */
  regionCode: string;
  /** Told the place names whenever the list changes (the pinyin input weights them up). */
  onPlaces?: (names: string[]) => void;
}

/**
 * The central's region codes for postal addresses, fetched at start and when the link comes back,
 * kept in the store so an address can still be entered offline after a restart.
 */
export class RegionDirectory {
  private current: CachedRegions | null;

  constructor(private readonly options: RegionDirectoryOptions) {
    this.current = options.cache.get<CachedRegions>(RESOURCE)?.body ?? null;
    if (this.current) this.tellPlaces();
  }

  async refresh(): Promise<void> {
    const outcome = await this.options.central.regions();
    if (outcome.kind !== 'ok') {
      this.options.logger.warn('regions.sync-failed', {
        reason: outcome.kind === 'rejected' ? outcome.code : outcome.reason,
        cached: this.current !== null,
      });
      return;
    }
    const next: CachedRegions = {
      version: outcome.body.version,
      regions: outcome.body.regions.map((r) => ({
        regionCode: r.regionCode,
        level: r.level,
        parentCode: r.parentCode,
        name: { zh: r.name.zh, en: r.name.en },
      })),
    };
    this.current = next;
    this.options.cache.put(RESOURCE, next, String(next.version), this.options.clock.now());
    this.tellPlaces();
  }

  private tellPlaces(): void {
    this.options.onPlaces?.(this.list().map((r) => r.name.zh));
  }

  /** The city of the hall, or the hall's own region when it is the city. */
  cityCode(): string {
    const byCode = new Map((this.current?.regions ?? []).map((r) => [r.regionCode, r]));
    let region = byCode.get(this.options.regionCode);
    while (region && region.level !== 'city' && region.parentCode) region = byCode.get(region.parentCode);
    return region?.regionCode ?? this.options.regionCode;
  }

  /** The city and every region under it: what an address at this hall is picked from. */
  list(): KioskRegion[] {
    const all = this.current?.regions ?? [];
    const city = this.cityCode();
    const inCity = new Set([city]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const r of all) {
        if (r.parentCode && inCity.has(r.parentCode) && !inCity.has(r.regionCode)) {
          inCity.add(r.regionCode);
          grew = true;
        }
      }
    }
    return all.filter((r) => inCity.has(r.regionCode));
  }

  /**
   * The names from the city down to `regionCode` (杭州市西湖区西溪街道), or null when the code is
   * not one of this city's regions: an address is never built on a code the kiosk cannot name.
   */
  addressOf(regionCode: string): string | null {
    const byCode = new Map(this.list().map((r) => [r.regionCode, r]));
    const names: string[] = [];
    let region = byCode.get(regionCode);
    if (!region || region.level === 'city') return null;
    while (region) {
      names.unshift(region.name.zh);
      region = region.parentCode ? byCode.get(region.parentCode) : undefined;
    }
    return names.join('');
  }
}
