import type { CaseView } from '../../../central/cases/contract';
import { APPEAL_RIGHTS } from '../../../domain/appeal-rights';
import type { PrintBlock, PrintDocument } from '../../../drivers/printer/document';
import type { AppealRights, ResultNotice } from './contract';
import { hallDateTimeWritten } from '../../../domain/hall-time';
import { BILINGUAL_PAPER, type PaperWording } from '../devices/paper-wording';
import { outcomeOf, NOTICE_STATUSES } from './progress-view';

/**
 * Where a case can be followed on a phone: the hall's case page (hall.caseFollowUrl) with the case
 * number, the same link the application receipt prints. Nothing personal is in the QR code.
 */
export function caseFollowUrl(caseFollowBase: string, caseNumber: string): string {
  return `${caseFollowBase.replace(/\/+$/, '')}?${new URLSearchParams({ case: caseNumber }).toString()}`;
}

/**
 * The notice's content for a completed case, or null when the case has no result yet. The masked
 * name comes from the central's case (张**): the full name and the ID number never reach paper.
 */
export function resultNotice(
  view: CaseView,
  at: { hallName: string; caseFollowUrl: string; now: number },
): ResultNotice | null {
  const outcome = outcomeOf(view);
  if (!NOTICE_STATUSES.has(view.status) || outcome === null) return null;
  const collection =
    outcome === 'rejected'
      ? 'nothing-to-collect'
      : view.status === 'handed-out'
        ? 'handed-out'
        : view.status === 'ready-for-pickup'
          ? (view.pickup ?? view.delivery)
          : 'being-prepared';
  const rejection = [...view.timeline].reverse().find((e) => e.action === 'reject');
  return {
    caseNumber: view.caseNumber,
    itemName: view.itemName,
    maskedName: view.applicantMaskedName,
    outcome,
    status: view.status,
    collection,
    hallName: at.hallName,
    reason: outcome === 'rejected' ? (rejection?.note ?? null) : null,
    rights:
      outcome === 'rejected'
        ? {
            reconsiderationDays: APPEAL_RIGHTS.reconsiderationDays,
            litigationMonths: APPEAL_RIGHTS.litigationMonths,
            // The catalogue names no reconsideration body yet: the notice states the right without one.
            reconsiderationBody: null,
          }
        : null,
    followUrl: caseFollowUrl(at.caseFollowUrl, view.caseNumber),
    issuedAt: new Date(at.now).toISOString(),
  };
}

const OUTCOME_TEXT: Record<ResultNotice['outcome'], [zh: string, en: string]> = {
  approved: ['准予办理', 'Approved'],
  rejected: ['不予办理', 'Not approved'],
};

const COLLECTION_TEXT: Record<ResultNotice['collection'], (hallName: string) => string[]> = {
  'being-prepared': () => [
    '结果正在准备，准备好后会通知您领取',
    'The result is being prepared; you will be told when to collect it',
  ],
  window: (hall) => [
    `请凭本通知单和身份证到${hall}出件窗口领取`,
    'Collect it at the results window with this notice and your ID card',
  ],
  post: () => ['结果将邮寄到您登记的地址', 'The result will be posted to the address you gave'],
  'self-service': () => [
    '请到自助取件柜刷身份证领取',
    'Collect it from the self-service locker with your ID card',
  ],
  'handed-out': () => ['结果已领取或已寄出', 'The result has been collected or sent'],
  'nothing-to-collect': () => [
    '本通知单即为不予办理的书面告知，请妥善保管',
    'This notice is the written decision; please keep it',
  ],
};

/** The remedies as printed: one sentence each, Chinese then English. */
export function appealRightsLines(r: AppealRights): { zh: string[]; en: string[] } {
  const law = APPEAL_RIGHTS;
  const to = r.reconsiderationBody ? `向${r.reconsiderationBody}` : '';
  const toEn = r.reconsiderationBody ? ` to ${r.reconsiderationBody}` : '';
  return {
    zh: [
      '如对本决定不服，您可以：',
      `· 自知道本决定之日起${r.reconsiderationDays}日内，依照${law.reconsiderationLaw.zh}${to}申请行政复议；`,
      `· 或者自知道本决定之日起${r.litigationMonths}个月内，依照${law.litigationLaw.zh}向人民法院提起行政诉讼。`,
    ],
    en: [
      'If you disagree with this decision, you may:',
      `- apply${toEn} for administrative reconsideration within ${r.reconsiderationDays} days of learning of it (${law.reconsiderationLaw.en});`,
      `- or bring an administrative lawsuit in a people's court within ${r.litigationMonths} months of learning of it (${law.litigationLaw.en}).`,
    ],
  };
}

function rightsBlocks(
  lines: { zh: string[]; en: string[] },
  english: (line: string) => PrintBlock[],
): PrintBlock[] {
  return [
    { kind: 'rule' },
    ...lines.zh.map((text, i) => ({ kind: 'text' as const, text, bold: i === 0 })),
    ...lines.en.flatMap(english),
  ];
}

/**
 * 结果通知单 as paper: Chinese first, English second (on a kiosk that offers English), a QR code to
 * follow the case.
 */
export function resultNoticeDocument(
  n: ResultNotice,
  wording: PaperWording = BILINGUAL_PAPER,
): PrintDocument {
  const w = wording;
  const [collectZh, collectEn] = COLLECTION_TEXT[n.collection](n.hallName);
  const english = (line: string) => w.englishLines(line).map((text) => ({ kind: 'text' as const, text }));
  return {
    blocks: [
      { kind: 'text', text: n.hallName, align: 'center', bold: true },
      { kind: 'text', text: '结果通知单', align: 'center', bold: true, size: { width: 2, height: 2 } },
      ...w
        .englishLines('Result notice')
        .map((text) => ({ kind: 'text' as const, text, align: 'center' as const })),
      { kind: 'rule' },
      { kind: 'text', text: w.field('申请人', 'Applicant', n.maskedName) },
      { kind: 'text', text: w.field('办件编号', 'Case No.', n.caseNumber) },
      { kind: 'text', text: w.field('事项', 'Item', n.itemName.zh) },
      ...english(n.itemName.en),
      { kind: 'rule' },
      { kind: 'text', text: w.field('办理结果', 'Result', w.line(...OUTCOME_TEXT[n.outcome])), bold: true },
      ...(n.reason ? [{ kind: 'text' as const, text: w.field('理由', 'Reason', n.reason) }] : []),
      { kind: 'text', text: w.field('领取方式', 'Collection', collectZh!) },
      ...english(collectEn!),
      ...(n.rights ? rightsBlocks(appealRightsLines(n.rights), english) : []),
      { kind: 'rule' },
      { kind: 'text', text: w.line('扫码查看办件进度', 'Scan to follow the case'), align: 'center' },
      { kind: 'qr', data: n.followUrl, moduleSize: 6, errorCorrection: 'M' },
      {
        kind: 'text',
        text: w.field('打印时间', 'Printed', hallDateTimeWritten(n.issuedAt)),
        align: 'center',
      },
      { kind: 'feed', lines: 3 },
      { kind: 'cut', partial: true },
    ],
  };
}
