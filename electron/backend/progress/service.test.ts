import { describe, expect, it } from 'vitest';
import type { CaseView } from '../../../central/cases/contract';
import { ManualClock } from '../../../domain/clock';
import { idCheckCharacter } from '../../../domain/id-number';
import type { CardRead } from '../../../drivers/id-card-reader/types';
import type { PrintDocument } from '../../../drivers/printer/document';
import type { PrintResult } from '../../../drivers/printer/escpos-printer';
import { progressListSchema } from './contract';
import { createTestLogger } from '../logging/logger';
import { sessionWithCardLeftOn } from '../session/test-support';
import type { CentralOutcome } from '../central-connection/connection';
import type { LiveEvent } from '../central-connection/live-events';
import { CaseProgress, OTHER_HALL_POLL_MS, type PendingSubmissions } from './service';
import { caseView, DEPARTMENTS, timeline, TO_APPROVED } from './test-cases';

const FIRST17 = '33010619800101123';
const ID_NUMBER = FIRST17 + idCheckCharacter(FIRST17);
const card: CardRead = {
  identity: {
    cardType: 'resident',
    name: '张三丰',
    gender: 'male',
    nationCode: '01',
    birthDate: '1980-01-01',
    address: '浙江省杭州市上城区解放路1号',
    idNumber: ID_NUMBER,
    issuingAuthority: '杭州市公安局',
    validFrom: '2020-01-01',
    validTo: '2040-01-01',
  },
  photo: new Uint8Array(0),
};

/** The central's case lookup, with the network switchable and answers that can be held back. */
class FakeCentral {
  cases = new Map<string, CaseView[]>();
  online = true;
  lookups = 0;
  private held: (() => void)[] = [];
  holdAnswers = false;

  async lookupCases(citizenRef: string): Promise<CentralOutcome<{ cases: CaseView[] }>> {
    this.lookups++;
    if (this.holdAnswers) await new Promise<void>((resolve) => this.held.push(resolve));
    if (!this.online)
      return { kind: 'retry', reason: 'not-sent: TypeError: fetch failed (ECONNREFUSED)', offline: true };
    return {
      kind: 'ok',
      status: 200,
      body: { cases: structuredClone(this.cases.get(citizenRef) ?? []) },
      replayed: false,
    };
  }

  release(): void {
    this.holdAnswers = false;
    for (const resolve of this.held.splice(0)) resolve();
  }
}

class FakePrinter {
  result: PrintResult = { ok: true, bytes: 100 };
  printed: { doc: PrintDocument; jobId: string }[] = [];
  async print(doc: PrintDocument, jobId: string): Promise<PrintResult> {
    if (this.result.ok) this.printed.push({ doc, jobId });
    return this.result;
  }
}

function setup(options: { pending?: PendingSubmissions } = {}) {
  const clock = new ManualClock(Date.UTC(2026, 10, 26, 2, 0));
  const logger = createTestLogger();
  const session = sessionWithCardLeftOn({ clock, citizenRefKey: 'test-citizen-ref-key' });
  const central = new FakeCentral();
  const printer = new FakePrinter();
  let departmentLoads = 0;
  const changes: { caseNumber: string; status: string }[] = [];
  const progress = new CaseProgress({
    clock,
    logger,
    session,
    central,
    departments: {
      load: async () => void departmentLoads++,
      name: (id) => DEPARTMENTS[id as keyof typeof DEPARTMENTS] ?? null,
      forget: () => undefined,
    },
    devices: printer,
    hall: { id: 'HALL-CITY-01', name: '市民服务中心', caseFollowUrl: 'https://zwfw.example.gov.cn/case' },
    pending: options.pending,
    changed: (c) => changes.push(c),
  });
  session.onChange(() => progress.reset());
  session.start(structuredClone(card));
  const ref = session.citizenRef()!;
  return {
    clock,
    logger,
    session,
    central,
    printer,
    progress,
    changes,
    ref,
    departmentLoads: () => departmentLoads,
  };
}

let seq = 0;
function statusChanged(c: CaseView, previousStatus: string | null = 'routed'): LiveEvent {
  return {
    seq: ++seq,
    at: new Date().toISOString(),
    type: 'case.status-changed',
    data: {
      caseId: c.caseId,
      caseNumber: c.caseNumber,
      itemCode: c.itemCode,
      status: c.status,
      previousStatus,
    },
  };
}

const ROUTED = caseView({ timeline: timeline(TO_APPROVED.slice(0, 4)) });
const OLDER = caseView({
  caseId: 'case-0000',
  caseNumber: 'BJ20261120000007',
  timeline: timeline(TO_APPROVED).map((e) => ({ ...e, at: e.at.replace('2026-11-25', '2026-11-20') })),
});
const APPROVED = caseView({ timeline: timeline(TO_APPROVED) });

