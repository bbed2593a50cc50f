import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bundle, Department, ServiceItem } from '../../../central/catalogue/contract';
import { ManualClock } from '../../../domain/clock';
import { createTestLogger } from '../logging/logger';
import { openKioskDatabase, type KioskDatabase } from '../store/database';
import { DownstreamCache } from '../store/downstream-cache';
import { CentralCatalogueClient } from './central';
import { ServiceGuide } from './service';

const REGION = '330100000000';

const departments: Department[] = [
  { departmentId: 'GT', name: { zh: '市规划和自然资源局', en: 'Planning Bureau' }, regionCode: REGION },
  {
    departmentId: 'RS',
    name: { zh: '市人力资源和社会保障局', en: 'HR and Social Security' },
    regionCode: REGION,
  },
  { departmentId: 'EMPTY', name: { zh: '市档案馆', en: 'Archives' }, regionCode: REGION },
];

function item(itemCode: string, zh: string, en: string, departmentId: string): ServiceItem {
  return {
    itemCode,
    implementingCode: `${itemCode}-1-${REGION}`,
    name: { zh, en },
    kind: 'QR',
    scope: 'city-wide',
    level: 'city',
    regionCode: REGION,
    departmentId,
    departmentName: departments.find((d) => d.departmentId === departmentId)!.name.zh,
    queueCategory: 'B',
    conditions: ['申请人为不动产权利人'],
    materials: [
      {
        code: 'ID',
        name: { zh: '居民身份证', en: 'Resident ID card' },
        form: 'electronic',
        cancellation: { rule: 'e-certificate', basis: '居民身份证电子证照' },
        citizenAction: 'none',
      },
      {
        code: 'SALE',
        name: { zh: '房屋买卖合同', en: 'Property sale contract' },
        form: 'original',
        cancellation: { rule: 'kept' },
        citizenAction: 'provide',
      },
      {
        code: 'MARITAL',
        name: { zh: '婚姻状况证明', en: 'Proof of marital status' },
        form: 'original',
        cancellation: { rule: 'commitment', basis: '告知承诺制' },
        citizenAction: 'sign-commitment',
      },
      {
        code: 'KIN',
        name: { zh: '亲属关系证明', en: 'Proof of kinship' },
        form: 'copy',
        cancellation: { rule: 'no-legal-basis', basis: '无法律法规依据，一律取消' },
        citizenAction: 'none',
      },
      {
        code: 'TAX',
        name: { zh: '完税凭证', en: 'Tax voucher' },
        form: 'copy',
        cancellation: { rule: 'online-verification', basis: '税务系统在线核验' },
        citizenAction: 'none',
      },
    ],
    fees: [{ name: '不动产登记费', amountFen: 8000, basis: '发改价格规〔2016〕2559号' }],
    promisedDays: 1,
    legalDays: 30,
    channels: ['window', 'kiosk'],
    reduction: { materialsListed: 5, materialsToProvide: 1 },
    suspended: false,
  };
}

/** A central with a catalogue that can change, go offline, and counts what it was asked. */
class FakeCentral {
  version = 1;
  online = true;
  items: ServiceItem[] = [
    item('QR01001001', '国有建设用地使用权及房屋所有权转移登记（二手房买卖）', 'Resale home transfer', 'GT'),
    item('QR01003001', '不动产抵押权首次登记', 'Real estate mortgage registration', 'GT'),
    item('GG02002001', '社会保障卡申领', 'Social security card application', 'RS'),
  ];
  bundles: Bundle[] = [
    {
      bundleCode: 'BD-HOMESALE',
      name: { zh: '二手房交易登记“一件事”', en: 'Resale home “one thing”' },
      description: '税费申报、转移登记一窗联办',
      leadDepartmentId: 'GT',
      items: [
        {
          itemCode: 'QR01001001',
          implementingCode: 'x',
          name: { zh: '转移登记', en: 'Transfer' },
          departmentId: 'GT',
        },
      ],
      materials: this.items[0]!.materials.map((m) => ({ ...m, usedBy: ['QR01001001'] })),
      promisedDays: 1,
    },
  ];
  requests: string[] = [];

