import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { caseResponseSchema, lookupCasesResponseSchema } from '../contract';
import { caseRequest, idNumber, refOf, useCentralWithStaff, submit } from './test-support';

const { central, api } = useCentralWithStaff();

/** 退休“一件事”: retirement, provident fund withdrawal, senior card. */
const RETIRE = { bundleCode: 'BD-RETIRE', bundleRef: 'KIOSK-01-BUNDLE-000001' };

describe('bundle (一件事) case submission', () => {
  it('links the cases of one bundle application by its code and reference', async () => {
    const person = 301;
    const first = await submit(
      api,
      caseRequest(
        {
          itemCode: 'QR02005001',
          materials: [
            { code: 'RETIREAGE', via: 'paper' },
            { code: 'BANK', via: 'paper' },
          ],
          bundle: RETIRE,
        },
        person,
      ),
    );
    expect(first.status, first.text).toBe(201);
    expect(caseResponseSchema.parse(first.json).case.bundle).toEqual(RETIRE);
    const second = await submit(
      api,
      caseRequest({ itemCode: 'GG09005001', materials: [], bundle: RETIRE }, person),
    );
    expect(second.status, second.text).toBe(201);

    const listed = lookupCasesResponseSchema.parse(
      (await api.post('/v1/cases/lookup', { citizenRef: refOf(idNumber(person)) })).json,
    ).cases;
    expect(listed.map((c) => [c.itemCode, c.bundle?.bundleRef])).toEqual([
      ['GG09005001', RETIRE.bundleRef],
      ['QR02005001', RETIRE.bundleRef],
    ]);
    const db = new Database(central.dbPath, { readonly: true });
    const linked = db
      .prepare('SELECT COUNT(*) AS n FROM cases WHERE bundle_ref = ? AND bundle_code = ?')
      .get(RETIRE.bundleRef, RETIRE.bundleCode) as { n: number };
    db.close();
    expect(linked.n).toBe(2);
  });

  it('keeps a single-item case without a bundle', async () => {
    const res = await submit(api, caseRequest({}, 302));
    expect(res.status).toBe(201);
    expect(res.json.case.bundle).toBeUndefined();
  });

  it('refuses an unknown bundle and an item that is not in the bundle, storing nothing', async () => {
    const person = 303;
    const unknown = await submit(
      api,
      caseRequest({ bundle: { bundleCode: 'BD-NOSUCH', bundleRef: 'KIOSK-01-BUNDLE-000002' } }, person),
    );
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.code).toBe('unknown-bundle');
    // 二手房转移登记 is in the resale-home bundle, not in the retirement one.
    const outside = await submit(api, caseRequest({ bundle: RETIRE }, person));
    expect(outside.status).toBe(422);
    expect(outside.json.error).toMatchObject({
      code: 'item-not-in-bundle',
      message: 'Item QR01001001 is not part of bundle BD-RETIRE',
    });
    const malformed = await submit(
      api,
      caseRequest({ bundle: { bundleCode: 'BD-RETIRE', bundleRef: 'x' } }, person),
    );
    expect(malformed.status).toBe(400);
    const cases = (await api.post('/v1/cases/lookup', { citizenRef: refOf(idNumber(person)) })).json.cases;
    expect(cases).toEqual([]);
  });
});
