import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/clock';
import { maskIdNumber } from '../../domain/masking';
import { idNumber } from '../cases/test-support';
import { openCentralDatabase } from '../db/database';
import { enrolKiosk, makeCounterApp } from '../queue/test-kit';
import { NINE_AM_SHANGHAI } from '../test-support';
import type { IssueProofRequest, IssueProofResponse } from './contract';
import { PROOF_PATHS } from './contract';
import { DEFAULT_PROOF_FONT_PATH, PROOF_FONT_ENV } from './pdf';
import { PROOF_HOLDER_RETENTION_MS } from './store';
import { pdfQrCodes, pdfText } from './test-support';

const CITY = 'HALL-CITY-01';
const SC = 'HALL-SC-01';
const PUBLIC_URL = 'https://zwfw.example.gov.cn';
const HOLDER = { name: '欧阳娜娜', idNumber: idNumber(42) };

let app: FastifyInstance;
let clock: ManualClock;
let dbPath: string;
let cityKiosk: Record<string, string>;
let scKiosk: Record<string, string>;
let logLines: string[];
let keySeq = 0;

async function start(options: { fontPath?: string; rateLimit?: false } = {}): Promise<void> {
  logLines = [];
  const previousFont = process.env[PROOF_FONT_ENV];
  if (options.fontPath) process.env[PROOF_FONT_ENV] = options.fontPath;
  try {
    ({ app, clock, dbPath } = await makeCounterApp({
      clock: new ManualClock(NINE_AM_SHANGHAI),
      publicBaseUrl: PUBLIC_URL,
      logger: { level: 'info', stream: { write: (line: string) => logLines.push(line) } },
      ...(options.rateLimit === false ? { rateLimit: false } : {}),
    }));
  } finally {
    if (previousFont === undefined) delete process.env[PROOF_FONT_ENV];
    else process.env[PROOF_FONT_ENV] = previousFont;
  }
  cityKiosk = await enrolKiosk(app, 'KIOSK-CITY-01', CITY);
  scKiosk = await enrolKiosk(app, 'KIOSK-SC-01', SC);
}

afterEach(async () => {
  await app?.close();
});

function request(overrides: Partial<IssueProofRequest> = {}): IssueProofRequest {
  return {
    hallId: CITY,
    terminalId: 'KIOSK-CITY-01',
    itemCode: 'GG03008001',
    holder: HOLDER,
    requestedAt: '2026-11-25T01:00:00.000Z',
    ...overrides,
  };
}

function issue(body: unknown, headers = cityKiosk, key = `proof-key-${++keySeq}`) {
  return app.inject({
    method: 'POST',
    url: PROOF_PATHS.proofs,
    headers: { ...headers, 'idempotency-key': key },
    payload: body as object,
  });
}

function verify(code: string, json = false) {
  return app.inject({
    method: 'GET',
    url: `${PROOF_PATHS.verify}/${encodeURIComponent(code)}`,
    headers: { accept: json ? 'application/json' : 'text/html,application/xhtml+xml,*/*;q=0.8' },
  });
}

