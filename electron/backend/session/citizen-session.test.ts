import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../drivers/clock';
import type { CardRead } from '../../../drivers/id-card-reader/types';
import { idCheckCharacter } from '../../../drivers/id-card-reader/id-number';
import { ageOn, CitizenSession, hallDate } from './citizen-session';
import { sessionWithCardLeftOn } from './test-support';

const card = (birthDate: string): CardRead => ({
  identity: {
    cardType: 'resident',
    name: '李四',
    gender: 'female',
    nationCode: '01',
    birthDate,
    address: '浙江省杭州市上城区解放路1号',
    idNumber: '11010519491231002X',
    issuingAuthority: '杭州市公安局',
    validFrom: '2020-01-01',
    validTo: 'long-term',
  },
  photo: new Uint8Array(1024),
});

describe('citizen session', () => {
  const clock = new ManualClock(Date.parse('2026-11-25T02:00:00Z'));

  it('hands out a masked view only, and a keyed digest instead of the ID number', () => {
    const session = sessionWithCardLeftOn({ clock, citizenRefKey: 'k'.repeat(16) });
    session.start(card('1990-05-01'));
    const view = session.view()!;
    expect(view.maskedName).toBe('李*');
    expect(view.maskedIdNumber).toBe('110105********002X');
    expect(JSON.stringify(view)).not.toContain('11010519491231002X');
    const ref = session.citizenRef()!;
    expect(ref).toMatch(/^[0-9a-f]{64}$/);
    const other = sessionWithCardLeftOn({ clock, citizenRefKey: 'j'.repeat(16) });
    other.start(card('1990-05-01'));
    expect(other.citizenRef()).not.toBe(ref);
  });

  it('applies the green channel from age 70 on the hall date', () => {
    expect(hallDate(Date.parse('2026-11-24T16:30:00Z'))).toBe('2026-11-25');
    expect(ageOn('1956-11-25', '2026-11-25')).toBe(70);
    expect(ageOn('1956-11-26', '2026-11-25')).toBe(69);
    const session = sessionWithCardLeftOn({ clock, citizenRefKey: 'k'.repeat(16) });
    session.start(card('1956-11-25'));
    expect(session.greenChannel()).toBe(true);
    session.start(card('1956-11-26'));
    expect(session.greenChannel()).toBe(false);
  });

  it('wipes the identity at the end and tells listeners once', () => {
    const session = sessionWithCardLeftOn({ clock, citizenRefKey: 'k'.repeat(16) });
    let changes = 0;
    session.onChange(() => changes++);
    const read = card('1990-05-01');
    session.start(read);
    expect(session.end()).toBe(true);
    expect(session.end()).toBe(false);
    expect(changes).toBe(2);
    expect(session.view()).toBeNull();
    expect(session.citizenRef()).toBeUndefined();
    // The caller's card object is not the session's: wiping the session copy leaves no alias behind.
    expect(read.identity.name).toBe('李四');
  });
});

describe('declared identity (typed or app QR)', () => {
  const first17 = '33010619500101123';
  const valid = first17 + idCheckCharacter(first17);

  it('accepts a number with the right check character, masked, without the green channel', () => {
    const s = sessionWithCardLeftOn({
      clock: new ManualClock(Date.parse('2026-11-25T01:00:00Z')),
      citizenRefKey: 'k',
    });
    expect(s.startDeclared(valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0'), 'typed')).toBe(false);
    expect(s.active).toBe(false);
    expect(s.startDeclared(valid, 'typed')).toBe(true);
    expect(s.view()).toEqual({
      maskedName: '',
      maskedIdNumber: `330106********${valid.slice(-4)}`,
      cardType: 'resident',
      greenChannel: false,
      source: 'typed',
    });
    expect(s.may('book-appointment')).toBe(true);
    expect(s.may('see-orders')).toBe(false);
    expect(s.citizenRef()).toMatch(/^[0-9a-f]{64}$/);
    expect(s.end()).toBe(true);
    expect(s.view()).toBeNull();
  });
});
