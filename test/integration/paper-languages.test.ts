import Fastify, { type FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleIdentity } from '../../drivers/id-card-reader/simulated-sdt-device';
import { registerApiRoutes } from '../../electron/backend/api/routes';
import { startKiosk, type Kiosk } from '../../electron/backend/kiosk';
import { createTestLogger } from '../../electron/backend/logging/logger';
import { placeCardOnReader } from '../../electron/backend/session/test-support';
import { parseConfig } from '../../kiosk-config/load-config';

let kiosk: Kiosk | undefined;
let app: FastifyInstance | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  await app?.close();
  await kiosk?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  app = kiosk = dataDir = undefined;
});

async function start(languages: string[]) {
  dataDir = mkdtempSync(join(tmpdir(), 'kiosk-languages-'));
  kiosk = await startKiosk(parseConfig({ dataDir, languages }), { logger: createTestLogger() });
  app = Fastify();
  registerApiRoutes(app, kiosk);
  return { kiosk, app };
}

/** A citizen takes a number; what the simulated printer received, decoded from GB18030. */
async function ticketPaper(k: Kiosk, a: FastifyInstance): Promise<string[]> {
  await placeCardOnReader(k, { identity: sampleIdentity({ name: '王小明' }), photo: new Uint8Array() });
  const res = await a.inject({ method: 'POST', url: '/api/queue/tickets', payload: { category: 'A' } });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().ticket.printed).toBe(true);
  return k.devices.simulatedPrinter!.paperLines();
}

describe('configured languages, from the config to the screen and the paper', () => {
  it('languages ["zh-CN"]: the screen is told so, and the ticket is Chinese alone', async () => {
    const { kiosk, app } = await start(['zh-CN']);
    expect((await app.inject({ url: '/api/state' })).json().state.languages).toEqual(['zh-CN']);
    const paper = await ticketPaper(kiosk, app);
    const category = (await kiosk.categories()).find((c) => c.code === 'A')!;
    expect(paper).toContain(category.name.zh);
    expect(paper.join('\n')).not.toContain(category.name.en);
    // Printer marks ([QR] …, [CUT]) are the decoder's, not printed text.
    const words = paper
      .filter((l) => !l.startsWith('['))
      .flatMap((l) => l.match(/(?<![A-Za-z0-9])[A-Za-z]{2,}(?![A-Za-z0-9])/g) ?? []);
    expect(words).toEqual([]);
  });

  it('languages ["zh-CN","en"]: both on the screen, and the ticket names its category in both', async () => {
    const { kiosk, app } = await start(['zh-CN', 'en']);
    expect((await app.inject({ url: '/api/state' })).json().state.languages).toEqual(['zh-CN', 'en']);
    const paper = await ticketPaper(kiosk, app);
    const category = (await kiosk.categories()).find((c) => c.code === 'A')!;
    expect(paper).toContain(`${category.name.zh} ${category.name.en}`);
  });

  it('refuses a config that names no language or one the kiosk has no text for, naming the field', () => {
    expect(() => parseConfig({ languages: [] })).toThrow(/languages/);
    expect(() => parseConfig({ languages: ['fr'] })).toThrow(/languages/);
  });
});
