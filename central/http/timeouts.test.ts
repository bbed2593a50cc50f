import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_HTTP_TIMEOUTS, type HttpTimeouts } from '../app';
import { startCentral, type RunningCentral } from '../start';
import { TOKEN } from '../test-support';

// Real sockets need real time; the deadlines are shortened so the test waits well under a second.
const SHORT: HttpTimeouts = { headersMs: 300, requestMs: 600, idleMs: 2_000, checkIntervalMs: 50 };

let central: RunningCentral | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await central?.close();
  central = undefined;
});

async function open(
  timeouts: HttpTimeouts,
): Promise<{ socket: Socket; closed: Promise<{ ms: number; reply: string }> }> {
  central = await startCentral({
    dbPath: ':memory:',
    port: 0,
    deviceTokens: [TOKEN],
    httpTimeouts: timeouts,
    rateLimit: false,
  });
  const { port } = new URL(central.baseUrl);
  const socket = connect(Number(port), '127.0.0.1');
  sockets.push(socket);
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  const started = Date.now();
  let reply = '';
  socket.on('data', (chunk: Buffer) => (reply += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  const closed = new Promise<{ ms: number; reply: string }>((resolve) =>
    socket.once('close', () => resolve({ ms: Date.now() - started, reply })),
  );
  return { socket, closed };
}

describe('the central closes slow clients', () => {
  it('has named defaults that keep the header deadline inside the request deadline', () => {
    expect(DEFAULT_HTTP_TIMEOUTS.headersMs).toBeLessThan(DEFAULT_HTTP_TIMEOUTS.requestMs);
    expect(DEFAULT_HTTP_TIMEOUTS.idleMs).toBeGreaterThan(15_000 * 3);
  });

  it('closes a client that sends part of its headers and stops', async () => {
    const { socket, closed } = await open(SHORT);
    socket.write(`POST /v1/queue/tickets HTTP/1.1\r\nHost: central\r\nAuthorization: Bearer ${TOKEN}\r\n`);
    const { ms, reply } = await closed;
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeLessThan(SHORT.headersMs + 2_500);
  });

  it('closes a client that dribbles its headers a byte at a time', async () => {
    const { socket, closed } = await open(SHORT);
    const text = `GET /v1/health HTTP/1.1\r\nHost: central\r\nX-Slow: ${'a'.repeat(10_000)}`;
    let i = 0;
    const drip = setInterval(() => {
      if (!socket.destroyed) socket.write(text[i++ % text.length]!);
    }, 10);
    try {
      const { ms, reply } = await closed;
      expect(reply).toMatch(/^HTTP\/1\.1 408/);
      expect(ms).toBeLessThan(SHORT.headersMs + 2_500);
    } finally {
      clearInterval(drip);
    }
  });

  it('closes a client that sends its headers and then dribbles the body', async () => {
    const { socket, closed } = await open(SHORT);
    socket.write(
      `POST /v1/queue/tickets HTTP/1.1\r\nHost: central\r\nAuthorization: Bearer ${TOKEN}\r\n` +
        'Content-Type: application/json\r\nIdempotency-Key: slow-body-0001\r\nContent-Length: 5000\r\n\r\n{',
    );
    const drip = setInterval(() => {
      if (!socket.destroyed) socket.write(' ');
    }, 10);
    try {
      const { ms } = await closed;
      expect(ms).toBeGreaterThanOrEqual(SHORT.requestMs - 50);
      expect(ms).toBeLessThan(SHORT.requestMs + 2_500);
    } finally {
      clearInterval(drip);
    }
  });

  it('still answers a client that sends its request at once', async () => {
    const { socket, closed } = await open(SHORT);
    socket.write('GET /v1/health HTTP/1.1\r\nHost: central\r\nConnection: close\r\n\r\n');
    const { reply } = await closed;
    expect(reply).toMatch(/^HTTP\/1\.1 200/);
    expect(reply).toContain('"ok":true');
  });
});
