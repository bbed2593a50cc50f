import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/clock';
import type { PrintDocument } from '../printer/document';
import { EscPosPrinter } from '../printer/escpos-printer';
import { renderPaperPreview } from '../printer/paper-preview';
import { SimulatedEscPosPrinter } from '../printer/simulated-escpos-printer';
import { advanceSettled, settle } from '../test-support/settle';
import { HidReportPort } from '../transports/hid/hid-report-port';
import { SimulatedHidBackend, SimulatedHidDevice } from '../transports/hid/simulated-hid';
import { createSimulatedLink } from '../transports/simulated-link';
import { HidButtonPanel } from './hid-button-panel';
import { GENERIC_PRESENTER, parseHexBytes } from './presenter-model';
import { TICKET_TAKEN_POLL_MS, TicketDispenser } from './ticket-dispenser';

const ticket: PrintDocument = {
  blocks: [
    { kind: 'text', text: 'A012', align: 'center', size: { width: 3, height: 3 } },
    { kind: 'qr', data: 'https://zwfw.example.gov.cn/q/A012' },
    { kind: 'cut', partial: true },
  ],
};

function rig(presenter = GENERIC_PRESENTER) {
  const clock = new ManualClock();
  const link = createSimulatedLink('sim ticket printer', { maxChunkSize: 5 });
  const sim = new SimulatedEscPosPrinter(link.device, { presenter, clock });
  const printer = new EscPosPrinter(link.host, { clock, paperWidthMm: 80 });
  return { clock, link, sim, printer, dispenser: new TicketDispenser(printer, { clock, presenter }) };
}

describe('ticket dispenser with a presenter', () => {
  it('ejects the ticket and notices when it is taken', async () => {
    const { clock, sim, dispenser } = rig();
    const pending = dispenser.dispense(ticket, 'T1');
    await advanceSettled(clock, TICKET_TAKEN_POLL_MS);
    expect(sim.presenter).toBe('presented');
    sim.takeTicket();
    await advanceSettled(clock, TICKET_TAKEN_POLL_MS * 2);
    expect(await pending).toEqual({ ok: true, outcome: 'taken' });
    expect(sim.paperLines()).toEqual(['A012', '[QR] https://zwfw.example.gov.cn/q/A012', '[CUT]']);
  });

  it('retracts a ticket left in the presenter, and never prints the same job twice', async () => {
    const { clock, sim, dispenser } = rig({ ...GENERIC_PRESENTER, retractAfterMs: 5000 });
    const pending = dispenser.dispense(ticket, 'T2');
    await advanceSettled(clock, 6000, 250);
    expect(await pending).toEqual({ ok: true, outcome: 'retracted' });
    expect(sim.retractedTickets).toBe(1);
    expect(await dispenser.dispense(ticket, 'T2')).toEqual({
      ok: true,
      outcome: 'printed',
      alreadyPrinted: true,
    });
    expect(sim.paperLines().filter((l) => l === '[CUT]')).toHaveLength(1);
  });

  it('refuses with a typed status when out of paper, and prints once after recovery', async () => {
    const { clock, sim, dispenser } = rig();
    sim.setState('paper-out');
    expect(await dispenser.dispense(ticket, 'T3')).toEqual({ ok: false, status: { state: 'paper-out' } });
    sim.setState('ready');
    const pending = dispenser.dispense(ticket, 'T3');
    await advanceSettled(clock, 100);
    sim.takeTicket();
    await advanceSettled(clock, TICKET_TAKEN_POLL_MS * 2);
    expect(await pending).toEqual({ ok: true, outcome: 'taken' });
  });

  it('unplugged mid-job: refused as disconnected, nothing marked printed', async () => {
    const { link, sim, dispenser, printer } = rig();
    sim.injectFault('unplug-mid-job');
    expect(await dispenser.dispense(ticket, 'T4')).toMatchObject({
      ok: false,
      status: { state: 'disconnected' },
    });
    link.replug();
    expect(await printer.print(ticket, { jobId: 'T4' })).toMatchObject({
      ok: true,
      bytes: expect.any(Number),
    });
    expect(sim.paperLines()).toContain('[CUT]');
  });

  it('slow link: replies 1.5 s late are still within the status timeout', async () => {
    const { clock, sim, printer } = rig();
    sim.setReplyDelay(1500);
    const pending = printer.status();
    await advanceSettled(clock, 4 * 1600, 100);
    expect(await pending).toEqual({ state: 'ready', paperNearEnd: false });
  });
});

describe('presenter model', () => {
  it('parses hex commands and refuses non-hex', () => {
    expect(parseHexBytes('1D 65 05')).toEqual(Uint8Array.of(0x1d, 0x65, 0x05));
    expect(parseHexBytes('1d6503:0c')).toEqual(Uint8Array.of(0x1d, 0x65, 0x03, 0x0c));
    expect(parseHexBytes('1D 6')).toBeNull();
    expect(parseHexBytes('zz')).toBeNull();
  });
});

describe('HID button / LED panel', () => {
  it('reports presses on the rising edge and sets LEDs; a missing panel is a typed failure', async () => {
    const backend = new SimulatedHidBackend();
    const device = backend.attach(new SimulatedHidDevice({ vendorId: 1, productId: 2 }));
    const panel = new HidButtonPanel(new HidReportPort(backend, { vendorId: 1, productId: 2 }));
    const presses: number[] = [];
    const leds: number[] = [];
    panel.onPress((b) => presses.push(b));
    device.onHostReport((r) => leds.push(r[1]!));
    expect(panel.setLeds(0b11)).toEqual({ ok: true });
    device.sendReport(Uint8Array.of(1, 0b01));
    device.sendReport(Uint8Array.of(1, 0b01));
    device.sendReport(Uint8Array.of(1, 0b11));
    device.sendReport(Uint8Array.of(9, 0xff));
    await settle();
    expect(presses).toEqual([0, 1]);
    expect(leds).toEqual([0b11]);
    device.unplug();
    expect(panel.setLeds(0)).toMatchObject({ ok: false });
  });
});

describe('paper preview', () => {
  it('renders lines, QR and cut as an SVG data URL, escaping text', () => {
    const url = renderPaperPreview(['<A012> & 张三', '[QR] https://x.example/q', '[CUT]'], {
      paperWidthMm: 58,
    });
    expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const svg = Buffer.from(url.split(',')[1]!, 'base64').toString('utf8');
    expect(svg).toContain('&#60;A012&#62; &#38; 张三');
    expect(svg).toContain('<path d="M');
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('width="384"');
  });
});
