import { describe, expect, it } from 'vitest';
import { STAFF, useCentralWithStaff } from '../cases/test-support';
import {
  bundleResponseSchema,
  catalogueChangesResponseSchema,
  itemResponseSchema,
  listBundlesResponseSchema,
  listDepartmentsResponseSchema,
  listItemsResponseSchema,
  type ServiceItem,
} from '../contract';
import { TOKEN } from '../test-support';
import { SHANGCHENG, XIHU } from './seed-data';

const { api } = useCentralWithStaff();

async function items(query = ''): Promise<ServiceItem[]> {
  const res = await api.get(`/v1/catalogue/items${query}`);
  expect(res.status, res.text).toBe(200);
  return listItemsResponseSchema.parse(res.json).items;
}

async function item(code: string, regionCode?: string) {
  return api.get(`/v1/catalogue/items/${code}${regionCode ? `?regionCode=${regionCode}` : ''}`);
}

describe('catalogue sample data', () => {
  it('has at least 27 departments, 80 city items in the ten queue categories A–J and 5 bundles', async () => {
    const depts = listDepartmentsResponseSchema.parse((await api.get('/v1/catalogue/departments')).json);
    expect(depts.departments.length).toBeGreaterThanOrEqual(27);
    const city = await items();
    expect(city).toHaveLength(80);
    const perCategory = new Map<string, number>();
    for (const i of city) perCategory.set(i.queueCategory, (perCategory.get(i.queueCategory) ?? 0) + 1);
    expect([...perCategory.keys()].sort().join('')).toBe('ABCDEFGHIJ');
    expect(new Set(city.map((i) => i.itemCode)).size).toBe(80);
    for (const i of city) {
      expect(i.itemCode).toMatch(/^[A-Z]{2}\d{8}$/);
      expect(i.implementingCode).toBe(`${i.itemCode}-1-330100000000`);
      expect(depts.departments.some((d) => d.departmentId === i.departmentId)).toBe(true);
    }
    const bundles = listBundlesResponseSchema.parse((await api.get('/v1/catalogue/bundles')).json);
    expect(bundles.bundles).toHaveLength(5);
  });

  it('names every material with its cancellation rule and what the citizen has to do', async () => {
    const rules = new Set<string>();
    for (const i of await items()) {
      for (const m of i.materials) {
        rules.add(m.cancellation.rule);
        const expected =
          m.cancellation.rule === 'kept'
            ? 'provide'
            : m.cancellation.rule === 'commitment'
              ? 'sign-commitment'
              : 'none';
        expect(m.citizenAction).toBe(expected);
        expect(m.name.zh).not.toBe(m.code);
      }
      expect(i.reduction.materialsListed).toBe(i.materials.length);
    }
    expect([...rules].sort()).toEqual([
      'commitment',
      'e-certificate',
      'kept',
      'no-legal-basis',
      'online-verification',
    ]);
  });

  it('filters by category, department and name', async () => {
    expect((await items('?category=I')).every((i) => i.queueCategory === 'I')).toBe(true);
    expect((await items('?departmentId=330100-GJJ')).length).toBe(8);
    const found = await items(`?q=${encodeURIComponent('护照')}`);
    expect(found.map((i) => i.itemCode).sort()).toEqual(['GG08001001', 'GG08005001']);
    expect((await items('?q=passport')).length).toBe(2);
  });
});

