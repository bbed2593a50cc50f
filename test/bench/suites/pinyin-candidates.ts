import Fastify from 'fastify';
import { ManualClock } from '../../../domain/clock';
import { createLogger } from '../../../electron/backend/logging/logger';
import { registerPinyinRoutes } from '../../../electron/backend/pinyin/routes';
import { PinyinService } from '../../../electron/backend/pinyin/service';
import { SEED_PLACE_NAMES, testDictionary } from '../../../electron/backend/pinyin/test-support';
import { bareRoutePost } from '../baselines/fastify-route';
import { once, quantile, type BenchFigure } from '../figure';

// Pinyin candidates as the on-screen keyboard asks for them: one lookup per key typed, over the
// real dictionary (jieba's 349,000 words with the seed hall's places). The phrases are what a
// citizen types at this hall: names, an address, guide searches; every prefix of each is one
// keystroke, so short prefixes (many candidates: "z", "sh") weigh as they do in real typing.
const PHRASES = [
  'zhangwei',
  'hangzhoushixihuqu',
  'xixijiedao',
  'wenerlu',
  'shenfenzheng',
  'gongjijin',
  'budongchan',
  'hz',
  'xhq',
  'lvxiuying',
];
const KEYSTROKES = PHRASES.flatMap((p) => Array.from({ length: p.length }, (_, i) => p.slice(0, i + 1)));
const ROUNDS = 5;

async function service() {
  const dictionary = await testDictionary();
  const pinyin = new PinyinService({
    load: () => Promise.resolve(dictionary),
    logger: createLogger({ level: 'silent' }),
    clock: new ManualClock(0),
  });
  pinyin.setLocalPlaces(SEED_PLACE_NAMES);
  await pinyin.ready();
  return pinyin;
}

/** ms of each keystroke's lookup in the backend's process (no HTTP), over ROUNDS of typing. */
const inProcess = once(async () => {
  const pinyin = await service();
  const samples: number[] = [];
  for (let round = 0; round <= ROUNDS; round++) {
    for (const input of KEYSTROKES) {
      const start = process.hrtime.bigint();
      const answer = await pinyin.candidates({ input });
      if (!answer.ok) throw new Error(`lookup refused: ${answer.code}`);
      // The first round warms the JIT and the caches.
      if (round > 0) samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return samples;
});

/** ms of each keystroke's POST /api/pinyin/candidates over loopback, as the renderer sends it. */
const overHttp = once(async () => {
  const pinyin = await service();
  const app = Fastify({ logger: false });
  registerPinyinRoutes(app, pinyin, { logger: createLogger({ level: 'silent' }), simulated: false });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const samples: number[] = [];
    for (let round = 0; round <= ROUNDS; round++) {
      for (const input of KEYSTROKES) {
        const start = process.hrtime.bigint();
        const res = await fetch(`${baseUrl}/api/pinyin/candidates`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ input, page: 0, pageSize: 8 }),
        });
        if (res.status !== 200) throw new Error(`candidates answered ${res.status}`);
        await res.arrayBuffer();
        if (round > 0) samples.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }
    return samples;
  } finally {
    await app.close();
  }
});

export const figures: BenchFigure[] = [
  {
    name: 'pinyin candidates per keystroke, POST over loopback, p95',
    unit: 'ms',
    // The bare counterpart is a POST of the same size through Fastify with zod and one SQLite
    // insert: the HTTP and validation cost every keystroke pays anyway. On top of it, the lookup:
    // every split of the letters into syllable beginnings walked over the word index, the matches
    // ranked by frequency, one page answered.
    baseline: bareRoutePost(KEYSTROKES.length, 0.95),
    // Measured 0.93× and 1.44× with the machine at a load average of 10-12 (other suites running).
    targetRatio: 3,
    better: 'lower',
    measure: async () => quantile(await overHttp(), 0.95),
  },
  {
    name: 'pinyin candidates per keystroke, POST over loopback, median',
    unit: 'ms',
    // What the citizen waits for after a key, absolute, against the 30 ms. Its p95 follows
    // the machine's load (the bare POST's p95 alone measured 27 ms at a load average of 11).
    target: 30,
    better: 'lower',
    measure: async () => quantile(await overHttp(), 0.5),
  },
  {
    name: 'candidate latency: lookup per keystroke in the backend, p95 (issue: ≤ 30 ms)',
    unit: 'ms',
    target: 30,
    better: 'lower',
    measure: async () => quantile(await inProcess(), 0.95),
  },
  {
    name: 'pinyin candidate lookup per keystroke, in the backend, max',
    unit: 'ms',
    target: 60,
    better: 'lower',
    measure: async () => Math.max(...(await inProcess())),
  },
];
