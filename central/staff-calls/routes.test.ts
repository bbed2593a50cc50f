import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/clock';
import { http, STAFF, startWithStaff } from '../cases/test-support';
import { NINE_AM_SHANGHAI, TOKEN } from '../test-support';
import type { CreateStaffCallRequest } from './contract';
import {
  DEFAULT_STAFF_CALL_ESCALATE_AFTER_S,
  STAFF_CALL_ESCALATE_ENV,
  STAFF_CALL_SWEEP_MS,
  staffCallEscalationFrom,
} from './escalation';
import { STAFF_CALL_PATHS } from './page';

type Central = Awaited<ReturnType<typeof startWithStaff>>;
let central: Central;
let api: ReturnType<typeof http>;
const streams: AbortController[] = [];

beforeAll(async () => {
  central = await startWithStaff({ clock: new ManualClock(NINE_AM_SHANGHAI) });
  api = http(central.baseUrl);
});
afterAll(async () => {
  for (const s of streams.splice(0)) s.abort();
  await central?.close();
});

let n = 0;
let callRequest: CreateStaffCallRequest;
beforeEach(() => {
  n += 1;
  callRequest = {
    callId: `call-test-${String(n).padStart(4, '0')}`,
    terminalId: 'KIOSK-01',
    hallId: 'HALL-CITY-01',
    placement: '一楼大厅 3 号机',
    step: 'apply',
    calledAt: '2026-11-25T01:00:00.000Z',
  };
});

const calls = STAFF_CALL_PATHS.calls;
const create = (body: unknown, key = `staff-call-${Math.random().toString(36).slice(2)}`) =>
  api.post(calls, body, TOKEN, { 'idempotency-key': key });
const cancel = (callId: string, reason = 'citizen-cancelled', key = `cancel-${callId}`) =>
  api.post(`${calls}/${callId}/cancel`, { terminalId: 'KIOSK-01', reason }, TOKEN, {
    'idempotency-key': key,
  });
const act = (callId: string, action: 'take' | 'close', token: string | null) =>
  api.post(`${calls}/${callId}/${action}`, {}, token);

