import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { TOKEN } from '../test-support';
import { caseResponseSchema } from './contract';
import { staffCaseSignatureResponseSchema } from './signature-contract';
import { checkSignatureImage } from './signature-image';
import { signaturePng, signatureRecord } from './signature-test-support';
import { caseRequest, STAFF, submit, useCentralWithStaff } from './test-support';

const { central, api } = useCentralWithStaff();

const signatureOf = (caseId: string, token: string | null) =>
  api.get(`/v1/staff/cases/${caseId}/signature`, token);

/** A case of `person` submitted with a signature drawn on the kiosk. */
async function signedCase(person: number, image?: Buffer) {
  const signature = signatureRecord(image ?? (await signaturePng('signed')));
  const res = await submit(api, caseRequest({ signature }, person));
  expect(res.status, res.text).toBe(201);
  return { ...caseResponseSchema.parse(res.json).case, signature };
}

describe('the signature image rule', () => {
  it('takes a handwritten name and refuses nothing, a dot and a short tick', async () => {
    expect((await checkSignatureImage((await signaturePng('signed')).toString('base64'))).ok).toBe(true);
    for (const [kind, reason] of [
      ['blank', 'blank'],
      ['dot', 'too-small'],
      ['tick', 'too-small'],
    ] as const) {
      const check = await checkSignatureImage((await signaturePng(kind)).toString('base64'));
      expect(check, kind).toMatchObject({ ok: false, reason });
    }
  });

  it('refuses what is not a PNG, a PNG of the wrong size and an oversized one', async () => {
    const jpeg = await sharp(await signaturePng('signed'))
      .jpeg()
      .toBuffer();
    expect(await checkSignatureImage(jpeg.toString('base64'))).toMatchObject({ reason: 'not-png' });
    const truncated = (await signaturePng('signed')).subarray(0, 60);
    expect(await checkSignatureImage(truncated.toString('base64'))).toMatchObject({ reason: 'not-png' });
    const wide = await signaturePng('signed', { width: 2400, height: 200 });
    expect(await checkSignatureImage(wide.toString('base64'))).toMatchObject({ reason: 'dimensions' });
    expect(await checkSignatureImage(randomBytes(40_000).toString('base64'))).toMatchObject({
      reason: 'too-large',
    });
  });
});

describe('a case submitted with its drawn signature', () => {
  it('is stored with the case and shown to the window of its hall with the wording, version and time', async () => {
    const c = await signedCase(401);
    const res = await signatureOf(c.caseId, STAFF.window);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = staffCaseSignatureResponseSchema.parse(res.json);
    expect(body).toEqual({
      caseId: c.caseId,
      caseNumber: c.caseNumber,
      signature: { ...c.signature, mediaType: 'image/png' },
    });
    // The image comes back as drawn, and still passes the rule.
    expect((await checkSignatureImage(body.signature.imagePng)).ok).toBe(true);
    // The case's own views do not carry it.
    const detail = await api.get(`/v1/staff/cases/${c.caseId}`, STAFF.window);
    expect(detail.status).toBe(200);
    expect(detail.text).not.toContain(c.signature.imagePng.slice(0, 40));
  });

  it('is refused to staff of another hall, approvers of another department, and kiosks', async () => {
    const c = await signedCase(402);
    for (const [who, token] of [
      ['window of another hall', STAFF.windowSc],
      ['manager of another hall', STAFF.managerSc],
      ['approver of another department', STAFF.approverMz],
      ['a kiosk', TOKEN],
    ] as const) {
      const res = await signatureOf(c.caseId, token);
      expect(res.status, who).toBe(403);
      expect(res.json.error.code, who).toBe('forbidden');
      expect(res.text, who).not.toContain(c.signature.imagePng.slice(0, 40));
    }
    expect((await signatureOf(c.caseId, null)).status).toBe(401);
    // The department the item is routed to and a city-level manager do see it.
    expect((await signatureOf(c.caseId, STAFF.approverGt)).status).toBe(200);
    expect((await signatureOf(c.caseId, STAFF.manager)).status).toBe(200);
  });

  it('answers another case id with that case or nothing: never the signature of another case', async () => {
    const signed = await signedCase(403);
    const unknown = await signatureOf('no-such-case-0001', STAFF.window);
    expect([unknown.status, unknown.json.error.code]).toEqual([404, 'unknown-case']);
    const unsigned = await submit(api, caseRequest({}, 404));
    const unsignedId = caseResponseSchema.parse(unsigned.json).case.caseId;
    const none = await signatureOf(unsignedId, STAFF.window);
    expect([none.status, none.json.error.code]).toEqual([404, 'no-signature']);

    // A sealed blob copied onto another case's row does not open there: it is bound to its case.
    const db = new Database(central.dbPath);
    const { signature_sealed: sealed } = db
      .prepare('SELECT signature_sealed FROM case_signatures WHERE case_id = ?')
      .get(signed.caseId) as { signature_sealed: string };
    db.prepare('INSERT INTO case_signatures (case_id, signature_sealed, created_at) VALUES (?, ?, 0)').run(
      unsignedId,
      sealed,
    );
    db.close();
    const moved = await signatureOf(unsignedId, STAFF.window);
    expect(moved.status).toBe(500);
    expect(moved.text).not.toContain(signed.signature.imagePng.slice(0, 40));
  });

  it('keeps the image and the wording out of the database file in clear', async () => {
    const c = await signedCase(405);
    const image = Buffer.from(c.signature.imagePng, 'base64');
    for (const file of [central.dbPath, `${central.dbPath}-wal`]) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        continue;
      }
      expect(bytes.includes(image.subarray(0, 64))).toBe(false);
      expect(bytes.includes(Buffer.from(c.signature.imagePng.slice(0, 64)))).toBe(false);
      expect(bytes.includes(Buffer.from(c.signature.commitment.text.zh))).toBe(false);
    }
  });
});

describe('a case with a bad signature', () => {
  it('is refused 400 with a clear reason, nothing is stored and the key stays usable', async () => {
    const noise = await sharp(randomBytes(100 * 100 * 4), { raw: { width: 100, height: 100, channels: 4 } })
      .png()
      .toBuffer();
    expect(noise.length).toBeGreaterThan(32 * 1024);
    const bad: [string, string, RegExp][] = [
      ['blank', (await signaturePng('blank')).toString('base64'), /blank/],
      ['only a dot', (await signaturePng('dot')).toString('base64'), /dot or too small/],
      ['not a PNG', Buffer.from('GIF89a not really an image at all').toString('base64'), /not a PNG/],
      ['not base64', '***not-base64***', /base64/],
      ['oversized', noise.toString('base64'), /at most 32768 bytes/],
    ];
    let person = 410;
    for (const [what, imagePng, message] of bad) {
      const body = caseRequest({ signature: signatureRecord(imagePng) }, person++);
      const key = `case-sig-bad-${person}`;
      const res = await submit(api, body, key);
      expect(res.status, what).toBe(400);
      expect(res.json.error.code, what).toMatch(/^(invalid-signature|bad-request)$/);
      expect(res.json.error.message, what).toMatch(message);
      // The message names the rule, never the image.
      expect(res.text, what).not.toContain(imagePng.slice(0, 40));
      const held = await api.post('/v1/cases/lookup', { citizenRef: body.citizenRef });
      expect(held.json.cases, what).toEqual([]);
      // Corrected and sent again under the same key: taken.
      const fixed = { ...body, signature: signatureRecord(await signaturePng('signed')) };
      expect((await submit(api, fixed, key)).status, what).toBe(201);
    }
  });
});
