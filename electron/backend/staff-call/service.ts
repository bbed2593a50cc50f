import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../domain/clock';
import type { StaffCall } from '../../../central/staff-calls/contract';
import type { KioskLogger } from '../logging/logger';
import type { KioskDatabase } from '../store/database';
import type { Outbox } from '../store/outbox';
import type { CentralStaffCallClient } from './central';
import type { StaffCallView } from './contract';
import { STAFF_CALL_KIND, type StaffCallPayload } from './outbox';

export interface StaffCallServiceDeps {
  db: KioskDatabase;
  outbox: Pick<Outbox, 'enqueue' | 'withdraw'>;
  delivery: { deliver(id: number): Promise<unknown> };
  central: Pick<CentralStaffCallClient, 'get'>;
  clock: Clock;
  logger: KioskLogger;
  terminalId: string;
  hallId: string;
  /** Where the kiosk stands in the hall (kiosk-config `hall.placement`), for the staff walking over. */
  placement?: string;
  /** The call changed: the screen refetches the state. */
  changed: () => void;
}

interface CurrentCall extends StaffCallView {
  /** The outbox item that raises it, withdrawn unsent if the citizen cancels first. */
  createItem: number;
}

/**
 * The citizen's call for staff (帮办代办), one at a time, for this session. It is held in memory:
 * it names no one, and it belongs to the session that made it; the outbox keeps what must reach the
 * central across a restart. The central's answer and its live events move it on (taken, escalated,
 * closed); a cancel, or the session ending, withdraws it.
 */
export class StaffCallService {
  private current: CurrentCall | null = null;

  constructor(private readonly deps: StaffCallServiceDeps) {}

  view(): StaffCallView | null {
    if (!this.current) return null;
    const { createItem: _item, ...view } = this.current;
    return view;
  }

  /** Raises a call from screen `step`; a second tap while one is live answers the same call. */
  call(step: string): StaffCallView {
    if (this.current && this.current.status !== 'closed') return this.view()!;
    const { db, outbox, clock, terminalId, hallId, placement } = this.deps;
    const callId = `call-${randomUUID()}`;
    const payload: StaffCallPayload = {
      action: 'create',
      request: {
        callId,
        terminalId,
        hallId,
        ...(placement ? { placement } : {}),
        step,
        calledAt: new Date(clock.now()).toISOString(),
      },
    };
    const queued = db.transaction(() =>
      outbox.enqueue(`${STAFF_CALL_KIND}:${callId}`, () => payload, clock.now()),
    )();
    this.current = {
      callId,
      status: 'open',
      delivered: false,
      escalated: false,
      takenBy: null,
      createItem: queued.id,
    };
    this.deps.logger.info('staff-call.raised', { callId, step });
    void this.deps.delivery.deliver(queued.id);
    this.deps.changed();
    return this.view()!;
  }

  /**
   * Withdraws the call. One never sent is withdrawn from the outbox (staff never hear of it);
   * otherwise a cancel follows it down the same stream.
   */
  cancel(reason: 'citizen-cancelled' | 'session-ended'): void {
    const call = this.current;
    if (!call) return;
    this.current = null;
    const { db, outbox, clock, terminalId, logger } = this.deps;
    if (call.status !== 'closed') {
      const now = clock.now();
      const withdrawn = outbox.withdraw(call.createItem, reason, now);
      if (!withdrawn) {
        const payload: StaffCallPayload = {
          action: 'cancel',
          callId: call.callId,
          request: { terminalId, reason },
        };
        const queued = db.transaction(() =>
          outbox.enqueue(`${STAFF_CALL_KIND}:${call.callId}`, () => payload, now),
        )();
        void this.deps.delivery.deliver(queued.id);
      }
      logger.info('staff-call.cancelled', { callId: call.callId, reason, sent: !withdrawn });
    }
    this.deps.changed();
  }

  /** The central's view of a call (its answer, a live event, a read after a stream gap). */
  update(call: StaffCall): void {
    const current = this.current;
    if (!current || current.callId !== call.callId) return;
    if (call.status === 'cancelled') {
      this.current = null;
    } else {
      this.current = {
        ...current,
        status: call.status,
        delivered: true,
        escalated: call.escalatedAt !== null,
        takenBy: call.takenBy?.displayName ?? null,
      };
    }
    this.deps.changed();
  }

  /** The live stream reopened: what happened to a delivered call meanwhile is read back. */
  async refresh(): Promise<void> {
    const current = this.current;
    if (!current?.delivered) return;
    const outcome = await this.deps.central.get(current.callId);
    if (outcome.kind === 'ok') this.update(outcome.body.call);
  }
}