describe('progress: the citizen list', () => {
  it('lists the card holder’s cases newest first, fresh from the central', async () => {
    const t = setup();
    t.central.cases.set(t.ref, [OLDER, ROUTED]);
    const r = await t.progress.list(true);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(progressListSchema.parse(r.value)).toEqual(r.value);
    expect(r.value.fresh).toBe(true);
    expect(r.value.entries.map((e) => (e.kind === 'case' ? e.caseNumber : e.localId))).toEqual([
      ROUTED.caseNumber,
      OLDER.caseNumber,
    ]);
    expect(t.departmentLoads()).toBe(1);
  });

  it('refuses without a session, and asks for the card when the ID number was only typed', async () => {
    const t = setup();
    t.session.end();
    expect(await t.progress.list(true)).toMatchObject({ ok: false, code: 'no-session' });
    t.session.startDeclared(ID_NUMBER, 'typed');
    expect(await t.progress.list(true)).toMatchObject({
      ok: false,
      code: 'no-session',
      reason: 'needs-card',
    });
    expect(t.central.lookups).toBe(0);
  });

  it('offline, shows the copy fetched earlier in the session marked as not fresh', async () => {
    const t = setup();
    t.central.cases.set(t.ref, [ROUTED]);
    await t.progress.list(true);
    t.central.online = false;
    const r = await t.progress.list(true);
    expect(r).toMatchObject({
      ok: true,
      value: { fresh: false, entries: [{ caseNumber: ROUTED.caseNumber }] },
    });
    const logs = t.logger.lines.join('\n');
    expect(logs).toContain('"event":"progress.lookup-failed"');
    expect(logs).not.toContain(ID_NUMBER);
    expect(logs).not.toContain(t.ref);
  });

  it('offline without a copy, says progress needs the network', async () => {
    const t = setup();
    t.central.online = false;
    expect(await t.progress.list(true)).toMatchObject({
      ok: false,
      code: 'central-unreachable',
      reason: 'needs-network',
    });
  });

  it('forgets the cases with the session: the next citizen gets none of them', async () => {
    const t = setup();
    t.central.cases.set(t.ref, [ROUTED]);
    await t.progress.list(true);
    t.session.end();
    t.session.start({
      ...structuredClone(card),
      identity: { ...card.identity, idNumber: '11010519491231002X' },
    });
    t.central.online = false;
    expect(await t.progress.list(false)).toMatchObject({ ok: false, reason: 'needs-network' });
  });

  it('drops an answer that arrives after the session ended', async () => {
    const t = setup();
    t.central.cases.set(t.ref, [ROUTED]);
    t.central.holdAnswers = true;
    const pending = t.progress.list(true);
    await Promise.resolve();
    t.session.end();
    t.central.release();
    expect(await pending).toMatchObject({ ok: false, code: 'no-session' });
  });

  it('shows submissions still waiting in the outbox first, as their own kind of entry', async () => {
    const t = setup({
      pending: {
        pendingFor: () => [
          {
            kind: 'pending',
            localId: 'apply-1',
            itemCode: 'MZ01002001',
            itemName: { zh: '结婚登记预约', en: 'Marriage registration' },
            submittedAt: '2026-11-26T01:59:00.000Z',
          },
        ],
      },
    });
    t.central.cases.set(t.ref, [ROUTED]);
    const r = await t.progress.list(true);
    expect(r.ok && r.value.entries.map((e) => e.kind)).toEqual(['pending', 'case']);
  });
});