describe('以上带下: district variants and local items', () => {
  it('resolves the same city item to different district variants', async () => {
    const city = itemResponseSchema.parse((await item('JF00201001')).json).item;
    const sc = itemResponseSchema.parse((await item('JF00201001', SHANGCHENG)).json).item;
    const xh = itemResponseSchema.parse((await item('JF00201001', XIHU)).json).item;
    expect(city.scope).toBe('city-wide');
    expect([sc.scope, xh.scope]).toEqual(['district-variant', 'district-variant']);
    expect(sc.name).toEqual(city.name);
    expect(sc.implementingCode).toBe('JF00201001-2-330102000000');
    expect(xh.implementingCode).toBe('JF00201001-2-330106000000');
    expect([sc.departmentId, xh.departmentId]).toEqual(['330102-MZ', '330106-MZ']);
    expect(sc.promisedDays).not.toBe(xh.promisedDays);
    expect(sc.conditions).not.toEqual(xh.conditions);
    expect(sc.materials.find((m) => m.code === 'FAMINC')?.cancellation.rule).toBe('commitment');
    expect(xh.materials.find((m) => m.code === 'FAMINC')?.cancellation.rule).toBe('kept');
    // A community inside the district gets the district's variant.
    const community = itemResponseSchema.parse((await item('JF00201001', '330102001001')).json).item;
    expect(community.implementingCode).toBe(sc.implementingCode);
  });

  it('offers a local item only inside its own district', async () => {
    expect((await item('JF10001001', SHANGCHENG)).status).toBe(200);
    expect((await item('JF10001001', '330102002000')).status).toBe(200);
    for (const region of [XIHU, '330100000000']) {
      const res = await item('JF10001001', region);
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe('unknown-item');
    }
    expect((await items(`?regionCode=${SHANGCHENG}`)).length).toBe(81);
    expect((await items(`?regionCode=${XIHU}`)).length).toBe(81);
  });
});

