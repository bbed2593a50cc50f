import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { launchChromium } from '../../support/chromium';
import { quantile, type Baseline } from '../figure';

/**
 * A bare Chromium start with the executable and flags the suites use (test/support/chromium.ts) to
 * a static page of 12 buttons, served from loopback, at the kiosk's portrait viewport. No React, no
 * bundle, no backend: what the browser costs before the renderer does anything.
 */
const PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>bare</title>
<style>body{font:32px sans-serif;margin:0}main{display:grid;grid-template-columns:repeat(3,1fr);gap:24px;padding:48px}
button{height:240px;font-size:40px}</style></head>
<body><main id="home">${Array.from(
  { length: 12 },
  (_, i) => `<button data-testid="b-${i}">业务 ${i + 1}</button>`,
).join('')}</main>
</body></html>`;

const STARTS = 3;

async function medianStartMs(): Promise<number> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const starts: number[] = [];
  try {
    for (let s = 0; s < STARTS; s++) {
      const t0 = performance.now();
      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
        await page.goto(url);
        await page.getByTestId('b-11').waitFor();
        starts.push(performance.now() - t0);
      } finally {
        await browser.close();
      }
    }
  } finally {
    server.close();
  }
  return quantile(starts, 0.5);
}

/** A fresh median of starts each time it is measured, beside the figure it is a baseline for. */
export function bareChromiumStart(): Baseline {
  return {
    name: `bare Chromium start → static 12-button page, median of ${STARTS}`,
    unit: 'ms',
    measure: medianStartMs,
  };
}
