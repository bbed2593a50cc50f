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
    expect(text).toContain('结果通知单');
    expect(text).toContain('申请人 Applicant: 张**');
    expect(text).toContain('办件编号 Case No.: BJ20261125000001');
    expect(text).toContain('事项 Item: 二手房转移登记');
    expect(text).toContain('办理结果 Result: 准予办理 Approved');
    expect(text).toContain('请凭本通知单和身份证到市民服务中心出件窗口领取');
    expect(lines).toContain('[QR] https://zwfw.example.gov.cn/case?case=BJ20261125000001');
    expect(text).toContain('打印时间 Printed: 2026-11-26 10:30');
    expect(lines.at(-1)).toBe('[CUT]');
  });

  it('fits 58 mm paper too (long lines wrap, nothing is lost)', () => {
    const notice = resultNotice(caseView({ timeline: READY, pickup: 'self-service' }), AT)!;
    const text = paperOf(resultNoticeDocument(notice), 58).join('');
    expect(text).toContain('BJ20261125000001');
    expect(text).toContain('自助取件柜');
  });

  it('gives the reason of a rejection and says the result is being prepared before it is ready', () => {
    const steps = routedThen(fromRouted('reject', 'rejected', { note: '不符合登记条件' }));
    const notice = resultNotice(caseView({ timeline: steps }), AT)!;
    expect(notice).toMatchObject({
      outcome: 'rejected',
      collection: 'being-prepared',
      reason: '不符合登记条件',
    });
    const text = paperOf(resultNoticeDocument(notice)).join('\n');
    expect(text).toContain('不予办理 Not approved');
    expect(text).toContain('理由 Reason: 不符合登记条件');
    expect(text).toContain('结果正在准备');
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