/** Reads the named events of a server-sent event stream as they come. */
async function openStream(path: string, token: string) {
  const controller = new AbortController();
  streams.push(controller);
  const res = await fetch(`${central.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  const frames: { event: string; data: Record<string, unknown> }[] = [];
  let waiters: (() => void)[] = [];
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) frames.push({ event, data: JSON.parse(data) as Record<string, unknown> });
        }
        const w = waiters;
        waiters = [];
        w.forEach((f) => f());
      }
    } catch {
      // aborted at the end of the test
    }
  })();
  const until = (done: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => (done() ? resolve() : waiters.push(check));
      check();
    });
  return { status: res.status, frames, until, close: () => controller.abort() };
}

describe('a kiosk’s staff call', () => {
  it('is created once for a repeated Idempotency-Key, and window staff of its hall see it', async () => {
    const first = await create(callRequest, 'same-key-1');
    expect(first.status).toBe(201);
    expect(first.json.call).toMatchObject({
      callId: callRequest.callId,
      status: 'open',
      placement: '一楼大厅 3 号机',
      step: 'apply',
      takenBy: null,
      escalatedAt: null,
    });
    const again = await create(callRequest, 'same-key-1');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(again.json).toEqual(first.json);
    // Another key for the same call id is a second call, refused.
    expect((await create(callRequest, 'other-key-1')).json.error.code).toBe('staff-call-exists');

    const listed = await api.get(calls, STAFF.window);
    expect(listed.status).toBe(200);
    expect(listed.json.calls.map((c: { callId: string }) => c.callId)).toContain(callRequest.callId);
    const otherHall = await api.get(calls, STAFF.windowSc);
    expect(otherHall.json.calls.map((c: { callId: string }) => c.callId)).not.toContain(callRequest.callId);
  });

  it('refuses a malformed body with a 400 that names the field, and anything personal', async () => {
    const { step: _step, ...noStep } = callRequest;
    const missing = await create(noStep);
    expect(missing.status).toBe(400);
    expect(missing.json.error.code).toBe('bad-request');
    expect(missing.text).toContain('step');

    const personal = await create({ ...callRequest, idNumber: '330106198001010012' });
    expect(personal.status).toBe(400);
    expect(personal.text).toContain('idNumber');
    expect(personal.text).not.toContain('330106198001010012');

    expect((await create({ ...callRequest, callId: 'bad id!' })).status).toBe(400);
    expect((await create({ ...callRequest, step: 'Apply Now' })).status).toBe(400);
    expect((await api.post(calls, callRequest, TOKEN)).status).toBe(400); // no Idempotency-Key
  });

  it('is taken by one staff member, refused to a second, then closed', async () => {
    await create(callRequest);
    const taken = await act(callRequest.callId, 'take', STAFF.window);
    expect(taken.status).toBe(200);
    expect(taken.json.call).toMatchObject({
      status: 'taken',
      takenBy: { staffId: 'W001', displayName: '王窗口' },
    });
    expect((await act(callRequest.callId, 'take', STAFF.window)).status).toBe(200);
    const second = await act(callRequest.callId, 'take', STAFF.manager);
    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe('staff-call-taken');

    const closed = await act(callRequest.callId, 'close', STAFF.window);
    expect(closed.json.call.status).toBe('closed');
    expect((await act(callRequest.callId, 'close', STAFF.window)).json.call.status).toBe('closed');
    const listed = await api.get(calls, STAFF.window);
    expect(listed.json.calls.map((c: { callId: string }) => c.callId)).not.toContain(callRequest.callId);
  });

  it('is refused to staff of another hall and to kiosks, and unknown calls are 404', async () => {
    await create(callRequest);
    const otherHall = await act(callRequest.callId, 'take', STAFF.windowSc);
    expect(otherHall.status).toBe(403);
    expect((await act(callRequest.callId, 'take', TOKEN)).status).toBe(403);
    expect((await act(callRequest.callId, 'close', TOKEN)).status).toBe(403);
    expect((await act(callRequest.callId, 'take', null)).status).toBe(401);
    expect((await api.get(calls, TOKEN)).status).toBe(403);
    expect((await api.get(`${calls}?hallId=HALL-SC-01`, STAFF.window)).status).toBe(403);
    const unknown = await act('call-never-made', 'take', STAFF.window);
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('unknown-staff-call');
    // Staff cannot raise calls (they are the kiosk's), nor cancel them.
    expect((await api.post(calls, callRequest, STAFF.window, { 'idempotency-key': 'k-staff' })).status).toBe(
      403,
    );
  });

  it('is cancelled by its kiosk once; a late cancel answers the call as it is, and it cannot be taken then', async () => {
    await create(callRequest);
    const cancelled = await cancel(callRequest.callId);
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.call).toMatchObject({ status: 'cancelled', cancelReason: 'citizen-cancelled' });
    const late = await cancel(callRequest.callId, 'session-ended', 'another-cancel-key');
    expect(late.status).toBe(200);
    expect(late.json.call).toMatchObject({ status: 'cancelled', cancelReason: 'citizen-cancelled' });
    const take = await act(callRequest.callId, 'take', STAFF.window);
    expect(take.status).toBe(409);
    expect(take.json.error.code).toBe('staff-call-ended');
    const bad = await api.post(
      `${calls}/${callRequest.callId}/cancel`,
      { terminalId: 'KIOSK-01', reason: 'bored' },
      TOKEN,
      { 'idempotency-key': 'bad-reason' },
    );
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('reason');
    // Another terminal's cancel is refused.
    const other = await api.post(
      `${calls}/${callRequest.callId}/cancel`,
      { terminalId: 'KIOSK-02', reason: 'citizen-cancelled' },
      TOKEN,
      { 'idempotency-key': 'other-terminal' },
    );
    expect(other.status).toBe(403);
  });

  it('escalates to the duty manager when nobody takes it in time, on the staff page’s stream and the kiosk’s', async () => {
    const page = await openStream(STAFF_CALL_PATHS.events, STAFF.window);
    const kiosk = await openStream(`/v1/kiosks/KIOSK-01/events?hallId=HALL-CITY-01`, TOKEN);
    expect(page.status).toBe(200);
    await create(callRequest);
    const rowsOf = () => page.frames.filter((f) => f.data.callId === callRequest.callId);
    await page.until(() => rowsOf().length === 1);
    expect(rowsOf()[0]).toMatchObject({ event: 'staff-call.row', data: { status: 'open' } });

    // Just before the deadline: still waiting.
    const deadline = DEFAULT_STAFF_CALL_ESCALATE_AFTER_S * 1000;
    await central.clock.advance(deadline - STAFF_CALL_SWEEP_MS);
    expect((await api.get(`${calls}/${callRequest.callId}`)).json.call.escalatedAt).toBeNull();
    await central.clock.advance(STAFF_CALL_SWEEP_MS);
    const call = (await api.get(`${calls}/${callRequest.callId}`)).json.call;
    expect(call).toMatchObject({ status: 'open', escalatedTo: 'duty-manager' });
    await page.until(() => rowsOf().length === 2);
    expect(String(rowsOf()[1]!.data.html)).toContain('已升级至值班主任');
    expect(String(rowsOf()[1]!.data.html)).toContain('class="escalated"');
    const kioskEvents = () =>
      kiosk.frames.filter(
        (f) =>
          f.event === 'staff-call.changed' &&
          (f.data.data as { call: { callId: string } }).call.callId === callRequest.callId,
      );
    await kiosk.until(() => kioskEvents().length === 2);
    expect(kioskEvents().map((f) => (f.data.data as { reason: string }).reason)).toEqual([
      'created',
      'escalated',
    ]);

    // Taken after escalation: the kiosk hears it with the staff member's name.
    await act(callRequest.callId, 'take', STAFF.manager);
    await kiosk.until(() => kioskEvents().length === 3);
    expect(kioskEvents()[2]!.data.data).toMatchObject({ reason: 'taken', call: { status: 'taken' } });
    page.close();
    kiosk.close();
  });
});

describe('the escalation setting', () => {
  it('defaults to 120 s and takes whole seconds from the environment', () => {
    expect(staffCallEscalationFrom({})).toBe(120_000);
    expect(staffCallEscalationFrom({ [STAFF_CALL_ESCALATE_ENV]: '300' })).toBe(300_000);
  });

  it('stops the central with a clear error on a value that is not a sensible deadline', () => {
    for (const bad of ['abc', '2.5', '0', '-5', '999999']) {
      expect(() => staffCallEscalationFrom({ [STAFF_CALL_ESCALATE_ENV]: bad })).toThrow(
        /STAFF_CALL_ESCALATE_AFTER_S must be a whole number of seconds from 10 to 28800/,
      );
    }
  });
});