  fetch = async (input: URL | RequestInfo): Promise<Response> => {
    const url = new URL(String(input));
    this.requests.push(url.pathname + url.search);
    if (!this.online) {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    }
    const v = this.version;
    const json = (body: unknown) =>
      new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    switch (url.pathname) {
      case '/v1/catalogue/departments':
        return json({ version: v, departments });
      case '/v1/catalogue/items':
        return json({ version: v, regionCode: REGION, items: this.items });
      case '/v1/catalogue/bundles':
        return json({ version: v, regionCode: REGION, bundles: this.bundles });
      case '/v1/catalogue/changes': {
        const since = Number(url.searchParams.get('since'));
        const changes =
          since < v ? [{ version: v, kind: 'item', key: 'QR01003001', op: 'upsert', document: {} }] : [];
        return json({ since, version: v, changes });
      }
      default:
        return new Response('{}', { status: 404 });
    }
  };
}

describe('ServiceGuide: the catalogue cache', () => {
  let db: KioskDatabase;
  let central: FakeCentral;
  let clock: ManualClock;
  const logger = createTestLogger();

  const makeGuide = () =>
    new ServiceGuide({
      central: new CentralCatalogueClient({
        baseUrl: 'http://central.test',
        deviceToken: 't',
        fetch: central.fetch,
      }),
      cache: new DownstreamCache(db),
      clock,
      logger,
      regionCode: REGION,
      hallName: '市民服务中心',
    });

  beforeEach(() => {
    db = openKioskDatabase(join(mkdtempSync(join(tmpdir(), 'kiosk-guide-')), 'kiosk.db'));
    central = new FakeCentral();
    clock = new ManualClock();
  });
  afterEach(() => db.close());

  it('fetches the whole catalogue at first, then only asks for changes', async () => {
    const guide = makeGuide();
    expect(guide.current()).toBeNull();
    expect(await guide.refresh()).toBe('updated');
    expect(central.requests.sort()).toEqual([
      `/v1/catalogue/bundles?regionCode=${REGION}`,
      '/v1/catalogue/departments',
      `/v1/catalogue/items?regionCode=${REGION}`,
    ]);
    expect(guide.status()).toEqual({
      version: 1,
      fetchedAt: new Date(clock.now()).toISOString(),
      fromCache: false,
    });

    central.requests = [];
    expect(await guide.refresh()).toBe('unchanged');
    expect(central.requests).toEqual(['/v1/catalogue/changes?since=1']);
  });

  it('refetches when the central reports changes since the cached version', async () => {
    const guide = makeGuide();
    await guide.refresh();
    central.version = 2;
    central.items = central.items.map((i) => (i.itemCode === 'QR01003001' ? { ...i, promisedDays: 3 } : i));
    await clock.advance(60_000);
    expect(await guide.refresh()).toBe('updated');
    expect(guide.status()?.version).toBe(2);
    expect(guide.item('QR01003001')?.promisedDays).toBe(3);
  });

  it('shares one refresh between concurrent callers', async () => {
    const guide = makeGuide();
    const [a, b] = await Promise.all([guide.refresh(), guide.refresh()]);
    expect([a, b]).toEqual(['updated', 'updated']);
    expect(central.requests).toHaveLength(3);
  });

  it('serves the cached copy while offline, across a restart', async () => {
    const first = makeGuide();
    await first.refresh();
    const fetchedAt = clock.now();

    await clock.advance(3_600_000);
    central.online = false;
    const restarted = makeGuide();
    // Before any answer from the central: the copy from the store, marked as such.
    expect(restarted.status()).toEqual({
      version: 1,
      fetchedAt: new Date(fetchedAt).toISOString(),
      fromCache: true,
    });
    expect(await restarted.refresh()).toBe('failed');
    expect(restarted.status()?.fromCache).toBe(true);
    expect(restarted.search('bdc')?.items.map((i) => i.itemCode)).toEqual(['QR01003001']);
    expect(restarted.item('QR01001001')?.materials.toBring.map((m) => m.code)).toEqual(['SALE']);
    expect(logger.lines.join('\n')).toContain('"event":"catalogue.sync-failed"');

    central.online = true;
    expect(await restarted.refresh()).toBe('unchanged');
    expect(restarted.status()?.fromCache).toBe(false);
  });

  it('has nothing to serve before the first fetch when the central is unreachable', async () => {
    central.online = false;
    const guide = makeGuide();
    expect(await guide.refresh()).toBe('failed');
    expect(guide.current()).toBeNull();
    expect(guide.overview()).toBeNull();
    expect(guide.search('bdc')).toBeNull();
  });

  it('keeps the old copy when one list fails', async () => {
    const guide = makeGuide();
    await guide.refresh();
    central.version = 2;
    const realFetch = central.fetch;
    central.fetch = async (input) =>
      String(input).includes('/bundles') ? new Response('oops', { status: 502 }) : realFetch(input);
    const broken = makeGuide();
    expect(await broken.refresh()).toBe('failed');
    expect(broken.status()?.version).toBe(1);
  });
});

