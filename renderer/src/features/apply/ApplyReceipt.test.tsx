// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApplicationReceipt, ApplyDraft } from '../../../../electron/backend/apply/contract';
import '../../i18n';
import { ApplyReceipt } from './ApplyReceipt';
import { useApplyStore } from './applyStore';

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
      itemCode: 'QR02005001',
      itemName: { zh: '退休申请', en: 'Retirement' },
      state: 'submitted',
      caseNumber: 'BJ20261207000001',
      rejectCode: null,
    },
  ],
  followUrl: 'https://zwfw.example.gov.cn/case?case=BJ20261207000001',
  paper: [{ code: 'RETIREAGE', name: { zh: '退休年龄证明', en: 'Proof of age' }, where: WHERE }],
  offline: false,
  printed: true,
};

function showReceipt(feeFen: number): void {
  act(() => useApplyStore.setState({ receipt: RECEIPT, draft: { feeFen } as ApplyDraft }));
  render(<ApplyReceipt />);
}

afterEach(cleanup);

describe('the application receipt on screen', () => {
  it('shows the fee the review showed', () => {
    showReceipt(8000);
    expect(screen.getByTestId('apply-receipt-fee').textContent).toBe('费用：¥80.00（受理后缴费）');
  });

  it('says a free application is free, and names the one window of a bundle', () => {
    showReceipt(0);
    expect(screen.getByTestId('apply-receipt-fee').textContent).toBe('费用：免费');
    expect(screen.getByTestId('apply-receipt-window').textContent).toBe(
      '一窗办理：本“一件事”的材料都交到市人力社保局（C）窗口',
    );
  });
});
