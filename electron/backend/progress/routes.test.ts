import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestLogger } from '../logging/logger';
import type { CaseProgress } from './service';
import { registerProgressRoutes } from './routes';

/** The routes over a stand-in for the progress service that records what reached it. */
async function appWith(progress: Partial<CaseProgress>) {
  const app = Fastify({ logger: false });
  registerProgressRoutes(app, progress as CaseProgress, { logger: createTestLogger(), simulated: true });
  await app.ready();
  return app;
}

let app: Awaited<ReturnType<typeof appWith>> | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('progress routes', () => {
  it('refuses a malformed case id with a clear error, and never asks the service to print', async () => {
    const asked: string[] = [];
    app = await appWith({
      printNotice: async (caseId: string) => {
        asked.push(caseId);
        return { ok: false, code: 'not-found' };
      },
    });
    const r = await app.inject({ method: 'POST', url: '/api/progress/cases/case%201%3B%20drop/notice' });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toEqual({
      ok: false,
      error: { code: 'bad-request', detail: expect.stringMatching(/^caseId: /) },
    });
    expect(asked).toEqual([]);
  });

  it('refuses a refresh flag that is not true or false, naming it', async () => {
    let calls = 0;
    app = await appWith({
      list: async () => {
        calls++;
        return { ok: false, code: 'no-session' };
      },
    });
    const r = await app.inject({ method: 'GET', url: '/api/progress/cases?refresh=maybe' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.detail).toMatch(/^refresh: /);
    expect(calls).toBe(0);
  });

  it('answers the service’s refusals with their status and reason', async () => {
    app = await appWith({
      list: async () => ({ ok: false, code: 'no-session', reason: 'needs-card' }),
      printNotice: async () => ({ ok: false, code: 'central-unreachable', reason: 'needs-network' }),
    });
    const list = await app.inject({ method: 'GET', url: '/api/progress/cases' });
    expect(list.statusCode).toBe(409);
    expect(list.json()).toEqual({ ok: false, error: { code: 'no-session', reason: 'needs-card' } });
    const notice = await app.inject({ method: 'POST', url: '/api/progress/cases/case-1/notice' });
    expect(notice.statusCode).toBe(503);
    expect(notice.json().error.reason).toBe('needs-network');
  });

  it('passes refresh=false through (a live update reads the copy held)', async () => {
    const seen: boolean[] = [];
    app = await appWith({
      list: async (refresh: boolean) => {
        seen.push(refresh);
        return { ok: true, value: { entries: [], fetchedAt: '2026-11-26T02:00:00.000Z', fresh: true } };
      },
    });
    await app.inject({ method: 'GET', url: '/api/progress/cases?refresh=false' });
    await app.inject({ method: 'GET', url: '/api/progress/cases' });
    expect(seen).toEqual([false, true]);
  });
});
