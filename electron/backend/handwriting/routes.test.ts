import Fastify from 'fastify';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestLogger } from '../logging/logger';
import { MAX_STROKES } from './contract';
import { HandwritingIndex } from './recogniser';
import { registerHandwritingRoutes } from './routes';
import { loadCharacters } from './vocabulary';

let index: HandwritingIndex;
beforeAll(async () => {
  index = new HandwritingIndex(await loadCharacters([...'一二三十口日']));
});

async function appWith(answer: () => Promise<HandwritingIndex>) {
  const logger = createTestLogger();
  const app = Fastify({ logger: false });
  registerHandwritingRoutes(app, answer, { logger, simulated: true });
  await app.ready();
  return { app, logger };
}

let app: Awaited<ReturnType<typeof appWith>>['app'] | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const post = (body: unknown) =>
  app!.inject({ method: 'POST', url: '/api/handwriting/recognise', payload: body as object });

describe('handwriting routes', () => {
  it('answers the candidates of the strokes written', async () => {
    let logger;
    ({ app, logger } = await appWith(async () => index));
    const r = await post({
      strokes: [
        [
          [200, 500],
          [500, 505],
          [820, 498],
        ],
      ],
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ ok: true, candidates: expect.arrayContaining(['一']) });
    expect(r.json().candidates[0]).toBe('一');
    // What was written may be part of a name: none of it is logged.
    expect(logger.lines.join('\n')).not.toContain('820');
  });

  it('refuses a body that is not strokes with 400 and a plain message naming the field', async () => {
    ({ app } = await appWith(async () => index));
    for (const body of [
      {},
      { strokes: [] },
      { strokes: [[]] },
      { strokes: [[[10, 'x']]] },
      { strokes: [[[10, 5000]]] },
      { strokes: Array.from({ length: MAX_STROKES + 1 }, () => [[1, 1]]) },
    ]) {
      const r = await post(body);
      expect(r.statusCode).toBe(400);
      expect(r.json()).toEqual({
        ok: false,
        error: { code: 'bad-request', detail: expect.stringMatching(/^strokes/) },
      });
      expect(r.json().error.detail).not.toContain('5000');
    }
  });

  it('refuses a limit of candidates out of range', async () => {
    ({ app } = await appWith(async () => index));
    const r = await post({ strokes: [[[1, 1]]], limit: 0 });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.detail).toMatch(/^limit: /);
  });

  it('answers 500 without the strokes when the stroke data could not be read, and recovers', async () => {
    let broken = true;
    ({ app } = await appWith(async () => {
      if (broken) throw new Error('hanzi-writer-data is missing');
      return index;
    }));
    const failed = await post({ strokes: [[[100, 100]]] });
    expect(failed.statusCode).toBe(500);
    expect(failed.json()).toEqual({
      ok: false,
      error: { code: 'internal', detail: 'handwriting stroke data unavailable' },
    });
    broken = false;
    expect((await post({ strokes: [[[100, 100]]] })).statusCode).toBe(200);
  });
});
