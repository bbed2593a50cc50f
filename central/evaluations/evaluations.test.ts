import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ManualClock } from '../../domain/clock';
import { issue, ticketRequest } from '../test-support';
import { cityManager, device, makeCounterApp, windowStaff } from '../queue/test-kit';
import { addWorkingDays } from './working-days';

let app: FastifyInstance;
afterEach(async () => {
  await app?.close();
});
const rate = (body: unknown, key = `ev-${Math.random().toString(36).slice(2, 12)}`) =>
  app.inject({
    method: 'POST',
    url: '/v1/evaluations',
    headers: { ...device, 'idempotency-key': key },
    payload: body as object,
  });

describe('evaluations', () => {
  it('skips weekends when counting working days', () => {
    expect(addWorkingDays('2026-11-27', 1)).toBe('2026-11-30'); // Friday → Monday
    expect(addWorkingDays('2026-11-25', 5)).toBe('2026-12-02');
  });

  it('offers the five levels and the indicator sets of a channel', async () => {
    ({ app } = await makeCounterApp());
    const res = await app.inject({
      method: 'GET',
      url: '/v1/evaluations/indicators?channel=kiosk',
      headers: device,
    });
    expect(res.json().levels.map((l: { level: number }) => l.level)).toEqual([5, 4, 3, 2, 1]);
    expect(res.json().negative.map((i: { code: string }) => i.code)).toContain('device-fault');
    expect(
      (await app.inject({ method: 'GET', url: '/v1/evaluations/indicators?channel=fax', headers: device }))
        .statusCode,
    ).toBe(400);
  });

  it('opens a follow-up with a working-day deadline and call-back for a poor rating; managers close it', async () => {
    // Friday 2026-11-27 09:00 Shanghai.
    const clock = new ManualClock(Date.UTC(2026, 10, 27, 1, 0));
    ({ app } = await makeCounterApp({ clock }));
    const good = await rate({
      subject: { kind: 'case', caseId: 'CASE-1' },
      channel: 'pc',
      level: 5,
      indicators: ['fast'],
    });
    expect(good.statusCode, good.body).toBe(201);
    expect(good.json().evaluation.followUp).toBeNull();
    expect(
      (
        await rate({ subject: { kind: 'case', caseId: 'CASE-1' }, channel: 'pc', level: 4, indicators: [] })
      ).json().error.code,
    ).toBe('already-evaluated');
    const poor = await rate({
      subject: { kind: 'case', caseId: 'CASE-2' },
      channel: 'kiosk',
      level: 1,
      indicators: ['print-failed'],
      comment: '打印失败，电话13800138000',
    });
    expect(poor.statusCode, poor.body).toBe(201);
    const evaluation = poor.json().evaluation;
    expect(evaluation.comment).toBe('打印失败，电话***********');
    expect(evaluation.followUp).toMatchObject({
      status: 'open',
      deadline: '2026-12-04',
      callbackRequired: true,
      calledBack: false,
      overdue: false,
    });
    expect(
      (
        await rate({
          subject: { kind: 'case', caseId: 'CASE-3' },
          channel: 'kiosk',
          level: 2,
          indicators: [],
        })
      ).json().error.code,
    ).toBe('indicators-required');
    expect(
      (
        await rate({
          subject: { kind: 'case', caseId: 'CASE-3' },
          channel: 'kiosk',
          level: 2,
          indicators: ['fast'],
        })
      ).json().error.code,
    ).toBe('unknown-indicator');

    await clock.advance(8 * 24 * 60 * 60 * 1000);
    const list = await app.inject({
      method: 'GET',
      url: '/v1/evaluation-follow-ups?status=open',
      // Online-channel ratings of cases this central does not hold belong to no hall: city level.
      headers: cityManager,
    });
    expect(list.json().followUps).toHaveLength(1);
    expect(list.json().followUps[0].overdue).toBe(true);
    expect(
      (await app.inject({ method: 'GET', url: '/v1/evaluation-follow-ups', headers: windowStaff }))
        .statusCode,
    ).toBe(403);
    const id = evaluation.followUp.followUpId;
    const close = (payload: unknown) =>
      app.inject({
        method: 'POST',
        url: `/v1/evaluation-follow-ups/${id}/close`,
        headers: cityManager,
        payload: payload as object,
      });
    expect(
      (await close({ resolution: 'rectified', note: '已更换打印纸', calledBack: false })).statusCode,
    ).toBe(400);
    const closed = await close({ resolution: 'rectified', note: '已更换打印纸', calledBack: true });
    expect(closed.json().followUp).toMatchObject({ status: 'rectified', calledBack: true });
    expect((await close({ resolution: 'explained', note: 'x', calledBack: true })).json().error.code).toBe(
      'follow-up-closed',
    );
  });

  it('rates a visit only once it was served', async () => {
    ({ app } = await makeCounterApp());
    const ticket = (await issue(app, ticketRequest())).json().ticket;
    const body = {
      subject: { kind: 'visit', ticketId: ticket.ticketId },
      channel: 'hall-window',
      level: 4,
      indicators: ['efficient'],
    };
    expect((await rate(body)).json().error.code).toBe('visit-not-served');
    await app.inject({
      method: 'POST',
      url: `/v1/queue/tickets/${ticket.ticketId}/call`,
      headers: windowStaff,
    });
    await app.inject({
      method: 'POST',
      url: `/v1/queue/tickets/${ticket.ticketId}/complete`,
      headers: windowStaff,
    });
    expect((await rate(body)).statusCode).toBe(201);
    expect((await rate({ ...body, subject: { kind: 'visit', ticketId: 'nope' } })).json().error.code).toBe(
      'unknown-ticket',
    );
  });
});
