import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../domain/clock';
import { idCheckCharacter } from '../../../domain/id-number';
import type { CardRead } from '../../../drivers/id-card-reader/types';
import { sessionWithCardLeftOn } from './test-support';

const card = (birthDate: string): CardRead => ({
  identity: {
    cardType: 'resident',
    name: '王芳',
    gender: 'female',
    nationCode: '01',
    birthDate,
    address: '浙江省杭州市上城区解放路1号',
    idNumber: '330102196611250026',
    issuingAuthority: '杭州市公安局',
    validFrom: '2020-01-01',
    validTo: 'long-term',
  },
  photo: new Uint8Array(8),
});

describe('the senior flag that offers 长辈模式', () => {
  // 2026-11-24 17:30 UTC is already 2026-11-25 01:30 in the hall (UTC+8): the hall's date counts.
  const clock = new ManualClock(Date.parse('2026-11-24T17:30:00Z'));

  it('is set from 60 on the hall date by the card, and says nothing more about the age', () => {
    const s = sessionWithCardLeftOn({ clock, citizenRefKey: 'k' });
    s.start(card('1966-11-25'));
    expect(s.view()?.senior).toBe(true);
    expect(JSON.stringify(s.view())).not.toMatch(/1966|60/);
    s.start(card('1966-11-26'));
    expect(s.view()?.senior).toBe(false);
  });

  it('goes by the birth date in a typed number as well (the screen decides what to offer)', () => {
    const s = sessionWithCardLeftOn({ clock, citizenRefKey: 'k' });
    const first17 = '33010619661125002';
    expect(s.startDeclared(first17 + idCheckCharacter(first17), 'typed')).toBe(true);
    expect(s.view()).toMatchObject({ senior: true, source: 'typed' });
  });
});
