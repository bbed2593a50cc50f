import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { startTourHost, type TourHost } from '../../support/tour-host';
import { bareChromiumStart } from '../baselines/chromium-start';
import type { BenchFigure } from '../figure';

/**
 * 1,000 citizen sessions in a row on one page, as a kiosk runs all day without a reload: card in →
 * identified home → take a number (or open a journey) → card out → home. Memory is compared after
 * a warm-up (every lazy screen loaded once) and after the last session, each time after a full
 * garbage collection: the renderer's JS heap and DOM nodes (Chromium, over CDP) and the backend's
 * heap and RSS (the browser host runs in this process; `npm run bench` passes --expose-gc).
 */

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 1_000);
const WARM_UP_SESSIONS = 20;
const MB = 1024 * 1024;

/** What each session does after the card is read, in turn: mostly numbers, and two journeys. */
const CATEGORIES = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'] as const;

interface Snapshot {
  rendererHeap: number;
  domNodes: number;
  listeners: number;
  backendHeap: number;
  backendRss: number;
}

interface SessionsResult {
  before: Snapshot;
  after: Snapshot;
  msPerSession: number;
}

const byTestId = (id: string) => `[data-testid="${id}"]`;

/**
 * The production renderer, built in a child process: a build in this process would leave its
 * memory in the RSS this suite measures.
 */
function productionBuild(): string {
  const outDir = mkdtempSync(join(tmpdir(), 'bench-sessions-renderer-'));
  const vite = spawnSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--config', 'renderer/vite.config.ts', '--outDir', outDir],
    { encoding: 'utf8' },
  );
  if (vite.status !== 0) throw new Error(`vite build failed: ${vite.stderr || vite.stdout}`);
  return outDir;
}

async function session(page: Page, tour: TourHost, n: number): Promise<void> {
  await tour.dev('POST', '/api/dev/card', tour.newCitizen());
  await page.locator(byTestId('citizen-name')).waitFor();
  switch (n % 4) {
    case 1:
      await page.locator(byTestId('tile-appointments')).click();
      await page.locator(byTestId('appointments-check-in')).waitFor();
      break;
    case 3:
      await page.locator(byTestId('tile-guide')).click();
      await page.locator(byTestId('guide-bundle-BD-BIRTH')).waitFor();
      break;
    default: {
      await page.locator(byTestId('take-number')).click();
      await page.locator(byTestId(`category-${CATEGORIES[n % CATEGORIES.length]}`)).click();
      await page.locator(byTestId('ticket-number')).waitFor();
      // The slip leaves the printer; the simulator would otherwise keep every line it printed.
      await tour.dev('DELETE', '/api/dev/printer/paper');
    }
  }
  await tour.dev('DELETE', '/api/dev/card');
  await page.locator(byTestId('home-prompt')).waitFor();
}

async function snapshot(cdp: CDPSession): Promise<Snapshot> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run bench does)');
  // Twice: the first pass can leave finalizer-held objects for the second.
  for (let i = 0; i < 2; i++) {
    await cdp.send('HeapProfiler.collectGarbage');
    gc();
  }
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  const backend = process.memoryUsage();
  return {
    rendererHeap: heap.usedSize,
    domNodes: dom.nodes,
    listeners: dom.jsEventListeners,
    backendHeap: backend.heapUsed,
    backendRss: backend.rss,
  };
}

async function runSessions(): Promise<SessionsResult> {
  const tour = await startTourHost({ rendererDir: productionBuild() });
  try {
    const page = await tour.browser.newPage({ viewport: { width: 1080, height: 1920 }, locale: 'zh-CN' });
    const cdp = await page.context().newCDPSession(page);
    await page.goto(tour.host.url);
    await page.locator(byTestId('home-prompt')).waitFor();
    let n = 0;
    for (; n < WARM_UP_SESSIONS; n++) await session(page, tour, n);
    const before = await snapshot(cdp);
    const started = performance.now();
    for (let i = 0; i < SESSIONS; i++, n++) await session(page, tour, n);
    const msPerSession = (performance.now() - started) / SESSIONS;
    const after = await snapshot(cdp);
    return { before, after, msPerSession };
  } finally {
    await tour.close();
  }
}

let result: Promise<SessionsResult> | undefined;
const sessions = () => (result ??= runSessions());

const growth = async (pick: (s: Snapshot) => number, unit = 1) => {
  const { before, after } = await sessions();
  return (pick(after) - pick(before)) / unit;
};

export const figures: BenchFigure[] = [
  {
    name: `${SESSIONS} sessions: renderer JS heap growth (after GC)`,
    unit: 'MB',
    target: 10,
    better: 'lower',
    measure: () => growth((s) => s.rendererHeap, MB),
  },
  {
    name: `${SESSIONS} sessions: renderer DOM node growth (after GC)`,
    unit: 'nodes',
    target: 50,
    better: 'lower',
    measure: () => growth((s) => s.domNodes),
  },
  {
    name: `${SESSIONS} sessions: renderer JS event listener growth`,
    unit: 'count',
    target: 10,
    better: 'lower',
    measure: () => growth((s) => s.listeners),
  },
  {
    name: `${SESSIONS} sessions: backend heap growth (after GC, central embedded)`,
    unit: 'MB',
    target: 10,
    better: 'lower',
    measure: () => growth((s) => s.backendHeap, MB),
  },
  {
    name: `${SESSIONS} sessions: backend RSS growth`,
    unit: 'MB',
    target: 10,
    better: 'lower',
    measure: () => growth((s) => s.backendRss, MB),
  },
  {
    name: 'one session: card in → home → number or journey → card out → home',
    unit: 'ms',
    baseline: bareChromiumStart(),
    // About eight screen changes, each behind a backend request (card, ticket commit at the embedded
    // central, paper, card out), all CPU as the browser start is. Measured 0.05× on a machine so
    // loaded that the start (process spawns) suffered most; 1× was one second beside a one-second start.
    targetRatio: 1,
    better: 'lower',
    measure: async () => (await sessions()).msPerSession,
  },
];
