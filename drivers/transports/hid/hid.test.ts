import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../domain/clock';
import { hmtPermitCard } from '../../id-card-reader/card-fixtures';
import { SdtCardReader } from '../../id-card-reader/sdt-reader';
import {
  sampleFingerprint,
  samplePhoto,
  SimulatedSdtCardDevice,
} from '../../id-card-reader/simulated-sdt-device';
import { settle } from '../../test-support/settle';
import { HidByteTransport } from './hid-byte-transport';
import { decodeHidReport, encodeHidReports, type HidReportFraming } from './hid-report-framing';
import { HidReportPort } from './hid-report-port';
import { hidDeviceAsDeviceEnd, SimulatedHidBackend, SimulatedHidDevice } from './simulated-hid';

const framingArb = fc.record({
  reportId: fc.integer({ min: 0, max: 255 }),
  reportLength: fc.integer({ min: 8, max: 128 }),
  lengthPrefixed: fc.constant(true),
});

describe('HID report framing', () => {
  it('round-trips any byte stream through reports', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), framingArb, (data, framing) => {
        const back = encodeHidReports(data, framing).flatMap((r) => {
          const d = decodeHidReport(r, framing);
          return d.ok ? [...d.payload] : [];
        });
        expect(Uint8Array.from(back)).toEqual(data);
      }),
    );
  });

  it('never throws on random reports, and returns typed results', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), framingArb, (report, framing) => {
        const d = decodeHidReport(report, framing);
        if (d.ok) expect(d.payload.length).toBeLessThanOrEqual(report.length);
        else expect(['other-report', 'bad-length']).toContain(d.error);
      }),
    );
  });
});

function hidReader(framing: HidReportFraming) {
  const backend = new SimulatedHidBackend();
  const device = backend.attach(
    new SimulatedHidDevice({ vendorId: 0x1234, productId: 0x5678, serialNumber: 'R1' }),
  );
  const sim = new SimulatedSdtCardDevice(hidDeviceAsDeviceEnd(device, framing));
  const port = new HidReportPort(backend, { vendorId: 0x1234, productId: 0x5678, serialNumber: 'R1' });
  const transport = new HidByteTransport(port, framing);
  const reader = new SdtCardReader(transport, { clock: new ManualClock() });
  return { device, sim, port, reader };
}

describe('SDT over HID', () => {
  it.each([
    { reportId: 0, reportLength: 64, lengthPrefixed: true },
    { reportId: 2, reportLength: 33, lengthPrefixed: true },
    { reportId: 1, reportLength: 64, lengthPrefixed: false },
  ])('reads text, photo and fingerprint with framing %o', async (framing) => {
    const { sim, reader } = hidReader(framing);
    sim.placeCard(hmtPermitCard, samplePhoto(), sampleFingerprint());
    const read = await reader.readCardWithFingerprint();
    expect(read).toEqual({
      ok: true,
      card: { identity: hmtPermitCard, photo: samplePhoto(), fingerprint: sampleFingerprint() },
    });
  });

  it('reopens by identity after a replug, though the OS path changed', async () => {
    const { device, sim, port, reader } = hidReader({ reportId: 0, reportLength: 64, lengthPrefixed: true });
    sim.placeCard(hmtPermitCard);
    expect((await reader.readCard()).ok).toBe(true);
    const firstPath = device.path;
    device.unplug();
    await settle();
    expect(port.isOpen).toBe(false);
    expect(await reader.findCard()).toMatchObject({ ok: false, error: 'disconnected' });
    device.replug();
    expect(device.path).not.toBe(firstPath);
    expect((await reader.readCard()).ok).toBe(true);
  });
});
