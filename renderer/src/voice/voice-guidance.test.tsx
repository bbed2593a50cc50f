// @vitest-environment jsdom
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setElderly, useKioskStore } from '../state/kioskStore';
import type { FakeBackend } from '../testing/fakeBackend';
import { CATEGORIES, CITIZEN, FakeEventSource, makeTicket } from '../testing/fakeBackend';
import { installFakeBackend, removeFakeBackend, renderApp } from '../testing/kioskHarness';
import { kioskVoice, setVoice, silentVoice, voiceFor, type Voice } from './voice';

/** A voice that writes down what it was asked to say. */
function recordingVoice() {
  const said: { text: string; language: string }[] = [];
  let cancels = 0;
  const v: Voice = {
    speak: (text, language) => said.push({ text, language }),
    cancel: () => void cancels++,
  };
  return { v, said, cancels: () => cancels };
}

let backend: FakeBackend;
let rec: ReturnType<typeof recordingVoice>;
beforeEach(() => {
  backend = installFakeBackend(null);
  useKioskStore.setState({ voice: false });
  rec = recordingVoice();
  setVoice(rec.v);
});
afterEach(() => {
  removeFakeBackend();
  setVoice(silentVoice);
});

/** Everything a citizen can read on the page, to check voice never says what is not written. */
const pageText = () => document.body.textContent ?? '';
/** The phrases of an utterance: voice joins the title and the choices with the language's pauses. */
const phrases = (spoken: string) => spoken.split(/[。，]|\. |, /).filter(Boolean);
const lastSaid = () => rec.said.at(-1)!.text;

async function cardHolderArrives(): Promise<void> {
  backend.state = { ...backend.state, citizen: { ...CITIZEN } };
  act(() => FakeEventSource.latest().emit({ type: 'state-changed' }));
  await screen.findByTestId('citizen-name');
}

describe('voice guidance', () => {
  it('is silent until the citizen turns it on, then reads the card prompt and the choices, in the language shown', async () => {
    renderApp();
    await screen.findByTestId('home-prompt');
    expect(rec.said).toEqual([]);

    fireEvent.click(screen.getByTestId('voice-toggle'));
    expect(rec.said).toHaveLength(1);
    const [title, ...options] = phrases(lastSaid());
    expect(title).toBe('请在读卡区放置身份证');
    expect(rec.said[0]!.language).toBe('zh-CN');
    // The ways in without a card, in screen order; the voice switch itself is not a choice.
    const tiles = [...document.querySelectorAll('.screen .tile-title')].map((e) => e.textContent);
    expect(options).toEqual(tiles);
    expect(options).not.toContain(screen.getByTestId('voice-toggle').textContent);

    fireEvent.click(screen.getByTestId('lang-en'));
    const last = rec.said.at(-1)!;
    expect(last.language).toBe('en');
    for (const part of phrases(last.text)) expect(pageText()).toContain(part);

    // Turning it off stops what is being said.
    fireEvent.click(screen.getByTestId('voice-toggle'));
    expect(rec.cancels()).toBe(1);
    const count = rec.said.length;
    fireEvent.click(screen.getByTestId('lang-zh'));
    expect(rec.said).toHaveLength(count);
  });

  it('reads the choice of business with its options once they arrive, then the ticket number, all written on screen', async () => {
    renderApp();
    await screen.findByTestId('home-prompt');
    await cardHolderArrives();
    fireEvent.click(screen.getByTestId('voice-toggle'));

    fireEvent.click(screen.getByTestId('take-number'));
    await screen.findByTestId('category-A');
    const [title, ...options] = phrases(lastSaid());
    expect(title).toBe(screen.getByRole('heading', { level: 1 }).textContent);
    // The categories arrive after the title: they are read in the order shown.
    expect(options.slice(0, CATEGORIES.length)).toEqual(CATEGORIES.map((c) => c.name.zh));

    fireEvent.click(screen.getByTestId('category-A'));
    await screen.findByTestId('ticket-screen');
    const spoken = lastSaid();
    expect(spoken).toContain(screen.getByTestId('ticket-number').textContent!);
    for (const part of phrases(spoken).flatMap((p) => p.split(' '))) expect(pageText()).toContain(part);
  });

  it('reads out why a ticket did not print, with its number', async () => {
    backend.ticketReply = {
      status: 503,
      body: {
        ok: false,
        error: { code: 'printer-paper-out', ticket: makeTicket({ number: 'A003', printed: false }) },
      },
    };
    renderApp();
    await screen.findByTestId('home-prompt');
    await cardHolderArrives();
    fireEvent.click(screen.getByTestId('voice-toggle'));
    fireEvent.click(screen.getByTestId('take-number'));
    fireEvent.click(await screen.findByTestId('category-A'));
    await screen.findByTestId('error-message');
    expect(lastSaid()).toBe(screen.getByTestId('error-message').textContent);
    expect(lastSaid()).toContain('A003');
  });

  it('stays on for the whole session: chosen before the card, through screens and state changes, off for the next', async () => {
    renderApp();
    await screen.findByTestId('home-prompt');
    fireEvent.click(screen.getByTestId('voice-toggle'));
    await cardHolderArrives();
    fireEvent.click(screen.getByTestId('take-number'));
    await screen.findByTestId('category-A');
    // The backend's state moves on (a device, the link) while the citizen chooses.
    act(() => FakeEventSource.latest().emit({ type: 'state-changed' }));
    fireEvent.click(screen.getByTestId('category-A'));
    await screen.findByTestId('ticket-screen');
    expect(useKioskStore.getState().voice).toBe(true);
    expect(screen.getByTestId('ticket-screen')).toBeTruthy();
    expect(lastSaid()).toContain('A004');

    backend.state = { ...backend.state, citizen: null };
    act(() => FakeEventSource.latest().emit({ type: 'state-changed' }));
    await screen.findByTestId('home-prompt');
    expect(useKioskStore.getState().voice).toBe(false);
    expect(screen.getByTestId('voice-toggle').getAttribute('aria-pressed')).toBe('false');
  });

  it('is turned on by 长辈模式', async () => {
    renderApp();
    await screen.findByTestId('home-prompt');
    await cardHolderArrives();
    fireEvent.click(screen.getByTestId('elderly-toggle'));
    expect(useKioskStore.getState().voice).toBe(true);
    expect(lastSaid()).toContain('常用服务');
    for (const part of phrases(lastSaid())) expect(pageText()).toContain(part);
    act(() => setElderly(false));
    expect(useKioskStore.getState().voice).toBe(true);
  });
});

