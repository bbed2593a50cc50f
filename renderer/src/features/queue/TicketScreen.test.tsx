// @vitest-environment jsdom
import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { KioskState } from '../../../../electron/backend/api/contract';
import { CITIZEN, makeTicket, type FakeBackend } from '../../testing/fakeBackend';
import { installFakeBackend, removeFakeBackend, renderApp } from '../../testing/kioskHarness';

afterEach(removeFakeBackend);

async function ticketFor(citizen: NonNullable<KioskState['citizen']>, setUp?: (b: FakeBackend) => void) {
  const backend = installFakeBackend(citizen);
  setUp?.(backend);
  renderApp();
  fireEvent.click(await screen.findByTestId('take-number'));
  fireEvent.click(await screen.findByTestId('category-A'));
  await screen.findByTestId('ticket-screen');
}

describe('what the ticket screen asks the citizen to take away', () => {
  it('asks for the ticket and the card when a card was read', async () => {
    await ticketFor({ ...CITIZEN, source: 'card' });
    expect(screen.getByTestId('take-away').textContent).toBe('请取走号票和身份证');
  });

  it('asks for the ticket only from someone who typed their number or scanned the app', async () => {
    for (const source of ['typed', 'qr'] as const) {
      await ticketFor({ ...CITIZEN, maskedName: '', source });
      expect(screen.getByTestId('take-away').textContent).toBe('请取走号票');
      removeFakeBackend();
    }
  });

  it('asks nothing of a typed-ID citizen whose slip did not print', async () => {
    const ticket = makeTicket({ number: 'A003', printed: false });
    await ticketFor({ ...CITIZEN, maskedName: '', source: 'typed' }, (b) => {
      b.ticketReply = { status: 503, body: { ok: false, error: { code: 'printer-paper-out', ticket } } };
    });
    expect(screen.getByTestId('ticket-number').textContent).toBe('A003');
    expect(screen.queryByTestId('take-away')).toBeNull();
  });
});
