import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/clock';
import { advanceSettled, settle } from '../test-support/settle';
import { HidReportPort } from '../transports/hid/hid-report-port';
import { SimulatedHidBackend, SimulatedHidDevice } from '../transports/hid/simulated-hid';
import { createSimulatedLink } from '../transports/simulated-link';
import { HidPosBarcodeScanner, SCAN_IDLE_TIMEOUT_MS, SerialBarcodeScanner } from './barcode-scanner';
import { encodeHidPosReports, HidPosScanAssembler, HIDPOS_USAGE_PAGE } from './hidpos-report';
import { ScanLineDecoder } from './scan-line-decoder';
import { SimulatedHidPosScanner, SimulatedSerialScanner } from './simulated-scanner';

const URL = 'https://zwfw.example.gov.cn/case/2026-000123?预约=是';

describe('serial-mode scanner', () => {
  function rig() {
    const clock = new ManualClock();
    const link = createSimulatedLink('sim scanner', { maxChunkSize: 3 });
    const scanner = new SerialBarcodeScanner(link.host, clock);
    const sim = new SimulatedSerialScanner(link.device);
    const events: string[] = [];
    scanner.onScan((s) => events.push(`scan:${s.text}`));
    scanner.onError((e) => events.push(`error:${e.error}`));
    return { clock, link, scanner, sim, events };
  }

  it('delivers scans as events, reports garbage and partial scans, and carries on', async () => {
    const { clock, scanner, sim, events } = rig();
    expect(await scanner.open()).toEqual({ ok: true });
    sim.scan(URL);
    sim.sendGarbage();
    sim.scan('A012');
    await settle();
    sim.sendPartial('half a sc');
    await advanceSettled(clock, SCAN_IDLE_TIMEOUT_MS);
    sim.scan('after');
    await settle();
    expect(events).toEqual([`scan:${URL}`, 'error:garbage', 'scan:A012', 'error:partial', 'scan:after']);
    expect(scanner.scans).toBe(3);
  });

  it('reports an unplug as disconnected', async () => {
    const { link, scanner, events } = rig();
    await scanner.open();
    link.unplug();
    expect(events).toEqual(['error:disconnected']);
    expect((await scanner.open()).ok).toBe(false);
  });
});

describe('HID POS scanner (usage page 0x8C)', () => {
  function rig() {
    const clock = new ManualClock();
    const backend = new SimulatedHidBackend();
    const device = backend.attach(
      new SimulatedHidDevice({ vendorId: 0x0c2e, productId: 0x0b61, usagePage: HIDPOS_USAGE_PAGE }),
    );
    const port = new HidReportPort(backend, {
      vendorId: 0x0c2e,
      productId: 0x0b61,
      usagePage: HIDPOS_USAGE_PAGE,
    });
    const scanner = new HidPosBarcodeScanner(port, clock);
    const events: string[] = [];
    scanner.onScan((s) => events.push(`scan:${s.symbology}:${s.text}`));
    scanner.onError((e) => events.push(`error:${e.error}`));
    return { clock, device, scanner, sim: new SimulatedHidPosScanner(device), events };
  }

  it('assembles multi-report scans; garbage and partial reports are typed errors', async () => {
    const { clock, scanner, sim, events } = rig();
    await scanner.open();
    const long = `${URL}&x=${'9'.repeat(120)}`;
    sim.scan(long);
    sim.sendGarbageReport();
    sim.scan('A012', ']C1');
    await settle();
    sim.sendPartial(long);
    await advanceSettled(clock, SCAN_IDLE_TIMEOUT_MS);
    expect(events).toEqual([`scan:]Q1:${long}`, 'error:garbage', 'scan:]C1:A012', 'error:partial']);
  });

  it('is found again after a replug', async () => {
    const { device, scanner, sim, events } = rig();
    await scanner.open();
    device.unplug();
    await settle();
    expect(events).toEqual(['error:disconnected']);
    device.replug();
    expect(await scanner.open()).toEqual({ ok: true });
    sim.scan('back');
    await settle();
    expect(events.at(-1)).toBe('scan:]Q1:back');
  });
});

describe('scanner decoder properties', () => {
  it('line decoder: random bytes in random chunks never throw; a clean scan after a terminator is found', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), fc.integer({ min: 1, max: 40 }), (noise, chunk) => {
        const d = new ScanLineDecoder();
        const stream = Uint8Array.from([...noise, 0x0d, ...new TextEncoder().encode('OK-123'), 0x0d, 0x0a]);
        const results = [];
        for (let i = 0; i < stream.length; i += chunk) results.push(...d.push(stream.subarray(i, i + chunk)));
        expect(results.at(-1)).toEqual({ ok: true, scan: { text: 'OK-123' } });
      }),
    );
  });

  it('HID POS assembler: random reports never throw; a clean scan afterwards is found', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 70 }), { maxLength: 30 }), (reports) => {
        const a = new HidPosScanAssembler();
        for (const r of reports) a.push(r);
        a.flushPartial();
        const results = encodeHidPosReports(new TextEncoder().encode('OK-123')).map((r) => a.push(r));
        expect(results.at(-1)).toEqual({ ok: true, scan: { text: 'OK-123', symbology: ']Q1' } });
      }),
    );
  });

  it('HID POS round trip for any printable text', () => {
    fc.assert(
      fc.property(
        fc
          .string({ minLength: 1, maxLength: 500 })
          .filter((s) => Array.from(s).every((ch) => ch.codePointAt(0)! >= 0x20 && ch !== '\u007f')),
        (text) => {
          const a = new HidPosScanAssembler();
          const results = encodeHidPosReports(new TextEncoder().encode(text)).map((r) => a.push(r));
          expect(results.at(-1)).toEqual({ ok: true, scan: { text, symbology: ']Q1' } });
        },
      ),
    );
  });
});
