import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { heartbeatRequestSchema } from '../../../central/contract';
import { ManualClock } from '../../../domain/clock';
import { parseConfig } from '../../../kiosk-config/load-config';
import { startKiosk, type Kiosk } from '../kiosk';
import { createTestLogger } from '../logging/logger';
import { DEVICE_CHANGE_HEARTBEAT_DELAY_MS, HEARTBEAT_INTERVAL_MS } from './heartbeat';

let kiosk: Kiosk | undefined;
afterEach(async () => {
  await kiosk?.close();
  kiosk = undefined;
});

describe('the fleet heartbeat', () => {
  it('reports device health, outbox depth, versions and uptime in the central contract', async () => {
    const clock = new ManualClock();
    const beats: unknown[] = [];
    const recording = (async (input: URL | string, init?: RequestInit) => {
      if (String(input).endsWith('/v1/kiosks/heartbeat')) beats.push(JSON.parse(String(init?.body)));
      return fetch(input, init);
    }) as typeof fetch;
    kiosk = await startKiosk(parseConfig({ dataDir: mkdtempSync(join(tmpdir(), 'kiosk-fleet-')) }), {
      clock,
      logger: createTestLogger(),
      fetch: recording,
    });
    await vi.waitFor(() => expect(beats).toHaveLength(1));
    // The devices settling from "starting" send one heartbeat of their own, shortly after the first.
    await clock.advance(DEVICE_CHANGE_HEARTBEAT_DELAY_MS);
    await vi.waitFor(() => expect(beats).toHaveLength(2));
    await clock.advance(HEARTBEAT_INTERVAL_MS * 2 - DEVICE_CHANGE_HEARTBEAT_DELAY_MS);
    await vi.waitFor(() => expect(beats).toHaveLength(4));
    const last = heartbeatRequestSchema.parse(beats.at(-1));
    expect(last).toMatchObject({
      terminalId: 'KIOSK-DEV-001',
      outboxDepth: 0,
      uptimeSeconds: (HEARTBEAT_INTERVAL_MS * 2) / 1000,
      devices: { idCardReader: { state: 'ready' } },
    });
    expect(JSON.stringify(beats)).not.toMatch(/\d{17}[\dX]/);
  });
});
