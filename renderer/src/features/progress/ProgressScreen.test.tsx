// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  NoticeResponse,
  ProgressCase,
  ProgressList,
} from '../../../../electron/backend/progress/contract';
import { resetKioskStore, setLanguage, useKioskStore } from '../../state/kioskStore';
import type { FakeBackend } from '../../testing/fakeBackend';
import { FakeEventSource, makeState } from '../../testing/fakeBackend';
import { installFakeBackend, ok, removeFakeBackend, renderApp } from '../../testing/kioskHarness';
import { useProgressStore } from './progressStore';

const GT = { zh: '市规划和自然资源局', en: 'Planning and Natural Resources Bureau' };

const ROUTED: ProgressCase = {
  kind: 'case',
  caseId: 'case-1',
  caseNumber: 'BJ20261125000001',
  itemCode: 'QR01001001',
  itemName: { zh: '二手房转移登记', en: 'Transfer registration of a resold home' },
  status: 'routed',
  outcome: null,
  noticeAvailable: false,
  closed: false,
  department: GT,
  dueDate: '2026-12-02',
  delivery: 'window',
  pickup: null,
  fee: { amountFen: 8000, paid: false },
  submittedAt: '2026-11-25T01:00:00.000Z',
  updatedAt: '2026-11-25T01:03:00.000Z',
  timeline: [
    {
      action: 'auto-route',
      status: 'routed',
      at: '2026-11-25T01:03:00.000Z',
      actor: 'system',
      department: GT,
      note: null,
    },
    {
      action: 'take-in',
      status: 'accepted',
      at: '2026-11-25T01:03:00.000Z',
      actor: 'window',
      department: null,
      note: null,
    },
    {
      action: 'submit',
      status: 'submitted',
      at: '2026-11-25T01:00:00.000Z',
      actor: 'citizen',
      department: null,
      note: null,
    },
  ],
};

const APPROVED: ProgressCase = {
  ...ROUTED,
  status: 'approved',
  outcome: 'approved',
  noticeAvailable: true,
  updatedAt: '2026-11-25T02:00:00.000Z',
  timeline: [
    {
      action: 'approve',
      status: 'approved',
      at: '2026-11-25T02:00:00.000Z',
      actor: 'department',
      department: GT,
      note: null,
    },
    ...ROUTED.timeline,
  ],
};

const list = (entries: ProgressList['entries'], fresh = true): ProgressList => ({
  entries,
  fetchedAt: '2026-11-25T02:05:00.000Z',
  fresh,
});
const FRESH = 'GET /api/progress/cases?refresh=true';
const HELD = 'GET /api/progress/cases?refresh=false';

let backend: FakeBackend;

beforeEach(() => {
  backend = installFakeBackend();
  backend.overrides.set(FRESH, ok({ list: list([ROUTED]) }));
});

afterEach(removeFakeBackend);

async function openProgressFromHome(): Promise<void> {
  renderApp();
  act(() => FakeEventSource.latest().open());
  fireEvent.click(await screen.findByTestId('tile-progress'));
  await screen.findByTestId(`progress-row-${ROUTED.caseNumber}`);
}

