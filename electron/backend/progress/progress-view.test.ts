import { describe, expect, it } from 'vitest';
import { progressCaseSchema } from './contract';
import { newestFirst, toProgressCase } from './progress-view';
import { caseView, departmentName, fromRouted, routedThen, timeline, TO_APPROVED } from './test-cases';

describe('a case as the progress screen shows it', () => {
  it('lists the timeline newest first, credits window, system and department, and drops staff ids', () => {
    const view = toProgressCase(
      caseView({ timeline: timeline(TO_APPROVED), dueDate: '2026-12-02' }),
      departmentName,
    );
    expect(progressCaseSchema.parse(view)).toEqual(view);
    expect(view.timeline.map((e) => [e.action, e.actor, e.department?.zh ?? null])).toEqual([
      ['approve', 'department', '市规划和自然资源局'],
      ['auto-route', 'system', '市规划和自然资源局'],
      ['take-in', 'window', null],
      ['pre-review-pass', 'window', null],
      ['submit', 'citizen', null],
    ]);
    expect(JSON.stringify(view)).not.toMatch(/W001|A001|actorId/);
    expect(view).toMatchObject({
      status: 'approved',
      outcome: 'approved',
      noticeAvailable: true,
      closed: false,
      dueDate: '2026-12-02',
      department: { zh: '市规划和自然资源局' },
    });
    // A staff remark on an approval is between staff; only reasons the citizen must know are shown.
    expect(view.timeline[0]!.note).toBeNull();
  });

  it('shows the reason of a correction and credits a correction after routing to the department', () => {
    const steps = routedThen(
      fromRouted('request-correction', 'needs-correction', { actorId: 'A002', note: '请补充婚姻状况证明' }),
    );
    const view = toProgressCase(caseView({ timeline: steps }), departmentName);
    expect(view.timeline[0]).toMatchObject({
      action: 'request-correction',
      actor: 'department',
      department: { zh: '市规划和自然资源局' },
      note: '请补充婚姻状况证明',
    });
    expect(view).toMatchObject({ status: 'needs-correction', outcome: null, noticeAvailable: false });
  });

  it('credits a decision to the department the case was routed to at the time', () => {
    const steps = routedThen(
      fromRouted('route', 'routed', { departmentId: '330100-MZ', note: '转民政' }),
      fromRouted('reject', 'rejected', { note: '不符合条件' }),
    );
    const view = toProgressCase(caseView({ timeline: steps, departmentId: '330100-MZ' }), departmentName);
    expect(view.timeline[0]).toMatchObject({
      action: 'reject',
      department: { zh: '市民政局' },
      note: '不符合条件',
    });
    expect(view.timeline[1]).toMatchObject({
      action: 'route',
      actor: 'window',
      department: { zh: '市民政局' },
    });
    expect(view.timeline[1]!.note).toBeNull();
    expect(view).toMatchObject({ outcome: 'rejected', noticeAvailable: true });
  });

  it('has no notice for a case ended without a decision, and marks it closed', () => {
    const steps = timeline([
      TO_APPROVED[0]!,
      {
        action: 'pre-review-return',
        fromStatus: 'submitted',
        toStatus: 'pre-review-returned',
        actorKind: 'staff',
        note: '申请表填写不完整',
      },
    ]);
    const view = toProgressCase(caseView({ timeline: steps }), departmentName);
    expect(view).toMatchObject({ noticeAvailable: false, closed: true, outcome: null });
    expect(view.timeline[0]!.note).toBe('申请表填写不完整');
  });

  it('leaves a department unnamed when the catalogue could not be had', () => {
    const view = toProgressCase(caseView({ timeline: timeline(TO_APPROVED) }), () => null);
    expect(view.department).toBeNull();
    expect(view.timeline[0]!.department).toBeNull();
  });

  it('orders cases newest first', () => {
    const older = { submittedAt: '2026-11-20T01:00:00.000Z', id: 'older' };
    const newer = { submittedAt: '2026-11-25T01:00:00.000Z', id: 'newer' };
    expect(newestFirst([older, newer]).map((e) => e.id)).toEqual(['newer', 'older']);
  });
});
