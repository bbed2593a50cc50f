import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../domain/clock';
import { advanceSettled } from '../../../drivers/test-support/settle';
import { kioskConfigSchema } from '../../../kiosk-config/schema';
import { createTestLogger } from '../logging/logger';
import { KioskDevices } from './kiosk-devices';

function devices() {
  const clock = new ManualClock();
  const logger = createTestLogger();
  const config = kioskConfigSchema.parse({ devices: { a4Printer: {} } });
  const d = new KioskDevices(config, { clock, logger });
  d.start({ onCard: () => undefined, onRemoved: () => undefined, onReadError: () => undefined });
  return { clock, logger, d };
}

const PDF = new TextEncoder().encode('%PDF-1.7\n%%EOF');

describe('the A4 printer among the kiosk devices', () => {
  it('is listed, polled and its faults shown as device status, logged once per change', async () => {
    const { clock, logger, d } = devices();
    await advanceSettled(clock, 100);
    expect(d.status().a4Printer).toEqual({ state: 'ready' });
    d.simulatedA4Printer!.setFault('paper-out');
    await advanceSettled(clock, 3000, 100);
    expect(d.status().a4Printer).toEqual({ state: 'paper-out' });
    d.simulatedA4Printer!.setFault(null);
    await advanceSettled(clock, 1500, 100);
    const lines = logger.lines
      .filter((l) => l.includes('"a4Printer"'))
      .map((l) => JSON.parse(l) as { state: string });
    expect(lines.map((l) => l.state)).toEqual(['ready', 'paper-out', 'ready']);
    d.stop();
  });

  it('prints, counts the print, and a jam mid-job becomes the device status', async () => {
    const { clock, d } = devices();
    await advanceSettled(clock, 100);
    const printed = d.printA4({ pdf: PDF, jobKey: 'a', jobName: 'proof-a' });
    await advanceSettled(clock, 3000, 100);
    expect(await printed).toMatchObject({ ok: true, alreadyPrinted: false });
    expect(d.counters().a4Printer?.prints).toBe(1);

    d.simulatedA4Printer!.jamNextJob(1);
    const jammed = d.printA4({ pdf: PDF, jobKey: 'b', jobName: 'proof-b' });
    await advanceSettled(clock, 3000, 100);
    expect(await jammed).toMatchObject({ ok: false, pending: true, status: { state: 'jam' } });
    expect(d.status().a4Printer).toEqual({ state: 'jam' });
    d.stop();
  });

  it('is in the self-test: a jammed printer fails it, plainly', async () => {
    const { clock, d } = devices();
    await advanceSettled(clock, 100);
    d.simulatedA4Printer!.setFault('jam');
    const results = await d.selfTest();
    expect(results.find((r) => r.device === 'a4Printer')).toEqual({
      device: 'a4Printer',
      ok: false,
      detail: 'status jam',
    });
    d.simulatedA4Printer!.setFault('toner-low');
    expect((await d.selfTest()).find((r) => r.device === 'a4Printer')?.ok).toBe(true);
    d.stop();
  });

  it('has no A4 printer unless configured', () => {
    const d = new KioskDevices(kioskConfigSchema.parse({}), {
      clock: new ManualClock(),
      logger: createTestLogger(),
    });
    expect(d.a4Printer).toBeUndefined();
    expect(d.status().a4Printer).toBeUndefined();
  });
});
