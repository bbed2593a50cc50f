import type { FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_DEADLINES, type ServerDeadlines } from '../../electron/backend/api/api-server';
import { SECRET_HEADER } from '../../electron/backend/api/secret-auth';
import { startBrowserHost, type BrowserHost } from '../../electron/backend/browser-host';
import { startKiosk, type Kiosk } from '../../electron/backend/kiosk';
import { createTestLogger } from '../../electron/backend/logging/logger';
import { startSocketServer } from '../../electron/backend/socket-server';
import { API_RESPONSE_TIMEOUT_MS } from '../../electron/shell/app-request-handler';
import { parseConfig } from '../../kiosk-config/load-config';

/**
 * Both servers of the kiosk's /api (the browser host on loopback TCP, the Electron backend on the
 * shell's socket) against slow and malformed clients: deadlines close a client that dribbles its
 * headers or body, and bodies that are not UTF-8 or nest too deep are a 400, while everybody else
 * is still served.
 */

/** Short deadlines, so the test sees them close a socket; the checks run every 50 ms. */
const SHORT: ServerDeadlines = { headersMs: 300, requestMs: 600, idleMs: 5_000, checkIntervalMs: 50 };
const DRIP_EVERY_MS = 40;
const SECRET = 'b'.repeat(48);

interface Target {
  name: string;
  connect: () => net.Socket;
  options: () => http.RequestOptions;
  hostHeader: () => string;
  secret: () => string;
}

let dir: string;
let host: BrowserHost;
let kiosk: Kiosk;
let backend: FastifyInstance;
const logger = createTestLogger();

const targets: Target[] = [
  {
    name: 'the browser host (TCP)',
    connect: () => net.connect(host.port, '127.0.0.1'),
    options: () => ({ host: '127.0.0.1', port: host.port }),
    hostHeader: () => `127.0.0.1:${host.port}`,
    secret: () => host.secret,
  },
  {
    name: "the Electron backend (the shell's socket)",
    connect: () => net.connect(join(dir, 'api.sock')),
    options: () => ({ socketPath: join(dir, 'api.sock') }),
    hostHeader: () => 'kiosk',
    secret: () => SECRET,
  },
];

function send(
  target: Target,
  method: string,
  path: string,
  body?: Buffer | string,
): Promise<{ status: number; json: { ok: boolean; error?: { code: string; detail?: string } } }> {
  return new Promise((resolve, reject) => {
    const base = target.options();
    const req = http.request(
      {
        ...base,
        method,
        path,
        headers: {
          [SECRET_HEADER]: target.secret(),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A client that writes `head` and then one more byte (or header line) every DRIP_EVERY_MS,
 * forever: it never stops by itself. Resolves once the server has closed the connection, with the
 * status the server answered first: 408, or '' when a drip crossed the server's close and the
 * reset that followed dropped the answer before it was read.
 */
function dribble(target: Target, head: string, drip: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = target.connect();
    let answer = '';
    let timer: ReturnType<typeof setInterval> | undefined;
    socket.setEncoding('utf8');
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => socket.write(drip), DRIP_EVERY_MS);
    });
    socket.on('data', (chunk: string) => {
      clearInterval(timer);
      answer += chunk;
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve(/^HTTP\/1\.1 (\d{3}) /.exec(answer)?.[1] ?? '');
    });
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-server-limits-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  host = await startBrowserHost(parseConfig({ dataDir: join(dir, 'host-data'), browserHost: { port: 0 } }), {
    logger,
    rendererDir,
    deadlines: SHORT,
  });
  kiosk = await startKiosk(parseConfig({ dataDir: join(dir, 'backend-data') }), { logger });
  backend = await startSocketServer(kiosk, {
    socketPath: join(dir, 'api.sock'),
    secret: SECRET,
    logger,
    deadlines: SHORT,
  });
});

afterAll(async () => {
  await host?.close();
  await backend?.close();
  await kiosk?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the deadlines of a kiosk server', () => {
  it('are named, ordered, and leave the event stream and the shell their time', () => {
    expect(SERVER_DEADLINES.headersMs).toBeLessThan(SERVER_DEADLINES.requestMs);
    // Two heartbeats of the event stream (25 s), and the shell's own wait for an answer.
    expect(SERVER_DEADLINES.idleMs).toBeGreaterThan(2 * 25_000);
    expect(SERVER_DEADLINES.idleMs).toBeGreaterThan(API_RESPONSE_TIMEOUT_MS);
    expect(SERVER_DEADLINES.checkIntervalMs).toBeLessThanOrEqual(SERVER_DEADLINES.headersMs / 5);
  });
});

describe.each(targets)('$name', (target) => {
  it('closes a client that dribbles its headers, and serves others meanwhile and after', async () => {
    const closed = dribble(
      target,
      `GET /api/state HTTP/1.1\r\nHost: ${target.hostHeader()}\r\n${SECRET_HEADER}: ${target.secret()}\r\n`,
      'x-drip: 1\r\n',
    );
    expect((await send(target, 'GET', '/api/state')).status).toBe(200);
    expect(['408', '']).toContain(await closed);
    expect((await send(target, 'GET', '/api/state')).status).toBe(200);
  });

  it('closes a client that dribbles its body, and serves others meanwhile and after', async () => {
    const closed = dribble(
      target,
      `POST /api/queue/tickets HTTP/1.1\r\nHost: ${target.hostHeader()}\r\n${SECRET_HEADER}: ${target.secret()}\r\n` +
        'content-type: application/json\r\ncontent-length: 100000\r\n\r\n{"category":"',
      'A',
    );
    expect((await send(target, 'GET', '/api/state')).status).toBe(200);
    expect(['408', '']).toContain(await closed);
    expect((await send(target, 'GET', '/api/state')).status).toBe(200);
  });

  it('refuses a body that is not UTF-8 with 400 and says so, instead of reading the bytes as U+FFFD', async () => {
    // "category":"A" followed by a lone continuation byte and an overlong encoding of '/'.
    const bytes = Buffer.concat([
      Buffer.from('{"category":"A'),
      Buffer.from([0x80, 0xc0, 0xaf]),
      Buffer.from('"}'),
    ]);
    const res = await send(target, 'POST', '/api/queue/tickets', bytes);
    expect(res.status).toBe(400);
    expect(res.json.error).toEqual({ code: 'bad-request', detail: 'The body is not valid UTF-8' });
    expect((await send(target, 'GET', '/api/state')).status).toBe(200);
  });

  it('refuses JSON nested 10 000 deep with 400, never 500, and still answers afterwards', async () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const res = await send(target, 'POST', '/api/queue/tickets', deep);
    expect(res.status).toBe(400);
    expect(res.json.error?.code).toBe('bad-request');
    expect(res.json.error?.detail).toMatch(/deeper than \d+ levels/);
    const inObject = await send(target, 'POST', '/api/queue/tickets', `{"category":${deep}}`);
    expect(inObject.status).toBe(400);
    expect((await send(target, 'GET', '/api/state')).status).toBe(200);
    expect(logger.lines.some((l) => l.includes('"api.internal-error"'))).toBe(false);
  });

  it('still takes a well-formed request: a ticket without a citizen is the usual 409', async () => {
    const res = await send(target, 'POST', '/api/queue/tickets', JSON.stringify({ category: 'A' }));
    expect(res).toEqual({ status: 409, json: { ok: false, error: { code: 'no-session' } } });
  });
});
