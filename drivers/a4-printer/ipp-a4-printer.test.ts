import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/clock';
import { JumpingClock } from './jumping-clock';
import { IppA4Printer, JOB_TIMEOUT_MS } from './ipp-a4-printer';
import { httpIppTransport } from './ipp-transport';
import { SimulatedIppPrinter } from './simulated-ipp-printer';
import type { A4JobProgress } from './types';

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.from([0x00, 0xff, 0x80, 0x0a]),
  Buffer.from('%%EOF'),
]);

describe('IppA4Printer against the simulated IPP printer over HTTP', () => {
  let sim: SimulatedIppPrinter;
  let server: { uri: string; close: () => Promise<void> };
  let clock: JumpingClock;
  let printer: IppA4Printer;

  beforeEach(async () => {
    sim = new SimulatedIppPrinter({ pollsToComplete: 3 });
    server = await sim.listen();
    clock = new JumpingClock();
    // The request timeout runs on a clock of its own that never moves: these printers always answer.
    const transport = httpIppTransport(server.uri, { clock: new ManualClock() });
    printer = new IppA4Printer(transport, { printerUri: server.uri, clock });
  });
  afterEach(() => server.close());

  it('follows a job from Print-Job to completed, and the PDF arrives byte for byte', async () => {
    const progress: A4JobProgress[] = [];
    const r = await printer.print({
      pdf: PDF,
      jobKey: 'proof-1',
      jobName: 'proof-1',
      onProgress: (p) => progress.push(p),
    });
    expect(r).toEqual({ ok: true, jobId: 1, pages: 1, alreadyPrinted: false });
    expect(progress.map((p) => p.phase)).toEqual(['sent', 'printing']);
    expect(sim.output()).toHaveLength(1);
    expect(sim.output()[0]!.pdf.equals(PDF)).toBe(true);
    expect(sim.output()[0]!.jobName).toBe('proof-1');
    expect(await printer.status()).toEqual({ state: 'ready' });
  });

  it('prints a key once: the same request again is answered "already printed"', async () => {
    await printer.print({ pdf: PDF, jobKey: 'k', jobName: 'proof-k' });
    const again = await printer.print({ pdf: PDF, jobKey: 'k', jobName: 'proof-k' });
    expect(again).toMatchObject({ ok: true, alreadyPrinted: true, jobId: 1 });
    expect(sim.printJobRequests).toBe(1);
  });

  it('a jam mid-job is a plain fault; the retry follows the same job and nothing prints twice', async () => {
    sim.jamNextJob(1);
    const progress: A4JobProgress[] = [];
    const first = await printer.print({
      pdf: PDF,
      jobKey: 'proof-2',
      jobName: 'proof-2',
      onProgress: (p) => progress.push(p),
    });
    expect(first).toEqual({ ok: false, status: { state: 'jam' }, jobId: 1, pending: true });
    expect(progress.at(-1)).toEqual({ phase: 'stopped', jobId: 1, status: { state: 'jam' } });
    expect(await printer.status()).toEqual({ state: 'jam' });

    // Still jammed: the retry reports the jam again and sends nothing new.
    const stillJammed = await printer.print({ pdf: PDF, jobKey: 'proof-2', jobName: 'proof-2' });
    expect(stillJammed).toMatchObject({ ok: false, status: { state: 'jam' }, pending: true });

    sim.setFault(null); // staff cleared the jam
    const retry = await printer.print({ pdf: PDF, jobKey: 'proof-2', jobName: 'proof-2' });
    expect(retry).toEqual({ ok: true, jobId: 1, pages: 1, alreadyPrinted: false });
    expect(sim.printJobRequests).toBe(1);
    expect(sim.output()).toHaveLength(1);
  });

  it('paper out before printing: nothing is sent, and the status says so', async () => {
    sim.setFault('paper-out');
    expect(await printer.status()).toEqual({ state: 'paper-out' });
    const r = await printer.print({ pdf: PDF, jobKey: 'p', jobName: 'proof-p' });
    expect(r).toEqual({ ok: false, status: { state: 'paper-out' }, pending: false });
    expect(sim.printJobRequests).toBe(0);
    sim.setFault(null);
    expect(await printer.print({ pdf: PDF, jobKey: 'p', jobName: 'proof-p' })).toMatchObject({ ok: true });
  });

  it('an offline (paused) queue refuses before printing', async () => {
    sim.setFault('offline');
    const r = await printer.print({ pdf: PDF, jobKey: 'o', jobName: 'proof-o' });
    expect(r).toMatchObject({ ok: false, status: { state: 'offline' }, pending: false });
    expect(r.ok === false && r.status.state === 'offline' && r.status.detail).toContain('paused');
    expect(sim.printJobRequests).toBe(0);
  });

  it('toner out and a cover open are faults; toner low and paper low still print', async () => {
    sim.setFault('toner-out');
    expect(await printer.status()).toEqual({ state: 'toner-out' });
    sim.setFault('cover-open');
    expect(await printer.status()).toEqual({ state: 'cover-open' });
    sim.setFault('toner-low');
    expect(await printer.status()).toEqual({ state: 'toner-low' });
    expect(await printer.print({ pdf: PDF, jobKey: 't', jobName: 'proof-t' })).toMatchObject({ ok: true });
    sim.setFault('paper-near-end');
    expect(await printer.status()).toEqual({ state: 'paper-near-end' });
  });

  it('a job the printer aborts is an error, and a retry prints anew', async () => {
    sim.abortNextJob();
    const r = await printer.print({ pdf: PDF, jobKey: 'a', jobName: 'proof-a' });
    expect(r).toMatchObject({ ok: false, jobId: 1, pending: false, status: { state: 'error' } });
    expect(r.ok === false && r.status.state === 'error' && r.status.detail).toContain('aborted');
    const again = await printer.print({ pdf: PDF, jobKey: 'a', jobName: 'proof-a' });
    expect(again).toMatchObject({ ok: true, jobId: 2, alreadyPrinted: false });
    expect(sim.printJobRequests).toBe(2);
  });

  it('a printer that does not answer is disconnected, not a crash', async () => {
    sim.unreachable = true;
    const s = await printer.status();
    expect(s.state).toBe('disconnected');
    const r = await printer.print({ pdf: PDF, jobKey: 'u', jobName: 'proof-u' });
    expect(r).toMatchObject({ ok: false, status: { state: 'disconnected' }, pending: false });
  });

  it('a job stuck past the job timeout is cancelled so it cannot come out later for nobody', async () => {
    const slow = new SimulatedIppPrinter({ pollsToComplete: 1_000_000 });
    const p = new IppA4Printer(slow.transport(), { printerUri: 'ipp://sim/printers/a4', clock });
    const r = await p.print({ pdf: PDF, jobKey: 's', jobName: 'proof-s' });
    expect(r).toMatchObject({ ok: false, pending: false, status: { state: 'error' } });
    expect(r.ok === false && r.status.state === 'error' && r.status.detail).toContain(
      `${JOB_TIMEOUT_MS / 1000} s`,
    );
    expect(slow.jobState(1)).toBe('canceled');
  });

  it('cancel() withdraws a job left waiting at a jammed printer (the citizen left)', async () => {
    sim.jamNextJob(1);
    await printer.print({ pdf: PDF, jobKey: 'c', jobName: 'proof-c' });
    expect(await printer.cancel('c')).toBe(true);
    expect(sim.jobState(1)).toBe('canceled');
    sim.setFault(null);
    expect(sim.output()).toHaveLength(0);
    expect(await printer.cancel('c')).toBe(false);
  });
});
