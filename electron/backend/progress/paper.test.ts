import { describe, expect, it } from 'vitest';
import { encodeEscPos } from '../../../drivers/printer/escpos-encoder';
import { EscPosPaperDecoder } from '../../../drivers/printer/escpos-paper-decoder';
import { resultNoticeSchema } from './contract';
import { caseFollowUrl, resultNotice, resultNoticeDocument } from './paper';
import { caseView, fromRouted, routedThen, timeline, TO_APPROVED } from './test-cases';

const AT = {
  hallName: '市民服务中心',
  caseFollowUrl: 'https://zwfw.example.gov.cn/case',
  now: Date.UTC(2026, 10, 26, 2, 30),
};

function paperOf(doc: ReturnType<typeof resultNoticeDocument>, paperWidthMm: 58 | 80 = 80): string[] {
  const paper = new EscPosPaperDecoder();
  paper.push(encodeEscPos(doc, { paperWidthMm }));
  return paper.lines();
}

const READY = timeline([
  ...TO_APPROVED,
  { action: 'mark-ready', fromStatus: 'approved', toStatus: 'ready-for-pickup', actorKind: 'staff' },
]);

describe('the result notice (结果通知单)', () => {
  it('prints the masked name, case number, item, result, how to collect and a QR code to follow the case', () => {
    const notice = resultNotice(caseView({ timeline: READY, pickup: 'window' }), AT)!;
    expect(resultNoticeSchema.parse(notice)).toEqual(notice);
    const lines = paperOf(resultNoticeDocument(notice));
    const text = lines.join('\n');
    // Lines are filled to the width, so a sentence may go on on the next line.
    const flowing = lines.join('');
    expect(text).toContain('结果通知单');
    expect(text).toContain('申请人 Applicant: 张**');
    expect(text).toContain('办件编号 Case No.: BJ20261125000001');
    expect(text).toContain('事项 Item: 二手房转移登记');
    expect(text).toContain('办理结果 Result: 准予办理 Approved');
    expect(flowing).toContain('请凭本通知单和身份证到市民服务中心出件窗口领取');
    expect(lines).toContain('[QR] https://zwfw.example.gov.cn/case?case=BJ20261125000001');
    expect(text).toContain('打印时间 Printed: 2026年11月26日 10:30');
    expect(lines.at(-1)).toBe('[CUT]');
  });

  it('fits 58 mm paper too (long lines wrap, nothing is lost)', () => {
    const notice = resultNotice(caseView({ timeline: READY, pickup: 'self-service' }), AT)!;
    const text = paperOf(resultNoticeDocument(notice), 58).join('');
    expect(text).toContain('BJ20261125000001');
    expect(text).toContain('自助取件柜');
  });

  it('gives the reason of a rejection and the rights of reconsideration and litigation with their time limits', () => {
    const steps = routedThen(fromRouted('reject', 'rejected', { note: '不符合登记条件' }));
    const notice = resultNotice(caseView({ timeline: steps }), AT)!;
    expect(notice).toMatchObject({
      outcome: 'rejected',
      collection: 'nothing-to-collect',
      reason: '不符合登记条件',
      rights: { reconsiderationDays: 60, litigationMonths: 6, reconsiderationBody: null },
    });
    const lines = paperOf(resultNoticeDocument(notice));
    const text = lines.join('');
    expect(text).toContain('不予办理 Not approved');
    expect(text).toContain('理由 Reason: 不符合登记条件');
    expect(text).not.toContain('结果正在准备');
    expect(text).toContain('自知道本决定之日起60日内，依照《中华人民共和国行政复议法》申请行政复议');
    expect(text).toContain('6个月内，依照《中华人民共和国行政诉讼法》向人民法院提起行政诉讼');
    expect(text).toContain('within 60 days');
    // Chinese line breaking: no line of the notice starts with a closing mark (a bullet "· " may).
    for (const line of lines) expect(line).not.toMatch(/^[）」』】〉》，。、；：！？…]|^·(?! )/u);
  });

  it('names the reconsideration body when it is known', () => {
    const steps = routedThen(fromRouted('reject', 'rejected', { note: '不符合登记条件' }));
    const notice = resultNotice(caseView({ timeline: steps }), AT)!;
    const named = { ...notice, rights: { ...notice.rights!, reconsiderationBody: '杭州市人民政府' } };
    expect(paperOf(resultNoticeDocument(named)).join('')).toContain('向杭州市人民政府申请行政复议');
  });

  it('says a handed-out result was collected, and posts to the given address by post', () => {
    const handedOut = timeline([
      ...READY,
      { action: 'hand-out', fromStatus: 'ready-for-pickup', toStatus: 'handed-out', actorKind: 'staff' },
    ]);
    expect(resultNotice(caseView({ timeline: handedOut, pickup: 'window' }), AT)!.collection).toBe(
      'handed-out',
    );
    expect(resultNotice(caseView({ timeline: READY, pickup: 'post' }), AT)!.collection).toBe('post');
  });

  it('is refused for a case without a result (nothing to print)', () => {
    expect(resultNotice(caseView({ timeline: routedThen() }), AT)).toBeNull();
    const withdrawn = timeline([
      TO_APPROVED[0]!,
      { action: 'withdraw', fromStatus: 'submitted', toStatus: 'withdrawn', actorKind: 'citizen' },
    ]);
    expect(resultNotice(caseView({ timeline: withdrawn }), AT)).toBeNull();
  });

  it('puts only the case number in the follow link', () => {
    expect(caseFollowUrl('https://zwfw.example.gov.cn/case/', 'BJ20261125000001')).toBe(
      'https://zwfw.example.gov.cn/case?case=BJ20261125000001',
    );
  });
});
