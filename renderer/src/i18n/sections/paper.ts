import type { Strings } from '../strings';

/**
 * What the receipts and notices say on screen as on paper: the fee of an application and of a
 * case, the rights against a decision not in the citizen's favour, and the one window of a
 * 一件事 bundle. zh-CN.ts and en.ts mount it under `paper`.
 */
export const paperZh = {
  fee: {
    free: '费用：免费',
    due: '费用：¥{{amount}}（受理后缴费）',
    unpaid: '费用：¥{{amount}}（待缴费，可在本机“缴费”中缴纳）',
    paid: '费用：¥{{amount}}（已缴费）',
    notDue: '费用：¥{{amount}}（本办件已终止，无需缴费）',
  },
  rights: {
    title: '如对本决定不服，您可以：',
    reconsideration: '自知道本决定之日起{{days}}日内，依照{{law}}申请行政复议；',
    reconsiderationTo: '自知道本决定之日起{{days}}日内，依照{{law}}向{{body}}申请行政复议；',
    litigation: '或者自知道本决定之日起{{months}}个月内，依照{{law}}向人民法院提起行政诉讼。',
  },
  bundleWindow: '一窗办理：本“一件事”的材料都交到{{window}}窗口',
};

export const paperEn: Strings<typeof paperZh> = {
  fee: {
    free: 'Fee: free',
    due: 'Fee: ¥{{amount}} (paid after acceptance)',
    unpaid: 'Fee: ¥{{amount}} (not paid yet; pay under "Payments" on this kiosk)',
    paid: 'Fee: ¥{{amount}} (paid)',
    notDue: 'Fee: ¥{{amount}} (this case has ended; nothing to pay)',
  },
  rights: {
    title: 'If you disagree with this decision, you may:',
    reconsideration:
      'apply for administrative reconsideration within {{days}} days of learning of it ({{law}});',
    reconsiderationTo:
      'apply to {{body}} for administrative reconsideration within {{days}} days of learning of it ({{law}});',
    litigation:
      "or bring an administrative lawsuit in a people's court within {{months}} months of learning of it ({{law}}).",
  },
  bundleWindow: 'One window: hand in every paper of this life event at the {{window}} window',
};
