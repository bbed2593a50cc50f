// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskState } from '../../../../electron/backend/api/contract';
import { App } from '../../App';
import { ELDERLY_WARNING_FACTOR } from '../../components/IdleGuard';
import { goHome, useKioskStore } from '../../state/kioskStore';
import { CITIZEN, createFakeEventSource, FakeEventSource, type FakeBackend } from '../../testing/fakeBackend';
import { installFakeBackend, removeFakeBackend } from '../../testing/kioskHarness';
import { ManualScheduler } from '../../time/scheduler';
import { setVoice, silentVoice, type Voice } from '../../voice/voice';
import { SENIOR_CARD_ITEM } from './ElderlyMenu';
import { resetElderlyMode } from './elderlyMode';

const SENIOR: NonNullable<KioskState['citizen']> = {
  ...CITIZEN,
  maskedName: '王**',
  senior: true,
  source: 'card',
};

let backend: FakeBackend;
let scheduler: ManualScheduler;
let said: string[];
beforeEach(() => {
  backend = installFakeBackend(null);
  resetElderlyMode();
  scheduler = new ManualScheduler();
  said = [];
  const recording: Voice = { speak: (text) => void said.push(text), cancel: () => undefined };
  setVoice(recording);
});
afterEach(() => {
  removeFakeBackend();
  setVoice(silentVoice);
});

async function arrives(citizen: KioskState['citizen']): Promise<void> {
  backend.state = { ...backend.state, citizen };
  act(() => FakeEventSource.latest().emit({ type: 'state-changed' }));
  await act(async () => {});
}

async function start(): Promise<void> {
  render(<App scheduler={scheduler} createEventSource={createFakeEventSource} />);
  await screen.findByTestId('home-prompt');
}

describe('the 长辈模式 offer', () => {
  it('asks a card holder of 60 or more once; "是" turns on the mode, its voice and the short menu', async () => {
    await start();
    await arrives(SENIOR);
    const offer = screen.getByTestId('elderly-offer');
    expect(offer.textContent).toContain('是否切换到长辈模式？');
    fireEvent.click(screen.getByTestId('elderly-offer-yes'));
    expect(screen.queryByTestId('elderly-offer')).toBeNull();
    expect(useKioskStore.getState()).toMatchObject({ elderly: true, voice: true });
    expect(screen.getByTestId('kiosk').className).toContain('elderly');
    expect(screen.getByTestId('elderly-menu')).toBeTruthy();
    // Voice reads the short menu's title and its four choices, as written.
    expect(said.at(-1)).toBe('常用服务。取号，办件进度，缴费，老年人优待证，全部服务');
  });

  it('remembers "否" for the session, through screens and state changes, and asks again in the next', async () => {
    await start();
    await arrives(SENIOR);
    fireEvent.click(screen.getByTestId('elderly-offer-no'));
    expect(useKioskStore.getState().elderly).toBe(false);
    fireEvent.click(screen.getByTestId('take-number'));
    await screen.findByTestId('category-A');
    await arrives(SENIOR);
    act(() => goHome());
    await screen.findByTestId('citizen-name');
    expect(screen.queryByTestId('elderly-offer')).toBeNull();

    await arrives(null);
    await arrives(SENIOR);
    expect(screen.getByTestId('elderly-offer')).toBeTruthy();
  });

  it('is not made for a typed number, a card holder under 60, or one already in the mode', async () => {
    await start();
    await arrives({ ...SENIOR, maskedName: '', source: 'typed' });
    expect(screen.queryByTestId('elderly-offer')).toBeNull();
    await arrives(null);
    await arrives({ ...SENIOR, senior: false });
    expect(screen.queryByTestId('elderly-offer')).toBeNull();
    await arrives(null);
    fireEvent.click(screen.getByTestId('elderly-toggle'));
    await arrives(SENIOR);
    expect(screen.queryByTestId('elderly-offer')).toBeNull();
  });
});

describe('the 长辈模式 menu', () => {
  it('offers the four most used services; the senior card tile opens that item; all services on request', async () => {
    await start();
    await arrives({ ...CITIZEN, source: 'card' });
    fireEvent.click(screen.getByTestId('elderly-toggle'));
    const tiles = [...screen.getByTestId('elderly-menu').querySelectorAll('.tile')].map((t) =>
      t.getAttribute('data-testid'),
    );
    expect(tiles).toEqual(['take-number', 'tile-progress', 'tile-pay', 'elderly-senior-card']);
    expect(screen.queryByTestId('tile-rate')).toBeNull();

    fireEvent.click(screen.getByTestId('elderly-all-services'));
    expect(screen.queryByTestId('elderly-menu')).toBeNull();
    expect(screen.getByTestId('tile-rate')).toBeTruthy();
    fireEvent.click(screen.getByTestId('elderly-short-menu'));
    expect(screen.getByTestId('elderly-menu')).toBeTruthy();

    fireEvent.click(screen.getByTestId('elderly-senior-card'));
    expect(useKioskStore.getState().screen).toBe('apply');
    await act(async () => {});
    expect(backend.callsTo('POST', '/api/apply/draft').map((c) => c.body)).toEqual([
      { selection: { kind: 'item', itemCode: SENIOR_CARD_ITEM } },
    ]);
  });

  it('for a typed number offers what it may do, and says why the rest needs the card', async () => {
    await start();
    await arrives({ ...CITIZEN, maskedName: '', source: 'typed' });
    fireEvent.click(screen.getByTestId('elderly-toggle'));
    const tiles = [...screen.getByTestId('elderly-menu').querySelectorAll('.tile')].map((t) =>
      t.getAttribute('data-testid'),
    );
    expect(tiles).toEqual(['take-number', 'tile-appointments', 'tile-guide']);
    expect(screen.getByTestId('declared-limits')).toBeTruthy();
  });

  it('gives the idle countdown twice the time too', async () => {
    await start();
    await arrives({ ...CITIZEN, source: 'card' });
    fireEvent.click(screen.getByTestId('elderly-toggle'));
    const idle = useKioskStore.getState().kiosk!.idle;
    act(() => scheduler.advance(idle.elderlySessionSeconds * 1000));
    expect(screen.getByTestId('idle-countdown').textContent).toContain(
      String(idle.warningSeconds * ELDERLY_WARNING_FACTOR),
    );
    await act(async () => scheduler.advance((idle.warningSeconds * ELDERLY_WARNING_FACTOR - 1) * 1000));
    expect(screen.getByTestId('idle-countdown')).toBeTruthy();
    expect(backend.callsTo('POST', '/api/session/end')).toHaveLength(0);
    await act(async () => scheduler.advance(1000));
    expect(backend.callsTo('POST', '/api/session/end')).toHaveLength(1);
  });
});
