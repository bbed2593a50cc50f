import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ManualClock } from '../../domain/clock';
import { REPLAYED_HEADER } from '../contract';
import { citizenRef, issue, NINE_AM_SHANGHAI, ticketRequest } from '../test-support';
import { cityManager, device, enrolKiosk, makeCounterApp, manager, scManager } from '../queue/test-kit';

let app: FastifyInstance;
afterEach(async () => {
  await app?.close();
});
const SLOT_1000 = 'S-20261125-B-1000-HALL-CITY-01';
const post = (url: string, payload: unknown, key?: string) =>
  app.inject({
    method: 'POST',
    url,
    headers: { ...device, ...(key ? { 'idempotency-key': key } : {}) },
    payload: payload as object,
  });
const book = (slotId: string, ref: string, key = `bk-${Math.random().toString(36).slice(2, 12)}`) =>
  post('/v1/appointments', { slotId, citizenRef: ref }, key);

describe('appointments', () => {
  it('lists daily slots with capacity, books to capacity, one booking per citizen and day', async () => {
    ({ app } = await makeCounterApp());
    const slots = await app.inject({
      method: 'GET',
      url: '/v1/appointment-slots?hallId=HALL-CITY-01&category=B&date=2026-11-25',
      headers: device,
    });
    expect(slots.statusCode).toBe(200);
    expect(slots.json().slots[2]).toMatchObject({
      slotId: SLOT_1000,
      startTime: '10:00',
      endTime: '10:30',
      capacity: 4,
      available: 4,
    });
    const cap = await app.inject({
      method: 'PUT',
      url: `/v1/appointment-slots/${SLOT_1000}/capacity`,
      headers: manager,
      payload: { capacity: 2 },
    });
    expect(cap.json().slot.capacity).toBe(2);
    const first = await book(SLOT_1000, citizenRef('a'), 'book-key-0001');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().appointment).toMatchObject({
      status: 'booked',
      serviceDate: '2026-11-25',
      qrPayload: expect.stringMatching(new RegExp(`^appt:${first.json().appointment.code}\\.[A-Z2-9]{16}$`)),
    });
    expect((await book(SLOT_1000, citizenRef('a'), 'book-key-0001')).headers[REPLAYED_HEADER]).toBe('true');
    expect((await book(SLOT_1000, citizenRef('a'))).json().error.code).toBe('appointment-exists');
    expect((await book(SLOT_1000, citizenRef('b'))).statusCode).toBe(201);
    expect((await book(SLOT_1000, citizenRef('c'))).json().error.code).toBe('slot-full');
    expect((await book('S-20261125-B-0900-HALL-CITY-01', citizenRef('d'))).json().error.code).toBe(
      'slot-closed',
    );
    expect((await book('S-20261125-B-1015-HALL-CITY-01', citizenRef('d'))).json().error.code).toBe(
      'unknown-slot',
    );
    expect((await book('nonsense', citizenRef('d'))).json().error.code).toBe('unknown-slot');
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: `/v1/appointment-slots/${SLOT_1000}/capacity`,
          headers: device,
          payload: { capacity: 9 },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('cancels by code and citizen; checks in within the window for a priority appointment ticket', async () => {
    const clock = new ManualClock(NINE_AM_SHANGHAI - 60 * 60 * 1000); // 08:00
    ({ app } = await makeCounterApp({ clock }));
    const ref = citizenRef('checkin');
    const appt = (await book(SLOT_1000, ref)).json().appointment;
    const checkIn = (key: string, who = ref) =>
      post(`/v1/appointments/${appt.code}/check-in`, { citizenRef: who, terminalId: 'KIOSK-01' }, key);
    expect((await checkIn('ci-key-early')).json().error.code).toBe('check-in-closed');
    expect((await checkIn('ci-key-other', citizenRef('someone-else'))).statusCode).toBe(404);
    await clock.advance(75 * 60 * 1000); // 09:15
    await issue(app, ticketRequest({ category: 'B' }));
    const ticket = await checkIn('ci-key-early');
    expect(ticket.statusCode, ticket.body).toBe(201);
    expect(ticket.json().ticket).toMatchObject({
      category: 'B',
      priority: 'appointment',
      priorityReason: 'appointment',
      waitingAhead: 0,
    });
    expect((await checkIn('ci-key-early')).headers[REPLAYED_HEADER]).toBe('true');
    expect((await checkIn('ci-key-again')).json().error.code).toBe('invalid-appointment-state');
    const looked = await post(`/v1/appointments/${appt.code}/lookup`, { citizenRef: ref });
    expect(looked.json().appointment).toMatchObject({
      status: 'checked-in',
      ticketId: ticket.json().ticket.ticketId,
    });
    expect((await post(`/v1/appointments/${appt.code}/cancel`, { citizenRef: ref })).statusCode).toBe(409);

    const other = (await book('S-20261125-C-1400-HALL-CITY-01', ref)).json().appointment;
    const cancelled = await post(`/v1/appointments/${other.code}/cancel`, { citizenRef: ref });
    expect(cancelled.json().appointment.status).toBe('cancelled');
    expect((await post(`/v1/appointments/${other.code}/cancel`, { citizenRef: ref })).statusCode).toBe(200);
    expect((await post('/v1/appointments/ZZZZZZZZ/lookup', { citizenRef: ref })).json().error.code).toBe(
      'unknown-appointment',
    );
    expect((await post('/v1/appointments/bad/lookup', { citizenRef: ref })).statusCode).toBe(400);
  });
});

// 2026-11-29 is a Sunday; the test clock starts on Wednesday 2026-11-25.
const SUNDAY_SLOT = 'S-20261129-B-1000-HALL-CITY-01';
const MONDAY_SLOT = 'S-20261130-B-1000-HALL-CITY-01';
const calendarOf = (from: string, days = 7) =>
  app.inject({
    method: 'GET',
    url: `/v1/halls/HALL-CITY-01/calendar?from=${from}&days=${days}`,
    headers: device,
  });
const setDay = (date: string, payload: object, headers = manager) =>
  app.inject({ method: 'PUT', url: `/v1/calendar-days/${date}`, headers, payload });

describe("the hall's calendar decides the bookable days", () => {
  it('refuses a Sunday of a hall that opens Monday to Saturday, and offers only open days', async () => {
    ({ app } = await makeCounterApp());
    const sunday = await book(SUNDAY_SLOT, citizenRef('sun'));
    expect(sunday.statusCode, sunday.body).toBe(422);
    expect(sunday.json().error).toMatchObject({ code: 'hall-closed' });
    expect(sunday.json().error.message).toContain('2026-11-29');
    const listed = await app.inject({
      method: 'GET',
      url: '/v1/appointment-slots?hallId=HALL-CITY-01&category=B&date=2026-11-29',
      headers: device,
    });
    expect(listed.json()).toMatchObject({ open: false, slots: [] });
    expect(listed.json().bookableDates).not.toContain('2026-11-29');
    expect(listed.json().bookableDates.slice(0, 5)).toEqual([
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-30',
    ]);
    expect((await book(MONDAY_SLOT, citizenRef('mon'))).statusCode).toBe(201);
  });

  it('closes a holiday and opens a 调休 Sunday, for every hall or one hall', async () => {
    ({ app } = await makeCounterApp());
    expect((await setDay('2026-11-30', { scope: '*', kind: 'holiday', name: '测试假日' })).statusCode).toBe(
      403,
    );
    expect(
      (await setDay('2026-11-30', { scope: '*', kind: 'holiday', name: '测试假日' }, cityManager)).statusCode,
    ).toBe(200);
    expect(
      (await setDay('2026-11-29', { scope: 'HALL-CITY-01', kind: 'workday', name: '调休上班' })).statusCode,
    ).toBe(200);
    const days = (await calendarOf('2026-11-28', 3)).json().days;
    expect(days).toEqual([
      { date: '2026-11-28', open: true, closedReason: null },
      { date: '2026-11-29', open: true, closedReason: null },
      { date: '2026-11-30', open: false, closedReason: '测试假日' },
    ]);
    expect((await book(MONDAY_SLOT, citizenRef('h'))).json().error).toMatchObject({
      code: 'hall-closed',
      message: 'The hall is closed on 2026-11-30 (测试假日)',
    });
    expect((await book(SUNDAY_SLOT, citizenRef('h'))).statusCode).toBe(201);
    // Another hall's manager cannot change this hall's days.
    expect(
      (await setDay('2026-12-01', { scope: 'HALL-CITY-01', kind: 'holiday', name: 'x' }, scManager))
        .statusCode,
    ).toBe(403);
  });

  it('sets the opening week and hours; slots outside the hours are neither offered nor booked', async () => {
    ({ app } = await makeCounterApp());
    const put = (payload: object) =>
      app.inject({ method: 'PUT', url: '/v1/halls/HALL-CITY-01/calendar', headers: manager, payload });
    const set = await put({ openWeekdays: [1, 2, 3, 4, 5], opensAt: '09:30', closesAt: '12:00' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ openWeekdays: [1, 2, 3, 4, 5], opensAt: '09:30', closesAt: '12:00' });
    const slots = await app.inject({
      method: 'GET',
      url: '/v1/appointment-slots?hallId=HALL-CITY-01&category=B&date=2026-11-25',
      headers: device,
    });
    expect(slots.json().slots.map((x: { startTime: string }) => x.startTime)).toEqual([
      '09:30',
      '10:00',
      '10:30',
      '11:00',
      '11:30',
    ]);
    expect((await book('S-20261125-B-1400-HALL-CITY-01', citizenRef('pm'))).json().error.code).toBe(
      'slot-closed',
    );
    expect((await book('S-20261128-B-1000-HALL-CITY-01', citizenRef('sat'))).json().error.code).toBe(
      'hall-closed',
    );
    // Bad input is refused with the reason.
    const backwards = await put({ openWeekdays: [1], opensAt: '17:00', closesAt: '09:00' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toContain('opensAt must be before closesAt');
    expect((await put({ openWeekdays: [0], opensAt: '09:00', closesAt: '17:00' })).statusCode).toBe(400);
    expect(
      (await setDay('2026-02-30', { scope: '*', kind: 'holiday', name: 'x' }, cityManager)).json().error,
    ).toMatchObject({
      code: 'bad-request',
      message: '2026-02-30 is not a date (YYYY-MM-DD)',
    });
    expect((await calendarOf('2026-13-01')).statusCode).toBe(400);
  });
});

describe('check-in by the QR code alone', () => {
  const qrCheckIn = (
    code: string,
    token: string,
    headers: object = device,
    key = `qr-${Math.random().toString(36).slice(2, 12)}`,
  ) =>
    app.inject({
      method: 'POST',
      url: `/v1/appointments/${code}/qr-check-in`,
      headers: { ...headers, 'idempotency-key': key },
      payload: { token, terminalId: 'KIOSK-01' },
    });
  const parts = (qrPayload: string) => {
    const m = /^appt:([A-Z0-9]{8})\.([A-Z2-9]{16})$/.exec(qrPayload)!;
    return { code: m[1]!, token: m[2]! };
  };

  it('checks in with the token for a priority ticket; a wrong token is an unknown appointment', async () => {
    const clock = new ManualClock(NINE_AM_SHANGHAI + 45 * 60 * 1000); // 09:45
    ({ app } = await makeCounterApp({ clock }));
    const appt = (await book(SLOT_1000, citizenRef('qr'))).json().appointment;
    const { code, token } = parts(appt.qrPayload);
    const wrong = await qrCheckIn(code, 'A'.repeat(16));
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().error.code).toBe('unknown-appointment');
    const ok = await qrCheckIn(code, token, device, 'qr-key-1');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().ticket).toMatchObject({
      category: 'B',
      priority: 'appointment',
      priorityReason: 'appointment',
    });
    expect((await qrCheckIn(code, token)).json().error.code).toBe('invalid-appointment-state');
    expect((await qrCheckIn(code, 'not-a-token')).statusCode).toBe(400);
  });

  it('refuses an expired booking and a booking of another hall, in plain codes', async () => {
    const clock = new ManualClock(NINE_AM_SHANGHAI);
    ({ app } = await makeCounterApp({ clock }));
    const sc = (await book('S-20261125-B-1000-HALL-SC-01', citizenRef('sc'))).json().appointment;
    const early = (await book('S-20261125-C-0930-HALL-CITY-01', citizenRef('late'))).json().appointment;
    const cityKiosk = await enrolKiosk(app, 'KIOSK-01', 'HALL-CITY-01');
    const other = await qrCheckIn(parts(sc.qrPayload).code, parts(sc.qrPayload).token, cityKiosk);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('appointment-other-hall');
    await clock.advance(2 * 60 * 60 * 1000); // 11:00: the 09:30 slot closed at 10:15
    const expired = await qrCheckIn(parts(early.qrPayload).code, parts(early.qrPayload).token, cityKiosk);
    expect(expired.statusCode).toBe(422);
    expect(expired.json().error.code).toBe('appointment-expired');
  });
});