describe('ServiceGuide: views and search', () => {
  let guide: ServiceGuide;
  let db: KioskDatabase;

  beforeEach(async () => {
    db = openKioskDatabase(join(mkdtempSync(join(tmpdir(), 'kiosk-guide-')), 'kiosk.db'));
    const central = new FakeCentral();
    guide = new ServiceGuide({
      central: new CentralCatalogueClient({
        baseUrl: 'http://central.test',
        deviceToken: 't',
        fetch: central.fetch,
      }),
      cache: new DownstreamCache(db),
      clock: new ManualClock(),
      logger: createTestLogger(),
      regionCode: REGION,
      hallName: '市民服务中心',
    });
    await guide.refresh();
  });
  afterEach(() => db.close());

  it('lists life events and the departments that have items', () => {
    const o = guide.overview()!;
    expect(o.bundles).toEqual([expect.objectContaining({ bundleCode: 'BD-HOMESALE', itemCount: 1 })]);
    expect(o.departments.map((d) => [d.departmentId, d.itemCount])).toEqual([
      ['GT', 2],
      ['RS', 1],
    ]);
    expect(guide.department('RS')?.items.map((i) => i.itemCode)).toEqual(['GG02002001']);
    expect(guide.department('NOPE')).toBeNull();
  });

  it('searches by pinyin initials, Chinese, English and code', () => {
    expect(guide.search('bdc')!.items.map((i) => i.itemCode)).toEqual(['QR01003001']);
    expect(guide.search('BDC')!.items.map((i) => i.itemCode)).toEqual(['QR01003001']);
    // A run inside the name: 二手房 in the transfer item and in the life event.
    expect(guide.search('esf')!.items.map((i) => i.itemCode)).toEqual(['QR01001001']);
    expect(guide.search('esf')!.bundles.map((b) => b.bundleCode)).toEqual(['BD-HOMESALE']);
    expect(guide.search('社会保障')!.items.map((i) => i.itemCode)).toEqual(['GG02002001']);
    expect(guide.search('social')!.items.map((i) => i.itemCode)).toEqual(['GG02002001']);
    expect(guide.search('GG020')!.items.map((i) => i.itemCode)).toEqual(['GG02002001']);
    expect(guide.search('zzz')!.items).toEqual([]);
  });

  it('ranks a match at the start of the name first', () => {
    // "Resale…" and "Real estate…" start with r (then catalogue order); "Social security…" has one inside.
    expect(guide.search('r')!.items.map((i) => i.itemCode)).toEqual([
      'QR01001001',
      'QR01003001',
      'GG02002001',
    ]);
    // "dj" (登记) is in two names: the one where it comes sooner first.
    expect(guide.search('dj')!.items.map((i) => i.itemCode)).toEqual(['QR01003001', 'QR01001001']);
  });

  it("splits an item's materials into what to bring and what was dropped, with why", () => {
    const it = guide.item('QR01001001')!;
    expect(it.materials.toBring).toEqual([
      { code: 'SALE', name: { zh: '房屋买卖合同', en: 'Property sale contract' }, form: 'original' },
    ]);
    expect(it.materials.dropped.map((m) => [m.code, m.reason, m.basis?.zh])).toEqual([
      ['ID', 'e-certificate', '居民身份证电子证照'],
      ['MARITAL', 'commitment', '告知承诺制'],
      ['KIN', 'no-legal-basis', '无法律法规依据，一律取消'],
      ['TAX', 'online-verification', '税务系统在线核验'],
    ]);
    // The fixture's catalogue has no English for these: each says so instead of passing Chinese off as English.
    expect(it.materials.dropped[0]!.basis).toEqual({
      zh: '居民身份证电子证照',
      en: '居民身份证电子证照',
      enMissing: true,
    });
    expect(it.conditions).toEqual([
      { zh: '申请人为不动产权利人', en: '申请人为不动产权利人', enMissing: true },
    ]);
    expect(it).toMatchObject({
      hallName: '市民服务中心',
      queueCategory: 'B',
      departmentName: { zh: '市规划和自然资源局', en: 'Planning Bureau' },
      fees: [{ amountFen: 8000, name: { zh: '不动产登记费', enMissing: true } }],
      promisedDays: 1,
      legalDays: 30,
    });
    expect(guide.item('XX00000000')).toBeNull();
  });

  it("gives a life event's merged materials and its items", () => {
    const b = guide.bundle('BD-HOMESALE')!;
    expect(b.items.map((i) => i.itemCode)).toEqual(['QR01001001']);
    expect(b.materials.toBring.map((m) => m.code)).toEqual(['SALE']);
    expect(b.materials.dropped).toHaveLength(4);
  });
});