describe('which voice speaks', () => {
  const fakeSynth = (langs: string[]) => {
    const spoken: SpeechSynthesisUtterance[] = [];
    return {
      spoken,
      synth: {
        getVoices: () => langs.map((lang) => ({ lang }) as SpeechSynthesisVoice),
        speak: (u: SpeechSynthesisUtterance) => void spoken.push(u),
        cancel: vi.fn(),
      },
    };
  };
  class Utterance {
    lang = '';
    rate = 1;
    voice: unknown = null;
    constructor(public text: string) {}
  }

  it('finds a Chinese voice for zh-CN under any of its names, and none for a missing language', () => {
    expect(voiceFor([{ lang: 'en-US' }, { lang: 'cmn' }], 'zh-CN')?.lang).toBe('cmn');
    expect(voiceFor([{ lang: 'zh_CN' }], 'zh-CN')?.lang).toBe('zh_CN');
    expect(voiceFor([{ lang: 'en-GB' }], 'en')?.lang).toBe('en-GB');
    expect(voiceFor([{ lang: 'en-GB' }], 'zh-CN')).toBeUndefined();
    expect(voiceFor([], 'en')).toBeUndefined();
  });

  it('lets the browser speak when it has a voice for the language, and the backend when not (Chromium on Linux)', async () => {
    const { synth, spoken } = fakeSynth(['en-US']);
    vi.stubGlobal('speechSynthesis', synth);
    vi.stubGlobal('SpeechSynthesisUtterance', Utterance);
    const v = kioskVoice();

    v.speak('Please place your ID card on the reader', 'en');
    expect(spoken.map((u) => u.text)).toEqual(['Please place your ID card on the reader']);
    expect(backend.callsTo('POST', '/api/voice/speak')).toHaveLength(0);

    v.speak('请在读卡区放置身份证', 'zh-CN');
    await vi.waitFor(() => expect(backend.callsTo('POST', '/api/voice/speak')).toHaveLength(1));
    expect(backend.callsTo('POST', '/api/voice/speak')[0]!.body).toEqual({
      text: '请在读卡区放置身份证',
      language: 'zh-CN',
    });
    expect(spoken).toHaveLength(1);

    v.cancel();
    await vi.waitFor(() => expect(backend.callsTo('POST', '/api/voice/cancel')).toHaveLength(1));
  });

  it('with no voice anywhere stays silent on screen: the backend answers silent, nothing is shown', async () => {
    backend.overrides.set('POST /api/voice/speak', { status: 200, body: { ok: true, voice: 'silent' } });
    renderApp();
    await screen.findByTestId('home-prompt');
    setVoice(kioskVoice());
    fireEvent.click(screen.getByTestId('voice-toggle'));
    await vi.waitFor(() => expect(backend.callsTo('POST', '/api/voice/speak')).toHaveLength(1));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByTestId('error-message')).toBeNull();
  });
});
