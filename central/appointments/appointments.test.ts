import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ManualClock } from '../../domain/clock';
import { REPLAYED_HEADER } from '../contract';
import { citizenRef, issue, NINE_AM_SHANGHAI, ticketRequest } from '../test-support';
import { device, makeCounterApp, manager } from '../queue/test-kit';

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
      qrPayload: `appt:${first.json().appointment.code}`,
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
