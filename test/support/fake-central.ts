import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { heartbeatRequestSchema, type HeartbeatRequest } from '../../central/kiosks/contract';
import { issueTicketRequestSchema } from '../../central/contract';

export const FAKE_ENROLMENT_CODE = 'ABCD-EFGH-JK23';
export const FAKE_ISSUED_TOKEN = 'enrolled-device-token-0123456789';
export const FAKE_CITIZEN_REF_KEY = 'enrolled-citizen-ref-key-012345';

/**
 * A small stand-in for the central API with the route shapes of central/ (queue categories,
 * ticket issue, kiosk enrolment and heartbeat), for tests of the kiosk side that must not depend
 * on the central being complete. Heartbeats are validated with the central's own strict schema.
 */
export interface FakeCentral {
  baseUrl: string;
  heartbeats: HeartbeatRequest[];
  /** Bodies the strict schema refused. */
  refused: unknown[];
  enrolments: { terminalId: string; code: string }[];
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : undefined;
}

export async function startFakeCentral(options: { deviceTokens?: string[] } = {}): Promise<FakeCentral> {
  const tokens = new Set(options.deviceTokens ?? ['dev-terminal-token-0000']);
  const heartbeats: HeartbeatRequest[] = [];
  const refused: unknown[] = [];
  const enrolments: { terminalId: string; code: string }[] = [];
  const issued = new Map<string, unknown>();
  let spent = false;
  let next = 1;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      const error = (status: number, code: string) => send(status, { error: { code, message: code } });
      const url = new URL(req.url ?? '/', 'http://x');
      const body = req.method === 'POST' ? await readJson(req).catch(() => undefined) : undefined;
      if (req.method === 'POST' && url.pathname === '/v1/kiosks/enrol') {
        const b = body as { terminalId?: string; code?: string } | undefined;
        if (b?.code !== FAKE_ENROLMENT_CODE || spent) return error(401, 'invalid-enrolment-code');
        spent = true;
        enrolments.push({ terminalId: String(b.terminalId), code: b.code });
        return send(201, {
          terminalId: b.terminalId,
          hallId: 'HALL-CITY-01',
          deviceToken: FAKE_ISSUED_TOKEN,
          citizenRefKey: FAKE_CITIZEN_REF_KEY,
        });
      }
      const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!token || !(tokens.has(token) || token === FAKE_ISSUED_TOKEN)) return error(401, 'unauthorized');
      const categories = /^\/v1\/halls\/([^/]+)\/queue-categories$/.exec(url.pathname);
      if (req.method === 'GET' && categories) {
        return send(200, {
          hallId: decodeURIComponent(categories[1]!),
          hallName: '市民服务中心',
          categories: [{ code: 'A', name: { zh: '综合受理', en: 'General services' }, waiting: 0 }],
        });
      }
      if (req.method === 'POST' && url.pathname === '/v1/queue/tickets') {
        const parsed = issueTicketRequestSchema.safeParse(body);
        if (!parsed.success) return error(400, 'bad-request');
        const key = String(req.headers['idempotency-key']);
        if (!issued.has(key)) {
          const number = `${parsed.data.category}${String(next++).padStart(3, '0')}`;
          issued.set(key, {
            ticket: {
              ticketId: `t-${number}`,
              number,
              hallId: parsed.data.hallId,
              hallName: '市民服务中心',
              category: parsed.data.category,
              categoryName: { zh: '综合受理', en: 'General services' },
              priority: parsed.data.priority,
              waitingAhead: 0,
              estimatedWaitMinutes: 0,
              issuedAt: new Date().toISOString(),
              status: 'waiting',
              terminalId: parsed.data.terminalId,
            },
          });
        }
        return send(201, issued.get(key));
      }
      if (req.method === 'POST' && url.pathname === '/v1/kiosks/heartbeat') {
        const parsed = heartbeatRequestSchema.safeParse(body);
        if (!parsed.success) {
          refused.push(body);
          return error(400, 'bad-request');
        }
        heartbeats.push(parsed.data);
        return send(200, {
          serverTime: new Date().toISOString(),
          config: { latestVersion: 0, changed: false },
        });
      }
      return error(404, 'not-found');
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    heartbeats,
    refused,
    enrolments,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
