import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FAULTY_AFTER_FAILED_READS } from '../../drivers/id-card-reader/card-watcher';
import { idCheckCharacter } from '../../domain/id-number';
import { sampleIdentity, SimulatedSdtCardDevice } from '../../drivers/id-card-reader/simulated-sdt-device';
import { startLinkedPtyPair, stopPty } from '../../drivers/test-support/socat-pty';
import { SerialTransport } from '../../drivers/transports/serial-transport';
import { transportAsDeviceEnd } from '../../drivers/transports/simulated-link';
import type { KioskEvent } from '../../electron/backend/api/contract';
import { registerApiRoutes } from '../../electron/backend/api/routes';
import { startKiosk, type Kiosk } from '../../electron/backend/kiosk';
import { createTestLogger } from '../../electron/backend/logging/logger';
import { parseConfig } from '../../kiosk-config/load-config';

// The card session against the real driver: the reader is a serial port (a PTY through the real
// serialport binding) with the simulated reader on the far end, or the simulated link. Unplug =
// kill socat; replug = socat again under the same stable link names, with another card on it.
const dir = mkdtempSync(join(tmpdir(), 'kiosk-card-binding-'));
const BAUD = 115200;
const withCheck = (first17: string) => first17 + idCheckCharacter(first17);
/** A: 77 years old on the test date, so a ticket in A's name would be green channel. */
const A = sampleIdentity({
  name: '赵老伯',
  idNumber: withCheck('11010519481231001'),
  birthDate: '1948-12-31',
});
const B = sampleIdentity({
  name: '钱小妹',
  idNumber: withCheck('11010519900101003'),
  birthDate: '1990-01-01',
});

let kiosk: Kiosk | undefined;
let app: FastifyInstance | undefined;
const procs: ChildProcess[] = [];
const sides: SerialTransport[] = [];

afterEach(async () => {
  await app?.close();
  await kiosk?.close();
  app = undefined;
  kiosk = undefined;
  for (const side of sides.splice(0)) await side.close().catch(() => undefined);
  for (const proc of procs.splice(0)) await stopPty(proc);
});

/** Plugs the reader in (again): a fresh PTY pair under the same names, a simulated reader behind it. */
async function plugReader(name: string) {
  const links: [string, string] = [join(dir, `${name}-host`), join(dir, `${name}-dev`)];
  const proc = await startLinkedPtyPair(links);
  procs.push(proc);
  const deviceSide = new SerialTransport({ path: links[1], baudRate: BAUD });
  await deviceSide.open();
  sides.push(deviceSide);
  return { proc, hostPath: links[0], reader: new SimulatedSdtCardDevice(transportAsDeviceEnd(deviceSide)) };
}

async function start(idCardReader: Record<string, unknown>) {
  const logger = createTestLogger();
  const heartbeats: { devices: Record<string, { state: string }> }[] = [];
  const watchingFetch = (async (input: URL | string, init?: RequestInit) => {
    if (String(input).endsWith('/v1/kiosks/heartbeat') && typeof init?.body === 'string') {
      heartbeats.push(JSON.parse(init.body) as (typeof heartbeats)[number]);
    }
    return fetch(input, init);
  }) as typeof fetch;
  kiosk = await startKiosk(
    parseConfig({ dataDir: mkdtempSync(join(dir, 'data-')), devices: { idCardReader } }),
    { logger, fetch: watchingFetch },
  );
  app = Fastify();
  registerApiRoutes(app, kiosk);
  const events: KioskEvent[] = [];
  kiosk.onEvent((e) => events.push(e));
  return { kiosk, app, logger, events, heartbeats };
}

const state = async () => (await app!.inject({ url: '/api/state' })).json().state;
const takeTicket = (category = 'A') =>
  app!.inject({ method: 'POST', url: '/api/queue/tickets', payload: { category } });
/** Ticket requests ever written: a refused action writes none. */
const ticketRows = () =>
  (kiosk!.db.prepare('SELECT COUNT(*) AS n FROM local_tickets').get() as { n: number }).n;
const citizenIs = async (maskedName: string) =>
  vi.waitFor(async () => expect((await state()).citizen?.maskedName).toBe(maskedName), { timeout: 8_000 });

