import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppRequestHandler, SECRET_HEADER, type BackendEndpoint } from './app-request-handler';
import { cspHeader } from './csp';

let dir: string;
let rendererRoot: string;
let server: http.Server;
let endpoint: BackendEndpoint;
const seen: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
let sseClosed: Promise<void>;
let markSseClosed: () => void;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-shell-test-'));
  rendererRoot = path.join(dir, 'renderer');
  mkdirSync(path.join(rendererRoot, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererRoot, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(path.join(rendererRoot, 'assets', 'index-1a2b.js'), 'console.log(1)');
  writeFileSync(path.join(dir, 'secret.txt'), 'outside the renderer');
  sseClosed = new Promise((resolve) => (markSseClosed = resolve));

  endpoint = {
    socketPath:
      process.platform === 'win32' ? `\\\\.\\pipe\\kiosk-test-${process.pid}` : path.join(dir, 'api.sock'),
    secret: 'a'.repeat(64),
  };
  // A stand-in for the backend: same socket, same secret rule.
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (req.headers[SECRET_HEADER] !== endpoint.secret) {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"ok":false}');
        return;
      }
      if (req.url === '/api/events') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.write('data: {"type":"hello"}\n\n');
        res.on('close', () => markSseClosed());
        return; // never ends, like the real event stream
      }
      if (req.url === '/api/slow') return; // never answers
      if (req.url === '/api/empty') {
        res.writeHead(204).end();
        return;
      }
      res.writeHead(req.method === 'POST' ? 201 : 200, {
        'content-type': 'application/json',
        'content-security-policy': 'default-src *',
        'x-request-id': 'r-1',
      });
      res.end(JSON.stringify({ ok: true, echo: body }));
    });
  });
  await new Promise<void>((resolve) => server.listen(endpoint.socketPath, resolve));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const handler = (backend: BackendEndpoint | null = endpoint, responseTimeoutMs?: number) =>
  createAppRequestHandler({
    rendererRoot,
    backend: () => Promise.resolve(backend),
    ...(responseTimeoutMs ? { responseTimeoutMs } : {}),
  });

function expectSecurityHeaders(res: Response): void {
  expect(res.headers.get('content-security-policy')).toBe(cspHeader());
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
}

describe('static files', () => {
  it('serves index.html for the root with CSP and no caching', async () => {
    const res = await handler()(new Request('app://kiosk/'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expectSecurityHeaders(res);
    expect(await res.text()).toContain('<title>kiosk</title>');
  });

  it('serves bundles with a JavaScript MIME type', async () => {
    const res = await handler()(new Request('app://kiosk/assets/index-1a2b.js'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers HEAD without a body', async () => {
    const res = await handler()(new Request('app://kiosk/index.html', { method: 'HEAD' }));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('answers 404 for missing files and for escapes from the renderer folder', async () => {
    for (const url of [
      'app://kiosk/nope.js',
      'app://kiosk/..%2fsecret.txt',
      'app://kiosk/assets/..%2f..%2fsecret.txt',
    ]) {
      const res = await handler()(new Request(url));
      expect(res.status, url).toBe(404);
      expectSecurityHeaders(res);
      expect(await res.text()).not.toContain('outside');
    }
  });

  it('refuses other hosts and methods', async () => {
    expect((await handler()(new Request('app://elsewhere/index.html'))).status).toBe(404);
    expect(
      (await handler()(new Request('app://kiosk/index.html', { method: 'POST', body: 'x' }))).status,
    ).toBe(405);
  });

  it('does not treat /apix as the API', async () => {
    const before = seen.length;
    expect((await handler()(new Request('app://kiosk/apix'))).status).toBe(404);
    expect(seen.length).toBe(before);
  });
});

describe('/api forwarding', () => {
  it('forwards path, query and the secret, and passes the answer back under the kiosk CSP', async () => {
    const res = await handler()(
      new Request('app://kiosk/api/queue/categories?lang=en', {
        headers: { accept: 'application/json', [SECRET_HEADER]: 'renderer-guess' },
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, echo: '' });
    expect(res.headers.get('x-request-id')).toBe('r-1');
    expectSecurityHeaders(res);
    const req = seen.at(-1)!;
    expect(req.url).toBe('/api/queue/categories?lang=en');
    expect(req.headers[SECRET_HEADER]).toBe(endpoint.secret);
    expect(req.headers.accept).toBe('application/json');
  });

  it('streams a request body through', async () => {
    const res = await handler()(
      new Request('app://kiosk/api/queue/tickets', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ category: 'A' }),
      }),
    );
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ ok: true, echo: '{"category":"A"}' });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/api/queue/tickets' });
  });

  it('passes a 204 through without a body', async () => {
    const res = await handler()(new Request('app://kiosk/api/empty', { method: 'POST', body: '' }));
    expect(res.status).toBe(204);
    expect(res.body).toBeNull();
  });

  it('streams the event stream while it is open and closes the backend side when dropped', async () => {
    const res = await handler()(
      new Request('app://kiosk/api/events', { headers: { accept: 'text/event-stream' } }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: {"type":"hello"}\n\n');
    await reader.cancel();
    await sseClosed; // resolves only if cancelling reached the backend's socket
  });

  it('answers 503 in the contract shape while the backend is down', async () => {
    const res = await handler(null)(new Request('app://kiosk/api/state'));
    expect(res.status).toBe(503);
    expectSecurityHeaders(res);
    expect(await res.json()).toEqual({
      ok: false,
      error: { code: 'internal', detail: 'backend restarting' },
    });
  });

  it('answers 503 when the backend socket does not answer at all', async () => {
    const gone = { socketPath: path.join(dir, 'gone.sock'), secret: 'x' };
    const res = await handler(gone)(new Request('app://kiosk/api/state'));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('answers 504 when the backend sends no headers in time', async () => {
    const res = await handler(endpoint, 50)(new Request('app://kiosk/api/slow'));
    expect(res.status).toBe(504);
  });
});
