// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StaffCallView } from '../../../../electron/backend/staff-call/contract';
import { App } from '../../App';
import { wipeSession } from '../../state/kioskStore';
import { createFakeEventSource, FakeEventSource, type FakeBackend } from '../../testing/fakeBackend';
import { installFakeBackend, ok, removeFakeBackend } from '../../testing/kioskHarness';
import { ManualScheduler } from '../../time/scheduler';
import { useStaffCallUi } from './CallStaff';

let backend: FakeBackend;
let scheduler: ManualScheduler;
beforeEach(() => {
  backend = installFakeBackend(null);
  scheduler = new ManualScheduler();
  useStaffCallUi.setState({ calledAt: null, failed: false });
});
afterEach(removeFakeBackend);

const open: StaffCallView = {
  callId: 'call-1',
  status: 'open',
  delivered: true,
  escalated: false,
  takenBy: null,
};

/** The backend's call changes and it says so on the event stream. */
async function callBecomes(call: StaffCallView | null, sync?: { online: boolean }) {
  backend.state = {
    ...backend.state,
    staffCall: call,
    ...(sync
      ? { sync: { ...sync, lastSuccessAt: null, depth: 1, oldestPendingAgeSeconds: 0, deadLetters: 0 } }
      : {}),
  };
  act(() => FakeEventSource.latest().emit({ type: 'state-changed' }));
  await act(async () => {});
}

async function tapCall() {
  render(<App scheduler={scheduler} createEventSource={createFakeEventSource} />);
  await screen.findByTestId('home-prompt');
  backend.overrides.set('POST /api/staff-call', ok({ call: open }));
  backend.overrides.set('POST /api/staff-call/cancel', ok({ call: null }));
  fireEvent.click(screen.getByTestId('call-staff'));
  await act(async () => {});
}

describe('the staff call dialog', () => {
  it('sends the screen the citizen is on, says staff are told, and counts the wait on the injected clock', async () => {
    await tapCall();
    expect(backend.callsTo('POST', '/api/staff-call')[0]!.body).toEqual({ step: 'home' });
    expect(screen.getByTestId('staff-message').textContent).toBe('正在呼叫工作人员…');
    await callBecomes(open);
    expect(screen.getByTestId('staff-message').textContent).toBe('已通知工作人员，请稍候');
    expect(screen.getByTestId('staff-call-waited').textContent).toBe('已等候 0 秒');
    act(() => scheduler.advance(75_000));
    expect(screen.getByTestId('staff-call-waited').textContent).toBe('已等候 1 分 15 秒');
    await callBecomes({ ...open, escalated: true });
    expect(screen.getByTestId('staff-message').textContent).toBe('已通知值班主任，请稍候');
  });

  it('says staff will be told when the network is back while the call waits in the outbox', async () => {
    await tapCall();
    await callBecomes({ ...open, delivered: false }, { online: false });
    expect(screen.getByTestId('staff-message').textContent).toContain('网络恢复后将立即通知工作人员');
  });

  it('shows who took the call, then that help is complete', async () => {
    await tapCall();
    await callBecomes({ ...open, status: 'taken', takenBy: '王窗口' });
    expect(screen.getByTestId('staff-message').textContent).toBe('工作人员王窗口已接单，正在赶来');
    expect(screen.queryByTestId('staff-call-waited')).toBeNull();
    await callBecomes({ ...open, status: 'taken', takenBy: '王窗口' });
    await callBecomes({ ...open, status: 'closed', takenBy: '王窗口' });
    expect(screen.getByTestId('staff-message').textContent).toContain('本次帮办已完成');
    expect(screen.queryByTestId('staff-call-cancel')).toBeNull();
  });

  it('cancels on the citizen’s word, and when the session ends', async () => {
    await tapCall();
    await callBecomes(open);
    fireEvent.click(screen.getByTestId('staff-call-cancel'));
    await act(async () => {});
    expect(backend.callsTo('POST', '/api/staff-call/cancel')).toHaveLength(1);
    expect(screen.queryByTestId('staff-message')).toBeNull();

    fireEvent.click(screen.getByTestId('call-staff'));
    await act(async () => {});
    expect(screen.getByTestId('call-staff').getAttribute('aria-pressed')).toBe('true');
    act(() => wipeSession());
    await act(async () => {});
    expect(backend.callsTo('POST', '/api/staff-call/cancel')).toHaveLength(2);
  });
});
