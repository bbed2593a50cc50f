import { describe, expect, it } from 'vitest';
import { encodeEscPos } from '../../../drivers/printer/escpos-encoder';
import { EscPosPaperDecoder } from '../../../drivers/printer/escpos-paper-decoder';
import { paperWording } from '../devices/paper-wording';
import type { ApplicationReceipt } from './contract';
import { receiptDocument } from './paper';

const CHINESE = paperWording(['zh-CN']);

function paperOf(doc: ReturnType<typeof receiptDocument>): string[] {
  const paper = new EscPosPaperDecoder();
  paper.push(encodeEscPos(doc, { paperWidthMm: 80 }));
  return paper.lines();
}

const WHERE = {
  hallName: '市民服务中心',
  queueCategory: 'C',
  categoryName: null,
  departmentName: '市人力社保局',
};

const RECEIPT: ApplicationReceipt = {
  localRef: 'K-0001-0001',
  title: { zh: '退休“一件事”', en: 'Retirement' },
  bundleCode: 'BD-RETIRE',
  maskedName: '张*',
  delivery: 'window',
  submittedAt: '2026-12-07T02:37:09.974Z',
  cases: [
    {
      itemCode: 'A',
      itemName: { zh: '退休申请', en: 'Retirement' },
      state: 'submitted',
      caseNumber: 'BJ20261207000001',
      rejectCode: null,
    },
    {
      itemCode: 'B',
      itemName: { zh: '公积金提取', en: 'Fund' },
      state: 'submitted',
      caseNumber: 'BJ20261207000002',
      rejectCode: null,
    },
  ],
  followUrl: 'https://zwfw.example.gov.cn/case?case=BJ20261207000001',
  paper: [
    { code: 'RETIREAGE', name: { zh: '退休年龄证明', en: 'Proof' }, where: WHERE },
    { code: 'BANK', name: { zh: '银行卡', en: 'Bank card' }, where: WHERE },
  ],
  offline: false,
  printed: null,
};

describe('the application receipt', () => {
  it('prints the fee the review showed, or that it is free, and the time in hall time', () => {
    const paid = paperOf(receiptDocument('市民服务中心', RECEIPT, CHINESE, { feeFen: 8000 }));
    expect(paid).toContain('费用：¥80.00（受理后缴费）');
    expect(paid).toContain('提交时间：2026年12月7日 10:37');
    expect(paperOf(receiptDocument('市民服务中心', RECEIPT, CHINESE, { feeFen: 0 }))).toContain('费用：免费');
  });

  it('sends a bundle to one window, named once', () => {
    const lines = paperOf(receiptDocument('市民服务中心', RECEIPT, CHINESE, { feeFen: 0 }));
    expect(lines.join('')).toContain('一窗办理：市民服务中心市人力社保局窗口（取C类号）');
  });
});
