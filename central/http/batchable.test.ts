import { describe, expect, it } from 'vitest';
import { makeApp } from '../test-support';
import { BATCHABLE_ROUTES, checkBatchable, normaliseRequestPath } from './batchable';

describe('normaliseRequestPath', () => {
  it('gives one form for the many ways of writing a path', () => {
    for (const written of [
      '/v1/batch',
      '/v1/%62atch',
      '/v1/./batch',
      '/v1/%2e/batch',
      '/v1/x/../batch',
      '/v1/x/%2E%2E/batch',
      '//v1//batch/',
    ]) {
      expect(normaliseRequestPath(written), written).toEqual({
        ok: true,
        path: '/v1/batch',
        segments: ['v1', 'batch'],
      });
    }
  });

  it('re-encodes each segment, so the router decodes it back to what was checked', () => {
    const result = normaliseRequestPath('/v1/appointments/AB%20C%E5%BC%A0/check-in');
    expect(result).toEqual({
      ok: true,
      path: '/v1/appointments/AB%20C%E5%BC%A0/check-in',
      segments: ['v1', 'appointments', 'AB C张', 'check-in'],
    });
  });

  it('refuses what could be read more than one way', () => {
    for (const written of [
      'v1/batch',
      '/v1\\batch',
      '/v1%2fbatch',
      '/v1%2Fbatch',
      '/v1%5cbatch',
      '/v1/batch%00',
      '/v1/batch\u0000',
      '/v1/%0abatch',
      '/v1/batch?x=1',
      '/v1/batch#x',
      '/v1/%zz',
      '/v1/%E5%BC',
      '/../v1/batch',
      '/v1/../../batch',
    ]) {
      expect(normaliseRequestPath(written).ok, written).toBe(false);
    }
  });
});

describe('BATCHABLE_ROUTES', () => {
  it('matches parameters as one non-empty segment only', () => {
    expect(checkBatchable('POST', '/v1/appointments/A-1/check-in')).toMatchObject({ ok: true });
    expect(checkBatchable('POST', '/v1/appointments/check-in').ok).toBe(false);
    expect(checkBatchable('POST', '/v1/appointments/A/B/check-in').ok).toBe(false);
    expect(checkBatchable('GET', '/v1/appointments/A-1/check-in').ok).toBe(false);
  });

  it('lists routes the central has, none of them a stream or the batch itself', async () => {
    const { app } = await makeApp();
    try {
      const doc = app.swagger() as {
        paths: Record<string, Record<string, { produces?: string[]; responses?: Record<string, unknown> }>>;
      };
      for (const route of BATCHABLE_ROUTES) {
        const openApiPath = route.path.replace(/:(\w+)/g, '{$1}');
        const op = doc.paths[openApiPath]?.[route.method.toLowerCase()];
        expect(op, `${route.method} ${route.path}`).toBeDefined();
        expect(JSON.stringify(op)).not.toContain('text/event-stream');
        expect(route.path).not.toBe('/v1/batch');
      }
    } finally {
      await app.close();
    }
  });
});
