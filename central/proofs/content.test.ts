import { describe, expect, it } from 'vitest';
import { idNumber } from '../cases/test-support';
import { PRINTABLE_ITEM_CODES, proofContent } from './content';

const ISSUED = Date.UTC(2026, 11, 7, 2, 30); // 2026-12-07 10:30 in the hall
const holder = { name: '张三丰', idNumber: idNumber(7) };
const value = (itemCode: string, label: string, h = holder) =>
  proofContent(itemCode, h, ISSUED)?.rows.find((r) => r.label === label)?.value;

describe('the text of a certificate', () => {
  it('states the provident-fund figures of the holder, the same every time', () => {
    expect(value('GG03008001', '缴存单位')).toBe('杭州运河物流有限公司');
    expect(value('GG03008001', '开户日期')).toBe('2021年8月');
    expect(value('GG03008001', '缴存基数')).toBe('20,400.00 元 / 月');
    // 24 % of the base, every month from August 2021 to November 2026.
    expect(value('GG03008001', '月缴存额')).toBe('4,896.00 元');
    expect(value('GG03008001', '连续缴存月数')).toBe('64 个月');
    expect(value('GG03008001', '账户余额')).toBe('206,807.04 元');
    expect(proofContent('GG03008001', holder, ISSUED)).toEqual(proofContent('GG03008001', holder, ISSUED));
  });

  it('gives another holder other figures', () => {
    const other = { name: '李四', idNumber: idNumber(8) };
    const figures = (h: typeof holder) => proofContent('GG03008001', h, ISSUED)!.rows.map((r) => r.value);
    expect(figures(other)).not.toEqual(figures(holder));
  });

  it('states last year’s income tax, its parts adding up to the total', () => {
    expect(value('GG05005001', '税款所属期')).toBe('2025-01-01 至 2025-12-31');
    expect(value('GG05005001', '工资薪金所得 实缴')).toBe('3,443.52 元');
    expect(value('GG05005001', '劳务报酬所得 实缴')).toBe('280.00 元');
    expect(value('GG05005001', '合计')).toBe('3,723.52 元');
  });

  it('names the holder masked only: the name’s first character and the ID number’s ends', () => {
    for (const code of PRINTABLE_ITEM_CODES) {
      const content = proofContent(code, holder, ISSUED)!;
      const all = JSON.stringify(content);
      expect(content.statement).toContain('张**');
      expect(content.statement).toContain('330106********0072');
      expect(all).not.toContain('三丰');
      expect(all).not.toContain(holder.idNumber);
    }
  });

  it('dates the no-criminal-record statement on the day of issue in the hall', () => {
    expect(proofContent('GG06008001', holder, ISSUED)!.statement).toContain('截至 2026年12月7日');
  });

  it('has no text for an item it does not print', () => {
    expect(proofContent('GG00101001', holder, ISSUED)).toBeUndefined();
  });
});
