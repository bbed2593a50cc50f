/**
 * The citizen's remedies against an administrative decision not in their favour (不予许可、不予办理),
 * which the written decision must state with their time limits and the body to apply to.
 */
export const APPEAL_RIGHTS = {
  /** 行政复议: within 60 days of knowing the decision (《中华人民共和国行政复议法》 art. 20). */
  reconsiderationDays: 60,
  reconsiderationLaw: {
    zh: '《中华人民共和国行政复议法》',
    en: 'Administrative Reconsideration Law of the PRC',
  },
  /** 行政诉讼: within 6 months of knowing the decision (《中华人民共和国行政诉讼法》 art. 46). */
  litigationMonths: 6,
  litigationLaw: { zh: '《中华人民共和国行政诉讼法》', en: 'Administrative Litigation Law of the PRC' },
} as const;
