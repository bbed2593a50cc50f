import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../domain/clock';
import { createTestLogger } from '../logging/logger';
import { MAX_PINYIN_INPUT } from './contract';
import type { LoadedDictionary } from './loader';
import { registerPinyinRoutes } from './routes';
import { PinyinService } from './service';

const DICTIONARY: LoadedDictionary = {
  from: 'cache',
  words: [
    { text: '张', syllables: ['zhang'], frequency: 900 },
    { text: '杭州', syllables: ['hang', 'zhou'], frequency: 2800 },
    { text: '孩子', syllables: ['hai', 'zi'], frequency: 17000 },
  ],
};

function setUp(load: () => Promise<LoadedDictionary> = () => Promise.resolve(DICTIONARY)) {
  const logger = createTestLogger();
  const service = new PinyinService({ load, logger, clock: new ManualClock(0) });
  const app = Fastify();
  registerPinyinRoutes(app, service, { logger, simulated: true });
  const ask = (body: unknown) =>
    app.inject({ method: 'POST', url: '/api/pinyin/candidates', payload: body as object });
  return { service, logger, app, ask };
}

describe('pinyin candidates over /api', () => {
  it('answers a page of candidates, the hall’s places weighted up', async () => {
    const { service, ask } = setUp();
    service.setLocalPlaces(['杭州市']);
    const res = await ask({ input: 'hz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      ok: true,
      page: 0,
      candidates: [
        { text: '杭州', consumed: 2 },
        { text: '孩子', consumed: 2 },
      ],
      hasMore: false,
    });
    expect((await ask({ input: 'hangzhous' })).json().candidates[0]).toEqual({ text: '杭州市', consumed: 9 });
  });

  it.each([
    ['digits', { input: 'zhang3' }, /input: lower-case pinyin letters/],
    ['Chinese characters', { input: '张' }, /input: lower-case pinyin letters/],
    ['capitals', { input: 'ZHANG' }, /input: lower-case pinyin letters/],
    ['a space', { input: 'zhang san' }, /input: lower-case pinyin letters/],
    ['a separator first', { input: "'an" }, /input: lower-case pinyin letters/],
    ['nothing', { input: '' }, /input: type at least one letter/],
    ['too long', { input: 'a'.repeat(MAX_PINYIN_INPUT + 1) }, /input: at most 32 letters at once/],
    ['a page past the last one', { input: 'zhang', page: 50 }, /page:/],
    ['a page that is not a number', { input: 'zhang', page: 'two' }, /page:/],
    ['no body', undefined, /input:/],
  ])('refuses %s plainly, and logs nothing of what was typed', async (_what, body, detail) => {
    const { ask, logger } = setUp();
    const res = await ask(body);
    expect(res.statusCode).toBe(400);
    const error = res.json().error as { code: string; detail: string };
    expect(error.code).toBe('bad-request');
    expect(error.detail).toMatch(detail);
    expect(error.detail).not.toContain('zhang');
    expect(logger.lines.join('\n')).not.toMatch(/zhang|ZHANG/);
    // The service still answers the next, good request.
    expect((await ask({ input: 'zhang' })).json().candidates).toEqual([{ text: '张', consumed: 5 }]);
  });

  it('refuses bad input called directly too (a caller that skipped the route)', async () => {
    const { service } = setUp();
    expect(await service.candidates({ input: 'zh@ng' })).toEqual({
      ok: false,
      code: 'bad-request',
      detail: "input: lower-case pinyin letters a-z (ü as v) and ' between syllables only",
    });
  });

  it('reads the dictionary once, however many ask while it loads, and logs how it went', async () => {
    let loads = 0;
    const { app, ask, logger } = setUp(() => {
      loads++;
      return Promise.resolve(DICTIONARY);
    });
    expect((await ask({})).statusCode).toBe(400);
    expect(loads).toBe(0);
    const warm = await app.inject({ method: 'POST', url: '/api/pinyin/warm' });
    expect(warm.json()).toEqual({ ok: true });
    expect(loads).toBe(1);
    const answers = await Promise.all([ask({ input: 'zhang' }), ask({ input: 'hz' })]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200]);
    expect(loads).toBe(1);
    expect(logger.events('pinyin.dictionary-ready')).toEqual([
      expect.objectContaining({ words: 3, from: 'cache', ms: 0 }),
    ]);
  });

  it('says plainly when the dictionary cannot be read, and tries again on the next request', async () => {
    let fail = true;
    const { ask, logger } = setUp(() =>
      fail ? Promise.reject(new Error("ENOENT: no such file 'dict.txt'")) : Promise.resolve(DICTIONARY),
    );
    const first = await ask({ input: 'zhang' });
    expect(first.statusCode).toBe(500);
    expect(first.json().error).toEqual({
      code: 'internal',
      detail: 'the pinyin dictionary could not be read',
    });
    expect(logger.events('pinyin.dictionary-failed')).toEqual([
      expect.objectContaining({ reason: "ENOENT: no such file 'dict.txt'" }),
    ]);
    fail = false;
    expect((await ask({ input: 'zhang' })).statusCode).toBe(200);
  });
});
