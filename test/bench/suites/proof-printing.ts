import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { sampleIdentity } from '../../../drivers/id-card-reader/simulated-sdt-device';
import { registerApiRoutes } from '../../../electron/backend/api/routes';
import { startKiosk } from '../../../electron/backend/kiosk';
import { createTestLogger } from '../../../electron/backend/logging/logger';
import { CentralProofsClient } from '../../../electron/backend/proofs/central';
import { placeCardOnReader } from '../../../electron/backend/session/test-support';
import { parseConfig } from '../../../kiosk-config/load-config';
import { privateCupsUnavailable, startPrivateCups, type PrivateCups } from '../../support/private-cups';
import { once, quantile, type Baseline, type BenchFigure } from '../figure';

// 打印证明 on a real CUPS: a private cupsd (test/support/private-cups.ts) with Debian's cups-pdf
// queue, whose output folder is where "the first page came out". Without root or without cups and
// cups-pdf the figures fail with the reason: no number is made up.
const SAMPLES = 5;
/** The issue's target: tap to first page out of CUPS. */
const TAP_TO_PAGE_TARGET_MS = 5_000;
const ID = '11010519491231002X';

interface Rig {
  cups: PrivateCups;
  /** One tap: a new session of the card, POST /api/proofs/print, until cups-pdf's file is whole. */
  tap(itemCode: string): Promise<number>;
  /** The same certificate's PDF as the central draws it, for the bare `lp`. */
  certificate: string;
  itemCodes: string[];
}

const rig = once(async (): Promise<Rig> => {
  const why = privateCupsUnavailable();
  if (why) throw new Error(`real CUPS not available, nothing measured: ${why}`);
  const cups = await startPrivateCups();
  const kiosk = await startKiosk(
    parseConfig({
      dataDir: mkdtempSync(join(tmpdir(), 'bench-proof-')),
      devices: { a4Printer: { transport: { kind: 'ipp', uri: cups.printerUri } } },
    }),
    { logger: createTestLogger() },
  );
  const app = Fastify();
  registerApiRoutes(app, kiosk);
  const card = { identity: sampleIdentity({ name: '王小明', idNumber: ID }), photo: new Uint8Array() };
  await placeCardOnReader(kiosk, card);
  const items = (await app.inject({ method: 'GET', url: '/api/proofs/items' })).json<{
    items: { itemCode: string }[];
  }>().items;
  if (items.length === 0) throw new Error('the central lists no printable certificate');
  const issued = await new CentralProofsClient(kiosk.connection).issue(
    {
      hallId: kiosk.config.hall.id,
      terminalId: kiosk.config.terminalId,
      itemCode: items[0]!.itemCode,
      holder: { name: '王小明', idNumber: ID },
      requestedAt: new Date().toISOString(),
    },
    `bench-baseline-${Date.now()}`,
  );
  if (issued.kind !== 'ok') throw new Error(`the central did not issue a certificate: ${issued.kind}`);
  const certificate = join(mkdtempSync(join(tmpdir(), 'bench-proof-pdf-')), 'certificate.pdf');
  writeFileSync(certificate, Buffer.from(issued.body.pdf, 'base64'));
  process.once('exit', () => cups.closeSync());
  return {
    cups,
    certificate,
    itemCodes: items.map((i) => i.itemCode),
    async tap(itemCode) {
      // A new session each time: one certificate per item per session, so each tap prints.
      kiosk.devices.simulatedCard!.removeCard();
      await kiosk.devices.confirmCard();
      await placeCardOnReader(kiosk, card);
      const before = cups.outputs().length;
      const start = performance.now();
      const printed = app.inject({ method: 'POST', url: '/api/proofs/print', payload: { itemCode } });
      await cups.waitForOutputs(before + 1, 30_000);
      const ms = performance.now() - start;
      const answer = (await printed).json<{ outcome?: string }>();
      if (answer.outcome !== 'printed') throw new Error(`not printed: ${JSON.stringify(answer)}`);
      return ms;
    },
  };
});

const tapMedian = once(async () => {
  const r = await rig();
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) samples.push(await r.tap(r.itemCodes[i % r.itemCodes.length]!));
  return quantile(samples, 0.5);
});

/** CUPS's own command with the same certificate: lp to the PDF file appearing, nothing of the kiosk. */
const bareLp: Baseline = {
  name: '`lp` of the same certificate PDF to the same cups-pdf queue, median',
  unit: 'ms',
  measure: async () => {
    const r = await rig();
    const samples: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const before = r.cups.outputs().length;
      const start = performance.now();
      r.cups.lp(r.certificate, `bench-lp-${i}`);
      await r.cups.waitForOutputs(before + 1, 30_000);
      samples.push(performance.now() - start);
    }
    return quantile(samples, 0.5);
  },
};

export const figures: BenchFigure[] = [
  {
    name: 'tap to first page out of CUPS (打印证明, cups-pdf), median',
    unit: 'ms',
    target: TAP_TO_PAGE_TARGET_MS,
    better: 'lower',
    measure: tapMedian,
  },
  {
    // On top of CUPS printing the same PDF: the card re-read twice, the central issuing and drawing
    // the certificate (its font subset), the IPP Print-Job and the first job poll. Measured at
    // 1.3–2.35× (360–975 ms against 277–414 ms, loaded machine); the central's drawing is most of it.
    name: 'tap to first page out of CUPS, ratio to a bare `lp`',
    unit: 'ms',
    baseline: bareLp,
    targetRatio: 3,
    better: 'lower',
    measure: tapMedian,
  },
];
