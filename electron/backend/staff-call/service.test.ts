import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../domain/clock';
import type { StaffCall } from '../../../central/staff-calls/contract';
import { createTestLogger } from '../logging/logger';
import { openKioskDatabase } from '../store/database';
import { FieldCipher } from '../store/field-cipher';
import { Outbox } from '../store/outbox';
import { outboxHandlers } from '../store/outbox-kind';
import type { CentralStaffCallClient } from './central';
import { STAFF_CALL_KIND, staffCallOutboxKinds } from './outbox';
import { StaffCallService } from './service';

function centralCall(over: Partial<StaffCall> = {}): StaffCall {
  return {
    callId: 'x',
    hallId: 'HALL-CITY-01',
    terminalId: 'KIOSK-01',
    placement: '一楼大厅 3 号机',
    step: 'apply',
    status: 'open',
    calledAt: '2026-11-25T01:00:00.000Z',
    receivedAt: '2026-11-25T01:00:00.000Z',
    escalatedAt: null,
    escalatedTo: null,
    takenBy: null,
    takenAt: null,
    endedAt: null,
    cancelReason: null,
    ...over,
  };
}

function setup(online: boolean) {
  const db = openKioskDatabase(join(mkdtempSync(join(tmpdir(), 'staff-call-')), 'kiosk.db'));
  const outbox = new Outbox(db, new FieldCipher(randomBytes(32)));
  const clock = new ManualClock(Date.UTC(2026, 10, 25, 1, 0, 0));
  const logger = createTestLogger();
  const sent: unknown[] = [];
  let changes = 0;
  const central = {
    create: async (payload: unknown) => {
      sent.push(payload);
      return online
        ? {
            kind: 'ok' as const,
            body: { call: centralCall({ callId: (payload as { callId: string }).callId }) },
          }
        : { kind: 'retry' as const, reason: 'central unreachable', offline: true };
    },
    cancel: async (callId: string, payload: unknown) => {
      sent.push({ callId, ...(payload as object) });
      return { kind: 'ok' as const, body: { call: centralCall({ callId, status: 'cancelled' }) } };
    },
    get: async () => ({ kind: 'retry' as const, reason: 'not used' }),
  } as unknown as CentralStaffCallClient;
  const service = new StaffCallService({
    db,
    outbox,
    delivery: { deliver: async () => undefined },
    central,
    clock,
    logger,
    terminalId: 'KIOSK-01',
    hallId: 'HALL-CITY-01',
    placement: '一楼大厅 3 号机',
    changed: () => changes++,
  });
  const handlers = outboxHandlers(
    staffCallOutboxKinds({ central, logger, settled: (call) => service.update(call) }),
  );
  /** Runs one queued item through its handler as the delivery would, applying its outcome. */
  const deliver = async (id: number) => {
    const outcome = await handlers[STAFF_CALL_KIND]!(outbox.get(id)!);
    if (outcome.kind === 'ok') outcome.apply?.(clock.now());
    return outcome;
  };
  return { db, outbox, service, sent, deliver, logger, changes: () => changes };
}

describe('a staff call from the kiosk', () => {
  it('queues where the citizen stands and the screen, nothing personal, and waits offline', async () => {
    const { outbox, service, deliver, sent, logger } = setup(false);
    const view = service.call('apply');
    expect(view).toEqual({
      callId: view.callId,
      status: 'open',
      delivered: false,
      escalated: false,
      takenBy: null,
    });
    const item = outbox.get(1)!;
    expect(item.stream).toBe(`${STAFF_CALL_KIND}:${view.callId}`);
    expect(item.hasPersonal).toBe(false);
    expect(Object.keys((item.payload as { request: object }).request).sort()).toEqual(
      ['callId', 'calledAt', 'hallId', 'placement', 'step', 'terminalId'].sort(),
    );
    // The central is unreachable: the item stays to be sent again, and the screen still says not delivered.
    expect((await deliver(item.id)).kind).toBe('retry');
    expect(sent).toHaveLength(1);
    expect(service.view()?.delivered).toBe(false);
    // A second tap does not raise a second call.
    expect(service.call('apply').callId).toBe(view.callId);
    expect(outbox.counts().pending).toBe(1);
    expect(logger.lines.join('\n')).toContain('staff-call.raised');
  });

  it('is withdrawn unsent when the citizen cancels before the network is back', () => {
    const { outbox, service } = setup(false);
    service.call('home');
    service.cancel('citizen-cancelled');
    expect(service.view()).toBeNull();
    expect(outbox.get(1)!.settledAs).toBe('withdrawn');
    expect(outbox.counts().pending).toBe(0);
  });

  it('once delivered, hears taken and escalated, and a cancel follows it to the central', async () => {
    const { outbox, service, deliver, sent } = setup(true);
    const { callId } = service.call('guide');
    await deliver(1);
    expect(service.view()).toMatchObject({ delivered: true, status: 'open' });
    service.update(
      centralCall({ callId, escalatedAt: '2026-11-25T01:02:00.000Z', escalatedTo: 'duty-manager' }),
    );
    expect(service.view()?.escalated).toBe(true);
    service.update(
      centralCall({ callId, status: 'taken', takenBy: { staffId: 'W001', displayName: '王窗口' } }),
    );
    expect(service.view()).toMatchObject({ status: 'taken', takenBy: '王窗口' });
    // Another kiosk's call changes nothing here.
    service.update(centralCall({ callId: 'call-of-someone-else', status: 'closed' }));
    expect(service.view()?.status).toBe('taken');

    outbox.acknowledge(1, {}, 0);
    service.cancel('session-ended');
    expect(service.view()).toBeNull();
    const cancelItem = outbox.get(2)!;
    expect(cancelItem.stream).toBe(`${STAFF_CALL_KIND}:${callId}`);
    await deliver(2);
    expect(sent.at(-1)).toEqual({ callId, terminalId: 'KIOSK-01', reason: 'session-ended' });
  });

  it('turns a queued item that does not parse into a dead letter naming the field', async () => {
    const { db, outbox, deliver } = setup(true);
    const id = db.transaction(() =>
      outbox.enqueue(`${STAFF_CALL_KIND}:broken`, () => ({ action: 'create', request: { callId: 'x' } }), 0),
    )().id;
    const outcome = await deliver(id);
    expect(outcome.kind).toBe('rejected');
    expect(outcome.kind === 'rejected' && outcome.reason).toMatch(
      /queued item does not parse: request\.callId/,
    );
  });
});
