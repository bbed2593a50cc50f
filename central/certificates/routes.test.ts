import { describe, expect, it } from 'vitest';
import { TOKEN } from '../test-support';
import { idNumber, refOf, STAFF, useCentralWithStaff } from '../cases/test-support';
import { eCertificateLookupResponseSchema } from './contract';
import { HELD_BELOW, holdsCertificate } from './holdings';

const { api } = useCentralWithStaff();

const lookup = (body: Record<string, unknown>, token: string | null = TOKEN) =>
  api.post(
    '/v1/e-certificates/lookup',
    { hallId: 'HALL-CITY-01', terminalId: 'KIOSK-01', citizenRef: refOf(idNumber(1)), ...body },
    token,
  );

describe('holdings rule', () => {
  it('gives everyone the ID e-certificate and about three in four any other, the same every time', () => {
    const refs = Array.from({ length: 400 }, (_, i) => refOf(idNumber(i)));
    expect(refs.every((r) => holdsCertificate(r, 'ID'))).toBe(true);
    const held = refs.filter((r) => holdsCertificate(r, 'MAR')).length;
    expect(held / refs.length).toBeGreaterThan(0.65);
    expect(held / refs.length).toBeLessThan(0.85);
    expect(refs.map((r) => holdsCertificate(r, 'MAR'))).toEqual(refs.map((r) => holdsCertificate(r, 'MAR')));
    expect(HELD_BELOW).toBe(192);
  });
});

describe('POST /v1/e-certificates/lookup', () => {
  it('answers found or not per material, in the order asked, with the certificate behind it', async () => {
    const ref = refOf(idNumber(7));
    const res = await lookup({ citizenRef: ref, materialCodes: ['MAR', 'ID', 'HK', 'ID'] });
    expect(res.status, res.text).toBe(200);
    const { certificates } = eCertificateLookupResponseSchema.parse(res.json);
    expect(certificates.map((c) => c.code)).toEqual(['MAR', 'ID', 'HK']);
    expect(certificates[1]).toEqual({
      code: 'ID',
      name: { zh: '居民身份证', en: 'Resident ID card' },
      basis: '居民身份证电子证照',
      found: true,
    });
    expect(certificates[0]!.found).toBe(holdsCertificate(ref, 'MAR'));
    expect(certificates[2]!.found).toBe(holdsCertificate(ref, 'HK'));
  });

  it('tells apart citizens who hold a certificate from those who do not', async () => {
    const refs = Array.from({ length: 40 }, (_, i) => refOf(idNumber(200 + i)));
    const answers = await Promise.all(
      refs.map(async (citizenRef) => (await lookup({ citizenRef, materialCodes: ['PROP'] })).json),
    );
    const found = answers.map((a) => a.certificates[0].found as boolean);
    expect(found).toContain(true);
    expect(found).toContain(false);
  });

  it('refuses a material that is not an e-certificate, naming it and nothing personal', async () => {
    const res = await lookup({ materialCodes: ['ID', 'SALE', 'NOPE'] });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe('not-an-e-certificate');
    expect(res.json.error.message).toContain('SALE, NOPE');
    expect(res.text).not.toContain(refOf(idNumber(1)));
  });

  it('refuses a malformed reference, an empty list, an unknown hall and a staff token', async () => {
    expect((await lookup({ citizenRef: 'abc', materialCodes: ['ID'] })).status).toBe(400);
    expect((await lookup({ materialCodes: [] })).status).toBe(400);
    const hall = await lookup({ hallId: 'HALL-NOWHERE', materialCodes: ['ID'] });
    expect(hall.status).toBe(422);
    expect(hall.json.error.code).toBe('unknown-hall');
    expect((await lookup({ materialCodes: ['ID'] }, STAFF.window)).status).toBe(403);
    expect((await lookup({ materialCodes: ['ID'] }, null)).status).toBe(401);
  });
});
