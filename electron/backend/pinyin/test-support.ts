import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PinyinIndex } from './candidates';
import { loadDictionary, type LoadedDictionary } from './loader';
import { PinyinService } from './service';
import { ManualClock } from '../../../domain/clock';
import { createTestLogger } from '../logging/logger';
import { seedRegions } from '../../../central/catalogue/seed-data';

/**
 * The real dictionary for tests and the bench, its pinyin cached under the system's temporary
 * folder: the first run of a machine builds it (seconds), later runs read it.
 */
export const TEST_CACHE_DIR = join(tmpdir(), 'kiosk-pinyin-cache');

let loaded: Promise<LoadedDictionary> | null = null;
export function testDictionary(): Promise<LoadedDictionary> {
  loaded ??= loadDictionary({ cacheDir: TEST_CACHE_DIR });
  return loaded;
}

/** The seed hall's place names (杭州市, 上城区, 西湖区 ...), as the kiosk gets them from the central. */
export const SEED_PLACE_NAMES = seedRegions.map((r) => r.zh);

/** A service over the real dictionary, with the seed hall's places weighted up. */
export async function testPinyinService(): Promise<{ service: PinyinService; index: PinyinIndex }> {
  const dictionary = await testDictionary();
  const service = new PinyinService({
    load: () => Promise.resolve(dictionary),
    logger: createTestLogger(),
    clock: new ManualClock(0),
  });
  service.setLocalPlaces(SEED_PLACE_NAMES);
  return { service, index: await service.ready() };
}
