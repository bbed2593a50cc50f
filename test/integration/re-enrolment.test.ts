import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { caseRequest, STAFF } from '../../central/cases/test-support';
import { fleetResponseSchema } from '../../central/kiosks/contract';
import { FLEET_PATHS } from '../../central/kiosks/fleet-page';
import { KIOSK_ONLINE_WINDOW_MS } from '../../central/kiosks/store';
import { TOKEN } from '../../central/test-support';
import { ManualClock } from '../../domain/clock';
import { sampleIdentity } from '../../drivers/id-card-reader/simulated-sdt-device';
import type { KioskEvent } from '../../electron/backend/api/contract';
import { startKiosk, type Kiosk } from '../../electron/backend/kiosk';
import { createTestLogger } from '../../electron/backend/logging/logger';
import { HEARTBEAT_INTERVAL_MS } from '../../electron/backend/maintenance/heartbeat';
import { checkCentral } from '../../electron/backend/maintenance/network-check';
import { placeCardOnReader } from '../../electron/backend/session/test-support';
import { EXIT, runCli } from '../../kiosk-config/cli';
import { loadConfig } from '../../kiosk-config/load-config';
import { LINK_CITIZEN_REF_KEY, startCentralLink, type CentralLink } from '../support/central-link';

const TERMINAL = 'KIOSK-RE-01';
const HALL = 'HALL-CITY-01';

let kiosk: Kiosk | undefined;
let link: CentralLink | undefined;
afterEach(async () => {
  await kiosk?.close();
  await link?.close();
  kiosk = undefined;
  link = undefined;
});

/** Field staff enrol the terminal as on site: a manager's one-time code, then `kiosk-config enrol`. */
async function enrol(central: CentralLink, configPath: string): Promise<void> {
  const issued = await central.api.post(
    '/v1/kiosks/enrolment-codes',
    { terminalId: TERMINAL, hallId: HALL },
    STAFF.manager,
  );
  expect(issued.status, issued.text).toBe(201);
  const said: string[] = [];
  const code = await runCli(
    ['enrol', '--config', configPath, '--code', issued.json.code as string, '--central', central.url],
    {
      out: (t) => said.push(t),
      err: (t) => said.push(t),
      stdin: async () => '',
      env: {},
      fetch: (input, init) => fetch(input, init),
      discover: () => Promise.reject(new Error('no device discovery here')),
    },
  );
  expect(code, said.join('\n')).toBe(EXIT.ok);
}

/** This terminal as the central's fleet page shows it. */
async function onFleetPage(central: CentralLink) {
  const res = await central.api.get(`/v1/kiosks?hallId=${HALL}`, STAFF.manager);
  expect(res.status, res.text).toBe(200);
  return fleetResponseSchema.parse(res.json).kiosks.find((k) => k.terminalId === TERMINAL);
}