describe('the card session is bound to the card on the reader', () => {
  it('unplug, then replug with another card: A is ended, nothing is done for A, B gets a session of their own', async () => {
    let plugged = await plugReader('replug');
    const k = await start({ transport: { kind: 'serial', path: plugged.hostPath }, pollIntervalMs: 100 });
    plugged.reader.placeCard(A);
    await citizenIs('赵**');

    await stopPty(plugged.proc); // the cable is pulled with A's card on the reader
    const refused = await takeTicket();
    expect(refused.statusCode).toBe(409);
    expect(['card-session-ended', 'no-session']).toContain(refused.json().error.code);
    await vi.waitFor(async () => expect((await state()).citizen).toBeNull(), { timeout: 8_000 });
    expect(k.events).toContainEqual({ type: 'card-error', code: 'card-session-ended' });
    const cases = await app!.inject({ url: '/api/progress/cases?refresh=true' });
    expect(cases.statusCode).toBe(409);

    plugged = await plugReader('replug'); // back, with B's card on it
    plugged.reader.placeCard(B);
    await citizenIs('钱**');
    expect((await state()).citizen.greenChannel).toBe(false);
    const ticket = await takeTicket();
    expect(ticket.statusCode, ticket.body).toBe(200);
    expect(ticket.json().ticket.priority).toBe('normal');
    expect(ticketRows()).toBe(1);
    expect(k.logger.lines.join('\n')).not.toContain(A.name);
  });

  it('a reader gone silent ends the session as soon as it fails to answer', async () => {
    const plugged = await plugReader('silent');
    const k = await start({ transport: { kind: 'serial', path: plugged.hostPath }, pollIntervalMs: 100 });
    plugged.reader.placeCard(A);
    await citizenIs('赵**');
    plugged.reader.setSilent(true);
    // The driver's response timeout (3 s) is the reader's answer that it cannot say.
    await vi.waitFor(async () => expect((await state()).citizen).toBeNull(), { timeout: 8_000 });
    expect(k.events).toContainEqual({ type: 'card-error', code: 'card-session-ended' });
    expect((await takeTicket()).json().error.code).toBe('no-session');
    expect(ticketRows()).toBe(0);
    expect(k.logger.lines.some((l) => l.includes('"event":"card.session-ended"'))).toBe(true);
  });

  it('a card swapped within one poll: the next action re-reads, is refused, and does nothing for A', async () => {
    const k = await start({ transport: { kind: 'simulated' }, pollIntervalMs: 300 });
    const reader = k.kiosk.devices.simulatedCard!;
    reader.placeCard(A);
    await citizenIs('赵**');
    // Lift A and lay B in the same instant: every "find card" poll answers as it did for A.
    reader.removeCard();
    reader.placeCard(B);
    const refused = await takeTicket();
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toEqual({ code: 'card-session-ended', detail: 'card-changed' });
    expect(ticketRows()).toBe(0);
    // B was read by that re-read and has their own session; their ticket is theirs.
    expect((await state()).citizen).toMatchObject({ maskedName: '钱**', greenChannel: false });
    const ticket = await takeTicket();
    expect(ticket.json().ticket.priority).toBe('normal');

    // The same within one poll before A's cases are listed: B never sees them.
    reader.removeCard();
    reader.placeCard(A);
    const list = await app!.inject({ url: '/api/progress/cases?refresh=true' });
    expect(list.json().error).toEqual({ code: 'card-session-ended', detail: 'card-changed' });
    expect(k.logger.lines.filter((l) => l.includes('"event":"card.action-refused"'))).toHaveLength(2);
  });

  for (const [what, failing] of [
    ['checksum errors', 'checksum-error'],
    ['status 0x41 (read failed)', { sw3: 0x41 }],
  ] as const) {
    it(`a reader failing every read (${what}) is faulty in /api/state and the heartbeat, and staff are alerted`, async () => {
      const k = await start({ transport: { kind: 'simulated' }, pollIntervalMs: 50 });
      const reader = k.kiosk.devices.simulatedCard!;
      reader.placeCard(A);
      await citizenIs('赵**');
      reader.setFailing(failing);
      await vi.waitFor(async () => expect((await state()).devices.idCardReader.state).toBe('faulty'), {
        timeout: 8_000,
      });
      expect((await state()).citizen).toBeNull();
      expect(k.kiosk.devices.status().idCardReader.detail).toContain(
        `${FAULTY_AFTER_FAILED_READS} reads failed`,
      );
      expect(k.kiosk.alerts.list()).toMatchObject([
        { what: 'card-reader-faulty', device: 'idCardReader', state: 'faulty' },
      ]);
      await vi.waitFor(() =>
        expect(k.heartbeats.some((h) => h.devices.idCardReader?.state === 'faulty')).toBe(true),
      );
      expect(k.logger.lines.some((l) => l.includes('"event":"staff.alert"'))).toBe(true);

      reader.setFailing(undefined);
      await citizenIs('赵**');
      expect((await state()).devices.idCardReader.state).toBe('ready');
      expect(k.kiosk.alerts.list()).toEqual([]);
    });
  }

  it('typed-ID and app-QR sessions keep their own rules: no re-read, no end on a reader fault', async () => {
    const k = await start({ transport: { kind: 'simulated' }, pollIntervalMs: 50 });
    const reader = k.kiosk.devices.simulatedCard!;
    const typed = await app!.inject({
      method: 'POST',
      url: '/api/identity/declared',
      payload: { idNumber: B.idNumber },
    });
    expect(typed.statusCode, typed.body).toBe(200);
    reader.setFailing('checksum-error');
    await vi.waitFor(async () => expect((await state()).devices.idCardReader.state).toBe('faulty'), {
      timeout: 8_000,
    });
    expect((await state()).citizen).toMatchObject({ source: 'typed' });
    const commandsBefore = reader.commandsReceived;
    const ticket = await takeTicket('B');
    expect(ticket.statusCode, ticket.body).toBe(200);
    expect(ticket.json().ticket.priority).toBe('normal');
    // A poll may have run meanwhile; the ticket itself asked the reader nothing (a read is 3 commands).
    expect(reader.commandsReceived - commandsBefore).toBeLessThan(3);
    expect((await app!.inject({ url: '/api/progress/cases' })).json().error).toEqual({
      code: 'no-session',
      reason: 'needs-card',
    });

    k.kiosk.endSession();
    k.kiosk.identity.onScan(`citizen-id:${A.idNumber}`);
    // A is 77 by the birth date in the number: served first without the card as with it.
    expect((await state()).citizen).toMatchObject({ source: 'qr', greenChannel: true });
    const green = await takeTicket('C');
    expect(green.statusCode).toBe(200);
    expect(green.json().ticket.priority).toBe('green-channel');
  });
});