describe('progress: live updates', () => {
  it('refetches when a counter or department acts on one of the citizen’s cases and tells the screen', async () => {
    const t = setup();
    t.central.cases.set(t.ref, [ROUTED]);
    await t.progress.list(true);
    t.central.cases.set(t.ref, [APPROVED]);
    t.progress.onCentralEvent(statusChanged(APPROVED));
    await t.progress.idle();
    expect(t.changes).toEqual([{ caseNumber: APPROVED.caseNumber, status: 'approved' }]);
    const held = await t.progress.list(false);
    expect(held).toMatchObject({ ok: true, value: { fresh: true, entries: [{ status: 'approved' }] } });
    expect(t.central.lookups).toBe(2);
  });

  it('ignores other citizens’ cases and does nothing before the list was opened', async () => {
    const t = setup();
    t.progress.onCentralEvent(statusChanged(APPROVED));
    await t.progress.idle();
    expect(t.central.lookups).toBe(0);
    t.central.cases.set(t.ref, [ROUTED]);
    await t.progress.list(true);
    t.progress.onCentralEvent(
      statusChanged(caseView({ caseId: 'someone-else', caseNumber: 'BJ20261126000099' })),
    );
    await t.progress.idle();
    expect(t.central.lookups).toBe(1);
    expect(t.changes).toEqual([]);
  });

  it('coalesces a burst of events into one more fetch after the one in flight', async () => {
    const t = setup();
    t.central.cases.set(t.ref, [ROUTED]);
    await t.progress.list(true);
    t.central.holdAnswers = true;
    t.progress.onCentralEvent(statusChanged(ROUTED, 'accepted'));
    t.progress.onCentralEvent(statusChanged(ROUTED, 'routed'));
    t.progress.onCentralEvent(statusChanged(ROUTED, 'routed'));
    t.central.cases.set(t.ref, [APPROVED]);
    t.central.release();
    await t.progress.idle();
    expect(t.central.lookups).toBe(3);
    expect(t.changes).toEqual([{ caseNumber: APPROVED.caseNumber, status: 'approved' }]);
  });

  it('refetches after the stream could not resume (events may be lost)', async () => {
    const t = setup();
    t.central.cases.set(t.ref, [ROUTED]);
    await t.progress.list(true);
    t.central.cases.set(t.ref, [APPROVED]);
    t.progress.onCentralEvent({
      seq: 0,
      at: new Date().toISOString(),
      type: 'stream.reset',
      data: { reason: 'unknown-id', latestSeq: 9 },
    });
    await t.progress.idle();
    expect(t.changes).toEqual([{ caseNumber: APPROVED.caseNumber, status: 'approved' }]);
  });

  it('asks the central every 30 s for an open case of another hall (its events go to that hall only)', async () => {
    const t = setup();
    const elsewhere = caseView({ ...ROUTED, hallId: 'HALL-SC-01' });
    t.central.cases.set(t.ref, [elsewhere]);
    await t.progress.list(true);
    await t.clock.advance(OTHER_HALL_POLL_MS - 1);
    expect(t.central.lookups).toBe(1);
    t.central.cases.set(t.ref, [caseView({ ...APPROVED, hallId: 'HALL-SC-01' })]);
    await t.clock.advance(1);
    await t.progress.idle();
    expect(t.central.lookups).toBe(2);
    expect(t.changes).toEqual([{ caseNumber: APPROVED.caseNumber, status: 'approved' }]);
    // The session ends: no more polling.
    t.session.end();
    expect(t.clock.pendingTimers).toBe(0);
  });

  it('does not poll when every case is in this hall', async () => {
    const t = setup();
    t.central.cases.set(t.ref, [ROUTED]);
    await t.progress.list(true);
    expect(t.clock.pendingTimers).toBe(0);
  });
});

describe('progress: the result notice', () => {
  it('prints it for a completed case with a masked name and no ID number, once per session', async () => {
    const t = setup();
    t.central.cases.set(t.ref, [APPROVED]);
    await t.progress.list(true);
    const r = await t.progress.printNotice(APPROVED.caseId);
    expect(r).toMatchObject({
      ok: true,
      value: { printed: true, alreadyPrinted: false, printerProblem: null, notice: { maskedName: '张**' } },
    });
    const printed = JSON.stringify(t.printer.printed[0]!.doc);
    expect(printed).toContain(APPROVED.caseNumber);
    expect(printed).not.toContain(ID_NUMBER);
    expect(printed).not.toContain('张三丰');
    // The same notice asked again in this session uses the same job: the printer prints it once.
    await t.progress.printNotice(APPROVED.caseId);
    expect(t.printer.printed[1]!.jobId).toBe(t.printer.printed[0]!.jobId);
    expect(t.logger.lines.join('\n')).toContain('"event":"progress.notice-printed"');
  });

  it('on a printer problem says so and still answers the notice, for the screen to show', async () => {
    const t = setup();
    t.central.cases.set(t.ref, [APPROVED]);
    await t.progress.list(true);
    t.printer.result = { ok: false, status: { state: 'paper-out' } };
    const r = await t.progress.printNotice(APPROVED.caseId);
    expect(r).toMatchObject({
      ok: true,
      value: {
        printed: false,
        printerProblem: 'printer-paper-out',
        notice: { caseNumber: APPROVED.caseNumber, outcome: 'approved' },
      },
    });
    expect(t.logger.lines.join('\n')).toContain('"event":"progress.notice-print-failed"');
  });

  it('offline, prints the decision already held in this session', async () => {
    const t = setup();
    t.central.cases.set(t.ref, [APPROVED]);
    await t.progress.list(true);
    t.central.online = false;
    expect(await t.progress.printNotice(APPROVED.caseId)).toMatchObject({
      ok: true,
      value: { printed: true },
    });
  });

  it('refuses a case without a result and a case that is not the citizen’s, printing nothing', async () => {
    const t = setup();
    t.central.cases.set(t.ref, [ROUTED]);
    await t.progress.list(true);
    expect(await t.progress.printNotice(ROUTED.caseId)).toMatchObject({
      ok: false,
      code: 'bad-request',
      reason: 'not-completed',
    });
    expect(await t.progress.printNotice('someone-elses-case')).toMatchObject({
      ok: false,
      code: 'not-found',
      reason: 'unknown-case',
    });
    expect(t.printer.printed).toEqual([]);
  });
});