describe('一件事 bundles', () => {
  it('merges the materials of items from several departments into one de-duplicated list', async () => {
    const res = await api.get('/v1/catalogue/bundles/BD-HOMESALE');
    const { bundle } = bundleResponseSchema.parse(res.json);
    expect(new Set(bundle.items.map((i) => i.departmentId)).size).toBeGreaterThanOrEqual(3);
    const codes = bundle.materials.map((m) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(bundle.materials.find((m) => m.code === 'SALE')?.usedBy.sort()).toEqual(
      ['QR01001001', 'QT05003001', 'QT05004001'].sort(),
    );
    expect(bundle.materials.find((m) => m.code === 'ID')?.usedBy).toHaveLength(4);
    const separately = bundle.items.length;
    expect(separately).toBe(4);
  });

  it('keeps the most demanding rule when items treat a shared material differently', async () => {
    const { bundle } = bundleResponseSchema.parse((await api.get('/v1/catalogue/bundles/BD-BIRTH')).json);
    // HK is an e-certificate for every item here; MAR is too; no material appears twice.
    expect(bundle.materials.filter((m) => m.code === 'HK')).toHaveLength(1);
    const { bundle: retire } = bundleResponseSchema.parse(
      (await api.get('/v1/catalogue/bundles/BD-RETIRE')).json,
    );
    // RETIREAGE is kept for the retirement application, verified online for the fund withdrawal.
    expect(retire.materials.find((m) => m.code === 'RETIREAGE')?.cancellation.rule).toBe('kept');
  });

  it('answers unknown and malformed bundle codes', async () => {
    expect((await api.get('/v1/catalogue/bundles/BD-NOSUCH')).json.error.code).toBe('unknown-bundle');
    expect((await api.get('/v1/catalogue/bundles/not-a-code')).status).toBe(400);
  });
});

describe('versions, ETag and changes', () => {
  it('answers 304 for the current ETag, and a manager edit makes a new version with its change', async () => {
    const first = await api.get('/v1/catalogue/items?category=B');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"catalogue-v\d+"$/);
    const cached = await api.get('/v1/catalogue/items?category=B', TOKEN, { 'if-none-match': etag });
    expect(cached.status).toBe(304);
    expect(cached.text).toBe('');
    const before = catalogueChangesResponseSchema.parse(
      (await api.get('/v1/catalogue/changes?since=0')).json,
    );
    expect(before.changes.length).toBeGreaterThan(80);

    const edit = await api.patch(
      '/v1/staff/catalogue/items/QR01004001',
      { promisedDays: 0, channels: ['window', 'kiosk'] },
      STAFF.manager,
    );
    expect(edit.status, edit.text).toBe(200);
    expect(edit.json.version).toBe(before.version + 1);
    expect(edit.json.item.channels).toEqual(['window', 'kiosk']);

    const fresh = await api.get('/v1/catalogue/items?category=B', TOKEN, { 'if-none-match': etag });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('etag')).toBe(`"catalogue-v${before.version + 1}"`);
    const changes = catalogueChangesResponseSchema.parse(
      (await api.get(`/v1/catalogue/changes?since=${before.version}`)).json,
    );
    expect(changes.changes).toEqual([
      expect.objectContaining({ kind: 'item', key: 'QR01004001', op: 'upsert', version: before.version + 1 }),
    ]);
    expect(changes.changes[0]!.document).toMatchObject({
      itemCode: 'QR01004001',
      channels: ['window', 'kiosk'],
    });
    const none = await api.get(`/v1/catalogue/changes?since=${before.version + 1}`);
    expect(none.json.changes).toEqual([]);
  });

  it('lets only managers edit, and validates the edit', async () => {
    const path = '/v1/staff/catalogue/items/GG08008001';
    expect((await api.patch(path, { promisedDays: 1 }, null)).status).toBe(401);
    for (const token of [TOKEN, STAFF.window, STAFF.approverGt]) {
      const res = await api.patch(path, { promisedDays: 1 }, token);
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe('forbidden');
    }
    expect((await api.patch(path, {}, STAFF.manager)).status).toBe(400);
    expect((await api.patch(path, { promisedDays: -1 }, STAFF.manager)).status).toBe(400);
    expect((await api.patch(path, { channels: ['fax'] }, STAFF.manager)).status).toBe(400);
    // English without the Chinese it translates, or of another length, is refused and says why.
    for (const body of [
      { conditionsEn: ['Searched by the person concerned'] },
      { conditions: ['本人查询'], conditionsEn: ['One', 'Two'] },
    ]) {
      const res = await api.patch(path, body, STAFF.manager);
      expect(res.status).toBe(400);
      expect(res.text).toContain('conditionsEn translates conditions one for one');
    }
    const unknown = await api.patch(
      '/v1/staff/catalogue/items/GG99999999',
      { promisedDays: 1 },
      STAFF.manager,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('unknown-item');
    // Suspending an item takes it out of case submission (see cases tests) but keeps it listed.
    const suspended = await api.patch(path, { suspended: true }, STAFF.manager);
    expect(suspended.json.item.suspended).toBe(true);
  });
});

describe('catalogue errors', () => {
  it('needs a token and validates queries', async () => {
    expect((await api.get('/v1/catalogue/items', null)).status).toBe(401);
    expect((await api.get('/v1/catalogue/items', 'wrong-token')).json.error.code).toBe('unauthorized');
    expect((await api.get('/v1/catalogue/items?regionCode=3301')).status).toBe(400);
    const unknownRegion = await api.get('/v1/catalogue/items?regionCode=999999000000');
    expect(unknownRegion.status).toBe(404);
    expect(unknownRegion.json.error.code).toBe('unknown-region');
    expect((await api.get('/v1/catalogue/items?category=AA')).status).toBe(400);
    expect((await item('XK123')).status).toBe(400);
    expect((await item('XK00000000')).json.error.code).toBe('unknown-item');
    expect((await api.get('/v1/catalogue/changes')).status).toBe(400);
    expect((await api.get('/v1/catalogue/changes?since=-1')).status).toBe(400);
    expect((await api.get('/v1/catalogue/changes?since=abc')).status).toBe(400);
    expect(
      (await api.get('/v1/catalogue/regions', STAFF.approverMz)).json.regions.length,
    ).toBeGreaterThanOrEqual(9);
  });
});
