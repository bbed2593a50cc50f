import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../domain/clock';
import { checkCentral } from './network-check';

const base = { baseUrl: 'https://central.example.gov.cn', deviceToken: 'tok', hallId: 'HALL-1' };

describe('network check to the central', () => {
  it('reports latency and clock skew from the Date header', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 25, 1, 0, 0));
    let seen: { url: string; auth: string } | undefined;
    const r = await checkCentral({
      ...base,
      clock,
      fetch: async (url, init) => {
        seen = { url: String(url), auth: String((init?.headers as Record<string, string>).authorization) };
        await clock.advance(120);
        return new Response('{}', {
          headers: { date: new Date(Date.UTC(2026, 10, 25, 1, 0, 30)).toUTCString() },
        });
      },
    });
    expect(seen).toEqual({
      url: 'https://central.example.gov.cn/v1/halls/HALL-1/queue-categories',
      auth: 'Bearer tok',
    });
    expect(r).toEqual({ ok: true, url: seen!.url, status: 200, latencyMs: 120, clockSkewSeconds: 30 });
  });

  it('says what failed: a refused token, an unreachable host', async () => {
    const clock = new ManualClock();
    const refused = await checkCentral({
      ...base,
      clock,
      fetch: async () => new Response('{}', { status: 401 }),
    });
    expect(refused).toMatchObject({
      ok: false,
      error: 'HTTP 401 (the device token was refused: enrol the terminal again)',
    });
    const down = await checkCentral({
      ...base,
      clock,
      fetch: async () => {
        throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } });
      },
    });
    expect(down).toMatchObject({ ok: false, error: 'TypeError: ENOTFOUND' });
  });
});
