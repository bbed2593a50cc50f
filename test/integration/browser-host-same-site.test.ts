import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/backend/api/content-security-policy';
import { CODE_QUERY, SECRET_HEADER, SESSION_COOKIE } from '../../electron/backend/api/secret-auth';
import { chromiumArguments, startBrowserHost, type BrowserHost } from '../../electron/backend/browser-host';
import { createTestLogger } from '../../electron/backend/logging/logger';
import { createAppRequestHandler } from '../../electron/shell/app-request-handler';
import { parseConfig } from '../../kiosk-config/load-config';
import { launchChromium } from '../support/chromium';

/**
 * The browser host against a page served by another program on another port of 127.0.0.1, in a
 * real Chromium that has the kiosk open. Ports do not separate sites: the kiosk's SameSite=Strict
 * cookie is sent with that page's requests, so only the host's own checks keep it out.
 */

const KIOSK_TEXT = 'the kiosk page';

let dir: string;
let host: BrowserHost;
let browser: Browser;
let context: BrowserContext;
let other: http.Server;
let otherOrigin: string;
const logger = createTestLogger();

function refusals(): number {
  return logger.lines.filter((l) => l.includes('"host.cross-origin-refused"')).length;
}

async function api(path: string, init: RequestInit = {}) {
  return fetch(`http://127.0.0.1:${host.port}${path}`, {
    ...init,
    headers: { [SECRET_HEADER]: host.secret, 'content-type': 'application/json', ...init.headers },
  });
}

async function citizen(): Promise<unknown> {
  const body = (await (await api('/api/state')).json()) as { state: { citizen: unknown } };
  return body.state.citizen;
}

