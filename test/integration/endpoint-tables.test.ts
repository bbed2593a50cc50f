import Fastify from 'fastify';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpointTables, STREAM_ROUTES } from '../../electron/backend/api/endpoint-tables';
import { registerApiRoutes } from '../../electron/backend/api/routes';
import { startKiosk, type Kiosk } from '../../electron/backend/kiosk';
import { createTestLogger } from '../../electron/backend/logging/logger';
import { parseConfig } from '../../kiosk-config/load-config';

const ROOT = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** `GET /api/x` for each route, as both sides spell it. */
const key = (method: string, path: string) => `${method} ${path}`;

describe('one endpoint table per slice, shared by routes and renderer', () => {
  let kiosk: Kiosk;
  const registered = new Set<string>();

  beforeAll(async () => {
    kiosk = await startKiosk(parseConfig({ dataDir: mkdtempSync(join(tmpdir(), 'kiosk-tables-')) }), {
      logger: createTestLogger(),
    });
    const app = Fastify();
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) {
        if (method !== 'HEAD' && route.url.startsWith('/api/')) registered.add(key(method, route.url));
      }
    });
    registerApiRoutes(app, kiosk);
    await app.ready();
    await app.close();
  });
  afterAll(() => kiosk.close());

  const tabled = Object.entries(endpointTables).flatMap(([slice, table]) =>
    Object.entries(table).map(([name, e]) => ({ slice, name, key: key(e.method, e.path) })),
  );

  it('registers every /api route of the running kiosk from a table', () => {
    const known = new Set([...tabled.map((t) => t.key), ...STREAM_ROUTES.map((s) => key(s.method, s.path))]);
    expect([...registered].filter((r) => !known.has(r))).toEqual([]);
  });

  it('registers every endpoint of every table (developer ones too, on this simulated kiosk)', () => {
    expect(tabled.filter((t) => !registered.has(t.key)).map((t) => `${t.slice}.${t.name} ${t.key}`)).toEqual(
      [],
    );
  });

  it('gives each route to one table only', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const t of tabled) {
      const other = seen.get(t.key);
      if (other) twice.push(`${t.key}: ${other} and ${t.slice}.${t.name}`);
      seen.set(t.key, `${t.slice}.${t.name}`);
    }
    expect(twice).toEqual([]);
  });

  it('leaves no /api path written out in the renderer outside its clients', () => {
    const written = sourceFiles(join(ROOT, 'renderer', 'src'))
      .filter((file) => !file.includes(join('renderer', 'src', 'api')))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${relative(ROOT, file)}:${i + 1}` }))
          .filter(({ line }) => /['"`]\/api\//.test(line)),
      )
      .map(({ at, line }) => `${at}: ${line.trim()}`);
    expect(written).toEqual([]);
  });
});
