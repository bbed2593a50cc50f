// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KioskState } from '../../../../electron/backend/api/contract';
import { App } from '../../App';
import { i18n } from '../../i18n';
import { resetKioskStore, useKioskStore, wipeSession } from '../../state/kioskStore';
import { CITIZEN, createFakeEventSource, FakeBackend, FakeEventSource } from '../../testing/fakeBackend';
import { ManualScheduler } from '../../time/scheduler';
import { cardReadingOutOfOrder } from '../identity/cardReader';

let backend: FakeBackend;

beforeEach(() => {
  resetKioskStore();
  FakeEventSource.instances = [];
  backend = new FakeBackend();
  vi.stubGlobal('fetch', backend.fetch);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderApp() {
  return render(<App scheduler={new ManualScheduler()} createEventSource={createFakeEventSource} />);
}

async function backendChanges(change: () => void): Promise<void> {
  change();
  act(() => FakeEventSource.latest().emit({ type: 'state-changed' }));
  await act(async () => {});
}

const reader = (state: string, detail?: string): KioskState['devices'] => ({
  idCardReader: detail === undefined ? { state } : { state, detail },
  receiptPrinter: { state: 'ready' },
});

const withScanner: KioskState['devices'] = { ...reader('ready'), qrScanner: { state: 'ready' } };

describe('card reading out of order', () => {
  it('is out of order when unplugged, faulty (a failing SAM), in error or offline; not while starting', () => {
    for (const state of ['disconnected', 'faulty', 'error', 'offline']) {
      expect(cardReadingOutOfOrder({ devices: reader(state, 'x') }), state).toBe(true);
    }
    for (const state of ['ready', 'starting']) {
      expect(cardReadingOutOfOrder({ devices: reader(state) }), state).toBe(false);
    }
    // No state from the backend yet: nothing is claimed about the reader.
    expect(cardReadingOutOfOrder(null)).toBe(false);
  });

  it('says so in Chinese then English, asks for no card, offers typing and the app code, and comes back', async () => {
    backend.state = {
      ...backend.state,
      devices: { ...withScanner, idCardReader: { state: 'disconnected', detail: 'sim: device unplugged' } },
    };
    renderApp();
    const notice = await screen.findByTestId('card-reader-out');
    const lines = [...notice.querySelectorAll('[lang]')].map((e) => [e.getAttribute('lang'), e.textContent]);
    expect(lines).toEqual([
      ['zh-CN', '读卡器故障，暂时不能刷身份证'],
      ['en', 'Card reading is out of order'],
    ]);
    expect(screen.queryByTestId('home-prompt')).toBeNull();
    expect(document.body.textContent).not.toContain('放置身份证');
    expect(document.body.textContent).not.toContain('Place your ID card');
    // The device's detail is for staff, never on the citizen's screen.
    expect(document.body.textContent).not.toContain('unplugged');
    expect(screen.getByTestId('identify-scan-hint').textContent).toContain('身份码');

    // The English screen keeps Chinese first.
    fireEvent.click(screen.getByTestId('lang-en'));
    expect(screen.getByTestId('card-reader-out').textContent).toBe(
      '读卡器故障，暂时不能刷身份证Card reading is out of order',
    );
    fireEvent.click(screen.getByTestId('lang-zh'));

    fireEvent.click(screen.getByTestId('identify-type'));
    await screen.findByTestId('identify-screen');
    fireEvent.click(screen.getByTestId('journey-home'));

    await backendChanges(() => {
      backend.state = { ...backend.state, devices: withScanner };
    });
    expect(screen.getByTestId('home-prompt').textContent).toBe('请在读卡区放置身份证');
    expect(screen.queryByTestId('card-reader-out')).toBeNull();
  });

  it('a faulty reader after a failed read: the "place it again" message gives way to the notice', async () => {
    renderApp();
    await screen.findByTestId('home-prompt');
    act(() => FakeEventSource.latest().emit({ type: 'card-error', code: 'card-read-failed' }));
    await screen.findByTestId('card-error');
    await backendChanges(() => {
      backend.state = { ...backend.state, devices: reader('faulty', '5 reads failed in a row') };
    });
    await screen.findByTestId('card-reader-out');
    expect(screen.queryByTestId('card-error')).toBeNull();
    // No scanner on this kiosk: typing is the way in, and the app code is not promised.
    expect(screen.getByTestId('identify-type')).toBeTruthy();
    expect(screen.queryByTestId('identify-scan-hint')).toBeNull();
  });

  it('a citizen already identified by a typed number keeps their session screen', async () => {
    backend.state = {
      ...backend.state,
      devices: reader('disconnected', 'x'),
      citizen: { ...CITIZEN, maskedName: '', source: 'typed' },
    };
    renderApp();
    await screen.findByTestId('citizen-id');
    expect(screen.queryByTestId('card-reader-out')).toBeNull();
  });
});

describe('configured languages on screen', () => {
  it('a Chinese-only kiosk shows no language switch and no English prompt line', async () => {
    backend.state = { ...backend.state, languages: ['zh-CN'] };
    renderApp();
    await screen.findByTestId('home-prompt');
    expect(screen.queryByTestId('lang-switch')).toBeNull();
    expect(screen.queryByTestId('lang-en')).toBeNull();
    expect(screen.queryByTestId('home-prompt-other')).toBeNull();
    expect(document.body.textContent).not.toContain('Place your ID card');
  });

  it('a Chinese-only kiosk says its reader is out of order in Chinese alone', async () => {
    backend.state = { ...backend.state, languages: ['zh-CN'], devices: reader('faulty', 'x') };
    renderApp();
    expect((await screen.findByTestId('card-reader-out')).textContent).toBe('读卡器故障，暂时不能刷身份证');
  });

  it('both languages: the switch, Chinese first, and the prompt also in the other language', async () => {
    renderApp();
    await screen.findByTestId('home-prompt');
    const buttons = [...screen.getByTestId('lang-switch').querySelectorAll('button')];
    expect(buttons.map((b) => b.getAttribute('lang'))).toEqual(['zh-CN', 'en']);
    expect(screen.getByTestId('home-prompt-other').textContent).toBe('Place your ID card on the reader');
    fireEvent.click(screen.getByTestId('lang-en'));
    expect(screen.getByTestId('home-prompt-other').textContent).toBe('请在读卡区放置身份证');
  });

  it('leaves English when the kiosk stops offering it, and every new session starts in Chinese', async () => {
    renderApp();
    await screen.findByTestId('home-prompt');
    fireEvent.click(screen.getByTestId('lang-en'));
    expect(i18n.language).toBe('en');
    await backendChanges(() => {
      backend.state = { ...backend.state, languages: ['zh-CN'] };
    });
    expect(useKioskStore.getState().language).toBe('zh-CN');
    expect(i18n.language).toBe('zh-CN');
    expect(screen.getByTestId('home-prompt').textContent).toBe('请在读卡区放置身份证');
  });

  it('an English-only kiosk starts each session in English', async () => {
    backend.state = { ...backend.state, languages: ['en'] };
    renderApp();
    await screen.findByTestId('home-prompt');
    expect(screen.getByTestId('home-prompt').textContent).toBe('Place your ID card on the reader');
    act(() => wipeSession());
    expect(useKioskStore.getState().language).toBe('en');
    expect(screen.queryByTestId('lang-switch')).toBeNull();
  });
});
