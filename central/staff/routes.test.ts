import { describe, expect, it } from 'vitest';
import { caseRequest, idNumber, STAFF, useCentralWithStaff, submit } from '../cases/test-support';
import { caseResponseSchema, staffCaseResponseSchema } from '../contract';
import { TOKEN } from '../test-support';

const { api } = useCentralWithStaff();

async function newCase(person: number, overrides: Parameters<typeof caseRequest>[0] = {}): Promise<string> {
  const res = await submit(api, caseRequest(overrides, person));
  expect(res.status, res.text).toBe(201);
  return res.json.case.caseId;
}

function act(caseId: string, action: string, token: string, body: unknown = {}) {
  return api.post(`/v1/staff/cases/${caseId}/${action}`, body, token);
}

async function ok(caseId: string, action: string, token: string, body: unknown = {}) {
  const res = await act(caseId, action, token, body);
  expect(res.status, `${action}: ${res.text}`).toBe(200);
  return caseResponseSchema.parse(res.json).case;
}

describe('staff tokens', () => {
  it('names the staff member and role; refuses device, missing and unknown tokens', async () => {
    const me = await api.get('/v1/staff/me', STAFF.approverGt);
    expect(me.json).toEqual({
      staffId: 'A001',
      displayName: '规资审批',
      role: 'approver',
      departmentId: '330100-GT',
      hallId: null,
      hallIds: [],
      everyHall: false,
    });
    expect((await api.get('/v1/staff/me', STAFF.window)).json).toMatchObject({
      hallId: 'HALL-CITY-01',
      hallIds: ['HALL-CITY-01'],
      everyHall: false,
    });
    expect((await api.get('/v1/staff/me', STAFF.manager)).json).toMatchObject({
      hallIds: [],
      everyHall: true,
    });
    expect((await api.get('/v1/staff/me', TOKEN)).status).toBe(403);
    expect((await api.get('/v1/staff/me', null)).status).toBe(401);
    expect((await api.get('/v1/staff/me', 'staff-not-a-real-token-000000000')).status).toBe(401);
  });
});

describe('case lifecycle from the staff side', () => {
  it("counts the promised days in the hall's working days: a holiday moves the due date", async () => {
    // Thursday 26 November made a holiday for the city hall: one working day after Wednesday is Friday.
    const set = await api.put(
      '/v1/calendar-days/2026-11-26',
      { scope: 'HALL-CITY-01', kind: 'holiday', name: '测试假日' },
      STAFF.manager,
    );
    expect(set.status, set.text).toBe(200);
    const caseId = await newCase(302);
    await ok(caseId, 'pre-review-pass', STAFF.window);
    const taken = await ok(caseId, 'take-in', STAFF.window);
    expect(taken.dueDate).toBe('2026-11-27');
    await api.put(
      '/v1/calendar-days/2026-11-26',
      { scope: 'HALL-CITY-01', kind: 'none', name: '测试假日' },
      STAFF.manager,
    );
  });

  it('takes in, routes by responsibility, approves, readies and hands out, each on the timeline', async () => {
    const caseId = await newCase(301);
    await ok(caseId, 'pre-review-pass', STAFF.window);
    const taken = await ok(caseId, 'take-in', STAFF.window, { note: '材料齐全' });
    expect(taken.status).toBe('routed');
    expect(taken.departmentId).toBe('330100-GT');
    // Wednesday 25 November + 1 working day.
    expect(taken.dueDate).toBe('2026-11-26');
    await ok(caseId, 'approve', STAFF.approverGt);
    const ready = await ok(caseId, 'mark-ready', STAFF.window, { pickup: 'post' });
    expect(ready.pickup).toBe('post');
    const done = await ok(caseId, 'hand-out', STAFF.window);
    expect(done.status).toBe('handed-out');
    expect(done.timeline.map((e) => [e.action, e.toStatus])).toEqual([
      ['submit', 'submitted'],
      ['pre-review-pass', 'pre-review-passed'],
      ['take-in', 'accepted'],
      ['auto-route', 'routed'],
      ['approve', 'approved'],
      ['mark-ready', 'ready-for-pickup'],
      ['hand-out', 'handed-out'],
    ]);
    expect(done.timeline[2]).toMatchObject({ actorKind: 'staff', actorId: 'W001', note: '材料齐全' });
    expect(done.timeline[3]).toMatchObject({ actorKind: 'system', departmentId: '330100-GT' });
    const again = await act(caseId, 'approve', STAFF.approverGt);
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('invalid-case-state');
  });

  it('goes round a correction, re-routes, rejects with a reason, and terminates', async () => {
    const caseId = await newCase(302);
    await ok(caseId, 'pre-review-pass', STAFF.window);
    await ok(caseId, 'take-in', STAFF.window);
    expect((await act(caseId, 'request-correction', STAFF.approverGt)).json.error.code).toBe('note-required');
    await ok(caseId, 'request-correction', STAFF.approverGt, { note: '请补充购房合同原件' });
    const back = await ok(caseId, 'take-in', STAFF.window);
    expect(back.status).toBe('routed');
    const rerouted = await ok(caseId, 'route', STAFF.manager, {
      departmentId: '330100-FG',
      note: '属房管职责',
    });
    expect(rerouted.departmentId).toBe('330100-FG');
    expect((await act(caseId, 'approve', STAFF.approverGt)).status).toBe(403);
    expect((await act(caseId, 'route', STAFF.window, { departmentId: '330100-NONE' })).json.error.code).toBe(
      'unknown-department',
    );
    await ok(caseId, 'reject', STAFF.manager, { note: '不符合条件' });
    const ended = await ok(caseId, 'terminate', STAFF.manager, { note: '申请人死亡' });
    expect(ended.status).toBe('terminated');

    const returned = await newCase(303);
    expect((await ok(returned, 'pre-review-return', STAFF.window, { note: '照片不清晰' })).status).toBe(
      'pre-review-returned',
    );
    const refused = await newCase(304);
    await ok(refused, 'pre-review-pass', STAFF.window);
    expect((await ok(refused, 'not-accept', STAFF.window, { note: '不属于受理范围' })).status).toBe(
      'not-accepted',
    );
    const withdrawn = await newCase(305);
    expect((await ok(withdrawn, 'withdraw', STAFF.window)).status).toBe('withdrawn');
  });

  it('checks roles and reach on every action', async () => {
    const caseId = await newCase(306);
    const denied: [string, string][] = [
      ['approve', STAFF.window],
      ['take-in', STAFF.approverGt],
      ['pre-review-pass', STAFF.approverMz],
      ['terminate', STAFF.window],
      ['pre-review-pass', TOKEN],
      // Window staff of the district hall do not act on the city hall's cases.
      ['pre-review-pass', STAFF.windowSc],
    ];
    for (const [action, token] of denied) {
      const res = await act(caseId, action, token, { note: 'x' });
      expect(res.status, `${action}`).toBe(403);
      expect(res.json.error.code).toBe('forbidden');
    }
    expect((await act(caseId, 'pre-review-pass', 'nope-token-0000000000', {})).status).toBe(401);
    await ok(caseId, 'pre-review-pass', STAFF.window);
    await ok(caseId, 'take-in', STAFF.window);
    expect((await act(caseId, 'approve', STAFF.approverMz)).status).toBe(403);
    expect((await act(caseId, 'mark-ready', STAFF.window)).status).toBe(409);
  });

  it('validates paths and bodies', async () => {
    const caseId = await newCase(307);
    expect((await act('no-such-case', 'approve', STAFF.manager)).json.error.code).toBe('unknown-case');
    expect((await act(caseId, 'explode', STAFF.manager)).status).toBe(404);
    expect((await act(caseId, 'pre-review-pass', STAFF.window, { surprise: true })).status).toBe(400);
    expect((await act(caseId, 'mark-ready', STAFF.window, { pickup: 'drone' })).status).toBe(400);
    expect((await act(caseId, 'pre-review-pass', STAFF.window, { note: 'x'.repeat(501) })).status).toBe(400);
    expect((await act(caseId, 'pre-review-pass', STAFF.window, '[1,2')).status).toBe(400);
    const emptyBody = await api.call('POST', `/v1/staff/cases/${caseId}/pre-review-pass`, STAFF.window);
    expect(emptyBody.status, emptyBody.text).toBe(200);
  });
});

