// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../App';
import { i18n } from '../../i18n';
import { resetKioskStore } from '../../state/kioskStore';
import { CITIZEN, createFakeEventSource, FakeBackend, FakeEventSource } from '../../testing/fakeBackend';
import { ManualScheduler } from '../../time/scheduler';
import { LONG_PRESS_MS } from './MaintenanceEntry';
import { useMaintenanceStore } from './maintenanceStore';

let backend: FakeBackend;
let scheduler: ManualScheduler;
let calls: { path: string; token: string | null; body: unknown }[];
let loginAnswer: { status: number; body: unknown };
/** Answers by path for the door's other routes; { ok: true } when a test gives none. */
let answers: Record<string, { status: number; body: unknown } | (() => { status: number; body: unknown })>;
let printerState: string;

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
  answers = {};
  printerState = 'paper-out';
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
    const given = answers[path];
    if (given) {
      const a = typeof given === 'function' ? given() : given;
      return json(a.status, a.body);
    }
    if (path === '/overview') {
      return json(200, {
        ok: true,
        terminalId: 'T-001',
        hallName: 'H',
        appVersion: '0.1.0',
        uptimeSeconds: 5,
        simulated: true,
        devices: [{ name: 'receiptPrinter', status: { state: printerState } }],
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

afterEach(async () => {
  await i18n.changeLanguage('zh-CN');
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
      '凭条打印机（缺纸）：号码 A012 的号票没有打印出来，请为群众送去纸质号票。',
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

  it('says a terminal has no PIN and how to set one, with no keypad to guess on', async () => {
    answers['/pin-status'] = {
      status: 200,
      body: { ok: true, pinSet: false, setPinCommand: 'kiosk-config set-pin --config /etc/kiosk/kiosk.json' },
    };
    await home();
    longPress(LONG_PRESS_MS);
    await act(async () => {});
    expect(screen.getByTestId('pin-error').dataset.code).toBe('no-pin');
    expect(screen.getByTestId('pin-error').textContent).toBe('本机尚未设置维护密码，无法进入维护模式。');
    expect(screen.getByTestId('set-pin-command').textContent).toBe(
      'kiosk-config set-pin --config /etc/kiosk/kiosk.json',
    );
    expect(screen.queryByTestId('pin-enter')).toBeNull();
    expect(screen.getByTestId('pin-pad').textContent).not.toContain('还可以再试');
  });

  it('tests the document camera from the devices tab: no camera is named, with what to check', async () => {
    await home();
    longPress(LONG_PRESS_MS);
    await typePin('246810');
    await screen.findByTestId('maintenance-screen');
    // jsdom has no camera API, as a machine without a camera driver has none.
    fireEvent.click(await screen.findByTestId('run-test-camera'));
    const result = await screen.findByTestId('result-documentCamera');
    expect(result.dataset.ok).toBe('false');
    expect(result.textContent).toContain('没有找到高拍仪：请检查 USB 连接');
  });

  it('updates the device list when a device changes, without a tap', async () => {
    printerState = 'ready';
    await home();
    longPress(LONG_PRESS_MS);
    await typePin('246810');
    await screen.findByTestId('maintenance-screen');
    expect((await screen.findByTestId('device-state-receiptPrinter')).textContent).toBe('正常');
    // The printer runs out of paper: the backend's stream says the state changed.
    printerState = 'paper-out';
    backend.state = {
      ...backend.state,
      devices: { ...backend.state.devices, receiptPrinter: { state: 'paper-out' } },
    };
    await act(async () => FakeEventSource.instances.at(-1)!.emit({ type: 'state-changed' }));
    await act(async () => {});
    expect(screen.getByTestId('device-receiptPrinter').dataset.state).toBe('paper-out');
    expect(screen.getByTestId('device-state-receiptPrinter').textContent).toBe('缺纸');
  });

  it('shows refusals apart from dead letters, and discards a dead letter only with a reason', async () => {
    const letter = {
      id: 7,
      kind: 'ticket',
      kioskSequence: 7,
      attempts: 1,
      reason: 'HTTP 400 bad-request: no',
      createdAt: '2026-11-25T01:00:00.000Z',
      rejectedAt: '2026-11-25T01:02:00.000Z',
      purged: false,
    };
    let discarded = false;
    answers['/outbox'] = () => ({
      status: 200,
      body: {
        ok: true,
        pending: 0,
        inFlight: 0,
        acknowledged: 3,
        deadLetters: discarded ? 0 : 1,
        refused: 1,
        discarded: discarded ? 1 : 0,
        oldestPendingAgeSeconds: null,
        reasons: [],
        letters: discarded ? [] : [letter],
        refusals: [{ ...letter, id: 8, reason: 'HTTP 409 active-ticket-exists: held' }],
        samples: [],
      },
    });
    answers['/outbox/7/discard'] = () => {
      discarded = true;
      return { status: 200, body: { ok: true, id: 7, kind: 'ticket' } };
    };
    await home();
    longPress(LONG_PRESS_MS);
    await typePin('246810');
    await screen.findByTestId('maintenance-screen');
    fireEvent.click(screen.getByTestId('tab-outbox'));
    await screen.findByTestId('dead-letter-7');
    // In hall time (UTC+8), not the raw UTC string.
    expect(screen.getByTestId('dead-letter-7').textContent).toContain('2026/11/25 09:02:00');
    expect(screen.getByTestId('dead-letter-7').textContent).not.toContain('01:02:00.000Z');
    expect(screen.getByTestId('refusal-8').textContent).toContain('active-ticket-exists');
    expect(screen.queryByTestId('retry-8')).toBeNull();
    expect(screen.queryByTestId('discard-8')).toBeNull();

    fireEvent.click(screen.getByTestId('discard-7'));
    fireEvent.click(screen.getByTestId('discard-confirm-7'));
    expect(screen.getByTestId('discard-refused-7').textContent).toBe('请填写作废原因。');
    expect(calls.some((c) => c.path === '/outbox/7/discard')).toBe(false);
    fireEvent.change(screen.getByTestId('discard-reason-7'), { target: { value: '中心已人工补录' } });
    fireEvent.click(screen.getByTestId('discard-confirm-7'));
    await act(async () => {});
    await act(async () => {});
    expect(calls.find((c) => c.path === '/outbox/7/discard')).toMatchObject({
      token: 'tok',
      body: { reason: '中心已人工补录' },
    });
    expect(screen.getByTestId('dead-letter-count').dataset.count).toBe('0');
  });

  it('says which folder a configuration cannot be written to, and whose it is', async () => {
    answers['/config'] = {
      status: 200,
      body: { ok: true, path: '/etc/kiosk/kiosk.json', text: '{}', hasPrevious: false },
    };
    answers['/config/check'] = {
      status: 200,
      body: { ok: true, changes: [{ path: 'terminalId', after: 'T-2' }], restartNeeded: true },
    };
    answers['/config/apply'] = {
      status: 409,
      body: {
        ok: false,
        error: {
          code: 'config-not-writable',
          detail: '/etc/kiosk is not writable (EACCES, owned by root): nothing was changed.',
          write: { folder: '/etc/kiosk', owner: 'root', cause: 'EACCES' },
        },
      },
    };
    await home();
    longPress(LONG_PRESS_MS);
    await typePin('246810');
    await screen.findByTestId('maintenance-screen');
    fireEvent.click(screen.getByTestId('tab-config'));
    await act(async () => {});
    fireEvent.change(screen.getByTestId('config-editor'), { target: { value: '{"terminalId":"T-2"}' } });
    fireEvent.click(screen.getByTestId('config-check'));
    await screen.findByTestId('config-diff');
    fireEvent.click(screen.getByTestId('config-apply'));
    expect((await screen.findByTestId('maintenance-error')).textContent).toBe(
      '/etc/kiosk 不可写（属主 root，原因 EACCES），配置没有修改。',
    );
  });

  it('speaks English on the English screen: tabs, states and results', async () => {
    await home();
    await act(async () => {
      await i18n.changeLanguage('en');
    });
    longPress(LONG_PRESS_MS);
    await typePin('246810');
    await screen.findByTestId('maintenance-screen');
    expect((await screen.findByTestId('device-state-receiptPrinter')).textContent).toBe('Out of paper');
    expect(screen.getByTestId('tab-outbox').textContent).toBe('Outbox');
    expect(screen.getByTestId('maintenance-screen').textContent).not.toMatch(/[\u4e00-\u9fff]/);
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
