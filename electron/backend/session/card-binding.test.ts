import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../domain/clock';
import { idCheckCharacter } from '../../../domain/id-number';
import type { CardRead } from '../../../drivers/id-card-reader/types';
import type { KioskEvent } from '../api/contract';
import type { CardEvents, KioskDevices } from '../devices/kiosk-devices';
import { createTestLogger } from '../logging/logger';
import { StaffAlerts } from '../staff-call/alerts';
import { bindCardSession } from './card-binding';
import { sessionWithCardLeftOn } from './test-support';

const withCheck = (first17: string) => first17 + idCheckCharacter(first17);
const cardOfA: CardRead = {
  identity: {
    cardType: 'resident',
    name: '赵老伯',
    gender: 'male',
    nationCode: '01',
    birthDate: '1948-12-31',
    address: '浙江省杭州市上城区解放路1号',
    idNumber: withCheck('11010519481231001'),
    issuingAuthority: '杭州市公安局',
    validFrom: '2020-01-01',
    validTo: 'long-term',
  },
  photo: new Uint8Array(0),
};

/** The reader's reports, played by hand: what the card watcher would tell the kiosk. */
function bound() {
  const clock = new ManualClock(Date.parse('2026-11-25T02:00:00Z'));
  const logger = createTestLogger();
  const session = sessionWithCardLeftOn({ clock, citizenRefKey: 'k'.repeat(16) });
  let reader: CardEvents | undefined;
  const devices = { start: (events: CardEvents) => (reader = events) } as unknown as KioskDevices;
  const events: KioskEvent[] = [];
  const binding = bindCardSession({
    devices,
    session,
    logger,
    alerts: new StaffAlerts({ clock, logger }),
    emit: (e) => events.push(e),
  });
  return { session, binding, events, reader: reader! };
}

describe('the card session bound to the card on the reader', () => {
  it('ends the card session when its card is taken away', () => {
    const { session, binding, reader } = bound();
    reader.onCard(cardOfA);
    expect(session.source).toBe('card');
    reader.onRemoved();
    expect(session.active).toBe(false);
    expect(binding.cardOnReader()).toBe(false);
  });

  it('keeps the session of someone who typed their number when a card left behind is taken back', () => {
    const { session, binding, events, reader } = bound();
    reader.onCard(cardOfA);
    // A finishes and walks away; the card stays on the reader.
    session.end();
    expect(binding.cardOnReader()).toBe(true);
    // B types their own number and is served.
    expect(session.startDeclared(withCheck('11010519900101003'), 'typed')).toBe(true);
    // A comes back for the card.
    reader.onRemoved();
    expect(session.source).toBe('typed');
    expect(session.view()).toMatchObject({ source: 'typed', maskedIdNumber: '110105********0037' });
    expect(binding.cardOnReader()).toBe(false);
    // The screen hears the card is gone (the "take your card" notice goes), B's session stands.
    expect(events).toEqual([{ type: 'state-changed' }]);
  });

  it('keeps an app-QR session too, and still ends the card session on a read error', () => {
    const { session, reader } = bound();
    reader.onCard(cardOfA);
    session.end();
    expect(session.startDeclared(withCheck('11010519900101003'), 'qr')).toBe(true);
    reader.onRemoved();
    expect(session.source).toBe('qr');
    session.end();
    reader.onCard(cardOfA);
    reader.onReadError('checksum', 'bad checksum');
    expect(session.active).toBe(false);
  });
});