describe('progress screen', () => {
  it('lists the cases with status in words and due date, then a case with its timeline newest first', async () => {
    await openProgressFromHome();
    const row = screen.getByTestId(`progress-row-${ROUTED.caseNumber}`);
    expect(row.textContent).toContain('二手房转移登记');
    expect(row.textContent).toContain('承办部门审批中');
    expect(row.textContent).toContain('承诺办结日期：2026-12-02');
    fireEvent.click(row);
    const steps = (await screen.findByTestId('case-timeline')).querySelectorAll(
      '[data-testid="timeline-step"]',
    );
    expect([...steps].map((s) => s.getAttribute('data-action'))).toEqual(['auto-route', 'take-in', 'submit']);
    expect(steps[0]!.textContent).toContain('承办部门：市规划和自然资源局');
    expect(steps[1]!.textContent).toContain('综合受理窗口');
    expect(steps[2]!.textContent).toContain('2026-11-25 09:00');
    // No result yet: no notice to print.
    expect(screen.queryByTestId('print-notice')).toBeNull();
  });

  it('shows the fee as the review did, and whether it is paid', async () => {
    await openProgressFromHome();
    fireEvent.click(screen.getByTestId(`progress-row-${ROUTED.caseNumber}`));
    expect((await screen.findByTestId('case-fee')).textContent).toBe(
      '费用：¥80.00（待缴费，可在本机“缴费”中缴纳）',
    );
  });

  it('gives a rejected case the reason and the rights of reconsideration and litigation with their time limits', async () => {
    const rejected: ProgressCase = {
      ...ROUTED,
      status: 'rejected',
      outcome: 'rejected',
      noticeAvailable: true,
      closed: true,
      fee: { amountFen: 0, paid: false },
      timeline: [
        {
          action: 'reject',
          status: 'rejected',
          at: '2026-11-25T02:00:00.000Z',
          actor: 'department',
          department: GT,
          note: '不符合登记条件',
        },
        ...ROUTED.timeline,
      ],
    };
    backend.overrides.set(FRESH, ok({ list: list([rejected]) }));
    await openProgressFromHome();
    fireEvent.click(screen.getByTestId(`progress-row-${ROUTED.caseNumber}`));
    const rights = await screen.findByTestId('appeal-rights');
    expect(rights.textContent).toContain(
      '自知道本决定之日起60日内，依照《中华人民共和国行政复议法》申请行政复议',
    );
    expect(rights.textContent).toContain('6个月内，依照《中华人民共和国行政诉讼法》向人民法院提起行政诉讼');
    expect(screen.getByTestId('case-timeline').textContent).toContain('不符合登记条件');
    expect(screen.getByTestId('case-fee').textContent).toBe('费用：免费');
  });

  it('updates the open case live and says so politely when its status changes', async () => {
    await openProgressFromHome();
    fireEvent.click(screen.getByTestId(`progress-row-${ROUTED.caseNumber}`));
    expect(screen.getByTestId('case-status').dataset.status).toBe('routed');
    backend.overrides.set(HELD, ok({ list: list([APPROVED]) }));
    act(() =>
      FakeEventSource.latest().emit({
        type: 'progress-changed',
        caseNumber: ROUTED.caseNumber,
        status: 'approved',
      }),
    );
    const live = screen.getByTestId('progress-live');
    await vi.waitFor(() => expect(live.dataset.status).toBe('approved'));
    expect(live.getAttribute('aria-live')).toBe('polite');
    expect(live.textContent).toBe(`办件 ${ROUTED.caseNumber} 有新进展：审批通过`);
    expect(screen.getByTestId('case-status').dataset.status).toBe('approved');
    // The held copy, not the central: no second fresh lookup.
    expect(backend.callsTo('GET', '/api/progress/cases?refresh=true')).toHaveLength(1);
    expect(screen.getByTestId('print-notice')).toBeTruthy();
  });

  it('on a printer problem says so plainly and shows the notice’s content instead', async () => {
    backend.overrides.set(FRESH, ok({ list: list([APPROVED]) }));
    const answer: Omit<NoticeResponse, 'ok'> = {
      notice: {
        caseNumber: APPROVED.caseNumber,
        itemName: APPROVED.itemName,
        maskedName: '张**',
        outcome: 'approved',
        status: 'approved',
        collection: 'being-prepared',
        hallName: '市民服务中心',
        reason: null,
        rights: null,
        followUrl: 'https://zwfw.example.gov.cn/case?case=BJ20261125000001',
        issuedAt: '2026-11-25T02:06:00.000Z',
      },
      printed: false,
      alreadyPrinted: false,
      printerProblem: 'printer-paper-out',
    };
    backend.overrides.set('POST /api/progress/cases/case-1/notice', ok(answer));
    await openProgressFromHome();
    fireEvent.click(screen.getByTestId(`progress-row-${ROUTED.caseNumber}`));
    fireEvent.click(screen.getByTestId('print-notice'));
    const alert = await screen.findByTestId('notice-not-printed');
    expect(alert.textContent).toContain('打印机缺纸，结果通知单没有打印出来');
    const content = screen.getByTestId('notice-content');
    expect(within(content).getByTestId('notice-case-number').textContent).toBe(APPROVED.caseNumber);
    expect(within(content).getByTestId('notice-name').textContent).toBe('张**');
    expect(content.textContent).toContain('结果正在准备');
  });

  it('offline with an earlier copy marks it as possibly out of date; without one says progress needs the network', async () => {
    backend.overrides.set(FRESH, ok({ list: list([ROUTED], false) }));
    await openProgressFromHome();
    expect(screen.getByTestId('progress-stale').textContent).toContain('2026-11-25 10:05');

    cleanup();
    resetKioskStore();
    backend.overrides.set(FRESH, {
      status: 503,
      body: { ok: false, error: { code: 'central-unreachable', reason: 'needs-network' } },
    });
    renderApp();
    fireEvent.click(await screen.findByTestId('tile-progress'));
    const message = await screen.findByTestId('progress-error-needs-network');
    expect(message.textContent).toBe('查询办件进度需要网络，现在连不上。请稍后再试，或到服务台查询。');
    expect(screen.getByTestId('progress-retry')).toBeTruthy();
    // Only this journey's own message: the footer does not repeat a general one.
    expect(screen.queryByTestId('journey-error')).toBeNull();
  });

  it('shows a submission still waiting in the outbox as such, not as a case to open', async () => {
    const waiting = {
      kind: 'pending' as const,
      localId: 'KIOSK-01-000007-MZ01002001',
      itemCode: 'MZ01002001',
      itemName: { zh: '婚姻登记', en: 'Marriage registration' },
      submittedAt: '2026-11-25T02:04:00.000Z',
    };
    backend.overrides.set(FRESH, ok({ list: list([waiting, ROUTED]) }));
    await openProgressFromHome();
    const entry = screen.getByTestId(`progress-pending-${waiting.localId}`);
    expect(entry.textContent).toContain('婚姻登记');
    expect(entry.textContent).toContain('已在本机提交，网络恢复后发送');
    expect(within(entry).queryByRole('button')).toBeNull();
  });

  it('speaks English too, and forgets the cases when the session ends', async () => {
    await openProgressFromHome();
    act(() => setLanguage('en'));
    expect(screen.getByTestId(`progress-row-${ROUTED.caseNumber}`).textContent).toContain(
      'Being decided by the department',
    );
    backend.state = makeState({ citizen: null });
    act(() => FakeEventSource.latest().emit({ type: 'state-changed' }));
    await vi.waitFor(() => expect(useKioskStore.getState().screen).toBe('home'));
    expect(useProgressStore.getState().list).toBeNull();
    expect(screen.queryByText(ROUTED.caseNumber, { exact: false })).toBeNull();
  });
});
