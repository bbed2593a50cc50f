// @vitest-environment jsdom
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useKioskStore } from '../state/kioskStore';
import type { FakeBackend } from '../testing/fakeBackend';
import { CITIZEN, FakeEventSource, makeTicket } from '../testing/fakeBackend';
import { installFakeBackend, removeFakeBackend, renderApp } from '../testing/kioskHarness';
import { setVoice, silentVoice, type Voice } from './voice';

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

describe('voice guidance', () => {
  it('is silent until the citizen turns it on, then reads the card prompt aloud, in the language shown', async () => {
    renderApp();
    await screen.findByTestId('home-prompt');
    expect(rec.said).toEqual([]);

    fireEvent.click(screen.getByTestId('voice-toggle'));
    expect(rec.said).toEqual([{ text: '请在读卡区放置身份证', language: 'zh-CN' }]);
    expect(pageText()).toContain(rec.said[0]!.text);

    fireEvent.click(screen.getByTestId('lang-en'));
    const last = rec.said.at(-1)!;
    expect(last.language).toBe('en');
    expect(pageText()).toContain(last.text);

    // Turning it off stops what is being said.
    fireEvent.click(screen.getByTestId('voice-toggle'));
    expect(rec.cancels()).toBe(1);
    const count = rec.said.length;
    fireEvent.click(screen.getByTestId('lang-zh'));
    expect(rec.said).toHaveLength(count);
  });

  it('reads out the choice of business and then the ticket number, all of it written on screen', async () => {
    renderApp();
    await screen.findByTestId('home-prompt');
    backend.state = { ...backend.state, citizen: { ...CITIZEN } };
    act(() => FakeEventSource.latest().emit({ type: 'state-changed' }));
    await screen.findByTestId('citizen-name');
    fireEvent.click(screen.getByTestId('voice-toggle'));

    fireEvent.click(screen.getByTestId('take-number'));
    await screen.findByTestId('category-A');
    expect(rec.said.at(-1)!.text).toBe(screen.getByRole('heading', { level: 1 }).textContent);

    fireEvent.click(screen.getByTestId('category-A'));
    await screen.findByTestId('ticket-screen');
    const spoken = rec.said.at(-1)!.text;
    expect(spoken).toContain(screen.getByTestId('ticket-number').textContent!);
    for (const part of spoken.split(' ')) expect(pageText()).toContain(part);
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
    backend.state = { ...backend.state, citizen: { ...CITIZEN } };
    act(() => FakeEventSource.latest().emit({ type: 'state-changed' }));
    await screen.findByTestId('citizen-name');
    fireEvent.click(screen.getByTestId('voice-toggle'));
    fireEvent.click(screen.getByTestId('take-number'));
    fireEvent.click(await screen.findByTestId('category-A'));
    await screen.findByTestId('error-message');
    expect(rec.said.at(-1)!.text).toBe(screen.getByTestId('error-message').textContent);
    expect(rec.said.at(-1)!.text).toContain('A003');
  });
});
