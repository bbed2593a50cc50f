// @vitest-environment node
// (The one renderer test that is not a DOM test: it runs the Vite build in memory.)
import { build } from 'vite';
import type { Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';

const CONFIG = `${import.meta.dirname}/../vite.config.ts`;

async function bundle(mode: string): Promise<Map<string, string>> {
  const result = await build({
    configFile: CONFIG,
    mode,
    logLevel: 'silent',
    build: { write: false, emptyOutDir: false },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const files = new Map<string, string>();
  for (const output of outputs) {
    for (const item of output.output) {
      files.set(item.fileName, item.type === 'chunk' ? item.code : String(item.source));
    }
  }
  return files;
}

const contains = (files: Map<string, string>, needle: string): string[] =>
  [...files].filter(([, text]) => text.includes(needle)).map(([name]) => name);

describe('renderer bundle', () => {
  it('a production build has no developer panel and no inline script or style', async () => {
    const files = await bundle('production');
    expect(contains(files, 'kiosk-dev-panel')).toEqual([]);
    expect(contains(files, '/api/dev/')).toEqual([]);
    const html = files.get('index.html') ?? '';
    expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/[^"]+\.js"><\/script>/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=/);
  }, 60_000);

  it('a non-production build has the panel in its own chunk (so the check above means something)', async () => {
    const files = await bundle('e2e');
    const withMarker = contains(files, 'kiosk-dev-panel');
    expect(withMarker).toHaveLength(1);
    expect(withMarker[0]).toMatch(/^assets\/DevPanel-.*\.js$/);
  }, 60_000);
});