describe('staff case reads', () => {
  it('opens the applicant record for staff within reach only', async () => {
    const caseId = await newCase(310);
    const res = await api.get(`/v1/staff/cases/${caseId}`, STAFF.window);
    const detail = staffCaseResponseSchema.parse(res.json);
    expect(detail.applicant).toMatchObject({ name: '张三丰', idNumber: idNumber(310) });
    expect(detail.case.status).toBe('submitted');
    expect((await api.get(`/v1/staff/cases/${caseId}`, STAFF.approverMz)).status).toBe(403);
    expect((await api.get(`/v1/staff/cases/${caseId}`, STAFF.windowSc)).status).toBe(403);
    expect((await api.get(`/v1/staff/cases/${caseId}`, TOKEN)).status).toBe(403);
    expect((await api.get('/v1/staff/cases/nothing-here', STAFF.manager)).status).toBe(404);
  });

  it('lists cases by status, limited to the approver’s department and the window’s hall', async () => {
    const mz = await newCase(311, {
      hallId: 'HALL-SC-01',
      itemCode: 'JF00203001',
      materials: [{ code: 'BANK', via: 'upload' }],
    });
    const all = await api.get('/v1/staff/cases?limit=200', STAFF.manager);
    expect(all.json.cases.length).toBeGreaterThan(5);
    const gt = await api.get('/v1/staff/cases?limit=200', STAFF.approverGt);
    expect(gt.json.cases.every((c: { departmentId: string }) => c.departmentId === '330100-GT')).toBe(true);
    const sc = await api.get('/v1/staff/cases', STAFF.windowSc);
    expect(sc.json.cases.map((c: { caseId: string }) => c.caseId)).toEqual([mz]);
    for (const person of [312, 313, 314]) await newCase(person);
    const submitted = await api.get('/v1/staff/cases?status=submitted&limit=2', STAFF.manager);
    expect(submitted.json.cases).toHaveLength(2);
    const next = await api.get(
      `/v1/staff/cases?status=submitted&limit=2&before=${submitted.json.cases[1].caseNumber}`,
      STAFF.manager,
    );
    expect(next.json.cases[0].caseNumber < submitted.json.cases[1].caseNumber).toBe(true);
    expect((await api.get('/v1/staff/cases?status=lost', STAFF.manager)).status).toBe(400);
    expect((await api.get('/v1/staff/cases?limit=0', STAFF.manager)).status).toBe(400);
    expect((await api.get('/v1/staff/cases', TOKEN)).status).toBe(403);
  });
});
