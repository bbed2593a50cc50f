import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { systemClock } from '../../domain/clock';
import { IppA4Printer } from '../../drivers/a4-printer/ipp-a4-printer';
import { httpIppTransport } from '../../drivers/a4-printer/ipp-transport';
import type { A4JobProgress } from '../../drivers/a4-printer/types';
import { sampleIdentity } from '../../drivers/id-card-reader/simulated-sdt-device';
import { registerApiRoutes } from '../../electron/backend/api/routes';
import { startKiosk, type Kiosk } from '../../electron/backend/kiosk';
import { createTestLogger } from '../../electron/backend/logging/logger';
import { placeCardOnReader } from '../../electron/backend/session/test-support';
import { parseConfig } from '../../kiosk-config/load-config';
import { startPrivateCups, type PrivateCups } from '../support/private-cups';

// A real CUPS (cupsd started by this file, its own port, spool and config) with Debian's cups-pdf
// virtual printer: what the kiosk's A4 printer is tested against. scripts/system-needs.mjs installs
// cups and printer-driver-cups-pdf; startPrivateCups fails in one line naming what is missing.

let cups: PrivateCups;
let printer: IppA4Printer;

const pdftotext = (file: string): string =>
  execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

async function testPdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595.28, 841.89]);
  page.drawText(text, { x: 64, y: 700, size: 18, font: await doc.embedFont(StandardFonts.Helvetica) });
  return doc.save();
}

beforeAll(async () => {
  cups = await startPrivateCups();
  printer = new IppA4Printer(httpIppTransport(cups.printerUri, { clock: systemClock }), {
    printerUri: cups.printerUri,
    clock: systemClock,
    pollIntervalMs: 100,
  });
}, 30_000);
afterAll(() => cups?.close());

describe('the A4 printer driver against a real CUPS with cups-pdf', () => {
  it('prints a PDF through IPP and follows the job to completed; the paper reads back', async () => {
    expect(await printer.status()).toEqual({ state: 'ready' });
    const progress: A4JobProgress[] = [];
    const r = await printer.print({
      pdf: await testPdf('Driver test page 7K3M-Q9XP'),
      jobKey: 'driver-1',
      jobName: 'proof-driver-1',
      onProgress: (p) => progress.push(p),
    });
    expect(r).toMatchObject({ ok: true, alreadyPrinted: false });
    expect(progress[0]).toMatchObject({ phase: 'sent' });
    const [file] = await cups.waitForOutputs(1);
    expect(pdftotext(file!)).toContain('Driver test page 7K3M-Q9XP');
    // The same key again prints nothing more.
    expect(
      await printer.print({ pdf: new Uint8Array(readFileSync(file!)), jobKey: 'driver-1', jobName: 'x' }),
    ).toMatchObject({
      ok: true,
      alreadyPrinted: true,
    });
  }, 30_000);

  it('a stopped queue (cupsdisable) is offline and nothing is sent; enabled again it prints', async () => {
    const before = cups.outputs().length;
    cups.disable();
    try {
      const s = await printer.status();
      expect(s).toMatchObject({ state: 'offline' });
      const r = await printer.print({
        pdf: await testPdf('never printed'),
        jobKey: 'driver-2',
        jobName: 'proof-driver-2',
      });
      expect(r).toMatchObject({ ok: false, pending: false, status: { state: 'offline' } });
    } finally {
      cups.enable();
    }
    expect(await printer.status()).toEqual({ state: 'ready' });
    const r = await printer.print({
      pdf: await testPdf('after enable'),
      jobKey: 'driver-2',
      jobName: 'proof-driver-2',
    });
    expect(r).toMatchObject({ ok: true });
    const files = await cups.waitForOutputs(before + 1);
    expect(pdftotext(files.at(-1)!)).toContain('after enable');
  }, 30_000);

  it('a queue that does not exist is offline, with what CUPS answered', async () => {
    const uri = cups.printerUri.replace(/[^/]+$/, 'no-such-queue');
    const missing = new IppA4Printer(httpIppTransport(uri, { clock: systemClock }), {
      printerUri: uri,
      clock: systemClock,
    });
    expect(await missing.status()).toEqual({
      state: 'offline',
      detail: 'printer answered client-error-not-found',
    });
  });
});

describe('a citizen prints a certificate (证明) at the kiosk, on the real CUPS', () => {
  let kiosk: Kiosk | undefined;
  let app: FastifyInstance | undefined;
  afterAll(async () => {
    await app?.close();
    await kiosk?.close();
  });

  it('the card holder taps, the central issues it, CUPS prints it, and the paper verifies at the central', async () => {
    kiosk = await startKiosk(
      parseConfig({
        dataDir: mkdtempSync(join(tmpdir(), 'kiosk-proof-')),
        devices: { a4Printer: { transport: { kind: 'ipp', uri: cups.printerUri } } },
      }),
      { logger: createTestLogger() },
    );
    app = Fastify();
    registerApiRoutes(app, kiosk);
    await placeCardOnReader(kiosk, {
      identity: sampleIdentity({ name: '王小明', idNumber: '11010519491231002X' }),
      photo: new Uint8Array(),
    });
    const before = cups.outputs().length;

    const items = await app.inject({ method: 'GET', url: '/api/proofs/items' });
    expect(items.statusCode, items.body).toBe(200);
    const listed = items.json<{ items: { itemCode: string }[]; printer: string }>();
    expect(listed.printer).toBe('ready');
    const itemCode = listed.items[0]!.itemCode;

    const printed = await app.inject({ method: 'POST', url: '/api/proofs/print', payload: { itemCode } });
    expect(printed.statusCode, printed.body).toBe(200);
    const body = printed.json<{
      outcome: string;
      proof: { verificationCode: string; holderMaskedName: string };
    }>();
    expect(body.outcome).toBe('printed');
    const code = body.proof.verificationCode;

    const files = await cups.waitForOutputs(before + 1);
    const text = pdftotext(files.at(-1)!);
    expect(text).toContain(code);
    expect(text).toContain('证明');
    // The ID number is masked on paper.
    expect(text).not.toContain('11010519491231002X');

    const verify = await fetch(`${kiosk.centralBaseUrl}/v1/proofs/verify/${code}`, {
      headers: { accept: 'application/json' },
    });
    expect(verify.status).toBe(200);
    expect(await verify.json()).toMatchObject({
      genuine: true,
      verificationCode: code,
      holderMaskedName: body.proof.holderMaskedName,
    });
    const forged = await fetch(`${kiosk.centralBaseUrl}/v1/proofs/verify/7K3M-Q9XP-2D4F-HT8R`, {
      headers: { accept: 'application/json' },
    });
    expect(forged.status).toBe(404);
  }, 60_000);
});
