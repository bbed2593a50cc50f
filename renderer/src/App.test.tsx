// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import { resetKioskStore, useKioskStore } from './state/kioskStore';
import {
  CITIZEN,
  createFakeEventSource,
  FakeBackend,
  FakeEventSource,
  makeTicket,
} from './testing/fakeBackend';
import { ManualScheduler } from './time/scheduler';

let backend: FakeBackend;
let scheduler: ManualScheduler;

beforeEach(() => {
  resetKioskStore();
  FakeEventSource.instances = [];
  backend = new FakeBackend();
  scheduler = new ManualScheduler();
  vi.stubGlobal('fetch', backend.fetch);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderApp() {
  return render(<App scheduler={scheduler} createEventSource={createFakeEventSource} />);
}

/** The backend's state changes and it says so on the event stream. */
async function backendChanges(change: () => void): Promise<void> {
  change();
  act(() => FakeEventSource.latest().emit({ type: 'state-changed' }));
  await act(async () => {});
}

async function identified(): Promise<void> {
  renderApp();
  await screen.findByTestId('home-prompt');
  await backendChanges(() => {
    backend.state = { ...backend.state, citizen: { ...CITIZEN } };
  });
  await screen.findByTestId('citizen-name');
}

async function takeNumber(code = 'A'): Promise<void> {
  fireEvent.click(screen.getByTestId('take-number'));
  fireEvent.click(await screen.findByTestId(`category-${code}`));
}

describe('home', () => {
  it('tells the citizen plainly when the central cannot be reached, and stops when it is back', async () => {
    renderApp();
    await screen.findByTestId('home-prompt');
    expect(screen.queryByTestId('central-offline')).toBeNull();
    const sync = {
      online: false,
      lastSuccessAt: null,
      depth: 2,
      oldestPendingAgeSeconds: 40,
      deadLetters: 0,
    };
    await backendChanges(() => {
      backend.state = { ...backend.state, sync };
    });
    expect((await screen.findByTestId('central-offline')).textContent).toContain('网络暂时中断');
    await backendChanges(() => {
      backend.state = { ...backend.state, sync: { ...sync, online: true, depth: 0 } };
    });
    expect(screen.queryByTestId('central-offline')).toBeNull();
  });

  it('shows the card prompt, then the masked citizen when the state changes', async () => {
    renderApp();
    expect(await screen.findByTestId('home-prompt')).toHaveProperty('textContent', '请在读卡区放置身份证');
    expect(screen.getByTestId('hall-name').textContent).toBe('杭州市民中心');
    expect(screen.queryByTestId('take-number')).toBeNull();
    // Call staff is always there.
    expect(screen.getByTestId('call-staff')).toBeTruthy();

    await backendChanges(() => {
      backend.state = { ...backend.state, citizen: { ...CITIZEN } };
    });
    expect((await screen.findByTestId('citizen-name')).textContent).toBe('张*');
    expect(screen.getByTestId('citizen-id').textContent).toBe('330102**********1X');
    expect(screen.getByTestId('take-number')).toBeTruthy();
    expect(screen.queryByTestId('home-prompt')).toBeNull();
    expect(screen.queryByTestId('green-channel')).toBeNull();
  });

  it('shows the green channel note for a citizen aged 70+', async () => {
    backend.state = { ...backend.state, citizen: { ...CITIZEN, greenChannel: true } };
    renderApp();
    expect((await screen.findByTestId('green-channel')).textContent).toBe('绿色通道 优先办理');
  });

  it('switches language and elderly mode', async () => {
    renderApp();
    await screen.findByTestId('home-prompt');
    fireEvent.click(screen.getByTestId('lang-en'));
    expect(screen.getByTestId('home-prompt').textContent).toBe('Place your ID card on the reader');
    expect(screen.getByTestId('lang-en').getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByTestId('elderly-toggle'));
    expect(screen.getByTestId('kiosk').className).toContain('elderly');
    expect(screen.getByTestId('elderly-toggle').getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByTestId('lang-zh'));
    expect(screen.getByTestId('home-prompt').textContent).toBe('请在读卡区放置身份证');
  });

  it('call staff sends the citizen to the service desk when the call cannot be raised', async () => {
    renderApp();
    await screen.findByTestId('home-prompt');
    fireEvent.click(screen.getByTestId('call-staff'));
    expect((await screen.findByText(/请到服务台寻求帮助/)).dataset.testid).toBe('staff-message');
    fireEvent.click(screen.getByTestId('staff-message-close'));
    expect(screen.queryByTestId('staff-message')).toBeNull();
  });

  it('shows a card-read error from the event stream, then clears it', async () => {
    renderApp();
    await screen.findByTestId('home-prompt');
    act(() => FakeEventSource.latest().emit({ type: 'card-error', code: 'card-read-failed' }));
    expect(screen.getByTestId('card-error').textContent).toContain('没有读到身份证');
    act(() => scheduler.advance(10_000));
    expect(screen.queryByTestId('card-error')).toBeNull();
  });

  it('says why the session ended when the reader could not vouch for the card, past the wipe and into the next one', async () => {
    await identified();
    act(() => FakeEventSource.latest().emit({ type: 'card-error', code: 'card-session-ended' }));
    await backendChanges(() => {
      backend.state = { ...backend.state, citizen: null };
    });
    await screen.findByTestId('home-prompt');
    expect(screen.getByTestId('card-error').textContent).toContain('本次办理已结束');
    // The card is read again at once: a new session, and the message still says what happened.
    await backendChanges(() => {
      backend.state = { ...backend.state, citizen: { ...CITIZEN } };
    });
    await screen.findByTestId('citizen-name');
    expect(screen.getByTestId('card-error').textContent).toContain('本次办理已结束');
    act(() => scheduler.advance(10_000));
    expect(screen.queryByTestId('card-error')).toBeNull();
  });

  it('says it is connecting while the backend is down, and retries', async () => {
    backend.overrides.set('GET /api/state', { networkError: true });
    renderApp();
    expect(screen.getByTestId('connecting')).toBeTruthy();
    await screen.findByTestId('offline');
    backend.overrides.clear();
    await act(async () => scheduler.advance(3_000));
    await screen.findByTestId('home-prompt');
    expect(screen.queryByTestId('offline')).toBeNull();
  });
});

describe('taking a number', () => {
  it('lists the categories and shows the ticket', async () => {
    await identified();
    let open!: () => void;
    backend.gate = new Promise((resolve) => (open = resolve));
    fireEvent.click(screen.getByTestId('take-number'));
    backend.gate = null;
    open();
    const a = await screen.findByTestId('category-A');
    expect(a.textContent).toContain('社保医保');
    expect(a.textContent).toContain('等候 3 人');

    backend.gate = new Promise((resolve) => (open = resolve));
    fireEvent.click(a);
    expect((await screen.findByTestId('taking-progress')).textContent).toContain('正在取号');
    // A second tap while waiting does not take a second number.
    expect(screen.queryByTestId('category-A')).toBeNull();
    open();
    backend.gate = null;

    await screen.findByTestId('ticket-screen');
    expect(screen.getByTestId('ticket-number').textContent).toBe('A004');
    const text = screen.getByTestId('ticket-screen').textContent ?? '';
    expect(text).toContain('社保医保');
    expect(text).toContain('您前面还有 3 人在等候');
    expect(text).toContain('预计等候约 15 分钟');
    expect(text).toContain('过号无效，请重新取号');
    expect(text).toContain('请取走号票和身份证');
    expect(backend.callsTo('POST', '/api/queue/tickets')).toEqual([
      { method: 'POST', path: '/api/queue/tickets', body: { category: 'A' } },
    ]);
  });

  it('shows an offline ticket without made-up waiting figures', async () => {
    await identified();
    backend.ticketReply = {
      status: 200,
      body: { ok: true, ticket: makeTicket({ number: 'A990', offline: true }) },
    };
    await takeNumber('A');
    await screen.findByTestId('ticket-screen');
    expect(screen.getByTestId('ticket-number').textContent).toBe('A990');
    expect(screen.getByTestId('ticket-offline').textContent).toContain('号码有效');
    expect(screen.queryByTestId('ticket-ahead')).toBeNull();
  });

  it('shows category names and the ticket in English', async () => {
    await identified();
    fireEvent.click(screen.getByTestId('lang-en'));
    await takeNumber();
    await screen.findByTestId('ticket-screen');
    const text = screen.getByTestId('ticket-screen').textContent ?? '';
    expect(text).toContain('Social insurance');
    expect(text).toContain('3 people ahead of you');
    expect(text).toContain('Please take your ticket and your ID card');
  });

  it('shows the plain message of an error code, with a way back', async () => {
    backend.ticketReply = {
      status: 502,
      body: { ok: false, error: { code: 'central-unreachable', detail: 'ECONNREFUSED' } },
    };
    await identified();
    await takeNumber();
    const message = await screen.findByTestId('error-message');
    expect(message.textContent).toBe('暂时连不上排队系统。请稍后再试一次，或到服务台取号。');
    // The detail is for staff, never for the citizen.
    expect(document.body.textContent).not.toContain('ECONNREFUSED');

    backend.ticketReply = { status: 200, body: { ok: true, ticket: makeTicket() } };
    fireEvent.click(screen.getByTestId('error-retry'));
    await screen.findByTestId('ticket-screen');
    expect(backend.callsTo('POST', '/api/queue/tickets')).toHaveLength(2);

    fireEvent.click(screen.getByTestId('ticket-done'));
    await screen.findByTestId('home-prompt');
  });

  it('keeps the number on screen when the printer is out of paper', async () => {
    const ticket = makeTicket({ number: 'A003', printed: false });
    backend.ticketReply = { status: 503, body: { ok: false, error: { code: 'printer-paper-out', ticket } } };
    await identified();
    await takeNumber();
    expect((await screen.findByTestId('error-message')).textContent).toBe(
      '打印机缺纸，您的号码已保留：A003。请到服务台领取纸质号票或拍照记下号码。',
    );
    expect(screen.getByTestId('ticket-number').textContent).toBe('A003');
    expect(screen.getByTestId('take-away').textContent).toBe('请取走身份证');
  });

  it('turns a malformed answer into the internal message, not a crash', async () => {
    backend.ticketReply = { status: 200, raw: '{"ok":tru' };
    await identified();
    await takeNumber();
    expect((await screen.findByTestId('error-message')).textContent).toBe(
      '系统暂时出了问题。请再试一次，或到服务台寻求帮助。',
    );
    fireEvent.click(screen.getByTestId('error-back'));
    expect(screen.getByTestId('citizen-name')).toBeTruthy();
  });
});

describe('privacy', () => {
  it('wipes everything personal and goes home when the citizen goes away', async () => {
    await identified();
    fireEvent.click(screen.getByTestId('lang-en'));
    fireEvent.click(screen.getByTestId('elderly-toggle'));
    await takeNumber();
    await screen.findByTestId('ticket-screen');

    await backendChanges(() => {
      backend.state = { ...backend.state, citizen: null };
    });
    await screen.findByTestId('home-prompt');
    expect(screen.getByTestId('home-prompt').textContent).toBe('请在读卡区放置身份证');
    expect(document.body.textContent).not.toContain('张*');
    expect(document.body.textContent).not.toContain('A004');
    const s = useKioskStore.getState();
    expect(s.kiosk?.citizen).toBeNull();
    expect(s.lastTicket).toBeNull();
    expect(s.error).toBeNull();
    expect(s.lastCategory).toBeNull();
    expect(s.categories).toEqual({ status: 'idle' });
    expect(s.screen).toBe('home');
    expect(s.language).toBe('zh-CN');
    expect(s.elderly).toBe(false);
  });

  it('drops a ticket answer that arrives after the session ended', async () => {
    await identified();
    fireEvent.click(screen.getByTestId('take-number'));
    const a = await screen.findByTestId('category-A');
    let open!: () => void;
    backend.gate = new Promise((resolve) => (open = resolve));
    fireEvent.click(a);
    await screen.findByTestId('taking-progress');
    backend.state = { ...backend.state, citizen: null };
    backend.gate = null;
    act(() => FakeEventSource.latest().emit({ type: 'state-changed' }));
    await screen.findByTestId('home-prompt');
    open();
    await act(async () => {});
    expect(screen.queryByTestId('ticket-screen')).toBeNull();
    expect(useKioskStore.getState().lastTicket).toBeNull();
  });
});

describe('idle', () => {
  it('counts down after sessionSeconds without a touch, then ends the session', async () => {
    await identified();
    act(() => scheduler.advance(59_000));
    expect(screen.queryByTestId('idle-countdown')).toBeNull();
    act(() => scheduler.advance(1_000));
    expect(screen.getByTestId('idle-countdown').textContent).toContain('10');
    act(() => scheduler.advance(3_000));
    expect(screen.getByTestId('idle-countdown').textContent).toContain('7');
    await act(async () => scheduler.advance(7_000));
    await screen.findByTestId('home-prompt');
    expect(screen.queryByTestId('idle-countdown')).toBeNull();
    expect(backend.callsTo('POST', '/api/session/end')).toHaveLength(1);
  });

  it('"Continue" and any touch restart the idle time', async () => {
    await identified();
    act(() => scheduler.advance(60_000));
    fireEvent.click(screen.getByTestId('idle-continue'));
    expect(screen.queryByTestId('idle-countdown')).toBeNull();
    act(() => scheduler.advance(59_000));
    expect(screen.queryByTestId('idle-countdown')).toBeNull();
    fireEvent.pointerDown(document.body);
    act(() => scheduler.advance(59_000));
    expect(screen.queryByTestId('idle-countdown')).toBeNull();
    act(() => scheduler.advance(1_000));
    expect(screen.getByTestId('idle-countdown')).toBeTruthy();
    expect(backend.callsTo('POST', '/api/session/end')).toHaveLength(0);
  });

  it('gives more time in elderly mode', async () => {
    await identified();
    fireEvent.click(screen.getByTestId('elderly-toggle'));
    act(() => scheduler.advance(179_000));
    expect(screen.queryByTestId('idle-countdown')).toBeNull();
    act(() => scheduler.advance(1_000));
    expect(screen.getByTestId('idle-countdown')).toBeTruthy();
  });

  it('rests while a call for staff is open or taken, and starts again once it is closed', async () => {
    await identified();
    const call = { callId: 'call-1', delivered: true, escalated: false, takenBy: null } as const;
    backend.state = { ...backend.state, staffCall: { ...call, status: 'open' } };
    act(() => FakeEventSource.latest().emit({ type: 'state-changed' }));
    await act(async () => {});
    act(() => scheduler.advance(600_000));
    expect(screen.queryByTestId('idle-countdown')).toBeNull();
    backend.state = { ...backend.state, staffCall: { ...call, status: 'taken', takenBy: '王工' } };
    act(() => FakeEventSource.latest().emit({ type: 'state-changed' }));
    await act(async () => {});
    act(() => scheduler.advance(600_000));
    expect(screen.queryByTestId('idle-countdown')).toBeNull();
    expect(backend.callsTo('POST', '/api/session/end')).toHaveLength(0);
    backend.state = { ...backend.state, staffCall: { ...call, status: 'closed' } };
    act(() => FakeEventSource.latest().emit({ type: 'state-changed' }));
    await act(async () => {});
    act(() => scheduler.advance(60_000));
    expect(screen.getByTestId('idle-countdown')).toBeTruthy();
  });

  it('does not run while nobody is identified on the home screen', async () => {
    renderApp();
    await screen.findByTestId('home-prompt');
    act(() => scheduler.advance(600_000));
    expect(screen.queryByTestId('idle-countdown')).toBeNull();
  });
});

describe('the frame of every screen', () => {
  const SCREENS = [
    'home',
    'take-number',
    'ticket',
    'error',
    'identify',
    'appointments',
    'payments',
    'evaluations',
    'guide',
    'apply',
    'progress',
  ] as const;

  it('keeps 返回, 首页 and 呼叫帮办 in the footer, outside the scrolling content, on every screen', async () => {
    await identified();
    for (const name of SCREENS) {
      act(() => useKioskStore.setState({ screen: name, lastTicket: makeTicket() }));
      await act(async () => {});
      const footer = screen.getByTestId('nav-footer');
      for (const id of ['nav-back', 'journey-home', 'call-staff']) {
        expect(footer.contains(screen.getByTestId(id)), `${id} on ${name}`).toBe(true);
      }
      expect(screen.getByTestId('content').contains(footer), name).toBe(false);
    }
  });

  it('shows the hall name and the date and time in hall time, moving with the injected clock', async () => {
    renderApp();
    await screen.findByTestId('home-prompt');
    expect(screen.getByTestId('hall-name').textContent).toBe('杭州市民中心');
    // The manual scheduler starts at 01:00 UTC: 09:00 in the hall, whatever zone the test runs in.
    expect(screen.getByTestId('hall-clock-time').textContent).toBe('09:00');
    expect(screen.getByTestId('hall-clock-date').textContent).toBe('2026年11月25日星期三');
    act(() => scheduler.advance(60_000));
    expect(screen.getByTestId('hall-clock-time').textContent).toBe('09:01');
    // Past the hall's midnight (16:00 UTC) the date turns over, not at the OS's.
    act(() => scheduler.advance(15 * 3_600_000));
    expect(screen.getByTestId('hall-clock-time').textContent).toBe('00:01');
    expect(screen.getByTestId('hall-clock-date').textContent).toBe('2026年11月26日星期四');
    fireEvent.click(screen.getByTestId('lang-en'));
    expect(screen.getByTestId('hall-clock-date').textContent).toBe('Thursday, November 26, 2026');
  });

  it('back goes home from a screen without steps, and nowhere from home', async () => {
    renderApp();
    await screen.findByTestId('home-prompt');
    expect(screen.getByTestId('nav-back')).toHaveProperty('disabled', true);
    expect(screen.getByTestId('journey-home')).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByTestId('identify-type'));
    await screen.findByTestId('identify-screen');
    expect(screen.getByTestId('nav-back')).toHaveProperty('disabled', false);
    fireEvent.click(screen.getByTestId('nav-back'));
    await screen.findByTestId('home-prompt');
    expect(useKioskStore.getState().screen).toBe('home');
  });

  it("back is the screen's previous step where it says so, and home leaves the journey at once", async () => {
    await identified();
    fireEvent.click(screen.getByTestId('tile-appointments'));
    fireEvent.click(await screen.findByTestId('appointments-book'));
    await screen.findByTestId('book-screen');
    fireEvent.click(screen.getByTestId('nav-back'));
    await screen.findByTestId('appointments-screen');
    expect(useKioskStore.getState().screen).toBe('appointments');
    fireEvent.click(screen.getByTestId('appointments-book'));
    await screen.findByTestId('book-screen');
    fireEvent.click(screen.getByTestId('journey-home'));
    await screen.findByTestId('citizen-name');
    expect(useKioskStore.getState().screen).toBe('home');
  });
});
