import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { caseResponseSchema, lookupCasesResponseSchema, REPLAYED_HEADER } from '../contract';
import { TOKEN } from '../test-support';
import { caseRequest, idNumber, refOf, STAFF, useCentralWithStaff, submit } from './test-support';

const { central, api } = useCentralWithStaff();

const lookup = (citizenRef: string, token: string | null = TOKEN) =>
  api.post('/v1/cases/lookup', { citizenRef }, token);

describe('case submission', () => {
  it('stores a case routed to the item’s department with its first timeline entry', async () => {
    const res = await submit(api, caseRequest({}, 101));
    expect(res.status, res.text).toBe(201);
    const c = caseResponseSchema.parse(res.json).case;
    expect(c.caseNumber).toMatch(/^BJ20261125\d{6}$/);
    expect(c).toMatchObject({
      status: 'submitted',
      itemCode: 'QR01001001',
      implementingCode: 'QR01001001-1-330100000000',
      departmentId: '330100-GT',
      applicantMaskedName: '张**',
      feeFen: 8000,
      dueDate: null,
    });
    expect(c.timeline).toEqual([
      expect.objectContaining({
        action: 'submit',
        fromStatus: null,
        toStatus: 'submitted',
        actorKind: 'citizen',
      }),
    ]);
    expect(res.text).not.toContain(idNumber(101));
  });

  it('routes a district variant to the district department at the district hall', async () => {
    const res = await submit(
      api,
      caseRequest(
        {
          hallId: 'HALL-SC-01',
          itemCode: 'JF00201001',
          materials: [{ code: 'FAMINC', via: 'commitment' }],
        },
        102,
      ),
    );
    expect(res.status, res.text).toBe(201);
    expect(res.json.case).toMatchObject({
      departmentId: '330102-MZ',
      implementingCode: 'JF00201001-2-330102000000',
    });
  });

  it('keeps the ID number and name out of the database file in clear', async () => {
    const id = idNumber(103);
    expect(
      (await submit(api, caseRequest({ applicant: { name: '欧阳明月', idNumber: id } }, 103))).status,
    ).toBe(201);
    const db = new Database(central.dbPath);
    const row = db.prepare('SELECT * FROM cases WHERE citizen_ref = ?').get(refOf(id)) as Record<
      string,
      unknown
    >;
    db.close();
    expect(JSON.stringify(row)).not.toContain(id);
    expect(JSON.stringify(row)).not.toContain('欧阳明月');
    expect(row.applicant_masked_name).toBe('欧***');
    for (const file of [central.dbPath, `${central.dbPath}-wal`]) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        continue;
      }
      expect(bytes.includes(Buffer.from(id))).toBe(false);
      expect(bytes.includes(Buffer.from('欧阳明月'))).toBe(false);
    }
  });
});

describe('Idempotency-Key on case submission', () => {
  it('replays the first response, and refuses the key with another payload', async () => {
    const body = caseRequest({}, 110);
    const first = await submit(api, body, 'case-replay-key-1');
    const again = await submit(api, body, 'case-replay-key-1');
    expect(again.status).toBe(201);
    expect(again.headers.get(REPLAYED_HEADER)).toBe('true');
    expect(again.json).toEqual(first.json);
    const other = await submit(api, { ...body, delivery: 'self-service' }, 'case-replay-key-1');
    expect(other.status).toBe(422);
    expect(other.json.error.code).toBe('idempotency-key-reused');
    expect(lookupCasesResponseSchema.parse((await lookup(body.citizenRef)).json).cases).toHaveLength(1);
  });

  it('applies concurrent duplicates with one key once', async () => {
    const body = caseRequest({}, 111);
    const results = await Promise.all(
      Array.from({ length: 25 }, () => submit(api, body, 'case-concurrent-key-1')),
    );
    const created = new Set<string>();
    for (const r of results) {
      expect([201, 409]).toContain(r.status);
      if (r.status === 201) created.add(r.json.case.caseId);
      else expect(r.json.error.code).toBe('request-in-flight');
    }
    expect(created.size).toBe(1);
    expect((await lookup(body.citizenRef)).json.cases).toHaveLength(1);
  });

  it('requires a well-formed key, and does not burn it on a refused request', async () => {
    const none = await api.post('/v1/cases', caseRequest());
    expect(none.status).toBe(400);
    expect(none.json.error.code).toBe('missing-idempotency-key');
    const refused = await submit(api, caseRequest({ itemCode: 'XK99999999' }, 112), 'fix-then-retry-01');
    expect(refused.json.error.code).toBe('unknown-item');
    expect((await submit(api, caseRequest({}, 112), 'fix-then-retry-01')).status).toBe(201);
  });
});