function proofCount(): number {
  const db = openCentralDatabase(dbPath);
  try {
    return (db.prepare('SELECT count(*) AS n FROM proofs').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('the certificates a hall prints at once', () => {
  beforeEach(() => start());

  it('lists the items the catalogue marks 即办可打印', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `${PROOF_PATHS.items}?hallId=${CITY}`,
      headers: cityKiosk,
    });
    expect(res.statusCode).toBe(200);
    const codes = (res.json() as { items: { itemCode: string }[] }).items.map((i) => i.itemCode);
    expect(codes.sort()).toEqual(['GG03008001', 'GG05005001', 'GG06008001']);
    const catalogue = await app.inject({
      method: 'GET',
      url: '/v1/catalogue/items?departmentId=330100-GJJ',
      headers: cityKiosk,
    });
    const marked = (catalogue.json() as { items: { itemCode: string; printableAtOnce?: boolean }[] }).items
      .filter((i) => i.printableAtOnce)
      .map((i) => i.itemCode);
    expect(marked).toEqual(['GG03008001']);
  });

  it("refuses another hall's list", async () => {
    const res = await app.inject({
      method: 'GET',
      url: `${PROOF_PATHS.items}?hallId=${CITY}`,
      headers: scKiosk,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
  });
});

describe('issuing a certificate', () => {
  beforeEach(() => start());

  it('answers the A4 PDF with the text, the masked holder, the code and a QR code to the page', async () => {
    const res = await issue(request());
    expect(res.statusCode).toBe(201);
    const body = res.json() as IssueProofResponse;
    expect(body.proof).toMatchObject({
      itemCode: 'GG03008001',
      itemName: { zh: '住房公积金缴存证明出具' },
      hallId: CITY,
      hallName: '市民服务中心',
      holderMaskedName: '欧***',
      pages: 1,
      issuedAt: new Date(NINE_AM_SHANGHAI).toISOString(),
    });
    expect(body.proof.verificationCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(body.proof.verifyUrl).toBe(`${PUBLIC_URL}/v1/proofs/verify/${body.proof.verificationCode}`);
    const pdf = Buffer.from(body.pdf, 'base64');
    expect(pdf.byteLength).toBe(body.pdfBytes);
    expect(pdf.byteLength).toBeLessThanOrEqual(300 * 1024);
    const text = pdfText(pdf);
    expect(text).toContain('住房公积金缴存证明');
    expect(text).toContain(body.proof.verificationCode);
    expect(text).toContain('欧***');
    expect(text).toContain(maskIdNumber(HOLDER.idNumber));
    expect(text).toContain('出具日期：2026年11月25日');
    expect(text).not.toContain('阳娜娜');
    expect(text).not.toContain(HOLDER.idNumber);
    expect(pdfQrCodes(pdf)).toEqual([body.proof.verifyUrl]);
  });

  it('answers a retry with the same key with the same certificate and code, once', async () => {
    const first = await issue(request(), cityKiosk, 'proof-retry-0001');
    const again = await issue(request(), cityKiosk, 'proof-retry-0001');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotency-replayed']).toBe('true');
    const a = first.json() as IssueProofResponse;
    const b = again.json() as IssueProofResponse;
    expect(b.proof).toEqual(a.proof);
    expect(pdfText(Buffer.from(b.pdf, 'base64'))).toContain(a.proof.verificationCode);
    expect(proofCount()).toBe(1);
    // The same key for another holder is a mistake, not a second certificate.
    const reused = await issue(
      request({ holder: { name: '李四', idNumber: idNumber(43) } }),
      cityKiosk,
      'proof-retry-0001',
    );
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('idempotency-key-reused');
    expect(proofCount()).toBe(1);
  });

  it('gives a new key a new certificate with another code', async () => {
    const a = (await issue(request())).json() as IssueProofResponse;
    const b = (await issue(request())).json() as IssueProofResponse;
    expect(b.proof.proofId).not.toBe(a.proof.proofId);
    expect(b.proof.verificationCode).not.toBe(a.proof.verificationCode);
  });

  it("refuses a kiosk asking for another hall, or in another terminal's name, and keeps nothing", async () => {
    const otherHall = await issue(request({ terminalId: 'KIOSK-SC-01' }), scKiosk);
    expect(otherHall.statusCode).toBe(403);
    expect(otherHall.json().error.code).toBe('forbidden');
    const otherTerminal = await issue(request({ terminalId: 'KIOSK-CITY-02' }));
    expect(otherTerminal.statusCode).toBe(403);
    expect(proofCount()).toBe(0);
  });

  it('refuses an unknown item and one not printed at once, plainly, and keeps nothing', async () => {
    const unknown = await issue(request({ itemCode: 'GG99999001' }));
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error).toMatchObject({ code: 'unknown-item' });
    // 出生医学证明办理 is a case taken in at a window, not paper printed at once.
    const notPrintable = await issue(request({ itemCode: 'GG00101001' }));
    expect(notPrintable.statusCode).toBe(422);
    expect(notPrintable.json().error.code).toBe('item-not-printable');
    expect(notPrintable.json().error.message).toContain('apply for it as a case');
    expect(proofCount()).toBe(0);
  });

  it('refuses a bad holder or a field the contract does not name, without echoing the holder', async () => {
    const badId = await issue(request({ holder: { name: HOLDER.name, idNumber: '330106198001010420' } }));
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.message).toContain('check digit');
    expect(badId.body).not.toContain('330106198001010420');
    const extra = await issue({ ...request(), phone: '13812345678' });
    expect(extra.statusCode).toBe(400);
    const noKey = await app.inject({
      method: 'POST',
      url: PROOF_PATHS.proofs,
      headers: cityKiosk,
      payload: request(),
    });
    expect(noKey.statusCode).toBe(400);
    expect(proofCount()).toBe(0);
  });

  it('keeps the holder sealed: neither the name nor the ID number is in the database file', async () => {
    await issue(request());
    // The write-ahead log holds the newest pages until a checkpoint: read it as well.
    const files = [dbPath, `${dbPath}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f));
    expect(files.reduce((n, f) => n + f.byteLength, 0)).toBeGreaterThan(0);
    for (const file of files) {
      expect(file.includes(Buffer.from(HOLDER.name))).toBe(false);
      expect(file.includes(Buffer.from(HOLDER.idNumber))).toBe(false);
    }
  });
});

describe('the verification page', () => {
  beforeEach(() => start());

  it('says a real certificate is genuine: item, hall, date and the masked name, nothing else', async () => {
    const { proof } = (await issue(request())).json() as IssueProofResponse;
    const page = await verify(proof.verificationCode);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('此证明真实有效');
    expect(page.body).toContain('住房公积金缴存证明出具');
    expect(page.body).toContain('市民服务中心');
    expect(page.body).toContain('2026年11月25日');
    expect(page.body).toContain('欧***');
    expect(page.body).not.toContain('阳娜娜');
    expect(page.body).not.toContain(maskIdNumber(HOLDER.idNumber).slice(-4));
    const json = await verify(proof.verificationCode, true);
    expect(json.json()).toEqual({
      genuine: true,
      verificationCode: proof.verificationCode,
      itemName: proof.itemName,
      hallName: '市民服务中心',
      issuedOn: '2026-11-25',
      holderMaskedName: '欧***',
    });
  });

  it('reads a code typed in lower case, without dashes, with O for 0', async () => {
    const { proof } = (await issue(request())).json() as IssueProofResponse;
    const typed = proof.verificationCode.replace(/-/g, '').toLowerCase().replace(/0/g, 'o');
    expect((await verify(typed)).statusCode).toBe(200);
  });

  it('answers a forged code and a malformed one with the same not-found page', async () => {
    const { proof } = (await issue(request())).json() as IssueProofResponse;
    // One character changed: a well-formed code that was never issued.
    const last = proof.verificationCode.at(-1)!;
    const forged = proof.verificationCode.slice(0, -1) + (last === 'Z' ? 'Y' : 'Z');
    const pages = await Promise.all([verify(forged), verify('not-a-code'), verify('<script>x</script>')]);
    for (const page of pages) {
      expect(page.statusCode).toBe(404);
      expect(page.body).toContain('未找到该证明');
      expect(page.body).not.toContain('script>x');
    }
    expect(new Set(pages.map((p) => p.body)).size).toBe(1);
    const json = await Promise.all([verify(forged, true), verify('not-a-code', true)]);
    expect(json.map((r) => r.statusCode)).toEqual([404, 404]);
    expect(json[0]!.body).toBe(json[1]!.body);
  });

  it('limits how often one address may ask', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 31; i++) answers.push((await verify(`AAAA-AAAA-AAAA-AAA${i % 10}`)).statusCode);
    expect(answers.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(answers[30]).toBe(429);
  });
});

describe('after the retention', () => {
  beforeEach(() => start());

  it('forgets the holder but still verifies the paper; a late retry is told to ask anew', async () => {
    const first = (await issue(request(), cityKiosk, 'proof-late-0001')).json() as IssueProofResponse;
    await clock.advance(PROOF_HOLDER_RETENTION_MS + 60 * 60 * 1000);
    const db = openCentralDatabase(dbPath);
    const sealed = db.prepare('SELECT holder_sealed FROM proofs').all() as { holder_sealed: string | null }[];
    db.close();
    expect(sealed).toEqual([{ holder_sealed: null }]);
    expect((await verify(first.proof.verificationCode)).statusCode).toBe(200);
    const late = await issue(request(), cityKiosk, 'proof-late-0001');
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('proof-expired');
  });
});

describe('a certificate that cannot be drawn', () => {
  let fontPath: string;
  beforeEach(() => {
    fontPath = join(mkdtempSync(join(tmpdir(), 'proof-font-')), 'wqy-zenhei.ttc');
    return start({ fontPath });
  });

  it('is answered plainly and logged without the holder; the same request succeeds once the font is back', async () => {
    const res = await issue(request(), cityKiosk, 'proof-nofont-0001');
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('60');
    expect(res.json().error).toMatchObject({ code: 'proof-render-failed' });
    expect(res.json().error.message).toContain('nothing was printed');
    const failure = logLines.find((l) => l.includes('proof.render-failed'));
    expect(failure).toBeDefined();
    expect(failure).toContain('font-missing');
    const log = logLines.join('\n');
    expect(log).not.toContain(HOLDER.idNumber);
    expect(log).not.toContain(HOLDER.name);
    expect(log).not.toContain('阳娜娜');

    copyFileSync(DEFAULT_PROOF_FONT_PATH, fontPath);
    const retry = await issue(request(), cityKiosk, 'proof-nofont-0001');
    expect(retry.statusCode).toBe(201);
    expect(proofCount()).toBe(1);
    const { proof, pdf } = retry.json() as IssueProofResponse;
    expect(pdfText(Buffer.from(pdf, 'base64'))).toContain(proof.verificationCode);
  });
});