/** This terminal's row on the fleet page as a hall manager sees it in a browser (login, then the cookie). */
async function rowOnFleetPageInBrowser(central: CentralLink): Promise<string | undefined> {
  const login = await fetch(`${central.directUrl}${FLEET_PATHS.login}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: new URL(central.directUrl).origin,
    },
    body: new URLSearchParams({ token: STAFF.manager }).toString(),
  });
  expect(login.status).toBe(303);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const page = await fetch(`${central.directUrl}${FLEET_PATHS.page}`, { headers: { cookie } });
  expect(page.status).toBe(200);
  const html = await page.text();
  return html.split('\n').find((line) => line.includes(`data-terminal="${TERMINAL}"`));
}

/** The tickets the central holds from this terminal. */
async function ticketsFromTerminal(central: CentralLink): Promise<unknown[]> {
  const res = await central.api.get(`/v1/queue/tickets?hallId=${HALL}`);
  expect(res.status, res.text).toBe(200);
  return (res.json.tickets as { terminalId: string }[]).filter((t) => t.terminalId === TERMINAL);
}

const opened = (logger: { lines: string[] }) =>
  logger.lines.filter((l) => l.includes('"event":"central.events-open"')).length;

describe('a terminal re-enrolled while it runs', () => {
  it('moves every caller of the central to the new token: heartbeat, live events, catalogue and outbox', async () => {
    link = await startCentralLink();
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-re-enrol-'));
    const configPath = join(dir, 'kiosk.json');
    writeFileSync(
      configPath,
      JSON.stringify({
        terminalId: TERMINAL,
        hall: { id: HALL, name: '市民服务中心' },
        dataDir: join(dir, 'data'),
        store: { keyFile: join(dir, 'store.key') },
        central: { mode: 'remote', baseUrl: link.url, citizenRefKey: LINK_CITIZEN_REF_KEY },
      }),
    );
    await enrol(link, configPath);
    const first = loadConfig(configPath);

    const clock = new ManualClock(Date.now());
    const logger = createTestLogger();
    kiosk = await startKiosk(first, {
      clock,
      logger,
      // What the kiosk does by default (tokenFromConfigFile), on this test's file.
      reauthenticate: async () => loadConfig(configPath).central.deviceToken,
    });
    await vi.waitFor(() => expect(opened(logger)).toBe(1));
    await vi.waitFor(async () => expect((await onFleetPage(link!))?.online).toBe(true));

    // Re-enrolled on site: the file holds a new token, and the central no longer knows the old one.
    await enrol(link, configPath);
    expect(loadConfig(configPath).central.deviceToken).not.toBe(first.central.deviceToken);

    // The line drops and comes back while a citizen takes a number: the kiosk issues it from its
    // leased numbers and the ticket waits in the outbox; the event stream has to connect anew.
    link.cut();
    await placeCardOnReader(kiosk, {
      identity: sampleIdentity({ idNumber: '11010519491231002X', birthDate: '1990-05-01', name: '王小明' }),
      photo: new Uint8Array(),
    });
    expect((await kiosk.takeTicket('A')).ok).toBe(true);
    expect(kiosk.outbox.counts().pending).toBe(1);
    expect(await ticketsFromTerminal(link)).toEqual([]);
    await link.restore();

    // The stream is refused with the old token, renews, and opens again with the new one.
    await vi.waitFor(() => expect(opened(logger)).toBe(2), { timeout: 10_000 });
    expect(logger.lines.some((l) => l.includes('"event":"central.reauthenticated"'))).toBe(true);

    // Long enough without a heartbeat for the fleet page to show the terminal offline...
    link.advance(KIOSK_ONLINE_WINDOW_MS + 1_000);
    expect((await onFleetPage(link))?.online).toBe(false);
    // ...and its next heartbeat, with the new token, puts it back; the queued ticket goes out too.
    await clock.advance(HEARTBEAT_INTERVAL_MS);
    await vi.waitFor(async () => {
      expect((await onFleetPage(link!))?.online).toBe(true);
    });
    // The page a manager opens in a browser shows it online too, once, under its terminal id.
    const row = await rowOnFleetPageInBrowser(link);
    expect(row).toContain('在线 online');
    expect(row).toContain(HALL);
    await vi.waitFor(async () => {
      if (kiosk!.outbox.counts().pending > 0) await clock.advance(5_000);
      expect(kiosk!.outbox.counts()).toMatchObject({ pending: 0, 'in-flight': 0 });
    });
    expect(await ticketsFromTerminal(link)).toHaveLength(1);

    // The stream delivers the central's events again.
    const seen: KioskEvent[] = [];
    kiosk.onEvent((e) => seen.push(e));
    const submitted = await link.api.post('/v1/cases', caseRequest({ terminalId: TERMINAL }), TOKEN, {
      'idempotency-key': 're-enrolment-case-01',
    });
    expect(submitted.status, submitted.text).toBe(201);
    const { caseId, caseNumber } = submitted.json.case as { caseId: string; caseNumber: string };
    const passed = await link.api.post(`/v1/staff/cases/${caseId}/pre-review-pass`, {}, STAFF.window);
    expect(passed.status, passed.text).toBe(200);
    await vi.waitFor(() =>
      expect(seen).toContainEqual({ type: 'case-changed', caseNumber, status: 'pre-review-passed' }),
    );

    // The service guide's catalogue refreshes from the central.
    expect(await kiosk.guide.refresh()).not.toBe('failed');
    // The maintenance network check sends the token in use, so it does not report the old one refused.
    expect(kiosk.connection.token).toBe(loadConfig(configPath).central.deviceToken);
    const check = await checkCentral({
      baseUrl: kiosk.centralBaseUrl,
      deviceToken: kiosk.connection.token,
      hallId: HALL,
      clock: kiosk.clock,
    });
    expect(check).toMatchObject({ ok: true, status: 200 });
    expect(logger.lines.some((l) => l.includes('"event":"central.unauthorized"'))).toBe(false);
  }, 30_000);
});