/** Raw HTTP, so the Host header can be anything (fetch does not let a caller choose it). */
function rawGet(path: string, hostHeader: string): Promise<{ status: number; type: string | undefined }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: host.port, path, headers: { host: hostHeader } }, (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] });
      })
      .on('error', reject);
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-same-site-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(
    join(rendererDir, 'index.html'),
    `<!doctype html><title>kiosk</title><p id="kiosk">${KIOSK_TEXT}</p>`,
  );
  host = await startBrowserHost(parseConfig({ dataDir: join(dir, 'data'), browserHost: { port: 0 } }), {
    logger,
    rendererDir,
  });
  const kiosk = `http://127.0.0.1:${host.port}`;
  const pages: Record<string, string> = {
    '/fetch': `<script>
      fetch('${kiosk}/api/session/end', { method: 'POST', credentials: 'include', mode: 'no-cors' })
        .catch(() => undefined)
        .then(() => { document.title = 'settled'; });
    </script>`,
    '/form': `<form method="POST" action="${kiosk}/api/session/end"></form>
      <script>document.forms[0].submit();</script>`,
    '/frame': `<iframe src="${kiosk}/" width="400" height="300"></iframe>`,
  };
  other = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages[req.url ?? ''] ?? '');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;

  browser = await launchChromium();
  context = await browser.newContext();
  const kioskPage = await context.newPage();
  await kioskPage.goto(host.url);
  await kioskPage.locator('#kiosk').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await new Promise((resolve) => other?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('the browser host against another page on 127.0.0.1', () => {
  it('opened the kiosk with a one-time code: the secret is in no URL, no cookie, no command line', async () => {
    const cookies = await context.cookies(`http://127.0.0.1:${host.port}`);
    const session = cookies.find((c) => c.name === SESSION_COOKIE);
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(session?.value).not.toBe(host.secret);

    const url = host.url;
    expect(url).not.toContain(host.secret);
    const argv = chromiumArguments(url, join(dir, 'profile'));
    expect(argv.join(' ')).not.toContain(host.secret);
    // What a local user reads from /proc/<pid>/cmdline after that Chromium has opened it is spent.
    const opened = await fetch(url, { redirect: 'manual' });
    expect(opened.status).toBe(303);
    const replayed = await fetch(url, { redirect: 'manual' });
    expect(replayed.status).toBe(401);
    expect(replayed.headers.get('set-cookie')).toBeNull();
    expect(new URL(url).searchParams.get(CODE_QUERY)).toMatch(/^[\w-]{22}$/);
  });

  it("keeps the citizen's session through a bodyless no-cors POST and a form POST from another port", async () => {
    expect(
      (await api('/api/dev/card', { method: 'POST', body: JSON.stringify({ name: '张三' }) })).status,
    ).toBe(200);
    await expect.poll(citizen, { timeout: 5_000 }).not.toBeNull();
    const before = refusals();

    const page = await context.newPage();
    await page.goto(`${otherOrigin}/fetch`);
    // The page learns nothing from a no-cors answer (and Cross-Origin-Resource-Policy makes it a
    // network error): the host's log says the request arrived and was refused.
    await expect.poll(() => page.title()).toBe('settled');
    await expect.poll(refusals).toBe(before + 1);

    const formAnswer = page.waitForResponse((r) => r.url().endsWith('/api/session/end'));
    await page.goto(`${otherOrigin}/form`);
    const answer = await formAnswer;
    expect(answer.status()).toBe(403);
    expect(answer.request().headers()['origin']).toBe(otherOrigin);
    expect(refusals()).toBe(before + 2);
    await page.close();

    expect(await citizen()).not.toBeNull();
  });

  it('cannot be framed by a page on another port', async () => {
    const page = await context.newPage();
    const framed = page.waitForResponse((r) => r.url() === `http://127.0.0.1:${host.port}/`);
    await page.goto(`${otherOrigin}/frame`);
    const response = await framed;
    expect(response.status()).toBe(403);
    expect(response.headers()['x-frame-options']).toBe('DENY');
    expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(frame).toBeDefined();
    expect(await frame!.locator('#kiosk').count()).toBe(0);
    await page.close();
  });

  it("tells any browser not to frame even the page's own answers (a browser without Sec-Fetch-Site)", async () => {
    const page = await context.newPage();
    const own = page.waitForResponse((r) => r.url() === `http://127.0.0.1:${host.port}/`);
    await page.goto(`http://127.0.0.1:${host.port}/`);
    const headers = (await own).headers();
    expect((await own).status()).toBe(200);
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(headers['cross-origin-resource-policy']).toBe('same-origin');
    await page.close();
  });

  it('refuses a Host that is not 127.0.0.1 or localhost with its port (DNS rebinding) with 421', async () => {
    const rebound = await rawGet('/api/state', `attacker.example:${host.port}`);
    expect(rebound).toEqual({ status: 421, type: 'text/plain; charset=utf-8' });
    const page = await rawGet('/', `kiosk.attacker.example:${host.port}`);
    expect(page.status).toBe(421);
    expect((await api('/api/state')).status).toBe(200);
  });

  it('sends the very Content-Security-Policy of the Electron shell', async () => {
    const shellRoot = join(dir, 'shell-renderer');
    mkdirSync(shellRoot);
    writeFileSync(join(shellRoot, 'index.html'), '<!doctype html>');
    const shell = createAppRequestHandler({ rendererRoot: shellRoot, backend: async () => null });
    const shellPage = await shell(new Request('app://kiosk/index.html'));
    const shellApi = await shell(new Request('app://kiosk/api/state'));
    const hostApi = await api('/api/state');
    const hostRefusal = await fetch(`http://127.0.0.1:${host.port}/api/state`);

    const policy = shellPage.headers.get('content-security-policy');
    expect(policy).toContain("frame-ancestors 'none'");
    expect(shellApi.headers.get('content-security-policy')).toBe(policy);
    expect(hostApi.headers.get('content-security-policy')).toBe(policy);
    expect(hostRefusal.headers.get('content-security-policy')).toBe(policy);
  });
});
