// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../App';
import { resetKioskStore } from '../../state/kioskStore';
import { CITIZEN, createFakeEventSource, FakeBackend, FakeEventSource } from '../../testing/fakeBackend';
import { ManualScheduler } from '../../time/scheduler';
import { LONG_PRESS_MS } from './MaintenanceEntry';
import { useMaintenanceStore } from './maintenanceStore';

let backend: FakeBackend;
let scheduler: ManualScheduler;
let calls: { path: string; token: string | null; body: unknown }[];
let loginAnswer: { status: number; body: unknown };

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

beforeEach(() => {
  resetKioskStore();
  useMaintenanceStore.setState({ view: 'closed', token: null });
  FakeEventSource.instances = [];
  backend = new FakeBackend();
  scheduler = new ManualScheduler();
  calls = [];
  loginAnswer = { status: 200, body: { ok: true, token: 'tok', idleExitSeconds: 60 } };
  vi.stubGlobal('fetch', async (input: string, init: RequestInit) => {
    if (!input.startsWith('/api/maintenance/')) return backend.fetch(input, init);
    const path = input.slice('/api/maintenance'.length);
    const headers = init.headers as Record<string, string>;
    calls.push({
      path,
      token: headers['x-maintenance-token'] ?? null,
      body: init.body && JSON.parse(String(init.body)),
    });
    if (path === '/login') return json(loginAnswer.status, loginAnswer.body);
    if (path === '/overview') {
      return json(200, {
        ok: true,
        terminalId: 'T-001',
        hallName: 'H',
        appVersion: '0.1.0',
        uptimeSeconds: 5,
        simulated: true,
        devices: [{ name: 'receiptPrinter', status: { state: 'paper-out' } }],
        alerts: [
          {
            what: 'ticket-not-printed',
            device: 'receiptPrinter',
            state: 'paper-out',
            number: 'A012',
            at: '2026-11-25T01:02:00.000Z',
          },
        ],
      });
    }
    return json(200, { ok: true });
  });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function home() {
  render(<App scheduler={scheduler} createEventSource={createFakeEventSource} />);
  await screen.findByTestId('home-prompt');
}

function longPress(ms: number) {
  const corner = screen.getByTestId('maintenance-corner');
  fireEvent.pointerDown(corner);
  act(() => scheduler.advance(ms));
  fireEvent.pointerUp(corner);
}

async function typePin(pin: string) {
  for (const d of pin) fireEvent.click(screen.getByTestId(`pin-${d}`));
  fireEvent.click(screen.getByTestId('pin-enter'));
  await act(async () => {});
}

describe('maintenance entry', () => {
  it('opens the PIN pad only after a three-second press on the corner', async () => {
    await home();
    longPress(LONG_PRESS_MS - 1);
    expect(screen.queryByTestId('pin-pad')).toBeNull();
    longPress(LONG_PRESS_MS);
    expect(screen.getByTestId('pin-pad')).toBeTruthy();
    fireEvent.click(screen.getByTestId('pin-cancel'));
    expect(screen.queryByTestId('pin-pad')).toBeNull();
  });

  it('is not offered while a citizen is identified', async () => {
    backend.state = { ...backend.state, citizen: { ...CITIZEN } };
    render(<App scheduler={scheduler} createEventSource={createFakeEventSource} />);
    await screen.findByTestId('citizen-name');
    expect(screen.queryByTestId('maintenance-corner')).toBeNull();
  });

  it('shows tries left, then the lock-out, and opens with the right PIN', async () => {
    await home();
    longPress(LONG_PRESS_MS);
    loginAnswer = { status: 401, body: { ok: false, error: { code: 'wrong-pin', attemptsLeft: 3 } } };
    await typePin('111111');
    expect(screen.getByTestId('pin-error').textContent).toBe('密码错误，还可以再试 3 次');
    expect(screen.getByTestId('pin-dots').textContent).not.toContain('●');
    loginAnswer = {
      status: 423,
      body: { ok: false, error: { code: 'locked', retryAt: '2026-11-25T01:05:00.000Z' } },
    };
    await typePin('111111');
    expect(screen.getByTestId('pin-error').dataset.code).toBe('locked');
    expect(screen.getByTestId('pin-error').textContent).toContain('已锁定');
    loginAnswer = { status: 200, body: { ok: true, token: 'tok', idleExitSeconds: 60 } };
    await typePin('246810');
    expect(calls.filter((c) => c.path === '/login').map((c) => c.body)).toEqual([
      { pin: '111111' },
      { pin: '111111' },
      { pin: '246810' },
    ]);
    await screen.findByTestId('maintenance-screen');
    expect((await screen.findByTestId('device-receiptPrinter')).dataset.state).toBe('paper-out');
    // The citizen left without a slip is on the staff's list, with the number to bring a slip to.
    expect(screen.getByTestId('staff-alert').textContent).toBe(
      '凭条打印机（paper-out）：号码 A012 的号票没有打印出来，请为群众送去纸质号票。',
    );
    expect(calls.find((c) => c.path === '/overview')?.token).toBe('tok');
  });

  it('closes by itself after the idle time and tells the backend', async () => {
    await home();
    longPress(LONG_PRESS_MS);
    await typePin('246810');
    await screen.findByTestId('maintenance-screen');
    act(() => scheduler.advance(59_000));
    fireEvent.pointerDown(screen.getByTestId('tab-sync'));
    act(() => scheduler.advance(59_000));
    expect(screen.getByTestId('maintenance-screen')).toBeTruthy();
    act(() => scheduler.advance(1_000));
    expect(screen.queryByTestId('maintenance-screen')).toBeNull();
    await act(async () => {});
    expect(calls.at(-1)).toMatchObject({ path: '/logout', token: 'tok' });
    // The touch on the tab told the backend's idle exit too.
    expect(calls.filter((c) => c.path === '/touch')).toEqual([{ path: '/touch', token: 'tok', body: {} }]);
  });

  it('closes when the backend says the session is gone', async () => {
    await home();
    longPress(LONG_PRESS_MS);
    await typePin('246810');
    await screen.findByTestId('maintenance-screen');
    vi.stubGlobal('fetch', async (input: string, init: RequestInit) =>
      input.startsWith('/api/maintenance/')
        ? json(401, { ok: false, error: { code: 'maintenance-required' } })
        : backend.fetch(input, init),
    );
    fireEvent.click(screen.getByTestId('tab-sync'));
    await act(async () => {});
    expect(screen.queryByTestId('maintenance-screen')).toBeNull();
  });
});