describe('submission errors', () => {
  const cases: [string, Parameters<typeof caseRequest>[0], number, string][] = [
    ['unknown hall', { hallId: 'HALL-NOWHERE' }, 422, 'unknown-hall'],
    ['unknown item', { itemCode: 'GG12345678' }, 422, 'unknown-item'],
    ['local item of another district', { itemCode: 'JF10002001' }, 422, 'unknown-item'],
    ['item only at the window', { itemCode: 'QR07003001', materials: [] }, 422, 'item-not-on-kiosk'],
    ['missing material', { materials: [{ code: 'MARITAL', via: 'commitment' }] }, 422, 'missing-materials'],
    ['commitment not signed', { materials: [{ code: 'SALE', via: 'paper' }] }, 422, 'missing-materials'],
    [
      'material of another item',
      {
        materials: [
          { code: 'SALE', via: 'upload' },
          { code: 'MARITAL', via: 'commitment' },
          { code: 'PASSPORT', via: 'upload' },
        ],
      },
      422,
      'unknown-material',
    ],
    ['post without address', { delivery: 'post' }, 400, 'bad-request'],
    ['bad citizen ref', { citizenRef: 'abc' }, 400, 'bad-request'],
  ];
  for (const [name, overrides, status, code] of cases) {
    it(`answers ${status} ${code} for ${name}`, async () => {
      const res = await submit(api, caseRequest(overrides, 120));
      expect(res.status, res.text).toBe(status);
      expect(res.json.error.code).toBe(code);
    });
  }

  it('refuses an ID number with a wrong check digit without echoing it', async () => {
    const good = idNumber(121);
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const res = await submit(api, caseRequest({ applicant: { name: '李四', idNumber: bad } }, 121));
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain('idNumber');
    expect(res.text).not.toContain(bad);
  });

  it('refuses staff tokens and missing tokens', async () => {
    expect(
      (await api.post('/v1/cases', caseRequest(), STAFF.window, { 'idempotency-key': 'staff-submit-1' }))
        .status,
    ).toBe(403);
    expect(
      (await api.post('/v1/cases', caseRequest(), null, { 'idempotency-key': 'anon-submit-01' })).status,
    ).toBe(401);
  });

  it('refuses a suspended item', async () => {
    await api.patch('/v1/staff/catalogue/items/GG08008001', { suspended: true }, STAFF.manager);
    const res = await submit(api, caseRequest({ itemCode: 'GG08008001', materials: [] }, 122));
    expect(res.json.error.code).toBe('item-suspended');
  });
});

describe('a kiosk reads the cases of the citizen on its reader, and nobody else’s', () => {
  it('returns only the cases with this exact citizen reference', async () => {
    const a = caseRequest({}, 130);
    const b = caseRequest({}, 131);
    await submit(api, a);
    await submit(api, a);
    await submit(api, b);
    const mine = lookupCasesResponseSchema.parse((await lookup(a.citizenRef)).json).cases;
    expect(mine).toHaveLength(2);
    expect((await lookup(b.citizenRef)).json.cases).toHaveLength(1);
    expect((await lookup(refOf(idNumber(999)))).json.cases).toEqual([]);
    expect(JSON.stringify(mine)).not.toContain(a.citizenRef);
  });

  it('refuses staff tokens, missing tokens and malformed references', async () => {
    const ref = refOf(idNumber(130));
    expect((await lookup(ref, STAFF.manager)).status).toBe(403);
    expect((await lookup(ref, null)).status).toBe(401);
    expect((await lookup('not-a-ref')).status).toBe(400);
    expect((await api.post('/v1/cases/lookup', { citizenRef: ref, extra: 1 })).status).toBe(200);
  });

  it('lets the citizen withdraw their own case, and no one else’s', async () => {
    const a = caseRequest({}, 132);
    const { caseId } = (await submit(api, a)).json.case;
    const stranger = await api.post(`/v1/cases/${caseId}/withdraw`, { citizenRef: refOf(idNumber(133)) });
    expect(stranger.status).toBe(404);
    expect(stranger.json.error.code).toBe('unknown-case');
    const own = await api.post(`/v1/cases/${caseId}/withdraw`, { citizenRef: a.citizenRef, note: '不办了' });
    expect(own.status, own.text).toBe(200);
    expect(own.json.case.status).toBe('withdrawn');
    expect(own.json.case.timeline.at(-1)).toMatchObject({
      action: 'withdraw',
      actorKind: 'citizen',
      note: '不办了',
    });
    const twice = await api.post(`/v1/cases/${caseId}/withdraw`, { citizenRef: a.citizenRef });
    expect(twice.status).toBe(409);
    expect(twice.json.error.code).toBe('invalid-case-state');
    expect((await api.post('/v1/cases/bad id/withdraw', { citizenRef: a.citizenRef })).status).toBe(400);
  });
});
