import { createHash } from 'node:crypto';
import { hallDate } from '../../domain/hall-time';
import { maskIdNumber, maskName } from '../../domain/masking';
import { yuan } from '../../domain/money';
import type { ProofHolder } from './contract';

/**
 * What a certificate states. The reference central has no provident-fund, tax or police system
 * behind it, so the figures are simulated — derived from the holder and the item only, so the
 * same holder always gets the same figures (and tests can check them) — and the paper says so.
 */
export interface ProofContent {
  title: string;
  titleEn: string;
  /** The statement, in Chinese: 兹证明 …, with the holder masked as everywhere on paper. */
  statement: string;
  /** Labelled figures, Chinese label first, English second. */
  rows: { label: string; labelEn: string; value: string }[];
  /** What the certificate is for and how long it holds. */
  notes: string[];
}

export const SIMULATED_NOTE =
  '本证明所载数据由参考中心模拟生成，仅供演示。Figures simulated by the reference central.';

/** The items this central can write a certificate for, each with its writer. */
const writers: Record<string, (h: HolderFacts, issuedAt: number) => ProofContent> = {
  GG03008001: providentFund,
  GG05005001: taxPaid,
  GG06008001: noCriminalRecord,
};

export const PRINTABLE_ITEM_CODES: readonly string[] = Object.keys(writers);

interface HolderFacts {
  maskedName: string;
  maskedId: string;
  /** Deterministic bytes of this holder and item: the simulated figures come from them. */
  seed: Buffer;
}

/** The certificate of `itemCode` for `holder`, or undefined when this central cannot write one. */
export function proofContent(
  itemCode: string,
  holder: ProofHolder,
  issuedAt: number,
): ProofContent | undefined {
  const write = writers[itemCode];
  if (!write) return undefined;
  const facts: HolderFacts = {
    maskedName: maskName(holder.name),
    maskedId: maskIdNumber(holder.idNumber),
    seed: createHash('sha256').update(`proof-content:${itemCode}:${holder.idNumber}`).digest(),
  };
  return write(facts, issuedAt);
}

/** 2026年12月7日 from a YYYY-MM-DD hall date. */
export function writtenDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function yuanWritten(fen: number): string {
  return `${Number(yuan(fen)).toLocaleString('zh-CN', { minimumFractionDigits: 2 })} 元`;
}

function providentFund(h: HolderFacts, issuedAt: number): ProofContent {
  const today = hallDate(issuedAt);
  const [year, month] = today.split('-').map(Number) as [number, number];
  const openYear = 2010 + (h.seed[0]! % 12);
  const openMonth = 1 + (h.seed[1]! % 12);
  // Contributions run from the opening month to the month before this one.
  const months = Math.max(1, (year - openYear) * 12 + (month - openMonth));
  const baseFen = (4_000 + (h.seed.readUInt16BE(2) % 200) * 100) * 100;
  // 12 % by the holder and 12 % by the employer: Hangzhou's usual rate.
  const monthlyFen = Math.round((baseFen * 24) / 100);
  // Part of the deposits has been drawn (rent, a home): what is left is 30–89 % of them.
  const balanceFen = Math.round((monthlyFen * months * (30 + (h.seed[4]! % 60))) / 100);
  const employer = EMPLOYERS[h.seed[5]! % EMPLOYERS.length]!;
  return {
    title: '住房公积金缴存证明',
    titleEn: 'Housing Provident Fund Contribution Certificate',
    statement:
      `兹证明 ${h.maskedName}（公民身份号码 ${h.maskedId}）在本中心开立住房公积金个人账户，` +
      `截至 ${writtenDate(today)}，账户状态正常，缴存情况如下。`,
    rows: [
      { label: '缴存单位', labelEn: 'Employer', value: employer },
      { label: '开户日期', labelEn: 'Account opened', value: `${openYear}年${openMonth}月` },
      { label: '账户状态', labelEn: 'Status', value: '正常缴存 Contributing' },
      { label: '缴存基数', labelEn: 'Contribution base', value: `${yuanWritten(baseFen)} / 月` },
      { label: '缴存比例', labelEn: 'Rate', value: '个人 12% + 单位 12%' },
      { label: '月缴存额', labelEn: 'Monthly deposit', value: yuanWritten(monthlyFen) },
      { label: '连续缴存月数', labelEn: 'Months contributed', value: `${months} 个月` },
      { label: '账户余额', labelEn: 'Balance', value: yuanWritten(balanceFen) },
    ],
    notes: ['本证明自出具之日起三十日内有效。', '本证明仅证明缴存情况，不作为其他用途的担保。'],
  };
}

function taxPaid(h: HolderFacts, issuedAt: number): ProofContent {
  const lastYear = Number(hallDate(issuedAt).slice(0, 4)) - 1;
  const withholder = EMPLOYERS[h.seed[0]! % EMPLOYERS.length]!;
  const salaryTaxFen = (2_000 + (h.seed.readUInt16BE(1) % 3_000)) * 100 + (h.seed[3]! % 100);
  const serviceTaxFen = (h.seed[4]! % 4 === 0 ? 0 : 200 + (h.seed[5]! % 800)) * 100;
  const rows = [
    { label: '税种', labelEn: 'Tax', value: '个人所得税 Individual income tax' },
    { label: '税款所属期', labelEn: 'Period', value: `${lastYear}-01-01 至 ${lastYear}-12-31` },
    { label: '扣缴义务人', labelEn: 'Withholding agent', value: withholder },
    { label: '工资薪金所得 实缴', labelEn: 'Paid on wages', value: yuanWritten(salaryTaxFen) },
    { label: '劳务报酬所得 实缴', labelEn: 'Paid on services', value: yuanWritten(serviceTaxFen) },
    { label: '合计', labelEn: 'Total', value: yuanWritten(salaryTaxFen + serviceTaxFen) },
  ];
  return {
    title: '中华人民共和国税收完税证明',
    titleEn: 'Tax Payment Certificate of the People’s Republic of China',
    statement:
      `兹证明 ${h.maskedName}（公民身份号码 ${h.maskedId}）${lastYear} 年度已缴纳税款如下，` +
      '税款已全部入库。',
    rows,
    notes: ['本证明不作为纳税人记账、抵扣凭证。'],
  };
}

function noCriminalRecord(h: HolderFacts, issuedAt: number): ProofContent {
  const today = writtenDate(hallDate(issuedAt));
  return {
    title: '无犯罪记录证明',
    titleEn: 'Certificate of No Criminal Record',
    statement:
      `兹证明 ${h.maskedName}（公民身份号码 ${h.maskedId}），经查询全国违法犯罪人员信息数据库，` +
      `截至 ${today}，未发现其有犯罪记录。`,
    rows: [
      { label: '查询范围', labelEn: 'Searched', value: '全国违法犯罪人员信息数据库' },
      { label: '查询结果', labelEn: 'Result', value: '未发现犯罪记录 None found' },
    ],
    notes: ['本证明仅反映出具之日前的情况，自出具之日起三个月内有效。', '本证明不得涂改，复印件无效。'],
  };
}

/** Simulated employers and withholding agents: invented names, no real company. */
const EMPLOYERS = [
  '杭州云栖信息技术有限公司',
  '杭州钱塘智能制造有限公司',
  '浙江西溪文化传媒有限公司',
  '杭州运河物流有限公司',
  '杭州湖滨健康管理有限公司',
  '浙江之江建设工程有限公司',
] as const;
