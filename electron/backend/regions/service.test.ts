import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { seedRegions } from '../../../central/catalogue/seed-data';
import { ManualClock } from '../../../domain/clock';
import type { CentralOutcome } from '../central-connection/connection';
import { createTestLogger } from '../logging/logger';
import { openKioskDatabase } from '../store/database';
import { DownstreamCache } from '../store/downstream-cache';
import { registerRegionRoutes } from './routes';
import { RegionDirectory } from './service';

const REGIONS = seedRegions.map((r) => ({
  regionCode: r.code,
  level: r.level,
  parentCode: r.parent,
  name: { zh: r.zh, en: r.en },
}));

type Answer = CentralOutcome<{ version: number; regions: typeof REGIONS }>;

function setUp(first: Answer, regionCode = '330102000000') {
  let answer = first;
  const db = openKioskDatabase(join(mkdtempSync(join(tmpdir(), 'kiosk-regions-')), 'kiosk.db'));
  const cache = new DownstreamCache(db);
  const logger = createTestLogger();
  const places: string[][] = [];
  const make = () =>
    new RegionDirectory({
      central: { regions: () => Promise.resolve(answer) },
      cache,
      clock: new ManualClock(0),
      logger,
      regionCode,
      onPlaces: (names) => places.push(names),
    });
  return { make, logger, places, answerWith: (a: Answer) => (answer = a) };
}

const OK: Answer = { kind: 'ok', status: 200, body: { version: 3, regions: REGIONS }, replayed: false };
const OFFLINE: Answer = { kind: 'retry', reason: 'ECONNREFUSED', offline: true };

describe('the region directory for postal addresses', () => {
  it('names an address from the city down, for a district hall too, and refuses codes it cannot name', async () => {
    const { make } = setUp(OK);
    const regions = make();
    await regions.refresh();
    expect(regions.cityCode()).toBe('330100000000');
    expect(regions.list().map((r) => r.name.zh)).toContain('西溪街道');
    expect(regions.addressOf('330106004000')).toBe('杭州市西湖区西溪街道');
    expect(regions.addressOf('330106000000')).toBe('杭州市西湖区');
    expect(regions.addressOf('330100000000')).toBeNull();
    expect(regions.addressOf('110101000000')).toBeNull();
  });

  it('tells the pinyin input the place names, and keeps the list for a restart offline', async () => {
    const { make, places, answerWith, logger } = setUp(OK);
    await make().refresh();
    expect(places.at(-1)).toEqual(expect.arrayContaining(['杭州市', '西湖区', '文二社区']));
    answerWith(OFFLINE);
    const restarted = make();
    await restarted.refresh();
    expect(restarted.addressOf('330102001000')).toBe('杭州市上城区湖滨街道');
    expect(places).toHaveLength(2);
    expect(logger.events('regions.sync-failed')).toEqual([
      expect.objectContaining({ reason: 'ECONNREFUSED', cached: true }),
    ]);
  });

  it('answers /api/regions, and says plainly when none was ever fetched', async () => {
    const { make, answerWith } = setUp(OFFLINE);
    const regions = make();
    const app = Fastify();
    const logger = createTestLogger();
    registerRegionRoutes(app, regions, { logger, simulated: true });
    const down = await app.inject({ method: 'GET', url: '/api/regions' });
    expect(down.statusCode).toBe(503);
    expect(down.json().error.code).toBe('central-unreachable');
    answerWith(OK);
    const up = await app.inject({ method: 'GET', url: '/api/regions' });
    expect(up.statusCode).toBe(200);
    expect(up.json().cityCode).toBe('330100000000');
    expect(up.json().regions).toHaveLength(REGIONS.length);
  });
});
