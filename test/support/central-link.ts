import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Clock } from '../../domain/clock';
import { caseRequest, http, provisionStaff, STAFF } from '../../central/cases/test-support';
import { startCentral } from '../../central/start';
import { TOKEN } from '../../central/test-support';
import { clockAt } from './journey-host';

/** The digest key of central/cases/test-support.ts: a kiosk configured with it finds those cases. */
export const LINK_CITIZEN_REF_KEY = 'test-citizen-ref-key';
export const LINK_DEVICE_TOKEN = TOKEN;

/**
 * The real central on loopback, reached by the kiosk through a link the test can cut (every
 * connection dropped, new ones refused) and restore, like a township line going down. The central
 * keeps its own clock (real time at `hhmm` hall time, moved on by `advance`), so a payment can
 * expire there while the kiosk's clock stays. Staff (central/cases/test-support's STAFF) are
 * provisioned for counter and approval steps.
 */
export interface CentralLink {
  /** What the kiosk is configured with: the link. */
  url: string;
  /** The central itself: for staff, the simulated payer and checks. */
  directUrl: string;
  dbPath: string;
  /** The kiosk's configuration of this central (remote mode). */
  kioskCentral: { mode: 'remote'; baseUrl: string; deviceToken: string; citizenRefKey: string };
  /**
   * The line goes down: open connections drop and new ones are refused (the central is not
   * reached at all). With `only`, just the requests it matches are dropped on their way.
   */
  cut(only?: (method: string, path: string) => boolean): void;
  restore(): Promise<void>;
  /** Moves the central's clock on (payments expire, days pass). */
  advance(ms: number): void;
  /** A case of `person` (central/cases/test-support numbering) with the item's fee, taken in. */
  caseWithFee(person: number, opts?: { approve?: boolean }): Promise<{ caseId: string; caseNumber: string }>;
  /** A window calls and serves a ticket (so its visit may be rated). */
  serve(ticketId: string): Promise<void>;
  api: ReturnType<typeof http>;
  close(): Promise<void>;
}

export async function startCentralLink(hhmm = '09:05'): Promise<CentralLink> {
  const dir = mkdtempSync(join(tmpdir(), 'central-link-'));
  const dbPath = join(dir, 'central.db');
  const base = clockAt(hhmm);
  let extra = 0;
  const clock: Clock = { ...base, now: () => base.now() + extra };

  provisionStaff(dbPath, () => clock.now());
  // Enrolment hands out the key the kiosks of these tests are configured with.
  const central = await startCentral({
    dbPath,
    port: 0,
    deviceTokens: [TOKEN],
    clock,
    citizenRefKey: LINK_CITIZEN_REF_KEY,
  });

  const target = new URL(central.baseUrl);
  let down = false;
  let dropOnly: ((method: string, path: string) => boolean) | undefined;
  const sockets = new Set<Socket>();
  const proxy: Server = createServer((req, res) => {
    if (down || dropOnly?.(req.method ?? 'GET', req.url ?? '/')) return void req.socket.destroy();
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        // Streamed, not buffered: the kiosk's live event stream goes through here too.
        up.pipe(res);
      },
    );
    upstream.on('error', () => req.socket.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  proxy.on('connection', (socket) => {
    if (down) return void socket.destroy();
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const port = (proxy.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const api = http(central.baseUrl);

  const act = async (caseId: string, action: string, body: object = {}) => {
    const r = await api.post(`/v1/staff/cases/${caseId}/${action}`, body, STAFF.manager);
    expect(r.status, `${action}: ${r.text}`).toBe(200);
  };

  return {
    url,
    directUrl: central.baseUrl,
    dbPath,
    kioskCentral: {
      mode: 'remote',
      baseUrl: url,
      deviceToken: TOKEN,
      citizenRefKey: LINK_CITIZEN_REF_KEY,
    },
    cut(only) {
      if (only) {
        dropOnly = only;
        return;
      }
      if (down) return;
      down = true;
      proxy.close();
      for (const s of sockets) s.destroy();
    },
    async restore() {
      dropOnly = undefined;
      if (!down) return;
      down = false;
      await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
    },
    advance(ms) {
      extra += ms;
    },
    async caseWithFee(person, opts = {}) {
      const r = await api.post('/v1/cases', caseRequest({}, person), TOKEN, {
        'idempotency-key': `link-case-${person}-${Math.random().toString(36).slice(2, 10)}`,
      });
      expect(r.status, r.text).toBe(201);
      const { caseId, caseNumber } = r.json.case as { caseId: string; caseNumber: string };
      await act(caseId, 'pre-review-pass');
      await act(caseId, 'take-in');
      if (opts.approve) {
        await act(caseId, 'route');
        await act(caseId, 'approve');
      }
      return { caseId, caseNumber };
    },
    async serve(ticketId) {
      for (const step of ['call', 'complete']) {
        const r = await api.post(
          `/v1/queue/tickets/${encodeURIComponent(ticketId)}/${step}`,
          {},
          STAFF.window,
        );
        expect(r.status, `${step}: ${r.text}`).toBe(200);
      }
    },
    api,
    async close() {
      for (const s of sockets) s.destroy();
      if (!down) {
        await new Promise<void>((resolve) => {
          proxy.closeAllConnections();
          proxy.close(() => resolve());
        });
      }
      await central.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