describe("ServiceGuide: the catalogue's English on the guide", () => {
  it('serves the English conditions, fees, bases and description the central sends', async () => {
    const db = openKioskDatabase(join(mkdtempSync(join(tmpdir(), 'kiosk-guide-')), 'kiosk.db'));
    const central = new FakeCentral();
    const base = central.items[1]!;
    central.items[1] = {
      ...base,
      conditionsEn: ['The applicant holds the property right'],
      fees: [{ ...base.fees[0]!, nameEn: 'Registration fee', basisEn: 'NDRC [2016] No. 2559' }],
      materials: base.materials.map((m) =>
        m.code === 'ID' ? { ...m, cancellation: { ...m.cancellation, basisEn: 'ID e-certificate' } } : m,
      ),
    };
    central.bundles[0] = { ...central.bundles[0]!, descriptionEn: 'Taxes and transfer at one window' };
    const guide = new ServiceGuide({
      central: new CentralCatalogueClient({
        baseUrl: 'http://central.test',
        deviceToken: 't',
        fetch: central.fetch,
      }),
      cache: new DownstreamCache(db),
      clock: new ManualClock(),
      logger: createTestLogger(),
      regionCode: REGION,
      hallName: '市民服务中心',
    });
    await guide.refresh();
    const item = guide.item('QR01003001')!;
    expect(item.conditions).toEqual([
      { zh: '申请人为不动产权利人', en: 'The applicant holds the property right' },
    ]);
    expect(item.fees).toEqual([
      {
        name: { zh: '不动产登记费', en: 'Registration fee' },
        amountFen: 8000,
        basis: { zh: '发改价格规〔2016〕2559号', en: 'NDRC [2016] No. 2559' },
      },
    ]);
    expect(item.materials.dropped.find((m) => m.code === 'ID')!.basis).toEqual({
      zh: '居民身份证电子证照',
      en: 'ID e-certificate',
    });
    expect(guide.bundle('BD-HOMESALE')!.description).toEqual({
      zh: '税费申报、转移登记一窗联办',
      en: 'Taxes and transfer at one window',
    });
    db.close();
  });

  it('finds items by the aliases served with the catalogue', async () => {
    const db = openKioskDatabase(join(mkdtempSync(join(tmpdir(), 'kiosk-guide-')), 'kiosk.db'));
    const central = new FakeCentral();
    central.items[2] = { ...central.items[2]!, aliases: ['社保卡', '社保', 'SB'] };
    const guide = new ServiceGuide({
      central: new CentralCatalogueClient({
        baseUrl: 'http://central.test',
        deviceToken: 't',
        fetch: central.fetch,
      }),
      cache: new DownstreamCache(db),
      clock: new ManualClock(),
      logger: createTestLogger(),
      regionCode: REGION,
      hallName: '市民服务中心',
    });
    await guide.refresh();
    for (const q of ['SB', 'sb', '社保', 'shebao', '社保卡']) {
      expect(
        guide.search(q)!.items.map((i) => i.itemCode),
        q,
      ).toEqual(['GG02002001']);
    }
    db.close();
  });
});
