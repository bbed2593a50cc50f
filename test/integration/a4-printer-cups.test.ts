import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { systemClock } from '../../domain/clock';
import { IppA4Printer } from '../../drivers/a4-printer/ipp-a4-printer';
import { httpIppTransport } from '../../drivers/a4-printer/ipp-transport';
import type { A4JobProgress } from '../../drivers/a4-printer/types';
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
